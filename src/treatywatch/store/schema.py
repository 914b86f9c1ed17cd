"""The database schema. Alembic migrations under ``migrations/`` create exactly this.

Facts carry an ``origin``: ``data`` for rows built from ``data/`` (replaced wholesale by
every build) and ``review`` for facts accepted from ingested documents (kept across builds).
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


def _origin() -> Column[str]:
    return Column("origin", String(16), nullable=False, server_default="data")


build_info = Table(
    "build_info",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

source = Table(
    "source",
    metadata,
    Column("id", String(120), primary_key=True),
    Column("authority", String(16), nullable=False),
    Column("title", Text, nullable=False),
    Column("publisher", Text, nullable=False),
    Column("url", Text),
    Column("sha256", String(64)),
    Column("published", Date),
    Column("retrieved", Date),
    _origin(),
)

state = Table(
    "state",
    metadata,
    Column("iso3", String(3), primary_key=True),
    Column("iso2", String(2), nullable=False),
    Column("name", Text, nullable=False),
    Column("formal_name", Text, nullable=False),
    Column("region", String(32), nullable=False),
    Column("subregion", String(64), nullable=False),
    Column("un_member", Boolean, nullable=False),
)

grouping_member = Table(
    "grouping_member",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("grouping", String(16), nullable=False),
    Column("state", String(3), nullable=False),
    Column("joined", Date),
    Column("left_on", Date),
)

instrument = Table(
    "instrument",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("name", Text, nullable=False),
    Column("short_name", Text, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("adopted", Date),
    Column("opened_for_signature", Date),
    Column("depositary", Text),
    Column("rules", String(40)),
    Column("entered_into_force", Date),
    # The act on another instrument that entails one on this (model.Implication), as JSON:
    # the reader derives from it what reviewed acts entail.
    Column("implied_by", Text),
)

event = Table(
    "event",
    metadata,
    Column("id", String(120), primary_key=True),
    Column("name", Text, nullable=False),
    Column("kind", String(32), nullable=False),
    Column("instrument", String(40)),
    Column("city", Text),
    Column("country", String(3)),
    Column("start", Date),
    Column("end", Date),
    Column("note", Text, nullable=False, server_default=""),
    _origin(),
)

participation = Table(
    "participation",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("event", String(120), nullable=False, index=True),
    Column("participant", Text, nullable=False, index=True),
    Column("role", String(16), nullable=False),
    _origin(),
)

action = Table(
    "action",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("instrument", String(40), nullable=False),
    Column("state", String(3), nullable=False, index=True),
    Column("kind", String(32), nullable=False),
    Column("date", Date),
    Column("note", Text, nullable=False, server_default=""),
    _origin(),
    Index("ix_action_instrument_state", "instrument", "state"),
)

statement = Table(
    "statement",
    metadata,
    Column("id", String(160), primary_key=True),
    Column("speaker", Text, nullable=False, index=True),
    Column("event", String(120), index=True),
    Column("date", Date),
    Column("text", Text, nullable=False),
    Column("topics", Text, nullable=False, server_default=""),  # space-separated vocabulary
    Column("stance", String(16)),
    _origin(),
)

claim = Table(
    "claim",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("subject", String(120), nullable=False, index=True),
    Column("property", String(64), nullable=False),
    Column("quantity", Integer, nullable=False),
    Column("unit", String(32), nullable=False),
    Column("text", Text, nullable=False, server_default=""),
    Column("as_of", Date),
    _origin(),
)

obligation_fact = Table(
    "obligation_fact",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("instrument", String(40), nullable=False),
    Column("state", String(3), nullable=False, index=True),
    Column("obligation", String(32), nullable=False),
    Column("kind", String(32), nullable=False),
    Column("date", Date),
    Column("deadline", Date),
    Column("years", Float),
    Column("note", Text, nullable=False, server_default=""),
    Column("scope", String(64), nullable=False, server_default=""),
    Column("event", String(64)),
    Column("document", String(120), nullable=False, server_default=""),
    _origin(),
)

report_fact = Table(
    "report_fact",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("instrument", String(40), nullable=False),
    Column("state", String(3), nullable=False, index=True),
    Column("report", String(16), nullable=False),
    Column("year", Integer),
    Column("status", String(16), nullable=False),
    Column("date", Date),
    Column("note", Text, nullable=False, server_default=""),
    _origin(),
)

coverage = Table(
    "coverage",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("instrument", String(40), nullable=False),
    Column("part", String(32), nullable=False),
    Column("complete_through", Date),
    Column("through_event", String(64)),
    Column("next_meeting", String(64)),
    Column("basis", Text, nullable=False, server_default=""),
    _origin(),
)

citation = Table(
    "citation",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("fact_type", String(16), nullable=False),
    Column("fact_id", String(160), nullable=False),
    Column("source", String(120), ForeignKey("source.id"), nullable=False, index=True),
    Column("locator", Text, nullable=False, server_default=""),
    _origin(),
    Index("ix_citation_fact", "fact_type", "fact_id"),
)

conflict = Table(
    "conflict",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("fact_type", String(16), nullable=False),
    Column("key", Text, nullable=False),
    Column("field", String(32), nullable=False),
    Column("variants", Text, nullable=False),  # JSON: [{value, citations: [{source, locator}]}]
    _origin(),
)

# Ingestion: documents read into the store and the candidates extracted from them.
document = Table(
    "document",
    metadata,
    Column("sha256", String(64), primary_key=True),
    Column("path", Text, nullable=False),
    Column("title", Text),
    Column("date", Date),
    Column("chars", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("ingested", String(32), nullable=False),
)

candidate = Table(
    "candidate",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("document", String(64), ForeignKey("document.sha256"), nullable=False, index=True),
    Column("kind", String(32), nullable=False),
    Column("payload", Text, nullable=False),  # JSON, one item of the extraction contract
    Column("span_start", Integer),
    Column("span_end", Integer),
    Column("status", String(16), nullable=False, server_default="pending"),
)

SCHEMA_VERSION = "0001"

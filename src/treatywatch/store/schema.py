"""The database schema. Alembic migrations under ``migrations/`` create exactly this.

Facts carry an ``origin``: ``data`` for rows built from ``data/`` (replaced wholesale by
every build) and ``review`` for facts accepted from ingested documents (kept across builds).
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    false,
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
    Column("agenda", Text, nullable=False, server_default=""),  # the item, as the source names it
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

# The workspace (issue 22): accounts, their sessions, failed logins and the audit log of
# every write. None carries an origin: builds never touch them.
account = Table(
    "account",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(64), nullable=False, unique=True),
    Column("password_hash", Text, nullable=False),
    Column("role", String(16), nullable=False),
    Column("state", String(3)),  # the state a focal point reports for
    Column("disabled", Boolean, nullable=False, server_default=false()),
    Column("created", DateTime, nullable=False),
)

login_session = Table(
    "login_session",
    metadata,
    # A hash of the cookie's token: reading the table does not give anyone a session.
    Column("token_hash", String(64), primary_key=True),
    Column("account", Integer, ForeignKey("account.id"), nullable=False, index=True),
    Column("csrf", String(64), nullable=False),
    Column("created", DateTime, nullable=False),
    Column("expires", DateTime, nullable=False),
)

login_attempt = Table(
    "login_attempt",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(64), nullable=False, index=True),
    Column("address", String(64), nullable=False, index=True),
    Column("at", DateTime, nullable=False, index=True),
)

audit_entry = Table(
    "audit_entry",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("at", DateTime, nullable=False, index=True),
    Column("actor", String(120), nullable=False, index=True),  # account name or cli:<os user>
    Column("action", String(64), nullable=False, index=True),
    Column("target", String(200), nullable=False, index=True),
    Column("before", Text),  # JSON
    Column("after", Text),  # JSON
    Column("comment", Text, nullable=False, server_default=""),
)

# Article 7 reports drafted and submitted online (issue 22): each version of a state's report
# for one year, and each of its forms with the visibility the state chose. Amending adds a
# version and keeps the old one; builds never touch these tables.
report_submission = Table(
    "report_submission",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("instrument", String(40), nullable=False),
    Column("state", String(3), nullable=False, index=True),
    Column("report", String(16), nullable=False),  # initial | annual
    Column("year", Integer),  # the calendar year an annual report covers
    Column("version", Integer, nullable=False),
    Column("status", String(16), nullable=False),  # draft | submitted
    Column("created", DateTime, nullable=False),
    Column("submitted", DateTime),
    Column("account", Integer, nullable=False),  # who drafted this version
    Column("fact", Integer),  # the report_fact its first submission set, if any
    Index(
        "ix_report_submission_key", "instrument", "state", "report", "year", "version", unique=True
    ),
)

report_form = Table(
    "report_form",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("submission", Integer, ForeignKey("report_submission.id"), nullable=False, index=True),
    Column("form", String(8), nullable=False),
    Column("visibility", String(16), nullable=False),  # public | restricted
    Column("data", Text, nullable=False),  # JSON: field name -> value
    Index("ix_report_form_submission_form", "submission", "form", unique=True),
)

SCHEMA_VERSION = "0001"

"""The store: SQLite by default, PostgreSQL by URL; built from the record, read as model types."""

"""The workspace (issue 22): accounts and roles, the audit log, review and online reports.

It sits on the same store as the public site and may import every layer below the
interfaces (model, registry, rules, record, store, query, ingest); nothing imports it but
``api.app`` when the workspace is mounted and the ``user`` commands.
"""

"""Persistence: database tables, migrations and the blob store."""

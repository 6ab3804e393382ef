"""Persistence: ORM tables, sessions, repositories and locks (SQLite and PostgreSQL alike)."""

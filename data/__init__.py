"""Everything about leaderboards: sources, storage, model identity and queries. No Discord here."""

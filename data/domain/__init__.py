"""The pure core: value types and the rules over them. No database, HTTP or scheduler."""

"""Pure renderers of the commands beyond ``/rank`` and ``/boards`` (those are in
``commands.render``): query results -> ``discord.Embed``, within Discord's limits.

``style`` holds what every embed shares: a colour per source, footers with source and snapshot
date, aligned monospace tables and the message-wide size budget.
"""

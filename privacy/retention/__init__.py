"""Retention: remove what Kompas may no longer keep, once its period has passed.

Run every night by ``python manage.py apply_retention`` (``run.apply_retention``), one
module per kind of data. Each step selects only what is
older than its period and not yet handled, so a second run finds nothing to do. The
periods come from settings (``KOMPAS_RETENTION_*``); docs/privacy.md lists them.

Removals run with the audit log switched off: it would otherwise keep a copy of what is
being removed (the run's own report says what was done).

What a removed gift nomination leaves elsewhere goes with it: the history of its
connections, and its name and values in the audit log and the admin's log (the entries
stay, so that who did what and when is still known, but no longer name the person).
``forget_person_in_jewel_history`` keeps the history of a jewel free of a person's address
once the jewel no longer needs it; the services call it when consent changes, and every
run sweeps what is left.
"""

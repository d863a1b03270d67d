"""Demo data: the invented municipality of Markeveld, built by ``manage.py load_demo``.

Installed only where DEBUG is on or KOMPAS_DEMO=true (see settings)."""

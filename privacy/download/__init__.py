"""The download of everything Kompas holds about a person (/mijn/gegevens.zip): its sections,
one per concept, built in ``contents``."""

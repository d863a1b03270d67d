"""The default cache: Django's database cache, made safe for counting from many processes.

Every gunicorn worker and every app server sees the same table, so a limit counted there
holds for the whole site. Django's own ``incr`` reads the value and writes it back, so two
processes counting at the same moment can lose a count, and it gives the entry the
default lifetime instead of its own; ``add`` on an entry that has expired but is still in
the table can succeed twice. Both are done here in a way that holds: allauth's sign-in
limits take a lock with ``add``, its "code already used" marker is an ``add``, and the
form limit (``kompas.ratelimit``) counts with ``add`` and ``incr``.
"""

import base64
import pickle

from django.core.cache.backends import db
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.db import connections, router, transaction
from django.utils.timezone import now


# The SQL below is built from identifiers only (the table name from the settings and the
# column names, each quoted by the database's own quote_name); every value is a query
# parameter. So bandit's B608 (SQL built from strings) is marked reviewed where it fires.
class DatabaseCache(db.DatabaseCache):
    def _connection(self):
        """The database alias, its connection, and a function that quotes names."""
        alias = router.db_for_write(self.cache_model_class)
        return alias, connections[alias], connections[alias].ops.quote_name

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        """Django's ``add``, after removing this key's entry if it has expired: then only
        an INSERT can succeed, and the table's primary key lets only one process do it."""
        _alias, connection, q = self._connection()
        row_key = self.make_and_validate_key(key, version=version)
        expired_before = connection.ops.adapt_datetimefield_value(now().replace(microsecond=0))
        with connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM {q(self._table)} WHERE {q('cache_key')} = %s AND {q('expires')} < %s",  # nosec B608
                [row_key, expired_before],
            )
        return super().add(key, value, timeout, version)

    def incr(self, key, delta=1, version=None):
        """Add ``delta`` to the number kept under ``key``, keeping its expiry; a
        ValueError when there is none (as in every Django cache)."""
        alias, connection, q = self._connection()
        row_key = self.make_and_validate_key(key, version=version)
        with transaction.atomic(using=alias), connection.cursor() as cursor:
            # A write that changes nothing but locks the entry (in SQLite: the database)
            # until the transaction ends: another process counting waits here, and then
            # reads what this one wrote.
            cursor.execute(
                f"UPDATE {q(self._table)} SET {q('expires')} = {q('expires')} "  # nosec B608
                f"WHERE {q('cache_key')} = %s",
                [row_key],
            )
            value = self.get(key, self._missing_key, version=version)
            if value is self._missing_key:
                raise ValueError(f"Key '{key}' not found")
            value += delta
            # Encoded as Django's database cache stores every value.
            encoded = base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")
            cursor.execute(
                f"UPDATE {q(self._table)} SET {q('value')} = %s WHERE {q('cache_key')} = %s",  # nosec B608
                [encoded, row_key],
            )
        return value


def create_cache_tables(using="default", verbosity=1, **kwargs):
    """After ``migrate`` (post_migrate): the database cache's table, where it is missing.
    Wherever the database is set up, the cache it holds is set up with it."""
    from django.core.management import call_command

    # Quiet unless migrate is asked for more than its usual report.
    call_command("createcachetable", database=using, verbosity=max(verbosity - 1, 0))

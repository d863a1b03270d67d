"""Compare a database and its restored copy, and a media directory and its restored copy;
scripts/backup_drill.sh runs it. Exits non-zero on any difference.

Per table of the public schema: the number of rows and an MD5 of every row in primary-key
order (``COPY (SELECT … ORDER BY pk) TO STDOUT``, so the comparison covers the content,
geometries included, not only the counts); per sequence its position (a restore that
lost it would hand out ids already taken); per media file its SHA-256.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

import psycopg
from psycopg import sql

TABLES = """
    SELECT c.oid, c.relname
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
    ORDER BY c.relname
"""
PRIMARY_KEY = """
    SELECT a.attname
    FROM pg_index i
    JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, position) ON true
    JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
    WHERE i.indrelid = %s AND i.indisprimary
    ORDER BY k.position
"""
SEQUENCES = """
    SELECT c.relname
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind = 'S'
    ORDER BY c.relname
"""


def table_fingerprints(url: str) -> dict[str, tuple[int, str]]:
    """Per table: (rows, md5 of its rows in primary-key order)."""
    fingerprints = {}
    with psycopg.connect(url) as connection, connection.cursor() as cursor:
        for oid, table in cursor.execute(TABLES).fetchall():
            key = [row[0] for row in cursor.execute(PRIMARY_KEY, [oid]).fetchall()]
            # Without a primary key, the whole row as text gives a stable order.
            order = (
                sql.SQL(", ").join(sql.Identifier(column) for column in key)
                if key
                else sql.SQL("t::text")
            )
            query = sql.SQL("COPY (SELECT * FROM {} t ORDER BY {}) TO STDOUT").format(
                sql.Identifier(table), order
            )
            digest, rows = hashlib.md5(usedforsecurity=False), 0
            with cursor.copy(query) as copy:
                for block in copy:
                    digest.update(block)
                    rows += bytes(block).count(b"\n")
            fingerprints[table] = (rows, digest.hexdigest())
        for (sequence,) in cursor.execute(SEQUENCES).fetchall():
            # A sequence reads as exactly one row.
            position = cursor.execute(
                sql.SQL("SELECT last_value, is_called FROM {}").format(sql.Identifier(sequence))
            ).fetchall()[0]
            fingerprints[f"sequence {sequence}"] = (int(position[0]), str(position[1]))
    return fingerprints


def file_fingerprints(root: Path) -> dict[str, tuple[int, str]]:
    """Per file under root: (bytes, sha256)."""
    return {
        str(path.relative_to(root)): (
            path.stat().st_size,
            hashlib.sha256(path.read_bytes()).hexdigest(),
        )
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def compare(kind: str, original: dict, restored: dict) -> list[str]:
    differences = []
    for name in sorted(original.keys() | restored.keys()):
        if name not in restored:
            differences.append(f"{kind} {name}: missing from the restore")
        elif name not in original:
            differences.append(f"{kind} {name}: only in the restore")
        elif original[name] != restored[name]:
            differences.append(f"{kind} {name}: {original[name]} became {restored[name]}")
    return differences


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--original", required=True, help="libpq URL of the backed-up database")
    parser.add_argument("--restored", required=True, help="libpq URL of the restored database")
    parser.add_argument("--media", type=Path, required=True)
    parser.add_argument("--restored-media", type=Path, required=True)
    options = parser.parse_args()

    tables = table_fingerprints(options.original)
    restored_tables = table_fingerprints(options.restored)
    files = file_fingerprints(options.media)
    restored_files = file_fingerprints(options.restored_media)

    differences = compare("table", tables, restored_tables) + compare("file", files, restored_files)
    real_tables = {name: value for name, value in tables.items() if not name.startswith("sequence")}
    print(f"  tables compared      {len(real_tables)}")
    print(f"  rows compared        {sum(rows for rows, _ in real_tables.values())}")
    print(f"  sequences compared   {len(tables) - len(real_tables)}")
    print(f"  media files compared {len(files)} ({sum(size for size, _ in files.values())} bytes)")
    busiest = sorted(real_tables.items(), key=lambda item: -item[1][0])[:8]
    for name, (rows, digest) in busiest:
        same = "same" if restored_tables.get(name) == (rows, digest) else "DIFFERENT"
        print(f"    {name:<44} {rows:>7} rows  md5 {digest[:12]}…  {same}")
    if not real_tables or not any(rows for rows, _ in real_tables.values()):
        differences.append("the original database is empty: nothing was tested")
    if not files:
        differences.append("the media directory is empty: nothing was tested")
    if differences:
        for difference in differences[:40]:
            print(f"  DIFFERENT: {difference}")
        return 1
    print("  Restore identical: every table's rows and checksum, every sequence, every media file.")
    return 0


if __name__ == "__main__":
    sys.exit(main())

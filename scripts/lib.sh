# shellcheck shell=bash
# Shared shell functions for the scripts in scripts/ (run.sh, test.sh, the drills and the
# benchmark). Source it; don't run it.
# Everything here is idempotent: a second call with nothing changed does (almost) nothing.

KOMPAS_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$KOMPAS_ROOT/.venv"
PY="$VENV/bin/python"
# pyproject.toml: requires-python = ">=3.11,<3.12" (Debian 12's own Python).
PYTHON_SERIES="3.11"

export DEBIAN_FRONTEND=noninteractive
export PIP_DISABLE_PIP_VERSION_CHECK=1

say() { printf '==> %s\n' "$*"; }
warn() { printf '!!  %s\n' "$*" >&2; }
die() {
    printf '!!  %s\n' "$*" >&2
    exit 1
}

# Run a command as root: directly when we are root, through sudo otherwise.
as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        die "need root (or sudo) for: $*"
    fi
}

# True when the Debian package is installed.
dpkg_installed() {
    dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

# ensure_debian_packages SPEC...: install the Debian packages that are missing, running
# `apt-get update` once first. SPEC is a package name, or PACKAGE:COMMAND to count the
# package as present when COMMAND is on the PATH however it got there (Node.js from
# NodeSource brings its own npm, and Debian's npm would conflict with it).
_APT_UPDATED=""
ensure_debian_packages() {
    local spec package cmd missing=()
    for spec in "$@"; do
        package="${spec%%:*}"
        cmd=""
        [ "$package" != "$spec" ] && cmd="${spec#*:}"
        if [ -n "$cmd" ] && command -v "$cmd" >/dev/null 2>&1; then
            continue
        fi
        dpkg_installed "$package" || missing+=("$package")
    done
    if [ "${#missing[@]}" -eq 0 ]; then
        return 0
    fi
    command -v apt-get >/dev/null 2>&1 ||
        die "missing packages (${missing[*]}) and no apt-get: this script expects Debian 12"
    say "Installing Debian packages: ${missing[*]}"
    if [ -z "$_APT_UPDATED" ]; then
        as_root apt-get update -qq
        _APT_UPDATED=1
    fi
    as_root env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -qq -o Dpkg::Use-Pty=0 "${missing[@]}" </dev/null
}

# The check a Python must pass to run Kompas: the right series, a sqlite3 module that can
# load extensions (SpatiaLite is one) and a working venv/ensurepip.
_python_fits() {
    "$1" - "$PYTHON_SERIES" <<'EOF'
import sys
want = sys.argv[1]
have = "%d.%d" % sys.version_info[:2]
if have != want:
    sys.exit(f"is Python {have}, Kompas needs {want}")
import sqlite3
try:
    sqlite3.connect(":memory:").enable_load_extension(True)
except AttributeError:
    sys.exit("its sqlite3 module cannot load extensions (built without"
             " --enable-loadable-sqlite-extensions), so SpatiaLite cannot load")
try:
    import ensurepip, venv  # noqa: F401
except ImportError:
    sys.exit("has no venv/ensurepip (Debian: apt-get install python3-venv)")
EOF
}

# Print the path of a Python that fits, or explain why none does and fail.
# KOMPAS_PYTHON=/path/to/python overrides the search.
find_python() {
    local candidates=() candidate path reason reasons=""
    if [ -n "${KOMPAS_PYTHON:-}" ]; then
        candidates=("$KOMPAS_PYTHON")
    else
        # Debian's own Python first: pyenv's and other self-built ones often cannot
        # load SQLite extensions.
        candidates=(/usr/bin/python3.11 /usr/bin/python3 python3.11 python3)
    fi
    for candidate in "${candidates[@]}"; do
        if ! path="$(command -v "$candidate" 2>/dev/null)"; then
            reasons+="    $candidate: not found"$'\n'
            continue
        fi
        if reason="$(_python_fits "$path" 2>&1)"; then
            printf '%s\n' "$path"
            return 0
        fi
        reasons+="    $path: ${reason##*$'\n'}"$'\n'
    done
    printf '!!  No Python fits Kompas. It needs Python %s whose sqlite3 module can load\n' \
        "$PYTHON_SERIES" >&2
    printf '!!  extensions (for SpatiaLite), with venv. Tried:\n%s' "$reasons" >&2
    printf '!!  On Debian 12: apt-get install python3 python3-venv, then run this again.\n' >&2
    printf '!!  Or point KOMPAS_PYTHON at such a Python.\n' >&2
    return 1
}

# Create .venv with a Python that fits (recreating one that doesn't), and install exactly
# the versions in requirements-dev.lock (hashes checked), unless a stamp newer than the
# lock file says it is done. The project itself goes in as an editable install, built
# with the setuptools from the lock file.
ensure_venv() {
    local python stamp="$VENV/.kompas-installed" lock="$KOMPAS_ROOT/requirements-dev.lock"
    if [ -x "$PY" ] && ! _python_fits "$PY" >/dev/null 2>&1; then
        warn ".venv was made with a Python that cannot run Kompas; making it again"
        rm -rf "$VENV"
    fi
    if [ ! -x "$PY" ]; then
        python="$(find_python)" || exit 1
        say "Creating .venv with $python"
        "$python" -m venv "$VENV"
    fi
    if [ -f "$stamp" ] && [ "$stamp" -nt "$lock" ] && [ "$stamp" -nt "$KOMPAS_ROOT/pyproject.toml" ]; then
        say "Python packages up to date"
        return 0
    fi
    say "Installing Python packages (requirements-dev.lock)"
    (cd "$KOMPAS_ROOT" &&
        _pip install --require-hashes --no-deps -r "$lock" &&
        _pip install --no-deps --no-build-isolation -e .)
    touch "$stamp"
}

# pip, quietly; without this machine's warnings about absent local index folders.
_pip() {
    "$PY" -m pip --quiet "$@" 2> >(grep -v 'is ignored: it is neither a file nor a directory' >&2)
}

# npm ci, unless node_modules was installed from the current package-lock.json.
ensure_node_modules() {
    local marker="$KOMPAS_ROOT/node_modules/.package-lock.json"
    if [ -f "$marker" ] && [ "$marker" -nt "$KOMPAS_ROOT/package-lock.json" ]; then
        say "Front-end packages up to date"
        return 0
    fi
    say "Installing front-end packages (npm ci)"
    # No package needs an install script; vnu-jar's would download a Java runtime from
    # GitHub when Debian's is not there yet (the test command installs Debian's).
    (cd "$KOMPAS_ROOT" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error </dev/null)
}

# Compile the gettext catalogues whose .mo is missing or older than the .po.
compile_messages() {
    local po stale=""
    while IFS= read -r -d '' po; do
        po="$KOMPAS_ROOT/${po#./}"
        if [ ! -f "${po%.po}.mo" ] || [ "$po" -nt "${po%.po}.mo" ]; then
            stale=1
            break
        fi
    done < <(cd "$KOMPAS_ROOT" && find . \( -path ./.venv -o -path ./node_modules \) -prune \
        -o -path '*/locale/*' -name '*.po' -print0)
    if [ -z "$stale" ]; then
        say "Translations up to date"
        return 0
    fi
    say "Compiling translations"
    # Settings refuse to load without a key; compiling catalogues needs none.
    SECRET_KEY="${SECRET_KEY:-compilemessages-only}" \
        manage compilemessages --ignore=.venv --ignore=node_modules >/dev/null
}

# manage ARGS...: python manage.py ARGS in the repo, with the venv's Python.
manage() {
    (cd "$KOMPAS_ROOT" && "$PY" manage.py "$@")
}

# A free TCP port on 127.0.0.1.
free_port() {
    "$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# --- A private, throwaway PostgreSQL cluster (for the tests when none answers) ----------

# The directory of PostgreSQL's server programs (initdb, pg_ctl).
pg_bindir() {
    local dir
    # Debian 12's 15 first, then any other version installed.
    for dir in /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin; do
        [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] && { printf '%s\n' "$dir"; return 0; }
    done
    dir="$(dirname "$(command -v initdb 2>/dev/null || echo /nonexistent/initdb)")"
    [ -x "$dir/initdb" ] && { printf '%s\n' "$dir"; return 0; }
    die "no initdb/pg_ctl found (Debian: apt-get install postgresql-15)"
}

# postgres_accepts URL: true when the PostgreSQL at URL (postgresql://user@host:port/db)
# takes a real connection as its user without a password and that user may create the
# test database and the PostGIS extension (a superuser). A server that answers but asks
# for a password (Debian's fresh cluster: scram-sha-256 on 127.0.0.1) does not count:
# `pg_isready` would say yes to it. Prints why not. Needs the venv (psycopg).
postgres_accepts() {
    "$PY" - "$1" <<'PYTHON'
import sys

import psycopg

try:
    # The server's maintenance database: the one in the URL may not exist yet.
    conninfo = psycopg.conninfo.conninfo_to_dict(sys.argv[1])
    conninfo.update(dbname="postgres", connect_timeout=5)
    with psycopg.connect(**conninfo) as connection:
        is_superuser = connection.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user").fetchone()[0]
except psycopg.Error as error:
    sys.exit(f"it refuses a connection: {str(error).strip().splitlines()[-1]}")
if not is_superuser:
    sys.exit("its user is no superuser, and the tests create a database with PostGIS")
PYTHON
}

PRIVATE_PG_DIR=""
PRIVATE_PG_PORT=""
_PG_AS=()

# Start a cluster in a new temporary directory, listening on a free port on 127.0.0.1
# only, sockets in that directory, trust authentication, no fsync (it is thrown away).
# PostgreSQL refuses to run as root, so as root it runs as the `postgres` user.
# Sets PRIVATE_PG_DIR and PRIVATE_PG_PORT; stop_private_postgres removes it all.
# `start_private_postgres debian` authenticates as Debian's fresh cluster does (peer on
# the socket, scram-sha-256 over TCP): the check of postgres_accepts is tested on it.
start_private_postgres() {
    local bindir auth=(--auth=trust)
    [ "${1:-}" = debian ] && auth=(--auth-local=peer --auth-host=scram-sha-256)
    bindir="$(pg_bindir)"
    PRIVATE_PG_DIR="$(mktemp -d "${TMPDIR:-/tmp}/kompas-pg.XXXXXX")"
    if [ "$(id -u)" -eq 0 ]; then
        id postgres >/dev/null 2>&1 || die "no 'postgres' user to run a private PostgreSQL as"
        chown postgres: "$PRIVATE_PG_DIR"
        _PG_AS=(runuser -u postgres --)
    fi
    PRIVATE_PG_PORT="$(free_port)"
    say "Starting a private PostgreSQL on 127.0.0.1:$PRIVATE_PG_PORT in $PRIVATE_PG_DIR"
    if ! (cd / && "${_PG_AS[@]}" "$bindir/initdb" -D "$PRIVATE_PG_DIR/data" -U postgres \
        "${auth[@]}" --encoding=UTF8 --locale=C.UTF-8 >"$PRIVATE_PG_DIR/initdb.log" 2>&1); then
        cat "$PRIVATE_PG_DIR/initdb.log" >&2
        die "initdb failed"
    fi
    if ! (cd / && "${_PG_AS[@]}" "$bindir/pg_ctl" -D "$PRIVATE_PG_DIR/data" \
        -l "$PRIVATE_PG_DIR/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -c port=$PRIVATE_PG_PORT" \
        -o "-c unix_socket_directories=$PRIVATE_PG_DIR" \
        -o "-c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
        start >/dev/null); then
        cat "$PRIVATE_PG_DIR/server.log" >&2 || true
        die "the private PostgreSQL did not start"
    fi
}

# start_work_dir NAME: a fresh WORK_DIR in $TMPDIR, removed on exit together with the
# private PostgreSQL, if one was started. Readable by others: where the scripts run as
# root, parts of the drills run as the postgres user.
start_work_dir() {
    WORK_DIR="$(mktemp -d "${TMPDIR:-/tmp}/kompas-$1.XXXXXX")"
    chmod 755 "$WORK_DIR"
    trap _remove_work_dir EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
}

_remove_work_dir() {
    stop_private_postgres
    rm -rf "$WORK_DIR"
}

stop_private_postgres() {
    [ -n "$PRIVATE_PG_DIR" ] || return 0
    if [ -f "$PRIVATE_PG_DIR/data/postmaster.pid" ]; then
        (cd / && "${_PG_AS[@]}" "$(pg_bindir)/pg_ctl" -D "$PRIVATE_PG_DIR/data" \
            -m immediate -w stop >/dev/null 2>&1) || warn "could not stop the private PostgreSQL"
    fi
    rm -rf "$PRIVATE_PG_DIR"
    say "Stopped and removed the private PostgreSQL"
    PRIVATE_PG_DIR=""
}

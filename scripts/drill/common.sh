# shellcheck shell=bash
# Shared by scripts/drill.sh and scripts/backup_drill.sh: a site like production (DEBUG
# off, static files collected, a real SECRET_KEY-shaped key) on a private, throwaway
# PostgreSQL with PostGIS. Source it after scripts/lib.sh; don't run it.

# The packages, the venv, the front-end assets and the catalogues the site needs.
# DRILL_SKIP_INSTALL=1 skips it on a machine already set up (by run.sh or test.sh).
drill_install() {
    if [ -n "${DRILL_SKIP_INSTALL:-}" ]; then
        [ -x "$PY" ] || die "DRILL_SKIP_INSTALL is set but there is no $PY"
        return 0
    fi
    ensure_debian_packages postgresql-15 postgresql-15-postgis-3 gettext python3 python3-venv \
        nodejs:node npm:npm
    ensure_venv
    ensure_node_modules
    compile_messages
}

# drill_start_postgres: start_private_postgres, then write its listen address, port and
# socket directory into the cluster's own configuration (ALTER SYSTEM), so that a plain
# `pg_ctl start` after a stop, as the fault drill does, comes back the same.
drill_start_postgres() {
    start_private_postgres
    drill_psql postgres -c "ALTER SYSTEM SET listen_addresses = '127.0.0.1'" \
        -c "ALTER SYSTEM SET port = $PRIVATE_PG_PORT" \
        -c "ALTER SYSTEM SET unix_socket_directories = '$PRIVATE_PG_DIR'" >/dev/null
    export DRILL_PG_BINDIR DRILL_PG_DATA DRILL_PG_LOG DRILL_PG_AS
    DRILL_PG_BINDIR="$(pg_bindir)"
    DRILL_PG_DATA="$PRIVATE_PG_DIR/data"
    DRILL_PG_LOG="$PRIVATE_PG_DIR/server.log"
    DRILL_PG_AS="${_PG_AS[*]}"
}

# drill_psql DATABASE ARGS...: psql as the superuser of the private cluster.
drill_psql() {
    local database="$1"
    shift
    psql --no-psqlrc --quiet --set ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PRIVATE_PG_PORT" \
        -U postgres -d "$database" "$@"
}

# drill_site_env WORK_DIR DATABASE: the environment the site runs with in a drill, as an
# array DRILL_ENV for `env`: production settings, but plain HTTP on loopback, a throwaway
# key, mail written to files (the drill reads residents' sign-in codes there) and no map
# tiles. KOMPAS_FORM_RATE_LIMIT_POSTS is raised: every drill client posts from 127.0.0.1.
drill_site_env() {
    local work_dir="$1" database="$2"
    DRILL_ENV=(
        env -u DEBUG -u TESTING -u KOMPAS_WEB_PROCESS
        DATABASE_URL="postgis://postgres@127.0.0.1:$PRIVATE_PG_PORT/$database"
        SECRET_KEY="kompas-drill-not-secret-$(date +%s)-$RANDOM$RANDOM"
        ALLOWED_HOSTS=127.0.0.1
        SECURE_SSL_REDIRECT=false
        SESSION_COOKIE_SECURE=false
        CSRF_COOKIE_SECURE=false
        SECURE_HSTS_SECONDS=0
        STATIC_ROOT="$work_dir/static"
        MEDIA_ROOT="$work_dir/media"
        EMAIL_URL="filemail:///$work_dir/mail"
        KOMPAS_MAP_TILES_URL=
        KOMPAS_FORM_RATE_LIMIT_POSTS=1000000
        LOG_LEVEL=WARNING
    )
}

# drill_prepare_site WORK_DIR DATABASE: create the database, migrate, build the demo
# municipality (load_demo, through the services) and collect the static files.
drill_prepare_site() {
    local work_dir="$1" database="$2"
    drill_site_env "$work_dir" "$database"
    mkdir -p "$work_dir/static" "$work_dir/media" "$work_dir/mail"
    say "Creating the database $database with PostGIS"
    drill_psql postgres -c "CREATE DATABASE $database"
    drill_psql "$database" -c "CREATE EXTENSION postgis" -c "CREATE EXTENSION pg_trgm"
    say "migrate, load_demo, collectstatic"
    "${DRILL_ENV[@]}" "$PY" manage.py migrate --noinput >"$work_dir/migrate.log"
    "${DRILL_ENV[@]}" "$PY" manage.py load_demo --force >"$work_dir/load_demo.log"
    "${DRILL_ENV[@]}" "$PY" manage.py collectstatic --noinput >"$work_dir/collectstatic.log"
}

# drill_backup_and_compare WORK_DIR DATABASE: back up the database (pg_dump -Fc) and the
# media directory (tar), restore both into a fresh database and directory with the
# commands of docs/operations.md -- the restore as an application role that is no
# superuser, after a superuser made the database and its extensions -- and compare them
# (scripts/drill/backup_check.py). Non-zero on a difference.
drill_backup_and_compare() {
    local work_dir="$1" database="$2" bindir backup started backed_up restored url
    local restored_db="${database}_restored" role="kompas_restore"
    local as_superuser=(-h 127.0.0.1 -p "$PRIVATE_PG_PORT" -U postgres)
    local as_application=(-h 127.0.0.1 -p "$PRIVATE_PG_PORT" -U "$role")
    bindir="$(pg_bindir)"
    backup="$work_dir/backup"
    mkdir -p "$backup" "$work_dir/restored-media"
    say "Backup and restore drill"
    started=$SECONDS
    "$bindir/pg_dump" "${as_superuser[@]}" --format=custom --file="$backup/kompas.dump" \
        "$database"
    tar -C "$work_dir/media" -czf "$backup/media.tar.gz" .
    backed_up=$SECONDS
    drill_psql postgres -c "CREATE ROLE $role LOGIN" >/dev/null
    "$bindir/createdb" "${as_superuser[@]}" --template=template0 --owner="$role" "$restored_db"
    drill_psql "$restored_db" -c "CREATE EXTENSION postgis" -c "CREATE EXTENSION pg_trgm"
    # The extensions exist already, with PostGIS's own spatial_ref_sys: the application's
    # role may not create, comment or fill them (Kompas adds no spatial reference system).
    "$bindir/pg_restore" --list "$backup/kompas.dump" |
        grep -v -e ' EXTENSION ' -e ' TABLE DATA public spatial_ref_sys ' >"$backup/kompas.list"
    "$bindir/pg_restore" "${as_application[@]}" --use-list="$backup/kompas.list" \
        --exit-on-error --no-owner --dbname="$restored_db" "$backup/kompas.dump"
    tar -C "$work_dir/restored-media" -xzf "$backup/media.tar.gz"
    restored=$SECONDS
    printf '  dump                 %s (pg_dump -Fc), media archive %s\n' \
        "$(du -h "$backup/kompas.dump" | cut -f1)" "$(du -h "$backup/media.tar.gz" | cut -f1)"
    printf '  backup took          %ss, restore took %ss (as %s, no superuser)\n' \
        "$((backed_up - started))" "$((restored - backed_up))" "$role"
    url="postgresql://postgres@127.0.0.1:$PRIVATE_PG_PORT"
    "$PY" "$KOMPAS_ROOT/scripts/drill/backup_check.py" --original "$url/$database" \
        --restored "$url/$restored_db" \
        --media "$work_dir/media" --restored-media "$work_dir/restored-media"
}

# A line about the machine, for the record.
drill_machine() {
    printf 'machine: %s cores, %s RAM, %s; PostgreSQL %s; %s\n' "$(nproc)" \
        "$(free -h | awk '/^Mem:/ {print $2}')" "$(uname -sr)" \
        "$("$(pg_bindir)/postgres" --version | awk '{print $3}')" "$(date -u '+%Y-%m-%d %H:%M UTC')"
}

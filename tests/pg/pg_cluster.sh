#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for one test script (source it): pg_start makes it in a
# temporary folder, listening only on a Unix socket in that folder (no TCP), with trust
# authentication; an EXIT trap stops and removes it. The server refuses to run as root, so
# under root it runs as the `postgres` system user. Without the server binaries the script
# exits 77, which ctest reports as skipped.
#
#   pg_start              # sets PG_DIR (socket folder) and PG_ADMIN (superuser's conninfo)
#   pg_createdb NAME      # prints NAME's conninfo for --db
#   pg_sql DB 'SQL'       # runs SQL as the superuser in DB, unaligned output without headers
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}

pg_start() {
  if [ ! -x "$PG_BIN/initdb" ] || ! command -v psql > /dev/null; then
    echo "skipped: PostgreSQL 15 server binaries not found in $PG_BIN (install postgresql-15)"
    exit 77
  fi
  PG_DIR=$(mktemp -d /tmp/parindex-pg.XXXXXX)
  as_server=()
  if [ "$(id -u)" -eq 0 ]; then
    if ! id postgres > /dev/null 2>&1; then
      echo "skipped: running as root and there is no 'postgres' user to run the server as"
      exit 77
    fi
    chown postgres "$PG_DIR"
    as_server=(runuser -u postgres --)
  fi
  chmod 755 "$PG_DIR"
  trap pg_stop EXIT
  "${as_server[@]}" "$PG_BIN/initdb" -D "$PG_DIR/data" -U pgadmin -A trust -E UTF8 --no-locale \
    > "$PG_DIR/initdb.log" 2>&1 || { cat "$PG_DIR/initdb.log"; exit 1; }
  "${as_server[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -s \
    -o "-c listen_addresses='' -k $PG_DIR -c fsync=off -c synchronous_commit=off -c max_connections=40" \
    start || { cat "$PG_DIR/server.log"; exit 1; }
  PG_ADMIN="host=$PG_DIR user=pgadmin"
  export PGCONNECT_TIMEOUT=10
}

pg_stop() {
  [ -n "${PG_DIR:-}" ] || return 0
  "${as_server[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate -s stop > /dev/null 2>&1 || true
  rm -rf "$PG_DIR"
  PG_DIR=
}

pg_sql() { # db sql
  psql -X -q -v ON_ERROR_STOP=1 -At -d "$PG_ADMIN dbname=$1" -c "$2"
}

pg_createdb() { # name
  psql -X -q -v ON_ERROR_STOP=1 -d "$PG_ADMIN dbname=postgres" -c "CREATE DATABASE \"$1\"" > /dev/null
  echo "$PG_ADMIN dbname=$1"
}

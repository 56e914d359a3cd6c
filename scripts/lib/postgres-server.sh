# Sourced by the test and benchmark scripts: a throw-away PostgreSQL 15 server on loopback.
#   pg_start            initdb into a temp dir, start on a free port, export PG_URL (admin URL);
#                       PG_SERVER_OPTIONS="-c name=value ..." overrides the settings below
#   pg_stop             stop it and remove the data (also run from an EXIT trap)
# initdb and postgres refuse to run as root, so as root they run as the "postgres" user.

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}

pg__as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg__free_port() {
  local port
  for port in $(seq 55432 55532); do
    if ! (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null; then echo "$port"; return 0; fi
  done
  return 1
}

pg_start() {
  [ -x "$PG_BIN/initdb" ] || { echo "postgres-server: $PG_BIN/initdb not found (is postgresql-15 installed?)" >&2; return 1; }
  PG_DIR=$(mktemp -d /tmp/reconcile-pg.XXXXXX)
  if [ "$(id -u)" -eq 0 ]; then chown postgres: "$PG_DIR"; fi
  chmod 700 "$PG_DIR"
  pg__as_owner "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres -A trust -E UTF8 --locale=C >"$PG_DIR/initdb.log" 2>&1 \
    || { cat "$PG_DIR/initdb.log" >&2; return 1; }
  # One transaction holds a lock per relation it creates: applying GitLab's schema (about 6,500
  # relations) while another test creates 3,000 tables needs more than the default lock table.
  # pg_stat_statements: the tests count the statements a dry run sends, the benchmark times the
  # catalog queries on the server. Its table is the cluster's: at the default 5,000 entries, a
  # test applying GitLab's schema beside it (thousands of distinct statements) evicts the
  # least-called entries, which are the counted dry run's.
  # A port found free may be taken before the server binds it (another server starting): then
  # the next free one is tried, a few times, rather than failing the run on a race.
  local attempt
  for attempt in 1 2 3 4 5; do
    PG_PORT=$(pg__free_port) || { echo "postgres-server: no free port" >&2; return 1; }
    [ ! -f "$PG_DIR/server.log" ] || pg__as_owner truncate -s 0 "$PG_DIR/server.log"
    if pg__as_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 start \
      -o "-h 127.0.0.1 -p $PG_PORT -k $PG_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 -c max_locks_per_transaction=256 -c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.max=50000 ${PG_SERVER_OPTIONS:-}" \
      >/dev/null; then
      break
    fi
    if [ "$attempt" -lt 5 ] && grep -q "could not bind\|Address already in use\|could not create any TCP/IP sockets" "$PG_DIR/server.log"; then
      continue
    fi
    cat "$PG_DIR/server.log" >&2
    return 1
  done
  export PG_URL="postgresql://postgres@127.0.0.1:$PG_PORT/postgres"
  export PG_DIR PG_PORT
}

pg_stop() {
  if [ -n "${PG_DIR:-}" ] && [ -d "$PG_DIR/data" ]; then
    pg__as_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$PG_DIR"
  fi
  PG_DIR=""
}

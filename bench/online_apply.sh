#!/usr/bin/env bash
# What a release-phase apply does to the traffic of a busy table: a writer inserts into
# public.events (ROWS rows) at a steady rate while the same four changes are made to it, three
# ways, each on a fresh copy of the database:
#   online     reconcile --apply (indexes concurrently, constraints validated after the main
#              transaction, NOT NULL through a validated check)
#   one-tx     reconcile --apply --no-concurrently (everything in the one transaction)
#   psql -1    the plain DDL with `psql -1 -f` (the anchor: what a hand-written migration does)
# The changes: an index on account_id, a foreign key to accounts, a check, and NOT NULL on a
# column that has no NULLs. For each it prints the writer's longest stall (the worst latency of
# an insert, measured from when it was due: pgbench --rate), its p99, its errors, and how long
# the change took.
#
#   bench/online_apply.sh                  # ROWS=1000000 RATE=200 (inserts a second)
#   ROWS=200000 bench/online_apply.sh      # quicker
#
# Not a test: a figure for docs/performance.md. Needs pgbench (postgresql-15's client tools).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
ROWS=${ROWS:-1000000}
RATE=${RATE:-200}
CURRENT=$ROOT/build/reconcile
[ -x "$CURRENT" ] || scripts/build.sh
command -v pgbench >/dev/null || { echo "bench: pgbench is missing (apt-get install postgresql-client-15)" >&2; exit 1; }

source "$ROOT/scripts/lib/postgres-server.sh"
WORK=$(mktemp -d /tmp/reconcile-online.XXXXXX)
trap 'pg_stop; rm -rf "$WORK"' EXIT
pg_start
BASE_URL=${PG_URL%/*}

echo "bench: filling the template database with $ROWS rows" >&2
psql -q -v ON_ERROR_STOP=1 "$PG_URL" -c "CREATE DATABASE online_template"
psql -q -v ON_ERROR_STOP=1 "$BASE_URL/online_template" <<SQL
CREATE TABLE accounts (id integer PRIMARY KEY, name text NOT NULL);
INSERT INTO accounts SELECT g, 'account ' || g FROM generate_series(1, 1000) g;
CREATE TABLE events (id bigserial PRIMARY KEY, account_id integer NOT NULL, amount integer, note text);
INSERT INTO events (account_id, amount, note) SELECT 1 + g % 1000, g % 500, 'event ' || g FROM generate_series(1, $ROWS) g;
VACUUM ANALYZE;
SQL

cat >"$WORK/model.toml" <<'TOML'
[[tables]]
name = "accounts"
columns = [{ name = "id", type = "integer", primary_key = true }, { name = "name", type = "text", nullable = false }]

[[tables]]
name = "events"
columns = [
  { name = "id", type = "bigserial", primary_key = true },
  { name = "account_id", type = "integer", nullable = false },
  { name = "amount", type = "integer", nullable = false },
  { name = "note", type = "text" },
]
indexes = [{ name = "events_account_id_idx", columns = ["account_id"] }]
foreign_keys = [{ name = "events_account_id_fkey", columns = ["account_id"], references = { table = "accounts", columns = ["id"] } }]
checks = [{ name = "events_amount_nonnegative", expression = "amount >= 0" }]
TOML

cat >"$WORK/plain.sql" <<'SQL'
CREATE INDEX events_account_id_idx ON events (account_id);
ALTER TABLE events ADD CONSTRAINT events_account_id_fkey FOREIGN KEY (account_id) REFERENCES accounts (id);
ALTER TABLE events ADD CONSTRAINT events_amount_nonnegative CHECK (amount >= 0);
ALTER TABLE events ALTER COLUMN amount SET NOT NULL;
SQL

cat >"$WORK/insert.sql" <<'SQL'
\set account random(1, 1000)
INSERT INTO events (account_id, amount, note) VALUES (:account, 1, 'from the writer');
SQL

# One scenario: a fresh copy, the writer started, the change made 3 s in, the writer stopped
# 3 s after it ends. Prints: name, longest stall (ms), p99 (ms), errors, change (s), its status.
scenario() {
  local name=$1; shift
  local db=online_$RANDOM
  psql -q -v ON_ERROR_STOP=1 "$PG_URL" -c "CREATE DATABASE $db TEMPLATE online_template"
  local url=$BASE_URL/$db
  rm -f "$WORK"/log*
  # pgbench runs until killed (-T long enough); -R: each insert is due at its time, and its
  # latency counts from then, so a stall shows as the latency of the inserts that waited.
  (cd "$WORK" && exec pgbench -n -c 4 -j 2 -R "$RATE" -T 600 -f insert.sql -l --log-prefix="$WORK/log" "$url" \
     >"$WORK/pgbench.out" 2>&1) &
  local writer=$!
  sleep 3
  local start end status=0
  start=$(date +%s.%N)
  "$@" "$url" >"$WORK/change.out" 2>&1 || status=$?
  end=$(date +%s.%N)
  sleep 3
  kill -INT "$writer" 2>/dev/null || true
  wait "$writer" 2>/dev/null || true
  local errors
  errors=$(grep -c -E "ERROR|aborted" "$WORK/pgbench.out" || true)
  # Per-transaction log: client, transaction, latency (µs), script, epoch, µs[, lag].
  cat "$WORK"/log* | awk '{print $3}' | sort -n >"$WORK/latencies"
  local n max p99
  n=$(wc -l <"$WORK/latencies")
  max=$(tail -1 "$WORK/latencies")
  p99=$(awk -v n="$n" 'NR == int(n * 0.99) + 1 {print; exit}' "$WORK/latencies")
  printf '%-10s %10.0f %8.1f %7s %9.2f   %s (%s inserts)\n' "$name" "$(echo "$max / 1000" | bc -l)" "$(echo "$p99 / 1000" | bc -l)" \
    "$errors" "$(echo "$end - $start" | bc -l)" "$([ $status = 0 ] && echo ok || echo "exit $status")" "$n"
  [ $status = 0 ] || sed 's/^/    /' "$WORK/change.out" | tail -20 >&2
  psql -q "$PG_URL" -c "DROP DATABASE $db" >/dev/null
}

online() { "$CURRENT" --apply --color never --schema "$WORK/model.toml" --database-url "$1"; }
one_tx() { "$CURRENT" --apply --color never --no-concurrently --schema "$WORK/model.toml" --database-url "$1"; }
plain() { psql -q -v ON_ERROR_STOP=1 -1 -f "$WORK/plain.sql" "$1"; }

echo "events: $ROWS rows; writer: $RATE inserts/s (4 clients); reconcile's lock timeout: 5 s (the default)"
printf '%-10s %10s %8s %7s %9s\n' "" "stall ms" "p99 ms" "errors" "change s"
scenario online online
scenario one-tx one_tx
scenario "psql -1" plain

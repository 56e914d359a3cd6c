#!/usr/bin/env bash
# One transaction holds a lock on every relation it creates. On a server whose lock table is
# smaller than a plan's relations (max_locks_per_transaction × connections), the apply fails
# with the server's "out of shared memory", exits 1 and leaves the database as it was.
# Usage: tests/lock_table_test.sh RECONCILE_BINARY (starts a PostgreSQL 15 server of its own)
set -euo pipefail
binary=$1
source_dir=$(cd "$(dirname "$0")/.." && pwd)
. "$source_dir/scripts/lib/postgres-server.sh"
work=$(mktemp -d)
trap 'pg_stop; rm -rf "$work"' EXIT
fail() { echo "lock_table_test: $*" >&2; exit 1; }

# The smallest lock table the server allows: 10 locks per transaction for each of about 30
# backends (connections, autovacuum and background workers, WAL senders).
PG_SERVER_OPTIONS="-c max_connections=10 -c max_locks_per_transaction=10" pg_start
[ "$(psql -XAtq "$PG_URL" -c 'SHOW max_locks_per_transaction')" = 10 ] || fail "the server did not take max_locks_per_transaction = 10"

# 1,000 tables, each with its primary key's index, a sequence-free column and an index: 3,000
# relations in the one transaction.
for i in $(seq 1 1000); do
  printf '[[tables]]\nname = "t%d"\ncolumns = [{ name = "id", type = "integer", primary_key = true }, { name = "v", type = "text" }]\nindexes = [{ columns = ["v"] }]\n\n' "$i"
done >"$work/schema.toml"

status=0
"$binary" --apply --color never --schema "$work/schema.toml" --database-url "$PG_URL" >"$work/out.txt" 2>&1 || status=$?
[ "$status" -eq 1 ] || { cat "$work/out.txt" >&2; fail "the apply exited $status, not 1"; }
grep -q "out of shared memory" "$work/out.txt" || { cat "$work/out.txt" >&2; fail "the server's 'out of shared memory' is not reported"; }
grep -q "rolled back: nothing was changed" "$work/out.txt" || { cat "$work/out.txt" >&2; fail "the rollback is not reported"; }
tables=$(psql -XAtq "$PG_URL" -c "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'")
[ "$tables" = 0 ] || fail "$tables relation(s) left in public after the rollback"
grep -E "out of shared memory|failed" "$work/out.txt" | head -3
echo "lock_table_test: 1,000 tables on a 10-lock server: out of shared memory, exit 1, nothing left"

#!/usr/bin/env bash
# scripts/test.sh's promise: if PostgreSQL cannot start, the run fails, and no test is skipped;
# the server is stopped whether the tests pass or fail. Checks the pieces test.sh is made of:
# pg_start (scripts/lib/postgres-server.sh) fails when the server cannot start, its EXIT trap
# stops the server after a failing run, and a PostgreSQL test without a server fails.
# Usage: tests/server_required_test.sh TEST_BINARY
set -euo pipefail
tests_binary=$1
source_dir=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "server_required_test: $*" >&2; exit 1; }

# No PostgreSQL installed where the script looks: pg_start fails, and so does a script that
# starts it as test.sh does (set -e).
if PG_BIN="$work/no-postgres" bash -c "set -e; . '$source_dir/scripts/lib/postgres-server.sh'; pg_start; echo started" \
     >"$work/missing.out" 2>&1; then
  fail "pg_start without initdb did not fail: $(cat "$work/missing.out")"
fi
grep -q "initdb not found" "$work/missing.out" || fail "pg_start without initdb did not say why: $(cat "$work/missing.out")"

# Installed, but the server refuses to start (a setting it rejects): pg_start fails too, shows
# the server's log, and leaves nothing running.
if PG_SERVER_OPTIONS="-c max_connections=-1" bash -c "set -e; . '$source_dir/scripts/lib/postgres-server.sh'; trap pg_stop EXIT; pg_start; echo started" \
     >"$work/refused.out" 2>&1; then
  fail "pg_start with a server that cannot start did not fail: $(cat "$work/refused.out")"
fi
grep -q "max_connections" "$work/refused.out" || fail "pg_start did not show the server's reason: $(cat "$work/refused.out")"

# Started, then a failing run: the EXIT trap stops the server and removes its data.
if bash -c "set -e; . '$source_dir/scripts/lib/postgres-server.sh'; trap pg_stop EXIT; pg_start; echo \"\$PG_DIR \$PG_PORT\" >'$work/server'; false" \
     >"$work/failing.out" 2>&1; then
  fail "a failing run exited 0"
fi
read -r data_dir port <"$work/server"
[ ! -d "$data_dir" ] || fail "the server's data directory $data_dir is left after a failing run"
if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then fail "a server still listens on port $port after a failing run"; fi

# A PostgreSQL test without a server fails; it is not skipped.
status=0
env -u RECONCILE_TEST_PG_URL "$tests_binary" "[postgres]" --abort >"$work/tests.out" 2>&1 || status=$?
[ "$status" -ne 0 ] || fail "the PostgreSQL tests passed without a server: $(tail -5 "$work/tests.out")"
grep -q "RECONCILE_TEST_PG_URL is not set" "$work/tests.out" || fail "the failing test does not say the server is missing: $(tail -5 "$work/tests.out")"
echo "server_required_test: no initdb, a server that cannot start, a failing run, a test without a server: each fails, nothing is left running"

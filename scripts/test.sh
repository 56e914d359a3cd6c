#!/usr/bin/env bash
# Installs everything, builds reconcile with its tests, starts a private PostgreSQL 15 on
# loopback, runs every test (unit, SQLite and PostgreSQL integration) and stops the server.
# A test that cannot reach PostgreSQL fails; nothing is skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh --test

. scripts/lib/postgres-server.sh
trap pg_stop EXIT
pg_start
echo "test: PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT"
export RECONCILE_TEST_PG_URL="$PG_URL"
export RECONCILE_BINARY="$PWD/build/reconcile"

# The pipeline commands docs/ci.md documents, against a database of this server.
"$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres ci_examples
DATABASE_URL="postgresql://postgres@127.0.0.1:$PG_PORT/ci_examples" scripts/ci-examples.sh

cd build
ctest --output-on-failure --parallel 2 --timeout 300

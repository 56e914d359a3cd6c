#!/usr/bin/env bash
# The deploy-time no-op dry run of this build, side by side with an earlier revision's and
# with pg_dump --schema-only (the anchor), in one run on one server, so their ratios compare.
#
#   bench/dry_run_vs_base.sh BASE_REV            # N = 3000, median of 7 runs, alternating
#   SIZES="300 3000" RUNS=5 bench/dry_run_vs_base.sh 5775942
#
# BASE_REV is built (without tests) in a git worktree under bench/.cache/base-<rev>. Each
# round runs base, current and pg_dump once, in that order, so drift in the machine's speed
# touches all three alike. Also times both on the SQLite file of the same schema.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BASE_REV=${1:?usage: bench/dry_run_vs_base.sh BASE_REV}
SIZES=${SIZES:-3000}
RUNS=${RUNS:-7}
CACHE=$ROOT/bench/.cache
CURRENT=$ROOT/build/reconcile
[ -x "$CURRENT" ] || scripts/build.sh
[ -x /usr/bin/time ] || apt-get install -y -q time >/dev/null

rev=$(git rev-parse --short "$BASE_REV")
BASE_DIR=$CACHE/base-$rev
if [ ! -x "$BASE_DIR/build/reconcile" ]; then
  echo "bench: building $rev in $BASE_DIR" >&2
  rm -rf "$BASE_DIR"; git worktree prune
  git worktree add --detach "$BASE_DIR" "$rev" >/dev/null
  cmake -S "$BASE_DIR" -B "$BASE_DIR/build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DRECONCILE_BUILD_TESTS=OFF >/dev/null
  cmake --build "$BASE_DIR/build" --parallel 2 >/dev/null
fi
BASE=$BASE_DIR/build/reconcile

source "$ROOT/scripts/lib/postgres-server.sh"
WORK=$(mktemp -d /tmp/reconcile-bench.XXXXXX)
trap 'pg_stop; rm -rf "$WORK"' EXIT
pg_start
BASE_URL=${PG_URL%/*}

median() { sort -g | awk '{a[NR]=$1} END{print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
timed() { /usr/bin/time -f '%e' -o "$WORK/t" "$@" >"$WORK/out" 2>&1 </dev/null || { cat "$WORK/out" >&2; exit 1; }; cat "$WORK/t"; }

echo "| N | engine | base $rev | this build | ratio | pg_dump -s |"
echo "|---|---|---|---|---|---|"
for n in $SIZES; do
  G=$CACHE/gen/$n-seed1
  python3 bench/gen_schema.py --tables "$n" --seed 1 --out "$G/pg"
  python3 bench/gen_schema.py --tables "$n" --seed 1 --out "$G/sqlite" --sqlite
  "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres "d$n"
  "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -1 -f "$G/pg/schema.sql" -d "$BASE_URL/d$n" >/dev/null
  rm -f "$WORK/s.db"; sqlite3 "$WORK/s.db" ".read $G/sqlite/schema.sql"
  b=() c=() d=() sb=() sc=()
  for ((i = 0; i < RUNS; i++)); do
    b+=("$(timed "$BASE" --color never --dry-run --schema "$G/pg/tables" --database-url "$BASE_URL/d$n")")
    c+=("$(timed "$CURRENT" --color never --dry-run --schema "$G/pg/tables" --database-url "$BASE_URL/d$n")")
    grep -Eq 'Summary: 0 to create, [0-9]+ in sync, 0 warnings' "$WORK/out" || { echo "bench: not in sync" >&2; cat "$WORK/out" | tail -3 >&2; exit 1; }
    d+=("$(timed "$PG_BIN/pg_dump" --schema-only -f "$WORK/dump.sql" -d "$BASE_URL/d$n")")
    sb+=("$(timed "$BASE" --color never --dry-run --schema "$G/sqlite/tables" --database-url "sqlite:$WORK/s.db")")
    sc+=("$(timed "$CURRENT" --color never --dry-run --schema "$G/sqlite/tables" --database-url "sqlite:$WORK/s.db")")
  done
  mb=$(printf '%s\n' "${b[@]}" | median) mc=$(printf '%s\n' "${c[@]}" | median) md=$(printf '%s\n' "${d[@]}" | median)
  msb=$(printf '%s\n' "${sb[@]}" | median) msc=$(printf '%s\n' "${sc[@]}" | median)
  echo "| $n | PostgreSQL | $mb s | $mc s | $(awk "BEGIN{printf \"%.2f\", $mc / $mb}")× | $md s |"
  echo "| $n | SQLite | $msb s | $msc s | $(awk "BEGIN{printf \"%.2f\", $msc / $msb}")× | |"
done

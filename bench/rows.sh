#!/usr/bin/env bash
# Reference data at scale: ROWS declared rows over TABLES tables (default 10 × 10,000), a dry run
# and an apply against a database that has them all (no-op), has none, and has 1% changed; side
# by side in the same run with loading the same rows into empty tables by psql (an INSERT … ON
# CONFLICT script in one transaction) and by COPY, the anchors.
#
#   bench/rows.sh                       # median of RUNS=3 runs each
#   TABLES=10 ROWS=10000 RUNS=5 bench/rows.sh
#
# The no-op dry run is timed twice: rows declared in TOML and the same rows in CSV files
# (rows_file). Prints a Markdown table (seconds, and peak RSS of reconcile in MB).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
TABLES=${TABLES:-10}
ROWS=${ROWS:-10000}
RUNS=${RUNS:-3}
RECONCILE=$ROOT/build/reconcile
[ -x "$RECONCILE" ] || scripts/build.sh
[ -x /usr/bin/time ] || apt-get install -y -q time >/dev/null

source "$ROOT/scripts/lib/postgres-server.sh"
WORK=$(mktemp -d /tmp/reconcile-rows.XXXXXX)
trap 'pg_stop; rm -rf "$WORK"' EXIT
pg_start
BASE_URL=${PG_URL%/*}
PSQL=("$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1)

python3 bench/gen_rows.py --tables "$TABLES" --rows "$ROWS" --out "$WORK/g"
G=$WORK/g

median() { sort -g | awk '{a[NR]=$1} END{print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
# Runs a command; prints "seconds peak-MB" and keeps its output in $WORK/out.
timed() {
  /usr/bin/time -f '%e %M' -o "$WORK/t" "$@" >"$WORK/out" 2>&1 </dev/null || { tail -20 "$WORK/out" >&2; exit 1; }
  awk '{printf "%s %.0f\n", $1, $2 / 1024}' "$WORK/t"
}
fresh() {  # a database with the tables and no rows
  "$PG_BIN/dropdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres --if-exists "$1"
  "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres "$1"
  "${PSQL[@]}" -1 -f "$G/schema.sql" -d "$BASE_URL/$1" >/dev/null
}
expect() { grep -Eq "$1" "$WORK/out" || { echo "bench: expected /$1/ in:" >&2; grep -E 'Summary|error' "$WORK/out" >&2; exit 1; }; }
total=$((TABLES * ROWS))

declare -A t m
add() { t[$1]+="$2 "; m[$1]+="$3 "; }
for ((i = 0; i < RUNS; i++)); do
  # Anchors: the same rows loaded into empty tables by psql, and by COPY.
  fresh anchor; read -r s mb < <(timed "${PSQL[@]}" -f "$G/load.sql" -d "$BASE_URL/anchor"); add psql "$s" 0
  fresh anchor; read -r s mb < <(timed "${PSQL[@]}" -f "$G/copy.sql" -d "$BASE_URL/anchor"); add copy "$s" 0
  # None of the rows: the dry run plans them all, the apply inserts them.
  fresh rows
  read -r s mb < <(timed "$RECONCILE" --color never --dry-run --schema "$G/model" --database-url "$BASE_URL/rows")
  expect "rows: $total to insert, 0 to update"; add dry_none "$s" "$mb"
  read -r s mb < <(timed "$RECONCILE" --color never --apply --schema "$G/model" --database-url "$BASE_URL/rows")
  expect "verified"; add apply_none "$s" "$mb"
  # All of them: the no-op, the deploy-time case.
  read -r s mb < <(timed "$RECONCILE" --color never --dry-run --schema "$G/model" --database-url "$BASE_URL/rows")
  expect "rows: 0 to insert, 0 to update, 0 to delete, $total in sync"; add dry_all "$s" "$mb"
  read -r s mb < <(timed "$RECONCILE" --color never --dry-run --schema "$G/model-csv" --database-url "$BASE_URL/rows")
  expect "rows: 0 to insert, 0 to update, 0 to delete, $total in sync"; add dry_all_csv "$s" "$mb"
  read -r s mb < <(timed "$RECONCILE" --color never --apply --schema "$G/model" --database-url "$BASE_URL/rows")
  expect "nothing to apply"; add apply_all "$s" "$mb"
  # 1% changed.
  "${PSQL[@]}" -f "$G/change.sql" -d "$BASE_URL/rows" >/dev/null
  read -r s mb < <(timed "$RECONCILE" --color never --dry-run --schema "$G/model" --database-url "$BASE_URL/rows")
  expect "rows: 0 to insert, [1-9][0-9]* to update"; add dry_changed "$s" "$mb"
  read -r s mb < <(timed "$RECONCILE" --color never --apply --schema "$G/model" --database-url "$BASE_URL/rows")
  expect "verified"; add apply_changed "$s" "$mb"
done

med() { printf '%s\n' ${t[$1]} | median; }
mem() { printf '%s\n' ${m[$1]} | median; }
copy=$(med copy)
ratio() { awk -v a="$1" -v b="$copy" 'BEGIN{printf "%.1f×", a / b}'; }
echo "$TABLES tables × $ROWS rows ($total declared rows), PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}'), median of $RUNS runs"
echo
echo "| run | seconds | × COPY | peak RSS |"
echo "|---|---|---|---|"
label() {
  case $1 in
    dry_all) echo "dry run, all rows in place (no-op), TOML rows" ;;
    dry_all_csv) echo "dry run, all rows in place (no-op), CSV rows_file" ;;
    apply_all) echo "apply, all rows in place (no-op)" ;;
    dry_none) echo "dry run, no rows" ;;
    apply_none) echo "apply, no rows ($total inserted)" ;;
    dry_changed) echo "dry run, 1% of rows changed" ;;
    apply_changed) echo "apply, 1% of rows changed" ;;
  esac
}
for k in dry_all dry_all_csv apply_all dry_none apply_none dry_changed apply_changed; do
  echo "| reconcile: $(label "$k") | $(med "$k") | $(ratio "$(med "$k")") | $(mem "$k") MB |"
done
echo "| psql, INSERT … ON CONFLICT script (anchor) | $(med psql) | $(ratio "$(med psql)") | |"
echo "| COPY (anchor) | $copy | 1.0× | |"

#!/usr/bin/env bash
# The no-op dry run on the real schemas of ../shared/corpus/, functions, aggregates and
# triggers included, side by side with pg_dump --schema-only (the anchor), in one run on one
# server.
#
#   bench/corpus_dry_run.sh                    # pagila and gitlab, median of 7 runs, alternating
#   CORPUS="gitlab" RUNS=3 bench/corpus_dry_run.sh
#
# Each schema is loaded into its own database and exported; each round runs reconcile
# --dry-run with that export (which must say 0 to create and 0 warnings) and pg_dump -s once,
# in that order. Prints a Markdown table of medians, with the objects the export holds.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
CORPUS=${CORPUS:-"pagila gitlab"}
RUNS=${RUNS:-7}
RECONCILE=$ROOT/build/reconcile
[ -x "$RECONCILE" ] || scripts/build.sh
[ -x /usr/bin/time ] || apt-get install -y -q time >/dev/null

source "$ROOT/scripts/lib/postgres-server.sh"
WORK=$(mktemp -d /tmp/reconcile-bench.XXXXXX)
trap 'pg_stop; rm -rf "$WORK"' EXIT
pg_start
BASE_URL=${PG_URL%/*}

median() { sort -g | awk '{a[NR]=$1} END{print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
timed() { /usr/bin/time -f '%e %M' -o "$WORK/t" "$@" >"$WORK/out" 2>&1 </dev/null || { cat "$WORK/out" >&2; exit 1; }; cat "$WORK/t"; }
count() { grep -rhc "^$1" "$2" 2>/dev/null | awk '{s+=$1} END{print s+0}'; }

echo "| schema | tables | functions | aggregates | triggers | reconcile --dry-run | peak RSS | pg_dump -s | ratio |"
echo "|---|---|---|---|---|---|---|---|---|"
for name in $CORPUS; do
  sql=$ROOT/../shared/corpus/$name.sql
  [ -f "$sql" ] || { echo "bench: no $sql" >&2; exit 1; }
  "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres "c_$name"
  url=$BASE_URL/c_$name
  "$PG_BIN/psql" -X -q -f "$sql" -d "$url" >/dev/null 2>&1
  "$RECONCILE" export --database-url "$url" --out "$WORK/$name" >/dev/null
  r=() m=() d=()
  for ((i = 0; i < RUNS; i++)); do
    read -r s kb < <(timed "$RECONCILE" --color never --dry-run --schema "$WORK/$name" --database-url "$url")
    grep -Eq 'Summary: 0 to create, [0-9]+ in sync, 0 warnings' "$WORK/out" || { echo "bench: $name not in sync" >&2; tail -3 "$WORK/out" >&2; exit 1; }
    r+=("$s") m+=("$kb")
    read -r s _ < <(timed "$PG_BIN/pg_dump" --schema-only -f "$WORK/dump.sql" -d "$url")
    d+=("$s")
  done
  mr=$(printf '%s\n' "${r[@]}" | median) mm=$(printf '%s\n' "${m[@]}" | median) md=$(printf '%s\n' "${d[@]}" | median)
  echo "| $name | $(count '\[\[tables\]\]' "$WORK/$name/tables") | $(count '\[\[functions\]\]' "$WORK/$name/functions") |" \
       "$(count '\[\[aggregates\]\]' "$WORK/$name/functions") | $(count '  \[\[tables.triggers\]\]' "$WORK/$name/tables") |" \
       "$mr s | $((mm / 1024)) MB | $md s | $(awk "BEGIN{printf \"%.2f\", $mr / $md}")× |"
done

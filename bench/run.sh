#!/usr/bin/env bash
# Benchmark reconcile against its anchors on generated schemas.
#
#   bench/run.sh                      # N = 300, 1000, 3000; median of 5 runs
#   SIZES="50 100" RUNS=2 bench/run.sh
#
# Environment: SIZES (default "300 1000 3000"), RUNS (default 5), SEED (default 1),
# MIGRA_TIMEOUT seconds per migra run (default 900).
#
# Starts its own PostgreSQL 15 on loopback (scripts/lib/postgres-server.sh) and stops it on
# exit. For each N it generates the schema (bench/gen_schema.py), then times, as whole
# processes with /usr/bin/time -f '%e %M' (wall seconds, peak RSS of that process):
#   PostgreSQL  reconcile --dry-run on an in-sync database       (the every-deploy case)
#               reconcile --apply on an empty database           (fresh database each run)
#               pg_dump --schema-only of the in-sync database    (anchor)
#               psql -1 -f schema.sql into an empty database     (anchor, fresh database each run)
#               @pgkit/migra diffing the in-sync database with an identical twin (anchor)
#   SQLite      reconcile --dry-run on an in-sync file, reconcile --apply on a new file,
#               sqlite3 .read schema.sql into a new file         (reference)
# Creating the databases is never timed. Peak RSS is the client process only: the
# PostgreSQL server's memory is not counted, for any tool.
# Prints a Markdown table of medians, then the ratios the issue sets targets for.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BENCH=$ROOT/bench
CACHE=$BENCH/.cache
SIZES=${SIZES:-"300 1000 3000"}
RUNS=${RUNS:-5}
SEED=${SEED:-1}
MIGRA_TIMEOUT=${MIGRA_TIMEOUT:-900}
RECONCILE=$ROOT/build/reconcile

log() { echo "bench: $*" >&2; }
die() { echo "bench: error: $*" >&2; exit 1; }

[[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive integer"
for n in $SIZES; do [[ $n =~ ^[1-9][0-9]*$ ]] || die "SIZES must be positive integers, got '$n'"; done

# --- tools --------------------------------------------------------------------------------
if [ ! -x "$RECONCILE" ]; then
  log "build/reconcile is missing: building it (scripts/build.sh)"
  scripts/build.sh
fi
if [ ! -x /usr/bin/time ]; then
  log "installing GNU time"
  if [ "$(id -u)" -eq 0 ]; then apt-get install -y -q time >/dev/null; else sudo apt-get install -y -q time >/dev/null; fi
fi
command -v sqlite3 >/dev/null || die "sqlite3 not found (apt-get install sqlite3)"

mkdir -p "$CACHE"
MIGRA=$CACHE/node_modules/.bin/migra
MIGRA_NA=""
if [ ! -x "$MIGRA" ]; then
  if ! command -v npm >/dev/null; then
    MIGRA_NA="npm not installed"
  else
    log "installing @pgkit/migra into bench/.cache"
    if ! npm install --prefix "$CACHE" --no-audit --no-fund --loglevel=error @pgkit/migra >"$CACHE/npm.log" 2>&1 \
       || [ ! -x "$MIGRA" ]; then
      MIGRA_NA="npm install @pgkit/migra failed (see bench/.cache/npm.log)"
    fi
  fi
fi

# --- PostgreSQL and scratch space ---------------------------------------------------------
# shellcheck source=../scripts/lib/postgres-server.sh
source "$ROOT/scripts/lib/postgres-server.sh"
WORK=$(mktemp -d /tmp/reconcile-bench.XXXXXX)
cleanup() { pg_stop; rm -rf "$WORK"; }
trap cleanup EXIT
trap 'exit 130' INT TERM
pg_start
BASE_URL=${PG_URL%/*}                     # postgresql://postgres@127.0.0.1:PORT
PGCONN=(-h 127.0.0.1 -p "$PG_PORT" -U postgres)
PSQL=("$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1)
log "PostgreSQL 15 on 127.0.0.1:$PG_PORT; sizes: $SIZES; runs: $RUNS; seed: $SEED"

fresh_db() { "$PG_BIN/dropdb" "${PGCONN[@]}" --if-exists "$1" 2>/dev/null && "$PG_BIN/createdb" "${PGCONN[@]}" "$1"; }

# --- measurement --------------------------------------------------------------------------
declare -A SECS RSS NA
CASES=()   # "N|key" in the order measured

# measure N KEY SETUP CMD...: RUNS runs of CMD under /usr/bin/time, SETUP (a command line,
# may be empty) untimed before each. Stores the median wall time and the largest peak RSS.
# Returns 1 (with the reason in NA) if a run fails; stdout/stderr of the last run stay in
# $WORK/out and $WORK/err.
measure() {
  local n=$1 key=$2 setup=$3; shift 3
  local i t m ts=() ms=()
  CASES+=("$n|$key")
  for ((i = 0; i < RUNS; i++)); do
    if [ -n "$setup" ] && ! eval "$setup" >"$WORK/setup.log" 2>&1; then
      NA[$n|$key]="setup failed: $(tail -n 1 "$WORK/setup.log")"; return 1
    fi
    if ! /usr/bin/time -f '%e %M' -o "$WORK/time" "$@" >"$WORK/out" 2>"$WORK/err" </dev/null; then
      NA[$n|$key]="failed: $(grep -v '^[[:space:]]*$' "$WORK/err" | grep -v '^    at ' | tail -n 1 | cut -c1-120)"
      [ -n "${NA[$n|$key]#failed: }" ] || NA[$n|$key]="failed: $(head -n 1 "$WORK/time")"
      if grep -q 'non-zero status 124$' "$WORK/time" && [ "$1" = timeout ]; then NA[$n|$key]="timed out after $2 s"; fi
      return 1
    fi
    read -r t m < <(tail -n 1 "$WORK/time")
    ts+=("$t"); ms+=("$m")
  done
  SECS[$n|$key]=$(printf '%s\n' "${ts[@]}" | sort -g | awk '{a[NR]=$1} END{print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}')
  RSS[$n|$key]=$(printf '%s\n' "${ms[@]}" | sort -g | tail -n 1)
  log "  N=$n $key: ${SECS[$n|$key]} s, $((RSS[$n|$key] / 1024)) MB"
}

# expect_summary: the last reconcile run's output must show a database equal to the model
expect_in_sync() {
  grep -Eq '(Summary: |\()0 to create, [0-9]+ in sync, 0 warnings' "$WORK/out" \
    || die "$1: expected '0 to create, … 0 warnings'; got: $(grep -E 'Summary|verified|error' "$WORK/out" "$WORK/err" | head -n 3)"
}

for n in $SIZES; do
  G=$CACHE/gen/$n-seed$SEED
  log "N=$n: generating schema"
  /usr/bin/python3 "$BENCH/gen_schema.py" --tables "$n" --seed "$SEED" --out "$G/pg"
  /usr/bin/python3 "$BENCH/gen_schema.py" --tables "$n" --seed "$SEED" --out "$G/sqlite" --sqlite

  # PostgreSQL: two identical databases loaded with the DDL (untimed)
  sync=b${n}_sync twin=b${n}_twin
  for db in "$sync" "$twin"; do
    fresh_db "$db"
    "${PSQL[@]}" -1 -f "$G/pg/schema.sql" -d "$BASE_URL/$db" >/dev/null
  done
  R=("$RECONCILE" --color never --schema "$G/pg/tables")

  measure "$n" "pg: reconcile --dry-run (in sync)" "" "${R[@]}" --dry-run --database-url "$BASE_URL/$sync" \
    || die "${NA[$n|pg: reconcile --dry-run (in sync)]}"
  expect_in_sync "reconcile --dry-run"
  measure "$n" "pg: reconcile --apply (empty db)" "fresh_db b${n}_apply" "${R[@]}" --apply --database-url "$BASE_URL/b${n}_apply" \
    || die "${NA[$n|pg: reconcile --apply (empty db)]}"
  expect_in_sync "reconcile --apply"
  measure "$n" "pg: pg_dump --schema-only" "" "$PG_BIN/pg_dump" --schema-only -f "$WORK/dump.sql" -d "$BASE_URL/$sync" \
    || die "${NA[$n|pg: pg_dump --schema-only]}"
  measure "$n" "pg: psql -1 -f schema.sql (empty db)" "fresh_db b${n}_psql" "${PSQL[@]}" -1 -f "$G/pg/schema.sql" -d "$BASE_URL/b${n}_psql" \
    || die "${NA[$n|pg: psql -1 -f schema.sql (empty db)]}"
  if [ -n "$MIGRA_NA" ]; then
    CASES+=("$n|pg: migra (identical dbs)"); NA["$n|pg: migra (identical dbs)"]=$MIGRA_NA
  elif measure "$n" "pg: migra (identical dbs)" "" timeout "$MIGRA_TIMEOUT" "$MIGRA" run "$BASE_URL/$sync" "$BASE_URL/$twin"; then
    # Its only output should be pg-promise's "Creating a duplicate database object" warning
    # (and its stack trace): any SQL means the two databases differ.
    if grep -Eiq '^[[:space:]]*(create|alter|drop|comment|grant|revoke|set|select) ' "$WORK/out"; then
      log "  warning: migra reported differences between identical databases: $(head -c 200 "$WORK/out")"
    fi
  else
    log "  migra: ${NA[$n|pg: migra (identical dbs)]}"
  fi
  for db in "$sync" "$twin" "b${n}_apply" "b${n}_psql"; do "$PG_BIN/dropdb" "${PGCONN[@]}" "$db"; done

  # SQLite
  S=$WORK/s$n
  rm -f "$S"-*.db
  sqlite3 -bail "$S-sync.db" ".read $G/sqlite/schema.sql"
  R=("$RECONCILE" --color never --schema "$G/sqlite/tables")
  measure "$n" "sqlite: reconcile --dry-run (in sync)" "" "${R[@]}" --dry-run --database-url "sqlite:$S-sync.db" \
    || die "${NA[$n|sqlite: reconcile --dry-run (in sync)]}"
  expect_in_sync "reconcile --dry-run (SQLite)"
  measure "$n" "sqlite: reconcile --apply (new file)" "rm -f $S-apply.db" "${R[@]}" --apply --database-url "sqlite:$S-apply.db" \
    || die "${NA[$n|sqlite: reconcile --apply (new file)]}"
  expect_in_sync "reconcile --apply (SQLite)"
  measure "$n" "sqlite: sqlite3 .read schema.sql (new file)" "rm -f $S-cli.db" sqlite3 -bail "$S-cli.db" ".read $G/sqlite/schema.sql" \
    || die "${NA[$n|sqlite: sqlite3 .read schema.sql (new file)]}"
  rm -f "$S"-*.db
done

# --- report -------------------------------------------------------------------------------
ratio() { # ratio A B -> A/B with 2 decimals, or empty if either is missing/zero
  awk -v a="${1:-}" -v b="${2:-}" 'BEGIN{ if (a == "" || b == "" || b + 0 == 0) exit; printf "%.2f", a / b }'
}
met() { # met VALUE OP TARGET -> yes/no
  [ -n "$1" ] || { echo "n/a"; return; }
  awk -v v="$1" -v t="$3" -v op="$2" 'BEGIN{ ok = (op == "<" ? v < t : op == "<=" ? v <= t : v >= t); print (ok ? "yes" : "no") }'
}

{
  echo
  echo "reconcile benchmark: $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, PostgreSQL 15 on loopback, median of $RUNS runs, seed $SEED"
  echo
  echo "| N | tool / case | median s | peak RSS MB |"
  echo "|---:|---|---:|---:|"
  for c in "${CASES[@]}"; do
    n=${c%%|*} key=${c#*|}
    if [ -n "${NA[$c]:-}" ]; then
      echo "| $n | $key | n/a (${NA[$c]}) | n/a |"
    else
      echo "| $n | $key | ${SECS[$c]} | $(awk -v k="${RSS[$c]}" 'BEGIN{printf "%.1f", k / 1024}') |"
    fi
  done
  echo
  echo "| N | ratio | value | target (at 3,000) | met |"
  echo "|---:|---|---:|---|---|"
  for n in $SIZES; do
    d=${SECS[$n|pg: reconcile --dry-run (in sync)]:-} a=${SECS[$n|pg: reconcile --apply (empty db)]:-}
    r=$(ratio "$d" "${SECS[$n|pg: pg_dump --schema-only]:-}");          echo "| $n | pg dry run / pg_dump --schema-only | ${r:-n/a} | < 1 | $(met "$r" '<' 1) |"
    r=$(ratio "${SECS[$n|pg: migra (identical dbs)]:-}" "$d");          echo "| $n | migra / pg dry run | ${r:-n/a} | ≥ 10 | $(met "$r" '>=' 10) |"
    r=$(ratio "$a" "${SECS[$n|pg: psql -1 -f schema.sql (empty db)]:-}"); echo "| $n | pg apply / psql -1 -f | ${r:-n/a} | ≤ 1.3 | $(met "$r" '<=' 1.3) |"
    m=0
    for c in "${CASES[@]}"; do
      if [ "${c%%|*}" = "$n" ] && [[ ${c#*|} == *reconcile* ]] && [ -n "${RSS[$c]:-}" ] && [ "${RSS[$c]}" -gt "$m" ]; then m=${RSS[$c]}; fi
    done
    r=$(awk -v k="$m" 'BEGIN{printf "%.1f", k / 1024}')
    echo "| $n | reconcile peak RSS MB (max over its cases) | $r | < 100 | $(met "$r" '<' 100) |"
  done
  # shellcheck disable=SC2086
  set -- $SIZES
  lo=$1; hi=${!#}
  if [ "$lo" != "$hi" ]; then
    for k in "pg: reconcile --dry-run (in sync)" "pg: reconcile --apply (empty db)" \
             "sqlite: reconcile --dry-run (in sync)" "sqlite: reconcile --apply (new file)"; do
      r=$(ratio "${SECS[$hi|$k]:-}" "${SECS[$lo|$k]:-}")
      echo "| $hi vs $lo | growth of ${k%% (*} | ${r:-n/a} | ≤ 11 (3,000 vs 300) | $(met "$r" '<=' 11) |"
    done
  fi
  echo
  echo "Wall time is /usr/bin/time %e (10 ms resolution); peak RSS is the largest over the runs, of the client process only."
} | tee "$CACHE/last-results.md"

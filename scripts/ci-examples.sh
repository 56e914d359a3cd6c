#!/usr/bin/env bash
# Runs the commands docs/ci.md tells teams to put in their pipelines, against a real database,
# so the examples are known to work: the pull-request drift gate, the release-phase apply,
# and the gate again once in sync. Usage: DATABASE_URL=... scripts/ci-examples.sh [reconcile]
set -euo pipefail
cd "$(dirname "$0")/.."
reconcile=${1:-./build/reconcile}
: "${DATABASE_URL:?set DATABASE_URL to an empty database}"
# As a GitHub Actions runner sets them: warnings become annotations, the plan goes to the summary.
export GITHUB_ACTIONS=true
export GITHUB_STEP_SUMMARY=${GITHUB_STEP_SUMMARY:-$(mktemp)}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

step() { echo "ci-examples: $*"; }

# Pull request: dry run as a drift gate. Pending changes exit 3.
set +e
"$reconcile" --dry-run --exit-code --color never >/dev/null
status=$?
set -e
[ "$status" -eq 3 ] || { step "expected exit 3 (changes pending) from the drift gate, got $status"; exit 1; }
step "drift gate on an empty database: exit 3 (changes pending)"

# A pipeline that reads the plan: the JSON and the SQL script stay what they claim to be on a
# runner (annotations go to stderr). sqlite3 parses the JSON; the script must open and commit.
"$reconcile" --dry-run --format json >"$scratch/plan.json"
[ "$(sqlite3 :memory: "SELECT json_valid(CAST(readfile('$scratch/plan.json') AS TEXT))")" = 1 ] \
  || { step "--format json under GITHUB_ACTIONS=true is not JSON:"; head -c 2000 "$scratch/plan.json"; exit 1; }
"$reconcile" --dry-run --format sql >"$scratch/plan.sql"
if grep -q '^::' "$scratch/plan.sql"; then step "--format sql holds a workflow command:"; grep '^::' "$scratch/plan.sql"; exit 1; fi
grep -q '^BEGIN;' "$scratch/plan.sql" && grep -q '^COMMIT;' "$scratch/plan.sql" \
  || { step "--format sql is not a transaction script"; exit 1; }
step "--format json and sql on a runner: parseable"

# Main branch / Procfile release phase.
"$reconcile" --apply --color never | tail -n 1
# The gate again: in sync now.
"$reconcile" --dry-run --exit-code --color never >/dev/null
step "drift gate after apply: exit 0 (in sync)"
"$reconcile" --apply --color never | grep -q "nothing to apply: no DDL executed"
step "second release phase: no DDL executed"

# The GitHub Action (action.yml): every input reaches its run script, and the script runs the
# same pipeline as a workflow using the action would, with the binary under test standing in
# for the one the action installs from its package.
inputs=$(awk '/^inputs:/{on=1; next} /^[a-z]/{on=0} on && /^  "?[a-z-]+"?:$/{gsub(/[ ":]/, ""); print}' action.yml)
[ -n "$inputs" ] || { step "action.yml: no inputs found"; exit 1; }
for input in $inputs; do
  variable=RECONCILE_INPUT_$(echo "$input" | tr 'a-z-' 'A-Z_')
  grep -q "$variable: \${{ inputs.$input }}" action.yml || { step "action.yml does not pass input '$input' as $variable"; exit 1; }
  grep -q "$variable" scripts/action-run.sh || { step "scripts/action-run.sh never reads $variable (input '$input')"; exit 1; }
done
step "action.yml: $(echo $inputs | wc -w) inputs, each passed to scripts/action-run.sh"

action() {  # runs the action's script with INPUT=VALUE pairs; prints the step's exit-status output
  local output; output=$(mktemp -p "$scratch")
  env RECONCILE_BIN="$reconcile" GITHUB_OUTPUT="$output" "$@" scripts/action-run.sh >"$scratch/action.out" 2>"$scratch/action.err"
  local status=$?
  [ "$(cat "$output")" = "exit-status=$status" ] || { step "action: exit-status output '$(cat "$output")' is not the exit status $status"; exit 1; }
  echo "$status"
}
set +e
action_db="sqlite:$scratch/action.db"
[ "$(action RECONCILE_INPUT_DATABASE_URL="$action_db")" = 3 ] || { step "action dry-run on an empty database: expected exit 3"; cat "$scratch/action.err"; exit 1; }
[ "$(action RECONCILE_INPUT_COMMAND=dry-run RECONCILE_INPUT_FORMAT=json RECONCILE_INPUT_EXIT_CODE=false RECONCILE_INPUT_DATABASE_URL="$action_db")" = 0 ] \
  && [ "$(sqlite3 :memory: "SELECT json_valid(CAST(readfile('$scratch/action.out') AS TEXT))")" = 1 ] \
  || { step "action dry-run with format json: not exit 0 with a JSON plan on stdout"; exit 1; }
[ "$(action RECONCILE_INPUT_COMMAND=apply RECONCILE_INPUT_DATABASE_URL="$action_db" RECONCILE_INPUT_ARGS="--lock-timeout 10s")" = 0 ] \
  || { step "action apply: expected exit 0"; cat "$scratch/action.out" "$scratch/action.err"; exit 1; }
[ "$(action RECONCILE_INPUT_COMMAND=dry-run RECONCILE_INPUT_DATABASE_URL="$action_db")" = 0 ] || { step "action drift gate after its apply: expected exit 0"; exit 1; }
[ "$(action RECONCILE_INPUT_COMMAND=diff RECONCILE_INPUT_SCHEMA=schema RECONCILE_INPUT_DIFF_TO="$DATABASE_URL")" = 0 ] \
  || { step "action diff of schema/ against the applied database: expected exit 0"; cat "$scratch/action.out" "$scratch/action.err"; exit 1; }
[ "$(action RECONCILE_INPUT_COMMAND=destroy)" = 2 ] && grep -q '^::error::' "$scratch/action.err" \
  || { step "action with an unknown command: expected exit 2 and an ::error:: annotation"; exit 1; }
[ "$(action RECONCILE_INPUT_ALLOW_DROP=maybe)" = 2 ] || { step "action with allow-drop 'maybe': expected exit 2"; exit 1; }
set -e
step "action: drift gate 3, json plan, apply, gate 0, diff, bad inputs refused (exit 2)"

# Each input's effect on the command, seen by a stand-in binary that records its arguments and
# its DATABASE_URL: the URL travels in the environment, never on the command line.
cat >"$scratch/recorder" <<'RECORDER'
#!/usr/bin/env bash
printf '%s\n' "$@" >"$RECORDER_ARGS"
printf '%s' "${DATABASE_URL:-}" >"$RECORDER_URL"
RECORDER
chmod +x "$scratch/recorder"
secret_url="postgresql://deployer:s3cret@db.internal:5432/app"
recorded() {  # INPUT=VALUE pairs → the recorded arguments on one line
  env RECONCILE_BIN="$scratch/recorder" RECORDER_ARGS="$scratch/args" RECORDER_URL="$scratch/url" GITHUB_OUTPUT=/dev/null \
    RECONCILE_INPUT_DATABASE_URL="$secret_url" "$@" scripts/action-run.sh >/dev/null 2>"$scratch/recorded.err" \
    || { step "action with $*: the stand-in failed" >&2; cat "$scratch/recorded.err" >&2; exit 1; }
  # (stderr: this runs inside $(...))
  grep -qF "s3cret" "$scratch/args" "$scratch/recorded.err" && { step "action: the database URL reached the command line or the log" >&2; exit 1; }
  [ "$(cat "$scratch/url")" = "$secret_url" ] || { step "action: DATABASE_URL is '$(cat "$scratch/url")', not the database-url input" >&2; exit 1; }
  tr '\n' ' ' <"$scratch/args" | sed 's/ $//'
}
expect_args() {  # EXPECTED INPUT=VALUE...
  local expected=$1; shift
  local got; got=$(recorded "$@") || exit 1
  [ "$got" = "$expected" ] || { step "action with $*: ran 'reconcile $got', expected 'reconcile $expected'"; exit 1; }
}
expect_args "--dry-run --exit-code" RECONCILE_INPUT_COMMAND=dry-run
expect_args "--dry-run --schema db/schema --allow-drop --allow-hazards rewrites-table,deletes-data --strict --format json" \
  RECONCILE_INPUT_SCHEMA=db/schema RECONCILE_INPUT_ALLOW_DROP=true RECONCILE_INPUT_ALLOW_HAZARDS=rewrites-table,deletes-data \
  RECONCILE_INPUT_STRICT=true RECONCILE_INPUT_EXIT_CODE=false RECONCILE_INPUT_FORMAT=json
expect_args "--apply --env production --yes --lock-timeout 10s --retries 5" \
  RECONCILE_INPUT_COMMAND=apply RECONCILE_INPUT_ENV=production RECONCILE_INPUT_YES=true RECONCILE_INPUT_ARGS="--lock-timeout 10s --retries 5"
expect_args "--apply" RECONCILE_INPUT_COMMAND=apply RECONCILE_INPUT_YES=false RECONCILE_INPUT_STRICT=false
expect_args "diff schema $DATABASE_URL --exit-code --allow-drop" RECONCILE_INPUT_COMMAND=diff RECONCILE_INPUT_DIFF_TO="$DATABASE_URL" RECONCILE_INPUT_ALLOW_DROP=true
step "action inputs: schema, env, allow-drop, allow-hazards, strict, yes, exit-code, format and args reach the command; the URL only its environment"

# And with the real binary: allow-drop drops what the model lacks; args are passed as written.
sqlite3 "$scratch/action.db" "CREATE TABLE leftover (id integer)"
[ "$(action RECONCILE_INPUT_COMMAND=apply RECONCILE_INPUT_DATABASE_URL="$action_db" RECONCILE_INPUT_ALLOW_DROP=true)" = 0 ] \
  && [ "$(sqlite3 "$scratch/action.db" "SELECT count(*) FROM sqlite_schema WHERE name = 'leftover'")" = 0 ] \
  || { step "action apply with allow-drop: the table the model lacks was not dropped"; cat "$scratch/action.out" "$scratch/action.err"; exit 1; }
[ "$(action RECONCILE_INPUT_DATABASE_URL="$action_db" RECONCILE_INPUT_ARGS="--lock-timeout soon")" = 2 ] \
  && grep -q "soon" "$scratch/action.err" \
  || { step "action with args '--lock-timeout soon': expected reconcile's usage error (exit 2)"; exit 1; }
step "action: allow-drop drops a table the model lacks, args reach reconcile"

# The action installs reconcile as its package: a cache keyed on the sources, the package built
# (scripts/package.sh) only when the cache misses, and apt-get installing it from dist/. GitHub
# runs these steps; here their wiring is checked.
for wiring in "uses: actions/cache@v4" "path: \${{ github.action_path }}/dist" "key: \${{ steps.key.outputs.key }}" \
              "if: steps.cache.outputs.cache-hit != 'true'" 'run: '"'"'"$GITHUB_ACTION_PATH/scripts/package.sh"'"'" \
              'apt-get install -y -qq --no-install-recommends "$GITHUB_ACTION_PATH"/dist/reconcile_*.deb'; do
  grep -qF -- "$wiring" action.yml || { step "action.yml lacks: $wiring"; exit 1; }
done
grep -q 'sha256sum' action.yml && grep -q 'find src scripts/cmake docs' action.yml || { step "action.yml's cache key is not made of the sources"; exit 1; }
step "action.yml: package cached on a key of the sources, built on a miss, installed with apt-get"

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

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

#!/usr/bin/env bash
# Runs the commands docs/ci.md tells teams to put in their pipelines, against a real database,
# so the examples are known to work: the pull-request drift gate, the release-phase apply,
# and the gate again once in sync. Usage: DATABASE_URL=... scripts/ci-examples.sh [reconcile]
set -euo pipefail
cd "$(dirname "$0")/.."
reconcile=${1:-./build/reconcile}
: "${DATABASE_URL:?set DATABASE_URL to an empty database}"
export GITHUB_STEP_SUMMARY=${GITHUB_STEP_SUMMARY:-$(mktemp)}

step() { echo "ci-examples: $*"; }

# Pull request: dry run as a drift gate. Pending changes exit 3.
set +e
"$reconcile" --dry-run --exit-code --color never >/dev/null
status=$?
set -e
[ "$status" -eq 3 ] || { step "expected exit 3 (changes pending) from the drift gate, got $status"; exit 1; }
step "drift gate on an empty database: exit 3 (changes pending)"

# Main branch / Procfile release phase.
"$reconcile" --apply --color never | tail -n 1
# The gate again: in sync now.
"$reconcile" --dry-run --exit-code --color never >/dev/null
step "drift gate after apply: exit 0 (in sync)"
"$reconcile" --apply --color never | grep -q "nothing to apply: no DDL executed"
step "second release phase: no DDL executed"

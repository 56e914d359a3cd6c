#!/usr/bin/env bash
# The run step of this repository's GitHub Action (action.yml): turns the action's inputs,
# given as RECONCILE_INPUT_* variables, into one reconcile command, runs it, and records its
# exit status as the step's `exit-status` output. reconcile itself writes the annotations and
# the step summary (it sees GITHUB_ACTIONS=true). scripts/ci-examples.sh runs this script in
# every test run, as the action does.
#   RECONCILE_BIN               the binary (default: reconcile on PATH)
#   RECONCILE_INPUT_COMMAND     dry-run (default), apply or diff
#   RECONCILE_INPUT_DATABASE_URL, _SCHEMA, _ENV, _DIFF_TO, _ALLOW_HAZARDS, _FORMAT
#   RECONCILE_INPUT_EXIT_CODE, _ALLOW_DROP, _STRICT, _YES    "true" or "false"
#   RECONCILE_INPUT_ARGS        more arguments, split on white space
set -uo pipefail
reconcile=${RECONCILE_BIN:-reconcile}
# Every exit, a refused input's too, leaves the step's exit-status output.
trap 'status=$?; [ -z "${GITHUB_OUTPUT:-}" ] || echo "exit-status=$status" >>"$GITHUB_OUTPUT"' EXIT
command=${RECONCILE_INPUT_COMMAND:-dry-run}
truthy() {
  case "${1:-false}" in
    true|TRUE|True|1|yes) return 0 ;;
    false|FALSE|False|0|no|"") return 1 ;;
    *) echo "::error::reconcile action: '$1' is not true or false" >&2; exit 2 ;;
  esac
}

args=()
case "$command" in
  dry-run|apply)
    args+=("--$command")
    [ -n "${RECONCILE_INPUT_SCHEMA:-}" ] && args+=(--schema "$RECONCILE_INPUT_SCHEMA")
    [ -n "${RECONCILE_INPUT_ENV:-}" ] && args+=(--env "$RECONCILE_INPUT_ENV")
    truthy "${RECONCILE_INPUT_ALLOW_DROP:-false}" && args+=(--allow-drop)
    [ -n "${RECONCILE_INPUT_ALLOW_HAZARDS:-}" ] && args+=(--allow-hazards "$RECONCILE_INPUT_ALLOW_HAZARDS")
    truthy "${RECONCILE_INPUT_STRICT:-false}" && args+=(--strict)
    if [ "$command" = dry-run ]; then
      truthy "${RECONCILE_INPUT_EXIT_CODE:-true}" && args+=(--exit-code)
      [ -n "${RECONCILE_INPUT_FORMAT:-}" ] && args+=(--format "$RECONCILE_INPUT_FORMAT")
    else
      truthy "${RECONCILE_INPUT_YES:-false}" && args+=(--yes)
    fi
    ;;
  diff)
    [ -n "${RECONCILE_INPUT_DIFF_TO:-}" ] || { echo "::error::reconcile action: command 'diff' needs the diff-to input" >&2; exit 2; }
    args+=(diff "${RECONCILE_INPUT_SCHEMA:-schema}" "$RECONCILE_INPUT_DIFF_TO")
    truthy "${RECONCILE_INPUT_EXIT_CODE:-true}" && args+=(--exit-code)
    truthy "${RECONCILE_INPUT_ALLOW_DROP:-false}" && args+=(--allow-drop)
    [ -n "${RECONCILE_INPUT_FORMAT:-}" ] && args+=(--format "$RECONCILE_INPUT_FORMAT")
    ;;
  *)
    echo "::error::reconcile action: command is '$command'; expected dry-run, apply or diff" >&2
    exit 2 ;;
esac
# shellcheck disable=SC2206 # split on purpose: extra arguments as a workflow writes them
[ -n "${RECONCILE_INPUT_ARGS:-}" ] && args+=($RECONCILE_INPUT_ARGS)

# The URL goes through the environment, never the command line (which the log may show).
[ -n "${RECONCILE_INPUT_DATABASE_URL:-}" ] && export DATABASE_URL="$RECONCILE_INPUT_DATABASE_URL"

echo "reconcile ${args[*]}" >&2  # stderr: stdout may be the JSON plan or SQL script asked for
"$reconcile" "${args[@]}"
exit $?

#!/usr/bin/env bash
# The GitHub Action's step (action.yml): runs `check` or `diff` three ways from one analysis cache:
#   1. annotations (--format github) on the pull request, with the user's --fail-on: its exit code is the step's;
#   2. SARIF to a file (its path in the step output `sarif`), never failing;
#   3. markdown to the job summary (for diff: the pull-request comment).
# Inputs come as INPUT_* variables; API_PARITY_CLI is the built CLI. Runs anywhere bash and node run,
# so it is tested locally (test/cli/action.test.ts) with fake GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files.
set -u -o pipefail

cli="${API_PARITY_CLI:?API_PARITY_CLI must name the built dist/cli.js}"
command="${INPUT_COMMAND:-check}"
path="${INPUT_PATH:-.}"
fail_on="${INPUT_FAIL_ON:-warning}"
case "$command" in
  check | diff) ;;
  *) echo "::error title=API Parity::command must be check or diff, not '$command'"; exit 2 ;;
esac

args=("$command" "$path")
if [ "$command" = diff ] && [ -n "${INPUT_BASE:-}" ]; then args+=(--base "$INPUT_BASE"); fi
if [ "$command" = check ] && [ -n "${INPUT_BASELINE:-}" ]; then args+=(--baseline "$INPUT_BASELINE"); fi

node "$cli" "${args[@]}" --format github --fail-on "$fail_on" --no-color
status=$?
# 2 (usage, configuration, a missing base) and 3 (internal) stop here: their message is already printed.
if [ "$status" -ge 2 ]; then exit "$status"; fi

sarif="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/api-parity.sarif"
node "$cli" "${args[@]}" --format sarif --fail-on never --quiet --output "$sarif" || exit $?
if [ -n "${GITHUB_OUTPUT:-}" ]; then echo "sarif=$sarif" >> "$GITHUB_OUTPUT"; fi
if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  node "$cli" "${args[@]}" --format markdown --fail-on never --quiet >> "$GITHUB_STEP_SUMMARY" || exit $?
fi
exit "$status"

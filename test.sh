#!/usr/bin/env bash
# Sets up what is missing, builds, runs the whole test suite (headless, via ctest), then the
# checks the tree promises (scripts/check.sh: formatting, clang-tidy, the tests under ASan+UBSan),
# and prints the wall time of each stage. CI runs exactly this. Arguments go to ctest (e.g.
# -R test_draw_tab); DIGITPAD_CHECKS=none skips the checks for a quick local run.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"

timings=() # "name seconds", in order
running="" # the stage in progress, if the script stops in it
stage() {  # stage NAME COMMAND...: runs the command and records its wall time
  running="$1"
  local start
  start="$(date +%s)"
  "${@:2}"
  timings+=("$1 $(($(date +%s) - start))")
  running=""
}
print_timings() {
  printf '\033[1m[test]\033[0m wall time per stage:\n' >&2
  local timing seconds
  for timing in "${timings[@]}"; do
    seconds="${timing##* }"
    printf '  %-9s %3d:%02d\n' "${timing% *}" $((seconds / 60)) $((seconds % 60)) >&2
  done
  [ -z "$running" ] || printf '  %-9s failed\n' "$running" >&2
}
trap print_timings EXIT

stage setup "$root/scripts/setup.sh"
stage ctest ctest --preset release -j "$(nproc)" "$@"
if [ "${DIGITPAD_CHECKS:-all}" != none ]; then
  for check in format tidy sanitize; do
    stage "$check" "$root/scripts/check.sh" "$check"
  done
fi

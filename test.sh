#!/usr/bin/env bash
# Sets up what is missing, builds, runs the whole test suite (headless, via ctest), then the
# checks the tree promises (scripts/check.sh: formatting, clang-tidy, the tests under ASan+UBSan).
# CI runs exactly this. Arguments go to ctest (e.g. -R test_draw_tab); DIGITPAD_CHECKS=none
# skips the checks for a quick local run.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
"$root/scripts/setup.sh"
cd "$root"
ctest --preset release "$@"
if [ "${DIGITPAD_CHECKS:-all}" != none ]; then
  "$root/scripts/check.sh"
fi

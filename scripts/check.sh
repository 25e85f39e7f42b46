#!/usr/bin/env bash
# The checks the tree promises beyond the release tests (run by ./test.sh, and so by CI):
#   format    every C++ file as .clang-format says (clang-format --dry-run --Werror)
#   tidy      clang-tidy with .clang-tidy, zero warnings
#   sanitize  the test suite built with AddressSanitizer + UndefinedBehaviorSanitizer
# Run them by name (scripts/check.sh tidy), or all three without arguments (as CI does). Needs the release build
# (scripts/setup.sh) for its compile commands and its default model.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
say() { printf '\033[1m[check]\033[0m %s\n' "$*" >&2; }
jobs="$(nproc)"

check_format() {
  say "format: clang-format --dry-run --Werror"
  git ls-files -z '*.cpp' '*.h' | xargs -0 clang-format --dry-run --Werror
}

check_tidy() {
  say "tidy: clang-tidy 22 on every source file ($jobs jobs)"
  [ -f build/release/compile_commands.json ] || cmake --preset release >/dev/null
  # The release build's compile commands, with clang's precompiled <torch/torch.h> for GCC's.
  python3 scripts/tidy_compile_commands.py build/release/compile_commands.json build/tidy
  # Generated sources (moc, resources) live in the build tree and are not ours to fix.
  run-clang-tidy-22 -clang-tidy-binary clang-tidy-22 -p build/tidy -quiet -j "$jobs" "^$root/(core|ui|server|app|benchmarks|tests)/.*\\.cpp\$" \
    > build/clang-tidy.log 2>&1 || { grep -E "error:|warning:" build/clang-tidy.log | sort -u >&2; say "tidy: failed (build/clang-tidy.log)"; return 1; }
}

check_sanitize() {
  say "sanitize: building and testing the sanitize preset (ASan + UBSan)"
  cmake --preset sanitize >/dev/null # again if configured before: the preset may have changed
  cmake --build --preset sanitize
  ctest --preset sanitize -j "$jobs"
}

selected=("$@")
((${#selected[@]})) || selected=(format tidy sanitize)
for check in "${selected[@]}"; do
  case "$check" in
    format | tidy | sanitize) "check_$check" ;;
    *) say "unknown check '$check' (format, tidy, sanitize)"; exit 2 ;;
  esac
done
say "passed: ${selected[*]}"

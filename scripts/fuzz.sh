#!/usr/bin/env bash
# Builds the libFuzzer targets (the fuzz preset: clang, ASan + UBSan) and runs each for N seconds
# (default 60) through ctest -L fuzz, then prints what each run did:
#   scripts/fuzz.sh [seconds]
# The runs work on copies of fuzz/corpus/ in build/fuzz/fuzz/runs/<fuzzer>/, which keep what earlier
# runs found; a failure leaves its input in runs/<fuzzer>/artifacts/. CI does not run this.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
say() { printf '\033[1m[fuzz]\033[0m %s\n' "$*" >&2; }
seconds="${1:-60}"
[[ "$seconds" =~ ^[0-9]+$ ]] || { say "usage: scripts/fuzz.sh [seconds]"; exit 2; }

# clang and its libFuzzer runtime are needed here only, so the setup does not install them.
source "$root/scripts/debian_packages.sh"
install_missing_packages clang libclang-rt-14-dev

say "configuring and building the fuzz preset"
cmake --preset fuzz -DDIGITPAD_FUZZ_SECONDS="$seconds" >/dev/null
cmake --build --preset fuzz

say "running every fuzzer for $seconds s, one after the other"
status=0
ctest --preset fuzz || status=$?

say "executions per fuzzer"
for summary in build/fuzz/fuzz/runs/*/summary.txt; do
  # fuzz_idx: number_of_executed_units=... average_exec_per_sec=... new_units_added=... ...
  awk '{
    for (i = 2; i <= NF; ++i) { split($i, field, "="); stat[field[1]] = field[2] }
    printf "%-20s %12s executions %9s exec/s %6s new units %6s in corpus %6s MB peak\n", $1,
           stat["number_of_executed_units"], stat["average_exec_per_sec"],
           stat["new_units_added"], stat["corpus"], stat["peak_rss_mb"]
  }' "$summary"
done
exit "$status"

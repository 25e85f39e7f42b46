#!/bin/sh
# Regenerates every accuracy figure the README quotes: builds the benchmarks, then runs the
# judging twins (bench_judge: the figures to quote) and the tuning benches beside them
# (bench_not_a_digit, bench_robustness, bench_numbers, bench_damage; bench_photos' twin and tuning
# sets when it exists), printing each command before it runs it.
#   benchmarks/run_all.sh [--model FILE] [--seed N] [--count N] [--per-style N] [--numbers N]
#                         [--preset NAME] [--json]
# --seed and --count go to bench_judge, bench_photos and bench_damage (the other tuning benches
# keep their own fixed seeds, so their figures stay comparable with earlier ones); --per-style
# is the samples per style of bench_not_a_digit and bench_robustness; --numbers is bench_numbers'
# count.
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
preset=release
model=
seed=1
count=1000
per_style=40
numbers=1000
json=
while [ $# -gt 0 ]; do
  case "$1" in
    --model) model=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --count) count=$2; shift 2 ;;
    --per-style) per_style=$2; shift 2 ;;
    --numbers) numbers=$2; shift 2 ;;
    --preset) preset=$2; shift 2 ;;
    --json) json=--json; shift ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "run_all.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done

bin="$root/build/$preset/bin"
model=${model:-$root/build/$preset/share/digitpad/models/default.dpmodel}
# Fonts are drawn and pictures read without a display.
export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"

# Every bench runs even when one before it fails; the failures are listed at the end.
failed=
run() {
  printf '+ %s\n' "$*"
  "$@" || { failed="$failed\n  $* (exit $?)"; return 0; }
}

targets="bench_judge bench_not_a_digit bench_robustness bench_numbers bench_damage"
photos=no
if [ -f "$root/benchmarks/bench_photos.cpp" ]; then
  targets="$targets bench_photos"
  photos=yes
fi
# On a shared machine, builds queue on one lock (DIGITPAD_BUILD_LOCK) instead of racing.
lock="${DIGITPAD_BUILD_LOCK:-/tmp/digitpad-build.lock}"
cd "$root"
build="cmake --build --preset $preset --target $targets"
if command -v flock >/dev/null 2>&1; then
  build="flock $lock $build"
fi
printf '+ %s\n' "$build"
$build # a failed build stops here (set -e): nothing could be measured
if [ ! -f "$model" ]; then
  echo "run_all.sh: $model: no such model (scripts/setup.sh trains the default one)" >&2
  exit 1
fi

echo "== judging twins (the figures to quote)"
# shellcheck disable=SC2086 # $json is empty or one word
run "$bin/bench_judge" --model "$model" --seed "$seed" --count "$count" $json
if [ "$photos" = yes ]; then
  run "$bin/bench_photos" --model "$model" --seed "$seed" --count "$count" --set twin
fi
echo "== tuning benches (what the settings were chosen on)"
run "$bin/bench_not_a_digit" "$model" "$per_style"
run "$bin/bench_robustness" "$model" "$per_style"
run "$bin/bench_numbers" "$model" "$numbers"
run "$bin/bench_damage" --model "$model" --seed "$seed" --count "$count"
if [ "$photos" = yes ]; then
  run "$bin/bench_photos" --model "$model" --seed "$seed" --count "$count" --set tuning
fi
if [ -n "$failed" ]; then
  printf 'run_all.sh: these failed:%b\n' "$failed" >&2
  exit 1
fi

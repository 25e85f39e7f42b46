#!/usr/bin/env bash
# Trains the default model from scratch, as the committed models/default.dpmodel was trained (the
# cnn on the 60,000 MNIST training digits, seed 1; 10-12 minutes on 2 cores), then prints how
# close it came to the committed one: validation accuracy (its own split) and official test
# accuracy of both. Training is not bit-identical across machines and thread counts, so the
# figures may differ a little.
#   scripts/train-default-model.sh            train and compare; the committed model stays
#   scripts/train-default-model.sh --install  then replace models/default.dpmodel (atomically)
# Needs the release build (scripts/setup.sh).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
say() { printf '\033[1m[train-default-model]\033[0m %s\n' "$*" >&2; }

install=0
for argument in "$@"; do
  case "$argument" in
    --install) install=1 ;;
    -h | --help) sed -n '2,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) say "unknown argument '$argument' (--install, --help)"; exit 2 ;;
  esac
done

cli="$root/build/${DIGITPAD_PRESET:-release}/bin/digitpad-cli"
[ -x "$cli" ] || { say "$cli is missing: run scripts/setup.sh first"; exit 1; }
committed="$root/models/default.dpmodel"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
fresh="$work/default.dpmodel"

say "training the cnn on the 60,000 MNIST training digits, seed 1 (progress below)"
"$cli" train --arch cnn --seed 1 --out "$fresh" > "$work/summary.json"

# eval's JSON has one "accuracy" (per-class figures are precision and recall).
accuracy() { "$cli" eval --model "$1" "${@:2}" | sed -n 's/.*"accuracy":\([-0-9.e]*\).*/\1/p'; }
recipe() { "$cli" info --model "$1" | sed -n 's/.*"training_recipe":\([0-9]*\).*/\1/p'; }
report() { # name, model file
  local validation test
  validation="$(accuracy "$2" --source validation)"
  test="$(accuracy "$2")"
  [[ -n $validation && -n $test ]] || { say "digitpad-cli eval printed no accuracy for $2"; exit 1; }
  awk -v name="$1" -v validation="$validation" -v test="$test" -v recipe="$(recipe "$2")" \
    'BEGIN { printf "%-10s %11.2f%% %14.2f%%   recipe %s\n", name, validation * 100, test * 100, recipe }'
}
say "evaluating (validation: each model's own split of 6,000 training digits; test: the official 10,000)"
printf '%-10s %12s %15s\n' model validation "official test"
if [ -f "$committed" ]; then report committed "$committed"; fi
report retrained "$fresh"

if ((install)); then
  mkdir -p "$(dirname "$committed")"
  cp "$fresh" "$committed.part"
  mv "$committed.part" "$committed"
  say "installed as models/default.dpmodel; rebuild to ship it, and commit it"
else
  say "models/default.dpmodel unchanged (--install replaces it)"
fi

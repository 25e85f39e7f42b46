#!/usr/bin/env bash
# Sets up what is missing, builds, and runs the whole test suite (headless, via ctest).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
"$root/scripts/setup.sh"
cd "$root"
ctest --preset release "$@"

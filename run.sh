#!/usr/bin/env bash
# Sets up what is missing, builds, and starts DigitPad.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
"$root/scripts/setup.sh"
exec "$root/build/release/bin/digitpad" "$@"

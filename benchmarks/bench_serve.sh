#!/usr/bin/env bash
# Throughput and latency of POST /predict with 1 and 8 concurrent clients on loopback (wrk, from
# Debian), and the server's resident memory after 100 and after 10,000 requests.
#   benchmarks/bench_serve.sh [IMAGE.png]     (needs: apt-get install wrk; a release build)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cli="$root/build/release/bin/digitpad-cli"
port=18481
image="${1:-}"
if [ -z "$image" ]; then
  image="$(mktemp --suffix=.png)"
  convert -size 280x280 xc:white -stroke black -strokewidth 20 -fill none \
    -draw "polyline 80,60 210,60 120,240" "$image"
fi
command -v wrk >/dev/null || { echo "bench_serve: wrk is missing (apt-get install wrk)" >&2; exit 1; }

"$cli" serve --port "$port" 2>/dev/null &
server=$!
trap 'kill $server 2>/dev/null' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.1; done
rss() { awk '/VmRSS/ {printf "%.1f MB", $2 / 1024}' "/proc/$server/status"; }

echo "image: $image ($(stat -c %s "$image") bytes)"
for _ in $(seq 100); do
  curl -sf -H 'Content-Type: image/png' --data-binary "@$image" "http://127.0.0.1:$port/predict" >/dev/null
done
echo "resident memory after 100 requests: $(rss)"
for clients in 1 8; do
  printf '%d client(s): ' "$clients"
  DIGITPAD_IMAGE="$image" wrk -t "$clients" -c "$clients" -d 10s -s "$root/benchmarks/predict_post.lua" \
    "http://127.0.0.1:$port/predict" | tail -1
done
echo "resident memory after the runs above (well over 10,000 requests): $(rss)"

-- wrk script: POST one PNG to /predict and print the 95th percentile latency.
local file = assert(io.open(os.getenv("DIGITPAD_IMAGE"), "rb"))
wrk.method = "POST"
wrk.body = file:read("*a")
wrk.headers["Content-Type"] = "image/png"
file:close()

function done(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write +
                 summary.errors.status + summary.errors.timeout
  io.write(string.format("requests %d  %.0f req/s  p50 %.2f ms  p95 %.2f ms  max %.2f ms  errors %d\n",
    summary.requests, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency.max / 1000, errors))
end

#include "server_metrics.h"

#include <optional>

namespace digitpad {

namespace {
void family(QByteArray &out, const char *name, const char *type, const char *help) {
    out += QByteArray("# HELP ") + name + ' ' + help + "\n# TYPE " + name + ' ' + type + '\n';
}

void sample(QByteArray &out, const QByteArray &name, const QByteArray &labels, double value) {
    out += name;
    if (!labels.isEmpty())
        out += '{' + labels + '}';
    out += ' ' + QByteArray::number(value, 'g', 12) + '\n';
}

void renderWorkers(QByteArray &out, const ServerMetrics::Gauges &gauges) {
    const std::pair<QByteArray, const WorkerWatch::Snapshot *> pools[] = {
        {"pool=\"predict\"", &gauges.predictWorkers}, {"pool=\"batch\"", &gauges.batchWorkers}};
    family(out, "digitpad_workers_busy", "gauge", "Workers reading a request's images.");
    for (const auto &[pool, workers] : pools)
        sample(out, "digitpad_workers_busy", pool, workers->busy);
    family(out, "digitpad_workers_stuck", "gauge",
           "Workers held by one request for longer than a request should take (10 s by default).");
    for (const auto &[pool, workers] : pools)
        sample(out, "digitpad_workers_stuck", pool, workers->stuck);
    family(out, "digitpad_workers_longest_job_seconds", "gauge",
           "How long the oldest request being read has been on its worker.");
    for (const auto &[pool, workers] : pools)
        sample(out, "digitpad_workers_longest_job_seconds", pool, workers->longestSeconds);
}
void renderProcess(QByteArray &out, const ProcessStats &process) {
    const auto figure = [&](const char *name, const char *type, const char *help,
                            const std::optional<double> &value) {
        if (!value)
            return;
        family(out, name, type, help);
        sample(out, name, {}, *value);
    };
    figure("process_cpu_seconds_total", "counter", "Total user and system CPU time in seconds.",
           process.cpuSeconds);
    figure("process_resident_memory_bytes", "gauge", "Resident memory size in bytes.",
           process.residentBytes);
    figure("process_virtual_memory_bytes", "gauge", "Virtual memory size in bytes.",
           process.virtualBytes);
    figure("process_start_time_seconds", "gauge",
           "Start time of the process since the Unix epoch in seconds.", process.startTimeSeconds);
    figure("process_open_fds", "gauge", "Number of open file descriptors.", process.openFds);
    figure("process_max_fds", "gauge", "Maximum number of open file descriptors.", process.maxFds);
}

// A label value as the exposition format quotes it: backslash, double quote and newline escaped.
QByteArray labelValue(const QString &value) {
    QByteArray escaped = value.toUtf8();
    escaped.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n");
    return '"' + escaped + '"';
}
} // namespace

ServerMetrics::ServerMetrics(QList<QByteArray> routes) : m_routes(std::move(routes)) {}

QByteArray ServerMetrics::routeOf(const QByteArray &path) const {
    return m_routes.contains(path) ? path : QByteArrayLiteral("other");
}

void ServerMetrics::record(const HttpExchange &exchange) {
    const QByteArray route = routeOf(exchange.path);
    ++m_requests[{route, exchange.status}];
    Latency &latency = m_latency[route];
    ++latency.count;
    latency.sum += exchange.seconds;
    for (std::size_t bucket = 0; bucket < kBuckets.size(); ++bucket)
        if (exchange.seconds <= kBuckets[bucket]) {
            ++latency.buckets[bucket];
            break;
        }
}

QByteArray ServerMetrics::render(const Gauges &gauges) const {
    QByteArray out;
    family(out, "digitpad_http_requests_total", "counter", "HTTP requests answered.");
    for (auto it = m_requests.begin(); it != m_requests.end(); ++it)
        sample(out, "digitpad_http_requests_total",
               "route=\"" + it.key().first + "\",status=\"" + QByteArray::number(it.key().second) +
                   '"',
               double(it.value()));

    family(out, "digitpad_http_request_duration_seconds", "histogram",
           "From a request's first byte to its response.");
    for (auto it = m_latency.begin(); it != m_latency.end(); ++it) {
        const QByteArray route = "route=\"" + it.key() + '"';
        quint64 cumulative = 0;
        for (std::size_t bucket = 0; bucket < kBuckets.size(); ++bucket) {
            cumulative += it->buckets[bucket];
            sample(out, "digitpad_http_request_duration_seconds_bucket",
                   route + ",le=\"" + QByteArray::number(kBuckets[bucket], 'g', 6) + '"',
                   double(cumulative));
        }
        sample(out, "digitpad_http_request_duration_seconds_bucket", route + ",le=\"+Inf\"",
               double(it->count));
        sample(out, "digitpad_http_request_duration_seconds_sum", route, it->sum);
        sample(out, "digitpad_http_request_duration_seconds_count", route, double(it->count));
    }

    family(out, "digitpad_work_queue_depth", "gauge",
           "Prediction requests waiting for a worker or being read by one.");
    sample(out, "digitpad_work_queue_depth", {}, gauges.queuedRequests);
    family(out, "digitpad_http_requests_in_flight", "gauge", "Requests not yet answered.");
    sample(out, "digitpad_http_requests_in_flight", {}, gauges.requestsInFlight);
    family(out, "digitpad_http_open_connections", "gauge", "Client connections open.");
    sample(out, "digitpad_http_open_connections", {}, gauges.openConnections);
    family(out, "digitpad_http_buffered_body_bytes", "gauge",
           "Request bodies held in memory until answered.");
    sample(out, "digitpad_http_buffered_body_bytes", {}, double(gauges.bufferedBodyBytes));

    renderWorkers(out, gauges);

    const HttpServer::Counters &c = gauges.connections;
    family(out, "digitpad_http_connections_total", "counter",
           "Connections, by what became of them on arrival or under pressure.");
    sample(out, "digitpad_http_connections_total", "outcome=\"accepted\"", double(c.accepted));
    sample(out, "digitpad_http_connections_total", "outcome=\"evicted\"", double(c.evicted));
    sample(out, "digitpad_http_connections_total", "outcome=\"turned_away\"", double(c.turnedAway));
    family(out, "digitpad_http_timeouts_total", "counter",
           "Requests whose headers or body did not arrive in time.");
    sample(out, "digitpad_http_timeouts_total", {}, double(c.timedOut));
    family(out, "digitpad_http_accept_errors_total", "counter",
           "Failed accepts (out of file descriptors, ...).");
    sample(out, "digitpad_http_accept_errors_total", {}, double(c.acceptErrors));

    renderProcess(out, gauges.process);
    family(out, "digitpad_build_info", "gauge", "The running DigitPad and the model it serves.");
    sample(out, "digitpad_build_info",
           "version=" + labelValue(gauges.version) +
               ",architecture=" + labelValue(gauges.architecture) + ",training_recipe=\"" +
               QByteArray::number(gauges.trainingRecipe) + '"',
           1);
    return out;
}

} // namespace digitpad

#pragma once

#include "http_server.h"
#include "process_stats.h"
#include "worker_watch.h"

#include <QByteArray>
#include <QMap>
#include <array>

namespace digitpad {

// The numbers an operator scrapes from GET /metrics, in the Prometheus text exposition format
// (version 0.0.4): requests by route and status, a latency histogram by route, the gauges of the
// moment (work queue depth, open connections, bodies held, workers busy and stuck), the process's
// own process_* figures and digitpad_build_info (version and model). Used on the server's thread.
class ServerMetrics {
  public:
    // Upper bounds of the latency buckets, in seconds (the +Inf bucket is implicit).
    static constexpr std::array<double, 11> kBuckets = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
                                                        0.5,   1.0,  2.5,   5.0,  10.0};

    // Paths outside `routes` are counted as "other", so that a scan of random URLs cannot grow
    // the metrics without bound.
    explicit ServerMetrics(QList<QByteArray> routes);

    void record(const HttpExchange &exchange);

    struct Gauges {
        int queuedRequests = 0;
        int requestsInFlight = 0;
        int openConnections = 0;
        qint64 bufferedBodyBytes = 0;
        HttpServer::Counters connections;
        WorkerWatch::Snapshot predictWorkers; // POST /predict
        WorkerWatch::Snapshot batchWorkers;   // POST /predict/batch
        ProcessStats process;
        // digitpad_build_info's labels: what runs and which model it serves.
        QString version;
        QString architecture;
        int trainingRecipe = 0;
    };
    QByteArray render(const Gauges &gauges) const;

  private:
    struct Latency {
        std::array<quint64, kBuckets.size()> buckets{}; // not cumulative; summed when rendered
        quint64 count = 0;
        double sum = 0;
    };
    QByteArray routeOf(const QByteArray &path) const;

    QList<QByteArray> m_routes;
    QMap<std::pair<QByteArray, int>, quint64> m_requests; // (route, status) -> count
    QMap<QByteArray, Latency> m_latency;
};

} // namespace digitpad

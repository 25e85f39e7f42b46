#pragma once

#include "classifier.h"
#include "http_server.h"
#include "server_metrics.h"
#include "worker_watch.h"

#include <QHostAddress>
#include <QThreadPool>
#include <atomic>
#include <chrono>
#include <memory>

namespace digitpad {

struct ServerOptions {
    QHostAddress host = QHostAddress::LocalHost; // loopback unless the user says otherwise
    quint16 port = 8080;                         // 0: any free port
    HttpServerOptions http;                      // sizes, connections, timeouts
    int maxBatchImages = 256;
    // Requests waiting for a worker or being read by one; beyond it, 503 with Retry-After.
    int maxQueuedRequests = 64; // POST /predict
    int maxQueuedBatches = 8;   // POST /predict/batch
    // From the end of a request's body to its answer; a request still waiting for a worker, or
    // a batch still reading, when it passes gets 503.
    std::chrono::milliseconds requestDeadline{10'000};
    // Threads reading single images; 0: one per core, at least 2. Batches have half as many.
    int workers = 0;
    // A worker on one request for longer than this is stuck: /metrics counts it, and /health
    // answers 503 once every worker for /predict is, so that a load balancer looks elsewhere.
    std::chrono::milliseconds workerStuckAfter{10'000};
};

// The HTTP prediction API on HttpServer. Images are decoded and read on worker threads, never on
// the event loop that accepts and reads the rest; batches have workers of their own, so a heavy
// batch cannot hold up a single prediction.
//   POST /predict        one image: raw body (image/png, image/jpeg, image/bmp or
//                        application/octet-stream) or a multipart/form-data upload
//   POST /predict/batch  several images as multipart/form-data
//   GET  /health (503 while every /predict worker is stuck), GET /model,
//   GET  /metrics (Prometheus), GET / (an upload page)
// Method, path, Host, Origin and queue room are checked from the headers, before any body is
// read. On a loopback address, requests must name a loopback Host (no DNS rebinding), and a
// browser's cross-origin request (an Origin other than the server's own) is refused, so that no
// web page can make a visitor's browser use the API.
class PredictionServer {
  public:
    PredictionServer(const Classifier &model, const ServerOptions &options);
    ~PredictionServer();

    // Returns the port listened on; throws digitpad::Error when the address cannot be bound.
    quint16 listen();
    // For a graceful shutdown: no new connections; requests already taken are still answered,
    // those left when the grace (ServerOptions::http.windDownGrace) ends with 503, and the work
    // not yet begun for them is skipped.
    void stopListening();
    int requestsInFlight() const { return m_http.requestsInFlight(); }

  private:
    std::optional<HttpResponse> vet(const HttpRequest &headers) const;
    void handle(HttpRequest request, const HttpServer::Reply &reply);
    void runPrediction(HttpRequest request, const HttpServer::Reply &reply);
    // Why a request is refused before any work (foreign Host or Origin), or nothing.
    QString refusal(const HttpRequest &request) const;
    HttpResponse health() const;
    QByteArray metricsText() const;

    Classifier m_model;
    ServerOptions m_options;
    QByteArray m_metadata;
    QByteArray m_page;
    ServerMetrics m_metrics;
    // Declared before the pools: the pools' destructors wait for the jobs, which answer
    // through the server and report to the watches.
    HttpServer m_http;
    WorkerWatch m_predictWatch;
    WorkerWatch m_batchWatch;
    QThreadPool m_workers;
    QThreadPool m_batchWorkers;
    std::shared_ptr<std::atomic<int>> m_queued = std::make_shared<std::atomic<int>>(0);
    std::shared_ptr<std::atomic<int>> m_queuedBatches = std::make_shared<std::atomic<int>>(0);
};

} // namespace digitpad

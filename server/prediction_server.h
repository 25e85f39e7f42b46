#pragma once

#include "classifier.h"

#include <QHostAddress>
#include <QHttpServer>
#include <QThreadPool>
#include <atomic>
#include <memory>

namespace digitpad {

struct ServerOptions {
    QHostAddress host = QHostAddress::LocalHost; // loopback unless the user says otherwise
    quint16 port = 8080;                         // 0: any free port
    qint64 maxBodyBytes = qint64(5) * 1024 * 1024;
    int maxBatchImages = 256;
    // Prediction requests being read or waiting for a worker; beyond it, 503 with Retry-After.
    int maxQueuedRequests = 64;
};

// The HTTP prediction API (Qt HTTP Server). Images are decoded and read on a thread pool, so a
// slow or malformed upload occupies one worker and never the event loop that accepts the rest.
//   POST /predict        one image: raw body (image/png, image/jpeg, image/bmp or
//                        application/octet-stream) or a multipart/form-data upload
//   POST /predict/batch  several images as multipart/form-data
//   GET  /health, GET /model, GET / (an upload page)
// On a loopback address, requests must name a loopback Host (no DNS rebinding), and a browser's
// cross-origin request (an Origin other than the server's own) is refused, so that no web page
// can make a visitor's browser use the API.
class PredictionServer {
  public:
    PredictionServer(const Classifier &model, const ServerOptions &options);

    // Returns the port listened on; throws digitpad::Error when the address cannot be bound.
    quint16 listen();

  private:
    void addRoutes();
    // Why a request is refused before any work (foreign Host or Origin), or nothing.
    QString refusal(const QHttpServerRequest &request) const;

    Classifier m_model;
    ServerOptions m_options;
    QThreadPool m_workers;
    std::shared_ptr<std::atomic<int>> m_queued = std::make_shared<std::atomic<int>>(0);
    QHttpServer m_http;
};

} // namespace digitpad

#pragma once

#include "classifier.h"

#include <QHostAddress>
#include <QHttpServer>
#include <QThreadPool>

namespace digitpad {

struct ServerOptions {
    QHostAddress host = QHostAddress::LocalHost; // loopback unless the user says otherwise
    quint16 port = 8080;                         // 0: any free port
    qint64 maxBodyBytes = qint64(5) * 1024 * 1024;
    int maxBatchImages = 256;
};

// The HTTP prediction API (Qt HTTP Server). Images are decoded and read on a thread pool, so a
// slow or malformed upload occupies one worker and never the event loop that accepts the rest.
//   POST /predict        one image: raw body (image/png, image/jpeg, image/bmp or
//                        application/octet-stream) or a multipart/form-data upload
//   POST /predict/batch  several images as multipart/form-data
//   GET  /health, GET /model, GET / (an upload page)
class PredictionServer {
  public:
    PredictionServer(const Classifier &model, const ServerOptions &options);

    // Returns the port listened on; throws digitpad::Error when the address cannot be bound.
    quint16 listen();

  private:
    void addRoutes();

    Classifier m_model;
    ServerOptions m_options;
    QThreadPool m_workers;
    QHttpServer m_http;
};

} // namespace digitpad

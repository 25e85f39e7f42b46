#include "prediction_server.h"

#include "error.h"
#include "prediction_requests.h"

#include <QFile>
#include <QJsonDocument>

namespace digitpad {

namespace {
// Every path the API knows and the one method it takes there.
const QList<std::pair<QByteArray, QByteArray>> kRoutes = {
    {"/predict", "POST"}, {"/predict/batch", "POST"}, {"/health", "GET"},
    {"/model", "GET"},    {"/metrics", "GET"},        {"/", "GET"}};

QList<QByteArray> routePaths() {
    QList<QByteArray> paths;
    for (const auto &route : kRoutes)
        paths.append(route.first);
    return paths;
}

QByteArray uploadPage() {
    QFile page(QStringLiteral(":/digitpad/server/index.html"));
    page.open(QIODevice::ReadOnly);
    return page.readAll();
}
} // namespace

PredictionServer::PredictionServer(const Classifier &model, const ServerOptions &options)
    : m_model(model), m_options(options),
      m_metadata(QJsonDocument(model.metadata().toJson()).toJson(QJsonDocument::Compact)),
      m_page(uploadPage()), m_metrics(routePaths()),
      m_http(
          options.http, [this](const HttpRequest &headers) { return vet(headers); },
          [this](HttpRequest request, const HttpServer::Reply &reply) {
              handle(std::move(request), reply);
          },
          [this](const HttpExchange &exchange) { m_metrics.record(exchange); }) {
    const int workers =
        options.workers > 0 ? options.workers : std::max(2, QThread::idealThreadCount());
    m_workers.setMaxThreadCount(workers);
    m_batchWorkers.setMaxThreadCount(std::max(1, workers / 2));
}

PredictionServer::~PredictionServer() {
    m_workers.waitForDone();
    m_batchWorkers.waitForDone();
}

QString PredictionServer::refusal(const HttpRequest &request) const {
    const QByteArray host = request.header("host").toLower();
    if (m_options.host.isLoopback()) {
        // "localhost:8080", "127.0.0.1", "[::1]:8080": the name, without the port.
        const QByteArray name =
            host.startsWith('[') ? host.left(host.indexOf(']') + 1) : host.split(':').first();
        static const QList<QByteArray> loopback = {"localhost", "127.0.0.1", "[::1]"};
        if (!loopback.contains(name))
            return QStringLiteral("the Host '%1' is not this loopback server (DNS rebinding?)")
                .arg(QString::fromLatin1(host));
    }
    const QByteArray origin = request.header("origin").toLower();
    if (!origin.isEmpty() && origin != "http://" + host)
        return QStringLiteral("cross-origin requests from %1 are refused")
            .arg(QString::fromLatin1(origin));
    return {};
}

std::optional<HttpResponse> PredictionServer::vet(const HttpRequest &headers) const {
    const QByteArray path = headers.path();
    QByteArray allowed;
    for (const auto &[routePath, method] : kRoutes)
        if (routePath == path)
            allowed = method;
    if (allowed.isEmpty())
        return HttpResponse::error(
            404, QStringLiteral("no such path: %1").arg(QString::fromLatin1(path)));
    if (headers.method != allowed)
        return HttpResponse::error(
                   405, QStringLiteral("%1 accepts %2 only")
                            .arg(QString::fromLatin1(path), QString::fromLatin1(allowed)))
            .withHeader("Allow", allowed);
    if (path == "/" || path == "/health")
        return std::nullopt; // the page and the liveness probe are for anyone who can connect
    if (const QString refused = refusal(headers); !refused.isEmpty())
        return HttpResponse::error(403, refused);
    if (path == "/predict" && m_queued->load() >= m_options.maxQueuedRequests)
        return HttpResponse::busy(
            QStringLiteral("%1 requests are waiting; try again in a second").arg(m_queued->load()));
    if (path == "/predict/batch" && m_queuedBatches->load() >= m_options.maxQueuedBatches)
        return HttpResponse::busy(QStringLiteral("%1 batches are waiting; try again in a second")
                                      .arg(m_queuedBatches->load()));
    return std::nullopt;
}

HttpResponse PredictionServer::health() const {
    const WorkerWatch::Snapshot workers = m_predictWatch.snapshot(m_options.workerStuckAfter);
    if (workers.stuck < m_workers.maxThreadCount()) {
        HttpResponse ok;
        ok.body = R"({"status":"ok"})";
        return ok;
    }
    return HttpResponse::json(
        QJsonObject{{QStringLiteral("status"), QStringLiteral("stalled")},
                    {QStringLiteral("stuck_workers"), workers.stuck},
                    {QStringLiteral("reason"),
                     QStringLiteral("every worker for /predict has been on one request for over "
                                    "%1 ms")
                         .arg(m_options.workerStuckAfter.count())}},
        503);
}

QByteArray PredictionServer::metricsText() const {
    ServerMetrics::Gauges gauges;
    gauges.predictWorkers = m_predictWatch.snapshot(m_options.workerStuckAfter);
    gauges.batchWorkers = m_batchWatch.snapshot(m_options.workerStuckAfter);
    gauges.queuedRequests = m_queued->load() + m_queuedBatches->load();
    gauges.requestsInFlight = m_http.requestsInFlight();
    gauges.openConnections = m_http.openConnections();
    gauges.bufferedBodyBytes = m_http.bufferedBodyBytes();
    gauges.connections = m_http.counters();
    gauges.process = ProcessStats::now();
    gauges.version = QStringLiteral(DIGITPAD_VERSION);
    gauges.architecture = m_model.metadata().architecture;
    gauges.trainingRecipe = m_model.metadata().trainingRecipe;
    return m_metrics.render(gauges);
}

void PredictionServer::handle(HttpRequest request, const HttpServer::Reply &reply) {
    const QByteArray path = request.path();
    if (path == "/predict" || path == "/predict/batch") {
        runPrediction(std::move(request), reply);
        return;
    }
    if (path == "/health") {
        reply.send(health());
        return;
    }
    HttpResponse response;
    if (path == "/model") {
        response.body = m_metadata;
    } else if (path == "/metrics") {
        response.contentType = "text/plain; version=0.0.4; charset=utf-8";
        response.body = metricsText();
    } else {
        response.contentType = "text/html; charset=utf-8";
        response.body = m_page;
    }
    reply.send(std::move(response));
}

void PredictionServer::runPrediction(HttpRequest request, const HttpServer::Reply &reply) {
    const bool batch = request.path() == "/predict/batch";
    const std::shared_ptr<std::atomic<int>> queued = batch ? m_queuedBatches : m_queued;
    if (queued->load() >= (batch ? m_options.maxQueuedBatches : m_options.maxQueuedRequests)) {
        reply.send(
            HttpResponse::busy(QStringLiteral("the work queue is full; try again in a second")));
        return;
    }
    ++*queued;
    const QDeadlineTimer deadline(m_options.requestDeadline);
    QThreadPool &pool = batch ? m_batchWorkers : m_workers;
    WorkerWatch &watch = batch ? m_batchWatch : m_predictWatch;
    pool.start([model = m_model, request = std::move(request), reply, batch, deadline, queued,
                maxImages = m_options.maxBatchImages, &watch] {
        // The client has gone, or the server answered for this request as it stopped.
        const auto abandoned = [&reply] { return reply.isAbandoned(); };
        HttpResponse response;
        {
            const WorkerWatch::Job job(watch); // over before the answer, which may be the last
            if (deadline.hasExpired())
                response = HttpResponse::busy(QStringLiteral("the request waited too long for a "
                                                             "worker; try again in a second"));
            else
                response = batch ? predictBatch(model, request, maxImages, deadline, abandoned)
                                 : predictOne(model, request, abandoned);
        }
        --*queued;
        reply.send(std::move(response));
    });
}

quint16 PredictionServer::listen() {
    const quint16 port = m_http.listen(m_options.host, m_options.port);
    if (port == 0)
        throw Error(
            QStringLiteral("cannot listen on %1:%2 (in use, or not an address of this machine?)")
                .arg(m_options.host.toString())
                .arg(m_options.port));
    return port;
}

void PredictionServer::stopListening() {
    m_http.stopListening();
}

} // namespace digitpad

#include "prediction_server.h"

#include "error.h"
#include "multipart.h"
#include "number_reading.h"
#include "preprocess.h"

#include <QElapsedTimer>
#include <QFile>
#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QJsonArray>
#include <QPromise>
#include <QtConcurrent>

namespace digitpad {

namespace {
using Status = QHttpServerResponder::StatusCode;
using Method = QHttpServerRequest::Method;

// A failure the client caused, with the status that says so.
struct RequestError {
    Status status;
    QString message;
};

QHttpServerResponse errorResponse(Status status, const QString &message) {
    return QHttpServerResponse(
        QJsonObject{{QStringLiteral("error"), message}, {QStringLiteral("status"), int(status)}},
        status);
}

QByteArray mediaType(const QByteArray &contentType) {
    return contentType.split(';').first().trimmed().toLower();
}

bool isImageType(const QByteArray &type) {
    static const QList<QByteArray> accepted = {"image/png",      "image/jpeg",
                                               "image/jpg",      "image/bmp",
                                               "image/x-ms-bmp", "application/octet-stream"};
    return accepted.contains(type);
}

const QString kAcceptedTypes =
    QStringLiteral("image/png, image/jpeg, image/bmp, application/octet-stream or "
                   "multipart/form-data");

// What a worker needs of a request; QHttpServerRequest itself stays on the server's thread.
struct Upload {
    QByteArray contentType;
    QByteArray body;
};

struct NamedImage {
    QString name;
    QByteArray bytes;
};

// The images of an upload, or the RequestError that explains why there are none.
std::vector<NamedImage> imagesOf(const Upload &upload, int maxImages) {
    const QByteArray type = mediaType(upload.contentType);
    if (upload.body.isEmpty())
        throw RequestError{Status::BadRequest,
                           QStringLiteral("the request has no body: send an image")};
    if (isImageType(type))
        return {{QStringLiteral("body"), upload.body}};
    if (type != "multipart/form-data")
        throw RequestError{
            Status::UnsupportedMediaType,
            QStringLiteral("unsupported Content-Type '%1': send %2")
                .arg(QString::fromLatin1(type.isEmpty() ? "none" : type), kAcceptedTypes)};
    std::vector<MultipartPart> parts;
    try {
        parts = parseMultipart(upload.body, multipartBoundary(upload.contentType));
    } catch (const Error &error) {
        throw RequestError{Status::BadRequest, error.message()};
    }
    std::vector<NamedImage> images;
    for (const MultipartPart &part : parts) {
        if (part.fileName.isEmpty() && part.contentType.isEmpty())
            continue; // a plain form field
        if (!part.contentType.isEmpty() && !isImageType(part.contentType))
            throw RequestError{
                Status::UnsupportedMediaType,
                QStringLiteral("part '%1' has unsupported Content-Type '%2': send %3")
                    .arg(QString::fromUtf8(part.fileName.isEmpty() ? part.name : part.fileName),
                         QString::fromLatin1(part.contentType), kAcceptedTypes)};
        images.push_back(
            {QString::fromUtf8(part.fileName.isEmpty() ? part.name : part.fileName), part.body});
    }
    if (images.empty())
        throw RequestError{Status::BadRequest, QStringLiteral("the form holds no image file")};
    if (int(images.size()) > maxImages)
        throw RequestError{Status::PayloadTooLarge,
                           QStringLiteral("%1 images in one request; at most %2")
                               .arg(images.size())
                               .arg(maxImages)};
    return images;
}

QJsonArray inputRows(const ModelInput &input) {
    QJsonArray rows;
    for (int y = 0; y < kImageSide; ++y) {
        QJsonArray row;
        for (int x = 0; x < kImageSide; ++x)
            row.append(int(std::lround(
                std::clamp(input[std::size_t(y) * kImageSide + std::size_t(x)], 0.0f, 1.0f) *
                255)));
        rows.append(row);
    }
    return rows;
}

// Throws digitpad::Error for bytes that are not a decodable image or hold no ink.
QJsonObject readImage(const Classifier &model, const NamedImage &image) {
    QElapsedTimer timer;
    timer.start();
    const PictureReading picture = readPicture(model, decodeImage(image.bytes, image.name));
    QJsonObject reading = picture.toJson();
    reading.insert(QStringLiteral("input"), inputRows(picture.wholeInput.input));
    reading.insert(QStringLiteral("milliseconds"), timer.nsecsElapsed() / 1e6);
    return reading;
}

QHttpServerResponse predictOne(const Classifier &model, const Upload &upload) {
    try {
        const std::vector<NamedImage> images = imagesOf(upload, 1);
        return QHttpServerResponse(readImage(model, images.front()));
    } catch (const RequestError &error) {
        return errorResponse(error.status, error.message);
    } catch (const Error &error) {
        return errorResponse(Status::BadRequest, error.message());
    }
}

QHttpServerResponse predictBatch(const Classifier &model, const Upload &upload, int maxImages) {
    try {
        if (mediaType(upload.contentType) != "multipart/form-data")
            throw RequestError{
                Status::UnsupportedMediaType,
                QStringLiteral("/predict/batch takes multipart/form-data with one file per image")};
        QJsonArray results;
        int read = 0;
        for (const NamedImage &image : imagesOf(upload, maxImages)) {
            QJsonObject result{{QStringLiteral("file"), image.name}};
            try {
                const QJsonObject reading = readImage(model, image);
                for (auto field = reading.begin(); field != reading.end(); ++field)
                    result.insert(field.key(), field.value());
                ++read;
            } catch (const Error &error) { // one bad image does not spoil the others
                result.insert(QStringLiteral("error"), error.message());
            }
            results.append(result);
        }
        const QJsonObject answer{{QStringLiteral("predictions"), results},
                                 {QStringLiteral("read"), read}};
        return QHttpServerResponse(answer, read > 0 ? Status::Ok : Status::BadRequest);
    } catch (const RequestError &error) {
        return errorResponse(error.status, error.message);
    }
}

QByteArray uploadPage() {
    QFile page(QStringLiteral(":/digitpad/server/index.html"));
    page.open(QIODevice::ReadOnly);
    return page.readAll();
}
} // namespace

PredictionServer::PredictionServer(const Classifier &model, const ServerOptions &options)
    : m_model(model), m_options(options) {
    m_workers.setMaxThreadCount(std::max(2, QThread::idealThreadCount()));
    addRoutes();
}

QString PredictionServer::refusal(const QHttpServerRequest &request) const {
    const QByteArray host = request.value("Host").trimmed().toLower();
    if (m_options.host.isLoopback()) {
        // "localhost:8080", "127.0.0.1", "[::1]:8080": the name, without the port.
        const QByteArray name =
            host.startsWith('[') ? host.left(host.indexOf(']') + 1) : host.split(':').first();
        static const QList<QByteArray> loopback = {"localhost", "127.0.0.1", "[::1]"};
        if (!loopback.contains(name))
            return QStringLiteral("the Host '%1' is not this loopback server (DNS rebinding?)")
                .arg(QString::fromLatin1(host));
    }
    const QByteArray origin = request.value("Origin").trimmed().toLower();
    if (!origin.isEmpty() && origin != "http://" + host)
        return QStringLiteral("cross-origin requests from %1 are refused")
            .arg(QString::fromLatin1(origin));
    return {};
}

void PredictionServer::addRoutes() {
    const auto predictRoute = [this](bool batch) {
        return [this, batch](const QHttpServerRequest &request) -> QFuture<QHttpServerResponse> {
            if (const QString refused = refusal(request); !refused.isEmpty())
                return QtConcurrent::run(
                    &m_workers, [refused] { return errorResponse(Status::Forbidden, refused); });
            // Answered at once, without a worker, so a flood cannot hold the refusals up.
            if (m_queued->load() >= m_options.maxQueuedRequests) {
                QPromise<QHttpServerResponse> busy;
                QHttpServerResponse response =
                    errorResponse(Status::ServiceUnavailable,
                                  QStringLiteral("%1 requests are waiting; try again in a second")
                                      .arg(m_queued->load()));
                response.setHeader("Retry-After", "1");
                busy.start();
                busy.addResult(std::move(response));
                busy.finish();
                return busy.future();
            }
            Upload upload{request.value("Content-Type"), request.body()};
            if (upload.body.size() > m_options.maxBodyBytes) {
                const QString message = QStringLiteral("the body is %1 bytes; the limit is %2")
                                            .arg(upload.body.size())
                                            .arg(m_options.maxBodyBytes);
                return QtConcurrent::run(&m_workers, [message] {
                    return errorResponse(Status::PayloadTooLarge, message);
                });
            }
            const Classifier model = m_model;
            const int maxImages = m_options.maxBatchImages;
            ++*m_queued;
            return QtConcurrent::run(&m_workers, [model, upload = std::move(upload), batch,
                                                  maxImages, queued = m_queued] {
                QHttpServerResponse response =
                    batch ? predictBatch(model, upload, maxImages) : predictOne(model, upload);
                --*queued;
                return response;
            });
        };
    };
    m_http.route(QStringLiteral("/predict"), Method::Post, predictRoute(false));
    m_http.route(QStringLiteral("/predict/batch"), Method::Post, predictRoute(true));
    m_http.route(QStringLiteral("/health"), Method::Get, [] {
        return QHttpServerResponse(QJsonObject{{QStringLiteral("status"), QStringLiteral("ok")}});
    });
    const QJsonObject metadata = m_model.metadata().toJson();
    m_http.route(QStringLiteral("/model"), Method::Get,
                 [this, metadata](const QHttpServerRequest &request) {
                     if (const QString refused = refusal(request); !refused.isEmpty())
                         return errorResponse(Status::Forbidden, refused);
                     return QHttpServerResponse(metadata);
                 });
    const QByteArray page = uploadPage();
    m_http.route(QStringLiteral("/"), Method::Get, [page] {
        return QHttpServerResponse(QByteArrayLiteral("text/html; charset=utf-8"), page);
    });

    // The known paths with any other method: 405 and the method that would work.
    const QHttpServerRequest::Methods anyMethod = Method::Get | Method::Put | Method::Delete |
                                                  Method::Post | Method::Head | Method::Options |
                                                  Method::Patch;
    const std::pair<QString, Method> allowed[] = {{QStringLiteral("/predict"), Method::Post},
                                                  {QStringLiteral("/predict/batch"), Method::Post},
                                                  {QStringLiteral("/health"), Method::Get},
                                                  {QStringLiteral("/model"), Method::Get},
                                                  {QStringLiteral("/"), Method::Get}};
    for (const auto &route : allowed) {
        const QString path = route.first; // a copy: lambdas cannot capture structured bindings
        const Method method = route.second;
        const QByteArray allow = method == Method::Post ? "POST" : "GET";
        m_http.route(path, anyMethod & ~QHttpServerRequest::Methods(method), [allow, path] {
            QHttpServerResponse response = errorResponse(
                Status::MethodNotAllowed,
                QStringLiteral("%1 accepts %2 only").arg(path, QString::fromLatin1(allow)));
            response.setHeader("Allow", allow);
            return response;
        });
    }
    m_http.setMissingHandler(
        [](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
            const QJsonObject body{{QStringLiteral("error"),
                                    QStringLiteral("no such path: %1").arg(request.url().path())},
                                   {QStringLiteral("status"), 404}};
            responder.write(QJsonDocument(body).toJson(QJsonDocument::Compact), "application/json",
                            Status::NotFound);
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

} // namespace digitpad

#include "checkpoint.h"
#include "error.h"
#include "multipart.h"
#include "prediction_server.h"
#include "progressive_jpeg.h"

#include <QBuffer>
#include <QDataStream>
#include <QHttpMultiPart>
#include <QImageWriter>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPainter>
#include <QtTest>

using namespace digitpad;

namespace {
QByteArray pngOf(const QImage &image) {
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

QByteArray drawnSeven() {
    QImage image(200, 200, QImage::Format_RGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(Qt::black, 16, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    painter.drawPolyline(QPolygon({{60, 40}, {150, 40}, {90, 180}}));
    painter.end();
    return pngOf(image);
}

QByteArray blankPage() {
    QImage image(100, 100, QImage::Format_RGB32);
    image.fill(Qt::white);
    return pngOf(image);
}

// CRC-32 as PNG chunks carry it, for a header rewritten by hand.
quint32 crc32Of(const QByteArray &bytes) {
    quint32 crc = 0xffffffffU;
    for (const char byte : bytes) {
        crc ^= quint8(byte);
        for (int bit = 0; bit < 8; ++bit)
            crc = (crc >> 1) ^ (0xedb88320U & (0U - (crc & 1U)));
    }
    return ~crc;
}

QByteArray bigEndian(quint32 value) {
    QByteArray bytes;
    QDataStream(&bytes, QIODevice::WriteOnly) << value;
    return bytes;
}

// A real 1x1 PNG of 16 bits a channel whose header claims side x side pixels: decoded, each
// pixel would take eight bytes.
QByteArray sixteenBitPngClaiming(int side) {
    QImage tiny(1, 1, QImage::Format_RGBA64);
    tiny.fill(Qt::white);
    QByteArray png = pngOf(tiny);
    png.replace(16, 8, bigEndian(quint32(side)) + bigEndian(quint32(side))); // IHDR width, height
    png.replace(29, 4, bigEndian(crc32Of(png.mid(12, 17))));
    return png;
}

struct Answer {
    int status = 0;
    QJsonObject json;
    QByteArray body;
    QByteArray allow;
    QByteArray retryAfter;
    QByteArray contentType;
};
} // namespace

class ServerTest : public QObject {
    Q_OBJECT
    std::unique_ptr<PredictionServer> m_server;
    QNetworkAccessManager m_network;
    quint16 m_port = 0;

    QUrl url(const QString &path) const {
        return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(path));
    }

    Answer wait(QNetworkReply *reply) {
        QSignalSpy finished(reply, &QNetworkReply::finished);
        if (!reply->isFinished())
            finished.wait(20000);
        Answer answer;
        answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        answer.body = reply->readAll();
        answer.json = QJsonDocument::fromJson(answer.body).object();
        answer.allow = reply->rawHeader("Allow");
        answer.retryAfter = reply->rawHeader("Retry-After");
        answer.contentType = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
        reply->deleteLater();
        return answer;
    }
    Answer post(const QString &path, const QByteArray &body, const QByteArray &contentType) {
        QNetworkRequest request(url(path));
        if (!contentType.isEmpty())
            request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
        return wait(m_network.post(request, body));
    }
    Answer get(const QString &path) { return wait(m_network.get(QNetworkRequest(url(path)))); }
    Answer postFiles(const QString &path, const QList<QPair<QString, QByteArray>> &files) {
        auto *form = new QHttpMultiPart(QHttpMultiPart::FormDataType);
        for (const auto &[name, bytes] : files) {
            QHttpPart part;
            part.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("image/png"));
            part.setHeader(QNetworkRequest::ContentDispositionHeader,
                           QStringLiteral("form-data; name=\"image\"; filename=\"%1\"").arg(name));
            part.setBody(bytes);
            form->append(part);
        }
        QNetworkReply *reply = m_network.post(QNetworkRequest(url(path)), form);
        form->setParent(reply);
        return wait(reply);
    }

  private Q_SLOTS:
    void initTestCase() {
        ServerOptions options;
        options.port = 0; // any free port
        options.http.request.maxBodyBytes = qint64(200) * 1024;
        m_server = std::make_unique<PredictionServer>(
            loadModel(QStringLiteral(DIGITPAD_DEFAULT_MODEL_PATH)), options);
        m_port = m_server->listen();
        QVERIFY(m_port != 0);
    }

    void rawPngBodyIsReadAsItsDigit() {
        const Answer answer = post(QStringLiteral("/predict"), drawnSeven(), "image/png");
        QCOMPARE(answer.status, 200);
        QCOMPARE(answer.json.value(QStringLiteral("digit")).toInt(), 7);
        double sum = 0;
        for (const auto &p : answer.json.value(QStringLiteral("probabilities")).toArray())
            sum += p.toDouble();
        QVERIFY(std::abs(sum - 1.0) < 1e-4);
        const QJsonArray input = answer.json.value(QStringLiteral("input")).toArray();
        QCOMPARE(input.size(), 28);
        QCOMPARE(input.first().toArray().size(), 28);
    }

    void multipartUploadIsReadAsItsDigit() {
        const Answer answer =
            postFiles(QStringLiteral("/predict"), {{QStringLiteral("seven.png"), drawnSeven()}});
        QCOMPARE(answer.status, 200);
        QCOMPARE(answer.json.value(QStringLiteral("digit")).toInt(), 7);
    }

    // /predict reads one image: two are a malformed request (400), not a large one (413).
    void twoImagesToPredictAreRefusedAsMalformed() {
        const Answer answer =
            postFiles(QStringLiteral("/predict"), {{QStringLiteral("a.png"), drawnSeven()},
                                                   {QStringLiteral("b.png"), drawnSeven()}});
        QCOMPARE(answer.status, 400);
        QVERIFY(answer.json.value(QStringLiteral("error")).toString().contains("/predict/batch"));
    }

    // Every error names its file the same way, whether the bytes are no image or hold no ink.
    void batchReadsEveryFileAndNamesTheBadOnes() {
        const Answer answer = postFiles(QStringLiteral("/predict/batch"),
                                        {{QStringLiteral("a.png"), drawnSeven()},
                                         {QStringLiteral("b.png"), blankPage()},
                                         {QStringLiteral("c.png"), drawnSeven()},
                                         {QStringLiteral("d.png"), QByteArray("not a png")}});
        QCOMPARE(answer.status, 200);
        const QJsonArray predictions = answer.json.value(QStringLiteral("predictions")).toArray();
        QCOMPARE(predictions.size(), 4);
        QCOMPARE(predictions[0].toObject().value(QStringLiteral("digit")).toInt(), 7);
        const QString noInk = predictions[1].toObject().value(QStringLiteral("error")).toString();
        QVERIFY2(noInk.startsWith(QStringLiteral("b.png: ")) &&
                     noInk.contains(QStringLiteral("ink")),
                 qPrintable(noInk));
        QCOMPARE(predictions[2].toObject().value(QStringLiteral("file")).toString(),
                 QStringLiteral("c.png"));
        const QString noImage = predictions[3].toObject().value(QStringLiteral("error")).toString();
        QVERIFY2(noImage.startsWith(QStringLiteral("d.png: ")), qPrintable(noImage));
        QCOMPARE(answer.json.value(QStringLiteral("read")).toInt(), 2);
    }

    void healthModelAndPageAnswer() {
        QCOMPARE(get(QStringLiteral("/health")).json.value(QStringLiteral("status")).toString(),
                 QStringLiteral("ok"));
        const Answer model = get(QStringLiteral("/model"));
        QCOMPARE(model.status, 200);
        QCOMPARE(model.json.value(QStringLiteral("architecture")).toString(),
                 QStringLiteral("cnn"));
        const Answer page = get(QStringLiteral("/"));
        QCOMPARE(page.status, 200);
        QVERIFY(page.contentType.startsWith("text/html"));
        QVERIFY(page.body.contains("<form"));
    }

    void errorsCarryTheRightStatusAndAReason_data() {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("reason");
        QTest::newRow("not an image") << "/predict" << QByteArray("hello, world")
                                      << QByteArray("image/png") << 400 << "not a readable image";
        QTest::newRow("no ink") << "/predict" << blankPage() << QByteArray("image/png") << 400
                                << "no ink";
        QTest::newRow("empty body")
            << "/predict" << QByteArray() << QByteArray("image/png") << 400 << "no body";
        QTest::newRow("too large") << "/predict" << QByteArray(qsizetype(300) * 1024, 'x')
                                   << QByteArray("image/png") << 413 << "limit";
        QTest::newRow("text") << "/predict" << QByteArray("7") << QByteArray("text/plain") << 415
                              << "text/plain";
        QTest::newRow("json") << "/predict" << QByteArray("{}") << QByteArray("application/json")
                              << 415 << "Content-Type";
        QTest::newRow("truncated form")
            << "/predict" << QByteArray("--XYZ\r\nContent-Type: image/png\r\n\r\nabc")
            << QByteArray("multipart/form-data; boundary=XYZ") << 400 << "truncated";
        QTest::newRow("batch of raw")
            << "/predict/batch" << drawnSeven() << QByteArray("image/png") << 415 << "multipart";
        QTest::newRow("unknown path") << "/predict/everything" << drawnSeven()
                                      << QByteArray("image/png") << 404 << "no such path";
        // Below 40 megapixels but above the memory one picture may take when decoded: said so,
        // not "unable to read".
        QTest::newRow("16 bits a channel") << "/predict" << sixteenBitPngClaiming(5000)
                                           << QByteArray("image/png") << 400 << "MB a picture";
        // Within 100 scans, but at 16 megapixels each scan costs as much as 16 small pictures.
        QTest::newRow("large JPEG of many scans")
            << "/predict" << digitpad::testing::progressiveJpeg(4000, 80)
            << QByteArray("image/jpeg") << 400 << "scans";
    }
    void errorsCarryTheRightStatusAndAReason() {
        QFETCH(QString, path);
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, contentType);
        QFETCH(int, status);
        QFETCH(QString, reason);
        const Answer answer = post(path, body, contentType);
        QCOMPARE(answer.status, status);
        QCOMPARE(answer.json.value(QStringLiteral("status")).toInt(), status);
        QVERIFY2(answer.json.value(QStringLiteral("error")).toString().contains(reason),
                 answer.body.constData());
    }

    // A web page cannot make a visitor's browser use the API: a foreign Origin is refused, and a
    // foreign Host (a rebinding DNS name pointing at 127.0.0.1) too, before any work.
    void foreignOriginsAndHostsAreRefused_data() {
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<int>("status");
        QTest::newRow("foreign origin")
            << QByteArray("Origin") << QByteArray("http://evil.example") << 403;
        QTest::newRow("rebinding host")
            << QByteArray("Host") << QByteArray("evil.example:8080") << 403;
        QTest::newRow("same origin (the upload page)")
            << QByteArray("Origin") << QStringLiteral("http://127.0.0.1:%1").arg(m_port).toLatin1()
            << 200;
        QTest::newRow("localhost by name") << QByteArray("Host") << QByteArray("localhost") << 200;
    }
    void foreignOriginsAndHostsAreRefused() {
        QFETCH(QByteArray, header);
        QFETCH(QByteArray, value);
        QFETCH(int, status);
        QNetworkRequest request(url(QStringLiteral("/predict")));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("image/png"));
        request.setRawHeader(header, value);
        const Answer answer = wait(m_network.post(request, drawnSeven()));
        QCOMPARE(answer.status, status);
        if (status == 403)
            QVERIFY(!answer.json.value(QStringLiteral("error")).toString().isEmpty());
    }

    void aFullQueueAnswers503WithRetryAfter() {
        ServerOptions options;
        options.port = 0;
        options.maxQueuedRequests = 0; // every request finds the queue full
        PredictionServer full(loadModel(QStringLiteral(DIGITPAD_DEFAULT_MODEL_PATH)), options);
        const quint16 port = full.listen();
        QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1/predict").arg(port)));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("image/png"));
        const Answer answer = wait(m_network.post(request, drawnSeven()));
        QCOMPARE(answer.status, 503);
        QCOMPARE(answer.retryAfter, QByteArray("1"));
    }

    void wrongMethodIs405WithTheAllowedOne() {
        const Answer answer = get(QStringLiteral("/predict"));
        QCOMPARE(answer.status, 405);
        QCOMPARE(answer.allow, QByteArray("POST"));
        QCOMPARE(post(QStringLiteral("/health"), "x", "text/plain").status, 405);
        QCOMPARE(get(QStringLiteral("/nothing/here")).status, 404);
    }

    void manyConcurrentRequestsAreAllAnswered() {
        const QByteArray seven = drawnSeven();
        QList<QNetworkReply *> replies;
        for (int i = 0; i < 24; ++i) {
            QNetworkRequest request(url(QStringLiteral("/predict")));
            request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("image/png"));
            // every third one is garbage: it must not disturb the others
            replies << m_network.post(request, i % 3 == 2 ? QByteArray("garbage") : seven);
        }
        for (int i = 0; i < replies.size(); ++i) {
            const Answer answer = wait(replies[i]);
            QCOMPARE(answer.status, i % 3 == 2 ? 400 : 200);
            if (answer.status == 200)
                QCOMPARE(answer.json.value(QStringLiteral("digit")).toInt(), 7);
        }
    }

    // What an operator scrapes: the requests just made appear by route and status, and the
    // latency histogram counts them.
    void metricsCountRequestsByRouteAndStatus() {
        const auto countOf = [](const QByteArray &metrics, const QByteArray &series) {
            for (const QByteArray &line : metrics.split('\n'))
                if (line.startsWith(series + ' '))
                    return line.mid(series.size() + 1).toDouble();
            return -1.0;
        };
        const QByteArray before = get(QStringLiteral("/metrics")).body;
        post(QStringLiteral("/predict"), drawnSeven(), "image/png");
        post(QStringLiteral("/predict"), "garbage", "image/png");
        get(QStringLiteral("/no/such/thing"));
        const Answer metrics = get(QStringLiteral("/metrics"));
        QCOMPARE(metrics.status, 200);
        QVERIFY(metrics.contentType.startsWith("text/plain; version=0.0.4"));
        const QByteArray ok = R"(digitpad_http_requests_total{route="/predict",status="200"})";
        const QByteArray bad = R"(digitpad_http_requests_total{route="/predict",status="400"})";
        QCOMPARE(countOf(metrics.body, ok), std::max(0.0, countOf(before, ok)) + 1);
        QCOMPARE(countOf(metrics.body, bad), std::max(0.0, countOf(before, bad)) + 1);
        QVERIFY(countOf(metrics.body,
                        R"(digitpad_http_requests_total{route="other",status="404"})") >= 1);
        const double all =
            countOf(metrics.body,
                    R"(digitpad_http_request_duration_seconds_bucket{route="/predict",le="+Inf"})");
        QCOMPARE(all, countOf(metrics.body,
                              R"(digitpad_http_request_duration_seconds_count{route="/predict"})"));
        QVERIFY(all >= 2);
        QCOMPARE(countOf(metrics.body, "digitpad_work_queue_depth"), 0.0);
        QVERIFY(metrics.body.contains("# TYPE digitpad_http_request_duration_seconds histogram"));
        // The process's own figures, named as Prometheus' client libraries name them.
        QVERIFY(countOf(metrics.body, "process_cpu_seconds_total") > 0);
        QVERIFY(countOf(metrics.body, "process_resident_memory_bytes") > 1e6);
        QVERIFY(countOf(metrics.body, "process_open_fds") >= 3);
        QVERIFY(countOf(metrics.body, "process_max_fds") >=
                countOf(metrics.body, "process_open_fds"));
        const double started = countOf(metrics.body, "process_start_time_seconds");
        const double now = double(QDateTime::currentSecsSinceEpoch());
        QVERIFY2(started > now - 3600 && started <= now + 1, qPrintable(QString::number(started)));
        QVERIFY2(metrics.body.contains(QByteArray(R"(digitpad_build_info{version=")") +
                                       DIGITPAD_VERSION +
                                       R"(",architecture="cnn",training_recipe=")"),
                 metrics.body.constData());
    }

    void aBatchPastItsDeadlineAnswers503() {
        ServerOptions options;
        options.port = 0;
        options.requestDeadline = std::chrono::milliseconds(0);
        PredictionServer late(loadModel(QStringLiteral(DIGITPAD_DEFAULT_MODEL_PATH)), options);
        const quint16 port = late.listen();
        auto *form = new QHttpMultiPart(QHttpMultiPart::FormDataType);
        QHttpPart part;
        part.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("image/png"));
        part.setHeader(QNetworkRequest::ContentDispositionHeader,
                       QStringLiteral("form-data; name=\"image\"; filename=\"7.png\""));
        part.setBody(drawnSeven());
        form->append(part);
        QNetworkReply *reply = m_network.post(
            QNetworkRequest(QUrl(QStringLiteral("http://127.0.0.1:%1/predict/batch").arg(port))),
            form);
        form->setParent(reply);
        const Answer answer = wait(reply);
        QCOMPARE(answer.status, 503);
        QCOMPARE(answer.retryAfter, QByteArray("1"));
    }

    // A worker held by one request shows: /metrics counts it as stuck, and /health answers 503
    // once every worker for /predict is, so that a load balancer stops sending here. (The JPEG
    // has as many scans as its size allows: slow to read, yet read.)
    void aStuckWorkerShowsInHealthAndMetrics() {
        ServerOptions options;
        options.port = 0;
        options.workers = 1;
        options.workerStuckAfter = std::chrono::milliseconds(100);
        PredictionServer server(loadModel(QStringLiteral(DIGITPAD_DEFAULT_MODEL_PATH)), options);
        const quint16 port = server.listen();
        const QString base = QStringLiteral("http://127.0.0.1:%1").arg(port);
        QNetworkRequest upload(QUrl(base + QStringLiteral("/predict")));
        upload.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("image/jpeg"));
        QNetworkReply *slow = m_network.post(upload, digitpad::testing::progressiveJpeg(4000, 62));
        bool stalled = false, counted = false;
        while (!slow->isFinished() && !(stalled && counted)) {
            const Answer health = wait(m_network.get(QNetworkRequest(QUrl(base + "/health"))));
            if (health.status == 503) {
                stalled = true;
                QCOMPARE(health.json.value(QStringLiteral("status")).toString(),
                         QStringLiteral("stalled"));
                const QByteArray metrics =
                    wait(m_network.get(QNetworkRequest(QUrl(base + "/metrics")))).body;
                counted = counted || metrics.contains("digitpad_workers_stuck{pool=\"predict\"} 1");
            }
        }
        QVERIFY(stalled);
        QVERIFY(counted);
        QCOMPARE(wait(slow).status, 400); // a blank page: read, and no ink found
        QCOMPARE(wait(m_network.get(QNetworkRequest(QUrl(base + "/health")))).status, 200);
    }

    void multipartParserTakesPartsAndRefusesTruncation() {
        const QByteArray body =
            "--b\r\nContent-Disposition: form-data; name=\"field\"\r\n\r\nvalue\r\n"
            "--b\r\nContent-Disposition: form-data; name=\"image\"; filename=\"7.png\"\r\n"
            "Content-Type: Image/PNG\r\n\r\n\x89PNG\r\nbytes\r\n--b--\r\n";
        QCOMPARE(multipartBoundary("multipart/form-data; boundary=\"b\""), QByteArray("b"));
        const std::vector<MultipartPart> parts = parseMultipart(body, "b");
        QCOMPARE(parts.size(), std::size_t(2));
        QCOMPARE(parts[0].body, QByteArray("value"));
        QCOMPARE(parts[1].fileName, QByteArray("7.png"));
        QCOMPARE(parts[1].contentType, QByteArray("image/png"));
        QCOMPARE(parts[1].body, QByteArray("\x89PNG\r\nbytes"));
        QVERIFY_THROWS_EXCEPTION(digitpad::Error, parseMultipart(body.left(body.size() - 12), "b"));
        QVERIFY_THROWS_EXCEPTION(digitpad::Error, parseMultipart(body, ""));
    }
};

QTEST_MAIN(ServerTest)
#include "test_server.moc"

#include "http_request_parser.h"
#include "http_server.h"

#include <QTcpSocket>
#include <QtTest>
#include <sys/socket.h>

using namespace digitpad;
using namespace std::chrono_literals;

namespace {
// What came back on a raw connection: the status of the first response (0: none), everything
// read, and whether the server closed the connection.
struct RawAnswer {
    int status = 0;
    QByteArray bytes;
    bool closed = false;
};

int statusOf(const QByteArray &bytes) {
    if (!bytes.startsWith("HTTP/1.1 "))
        return 0;
    return bytes.mid(9, 3).toInt();
}

// Reads until `responses` complete responses have arrived, the server closes, or 10 s pass. The
// server runs on this thread: waiting goes through the event loop (qWait), never blocks it.
RawAnswer readAnswer(QTcpSocket &socket, int responses = 1, int timeoutMs = 10000) {
    RawAnswer answer;
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < timeoutMs) {
        if (socket.bytesAvailable() == 0 && socket.state() != QAbstractSocket::ConnectedState)
            break;
        QTest::qWait(5);
        answer.bytes += socket.readAll();
        if (answer.bytes.count("\r\n\r\n") >= responses) {
            // complete once the last body (Content-Length) is in
            const qsizetype last = answer.bytes.lastIndexOf("Content-Length: ");
            const qsizetype end = answer.bytes.indexOf("\r\n\r\n", last);
            const qsizetype length =
                answer.bytes.mid(last + 16, answer.bytes.indexOf("\r\n", last) - last - 16)
                    .toLongLong();
            if (end >= 0 && answer.bytes.size() >= end + 4 + length)
                break;
        }
    }
    answer.status = statusOf(answer.bytes);
    answer.closed = socket.state() != QAbstractSocket::ConnectedState;
    return answer;
}

bool waitUntilClosed(QTcpSocket &socket, int timeoutMs) {
    QElapsedTimer clock;
    clock.start();
    while (socket.state() == QAbstractSocket::ConnectedState && clock.elapsed() < timeoutMs) {
        QTest::qWait(5);
        socket.readAll();
    }
    return socket.state() != QAbstractSocket::ConnectedState;
}
} // namespace

class HttpServerTest : public QObject {
    Q_OBJECT
    std::unique_ptr<HttpServer> m_server;
    quint16 m_port = 0;
    QList<HttpExchange> m_exchanges;
    int m_handled = 0;
    QList<HttpServer::Reply> m_held; // requests to /hold, left unanswered

    // A server that echoes the body back (or the path, for a request without a body), and holds
    // requests to /hold without an answer.
    void start(const HttpServerOptions &options) {
        m_server = std::make_unique<HttpServer>(
            options,
            [](const HttpRequest &headers) -> std::optional<HttpResponse> {
                if (headers.path() == "/forbidden")
                    return HttpResponse::error(403, QStringLiteral("not here"));
                return std::nullopt;
            },
            [this](const HttpRequest &request, const HttpServer::Reply &reply) {
                ++m_handled;
                if (request.path() == "/hold") {
                    m_held.append(reply);
                    return;
                }
                HttpResponse response;
                response.contentType = "text/plain";
                response.body = request.body.isEmpty() ? request.path() : request.body;
                reply.send(std::move(response));
            },
            [this](const HttpExchange &exchange) { m_exchanges.append(exchange); });
        m_port = m_server->listen(QHostAddress::LocalHost, 0);
        QVERIFY(m_port != 0);
    }

    // Connects from `from`, one of the loopback addresses (127.0.0.1 to 127.255.255.254).
    void connectTo(QTcpSocket &socket, const QHostAddress &from = QHostAddress::LocalHost) {
        QVERIFY(socket.bind(from));
        socket.connectToHost(QHostAddress::LocalHost, m_port);
        QVERIFY(socket.waitForConnected(5000));
    }

    RawAnswer exchange(const QByteArray &request, int responses = 1,
                       const QHostAddress &from = QHostAddress::LocalHost) {
        QTcpSocket socket;
        connectTo(socket, from);
        socket.write(request);
        socket.flush();
        return readAnswer(socket, responses);
    }

    // A server that holds four connections, all taken by clients that sent `start` and then
    // nothing more, a moment later (a client that has sent nothing keeps its place a moment).
    std::vector<std::unique_ptr<QTcpSocket>> fillTheCapOfFour(const QByteArray &start) {
        HttpServerOptions options = smallLimits();
        options.maxConnections = 4;
        options.maxConnectionsPerAddress = 4; // the clients are all on 127.0.0.1
        this->start(options);
        std::vector<std::unique_ptr<QTcpSocket>> clients;
        for (int i = 0; i < 4; ++i) {
            clients.push_back(std::make_unique<QTcpSocket>());
            connectTo(*clients.back());
            clients.back()->write(start);
            clients.back()->flush();
        }
        [&] { QTRY_COMPARE(m_server->openConnections(), 4); }();
        QTest::qWait(400);
        return clients;
    }

    static HttpServerOptions smallLimits() {
        HttpServerOptions options;
        options.request.maxTargetBytes = 64;
        options.request.maxHeaderBytes = 1024;
        options.request.maxBodyBytes = 1000;
        return options;
    }

  private Q_SLOTS:
    void init() {
        m_exchanges.clear();
        m_handled = 0;
        m_held.clear();
        start(smallLimits());
    }
    void cleanup() { m_server.reset(); }

    void aRequestInPiecesIsReadWhole() {
        HttpRequestParser parser(smallLimits().request);
        const QByteArray wire = "POST /echo?x=1 HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n"
                                "X-Long: one\r\n\r\nhello";
        // One byte at a time; the parser stops after the headers until the body is wanted.
        qsizetype offset = 0;
        while (offset < wire.size()) {
            offset += parser.feed(wire.constData() + offset, 1);
            if (parser.state() == HttpRequestParser::State::HeadersReady) {
                QCOMPARE(parser.declaredBodyBytes(), qint64(5));
                QVERIFY(parser.request().body.isEmpty());
                parser.continueWithBody();
            }
            QVERIFY(parser.state() != HttpRequestParser::State::Failed);
        }
        QCOMPARE(parser.state(), HttpRequestParser::State::MessageReady);
        const HttpRequest request = parser.takeRequest();
        QCOMPARE(request.method, QByteArray("POST"));
        QCOMPARE(request.path(), QByteArray("/echo"));
        QCOMPARE(request.header("x-long"), QByteArray("one"));
        QCOMPARE(request.body, QByteArray("hello"));
    }

    void keptAliveAndPipelinedRequestsAreAllAnswered() {
        const RawAnswer answer =
            exchange("GET /one HTTP/1.1\r\nHost: a\r\n\r\nGET /two HTTP/1.1\r\nHost: a\r\n\r\n", 2);
        QCOMPARE(answer.bytes.count("HTTP/1.1 200 OK"), 2);
        QVERIFY(answer.bytes.indexOf("/one") < answer.bytes.indexOf("/two"));
        QCOMPARE(m_handled, 2);
    }

    void chunkedBodiesAreJoined() {
        const RawAnswer answer = exchange("POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: "
                                          "chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n");
        QCOMPARE(answer.status, 200);
        QVERIFY(answer.bytes.endsWith("\r\n\r\nabcde"));
    }

    // The 1 GB upload of the hardening report: refused from its Content-Length, with not one
    // byte of the body sent, so nothing of it can have been buffered.
    void anOversizedBodyIsRefusedFromItsHeaders() {
        QTcpSocket socket;
        connectTo(socket);
        socket.write("POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 1073741824\r\n\r\n");
        const RawAnswer answer = readAnswer(socket);
        QCOMPARE(answer.status, 413);
        QVERIFY(answer.bytes.contains("Connection: close"));
        QCOMPARE(m_handled, 0);
        QVERIFY(waitUntilClosed(socket, 5000));
    }

    void oversizedChunkedBodiesAreRefusedAsTheyArrive() {
        QByteArray request = "POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n";
        for (int i = 0; i < 20; ++i)
            request += "64\r\n" + QByteArray(100, 'x') + "\r\n"; // 2,000 bytes in all
        QCOMPARE(exchange(request).status, 413);
        QCOMPARE(m_handled, 0);
    }

    void limitsOnTargetAndHeadersAnswerTheirStatus_data() {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<int>("status");
        QTest::newRow("target too long")
            << "GET /" + QByteArray(100, 'a') + " HTTP/1.1\r\nHost: a\r\n\r\n"
            << 414;
        QTest::newRow("headers too large")
            << "GET / HTTP/1.1\r\nHost: a\r\nX-Big: " + QByteArray(2000, 'b') + "\r\n\r\n"
            << 431;
        QTest::newRow("not HTTP") << QByteArray("HELLO\r\n\r\n") << 400;
        QTest::newRow("smuggling: length and chunks")
            << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nTransfer-Encoding: "
                          "chunked\r\n\r\n0\r\n\r\n")
            << 400;
        QTest::newRow("two lengths") << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: "
                                                   "1\r\nContent-Length: 2\r\n\r\nab")
                                     << 400;
        QTest::newRow("HTTP/2") << QByteArray("GET / HTTP/2.0\r\nHost: a\r\n\r\n") << 505;
        QTest::newRow("refused from the headers")
            << QByteArray("GET /forbidden HTTP/1.1\r\nHost: a\r\n\r\n") << 403;
    }
    void limitsOnTargetAndHeadersAnswerTheirStatus() {
        QFETCH(QByteArray, request);
        QFETCH(int, status);
        const RawAnswer answer = exchange(request);
        QCOMPARE(answer.status, status);
        QVERIFY2(answer.bytes.contains("\"error\""), answer.bytes.constData());
        QCOMPARE(m_handled, 0);
    }

    void expectContinueGetsAGoAheadBeforeTheBody() {
        QTcpSocket socket;
        connectTo(socket);
        socket.write("POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\nExpect: 100-continue"
                     "\r\n\r\n");
        QTRY_VERIFY(socket.bytesAvailable() >= 25);
        QVERIFY(socket.readAll().startsWith("HTTP/1.1 100 Continue\r\n\r\n"));
        socket.write("body");
        const RawAnswer answer = readAnswer(socket);
        QCOMPARE(answer.status, 200);
        QVERIFY(answer.bytes.endsWith("body"));
    }

    // Slowloris: headers that trickle in are cut off with 408 once the header timeout passes.
    void headersThatNeverFinishTimeOut() {
        HttpServerOptions options = smallLimits();
        options.headerTimeout = 300ms;
        start(options);
        QTcpSocket socket;
        connectTo(socket);
        socket.write("GET / HTTP/1.1\r\nHost: a\r\n");
        const RawAnswer answer = readAnswer(socket, 1, 5000);
        QCOMPARE(answer.status, 408);
        QVERIFY(waitUntilClosed(socket, 5000));
        QCOMPARE(m_server->counters().timedOut, quint64(1));
    }

    // Winding down (SIGTERM): a keep-alive client that is idle is let go at once, and one whose
    // request is on its way is answered, told Connection: close, so it sends nothing that would
    // go unanswered.
    void windingDownAnswersWhatWasSentAndClosesKeptAliveConnections() {
        QTcpSocket idle, sending;
        connectTo(idle);
        connectTo(sending);
        sending.write("GET /first HTTP/1.1\r\nHost: a\r\n\r\n");
        QVERIFY(readAnswer(sending, 1).status == 200);
        sending.write("GET /second HTTP/1.1\r\nHost: a\r\n");
        sending.flush();
        QTRY_COMPARE(m_server->openConnections(), 2);
        QTest::qWait(50);
        m_server->stopListening();
        QVERIFY(waitUntilClosed(idle, 5000));
        QCOMPARE(m_server->requestsInFlight(), 1); // the second request, half received
        sending.write("\r\n");
        const RawAnswer answer = readAnswer(sending, 1);
        QCOMPARE(answer.status, 200);
        QVERIFY(answer.bytes.contains("/second"));
        QVERIFY2(answer.bytes.toLower().contains("connection: close"), answer.bytes.constData());
        QVERIFY(waitUntilClosed(sending, 5000));
        QTRY_COMPARE(m_server->requestsInFlight(), 0);
    }

    // What RFC 9112 says to reject, and a lenient parser would pass on to be read two ways.
    void ambiguousHeadersAreRefused_data() {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<int>("status");
        QTest::newRow("two Host headers")
            << QByteArray("GET /a HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: evil.com\r\n\r\n") << 400;
        QTest::newRow("space before the colon")
            << QByteArray("POST /a HTTP/1.1\r\nHost: a\r\nTransfer-Encoding : chunked\r\n\r\n"
                          "3\r\nabc\r\n0\r\n\r\n")
            << 400;
        QTest::newRow("a coding besides chunked")
            << QByteArray("POST /a HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n"
                          "\r\n3\r\nabc\r\n0\r\n\r\n")
            << 501;
        QTest::newRow("chunked twice, in two headers")
            << QByteArray("POST /a HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n"
                          "Transfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n")
            << 501;
        QTest::newRow("a transfer coding in HTTP/1.0")
            << QByteArray("POST /a HTTP/1.0\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                          "3\r\nabc\r\n0\r\n\r\n")
            << 400;
        QTest::newRow("obs-fold with spaces")
            << QByteArray("GET /a HTTP/1.1\r\nHost: a\r\nX-Note: one\r\n  two\r\n\r\n") << 400;
        QTest::newRow("obs-fold with a tab")
            << QByteArray("GET /a HTTP/1.1\r\nX-Note: one\r\n\ttwo\r\nHost: a\r\n\r\n") << 400;
        QTest::newRow("obs-fold of a name and value")
            << QByteArray("GET /a HTTP/1.1\r\nHost: a\r\n Transfer-Encoding: chunked\r\n\r\n")
            << 400;
    }
    void ambiguousHeadersAreRefused() {
        QFETCH(QByteArray, request);
        QFETCH(int, status);
        QCOMPARE(exchange(request).status, status);
        QCOMPARE(m_handled, 0);
    }

    void idleConnectionsAreClosed() {
        HttpServerOptions options = smallLimits();
        options.idleTimeout = 200ms;
        start(options);
        QTcpSocket socket;
        connectTo(socket);
        QVERIFY(waitUntilClosed(socket, 5000));
        QTRY_COMPARE(m_server->openConnections(), 0);
    }

    // At the connection cap, a connection idle for a while gives way to the new one.
    void aNewClientIsServedWhenTheCapIsFullOfIdleConnections() {
        const std::vector<std::unique_ptr<QTcpSocket>> idle = fillTheCapOfFour({});
        QCOMPARE(exchange("GET /fresh HTTP/1.1\r\nHost: a\r\n\r\n").status, 200);
        const auto oneWasLetGo = [&idle] {
            return std::any_of(idle.begin(), idle.end(), [](const auto &socket) {
                return socket->state() != QAbstractSocket::ConnectedState;
            });
        };
        QTRY_VERIFY(oneWasLetGo());
        QVERIFY(m_server->counters().evicted >= 1);
        QVERIFY(m_server->openConnections() <= 4);
    }

    // Slow clients (a header byte now and then) do not hold the cap against a client that
    // means it: they give way as idle ones do.
    void aNewClientIsServedWhenTheCapIsFullOfSlowHeaders() {
        const std::vector<std::unique_ptr<QTcpSocket>> slow =
            fillTheCapOfFour("GET /slow HTTP/1.1\r\nHo");
        QCOMPARE(exchange("GET /fresh HTTP/1.1\r\nHost: a\r\n\r\n").status, 200);
        QVERIFY(m_server->counters().evicted >= 1);
        QCOMPARE(m_server->counters().turnedAway, quint64(0));
    }

    void bodiesBeyondTheMemoryBudgetGet503() {
        HttpServerOptions options = smallLimits();
        options.maxBufferedBodyBytes = 1500; // one 1,000-byte body fits, two do not
        start(options);
        QTcpSocket holder;
        connectTo(holder);
        holder.write("POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 1000\r\n\r\npart");
        QTRY_COMPARE(m_server->bufferedBodyBytes(), qint64(1000));
        const RawAnswer answer =
            exchange("POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 900\r\n\r\n");
        QCOMPARE(answer.status, 503);
        QVERIFY(answer.bytes.contains("Retry-After: 1"));
        holder.abort();
        QTRY_COMPARE(m_server->bufferedBodyBytes(), qint64(0)); // released with the connection
    }

    void everyAnswerIsObservedWithItsStatus() {
        exchange("GET /seen HTTP/1.1\r\nHost: a\r\n\r\n");
        exchange("GET /" + QByteArray(100, 'a') + " HTTP/1.1\r\nHost: a\r\n\r\n");
        QTRY_COMPARE(m_exchanges.size(), 2);
        QCOMPARE(m_exchanges[0].path, QByteArray("/seen"));
        QCOMPARE(m_exchanges[0].status, 200);
        QVERIFY(m_exchanges[0].seconds >= 0 && m_exchanges[0].seconds < 10);
        QCOMPARE(m_exchanges[1].status, 414);
    }

    // The fold is found however the bytes arrive: one at a time, a line start is still a line
    // start. Empty lines before a request are no fold.
    void aFoldedHeaderIsRefusedInPiecesToo() {
        HttpRequestParser folded(smallLimits().request);
        const QByteArray wire = "GET / HTTP/1.1\r\nHost: a\r\nX-Note: one\r\n two\r\n\r\n";
        for (qsizetype offset = 0;
             offset < wire.size() && folded.state() == HttpRequestParser::State::NeedMore;)
            offset += std::max<qsizetype>(1, folded.feed(wire.constData() + offset, 1));
        QCOMPARE(folded.state(), HttpRequestParser::State::Failed);
        QCOMPARE(folded.failure().status, 400);
        QVERIFY(folded.failure().body.contains("folding"));

        HttpRequestParser plain(smallLimits().request);
        const QByteArray leading = "\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n";
        plain.feed(leading.constData(), leading.size());
        QCOMPARE(plain.state(), HttpRequestParser::State::HeadersReady);
    }

    // A client that half-closes after its request (shutdown(SHUT_WR), as `printf ... | nc -N`
    // does) still gets its answer, and every pipelined one; only a request cut short gets 400.
    void aHalfClosedClientIsStillAnswered_data() {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<int>("answers");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("GET, HTTP/1.1")
            << QByteArray("GET /one HTTP/1.1\r\nHost: a\r\n\r\n") << 1 << 200 << QByteArray("/one");
        QTest::newRow("GET, HTTP/1.0")
            << QByteArray("GET /one HTTP/1.0\r\n\r\n") << 1 << 200 << QByteArray("/one");
        QTest::newRow("POST, HTTP/1.1")
            << QByteArray("POST /e HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello") << 1
            << 200 << QByteArray("hello");
        QTest::newRow("POST, HTTP/1.0")
            << QByteArray("POST /e HTTP/1.0\r\nContent-Length: 5\r\n\r\nhello") << 1 << 200
            << QByteArray("hello");
        QTest::newRow("two pipelined")
            << QByteArray(
                   "GET /one HTTP/1.1\r\nHost: a\r\n\r\nGET /two HTTP/1.1\r\nHost: a\r\n\r\n")
            << 2 << 200 << QByteArray("/two");
        QTest::newRow("a body cut short")
            << QByteArray("POST /e HTTP/1.1\r\nHost: a\r\nContent-Length: 50\r\n\r\nhello") << 1
            << 400 << QByteArray("before the request was complete");
    }
    void aHalfClosedClientIsStillAnswered() {
        QFETCH(QByteArray, request);
        QFETCH(int, answers);
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QTcpSocket socket;
        connectTo(socket);
        socket.write(request);
        QVERIFY(socket.waitForBytesWritten(5000));
        QCOMPARE(::shutdown(int(socket.socketDescriptor()), SHUT_WR), 0);
        const RawAnswer answer = readAnswer(socket, answers);
        QCOMPARE(answer.bytes.count("HTTP/1.1 "), answers);
        QCOMPARE(statusOf(answer.bytes.mid(answer.bytes.lastIndexOf("HTTP/1.1 "))), status);
        QVERIFY2(answer.bytes.contains(body), answer.bytes.constData());
        QVERIFY(waitUntilClosed(socket, 5000));
    }

    // A client that resets its connection has gone: the handler can tell, and skip the work.
    void aRequestWhoseClientHasGoneIsAbandoned() {
        QTcpSocket socket;
        connectTo(socket);
        socket.write("GET /hold HTTP/1.1\r\nHost: a\r\n\r\n");
        QTRY_COMPARE(m_held.size(), 1);
        QVERIFY(!m_held.first().isAbandoned());
        const linger reset{1, 0}; // close with RST, as a client that gives up may
        ::setsockopt(int(socket.socketDescriptor()), SOL_SOCKET, SO_LINGER, &reset, sizeof reset);
        socket.abort();
        QTRY_VERIFY(m_held.first().isAbandoned());
        QTRY_COMPARE(m_server->openConnections(), 0);
        m_held.first().send(HttpResponse::error(500, QStringLiteral("late"))); // dropped
        QTest::qWait(20);
        QCOMPARE(m_exchanges.size(), 0);
    }

    // A keep-alive request that has reached the server but not been read when it winds down is
    // read and answered, not dropped with the idle connection it arrived on.
    void aRequestArrivedAsTheServerWindsDownIsAnswered() {
        QTcpSocket socket;
        connectTo(socket);
        QTRY_COMPARE(m_server->openConnections(), 1);
        socket.write("GET /last HTTP/1.1\r\nHost: a\r\n\r\n");
        QVERIFY(socket.waitForBytesWritten(5000));
        m_server->stopListening(); // before the event loop has read the request
        const RawAnswer answer = readAnswer(socket);
        QCOMPARE(answer.status, 200);
        QVERIFY(answer.bytes.contains("Connection: close"));
        QVERIFY(answer.bytes.endsWith("/last"));
    }

    // A request still unanswered when the wind-down's grace ends gets 503 with Retry-After
    // (and Connection: close), rather than nothing when the process exits; its handler learns
    // that the answer is no longer awaited.
    void windingDownAnswers503WhenTheGraceEnds() {
        HttpServerOptions options = smallLimits();
        options.windDownGrace = 300ms;
        start(options);
        QTcpSocket socket;
        connectTo(socket);
        socket.write("GET /hold HTTP/1.1\r\nHost: a\r\n\r\n");
        QTRY_COMPARE(m_held.size(), 1);
        QElapsedTimer clock;
        clock.start();
        m_server->stopListening();
        QCOMPARE(m_server->requestsInFlight(), 1);
        const RawAnswer answer = readAnswer(socket);
        QCOMPARE(answer.status, 503);
        QVERIFY(clock.elapsed() >= 250);
        QVERIFY(answer.bytes.contains("Retry-After: 1"));
        QVERIFY(answer.bytes.contains("Connection: close"));
        QVERIFY(m_held.first().isAbandoned());
        QTRY_COMPARE(m_server->requestsInFlight(), 0);
        m_held.first().send({}); // the handler's late answer goes nowhere
        QVERIFY(waitUntilClosed(socket, 5000));
    }

    // "Whatever its state": a client trickling its body gives way at the cap as one trickling
    // its headers does.
    void aNewClientIsServedWhenTheCapIsFullOfSlowBodies() {
        const std::vector<std::unique_ptr<QTcpSocket>> slow =
            fillTheCapOfFour("POST /slow HTTP/1.1\r\nHost: a\r\nContent-Length: 900\r\n\r\nab");
        QCOMPARE(exchange("GET /fresh HTTP/1.1\r\nHost: a\r\n\r\n").status, 200);
        QVERIFY(m_server->counters().evicted >= 1);
        QCOMPARE(m_server->counters().turnedAway, quint64(0));
    }

    // One address holds at most half the places (by default): another address finds room, and
    // a newcomer from the crowded one displaces that address's own slowest connection. When none
    // can give way (all have just connected), the 503 comes at once.
    void onePeerCannotHoldEveryPlace() {
        HttpServerOptions options = smallLimits();
        options.maxConnections = 4;
        start(options);
        std::vector<std::unique_ptr<QTcpSocket>> hogs;
        for (int i = 0; i < 2; ++i) {
            hogs.push_back(std::make_unique<QTcpSocket>());
            connectTo(*hogs.back());
        }
        QTRY_COMPARE(m_server->openConnections(), 2);

        QElapsedTimer clock;
        clock.start();
        const RawAnswer turned = exchange("GET /third HTTP/1.1\r\nHost: a\r\n\r\n");
        QCOMPARE(turned.status, 503);
        QVERIFY(turned.bytes.contains("Retry-After: 1"));
        QVERIFY2(clock.elapsed() < 1000, qPrintable(QString::number(clock.elapsed())));

        const QHostAddress other(QStringLiteral("127.0.0.2"));
        QCOMPARE(exchange("GET /other HTTP/1.1\r\nHost: a\r\n\r\n", 1, other).status, 200);

        QTest::qWait(400);
        QCOMPARE(exchange("GET /again HTTP/1.1\r\nHost: a\r\n\r\n").status, 200);
        QCOMPARE(m_server->counters().evicted, quint64(1));
        QTRY_VERIFY(hogs[0]->state() != QAbstractSocket::ConnectedState ||
                    hogs[1]->state() != QAbstractSocket::ConnectedState);
    }

    // Clients that trickle their headers and reconnect as soon as they are closed keep every
    // place young; having sent something, they give way at once to a client that means it.
    void tricklingClientsThatReconnectDoNotLockOthersOut() {
        std::vector<std::unique_ptr<QTcpSocket>> slow =
            fillTheCapOfFour("GET /slow HTTP/1.1\r\nHo");
        for (int probe = 0; probe < 6; ++probe) {
            slow.push_back(std::make_unique<QTcpSocket>());
            connectTo(*slow.back());
            slow.back()->write("G");
            QTest::qWait(50); // its byte is read: every place is now taken by a young trickler
            QCOMPARE(exchange("GET /probe HTTP/1.1\r\nHost: a\r\n\r\n").status, 200);
        }
        QCOMPARE(m_server->counters().turnedAway, quint64(0));
    }
};

QTEST_GUILESS_MAIN(HttpServerTest)
#include "test_http_server.moc"

#include "http_server.h"

#include "http_connection.h"
#include "tcp_stream.h"

#include <QSocketNotifier>
#include <QTcpServer>
#include <QTimer>
#include <cerrno>
#include <sys/socket.h>

namespace digitpad {

namespace {
// Out of file descriptors: accepting again at once would only fail again (and spin).
constexpr int kAcceptRetryMilliseconds = 100;
// Connections closed per failed accept, so that a queue of waiting clients drains in a few
// rounds rather than one connection per retry.
constexpr int kEvictedPerAcceptError = 16;
// A connection that has sent nothing for less than this keeps its place at the cap: its client
// has just connected, or just been answered, and its request may be on its way. One that has
// sent something is judged by its pace at once, so that clients reconnecting as fast as they
// are closed cannot keep every place young.
constexpr qint64 kSilentGraceMilliseconds = 250;
// A client turned away at the cap is given this long to read its 503.
constexpr int kTurnAwayMilliseconds = 1000;

// True when the client of `a` has sent less for longer than that of `b`: fewer bytes a second
// (whatever it is doing: idle, trickling headers or a body, not reading its answer), or as few
// and for longer.
bool sentLessForLonger(const HttpConnection::Wait &a, const HttpConnection::Wait &b) {
    const qint64 aRate = a.bytes * b.milliseconds, bRate = b.bytes * a.milliseconds;
    return aRate != bRate ? aRate < bRate : a.milliseconds > b.milliseconds;
}
} // namespace

void HttpServer::Reply::send(HttpResponse response) const {
    HttpServer *server = m_server;
    const quint64 connection = m_connection;
    QMetaObject::invokeMethod(
        server,
        [server, connection, awaited = m_abandoned, response = std::move(response)] {
            server->deliver(connection, awaited, response);
        },
        Qt::QueuedConnection);
}

HttpServer::HttpServer(const HttpServerOptions &options, HeaderCheck check, Handler handler,
                       Observer observer)
    : m_options(options), m_check(std::move(check)), m_handler(std::move(handler)),
      m_observer(std::move(observer)), m_listener(new QTcpServer(this)) {}

HttpServer::~HttpServer() {
    m_listener->close();
    // Includes the connections already forgotten and waiting for deleteLater.
    qDeleteAll(findChildren<HttpConnection *>(Qt::FindDirectChildrenOnly));
}

quint16 HttpServer::listen(const QHostAddress &address, quint16 port) {
    // The kernel's queue holds connections while this server is at its limit or out of
    // descriptors; they are accepted when room frees up.
    if (!m_listener->listen(address, port))
        return 0;
    // QTcpServer only binds. Accepting is done here: Qt 6.4 takes running out of descriptors
    // (EMFILE) for a passing error and retries at once, forever, spinning a core without telling
    // anyone.
    m_listener->pauseAccepting();
    m_acceptNotifier =
        new QSocketNotifier(m_listener->socketDescriptor(), QSocketNotifier::Read, this);
    connect(m_acceptNotifier, &QSocketNotifier::activated, this, [this] { acceptPending(); });
    return m_listener->serverPort();
}

void HttpServer::stopListening() {
    delete m_acceptNotifier;
    m_acceptNotifier = nullptr;
    m_listener->close();
    m_windingDown = true;
    const QList<HttpConnection *> connections = m_connections.values();
    for (HttpConnection *connection : connections)
        connection->windDown();
    QTimer::singleShot(m_options.windDownGrace, this, [this] { answerWhatIsLeft(); });
}

void HttpServer::answerWhatIsLeft() {
    const HttpResponse late = HttpResponse::busy(
        QStringLiteral("the server is shutting down and could not answer in time; try again"));
    const QList<HttpConnection *> connections = m_connections.values();
    for (HttpConnection *connection : connections)
        connection->answerUnanswered(late);
}

int HttpServer::requestsInFlight() const {
    int unanswered = 0;
    for (const HttpConnection *connection : std::as_const(m_connections))
        unanswered +=
            connection->isHandling() ||
            (m_windingDown && (connection->isReceiving() || connection->isWritingLastAnswer()));
    return unanswered;
}

void HttpServer::acceptPending() {
    const int listening = int(m_listener->socketDescriptor());
    while (m_acceptNotifier) {
        sockaddr_storage address{};
        socklen_t length = sizeof address;
        const int descriptor = ::accept4(listening, reinterpret_cast<sockaddr *>(&address), &length,
                                         SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (descriptor < 0) {
            if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM)
                onAcceptError();
            return; // EAGAIN: none left; anything else: the client gave up first
        }
        const QHostAddress peer(reinterpret_cast<const sockaddr *>(&address));
        if (makeRoomFor(peer))
            admit(descriptor, peer);
        else
            turnAway(descriptor);
    }
}

bool HttpServer::makeRoomFor(const QHostAddress &peer) {
    if (m_connectionsFrom.value(peer) >= m_options.connectionsPerAddress())
        return evictSlowest(&peer);
    if (m_connections.size() >= m_options.maxConnections)
        return evictSlowest();
    return true;
}

void HttpServer::admit(int descriptor, const QHostAddress &peer) {
    ++m_counters.accepted;
    const quint64 id = m_nextConnection++;
    auto *connection = new HttpConnection(new TcpStream(descriptor), peer, id, *this);
    connection->setParent(this);
    m_connections.insert(id, connection);
    ++m_connectionsFrom[peer];
}

void HttpServer::turnAway(int descriptor) {
    ++m_counters.turnedAway;
    auto *stream = new TcpStream(descriptor, this);
    stream->write(HttpResponse::busy(QStringLiteral("too many connections; try again soon"))
                      .serialized(false));
    stream->finishWriting();
    // Its request is read and dropped until it closes: closing on unread bytes would reset the
    // connection, and the 503 might be lost.
    connect(stream, &TcpStream::readyRead, stream, [stream] {
        stream->read(qint64(64) * 1024);
        if (stream->atEnd() || stream->isBroken())
            stream->deleteLater();
    });
    connect(stream, &TcpStream::broken, stream, &QObject::deleteLater);
    QTimer::singleShot(kTurnAwayMilliseconds, stream, &QObject::deleteLater);
}

void HttpServer::onAcceptError() {
    ++m_counters.acceptErrors;
    m_acceptNotifier->setEnabled(false);
    int evicted = 0; // each gives a descriptor back
    while (evicted < kEvictedPerAcceptError && evictSlowest())
        ++evicted;
    QTimer::singleShot(kAcceptRetryMilliseconds, m_acceptNotifier,
                       [notifier = m_acceptNotifier] { notifier->setEnabled(true); });
}

bool HttpServer::evictSlowest(const QHostAddress *peer) {
    // Whatever a connection is doing, a client that sends a byte now and then must not keep
    // its place against one that means it; a request being handled is the server's own work.
    HttpConnection *slowest = nullptr;
    HttpConnection::Wait slowestWait;
    for (HttpConnection *connection : std::as_const(m_connections)) {
        const std::optional<HttpConnection::Wait> wait = connection->waitOnClient();
        if (!wait || (wait->bytes == 0 && wait->milliseconds < kSilentGraceMilliseconds) ||
            (peer && connection->peer() != *peer))
            continue;
        if (!slowest || sentLessForLonger(*wait, slowestWait)) {
            slowest = connection;
            slowestWait = *wait;
        }
    }
    if (!slowest)
        return false;
    ++m_counters.evicted;
    slowest->abort();
    return true;
}

void HttpServer::dispatch(HttpConnection &connection, HttpRequest request) {
    Reply reply;
    reply.m_server = this;
    reply.m_connection = connection.id();
    reply.m_abandoned = connection.awaitAnswer();
    m_handler(std::move(request), reply);
}

void HttpServer::deliver(quint64 connection, const std::shared_ptr<std::atomic<bool>> &awaited,
                         const HttpResponse &response) {
    if (HttpConnection *target = m_connections.value(connection))
        target->respond(awaited, response);
}

bool HttpServer::reserveBody(qint64 bytes) {
    if (bytes > m_options.maxBufferedBodyBytes - m_bufferedBodyBytes)
        return false;
    m_bufferedBodyBytes += bytes;
    return true;
}

void HttpServer::releaseBody(qint64 bytes) {
    m_bufferedBodyBytes -= bytes;
}

void HttpServer::observe(const HttpExchange &exchange) const {
    if (m_observer)
        m_observer(exchange);
}

void HttpServer::forget(quint64 connection) {
    HttpConnection *gone = m_connections.take(connection);
    if (!gone)
        return;
    if (--m_connectionsFrom[gone->peer()] <= 0)
        m_connectionsFrom.remove(gone->peer());
    gone->deleteLater();
}

} // namespace digitpad

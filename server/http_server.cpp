#include "http_server.h"

#include "http_connection.h"

#include <QSocketNotifier>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <cerrno>
#include <sys/socket.h>
#include <unistd.h>

namespace digitpad {

namespace {
// Out of file descriptors: accepting again at once would only fail again (and spin).
constexpr int kAcceptRetryMilliseconds = 100;
// Idle connections closed per failed accept, so that a queue of waiting clients drains in a few
// rounds rather than one connection per retry.
constexpr int kEvictedPerAcceptError = 16;
// Headers that take longer than this to arrive come from a client too slow to keep a place at
// the connection cap when others are waiting for one.
constexpr qint64 kSlowHeadersMilliseconds = 1000;
} // namespace

void HttpServer::Reply::send(HttpResponse response) const {
    HttpServer *server = m_server;
    const quint64 connection = m_connection;
    QMetaObject::invokeMethod(
        server,
        [server, connection, response = std::move(response)] {
            server->deliver(connection, response);
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
    // (EMFILE) for a passing error and retries at once, forever (measured: 1,200 failed accepts
    // a second, a whole core), without telling anyone.
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
        if (connection->isIdle())
            connection->abort();
}

int HttpServer::requestsInFlight() const {
    if (!m_windingDown)
        return m_requestsInFlight;
    int receiving = 0;
    for (const HttpConnection *connection : std::as_const(m_connections))
        receiving += connection->isReceiving();
    return m_requestsInFlight + receiving;
}

void HttpServer::acceptPending() {
    const int listening = int(m_listener->socketDescriptor());
    while (m_acceptNotifier) {
        const int descriptor = ::accept4(listening, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (descriptor < 0) {
            if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM)
                onAcceptError();
            return; // EAGAIN: none left; anything else: the client gave up first
        }
        auto *socket = new QTcpSocket(this);
        if (!socket->setSocketDescriptor(descriptor)) {
            ::close(descriptor);
            delete socket;
            continue;
        }
        if (m_connections.size() >= m_options.maxConnections && !evictLongestIdle()) {
            ++m_counters.turnedAway;
            const QByteArray busy =
                HttpResponse::busy(QStringLiteral("too many connections; try again soon"))
                    .serialized(false);
            socket->write(busy);
            socket->disconnectFromHost();
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            QTimer::singleShot(1000, socket, [socket] { socket->abort(); });
            continue;
        }
        ++m_counters.accepted;
        const quint64 id = m_nextConnection++;
        auto *connection = new HttpConnection(socket, id, *this);
        connection->setParent(this);
        m_connections.insert(id, connection);
    }
}

void HttpServer::onAcceptError() {
    ++m_counters.acceptErrors;
    m_acceptNotifier->setEnabled(false);
    int evicted = 0; // each gives a descriptor back
    while (evicted < kEvictedPerAcceptError && evictLongestIdle())
        ++evicted;
    QTimer::singleShot(kAcceptRetryMilliseconds, m_acceptNotifier,
                       [notifier = m_acceptNotifier] { notifier->setEnabled(true); });
}

bool HttpServer::evictLongestIdle() {
    // The idle connection waiting longest gives way; failing that, the one that has spent the
    // longest on its headers, past what any client that means it takes: slow clients that send
    // a header byte now and then must not hold every place at the cap.
    HttpConnection *longest = nullptr, *slowest = nullptr;
    for (HttpConnection *connection : std::as_const(m_connections)) {
        if (connection->isIdle() &&
            (!longest || connection->idleMilliseconds() > longest->idleMilliseconds()))
            longest = connection;
        if (connection->isReceivingHeaders() &&
            connection->idleMilliseconds() > kSlowHeadersMilliseconds &&
            (!slowest || connection->idleMilliseconds() > slowest->idleMilliseconds()))
            slowest = connection;
    }
    HttpConnection *evicted = longest ? longest : slowest;
    if (!evicted)
        return false;
    ++m_counters.evicted;
    evicted->abort();
    return true;
}

void HttpServer::dispatch(HttpConnection &connection, HttpRequest request) {
    ++m_requestsInFlight;
    Reply reply;
    reply.m_server = this;
    reply.m_connection = connection.id();
    m_handler(std::move(request), reply);
}

void HttpServer::deliver(quint64 connection, const HttpResponse &response) {
    --m_requestsInFlight;
    if (HttpConnection *target = m_connections.value(connection))
        target->respond(response);
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
    if (HttpConnection *gone = m_connections.take(connection))
        gone->deleteLater();
}

} // namespace digitpad

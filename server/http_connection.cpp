#include "http_connection.h"

#include <QTcpSocket>
#include <sys/socket.h>

namespace digitpad {

namespace {
constexpr qint64 kReadChunk = qint64(64) * 1024;
// After a refusal, what is still read (and thrown away) so that the client sees the answer
// rather than a reset, and for how long.
constexpr qint64 kMaxDrainBytes = qint64(4) * 1024 * 1024;
constexpr int kDrainMilliseconds = 2000;
} // namespace

HttpConnection::HttpConnection(QTcpSocket *socket, quint64 id, HttpServer &server)
    : m_socket(socket), m_id(id), m_server(server), m_parser(server.m_options.request) {
    m_socket->setParent(this);
    // Qt stops reading from the kernel when this much waits unread: while a request is being
    // handled, a client sending more only fills its own TCP window.
    m_socket->setReadBufferSize(kReadChunk);
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, [this] { onTimeout(); });
    connect(m_socket, &QTcpSocket::readyRead, this, [this] { readInput(); });
    connect(m_socket, &QTcpSocket::bytesWritten, this, [this] { onWritten(); });
    connect(m_socket, &QTcpSocket::disconnected, this, [this] { abort(); });
    connect(m_socket, &QTcpSocket::errorOccurred, this, [this] {
        if (m_socket->state() != QAbstractSocket::ConnectedState)
            abort();
    });
    enterPhase(Phase::Idle);
}

HttpConnection::~HttpConnection() {
    releaseBody();
}

void HttpConnection::enterPhase(Phase phase) {
    m_phase = phase;
    m_phaseTimer.start();
    const HttpServerOptions &options = m_server.m_options;
    switch (phase) {
    case Phase::Idle:
        m_deadline.start(options.idleTimeout);
        break;
    case Phase::Headers:
        m_deadline.start(options.headerTimeout);
        break;
    case Phase::Body:
        m_deadline.start(options.bodyTimeout);
        break;
    case Phase::Handling:
        m_deadline.stop();
        break;
    case Phase::Closing:
    case Phase::Draining:
        m_deadline.start(kDrainMilliseconds);
        break;
    }
}

void HttpConnection::readInput() {
    if (m_phase == Phase::Draining) {
        m_drained += m_socket->skip(m_socket->bytesAvailable());
        if (m_drained > kMaxDrainBytes)
            abort();
        return;
    }
    while (m_phase == Phase::Idle || m_phase == Phase::Headers || m_phase == Phase::Body) {
        if (m_unparsed.isEmpty())
            m_unparsed = m_socket->read(kReadChunk);
        if (m_unparsed.isEmpty())
            return;
        const qsizetype consumed = m_parser.feed(m_unparsed.constData(), m_unparsed.size());
        m_unparsed.remove(0, consumed);
        if (!takeParserState())
            return;
    }
}

bool HttpConnection::takeParserState() {
    if (m_phase == Phase::Idle && m_parser.started()) {
        m_requestTimer.start();
        enterPhase(Phase::Headers);
    }
    switch (m_parser.state()) {
    case HttpRequestParser::State::NeedMore:
        return true;
    case HttpRequestParser::State::HeadersReady:
        onHeaders();
        return m_phase == Phase::Body;
    case HttpRequestParser::State::MessageReady:
        onMessage();
        return false;
    case HttpRequestParser::State::Failed:
        refuse(m_parser.failure());
        return false;
    }
    return false;
}

void HttpConnection::onHeaders() {
    if (std::optional<HttpResponse> refusal = m_server.vet(m_parser.request())) {
        refuse(*refusal);
        return;
    }
    const qint64 declared = m_parser.declaredBodyBytes();
    const qint64 reserve = declared >= 0 ? declared : m_server.m_options.request.maxBodyBytes;
    if (!m_server.reserveBody(reserve)) {
        refuse(HttpResponse::busy(
            QStringLiteral("the server holds as many uploads as it can; try again in a second")));
        return;
    }
    m_reservedBodyBytes = reserve;
    if (m_parser.expectsContinue() && declared != 0)
        m_socket->write(QByteArrayLiteral("HTTP/1.1 100 Continue\r\n\r\n"));
    m_parser.continueWithBody();
    enterPhase(Phase::Body);
}

void HttpConnection::onMessage() {
    m_keepAlive = m_parser.keepAlive();
    HttpRequest request = m_parser.takeRequest();
    m_handling.method = request.method;
    m_handling.target = request.target;
    enterPhase(Phase::Handling);
    m_server.dispatch(*this, std::move(request));
}

void HttpConnection::respond(const HttpResponse &response) {
    if (m_phase != Phase::Handling)
        return;
    releaseBody();
    if (m_server.m_windingDown)
        m_keepAlive = false;
    send(response, m_keepAlive);
    if (!m_keepAlive) {
        enterPhase(Phase::Closing);
        return;
    }
    enterPhase(Phase::Idle);
    readInput(); // a pipelined request may already be waiting
}

void HttpConnection::refuse(const HttpResponse &response) {
    releaseBody();
    const HttpRequest &partial = m_parser.request();
    if (m_phase != Phase::Handling) {
        m_handling.method = partial.method;
        m_handling.target = partial.target;
    }
    send(response, false);
    enterPhase(Phase::Closing); // a client that reads nothing is not waited for long
}

void HttpConnection::send(const HttpResponse &response, bool keepAlive) {
    m_socket->write(response.serialized(keepAlive));
    m_server.observe(
        {m_handling.method, m_handling.path(), response.status,
         m_requestTimer.isValid() ? double(m_requestTimer.nsecsElapsed()) / 1e9 : 0.0});
    m_handling = {};
    m_requestTimer.invalidate();
}

void HttpConnection::onWritten() {
    if (m_phase != Phase::Closing || m_socket->bytesToWrite() > 0)
        return;
    // Half-close and read what the client still sends for a moment: closing with unread data
    // would make the kernel reset the connection, and the client might never see the answer.
    ::shutdown(int(m_socket->socketDescriptor()), SHUT_WR);
    enterPhase(Phase::Draining);
    readInput();
}

void HttpConnection::onTimeout() {
    switch (m_phase) {
    case Phase::Idle:
        abort();
        return;
    case Phase::Headers:
    case Phase::Body:
        ++m_server.m_counters.timedOut;
        refuse(HttpResponse::error(408, QStringLiteral("the request took too long to arrive")));
        return;
    case Phase::Handling:
        return;
    case Phase::Closing: // a response the client never read
    case Phase::Draining:
        abort();
        return;
    }
}

void HttpConnection::releaseBody() {
    m_server.releaseBody(m_reservedBodyBytes);
    m_reservedBodyBytes = 0;
}

void HttpConnection::abort() {
    m_deadline.stop();
    m_socket->disconnect(this);
    m_socket->abort();
    releaseBody();
    m_server.forget(m_id); // deletes this later
}

} // namespace digitpad

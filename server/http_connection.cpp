#include "http_connection.h"

#include "tcp_stream.h"

namespace digitpad {

namespace {
// Read from the socket ahead of the parser at most; while a request is handled, a client sending
// more only fills its own TCP window.
constexpr qint64 kReadChunk = qint64(64) * 1024;
// After a refusal, what is still read (and thrown away) so that the client sees the answer
// rather than a reset, and for how long.
constexpr qint64 kMaxDrainBytes = qint64(4) * 1024 * 1024;
constexpr int kDrainMilliseconds = 2000;
} // namespace

HttpConnection::HttpConnection(TcpStream *stream, const QHostAddress &peer, quint64 id,
                               HttpServer &server)
    : m_stream(stream), m_peer(peer), m_id(id), m_server(server),
      m_parser(server.m_options.request) {
    m_stream->setParent(this);
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, [this] { onTimeout(); });
    connect(m_stream, &TcpStream::readyRead, this, [this] { readInput(); });
    connect(m_stream, &TcpStream::written, this, [this] { onWritten(); });
    connect(m_stream, &TcpStream::broken, this, [this] { abort(); });
    enterPhase(Phase::Idle);
}

HttpConnection::~HttpConnection() {
    settle();
    releaseBody();
}

bool HttpConnection::isWritingLastAnswer() const {
    return m_phase == Phase::Closing;
}

std::optional<HttpConnection::Wait> HttpConnection::waitOnClient() const {
    if (m_phase == Phase::Handling)
        return std::nullopt;
    const bool answered = m_phase == Phase::Closing || m_phase == Phase::Draining;
    return Wait{m_waitTimer.elapsed(), answered ? 0 : m_receivedWhileWaiting};
}

void HttpConnection::enterPhase(Phase phase) {
    m_phase = phase;
    // A wait on the client begins when it owes a request, or the taking of an answer; its
    // headers and body continue the wait for the request.
    if (phase == Phase::Idle || phase == Phase::Closing) {
        m_waitTimer.start();
        m_receivedWhileWaiting = 0;
    }
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
    qint64 pulled = 0;
    do {
        pulled = pullInput();
        if (m_stream->isBroken()) {
            abort();
            return;
        }
        if (m_phase == Phase::Closing || m_phase == Phase::Draining) {
            m_drained += m_unparsed.size(); // the answer is given: what follows is dropped
            m_unparsed.clear();
            if (m_drained > kMaxDrainBytes) {
                abort();
                return;
            }
        } else {
            parseInput();
        }
    } while (pulled > 0 && m_phase != Phase::Handling);
    if (m_stream->atEnd() && m_unparsed.isEmpty())
        onClientFinished();
}

qint64 HttpConnection::pullInput() {
    const QByteArray more = m_stream->read(kReadChunk - m_unparsed.size());
    m_unparsed += more;
    m_receivedWhileWaiting += more.size();
    m_stream->setReading(m_unparsed.size() < kReadChunk);
    return more.size();
}

void HttpConnection::parseInput() {
    while (!m_unparsed.isEmpty() && (m_phase == Phase::Idle || isReceiving())) {
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
        m_stream->write(QByteArrayLiteral("HTTP/1.1 100 Continue\r\n\r\n"));
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

// The client has sent all it will (FIN). That may be a half-close after a whole request, which
// is answered; only a request cut short cannot be.
void HttpConnection::onClientFinished() {
    switch (m_phase) {
    case Phase::Idle:
        closeAfterWriting(); // an answer may still be on its way
        return;
    case Phase::Headers:
    case Phase::Body:
        refuse(HttpResponse::error(
            400, QStringLiteral("the client closed its side before the request was complete")));
        return;
    case Phase::Handling: // answered, then closed
    case Phase::Closing:
        return;
    case Phase::Draining:
        abort();
        return;
    }
}

std::shared_ptr<std::atomic<bool>> HttpConnection::awaitAnswer() {
    m_awaited = std::make_shared<std::atomic<bool>>(false);
    return m_awaited;
}

void HttpConnection::respond(const std::shared_ptr<std::atomic<bool>> &awaited,
                             const HttpResponse &response) {
    if (m_phase != Phase::Handling || awaited != m_awaited)
        return; // answered already (the server wound down), or another request's
    settle();
    releaseBody();
    // The last answer here when the client asks for it, when the server winds down, or when the
    // client has sent all it will and no request of it is left to read.
    const bool clientDone = m_stream->atEnd() && m_unparsed.isEmpty();
    const bool keepAlive = m_keepAlive && !m_server.m_windingDown && !clientDone;
    send(response, keepAlive);
    if (!keepAlive) {
        closeAfterWriting();
        return;
    }
    enterPhase(Phase::Idle);
    readInput(); // a pipelined request may already be waiting
}

void HttpConnection::windDown() {
    readInput(); // a request that has arrived is answered
    if (m_phase == Phase::Idle && !m_stream->isBroken())
        closeAfterWriting();
}

void HttpConnection::answerUnanswered(const HttpResponse &response) {
    if (m_phase == Phase::Handling || isReceiving())
        refuse(response);
}

void HttpConnection::refuse(const HttpResponse &response) {
    settle();
    releaseBody();
    const HttpRequest &partial = m_parser.request();
    if (m_phase != Phase::Handling) {
        m_handling.method = partial.method;
        m_handling.target = partial.target;
    }
    send(response, false);
    closeAfterWriting();
}

void HttpConnection::send(const HttpResponse &response, bool keepAlive) {
    m_stream->write(response.serialized(keepAlive));
    m_server.observe(
        {m_handling.method, m_handling.path(), response.status,
         m_requestTimer.isValid() ? double(m_requestTimer.nsecsElapsed()) / 1e9 : 0.0});
    m_handling = {};
    m_requestTimer.invalidate();
}

void HttpConnection::closeAfterWriting() {
    enterPhase(Phase::Closing); // a client that reads nothing is not waited for long
    if (m_stream->bytesToWrite() == 0)
        onWritten();
}

void HttpConnection::onWritten() {
    if (m_phase != Phase::Closing || m_stream->bytesToWrite() > 0)
        return;
    if (m_stream->atEnd()) {
        abort(); // both sides have said all they will
        return;
    }
    // Half-close and read what the client still sends for a moment: closing with unread data
    // would make the kernel reset the connection, and the client might never see the answer.
    m_stream->finishWriting();
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

void HttpConnection::settle() {
    if (m_awaited)
        m_awaited->store(true);
    m_awaited.reset();
}

void HttpConnection::releaseBody() {
    m_server.releaseBody(m_reservedBodyBytes);
    m_reservedBodyBytes = 0;
}

void HttpConnection::abort() {
    m_deadline.stop();
    m_stream->disconnect(this);
    settle();
    releaseBody();
    m_server.forget(m_id); // deletes this later, and the stream, which closes the socket
}

} // namespace digitpad

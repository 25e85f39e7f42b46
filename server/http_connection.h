#pragma once

#include "http_request_parser.h"
#include "http_server.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QObject>
#include <QTimer>
#include <atomic>
#include <memory>

namespace digitpad {

class TcpStream;

// One client connection of HttpServer: reads and parses requests one at a time (a pipelined
// request waits, unparsed, until the one before it is answered), enforces the timeouts, and
// writes the responses. A client that half-closes (sends FIN) after its request still gets its
// answer. Lives on the server's thread.
class HttpConnection : public QObject {
    // For findChildren<HttpConnection *>, which qobject_cast needs.
    Q_OBJECT

  public:
    HttpConnection(TcpStream *stream, const QHostAddress &peer, quint64 id, HttpServer &server);
    ~HttpConnection() override;

    quint64 id() const { return m_id; }
    const QHostAddress &peer() const { return m_peer; }
    bool isHandling() const { return m_phase == Phase::Handling; }
    bool isReceiving() const { return m_phase == Phase::Headers || m_phase == Phase::Body; }
    // A last answer is still on its way to the client.
    bool isWritingLastAnswer() const;

    // How long the server has been waiting on this client (for a request, for the rest of one,
    // or for it to take an answer) and what of the request it sent meanwhile; nothing while its
    // request is handled, since then the server is the one working.
    struct Wait {
        qint64 milliseconds = 0;
        qint64 bytes = 0;
    };
    std::optional<Wait> waitOnClient() const;

    // The answer to the request being handled, when `awaited` is that request's.
    void respond(const std::shared_ptr<std::atomic<bool>> &awaited, const HttpResponse &response);
    // The handler's token for the request being handled: set once no answer is awaited.
    std::shared_ptr<std::atomic<bool>> awaitAnswer();
    // The server stops: what has arrived is read; a connection without a request closes.
    void windDown();
    // Answers whatever is unanswered (a request handled or being received) with `response`,
    // then closes; a request being handled is abandoned.
    void answerUnanswered(const HttpResponse &response);
    // Closes at once; the server forgets the connection.
    void abort();

  private:
    // Closing: the last response is being written; Draining: written, the client's leftovers are
    // read and dropped until it closes.
    enum class Phase { Idle, Headers, Body, Handling, Closing, Draining };

    void readInput();
    qint64 pullInput();
    void parseInput();
    // Returns false when the input should not be parsed further for now.
    bool takeParserState();
    void onHeaders();
    void onMessage();
    void onClientFinished();
    void refuse(const HttpResponse &response); // answers, then closes the connection
    void send(const HttpResponse &response, bool keepAlive);
    void closeAfterWriting();
    void enterPhase(Phase phase);
    void onTimeout();
    void onWritten();
    void settle();
    void releaseBody();

    TcpStream *m_stream;
    QHostAddress m_peer;
    quint64 m_id;
    HttpServer &m_server;
    HttpRequestParser m_parser;
    QByteArray m_unparsed; // read from the socket, not yet consumed by the parser
    Phase m_phase = Phase::Idle;
    QElapsedTimer m_waitTimer; // since the server began waiting on the client
    qint64 m_receivedWhileWaiting = 0;
    QElapsedTimer m_requestTimer; // since the request's first byte
    QTimer m_deadline;
    HttpRequest m_handling; // method and path of the request being handled, for the metrics
    std::shared_ptr<std::atomic<bool>> m_awaited; // the handled request's, while it is handled
    bool m_keepAlive = true;
    qint64 m_reservedBodyBytes = 0;
    qint64 m_drained = 0;
};

} // namespace digitpad

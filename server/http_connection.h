#pragma once

#include "http_request_parser.h"
#include "http_server.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

class QTcpSocket;

namespace digitpad {

// One client connection of HttpServer: reads and parses requests one at a time (a pipelined
// request waits, unread, until the one before it is answered), enforces the timeouts, and
// writes the responses. Lives on the server's thread.
class HttpConnection : public QObject {
    Q_OBJECT // for findChildren<HttpConnection *>, which qobject_cast needs

        public : HttpConnection(QTcpSocket *socket, quint64 id, HttpServer &server);
    ~HttpConnection() override;

    quint64 id() const { return m_id; }
    // Waiting for a request, with no byte of one yet: safe to close to make room.
    bool isIdle() const { return m_phase == Phase::Idle; }
    bool isReceiving() const { return m_phase == Phase::Headers || m_phase == Phase::Body; }
    bool isReceivingHeaders() const { return m_phase == Phase::Headers; }
    // How long it has been in its phase (idle, receiving headers...).
    qint64 idleMilliseconds() const { return m_phaseTimer.elapsed(); }
    void respond(const HttpResponse &response);
    // Closes at once; the server forgets the connection.
    void abort();

  private:
    // Closing: the last response is being written; Draining: written, the client's leftovers are
    // read and dropped until it closes.
    enum class Phase { Idle, Headers, Body, Handling, Closing, Draining };

    void readInput();
    // Returns false when the input should not be read further for now.
    bool takeParserState();
    void onHeaders();
    void onMessage();
    void refuse(const HttpResponse &response); // answers, then closes the connection
    void send(const HttpResponse &response, bool keepAlive);
    void enterPhase(Phase phase);
    void onTimeout();
    void onWritten();
    void releaseBody();

    QTcpSocket *m_socket;
    quint64 m_id;
    HttpServer &m_server;
    HttpRequestParser m_parser;
    QByteArray m_unparsed; // read from the socket, not yet consumed by the parser
    Phase m_phase = Phase::Idle;
    QElapsedTimer m_phaseTimer;
    QElapsedTimer m_requestTimer; // since the request's first byte
    QTimer m_deadline;
    HttpRequest m_handling; // method and path of the request being handled, for the metrics
    bool m_keepAlive = true;
    qint64 m_reservedBodyBytes = 0;
    qint64 m_drained = 0;
};

} // namespace digitpad

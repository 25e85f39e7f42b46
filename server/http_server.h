#pragma once

#include "http_request_parser.h"

#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <chrono>
#include <functional>
#include <optional>

class QSocketNotifier;
class QTcpServer;

namespace digitpad {

class HttpConnection;

struct HttpServerOptions {
    HttpLimits request;
    int maxConnections = 512;
    // Bodies held at once, from their headers until their response is sent; beyond it, 503.
    qint64 maxBufferedBodyBytes = qint64(64) * 1024 * 1024;
    std::chrono::milliseconds idleTimeout{10'000};   // a connection waiting for a request
    std::chrono::milliseconds headerTimeout{10'000}; // first byte to the end of the headers
    std::chrono::milliseconds bodyTimeout{30'000};   // end of the headers to the end of the body
};

// What the server did with one request, for the metrics.
struct HttpExchange {
    QByteArray method;
    QByteArray path;
    int status = 0;
    double seconds = 0; // first byte of the request to the response handed to the socket
};

// An HTTP/1.1 server whose socket handling is DigitPad's own (QTcpServer and QTcpSocket on
// the event loop, requests parsed by HttpRequestParser), because Qt HTTP Server 6.4 reads a
// whole body into memory before any code of ours can refuse it and has no connection limits or
// timeouts. Here every limit is applied while the bytes arrive: target and header size, body
// size (refused from Content-Length, before any of the body is read), bodies held at once,
// connections (the longest-idle one gives way to a new one), and idle, header and body timeouts.
class HttpServer : public QObject {
  public:
    // Sends the response to one request. Callable from any thread, at most once; dropped when
    // the client has gone. Valid as long as the HttpServer.
    class Reply {
      public:
        void send(HttpResponse response) const;

      private:
        friend class HttpServer;
        HttpServer *m_server = nullptr;
        quint64 m_connection = 0;
    };
    // A response that refuses a request from its headers alone (before the body is read), or
    // nothing to read the body and hand the request on.
    using HeaderCheck = std::function<std::optional<HttpResponse>(const HttpRequest &)>;
    using Handler = std::function<void(HttpRequest, Reply)>;
    using Observer = std::function<void(const HttpExchange &)>;

    HttpServer(const HttpServerOptions &options, HeaderCheck check, Handler handler,
               Observer observer = {});
    ~HttpServer() override;

    // Returns the port; 0 when the address cannot be bound.
    quint16 listen(const QHostAddress &address, quint16 port);
    // Stops accepting, and winds down: idle connections are closed, every answer from now on
    // says Connection: close, so keep-alive clients send nothing more that would go unanswered.
    void stopListening();

    int openConnections() const { return int(m_connections.size()); }
    // Requests handed to the handler and not yet answered, or being received on a connection
    // (once the server winds down: those are answered too).
    int requestsInFlight() const;
    qint64 bufferedBodyBytes() const { return m_bufferedBodyBytes; }
    struct Counters {
        quint64 accepted = 0;
        quint64 evicted = 0;      // idle or slow ones closed to admit a new one
        quint64 turnedAway = 0;   // new connections refused: every connection was busy
        quint64 timedOut = 0;     // idle, header or body timeouts
        quint64 acceptErrors = 0; // out of file descriptors and the like
    };
    const Counters &counters() const { return m_counters; }

  private:
    friend class HttpConnection;
    void acceptPending();
    void onAcceptError();
    bool evictLongestIdle();
    // The connection's calls back into the server.
    std::optional<HttpResponse> vet(const HttpRequest &headers) const { return m_check(headers); }
    void dispatch(HttpConnection &connection, HttpRequest request);
    bool reserveBody(qint64 bytes);
    void releaseBody(qint64 bytes);
    void observe(const HttpExchange &exchange) const;
    void forget(quint64 connection);
    void deliver(quint64 connection, const HttpResponse &response);

    HttpServerOptions m_options;
    HeaderCheck m_check;
    Handler m_handler;
    Observer m_observer;
    QTcpServer *m_listener = nullptr; // binds the address; accepting is ours
    QSocketNotifier *m_acceptNotifier = nullptr;
    QHash<quint64, HttpConnection *> m_connections;
    quint64 m_nextConnection = 1;
    int m_requestsInFlight = 0;
    bool m_windingDown = false;
    qint64 m_bufferedBodyBytes = 0;
    Counters m_counters;
};

} // namespace digitpad

#pragma once

#include "http_request_parser.h"

#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>

class QSocketNotifier;
class QTcpServer;

namespace digitpad {

class HttpConnection;

struct HttpServerOptions {
    HttpLimits request;
    int maxConnections = 512;
    // Connections one client address may hold, so that one peer cannot take every place; 0:
    // half of maxConnections. Behind a proxy every client has the proxy's address.
    int maxConnectionsPerAddress = 0;
    // Bodies held at once, from their headers until their response is sent; beyond it, 503.
    qint64 maxBufferedBodyBytes = qint64(64) * 1024 * 1024;
    std::chrono::milliseconds idleTimeout{10'000};   // a connection waiting for a request
    std::chrono::milliseconds headerTimeout{10'000}; // first byte to the end of the headers
    std::chrono::milliseconds bodyTimeout{30'000};   // end of the headers to the end of the body
    // After stopListening(), how long requests already received have to be answered; then each
    // one left gets 503 with Retry-After. Short of the 5 s `digitpad-cli serve` takes to exit.
    std::chrono::milliseconds windDownGrace{4'000};

    int connectionsPerAddress() const {
        return maxConnectionsPerAddress > 0 ? maxConnectionsPerAddress
                                            : std::max(1, maxConnections / 2);
    }
};

// What the server did with one request, for the metrics.
struct HttpExchange {
    QByteArray method;
    QByteArray path;
    int status = 0;
    double seconds = 0; // first byte of the request to the response handed to the socket
};

// An HTTP/1.1 server whose socket handling is DigitPad's own (QTcpServer binds; clients are
// accepted here, read and written as TcpStreams on the event loop, and their requests parsed by
// HttpRequestParser), because Qt HTTP Server 6.4 reads a whole body into memory before any code
// of ours can refuse it and has no connection limits or timeouts. Here every limit is applied while
// the bytes arrive: target and header size, body size (refused from Content-Length, before any of
// the body is read), bodies held at once, connections in all and per client address (the one that
// has sent least for longest gives way to a new one), and idle, header and body timeouts.
class HttpServer : public QObject {
  public:
    // Sends the response to one request. Callable from any thread, at most once; dropped when
    // the client has gone. Valid as long as the HttpServer.
    class Reply {
      public:
        void send(HttpResponse response) const;
        // True once no one waits for this answer: the client has gone (its connection failed or
        // was closed by the server), or the server answered for the handler as it wound down.
        // Work not yet begun for it can be skipped. Callable from any thread.
        bool isAbandoned() const { return m_abandoned && m_abandoned->load(); }

      private:
        friend class HttpServer;
        HttpServer *m_server = nullptr;
        quint64 m_connection = 0;
        std::shared_ptr<std::atomic<bool>> m_abandoned;
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
    // Stops accepting, and winds down: what has arrived is read, connections without a request
    // are closed, and every answer from now on says Connection: close, so keep-alive clients
    // send nothing more that would go unanswered. Requests still unanswered after the grace
    // (HttpServerOptions::windDownGrace) get 503 with Retry-After.
    void stopListening();

    int openConnections() const { return int(m_connections.size()); }
    // Requests handed to the handler and not yet answered; once the server winds down, also
    // those being received and last answers still being written: at 0 it can exit.
    int requestsInFlight() const;
    qint64 bufferedBodyBytes() const { return m_bufferedBodyBytes; }
    struct Counters {
        quint64 accepted = 0;
        quint64 evicted = 0;      // closed to admit a new one: it had sent least for longest
        quint64 turnedAway = 0;   // new connections refused: none could give way
        quint64 timedOut = 0;     // idle, header or body timeouts
        quint64 acceptErrors = 0; // out of file descriptors and the like
    };
    const Counters &counters() const { return m_counters; }

  private:
    friend class HttpConnection;
    void acceptPending();
    void onAcceptError();
    // Makes room for a connection from `peer` within both caps; false when none can give way.
    bool makeRoomFor(const QHostAddress &peer);
    // Closes the connection that has sent least for longest, from `peer` only if given.
    bool evictSlowest(const QHostAddress *peer = nullptr);
    void admit(int descriptor, const QHostAddress &peer);
    void turnAway(int descriptor);
    void answerWhatIsLeft();
    // The connection's calls back into the server.
    std::optional<HttpResponse> vet(const HttpRequest &headers) const { return m_check(headers); }
    void dispatch(HttpConnection &connection, HttpRequest request);
    bool reserveBody(qint64 bytes);
    void releaseBody(qint64 bytes);
    void observe(const HttpExchange &exchange) const;
    void forget(quint64 connection);
    void deliver(quint64 connection, const std::shared_ptr<std::atomic<bool>> &awaited,
                 const HttpResponse &response);

    HttpServerOptions m_options;
    HeaderCheck m_check;
    Handler m_handler;
    Observer m_observer;
    QTcpServer *m_listener = nullptr; // binds the address; accepting is ours
    QSocketNotifier *m_acceptNotifier = nullptr;
    QHash<quint64, HttpConnection *> m_connections;
    QHash<QHostAddress, int> m_connectionsFrom;
    quint64 m_nextConnection = 1;
    bool m_windingDown = false;
    qint64 m_bufferedBodyBytes = 0;
    Counters m_counters;
};

} // namespace digitpad

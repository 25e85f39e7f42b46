#pragma once

#include "http_message.h"

#include <memory>
#include <optional>

struct http_parser;

namespace digitpad {

// What one request may cost before its handler sees it.
struct HttpLimits {
    int maxTargetBytes = 2048;                     // 414 beyond
    int maxHeaderBytes = 16 * 1024;                // request line and headers together; 431 beyond
    qint64 maxBodyBytes = qint64(5) * 1024 * 1024; // 413 beyond
};

// Incremental HTTP/1.1 request parsing on the Node.js http-parser (the parser Qt HTTP Server
// bundles), with this server's limits applied while the bytes arrive, so that nothing larger
// than the limits is ever buffered. It stops twice per request: once the headers are complete
// (so that the caller can refuse the request before its body is read) and once the message is.
class HttpRequestParser {
  public:
    enum class State {
        NeedMore,     // feed more bytes
        HeadersReady, // vet request().headers, then continueWithBody() or refuse
        MessageReady, // takeRequest()
        Failed,       // failure() says why; the connection cannot be reused
    };

    explicit HttpRequestParser(const HttpLimits &limits);
    ~HttpRequestParser();
    HttpRequestParser(const HttpRequestParser &) = delete;
    HttpRequestParser &operator=(const HttpRequestParser &) = delete;

    // Consumes bytes until the parser needs more or stops at one of the states above; returns
    // how many it consumed (the rest belongs to what follows and must be fed again later).
    qsizetype feed(const char *data, qsizetype size);
    void continueWithBody();

    State state() const { return m_state; }
    // True once the first byte of a request has arrived.
    bool started() const { return m_started; }
    const HttpRequest &request() const { return m_request; }
    // The whole request; the parser then waits for the next one on the same connection.
    HttpRequest takeRequest();
    // The body size the headers declare: 0 when they declare none, -1 when it comes in chunks.
    qint64 declaredBodyBytes() const;
    bool expectsContinue() const;
    bool keepAlive() const;
    // The response that explains a Failed state (400, 413, 414, 431, 501 or 505).
    const HttpResponse &failure() const { return m_failure; }

  private:
    friend struct HttpParserCallbacks;
    // Where the look for folded header lines stands in the request's head.
    enum class HeadScan : quint8 { BeforeRequestLine, InLine, LineStart, BlankLine, Done };

    int fail(int status, const QString &message);
    int countHeaderBytes(qsizetype bytes);
    struct Refusal {
        int status;
        QString reason;
    };
    std::optional<Refusal> headerProblem() const;
    bool foldsAHeaderLine(const char *data, qsizetype size);

    HttpLimits m_limits;
    std::unique_ptr<http_parser> m_parser;
    State m_state = State::NeedMore;
    bool m_started = false;
    bool m_lastWasValue = false;
    HeadScan m_headScan = HeadScan::BeforeRequestLine;
    qint64 m_headerBytes = 0;
    HttpRequest m_request;
    HttpResponse m_failure;
};

} // namespace digitpad

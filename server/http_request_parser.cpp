#include "http_request_parser.h"

#include <http_parser.h>
#include <limits>

namespace digitpad {

struct HttpParserCallbacks {
    static HttpRequestParser &of(http_parser *parser) {
        return *static_cast<HttpRequestParser *>(parser->data);
    }

    static int messageBegin(http_parser *parser) {
        HttpRequestParser &self = of(parser);
        self.m_started = true;
        return 0;
    }
    static int url(http_parser *parser, const char *at, size_t length) {
        HttpRequestParser &self = of(parser);
        self.m_request.target.append(at, qsizetype(length));
        if (self.m_request.target.size() > self.m_limits.maxTargetBytes)
            return self.fail(414, QStringLiteral("the request target is longer than %1 bytes")
                                      .arg(self.m_limits.maxTargetBytes));
        return self.countHeaderBytes(qsizetype(length));
    }
    static int headerField(http_parser *parser, const char *at, size_t length) {
        HttpRequestParser &self = of(parser);
        if (self.m_lastWasValue || self.m_request.headers.isEmpty())
            self.m_request.headers.append(std::pair<QByteArray, QByteArray>());
        self.m_lastWasValue = false;
        self.m_request.headers.last().first.append(QByteArray(at, qsizetype(length)).toLower());
        return self.countHeaderBytes(qsizetype(length));
    }
    static int headerValue(http_parser *parser, const char *at, size_t length) {
        HttpRequestParser &self = of(parser);
        if (self.m_request.headers.isEmpty())
            self.m_request.headers.append(std::pair<QByteArray, QByteArray>());
        self.m_lastWasValue = true;
        self.m_request.headers.last().second.append(at, qsizetype(length));
        return self.countHeaderBytes(qsizetype(length));
    }
    static int headersComplete(http_parser *parser) {
        HttpRequestParser &self = of(parser);
        if (parser->http_major != 1)
            return self.fail(505, QStringLiteral("only HTTP/1.0 and HTTP/1.1 are spoken here"));
        self.m_request.method = http_method_str(http_method(parser->method));
        if (const std::optional<HttpRequestParser::Refusal> problem = self.headerProblem())
            return self.fail(problem->status, problem->reason);
        const qint64 declared = self.declaredBodyBytes();
        if (declared > self.m_limits.maxBodyBytes)
            return self.fail(413, QStringLiteral("the body is %1 bytes; the limit is %2")
                                      .arg(declared)
                                      .arg(self.m_limits.maxBodyBytes));
        self.m_state = HttpRequestParser::State::HeadersReady;
        http_parser_pause(parser, 1);
        return 0;
    }
    static int body(http_parser *parser, const char *at, size_t length) {
        HttpRequestParser &self = of(parser);
        if (self.m_request.body.size() + qint64(length) > self.m_limits.maxBodyBytes)
            return self.fail(413, QStringLiteral("the body is larger than the limit of %1 bytes")
                                      .arg(self.m_limits.maxBodyBytes));
        self.m_request.body.append(at, qsizetype(length));
        return 0;
    }
    static int messageComplete(http_parser *parser) {
        HttpRequestParser &self = of(parser);
        self.m_state = HttpRequestParser::State::MessageReady;
        http_parser_pause(parser, 1);
        return 0;
    }

    static const http_parser_settings &settings() {
        static const http_parser_settings callbacks = [] {
            http_parser_settings s{};
            s.on_message_begin = messageBegin;
            s.on_url = url;
            s.on_header_field = headerField;
            s.on_header_value = headerValue;
            s.on_headers_complete = headersComplete;
            s.on_body = body;
            s.on_message_complete = messageComplete;
            return s;
        }();
        return callbacks;
    }
};

HttpRequestParser::HttpRequestParser(const HttpLimits &limits)
    : m_limits(limits), m_parser(std::make_unique<http_parser>()) {
    http_parser_init(m_parser.get(), HTTP_REQUEST);
    m_parser->data = this;
}

HttpRequestParser::~HttpRequestParser() = default;

int HttpRequestParser::fail(int status, const QString &message) {
    m_state = State::Failed;
    m_failure = HttpResponse::error(status, message);
    return -1; // stops the parser (1 and 2 would mean "skip the body" from on_headers_complete)
}

int HttpRequestParser::countHeaderBytes(qsizetype bytes) {
    m_headerBytes += bytes;
    if (m_headerBytes > m_limits.maxHeaderBytes)
        return fail(431, QStringLiteral("the request line and headers exceed %1 bytes")
                             .arg(m_limits.maxHeaderBytes));
    return 0;
}

qsizetype HttpRequestParser::feed(const char *data, qsizetype size) {
    if (m_state != State::NeedMore || size <= 0)
        return 0; // a zero length would tell http-parser the stream ended
    if (foldsAHeaderLine(data, size)) {
        fail(400, QStringLiteral("a header line starts with whitespace (an obsolete line "
                                 "folding): send each header on one line"));
        return 0;
    }
    const size_t parsed =
        http_parser_execute(m_parser.get(), &HttpParserCallbacks::settings(), data, size_t(size));
    const http_errno error = HTTP_PARSER_ERRNO(m_parser.get());
    if (m_state == State::Failed)
        return qsizetype(parsed);
    if (error != HPE_OK && error != HPE_PAUSED) {
        if (error == HPE_HEADER_OVERFLOW)
            fail(431, QStringLiteral("the request line and headers are too large"));
        else
            fail(400, QStringLiteral("malformed HTTP request: %1")
                          .arg(QString::fromLatin1(http_errno_description(error))));
    } else if (m_parser->upgrade) {
        fail(501, QStringLiteral("protocol upgrades and CONNECT are not supported"));
    }
    return qsizetype(parsed);
}

void HttpRequestParser::continueWithBody() {
    if (m_state != State::HeadersReady)
        return;
    m_state = State::NeedMore;
    http_parser_pause(m_parser.get(), 0);
}

HttpRequest HttpRequestParser::takeRequest() {
    HttpRequest request = std::move(m_request);
    m_request = {};
    m_headerBytes = 0;
    m_lastWasValue = false;
    m_started = false;
    m_headScan = HeadScan::BeforeRequestLine;
    if (m_state == State::MessageReady) {
        m_state = State::NeedMore;
        http_parser_pause(m_parser.get(), 0);
    }
    return request;
}

// What RFC 9112 says a server must reject and http-parser lets through: a request with two Host
// headers (which one names the site?), whitespace between a field name and its colon (a proxy
// may read the field another way), a transfer coding other than chunked alone (over all the
// Transfer-Encoding headers), or one at all in HTTP/1.0, whose framing it does not belong to.
std::optional<HttpRequestParser::Refusal> HttpRequestParser::headerProblem() const {
    int hosts = 0;
    QList<QByteArray> codings;
    for (const auto &[name, value] : m_request.headers) {
        if (name.contains(' ') || name.contains('\t'))
            return Refusal{400, QStringLiteral("whitespace in the header name '%1'")
                                    .arg(QString::fromLatin1(name.trimmed()))};
        hosts += name == "host";
        if (name == "transfer-encoding")
            codings.append(value.trimmed());
    }
    if (hosts > 1)
        return Refusal{400, QStringLiteral("%1 Host headers: a request names one").arg(hosts)};
    if (codings.isEmpty())
        return std::nullopt;
    if (m_parser->http_minor == 0)
        return Refusal{400, QStringLiteral("Transfer-Encoding in an HTTP/1.0 request")};
    const QByteArray coding = codings.join(", ");
    if (coding.toLower() != "chunked")
        return Refusal{501, QStringLiteral("transfer coding '%1': only chunked is supported")
                                .arg(QString::fromLatin1(coding))};
    return std::nullopt;
}

// A header line that starts with a space or a tab continues the one before (obs-fold): RFC 9112
// has a server refuse it, as a proxy may not join the lines as http-parser does. Scans the head
// only, from the request line to the blank line that ends the headers; takeRequest() starts over.
bool HttpRequestParser::foldsAHeaderLine(const char *data, qsizetype size) {
    for (qsizetype i = 0; i < size && m_headScan != HeadScan::Done; ++i) {
        const char byte = data[i];
        switch (m_headScan) {
        case HeadScan::BeforeRequestLine: // empty lines before a request are allowed
            if (byte != '\r' && byte != '\n')
                m_headScan = HeadScan::InLine;
            break;
        case HeadScan::InLine:
            if (byte == '\n')
                m_headScan = HeadScan::LineStart;
            break;
        case HeadScan::LineStart:
            if (byte == ' ' || byte == '\t')
                return true;
            m_headScan = byte == '\r'   ? HeadScan::BlankLine
                         : byte == '\n' ? HeadScan::Done
                                        : HeadScan::InLine;
            break;
        case HeadScan::BlankLine:
        case HeadScan::Done:
            m_headScan = HeadScan::Done;
            break;
        }
    }
    return false;
}

qint64 HttpRequestParser::declaredBodyBytes() const {
    if ((m_parser->flags & F_CHUNKED) != 0)
        return -1;
    if (m_parser->content_length == std::numeric_limits<uint64_t>::max())
        return 0; // a request without Content-Length or chunks has no body
    return m_parser->content_length > uint64_t(std::numeric_limits<qint64>::max())
               ? std::numeric_limits<qint64>::max()
               : qint64(m_parser->content_length);
}

bool HttpRequestParser::expectsContinue() const {
    return m_request.header("expect").toLower() == "100-continue";
}

bool HttpRequestParser::keepAlive() const {
    return http_should_keep_alive(m_parser.get()) != 0;
}

} // namespace digitpad

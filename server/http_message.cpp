#include "http_message.h"

#include <QJsonDocument>

namespace digitpad {

QByteArray HttpRequest::path() const {
    const qsizetype query = target.indexOf('?');
    return query < 0 ? target : target.left(query);
}

QByteArray HttpRequest::header(const QByteArray &lowerCaseName) const {
    for (const auto &[name, value] : headers)
        if (name == lowerCaseName)
            return value.trimmed();
    return {};
}

HttpResponse HttpResponse::error(int status, const QString &message) {
    return json(QJsonObject{{QStringLiteral("error"), message}, {QStringLiteral("status"), status}},
                status);
}

HttpResponse HttpResponse::busy(const QString &message) {
    return error(503, message).withHeader("Retry-After", "1");
}

HttpResponse HttpResponse::json(const QJsonObject &object, int status) {
    HttpResponse response;
    response.status = status;
    response.body = QJsonDocument(object).toJson(QJsonDocument::Compact);
    return response;
}

HttpResponse &HttpResponse::withHeader(const QByteArray &name, const QByteArray &value) {
    headers.append({name, value});
    return *this;
}

QByteArray HttpResponse::serialized(bool keepAlive) const {
    QByteArray wire = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) +
                      "\r\nServer: DigitPad\r\n";
    if (!contentType.isEmpty())
        wire += "Content-Type: " + contentType + "\r\n";
    wire += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    wire += keepAlive ? "Connection: keep-alive\r\n" : "Connection: close\r\n";
    for (const auto &[name, value] : headers)
        wire += name + ": " + value + "\r\n";
    wire += "\r\n";
    wire += body;
    return wire;
}

QByteArray reasonPhrase(int status) {
    switch (status) {
    case 100:
        return "Continue";
    case 200:
        return "OK";
    case 400:
        return "Bad Request";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 408:
        return "Request Timeout";
    case 411:
        return "Length Required";
    case 413:
        return "Payload Too Large";
    case 414:
        return "URI Too Long";
    case 415:
        return "Unsupported Media Type";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 501:
        return "Not Implemented";
    case 503:
        return "Service Unavailable";
    case 505:
        return "HTTP Version Not Supported";
    default:
        return "Unknown";
    }
}

} // namespace digitpad

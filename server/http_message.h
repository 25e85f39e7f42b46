#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <utility>

namespace digitpad {

// One HTTP/1.1 request as the parser delivered it: header names are lower case, the target is
// the path and query as sent.
struct HttpRequest {
    QByteArray method; // "GET", "POST", ...
    QByteArray target; // "/predict?x=1"
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;

    // The path without the query.
    QByteArray path() const;
    // The first header of that (lower-case) name, trimmed; empty when absent.
    QByteArray header(const QByteArray &lowerCaseName) const;
};

struct HttpResponse {
    int status = 200;
    QByteArray contentType = "application/json";
    QByteArray body;
    QList<std::pair<QByteArray, QByteArray>> headers; // beyond Content-Type and Content-Length

    // {"error": message, "status": status}, the shape every refusal of this API has.
    static HttpResponse error(int status, const QString &message);
    // 503 with Retry-After: 1, for a server that is full for the moment (queues, memory, time).
    static HttpResponse busy(const QString &message);
    static HttpResponse json(const QJsonObject &object, int status = 200);
    HttpResponse &withHeader(const QByteArray &name, const QByteArray &value);

    // The bytes on the wire; `keepAlive` decides the Connection header.
    QByteArray serialized(bool keepAlive) const;
};

// "Not Found" for 404, and so on; "Unknown" for codes this server never sends.
QByteArray reasonPhrase(int status);

} // namespace digitpad

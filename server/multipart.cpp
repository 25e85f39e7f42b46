#include "multipart.h"

#include "error.h"

#include <QList>

namespace digitpad {

namespace {
// The value of `key` in a header such as: form-data; name="image"; filename="7.png"
QByteArray headerParameter(const QByteArray &header, const QByteArray &key) {
    for (QByteArray parameter : header.split(';')) {
        parameter = parameter.trimmed();
        const int equals = parameter.indexOf('=');
        if (equals < 0 || parameter.left(equals).trimmed().toLower() != key)
            continue;
        QByteArray value = parameter.mid(equals + 1).trimmed();
        if (value.size() >= 2 && value.startsWith('"') && value.endsWith('"'))
            value = value.mid(1, value.size() - 2);
        return value;
    }
    return {};
}
} // namespace

QByteArray multipartBoundary(const QByteArray &contentType) {
    return headerParameter(contentType, "boundary");
}

std::vector<MultipartPart> parseMultipart(const QByteArray &body, const QByteArray &boundary) {
    if (boundary.isEmpty())
        throw Error(QStringLiteral("multipart body without a boundary in its Content-Type"));
    const QByteArray delimiter = "--" + boundary;
    qsizetype position = body.indexOf(delimiter);
    if (position < 0)
        throw Error(QStringLiteral("multipart body without its boundary"));
    std::vector<MultipartPart> parts;
    while (true) {
        position += delimiter.size();
        if (body.mid(position, 2) == "--")
            return parts; // the closing delimiter
        if (body.mid(position, 2) != "\r\n")
            throw Error(QStringLiteral(
                "malformed multipart body: a boundary is not followed by a line break"));
        position += 2;
        const qsizetype headersEnd = body.indexOf("\r\n\r\n", position);
        if (headersEnd < 0)
            throw Error(QStringLiteral("malformed multipart body: a part's headers do not end"));
        MultipartPart part;
        for (const QByteArray &line : body.mid(position, headersEnd - position).split('\n')) {
            const int colon = line.indexOf(':');
            if (colon < 0)
                continue;
            const QByteArray name = line.left(colon).trimmed().toLower();
            const QByteArray value = line.mid(colon + 1).trimmed();
            if (name == "content-disposition") {
                part.name = headerParameter(value, "name");
                part.fileName = headerParameter(value, "filename");
            } else if (name == "content-type") {
                part.contentType = value.split(';').first().trimmed().toLower();
            }
        }
        const qsizetype contentStart = headersEnd + 4;
        const qsizetype next = body.indexOf("\r\n" + delimiter, contentStart);
        if (next < 0)
            throw Error(QStringLiteral(
                "malformed multipart body: no closing boundary (truncated upload?)"));
        part.body = body.mid(contentStart, next - contentStart);
        parts.push_back(std::move(part));
        position = next + 2;
    }
}

} // namespace digitpad

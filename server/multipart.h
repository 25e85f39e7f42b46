#pragma once

#include <QByteArray>
#include <vector>

namespace digitpad {

// One part of a multipart/form-data body (RFC 7578), as browsers and curl -F send file uploads.
struct MultipartPart {
    QByteArray name;        // the form field
    QByteArray fileName;    // empty for a plain field
    QByteArray contentType; // lower case, without parameters; empty when the part names none
    QByteArray body;
};

// The boundary parameter of a Content-Type header; empty when there is none.
QByteArray multipartBoundary(const QByteArray &contentType);

// Throws digitpad::Error saying what is malformed (no boundary, no closing delimiter, ...).
std::vector<MultipartPart> parseMultipart(const QByteArray &body, const QByteArray &boundary);

} // namespace digitpad

// Multipart uploads, as the prediction server reads them (prediction_requests.cpp): the boundary
// from the request's Content-Type, then the body split into parts. The input's first line is the
// Content-Type, the rest is the body.

#include "error.h"
#include "multipart.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    const qsizetype lineEnd = input.indexOf('\n');
    // The server trims header values, as HttpRequest::header() does.
    const QByteArray contentType = (lineEnd < 0 ? input : input.left(lineEnd)).trimmed();
    const QByteArray body = lineEnd < 0 ? QByteArray() : input.mid(lineEnd + 1);
    try {
        digitpad::parseMultipart(body, digitpad::multipartBoundary(contentType));
    } catch (const digitpad::Error &) {
    }
    return 0;
}

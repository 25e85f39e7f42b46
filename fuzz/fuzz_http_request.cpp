// HTTP requests, as a connection of the prediction server reads them (http_connection.cpp): bytes
// fed to HttpRequestParser as they arrive, the headers vetted when it stops at HeadersReady, the
// request taken at MessageReady, and so on for every request pipelined on the connection.
//
// The bytes arrive in pieces, as from a socket; where one piece ends is up to the input: its
// last byte seeds the piece sizes (the seeds in corpus/fuzz_http_request end with one such byte
// after the request), so a split that matters can be found and replayed.

#include "http_request_parser.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <random>

namespace {

// Small limits, so that inputs of a few hundred bytes reach every refusal (414, 431, 413).
digitpad::HttpLimits smallLimits() {
    digitpad::HttpLimits limits;
    limits.maxTargetBytes = 64;
    limits.maxHeaderBytes = 256;
    limits.maxBodyBytes = 512;
    return limits;
}

// What the connection reads of a request whose headers are complete, before taking its body.
void vetHeaders(const digitpad::HttpRequestParser &parser) {
    const digitpad::HttpRequest &request = parser.request();
    request.path();
    request.header("host");
    request.header("content-type");
    parser.declaredBodyBytes();
    parser.expectsContinue();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
    if (size == 0)
        return 0;
    std::minstd_rand pieceSizes(data[size - 1]);
    const char *bytes = reinterpret_cast<const char *>(data);
    const auto end = qsizetype(size - 1);
    digitpad::HttpRequestParser parser(smallLimits());
    qsizetype offset = 0;
    while (offset < end) {
        // 1 to 64 bytes: splits inside every token, as well as whole lines.
        const qsizetype pieceEnd = std::min(end, offset + qsizetype(pieceSizes() % 64) + 1);
        while (offset < pieceEnd) {
            const qsizetype consumed = parser.feed(bytes + offset, pieceEnd - offset);
            offset += consumed;
            switch (parser.state()) {
            case digitpad::HttpRequestParser::State::NeedMore:
                if (consumed == 0) {
                    // HttpConnection::readInput would feed these bytes again and again.
                    std::fprintf(stderr, "the parser needs more but took none of %lld bytes\n",
                                 static_cast<long long>(pieceEnd - offset));
                    std::abort();
                }
                break;
            case digitpad::HttpRequestParser::State::HeadersReady:
                vetHeaders(parser);
                parser.continueWithBody();
                break;
            case digitpad::HttpRequestParser::State::MessageReady:
                parser.keepAlive();
                parser.takeRequest().path();
                break;
            case digitpad::HttpRequestParser::State::Failed:
                // The connection answers with the failure and closes.
                parser.failure().serialized(false);
                return 0;
            }
        }
    }
    return 0;
}

#pragma once

#include <QByteArray>
#include <QString>
#include <algorithm>
#include <cstdio>
#include <exception>
#include <stdexcept>
#include <string>
#include <vector>

// "p50 1.2 ms, p95 2.0 ms, max 3.1 ms over 500 runs"
inline QString percentiles(std::vector<double> milliseconds) {
    std::sort(milliseconds.begin(), milliseconds.end());
    const auto at = [&](double q) {
        return milliseconds[std::size_t(q * double(milliseconds.size() - 1))];
    };
    return QStringLiteral("p50 %1 ms, p95 %2 ms, max %3 ms over %4 runs")
        .arg(at(0.5), 0, 'f', 2)
        .arg(at(0.95), 0, 'f', 2)
        .arg(milliseconds.back(), 0, 'f', 2)
        .arg(milliseconds.size());
}

// A benchmark that cannot run (no model, no data) says why and exits 1 instead of aborting.
template <typename Body> int guardedMain(Body body) noexcept {
    try {
        return body();
    } catch (const std::exception &error) {
        std::fprintf(stderr, "%s\n", error.what());
    } catch (...) {
        std::fprintf(stderr, "unknown error\n");
    }
    return 1;
}

// A number given on the command line; anything else stops the benchmark with a message.
inline double numberArgument(const char *text) {
    bool ok = false;
    const double value = QByteArray(text).toDouble(&ok);
    if (!ok)
        throw std::invalid_argument(std::string("not a number: ") + text);
    return value;
}
inline int integerArgument(const char *text) {
    bool ok = false;
    const int value = QByteArray(text).toInt(&ok);
    if (!ok)
        throw std::invalid_argument(std::string("not a whole number: ") + text);
    return value;
}
// How many samples to take: a whole number from 1 up, or the benchmark stops with a message (a
// count of 0 would print shares of nothing).
inline int countArgument(const QString &text) {
    const int count = integerArgument(text.toLocal8Bit().constData());
    if (count < 1)
        throw std::invalid_argument("a count must be at least 1: " + text.toStdString());
    return count;
}

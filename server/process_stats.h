#pragma once

#include <optional>

namespace digitpad {

// This process's own figures, as Prometheus' client libraries export them under process_*, read
// from /proc (Linux). A figure that cannot be read is left out rather than reported as 0.
struct ProcessStats {
    std::optional<double> cpuSeconds;       // user and system time
    std::optional<double> residentBytes;    // resident set size
    std::optional<double> virtualBytes;     // virtual memory size
    std::optional<double> startTimeSeconds; // since the Unix epoch
    std::optional<double> openFds;
    std::optional<double> maxFds; // the soft limit

    static ProcessStats now();
};

} // namespace digitpad

#pragma once
// Internal to core/inspection.

#include "error.h"
#include "feature_space.h"

#include <algorithm>

namespace digitpad {

// A table is a plain struct anyone can fill: its sizes are checked before they index memory.
inline void requireConsistent(const FeatureTable &table) {
    const std::size_t count = std::size_t(std::max(table.count, 0));
    if (table.count < 0 || table.dimensions < 0 ||
        table.values.size() != count * std::size_t(table.dimensions) ||
        table.labels.size() != count)
        throw Error(QStringLiteral("a feature table of %1 rows x %2 dimensions holds %3 values "
                                   "and %4 labels")
                        .arg(table.count)
                        .arg(table.dimensions)
                        .arg(table.values.size())
                        .arg(table.labels.size()));
}

} // namespace digitpad

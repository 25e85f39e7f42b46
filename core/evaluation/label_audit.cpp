#include "label_audit.h"

#include "error.h"

#include <QString>
#include <algorithm>

namespace digitpad {

LabelAudit auditLabels(const std::vector<std::array<float, kClassCount>> &probabilities,
                       const std::vector<std::uint8_t> &labels) {
    if (probabilities.size() != labels.size())
        throw Error(QStringLiteral("label audit: %1 probability rows for %2 labels")
                        .arg(probabilities.size())
                        .arg(labels.size()));
    LabelAudit audit;
    std::array<double, kClassCount> sums{};
    std::array<int, kClassCount> counts{};
    for (std::size_t k = 0; k < labels.size(); ++k) {
        const int label = labels[k];
        if (label >= kClassCount)
            throw Error(QStringLiteral("label audit: sample %1 has label %2").arg(k).arg(label));
        sums[std::size_t(label)] += probabilities[k][std::size_t(label)];
        ++counts[std::size_t(label)];
    }
    for (std::size_t c = 0; c < kClassCount; ++c)
        audit.thresholds[c] = counts[c] > 0 ? sums[c] / counts[c] : 1.0;

    std::vector<LabelSuspect> doubtful;
    for (std::size_t k = 0; k < labels.size(); ++k) {
        const auto &p = probabilities[k];
        const int label = labels[k];
        int suggested = -1;
        for (int c = 0; c < kClassCount; ++c)
            if (p[std::size_t(c)] >= audit.thresholds[std::size_t(c)] &&
                (suggested < 0 || p[std::size_t(c)] > p[std::size_t(suggested)]))
                suggested = c;
        if (suggested < 0) { // no digit is confidently this sample's
            const auto likeliest = int(std::max_element(p.begin(), p.end()) - p.begin());
            const double given = p[std::size_t(label)];
            if (likeliest != label)
                doubtful.push_back({int(k), label, likeliest, given,
                                    double(p[std::size_t(likeliest)]) - given, false});
            continue;
        }
        ++audit.confidentJoint[std::size_t(label)][std::size_t(suggested)];
        if (suggested != label) {
            const double given = p[std::size_t(label)];
            audit.suspects.push_back(
                {int(k), label, suggested, given, double(p[std::size_t(suggested)]) - given});
        }
    }
    const auto byScore = [](const LabelSuspect &a, const LabelSuspect &b) {
        return a.score > b.score;
    };
    std::stable_sort(audit.suspects.begin(), audit.suspects.end(), byScore);
    std::stable_sort(doubtful.begin(), doubtful.end(), byScore);
    audit.confidentSuspects = int(audit.suspects.size());
    audit.suspects.insert(audit.suspects.end(), doubtful.begin(), doubtful.end());
    return audit;
}

} // namespace digitpad

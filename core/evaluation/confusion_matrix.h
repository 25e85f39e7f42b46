#pragma once

#include <QJsonObject>
#include <optional>
#include <vector>

namespace digitpad {

struct ClassMetrics {
    int support = 0;   // samples whose true class this is
    int predicted = 0; // samples predicted as this class
    // Empty where the ratio is undefined (no support, nothing predicted): shown as "n/a".
    std::optional<double> precision;
    std::optional<double> recall;
    std::optional<double> f1;
};

// Rows are true classes, columns predicted classes.
class ConfusionMatrix {
  public:
    explicit ConfusionMatrix(int classCount = 10);

    void add(int trueClass, int predictedClass, int count = 1);
    int count(int trueClass, int predictedClass) const;
    int classCount() const { return m_classCount; }
    int total() const;
    int correct() const;
    std::optional<double> accuracy() const;
    ClassMetrics metricsFor(int classIndex) const;

    QJsonObject toJson() const; // {"matrix": [[..]], "per_class": [...]}

  private:
    int m_classCount;
    std::vector<int> m_counts;
};

} // namespace digitpad

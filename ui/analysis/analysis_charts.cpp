#include "analysis_charts.h"

#include "plot_style.h"

#include <cmath>
#include <numeric>

using namespace digitpad;

void plotReliability(QCustomPlot *plot, const std::vector<ReliabilityBin> &bins) {
    plot->clearPlottables();
    auto *bars = new QCPBars(plot->xAxis, plot->yAxis);
    bars->setName(QObject::tr("accuracy in the bin"));
    bars->setWidth(0.09);
    bars->setBrush(QColor(40, 110, 220));
    bars->setPen(Qt::NoPen);
    auto *gap = new QCPGraph(plot->xAxis, plot->yAxis);
    gap->setName(QObject::tr("mean confidence"));
    gap->setLineStyle(QCPGraph::lsNone);
    gap->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssCircle, QColor(220, 110, 30), QColor(220, 110, 30), 7));
    for (const ReliabilityBin &bin : bins) {
        if (bin.count == 0)
            continue;
        bars->addData((bin.low + bin.high) / 2, bin.accuracy);
        gap->addData((bin.low + bin.high) / 2, bin.meanConfidence);
    }
    auto *diagonal = new QCPGraph(plot->xAxis, plot->yAxis);
    diagonal->setName(QObject::tr("perfect calibration"));
    diagonal->setPen(QPen(Qt::gray, 1.5, Qt::DashLine));
    diagonal->setData({0, 1}, {0, 1});
    plot->xAxis->setRange(0, 1);
    plot->yAxis->setRange(0, 1.02);
    plot->xAxis->setLabel(QObject::tr("confidence of the prediction"));
    plot->yAxis->setLabel(QObject::tr("accuracy"));
    plot->legend->setVisible(true);
    plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignLeft);
    plot->replot();
}

void plotBalance(QCustomPlot *plot, const Analysis &analysis) {
    // Shares rather than counts, so that a training set nine times the size of its validation
    // split sits on the same scale.
    plot->clearPlottables();
    const auto addShares = [plot](const std::array<int, kClassCount> &counts, const QString &name,
                                  const QColor &colour, double offset) {
        auto *bars = new QCPBars(plot->xAxis, plot->yAxis);
        bars->setName(name);
        bars->setBrush(colour);
        bars->setPen(Qt::NoPen);
        bars->setWidth(0.38);
        const int total = std::max(1, std::accumulate(counts.begin(), counts.end(), 0));
        double largest = 0;
        for (int digit = 0; digit < kClassCount; ++digit) {
            const double share = 100.0 * counts[std::size_t(digit)] / total;
            bars->addData(digit + offset, share);
            largest = std::max(largest, share);
        }
        return largest;
    };
    double largest = addShares(analysis.classCounts, QObject::tr("evaluated"), QColor(40, 110, 220),
                               analysis.trainingClassCounts ? 0.2 : 0.0);
    if (analysis.trainingClassCounts)
        largest = std::max(largest, addShares(*analysis.trainingClassCounts,
                                              QObject::tr("training"), QColor(220, 110, 30), -0.2));
    plot->xAxis->setTicker(digitTicker());
    plot->xAxis->setRange(-0.6, 9.6);
    plot->yAxis->setRange(0, largest * 1.45); // headroom for the legend
    plot->xAxis->setLabel(QObject::tr("digit"));
    plot->yAxis->setLabel(QObject::tr("share of the samples (%)"));
    plot->legend->setVisible(true);
    plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
    plot->replot();
}

void plotSliceComposition(QCustomPlot *plot, const Analysis &analysis) {
    plot->clearPlottables();
    plot->clearItems();
    const int slices = int(analysis.slices.size());
    if (slices == 0)
        return plot->replot();
    auto *map = new QCPColorMap(plot->xAxis, plot->yAxis);
    map->data()->setSize(kClassCount, slices);
    map->data()->setRange(QCPRange(0, kClassCount - 1), QCPRange(0, slices - 1));
    map->setInterpolate(false);
    QCPColorGradient gradient;
    gradient.setColorStopAt(0, Qt::white);
    gradient.setColorStopAt(1, QColor(40, 110, 220));
    map->setGradient(gradient);
    QSharedPointer<QCPAxisTickerText> sliceTicks(new QCPAxisTickerText);
    double largest = 0.01;
    for (int row = 0; row < slices; ++row) {
        const StyleSlice &slice = analysis.slices[std::size_t(row)];
        std::array<int, kClassCount> counts{};
        for (int member : slice.members)
            ++counts[std::size_t(analysis.outcomes[std::size_t(member)].label)];
        for (int digit = 0; digit < kClassCount; ++digit) {
            const double share = slice.members.empty()
                                     ? 0.0
                                     : double(counts[std::size_t(digit)]) / slice.members.size();
            map->data()->setCell(digit, row, share);
            largest = std::max(largest, share);
        }
        sliceTicks->addTick(
            row, QStringLiteral("%1 Q%2").arg(styleFeatureKey(slice.feature)).arg(slice.bin + 1));
    }
    map->setDataRange(QCPRange(0, largest));
    plot->xAxis->setTicker(digitTicker());
    plot->xAxis->setRange(-0.5, kClassCount - 0.5);
    plot->xAxis->setLabel(QObject::tr("digit (darker: a larger share of the slice)"));
    plot->yAxis->setTicker(sliceTicks);
    plot->yAxis->setRange(-0.5, slices - 0.5);
    plot->yAxis->setRangeReversed(true);
    plot->yAxis->setLabel(QString());
    for (QCPAxis *axis : {plot->xAxis, plot->yAxis}) {
        axis->grid()->setVisible(false);
        axis->setSubTicks(false);
        axis->setTickLength(0, 0);
    }
    plot->legend->setVisible(false);
    plot->replot();
}

void plotDigitMetrics(QCustomPlot *plot, const std::vector<GroupMetrics> &digits) {
    plot->clearPlottables();
    double lowest = 1.0;
    const auto addMetric = [&](Metric metric, const QColor &colour, double offset) {
        auto *bars = new QCPBars(plot->xAxis, plot->yAxis);
        bars->setName(metricName(metric));
        bars->setBrush(colour);
        bars->setPen(Qt::NoPen);
        bars->setWidth(0.38);
        auto *errors = new QCPErrorBars(plot->xAxis, plot->yAxis);
        errors->removeFromLegend();
        errors->setDataPlottable(bars);
        errors->setPen(QPen(Qt::black, 1.2));
        QVector<double> below, above;
        for (int digit = 0; digit < int(digits.size()); ++digit) {
            const Estimate &estimate = digits[std::size_t(digit)][metric];
            bars->addData(digit + offset, estimate.value.value_or(0.0) * 100); // n/a: no bar
            below << (estimate.value && estimate.low ? (*estimate.value - *estimate.low) * 100
                                                     : 0.0);
            above << (estimate.value && estimate.high ? (*estimate.high - *estimate.value) * 100
                                                      : 0.0);
            if (estimate.low)
                lowest = std::min(lowest, *estimate.low);
        }
        errors->setData(below, above);
    };
    addMetric(Metric::Recall, QColor(40, 110, 220), -0.2);
    addMetric(Metric::Precision, QColor(220, 110, 30), 0.2);
    // Each digit's sample count under it: the width of its interval follows from it.
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    for (int digit = 0; digit < int(digits.size()); ++digit)
        ticker->addTick(
            digit, QStringLiteral("%1\nn=%2").arg(digit).arg(digits[std::size_t(digit)].support));
    plot->xAxis->setTicker(ticker);
    plot->xAxis->setRange(-0.6, 9.6);
    // Zoomed to where the digits differ; the axis label says it does not start at zero.
    const double bottom = std::max(0.0, std::floor(lowest * 100 - 2));
    plot->yAxis->setLabel(bottom > 0 ? QObject::tr("%  (axis from %1%)").arg(bottom)
                                     : QObject::tr("%"));
    plot->xAxis->setLabel(QObject::tr("digit (whiskers: 95% bootstrap interval)"));
    plot->yAxis->setRange(bottom, 100.5);
    placeLegendBelow(plot); // the bars fill the axes
    plot->replot();
}

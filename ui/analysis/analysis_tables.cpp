#include "analysis_tables.h"

#include "plot_style.h"

#include <QHeaderView>
#include <QTableWidget>
#include <cmath>
#include <numeric>

using namespace digitpad;

namespace {
QString percent(const std::optional<double> &value, int decimals = 1) {
    return value ? QStringLiteral("%1%").arg(*value * 100, 0, 'f', decimals) : QObject::tr("n/a");
}

QString withInterval(const Estimate &estimate) {
    if (!estimate.value)
        return QObject::tr("n/a");
    if (!estimate.low || !estimate.high)
        return percent(estimate.value);
    return QStringLiteral("%1 [%2, %3]")
        .arg(percent(estimate.value), percent(estimate.low), percent(estimate.high));
}

void setRow(QTableWidget *table, int row, const QStringList &cells) {
    for (int column = 0; column < cells.size(); ++column) {
        auto *item = new QTableWidgetItem(cells[column]);
        item->setFlags(item->flags() & ~Qt::ItemIsEditable);
        table->setItem(row, column, item);
    }
}

void prepare(QTableWidget *table, const QStringList &headers, int rows) {
    table->clear();
    table->setColumnCount(int(headers.size()));
    table->setHorizontalHeaderLabels(headers);
    table->setRowCount(rows);
    table->verticalHeader()->setVisible(false);
    table->setWordWrap(false);
}

// The digit served worst by recall, and the gap to the best.
std::pair<const GroupMetrics *, double> worstDigit(const Analysis &analysis) {
    const auto comparison =
        compareGroups(analysis.digits, QStringLiteral("digit"), Metric::Recall, 1.0);
    if (!comparison)
        return {nullptr, 0};
    for (const GroupMetrics &digit : analysis.digits)
        if (digit.name == comparison->worst)
            return {&digit, comparison->difference};
    return {nullptr, 0};
}
} // namespace

void fillDigitTable(QTableWidget *table, const std::vector<GroupMetrics> &digits) {
    QStringList headers{QObject::tr("Digit"), QObject::tr("Support")};
    for (Metric metric : digitFairnessMetrics())
        headers << metricName(metric);
    prepare(table, headers, int(digits.size()));
    for (int row = 0; row < int(digits.size()); ++row) {
        const GroupMetrics &digit = digits[std::size_t(row)];
        QStringList cells{digit.name, QString::number(digit.support)};
        for (Metric metric : digitFairnessMetrics())
            cells << withInterval(digit[metric]);
        setRow(table, row, cells);
    }
    table->resizeColumnsToContents();
}

void fillSliceTable(QTableWidget *table, const Analysis &analysis) {
    prepare(table,
            {QObject::tr("Handwriting-style slice"), QObject::tr("Support"),
             QObject::tr("Accuracy"), QObject::tr("Mean confidence"),
             QObject::tr("Calibration error")},
            int(analysis.sliceMetrics.size() + analysis.writerGroups.size()));
    const GroupMetrics *worst = analysis.worstSlice();
    // The writer populations (when the data set has them) follow the style slices.
    std::vector<const GroupMetrics *> groups;
    for (const GroupMetrics &slice : analysis.sliceMetrics)
        groups.push_back(&slice);
    for (const GroupMetrics &writers : analysis.writerGroups)
        groups.push_back(&writers);
    for (int row = 0; row < int(groups.size()); ++row) {
        const GroupMetrics &slice = *groups[std::size_t(row)];
        setRow(table, row,
               {slice.name, QString::number(slice.support), withInterval(slice[Metric::Accuracy]),
                withInterval(slice[Metric::MeanConfidence]),
                withInterval(slice[Metric::CalibrationError])});
        if (&slice == worst)
            for (int column = 0; column < table->columnCount(); ++column)
                table->item(row, column)->setBackground(QColor(253, 226, 222));
    }
    table->resizeColumnsToContents();
}

void fillFairnessTable(QTableWidget *table, const std::vector<FairnessComparison> &comparisons) {
    // The gap and the ratio first: they are what a reader scans for.
    prepare(table,
            {QObject::tr("Groups"), QObject::tr("Metric"), QObject::tr("Gap"), QObject::tr("Ratio"),
             QObject::tr("Worst"), QObject::tr("Best"), QObject::tr("Verdict")},
            int(comparisons.size()));
    for (int row = 0; row < int(comparisons.size()); ++row) {
        const FairnessComparison &c = comparisons[std::size_t(row)];
        // "stroke thickness Q2 (...)" under the heading "stroke thickness" reads as "Q2 (...)"
        const auto shortName = [&c](const QString &group) {
            return group.startsWith(c.family + QLatin1Char(' ')) ? group.mid(c.family.size() + 1)
                                                                 : group;
        };
        setRow(table, row,
               {c.family, metricName(c.metric),
                QObject::tr("%1 points").arg(c.difference * 100, 0, 'f', 2),
                QString::number(c.ratio, 'f', 3),
                QStringLiteral("%1 (%2)").arg(shortName(c.worst), percent(c.worstValue, 2)),
                QStringLiteral("%1 (%2)").arg(shortName(c.best), percent(c.bestValue, 2)),
                c.verdict});
        const QColor colour = c.withinThreshold ? QColor(225, 243, 228) : QColor(253, 226, 222);
        for (int column = 0; column < table->columnCount(); ++column) {
            table->item(row, column)->setBackground(colour);
            table->item(row, column)->setToolTip(c.verdict);
        }
    }
    table->resizeColumnsToContents();
}

void fillComparisonTable(QTableWidget *table, const Analysis &before, const Analysis &after,
                         const QString &beforeName, const QString &afterName) {
    prepare(table, {QObject::tr("On the same data"), beforeName, afterName, QObject::tr("Change")},
            0);
    const auto addRow = [table](const QString &what, const QString &a, const QString &b,
                                const QString &change) {
        const int row = table->rowCount();
        table->insertRow(row);
        setRow(table, row, {what, a, b, change});
    };
    const auto points = [](double a, double b) {
        return QObject::tr("%1%2 points").arg(b >= a ? "+" : "").arg((b - a) * 100, 0, 'f', 2);
    };
    addRow(QObject::tr("overall accuracy"), percent(before.accuracy, 2), percent(after.accuracy, 2),
           points(before.accuracy, after.accuracy));
    const auto [worstBefore, gapBefore] = worstDigit(before);
    const auto [worstAfter, gapAfter] = worstDigit(after);
    if (worstBefore && worstAfter) {
        addRow(QObject::tr("worst digit recall"),
               QObject::tr("%1 (digit %2)")
                   .arg(percent((*worstBefore)[Metric::Recall].value, 2), worstBefore->name),
               QObject::tr("%1 (digit %2)")
                   .arg(percent((*worstAfter)[Metric::Recall].value, 2), worstAfter->name),
               points(*(*worstBefore)[Metric::Recall].value, *(*worstAfter)[Metric::Recall].value));
        addRow(QObject::tr("recall gap, best to worst digit"), percent(gapBefore, 2),
               percent(gapAfter, 2), points(gapBefore, gapAfter));
    }
    for (int digit = 0; digit < kClassCount; ++digit) {
        const auto a = before.digits[std::size_t(digit)][Metric::Recall].value;
        const auto b = after.digits[std::size_t(digit)][Metric::Recall].value;
        addRow(QObject::tr("recall of digit %1").arg(digit), percent(a, 2), percent(b, 2),
               a && b ? points(*a, *b) : QObject::tr("n/a"));
    }
    const GroupMetrics *sliceBefore = before.worstSlice();
    const GroupMetrics *sliceAfter = after.worstSlice();
    if (sliceBefore && sliceAfter)
        addRow(QObject::tr("worst style slice accuracy"),
               QStringLiteral("%1 (%2)").arg(percent((*sliceBefore)[Metric::Accuracy].value, 2),
                                             sliceBefore->name),
               QStringLiteral("%1 (%2)").arg(percent((*sliceAfter)[Metric::Accuracy].value, 2),
                                             sliceAfter->name),
               points(*(*sliceBefore)[Metric::Accuracy].value,
                      *(*sliceAfter)[Metric::Accuracy].value));
    addRow(QObject::tr("calibration error (ECE)"), percent(before.calibrationError, 2),
           percent(after.calibrationError, 2),
           before.calibrationError && after.calibrationError
               ? points(*before.calibrationError, *after.calibrationError)
               : QObject::tr("n/a"));
    table->resizeColumnsToContents();
}

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

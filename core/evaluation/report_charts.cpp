#include "report_charts.h"

#include <QPainter>
#include <algorithm>

namespace digitpad {

namespace {
constexpr int kWidth = 900, kHeight = 480;
constexpr int kLeft = 70, kRight = 20, kTop = 46, kBottom = 110;
const QColor kBar(40, 110, 220);
const QColor kGrid(225, 225, 225);

struct Canvas {
    QImage image{kWidth, kHeight, QImage::Format_RGB32};
    QPainter painter;
    QRectF plot{double(kLeft), double(kTop), double(kWidth - kLeft - kRight),
                double(kHeight - kTop - kBottom)};

    explicit Canvas(const QString &title) {
        image.fill(Qt::white);
        painter.begin(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        QFont font = painter.font();
        font.setPixelSize(18);
        font.setBold(true);
        painter.setFont(font);
        painter.drawText(QRectF(0, 8, kWidth, 30), Qt::AlignCenter, title);
        font.setPixelSize(12);
        font.setBold(false);
        painter.setFont(font);
    }
    double y(double value, double top) const { return plot.bottom() - value / top * plot.height(); }
    void axis(double top, int ticks, const QString &format) {
        for (int tick = 0; tick <= ticks; ++tick) {
            const double value = top * tick / ticks;
            painter.setPen(kGrid);
            painter.drawLine(QPointF(plot.left(), y(value, top)),
                             QPointF(plot.right(), y(value, top)));
            painter.setPen(Qt::black);
            painter.drawText(QRectF(0, y(value, top) - 8, kLeft - 6, 16),
                             Qt::AlignRight | Qt::AlignVCenter,
                             format.arg(value * (format.contains('%') ? 100 : 1), 0, 'f', 0));
        }
        painter.drawLine(plot.bottomLeft(), plot.bottomRight());
        painter.drawLine(plot.bottomLeft(), plot.topLeft());
    }
    void label(const QString &text, double x, double width) {
        painter.save();
        painter.translate(x, plot.bottom() + 6);
        if (width < 60) { // long slice names stand on end
            painter.rotate(-45);
            painter.drawText(QRectF(-kBottom * 1.3, -8, kBottom * 1.3, 16),
                             Qt::AlignRight | Qt::AlignVCenter, text);
        } else {
            painter.drawText(QRectF(-width / 2, 0, width, 18), Qt::AlignCenter, text);
        }
        painter.restore();
    }
};
} // namespace

QImage confusionMatrixChart(const ConfusionMatrix &confusion) {
    const int n = confusion.classCount();
    QImage image(620, 620, QImage::Format_RGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    const double cell = 50, left = 80, top = 60;
    QFont font = painter.font();
    font.setPixelSize(18);
    font.setBold(true);
    painter.setFont(font);
    painter.drawText(QRectF(0, 8, 620, 30), Qt::AlignCenter,
                     QStringLiteral("Confusion matrix (row-normalised colour)"));
    font.setPixelSize(12);
    font.setBold(false);
    painter.setFont(font);
    for (int row = 0; row < n; ++row) {
        int rowTotal = 0;
        for (int column = 0; column < n; ++column)
            rowTotal += confusion.count(row, column);
        for (int column = 0; column < n; ++column) {
            const int count = confusion.count(row, column);
            const double share = rowTotal > 0 ? double(count) / rowTotal : 0.0;
            // Correct cells in blue, mistakes in red; a logarithmic feel so rare mistakes show.
            const double strength =
                share <= 0 ? 0 : std::clamp(0.15 + 0.85 * std::sqrt(share), 0.0, 1.0);
            const QColor colour =
                row == column ? QColor::fromRgbF(1 - 0.8 * strength, 1 - 0.5 * strength, 1)
                              : QColor::fromRgbF(1, 1 - 0.75 * strength, 1 - 0.8 * strength);
            const QRectF rect(left + column * cell, top + row * cell, cell, cell);
            painter.fillRect(rect, colour);
            painter.setPen(QColor(210, 210, 210));
            painter.drawRect(rect);
            painter.setPen(strength > 0.7 ? Qt::white : Qt::black);
            painter.drawText(rect, Qt::AlignCenter, QString::number(count));
        }
        painter.setPen(Qt::black);
        painter.drawText(QRectF(left - 30, top + row * cell, 24, cell), Qt::AlignCenter,
                         QString::number(row));
        painter.drawText(QRectF(left + row * cell, top + n * cell + 4, cell, 20), Qt::AlignCenter,
                         QString::number(row));
    }
    painter.drawText(QRectF(left, top + n * cell + 26, n * cell, 20), Qt::AlignCenter,
                     QStringLiteral("predicted digit"));
    painter.save();
    painter.translate(22, top + n * cell / 2);
    painter.rotate(-90);
    painter.drawText(QRectF(-100, -10, 200, 20), Qt::AlignCenter, QStringLiteral("true digit"));
    painter.restore();
    return image;
}

QImage groupMetricChart(const std::vector<GroupMetrics> &groups, Metric metric,
                        const QString &title) {
    Canvas canvas(title);
    double top = 0;
    for (const GroupMetrics &group : groups)
        top = std::max(top, group[metric].high.value_or(group[metric].value.value_or(0)));
    top = top > 0.5 ? 1.0 : std::max(0.01, top * 1.2);
    canvas.axis(top, 5, QStringLiteral("%1%"));
    const double slot = canvas.plot.width() / std::max<std::size_t>(1, groups.size());
    for (std::size_t i = 0; i < groups.size(); ++i) {
        const Estimate &estimate = groups[i][metric];
        const double centre = canvas.plot.left() + slot * (double(i) + 0.5);
        canvas.label(groups[i].name, centre, slot);
        if (!estimate.value) {
            canvas.painter.drawText(QRectF(centre - slot / 2, canvas.plot.bottom() - 20, slot, 18),
                                    Qt::AlignCenter, QStringLiteral("n/a"));
            continue;
        }
        canvas.painter.fillRect(QRectF(centre - slot * 0.35, canvas.y(*estimate.value, top),
                                       slot * 0.7,
                                       canvas.plot.bottom() - canvas.y(*estimate.value, top)),
                                kBar);
        if (estimate.low && estimate.high) {
            canvas.painter.setPen(QPen(Qt::black, 1.5));
            canvas.painter.drawLine(QPointF(centre, canvas.y(*estimate.low, top)),
                                    QPointF(centre, canvas.y(*estimate.high, top)));
            for (double end : {*estimate.low, *estimate.high})
                canvas.painter.drawLine(QPointF(centre - 5, canvas.y(end, top)),
                                        QPointF(centre + 5, canvas.y(end, top)));
        }
    }
    canvas.painter.end();
    return canvas.image;
}

QImage reliabilityChart(const std::vector<ReliabilityBin> &bins) {
    Canvas canvas(QStringLiteral("Reliability: accuracy against confidence"));
    canvas.axis(1.0, 5, QStringLiteral("%1%"));
    const double slot = canvas.plot.width() / std::max<std::size_t>(1, bins.size());
    canvas.painter.setPen(QPen(QColor(150, 150, 150), 1.5, Qt::DashLine));
    canvas.painter.drawLine(canvas.plot.bottomLeft(),
                            canvas.plot.topRight()); // perfect calibration
    for (std::size_t i = 0; i < bins.size(); ++i) {
        const ReliabilityBin &bin = bins[i];
        const double left = canvas.plot.left() + slot * double(i);
        canvas.label(
            QStringLiteral("%1-%2%").arg(bin.low * 100, 0, 'f', 0).arg(bin.high * 100, 0, 'f', 0),
            left + slot / 2, slot);
        if (bin.count == 0)
            continue;
        canvas.painter.fillRect(QRectF(left + 4, canvas.y(bin.accuracy, 1.0), slot - 8,
                                       canvas.plot.bottom() - canvas.y(bin.accuracy, 1.0)),
                                kBar);
        canvas.painter.setPen(Qt::black);
        canvas.painter.drawText(QRectF(left, canvas.y(bin.accuracy, 1.0) - 18, slot, 16),
                                Qt::AlignCenter, QStringLiteral("n=%1").arg(bin.count));
    }
    canvas.painter.setPen(Qt::black);
    canvas.painter.drawText(
        QRectF(0, kHeight - 28, kWidth, 20), Qt::AlignCenter,
        QStringLiteral(
            "confidence of the prediction (bars: accuracy; dashed: perfect calibration)"));
    canvas.painter.end();
    return canvas.image;
}

QImage countChart(const std::vector<QString> &labels, const std::vector<int> &counts,
                  const QString &title) {
    Canvas canvas(title);
    const int largest =
        counts.empty() ? 1 : std::max(1, *std::max_element(counts.begin(), counts.end()));
    canvas.axis(largest * 1.1, 5, QStringLiteral("%1"));
    const double slot = canvas.plot.width() / std::max<std::size_t>(1, counts.size());
    for (std::size_t i = 0; i < counts.size(); ++i) {
        const double centre = canvas.plot.left() + slot * (double(i) + 0.5);
        canvas.label(labels[i], centre, slot);
        canvas.painter.fillRect(QRectF(centre - slot * 0.35, canvas.y(counts[i], largest * 1.1),
                                       slot * 0.7,
                                       canvas.plot.bottom() - canvas.y(counts[i], largest * 1.1)),
                                kBar);
    }
    canvas.painter.end();
    return canvas.image;
}

} // namespace digitpad

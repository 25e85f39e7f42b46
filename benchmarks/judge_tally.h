#pragma once

// Counting and printing for bench_judge: how a picture was read, shares of right readings, and
// the figures to quote.

#include "classifier.h"

#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>
#include <algorithm>
#include <cstdio>
#include <map>
#include <optional>
#include <vector>

// A picture as the Draw tab reads it (readPicture): `number` is what it shows ("7", "?", "1?",
// "11"), empty when the picture holds no ink the reader can see.
struct Reading {
    QString number;
    bool wholeIsDigit = false; // the picture read as one digit

    // Rejected: the reader says some of it is no digit ("?"), or finds no ink. A reading made only
    // of digits ("7", "11") is a digit answer, even when the whole picture read as one digit is
    // rejected: the Draw tab then shows that number.
    bool rejected() const { return number.isEmpty() || number.contains(QLatin1Char('?')); }
    // Read right as one digit: exactly that digit, and the whole picture a digit.
    bool is(int digit) const { return number == QString::number(digit) && wholeIsDigit; }
    QString shown() const { return number.isEmpty() ? QStringLiteral("(no ink)") : number; }
};
Reading readAsDrawn(const digitpad::Classifier &model, const QImage &picture);

// Hits out of a count, and what the misses read as.
struct Tally {
    int count = 0, hits = 0;
    std::map<QString, int> misses;

    void add(bool hit, const QString &readAs = {}) {
        ++count;
        hits += hit;
        if (!hit)
            ++misses[readAs];
    }
    double percent() const { return count ? 100.0 * hits / count : 0.0; }
    // "7 x12, 1 x3": the commonest wrong readings.
    QString commonMisses(std::size_t most = 3) const {
        std::vector<std::pair<int, QString>> sorted;
        sorted.reserve(misses.size());
        for (const auto &[readAs, times] : misses)
            sorted.emplace_back(-times, readAs);
        std::sort(sorted.begin(), sorted.end());
        QStringList parts;
        for (std::size_t i = 0; i < std::min(most, sorted.size()); ++i)
            parts << QStringLiteral("%1 x%2").arg(sorted[i].second).arg(-sorted[i].first);
        return parts.join(QStringLiteral(", "));
    }
};

// One row per key, the lowest shares first when `worstFirst`, at most `rows` of them.
inline void printTallies(const char *title, const std::map<QString, Tally> &tallies,
                         bool worstFirst = false, std::size_t rows = 1000) {
    std::vector<std::pair<QString, Tally>> sorted(tallies.begin(), tallies.end());
    if (worstFirst)
        std::stable_sort(sorted.begin(), sorted.end(), [](const auto &a, const auto &b) {
            return a.second.percent() < b.second.percent();
        });
    std::printf("  %-26s %6s %8s  %s\n", title, "n", "right", "read as (misses)");
    for (std::size_t i = 0; i < std::min(rows, sorted.size()); ++i)
        std::printf("  %-26s %6d %7.2f%%  %s\n", qPrintable(sorted[i].first),
                    sorted[i].second.count, sorted[i].second.percent(),
                    qPrintable(sorted[i].second.commonMisses()));
}

// One line of the summary (and of --json).
struct Figure {
    QString set, what;
    int count = 0;
    double percent = 0;
    double target = 0;
    bool atMost = false; // the target is a ceiling (a share of mistakes)
    QJsonObject details;
    bool met() const { return atMost ? percent <= target : percent >= target; }
};

// The summary table; with `json` also one JSON line per figure, holding the fields of `json` (what
// the figures were measured with).
inline void printSummary(const std::vector<Figure> &figures,
                         const std::optional<QJsonObject> &json) {
    std::printf("\n== summary\n");
    std::printf("  %-8s %-40s %7s %9s %9s\n", "set", "figure", "n", "measured", "target");
    for (const Figure &figure : figures)
        std::printf("  %-8s %-40s %7d %8.2f%% %s%6.1f%% %s\n", qPrintable(figure.set),
                    qPrintable(figure.what), figure.count, figure.percent,
                    figure.atMost ? "<=" : ">=", figure.target, figure.met() ? "met" : "NOT MET");
    if (!json)
        return;
    for (const Figure &figure : figures) {
        QJsonObject line = figure.details;
        for (auto field = json->begin(); field != json->end(); ++field)
            line.insert(field.key(), field.value());
        line.insert("set", figure.set);
        line.insert("figure", figure.what.trimmed());
        line.insert("n", figure.count);
        line.insert("percent", figure.percent);
        line.insert("target", figure.target);
        line.insert("target_is_ceiling", figure.atMost);
        line.insert("met", figure.met());
        std::printf("%s\n", QJsonDocument(line).toJson(QJsonDocument::Compact).constData());
    }
}

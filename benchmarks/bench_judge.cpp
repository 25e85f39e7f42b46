// The judging twins: sets made by processes unlike the ones DigitPad was tuned on, read only to
// judge, as the official test set is. Every picture is read as the Draw tab reads it
// (readPicture); a digit it rejects is a wrong reading. The figure each set prints is the one to
// quote; what each set is made of is in judge_sets.h.
//   bench_judge [--model FILE] [--seed N] [--count N] [--only SET] [--json] [--examples DIR]
// SET: letters, hands, pen, damage, doodles, numbers. --count: samples per set (per kind of damage
// for `damage`; every held-out doodle at most).
#include "bench_stats.h"
#include "checkpoint.h"
#include "error.h"
#include "judge_sets.h"
#include "judge_tally.h"
#include "mnist.h"
#include "model_paths.h"
#include "number_reading.h"
#include "quickdraw.h"

#include <QCommandLineParser>
#include <QFile>
#include <QGuiApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>
#include <cstdio>
#include <numeric>
#include <optional>

Reading readAsDrawn(const digitpad::Classifier &model, const QImage &picture) {
    try {
        const digitpad::PictureReading reading = digitpad::readPicture(model, picture);
        return {reading.number.number(), reading.whole.isDigit()};
    } catch (const digitpad::Error &) { // no ink the reader can see
        return {};
    }
}

namespace {
struct Options {
    QString modelPath;
    quint32 seed = 1;
    int count = 1000;
    QString only; // one set, or every set when empty
    bool json = false;
};

void heading(const char *title) {
    std::printf("\n== %s\n", title);
}

// `count` indices of a set of `size`, without repeats while there are enough.
std::vector<int> sampleIndices(int size, int count, QRandomGenerator &random) {
    std::vector<int> indices(static_cast<std::size_t>(size));
    std::iota(indices.begin(), indices.end(), 0);
    std::shuffle(indices.begin(), indices.end(), random);
    std::vector<int> chosen;
    chosen.reserve(std::size_t(count));
    for (int i = 0; i < count; ++i)
        chosen.push_back(indices[std::size_t(i % size)]);
    return chosen;
}

QList<JudgeFont> installedFonts() {
    QList<JudgeFont> fonts;
    for (const JudgeFont &font : judgeFonts()) {
        if (QFile::exists(font.file))
            fonts.append(font);
        else
            std::printf("  missing %s (Debian package %s): left out\n", qPrintable(font.file),
                        qPrintable(font.package));
    }
    if (fonts.isEmpty())
        throw digitpad::Error(QStringLiteral("no font of judge_sets.cpp is installed"));
    return fonts;
}

struct GlyphSample {
    QString font;
    QChar glyph;
    GlyphDrawing drawing = GlyphDrawing::Filled;
    QImage picture;
};

// Sample `i` of a round-robin over the fonts: its character picked at random, or with
// `fixedGlyph` the next of `glyphs` each round. Half the fonts are drawn filled and half outlined,
// swapping every round (with `fixedGlyph`, every time the glyphs come round again), so that any
// count is balanced.
GlyphSample drawSample(int i, const QList<JudgeFont> &fonts, const QString &glyphs,
                       QRandomGenerator &random, bool fixedGlyph = false) {
    const int fontIndex = i % int(fonts.size()), round = i / int(fonts.size());
    const JudgeFont &font = fonts[fontIndex];
    const int swapEvery = fixedGlyph ? int(glyphs.size()) : 1;
    const bool outlined = (fontIndex + round / swapEvery) % 2 == 1;
    GlyphSample sample{
        font.name, QChar(), outlined ? GlyphDrawing::Outlined : GlyphDrawing::Filled, {}};
    for (int attempt = 0; attempt < 20; ++attempt) { // a font may lack a symbol
        sample.glyph =
            fixedGlyph ? glyphs[round % glyphs.size()] : glyphs[int(random.bounded(glyphs.size()))];
        const QPainterPath outline = glyphOutline(font.file, sample.glyph);
        if (!outline.isEmpty()) {
            sample.picture = drawGlyph(outline, sample.drawing, random);
            return sample;
        }
    }
    return sample;
}
const char *drawingName(GlyphDrawing drawing) {
    return drawing == GlyphDrawing::Filled ? "filled" : "outlined";
}

Figure judgeLetters(const digitpad::Classifier &model, const Options &options) {
    heading("1. letters and symbols (right = rejected)");
    QRandomGenerator random(options.seed * 7919u + 1);
    const QList<JudgeFont> fonts = installedFonts();
    const QString glyphs = judgedLetters() + judgedSymbols();
    std::printf("  letters %s\n  symbols %s\n  left out as digit look-alikes: %s\n",
                qPrintable(judgedLetters()), qPrintable(judgedSymbols()),
                qPrintable(lookAlikeLetters()));
    std::map<QString, Tally> perFont, perGlyph, perDrawing;
    Tally all;
    int wholeRejected = 0;
    for (int i = 0; i < options.count; ++i) {
        const GlyphSample sample = drawSample(i, fonts, glyphs, random);
        if (sample.picture.isNull())
            continue;
        const Reading reading = readAsDrawn(model, sample.picture);
        const bool right = reading.rejected();
        wholeRejected += !reading.wholeIsDigit;
        all.add(right, reading.shown());
        perFont[sample.font].add(right, reading.shown());
        perGlyph[QString(sample.glyph)].add(right, reading.shown());
        perDrawing[drawingName(sample.drawing)].add(right, reading.shown());
    }
    printTallies("font", perFont, true);
    printTallies("drawn", perDrawing);
    printTallies("worst glyphs", perGlyph, true, 20);
    std::printf("  rejected %.2f%% of %d (the whole picture read as one digit: %.2f%%)\n",
                all.percent(), all.count, 100.0 * wholeRejected / std::max(1, all.count));
    return {"letters", "letters and symbols rejected", all.count, all.percent(), 97, false, {}};
}

std::vector<Figure> judgeHands(const digitpad::Classifier &model, const Options &options) {
    heading("2. digits in other hands (right = read as exactly that digit)");
    QRandomGenerator random(options.seed * 7919u + 2);
    const QList<JudgeFont> fonts = installedFonts();
    std::map<QString, Tally> perFont, perDigit, perDrawing;
    Tally all;
    for (int i = 0; i < options.count; ++i) {
        const GlyphSample sample =
            drawSample(i, fonts, QStringLiteral("0123456789"), random, /*fixedGlyph=*/true);
        if (sample.picture.isNull())
            continue;
        const Reading reading = readAsDrawn(model, sample.picture);
        const bool right = reading.is(sample.glyph.digitValue());
        const QString shown = QStringLiteral("%1 read %2").arg(sample.glyph).arg(reading.shown());
        all.add(right, shown);
        perFont[sample.font].add(right, shown);
        perDigit[QString(sample.glyph)].add(right, reading.shown());
        perDrawing[drawingName(sample.drawing)].add(right, shown);
    }
    printTallies("font", perFont, true);
    printTallies("digit", perDigit);
    printTallies("drawn", perDrawing);
    const auto worst = std::min_element(perFont.begin(), perFont.end(), [](auto &a, auto &b) {
        return a.second.percent() < b.second.percent();
    });
    std::printf("  read right %.2f%% of %d; worst hand %s %.2f%%\n", all.percent(), all.count,
                qPrintable(worst->first), worst->second.percent());
    const auto row = [](const QString &what, const Tally &tally, double target) {
        return Figure{"hands", what, tally.count, tally.percent(), target, false, {}};
    };
    std::vector<Figure> figures = {row("digits in other hands read right", all, 99),
                                   row("  worst hand (" + worst->first + ")", worst->second, 95),
                                   row("  drawn filled", perDrawing["filled"], 99),
                                   row("  drawn outlined", perDrawing["outlined"], 99)};
    figures.front().details = QJsonObject{{"worst_hand", worst->first}};
    return figures;
}

std::vector<Figure> judgePen(const digitpad::Classifier &model, const digitpad::Dataset &test,
                             const Options &options) {
    heading("3. official test digits redrawn as pen strokes on other canvases");
    QRandomGenerator random(options.seed * 7919u + 3);
    std::map<QString, Tally> perDigit;
    Tally all;
    int rejected = 0;
    for (const int index : sampleIndices(test.size(), options.count, random)) {
        const int digit = test.labels[std::size_t(index)];
        const Reading reading = readAsDrawn(model, redrawOnCanvas(test.image(index), random));
        rejected += reading.rejected();
        all.add(reading.is(digit), reading.shown());
        perDigit[QString::number(digit)].add(reading.is(digit), reading.shown());
    }
    printTallies("digit", perDigit);
    const double rejectedPercent = 100.0 * rejected / std::max(1, all.count);
    std::printf("  read right %.2f%% of %d; rejected %.2f%%\n", all.percent(), all.count,
                rejectedPercent);
    return {{"pen", "pen-drawn digits wrongly rejected", all.count, rejectedPercent, 0.5, true, {}},
            {"pen", "pen-stroke canvases read right", all.count, all.percent(), 99, false, {}}};
}

std::vector<Figure> judgeDamage(const digitpad::Classifier &model, const digitpad::Dataset &test,
                                const Options &options) {
    heading("4. damage at the network's input (right = right digit and a digit)");
    QRandomGenerator random(options.seed * 7919u + 4);
    std::printf("  %-18s %6s %14s %10s %14s %10s %14s\n", "damage", "n", "network alone",
                "rejected", "as a picture", "rejected", "as 28x28 file");
    double aloneSum = 0, pictureSum = 0, fileSum = 0;
    QJsonObject perKind;
    for (const Damage damage : allDamage()) {
        std::vector<std::uint8_t> pixels;
        std::vector<int> labels;
        for (const int index : sampleIndices(test.size(), options.count, random)) {
            const std::vector<std::uint8_t> bytes = damaged(test.image(index), damage, random);
            pixels.insert(pixels.end(), bytes.begin(), bytes.end());
            labels.push_back(test.labels[std::size_t(index)]);
        }
        const auto predictions = model.predictImages(pixels.data(), int(labels.size()));
        Tally alone, picture, aloneRejected, pictureRejected, file;
        for (std::size_t i = 0; i < labels.size(); ++i) {
            alone.add(predictions[i].digit == labels[i] && predictions[i].isDigit());
            aloneRejected.add(!predictions[i].isDigit());
            const Reading reading = readAsDrawn(model, asPicture(pixels.data() + i * 784));
            picture.add(reading.is(labels[i]));
            pictureRejected.add(reading.rejected());
            file.add(readAsDrawn(model, asFile(pixels.data() + i * 784)).is(labels[i]));
        }
        std::printf("  %-18s %6d %13.2f%% %9.2f%% %13.2f%% %9.2f%% %13.2f%%\n",
                    qPrintable(damageName(damage)), alone.count, alone.percent(),
                    aloneRejected.percent(), picture.percent(), pictureRejected.percent(),
                    file.percent());
        aloneSum += alone.percent();
        pictureSum += picture.percent();
        fileSum += file.percent();
        perKind.insert(damageName(damage), QJsonObject{{"network_alone", alone.percent()},
                                                       {"as_picture", picture.percent()},
                                                       {"as_file", file.percent()}});
    }
    const double kinds = double(allDamage().size());
    std::printf("  mean: network alone %.2f%%, as a picture %.2f%%, as a 28x28 file %.2f%%\n",
                aloneSum / kinds, pictureSum / kinds, fileSum / kinds);
    const int count = options.count * int(kinds);
    return {{"damage", "damage, network alone (mean)", count, aloneSum / kinds, 95, false, perKind},
            {"damage", "damage, as a picture (mean)", count, pictureSum / kinds, 95, false, {}},
            {"damage", "damage, as a 28x28 file (mean)", count, fileSum / kinds, 95, false, {}}};
}

std::optional<Figure> judgeDoodles(const digitpad::Classifier &model, const Options &options) {
    heading("5. doodles of kinds never trained on (right = rejected)");
    const QString path = digitpad::bundledDoodlesPath();
    if (!QFile::exists(path)) {
        std::printf("  skipped: %s is missing (scripts/setup.sh fetches it)\n", qPrintable(path));
        return std::nullopt;
    }
    const digitpad::DoodleSet doodles =
        digitpad::doodlesOfKinds(digitpad::loadDoodles(path), /*heldOut=*/true);
    QRandomGenerator random(options.seed * 7919u + 5);
    std::map<QString, Tally> perKind;
    Tally all;
    for (const int index :
         sampleIndices(doodles.size(), std::min(options.count, doodles.size()), random)) {
        const Reading reading = readAsDrawn(model, asPicture(doodles.image(index)));
        all.add(reading.rejected(), reading.shown());
        perKind[doodles.categories[doodles.category[std::size_t(index)]]].add(reading.rejected(),
                                                                              reading.shown());
    }
    printTallies("worst kinds", perKind, true, 20);
    std::printf("  rejected %.2f%% of %d doodles of %d held-out kinds\n", all.percent(), all.count,
                int(perKind.size()));
    return Figure{
        "doodles", "doodles of unseen kinds rejected", all.count, all.percent(), 99, false, {}};
}

Figure judgeNumbers(const digitpad::Classifier &model, const digitpad::Dataset &test,
                    const Options &options) {
    heading("6. numbers of 2-5 test digits, written on a wavering baseline (right = exactly)");
    QRandomGenerator random(options.seed * 7919u + 6);
    std::map<QString, Tally> perLength;
    Tally all;
    int shown = 0;
    for (int n = 0; n < options.count; ++n) {
        const int length = 2 + int(random.bounded(4));
        std::vector<const std::uint8_t *> digits;
        QString truth;
        for (int k = 0; k < length; ++k) {
            const int index = int(random.bounded(test.size()));
            digits.push_back(test.image(index));
            truth += QString::number(test.labels[std::size_t(index)]);
        }
        const Reading reading = readAsDrawn(model, writeNumber(digits, random));
        const bool right = reading.number == truth;
        if (!right && shown++ < 10)
            std::printf("  %s read as %s\n", qPrintable(truth), qPrintable(reading.shown()));
        all.add(right, reading.shown());
        perLength[QStringLiteral("%1 digits").arg(length)].add(right, reading.shown());
    }
    printTallies("length", perLength);
    std::printf("  read exactly %.2f%% of %d\n", all.percent(), all.count);
    return {"numbers", "numbers of 2-5 digits read exactly", all.count, all.percent(), 97, false,
            {}};
}
const QStringList &setNames() {
    static const QStringList names = {"letters", "hands", "pen", "damage", "doodles", "numbers"};
    return names;
}

std::vector<Figure> judgeSets(const digitpad::Classifier &model, const Options &options) {
    const auto wanted = [&](const char *set) {
        return options.only.isEmpty() || options.only == set;
    };
    const digitpad::Dataset test = digitpad::loadMnistTest();
    std::vector<Figure> figures;
    const auto append = [&](const std::vector<Figure> &more) {
        figures.insert(figures.end(), more.begin(), more.end());
    };
    if (wanted("letters"))
        figures.push_back(judgeLetters(model, options));
    if (wanted("hands"))
        append(judgeHands(model, options));
    if (wanted("pen"))
        append(judgePen(model, test, options));
    if (wanted("damage"))
        append(judgeDamage(model, test, options));
    if (wanted("doodles"))
        if (const auto figure = judgeDoodles(model, options))
            figures.push_back(*figure);
    if (wanted("numbers"))
        figures.push_back(judgeNumbers(model, test, options));
    return figures;
}

} // namespace

int main(int argc, char **argv) {
    return guardedMain([&]() -> int {
        QGuiApplication app(argc, argv); // QRawFont needs the GUI side; offscreen is enough
        QCommandLineParser parser;
        parser.setApplicationDescription("Judging twins: sets DigitPad was never tuned on.");
        parser.addHelpOption();
        const QCommandLineOption model(QStringLiteral("model"),
                                       "The model (default: the default model).", "FILE",
                                       digitpad::defaultModelPath());
        const QCommandLineOption seed(QStringLiteral("seed"), "Seed of every set.", "N", "1");
        const QCommandLineOption count(QStringLiteral("count"), "Samples per set.", "N", "1000");
        const QCommandLineOption only(QStringLiteral("only"),
                                      "One set: " + setNames().join(QStringLiteral(", ")), "SET");
        const QCommandLineOption json(QStringLiteral("json"), "Also one JSON line per figure.");
        const QCommandLineOption examples(
            QStringLiteral("examples"), "Write a few pictures of each set to DIR and stop.", "DIR");
        parser.addOptions({model, seed, count, only, json, examples});
        parser.process(app);
        const Options options{parser.value(model), parser.value(seed).toUInt(),
                              std::max(1, parser.value(count).toInt()), parser.value(only),
                              parser.isSet(json)};
        if (!options.only.isEmpty() && !setNames().contains(options.only))
            throw digitpad::Error(QStringLiteral("--only %1: not one of %2")
                                      .arg(options.only, setNames().join(QStringLiteral(", "))));
        if (parser.isSet(examples)) {
            writeExamples(parser.value(examples), digitpad::loadMnistTest(), options.seed);
            return 0;
        }
        const digitpad::Classifier classifier = digitpad::loadModel(options.modelPath);
        std::printf("%s\nseed %u, count %d\n", qPrintable(options.modelPath), options.seed,
                    options.count);
        std::optional<QJsonObject> measuredWith;
        if (options.json)
            measuredWith = QJsonObject{{"seed", qint64(options.seed)},
                                       {"count", options.count},
                                       {"model", options.modelPath}};
        printSummary(judgeSets(classifier, options), measuredWith);
        return 0;
    });
}

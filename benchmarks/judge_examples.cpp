// A look at the sets: a few pictures of each, as bench_judge makes them, without a model.
#include "dataset.h"
#include "judge_sets.h"

#include <QDir>

void writeExamples(const QString &folder, const digitpad::Dataset &test, quint32 seed) {
    QDir().mkpath(folder);
    QRandomGenerator random(seed);
    const auto save = [&](const QString &name, const QImage &picture) {
        picture.save(QDir(folder).filePath(name + QStringLiteral(".png")));
    };
    const QString glyphs = judgedLetters() + judgedSymbols() + QStringLiteral("0123456789");
    for (int i = 0; i < 24; ++i) {
        const JudgeFont &font = judgeFonts()[i % judgeFonts().size()];
        const QChar glyph = glyphs[int(random.bounded(glyphs.size()))];
        const QPainterPath outline = glyphOutline(font.file, glyph);
        if (!outline.isEmpty())
            save(QStringLiteral("glyph-%1-%2").arg(i).arg(glyph.unicode()),
                 drawGlyph(outline, i % 2 ? GlyphDrawing::Outlined : GlyphDrawing::Filled, random));
    }
    for (int i = 0; i < 12; ++i) {
        const int index = int(random.bounded(test.size()));
        save(QStringLiteral("pen-%1-digit%2").arg(i).arg(test.labels[std::size_t(index)]),
             redrawOnCanvas(test.image(index), random));
    }
    for (const Damage damage : allDamage())
        for (int i = 0; i < 2; ++i) {
            const std::vector<std::uint8_t> bytes =
                damaged(test.image(int(random.bounded(test.size()))), damage, random);
            save(QStringLiteral("damage-%1-%2").arg(damageName(damage)).arg(i),
                 asPicture(bytes.data()));
        }
    for (int i = 0; i < 12; ++i) {
        std::vector<const std::uint8_t *> digits;
        QString truth;
        for (int k = 0, length = 2 + int(random.bounded(4)); k < length; ++k) {
            const int index = int(random.bounded(test.size()));
            digits.push_back(test.image(index));
            truth += QString::number(test.labels[std::size_t(index)]);
        }
        save(QStringLiteral("number-%1-%2").arg(i).arg(truth), writeNumber(digits, random));
    }
}

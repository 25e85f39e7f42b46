// The real doodles DigitPad learns "not a digit" from: the file setup writes is read back whole,
// a drawing reserved for judging (numbered below 50) is refused, and a damaged file is an error
// naming the file and the line, never a crash.
#include "error.h"
#include "gzip.h"
#include "quickdraw.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QSet>
#include <QTemporaryDir>
#include <QtTest>

using namespace digitpad;

namespace {
QByteArray doodleLine(const QString &category, int drawing, const QString &firstValue = "0.5") {
    QStringList values{firstValue};
    for (int i = 1; i < kImagePixels; ++i)
        values.append(i % 3 ? QStringLiteral("0") : QStringLiteral("1"));
    return QStringLiteral("{\"category\":\"%1\",\"drawing\":%2,\"ink\":[%3]}\n")
        .arg(category)
        .arg(drawing)
        .arg(values.join(','))
        .toUtf8();
}

template <typename Read> QString errorOf(Read read) {
    try {
        read();
    } catch (const Error &error) {
        return error.message();
    }
    return QString();
}
} // namespace

class QuickDrawTest : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

    QString written(const QString &name, const QByteArray &text, bool compress = true) {
        QString path = m_dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            return QString();
        file.write(compress ? gzip(text) : text);
        return path;
    }

  private Q_SLOTS:
    void doodlesAreReadWithTheirCategoriesAndInk() {
        const QString path =
            written("three.ndjson.gz", doodleLine("cat", 50) + doodleLine("apple", 99, "0.686") +
                                           doodleLine("cat", 73, "1"));
        const DoodleSet doodles = loadDoodles(path);
        QCOMPARE(doodles.size(), 3);
        QCOMPARE(doodles.categories, (QStringList{"apple", "cat"}));
        QCOMPARE(doodles.category, (std::vector<int>{0, 1, 1}));
        QCOMPARE(int(doodles.image(0)[0]), 175); // 0.686 * 255
        QCOMPARE(int(doodles.image(1)[0]), 128); // 0.5
        QCOMPARE(int(doodles.image(2)[0]), 255);
        QCOMPARE(int(doodles.image(2)[1]), 0);
        QCOMPARE(int(doodles.image(2)[3]), 255);
    }

    void aDrawingReservedForJudgingIsRefused() {
        const QString path =
            written("reserved.ndjson.gz", doodleLine("cat", 50) + doodleLine("dog", 49));
        const QString error = errorOf([&] { loadDoodles(path); });
        QVERIFY2(error.contains("line 2") && error.contains("reserved") && error.contains(path),
                 qPrintable(error));
    }

    void damagedFilesAreErrorsNamingWhatIsWrong_data() {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<bool>("compress");
        QTest::addColumn<QString>("expected");
        QByteArray shortLine = doodleLine("cat", 60);
        shortLine.replace(",0,1]}", "]}");
        QTest::newRow("value above 1") << doodleLine("cat", 60, "1.5") << true << "ink value 0";
        QTest::newRow("not a number") << doodleLine("cat", 60, "nan") << true << "ink value 0";
        QTest::newRow("too few values") << shortLine << true << "ink values";
        QTest::newRow("not an object") << QByteArray("[1,2,3]\n") << true << "category";
        QTest::newRow("not gzip") << doodleLine("cat", 60) << false << "not a gzip file";
        QTest::newRow("empty") << QByteArray() << true << "holds no doodles";
        QByteArray truncated = gzip(doodleLine("cat", 60));
        truncated.chop(20);
        QTest::newRow("truncated") << truncated << false << "truncated";
    }
    void damagedFilesAreErrorsNamingWhatIsWrong() {
        QFETCH(QByteArray, text);
        QFETCH(bool, compress);
        QFETCH(QString, expected);
        const QString path = written(QTest::currentDataTag() + QString(".gz"), text, compress);
        const QString error = errorOf([&] { loadDoodles(path); });
        QVERIFY2(error.contains(expected) && error.contains(path), qPrintable(error));
    }

    void aMissingFileIsAnError() {
        const QString error = errorOf([&] { loadDoodles(m_dir.filePath("none.gz")); });
        QVERIFY2(error.contains("none.gz") && error.contains("setup"), qPrintable(error));
    }

    // Setup keeps drawings 50-99 of every category, and only those: the reader refuses any
    // below 50, so reading the file whole is the check that none is there.
    void theBundledDoodlesHoldFiftyDrawingsOfEveryCategory() {
        const DoodleSet doodles = loadDoodles(bundledDoodlesPath());
        QCOMPARE(doodles.categories.size(), 345);
        std::vector<int> perCategory(std::size_t(doodles.categories.size()));
        for (int category : doodles.category)
            ++perCategory[std::size_t(category)];
        QVERIFY(std::all_of(perCategory.begin(), perCategory.end(),
                            [](int count) { return count == 50; }));
    }

    void heldOutAndDigitLikeKindsAreKeptApart() {
        const DoodleSet doodles = loadDoodles(bundledDoodlesPath());
        const DoodleSet trained = doodlesOfKinds(doodles, false);
        const DoodleSet heldOut = doodlesOfKinds(doodles, true);
        QSet<QString> trainedKinds, heldOutKinds;
        for (int category : trained.category)
            trainedKinds.insert(trained.categories[category]);
        for (int category : heldOut.category)
            heldOutKinds.insert(heldOut.categories[category]);
        QVERIFY(!trainedKinds.intersects(heldOutKinds));
        QVERIFY(!trainedKinds.contains("circle") && !heldOutKinds.contains("circle"));
        QVERIFY(!trainedKinds.contains("line") && !heldOutKinds.contains("line"));
        // About one kind in seven is held out.
        QVERIFY2(heldOutKinds.size() >= 30 && heldOutKinds.size() <= 70,
                 qPrintable(QString::number(heldOutKinds.size())));
        QCOMPARE(trainedKinds.size() + heldOutKinds.size(), 343);
    }
};

int main(int argc, char **argv) {
    // The bundled doodles are found beside the program.
    QCoreApplication app(argc, argv);
    QuickDrawTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "test_quickdraw.moc"

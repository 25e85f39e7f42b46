#include "checkpoint.h"
#include "dataset.h"
#include "idx_file.h"
#include "mnist.h"
#include "personal_samples.h"
#include "preprocess.h"
#include "progressive_jpeg.h"
#include "trainer.h"
#include "training_config.h"

#include <QBuffer>
#include <QImageWriter>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPainter>
#include <QProcess>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtTest>
#include <algorithm>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace digitpad;

namespace {
struct Run {
    int exitCode = -1;
    QByteArray out;
    QString err;
};

Run runCli(const QStringList &arguments,
           const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment()) {
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(DIGITPAD_CLI_PATH), arguments);
    process.waitForFinished(300000);
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            process.readAllStandardOutput(), QString::fromUtf8(process.readAllStandardError())};
}

QJsonObject parseLine(const QByteArray &line) {
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(line, &error);
    return document.object();
}
} // namespace

class CliTest : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_model;

    // Starts `digitpad-cli serve` on a free port; returns the port, 0 when it did not start.
    quint16 startServing(QProcess &server, const QStringList &options = {}) const {
        server.setReadChannel(QProcess::StandardError); // progress and notices go there
        server.start(QStringLiteral(DIGITPAD_CLI_PATH),
                     QStringList{"serve", "--model", m_model, "--port", "0"} + options);
        if (!server.waitForStarted())
            return 0;
        QByteArray said;
        while (!said.contains("serving") && server.waitForReadyRead(20000))
            said += server.readAllStandardError();
        const QRegularExpressionMatch port =
            QRegularExpression(QStringLiteral(":(\\d+)/")).match(QString::fromUtf8(said));
        return port.hasMatch() ? quint16(port.captured(1).toUInt()) : 0;
    }
    Dataset m_digits;

    // The first `count` test digits as an IDX pair named after `name` (images gzipped or raw);
    // returns the two paths.
    std::pair<QString, QString> writeTestDigits(const QString &name, int count, bool gzipped) {
        const IdxImages images{count, 28, 28,
                               std::vector<std::uint8_t>(m_digits.image(0), m_digits.image(count))};
        const IdxLabels labels{
            std::vector<std::uint8_t>(m_digits.labels.begin(), m_digits.labels.begin() + count)};
        const QString imagesPath = m_dir.filePath(name + QStringLiteral("-images-idx3-ubyte") +
                                                  (gzipped ? QStringLiteral(".gz") : QString()));
        const QString labelsPath = m_dir.filePath(name + QStringLiteral("-labels-idx1-ubyte"));
        writeIdxImages(imagesPath, images);
        writeIdxLabels(labelsPath, labels);
        return {imagesPath, labelsPath};
    }

    QString digitPng(int index) {
        QImage image(kImageSide, kImageSide, QImage::Format_Grayscale8);
        for (int y = 0; y < kImageSide; ++y)
            std::memcpy(image.scanLine(y), m_digits.image(index) + std::ptrdiff_t(y) * kImageSide,
                        kImageSide);
        image = image.scaled(140, 140, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
        image.invertPixels(); // dark ink on white paper, as a scan would be
        QString path = m_dir.filePath(QString("digit-%1.png").arg(index));
        image.save(path);
        return path;
    }

    // A stderr that is one line naming `what`, and a failing exit code.
    static void expectOneLineError(const Run &run, const QString &what) {
        QVERIFY2(run.exitCode != 0, qPrintable(run.err));
        QVERIFY2(run.err.contains(what), qPrintable(run.err));
        QCOMPARE(run.err.trimmed().count('\n'), 0);
        QVERIFY(run.out.isEmpty());
    }

  private Q_SLOTS:
    void initTestCase() {
        m_digits = loadMnistTest();
        m_model = m_dir.filePath("quick.dpmodel");
        const Run run = runCli({"train", "--arch", "mlp", "--epochs", "2", "--limit", "2000",
                                "--threads", "1", "--out", m_model});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QJsonObject summary = parseLine(run.out);
        QVERIFY(summary["validation_accuracy"].toDouble() > 0.7);
        QVERIFY(summary["train_seconds"].toDouble() > 0);
        QVERIFY(summary["samples_per_second"].toDouble() > 0);
        QCOMPARE(summary["output"].toString(), QFileInfo(m_model).absoluteFilePath());
        QCOMPARE(summary["epochs"].toArray().size(), 2);
        QCOMPARE(summary["kept_epoch"].toInt(), summary["best_epoch"].toInt());
        QVERIFY(run.err.contains("epoch 2/2")); // progress goes to stderr
    }

    void fromAModelFineTunesItOnThePersonalSamples() {
        QTemporaryDir personalFolder;
        PersonalSamples personal(personalFolder.path());
        for (int i = 0; i < 5; ++i) {
            ModelInput input{};
            for (int p = 0; p < kImageSide * kImageSide; ++p)
                input[std::size_t(p)] = m_digits.image(i)[p] / 255.0f;
            personal.add(input, m_digits.labels[std::size_t(i)]);
        }
        const QString tuned = m_dir.filePath("tuned.dpmodel");
        const Run run = runCli({"train", "--from", m_model, "--personal", personalFolder.path(),
                                "--limit", "2000", "--threads", "1", "--out", tuned});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QJsonObject summary = parseLine(run.out);
        QCOMPARE(summary["architecture"].toString(), QStringLiteral("mlp")); // the parent's
        QCOMPARE(summary["parent"].toString(), m_model);
        QCOMPARE(summary["epochs"].toArray().size(), 2); // the fine-tune default
        const QJsonObject effect = summary["fine_tune"].toObject();
        QCOMPARE(effect["personal_samples"].toInt(), 5);
        QVERIFY(effect.contains("personal_accuracy_before"));
        // Validated on the parent's own split, rebuilt: it scores there what it scored then.
        QCOMPARE(effect["validation_accuracy_before"].toDouble(),
                 readModelMetadata(m_model).validationAccuracy);
        QVERIFY(summary["best_epoch"].toInt() >= 1);
        const ModelMetadata saved = readModelMetadata(tuned);
        QCOMPARE(saved.parentModel, QFileInfo(m_model).fileName());
        QCOMPARE(int(saved.epochHistory.size()), 2);
        // Fine-tune defaults: a third of the parent's learning rate.
        const double rate = TrainingConfig::fromJson(saved.trainingConfig).learningRate;
        QCOMPARE(rate, TrainingConfig::forArchitecture("mlp").learningRate / 3);
    }

    // The classic ten-output network: no not-a-digit class, and so no verdict on whether a
    // picture is a digit: it reads as one.
    void digitsOnlyTrainsTheClassicTenOutputNetwork() {
        const QString tenOutputs = m_dir.filePath("ten.dpmodel");
        const Run run = runCli({"train", "--arch", "mlp", "--epochs", "1", "--limit", "2000",
                                "--threads", "1", "--digits-only", "--out", tenOutputs});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY(readModelMetadata(m_model).notDigitClass);
        QVERIFY(!readModelMetadata(tenOutputs).notDigitClass);
        QImage blank(60, 60, QImage::Format_RGB32);
        blank.fill(Qt::white);
        QPainter painter(&blank);
        painter.setPen(QPen(Qt::black, 5));
        painter.drawLine(10, 10, 50, 50);
        painter.drawLine(10, 50, 50, 10);
        painter.end();
        const QString cross = m_dir.filePath("cross.png");
        QVERIFY(blank.save(cross));
        const Run read = runCli({"predict", "--model", tenOutputs, cross});
        QVERIFY2(read.exitCode == 0, qPrintable(read.err));
        const QJsonObject reading = parseLine(read.out);
        QVERIFY(reading["digit"].toInt() >= 0 && reading["digit"].toInt() <= 9);
        QVERIFY(reading["is_digit"].isUndefined() && reading["not_digit_score"].isUndefined());
    }

    // Every other MNIST training digit marked wrong: a run with --exclude-marked trains on the
    // rest of its split, and says how many it left out.
    void excludeMarkedLeavesTheMarkedDigitsOut() {
        const QString fingerprint = digitpad::loadMnistTraining().fingerprint();
        QJsonArray wrong;
        for (int k = 0; k < 60000; k += 2)
            wrong.append(k);
        QTemporaryDir data;
        QVERIFY(QDir().mkpath(data.filePath("digitpad")));
        QFile marks(data.filePath("digitpad/label-marks.json"));
        QVERIFY(marks.open(QIODevice::WriteOnly));
        marks.write(
            QJsonDocument(QJsonObject{{fingerprint, QJsonObject{{"wrong", wrong}}}}).toJson());
        marks.close();
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert("XDG_DATA_HOME", data.path());
        const QStringList run = {"train",   "--arch", "mlp",          "--epochs",      "1",
                                 "--limit", "2000",   "--no-augment", "--digits-only", "--out"};
        const Run plain = runCli(run + QStringList{m_dir.filePath("plain.dpmodel")}, environment);
        const Run excluding =
            runCli(run + QStringList{m_dir.filePath("excluding.dpmodel"), "--exclude-marked"},
                   environment);
        QCOMPARE(plain.exitCode, 0);
        QCOMPARE(excluding.exitCode, 0);
        const QJsonObject before = parseLine(plain.out), after = parseLine(excluding.out);
        const int leftOut = after.value("marked_wrong_left_out").toInt();
        QVERIFY2(leftOut > 600 && leftOut < 1200, qPrintable(QString::number(leftOut)));
        QCOMPARE(after.value("train_samples").toInt() + leftOut,
                 before.value("train_samples").toInt());
        QCOMPARE(after.value("validation_samples").toInt(),
                 before.value("validation_samples").toInt());
        QVERIFY(after.value("dataset").toString().contains("marked wrong left out"));
    }

    void keepLastSavesTheLastEpochAndSaysWhichWasBest() {
        const QString last = m_dir.filePath("last.dpmodel");
        const Run run = runCli({"train", "--arch", "mlp", "--epochs", "3", "--limit", "2000",
                                "--threads", "1", "--keep-last", "--out", last});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QJsonObject summary = parseLine(run.out);
        const QJsonArray epochs = summary["epochs"].toArray();
        QCOMPARE(epochs.size(), 3);
        QCOMPARE(summary["kept_epoch"].toInt(), 3);
        QCOMPARE(readModelMetadata(last).bestEpoch, 3);
        QCOMPARE(summary["validation_accuracy"].toDouble(),
                 epochs[2].toObject()["validation_accuracy"].toDouble());
        double highest = 0;
        for (const auto &epoch : epochs)
            highest = std::max(highest, epoch.toObject()["validation_accuracy"].toDouble());
        const int best = summary["best_epoch"].toInt();
        QVERIFY(best >= 1 && best <= 3);
        QCOMPARE(epochs[best - 1].toObject()["validation_accuracy"].toDouble(), highest);
    }

    void versionAndHelp() {
        const Run version = runCli({"--version"});
        QCOMPARE(version.exitCode, 0);
        QVERIFY(version.out.startsWith("digitpad-cli "));
        const QByteArray recipe =
            "(training recipe " + QByteArray::number(digitpad::kTrainingRecipe) + ")";
        QVERIFY2(version.out.contains(recipe), qPrintable(version.out));
        for (const QString command : {"train", "eval", "predict", "labels", "info"}) {
            const Run help = runCli({command, "--help"});
            QCOMPARE(help.exitCode, 0);
            QVERIFY2(help.out.contains("--"), qPrintable(command));
        }
    }

    void predictPrintsOneJsonLinePerImageMatchingTheLibrary() {
        const QStringList files = {digitPng(0), digitPng(1), digitPng(2)};
        const Run run = runCli(QStringList{"predict", "--model", m_model} + files);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QList<QByteArray> lines = run.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 3);
        const Classifier model = loadModel(m_model);
        for (int i = 0; i < 3; ++i) {
            const QJsonObject json = parseLine(lines[i]);
            QCOMPARE(json["file"].toString(), files[i]);
            const QJsonArray probabilities = json["probabilities"].toArray();
            QCOMPARE(probabilities.size(), 10);
            double sum = 0;
            for (const auto &p : probabilities)
                sum += p.toDouble();
            QVERIFY(std::abs(sum - 1.0) < 1e-4);
            const Prediction expected = model.predict(preprocessImage(loadImageFile(files[i])));
            QCOMPARE(json["digit"].toInt(), expected.digit);
            QVERIFY(std::abs(json["confidence"].toDouble() - expected.confidence) < 1e-6);
        }
    }

    void evalReportsAccuracyAndAConsistentConfusionMatrix() {
        const auto [images, labels] = writeTestDigits(QStringLiteral("eval"), 200, true);
        const Run run =
            runCli({"eval", "--model", m_model, "--images", images, "--labels", labels});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QJsonObject json = parseLine(run.out);
        const QJsonArray matrix = json["matrix"].toArray();
        QCOMPARE(matrix.size(), 10);
        int total = 0, diagonal = 0;
        for (int t = 0; t < 10; ++t)
            for (int p = 0; p < 10; ++p) {
                total += matrix[t].toArray()[p].toInt();
                diagonal += t == p ? matrix[t].toArray()[p].toInt() : 0;
            }
        QCOMPARE(total, 200);
        QCOMPARE(json["accuracy"].toDouble(), diagonal / 200.0);
        QVERIFY(json["loss"].toDouble() > 0);
        QCOMPARE(json["per_class"].toArray().size(), 10);
        // The open-set curve: these 200 digits against the doodles of kinds held out of training.
        const QJsonObject openSet = json["open_set"].toObject();
        QCOMPARE(openSet["digits"].toInt(), 200);
        QVERIFY2(openSet["non_digits"].toInt() > 1000, qPrintable(run.out));
        const double area = openSet["area"].toDouble();
        QVERIFY2(area > 0.5 && area <= 1.0, qPrintable(QString::number(area)));
        const QJsonArray curve = openSet["curve"].toArray();
        QCOMPARE(curve.first().toArray(), (QJsonArray{1.0, 1.0}));
        QCOMPARE(curve.last().toArray()[0].toDouble(), 0.0);
    }

    // The full report, from a script whose session has no runtime folder: files written, and
    // nothing but progress on stderr (Qt once warned about the missing XDG_RUNTIME_DIR there).
    void evalReportWritesItsFilesAndNoQtWarning() {
        const auto [images, labels] = writeTestDigits(QStringLiteral("report"), 100, false);
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.remove(QStringLiteral("XDG_RUNTIME_DIR"));
        environment.remove(QStringLiteral("QT_QPA_PLATFORM"));
        const QString report = m_dir.filePath("report");
        const Run run = runCli({"eval", "--model", m_model, "--images", images, "--labels", labels,
                                "--no-open-set", "--bootstrap", "0", "--report", report},
                               environment);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(!run.err.contains(QStringLiteral("XDG_RUNTIME_DIR")) &&
                     !run.err.contains(QStringLiteral("QStandardPaths")),
                 qPrintable(run.err));
        const QStringList charts =
            QDir(report).entryList({QStringLiteral("*.png")}, QDir::Files | QDir::NoDotAndDotDot);
        QVERIFY2(!charts.isEmpty(), qPrintable(QDir(report).entryList().join(' ')));
        QVERIFY(!QDir(report).entryList({QStringLiteral("*.json")}).isEmpty());
    }

    // SIGTERM (what systemd and `kill` send) ends the server cleanly, through a signal-safe path.
    void serveStopsCleanlyOnSigterm() {
        QProcess server;
        QVERIFY(startServing(server) != 0);
        server.terminate();
        QVERIFY(server.waitForFinished(30000));
        QCOMPARE(server.exitStatus(), QProcess::NormalExit);
        QCOMPARE(server.exitCode(), 0);
        QVERIFY(server.readAllStandardError().contains("shutting down"));
    }

    // SIGTERM while keep-alive clients wait for slow answers: every request the server has
    // received is answered (read, or 503 with Retry-After once the grace is over) before the
    // connection closes, and the server exits 0 within its 5 s; none meets a silent close.
    void serveAnswersEveryReceivedRequestOnSigterm() {
        QProcess server;
        const quint16 port = startServing(server);
        QVERIFY(port != 0);
        const QByteArray picture = digitpad::testing::progressiveJpeg(4000, 60);
        const QByteArray request = "POST /predict HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
                                   "image/jpeg\r\nContent-Length: " +
                                   QByteArray::number(picture.size()) + "\r\n\r\n" + picture;
        std::vector<std::unique_ptr<QTcpSocket>> clients;
        for (int i = 0; i < 10; ++i) {
            clients.push_back(std::make_unique<QTcpSocket>());
            clients.back()->connectToHost(QHostAddress::LocalHost, port);
            QVERIFY(clients.back()->waitForConnected(5000));
            clients.back()->write(request);
            QVERIFY(clients.back()->waitForBytesWritten(5000));
        }
        QTest::qWait(300); // all received; the pictures are read one at a time
        QElapsedTimer clock;
        clock.start();
        server.terminate();
        for (const auto &client : clients) {
            QByteArray answer;
            while (client->waitForReadyRead(10000))
                answer += client->readAll();
            answer += client->readAll();
            QVERIFY2(answer.startsWith("HTTP/1.1 "), "a request the server had was not answered");
            QVERIFY2(answer.contains("\r\n\r\n{\""), answer.constData());
            if (answer.startsWith("HTTP/1.1 503"))
                QVERIFY(answer.contains("Retry-After: 1"));
        }
        QVERIFY(server.waitForFinished(30000));
        QCOMPARE(server.exitStatus(), QProcess::NormalExit);
        QCOMPARE(server.exitCode(), 0);
        QVERIFY2(clock.elapsed() < 7000, qPrintable(QString::number(clock.elapsed())));
    }

    // Out of file descriptors, the server neither spins on accept (the hardening report measured
    // 100 % CPU) nor stops serving: idle connections give way to new clients.
    void serveHoldsWhenOutOfFileDescriptors() {
        QProcess server;
        server.setChildProcessModifier([] {
            const rlimit few{64, 64}; // soft and hard: the server cannot raise it
            ::setrlimit(RLIMIT_NOFILE, &few);
        });
        const quint16 serverPort = startServing(server);
        QVERIFY(serverPort != 0);

        std::vector<std::unique_ptr<QTcpSocket>> crowd;
        for (int i = 0; i < 150; ++i) {
            crowd.push_back(std::make_unique<QTcpSocket>());
            crowd.back()->connectToHost(QHostAddress::LocalHost, serverPort);
        }
        const auto cpuTicks = [&server] {
            QFile stat(QStringLiteral("/proc/%1/stat").arg(server.processId()));
            if (!stat.open(QIODevice::ReadOnly))
                return -1LL;
            const QList<QByteArray> fields = stat.readAll().split(')').last().split(' ');
            return fields.value(12).toLongLong() + fields.value(13).toLongLong(); // utime, stime
        };
        QTest::qWait(500);
        const long long before = cpuTicks();
        QTest::qWait(2000);
        const double cpuShare = double(cpuTicks() - before) / double(sysconf(_SC_CLK_TCK)) / 2.0;
        QVERIFY2(cpuShare < 0.5, qPrintable(QStringLiteral("the server used %1 of a core while "
                                                           "out of descriptors")
                                                .arg(cpuShare)));

        QTcpSocket client;
        client.connectToHost(QHostAddress::LocalHost, serverPort);
        QVERIFY(client.waitForConnected(5000));
        client.write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        QByteArray answer;
        QElapsedTimer clock;
        clock.start();
        while (!answer.contains("\"ok\"") && clock.elapsed() < 15000)
            if (client.waitForReadyRead(100))
                answer += client.readAll();
        QVERIFY2(answer.startsWith("HTTP/1.1 200"), answer.constData());
        server.terminate();
        QVERIFY(server.waitForFinished(30000));
        QCOMPARE(server.exitCode(), 0);
    }

    // What a terminal user tries first: help in both spellings, -V, and exit code 2 for a
    // command line that asks for nothing (1 stays for work that failed).
    void helpVersionAndUsageErrorsKeepTheConventions() {
        const Run help = runCli({"help"});
        QCOMPARE(help.exitCode, 0);
        QVERIFY2(help.out.contains("Usage: digitpad-cli <command>"), help.out.constData());
        const Run predictHelp = runCli({"help", "predict"});
        QCOMPARE(predictHelp.exitCode, 0);
        QVERIFY2(predictHelp.out.startsWith("Usage: digitpad-cli predict [options]") &&
                     predictHelp.out.contains("Read the digits in each image") &&
                     !predictHelp.out.contains("--help-all"),
                 predictHelp.out.constData());
        const Run version = runCli({"-V"});
        QCOMPARE(version.exitCode, 0);
        QVERIFY2(version.out.startsWith("digitpad-cli "), version.out.constData());
        const Run noImage = runCli({"predict", "--model", m_model});
        QCOMPARE(noImage.exitCode, 2);
        QVERIFY2(noImage.err.contains("predict needs at least one IMAGE") &&
                     noImage.err.contains("digitpad-cli help predict"),
                 qPrintable(noImage.err));
    }

    void serveAcceptsLocalhostForTheLoopback() {
        QProcess server;
        const quint16 port = startServing(server, {"--host", "localhost"});
        QVERIFY2(port != 0, server.readAllStandardError().constData());
        QTcpSocket client;
        client.connectToHost(QHostAddress::LocalHost, port);
        QVERIFY(client.waitForConnected(5000));
        server.terminate();
        QVERIFY(server.waitForFinished(30000));
    }

    void infoPrintsTheModelMetadata() {
        const Run run = runCli({"info", "--model", m_model});
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(parseLine(run.out)["architecture"].toString(), QString("mlp"));
    }

    void badInputExitsNonZeroWithOneLineNamingTheProblem_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("named");
        QTest::newRow("missing image")
            << QStringList{"predict", "--model", "MODEL", "/nonexistent/seven.png"}
            << "/nonexistent/seven.png: no such file";
        QTest::newRow("not an image")
            << QStringList{"predict", "--model", "MODEL", "TEXTFILE"} << "not a readable image";
        QTest::newRow("blank image")
            << QStringList{"predict", "--model", "MODEL", "BLANK"} << "no ink";
        // Refused for what they are, before a read that would wait forever for a writer.
        QTest::newRow("image that is a named pipe")
            << QStringList{"predict", "--model", "MODEL", "FIFO"} << "is a named pipe (FIFO)";
        QTest::newRow("image that is a folder")
            << QStringList{"predict", "--model", "MODEL", "FOLDER"} << "is a folder, not a";
        QTest::newRow("idx that is a named pipe")
            << QStringList{"eval", "--model", "MODEL", "--images", "FIFO", "--labels", "FIFO"}
            << "is a named pipe (FIFO)";
        QTest::newRow("model that is a folder")
            << QStringList{"info", "--model", "FOLDER"} << "is a folder, not a regular file";
        QTest::newRow("model that is a named pipe")
            << QStringList{"predict", "--model", "FIFO", "x.png"} << "is a named pipe (FIFO)";
        QTest::newRow("folder that is a named pipe")
            << QStringList{"eval", "--model", "MODEL", "--source", "folder", "--folder", "FIFO"}
            << "is a named pipe (FIFO), not a folder";
        QTest::newRow("fine-tune of a named pipe")
            << QStringList{"train", "--from", "FIFO"} << "is a named pipe (FIFO)";
        QTest::newRow("missing model")
            << QStringList{"predict", "--model", "/nonexistent/m.dpmodel", "x.png"}
            << "/nonexistent/m.dpmodel";
        QTest::newRow("model that is a text file")
            << QStringList{"info", "--model", "TEXTFILE"} << "not a DigitPad model";
        QTest::newRow("zero batch size")
            << QStringList{"train", "--batch-size", "0"} << "batch size";
        QTest::newRow("nan learning rate") << QStringList{"train", "--lr", "nan"} << "--lr";
        QTest::newRow("word for epochs") << QStringList{"train", "--epochs", "many"} << "--epochs";
        QTest::newRow("unknown arch") << QStringList{"train", "--arch", "gpt"} << "'gpt'";
        QTest::newRow("missing data folder")
            << QStringList{"train", "--data", "/nonexistent/mnist"} << "/nonexistent/mnist";
        QTest::newRow("eval without labels") << QStringList{"eval", "--images", "x"} << "--labels";
        QTest::newRow("corrupt idx") << QStringList{"eval",     "--model",  "MODEL",   "--images",
                                                    "TEXTFILE", "--labels", "TEXTFILE"}
                                     << "expected magic 2051";
        // Refused before the data is even loaded, so no training run is lost to a bad path.
        QTest::newRow("--out inside a file")
            << QStringList{"train", "--limit",           "200", "--epochs", "1",
                           "--out", "TEXTFILE/m.dpmodel"}
            << "cannot create the folder";
        QTest::newRow("--out is a folder")
            << QStringList{"train", "--limit", "200", "--epochs", "1", "--out", "/tmp"}
            << "is a folder";
        QTest::newRow("negative limit") << QStringList{"train", "--limit", "-5"} << "--limit";
        QTest::newRow("negative patience")
            << QStringList{"train", "--early-stop", "-1"} << "early-stop patience";
        QTest::newRow("fine-tune of a text file")
            << QStringList{"train", "--from", "TEXTFILE"} << "notes.txt";
        QTest::newRow("fine-tune to another network")
            << QStringList{"train", "--from", "MODEL", "--arch", "cnn"}
            << "keeps the network of the model it starts from (mlp)";
        QTest::newRow("digits-only fine-tune of a model that rejects")
            << QStringList{"train", "--from", "MODEL", "--digits-only"} << "--digits-only";
        QTest::newRow("labels of a model's validation split")
            << QStringList{"labels", "--source", "validation"} << "--source: 'validation'";
        QTest::newRow("labels with one fold")
            << QStringList{"labels", "--source", "mnist-test", "--folds", "1"} << "--folds: 1";
        QTest::newRow("labels of a folder that is a file")
            << QStringList{"labels", "--source", "folder", "--folder", "TEXTFILE"} << "notes.txt";
        QTest::newRow("negative top") << QStringList{"labels", "--top", "-3"} << "--top";
        QTest::newRow("unknown command") << QStringList{"fly"} << "unknown command 'fly'";
        QTest::newRow("unknown option") << QStringList{"predict", "--colour"} << "colour";
    }
    void badInputExitsNonZeroWithOneLineNamingTheProblem() {
        QFETCH(QStringList, arguments);
        QFETCH(QString, named);
        const QString text = m_dir.filePath("notes.txt");
        QFile file(text);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("plain text");
        file.close();
        QImage blank(100, 100, QImage::Format_RGB32);
        blank.fill(Qt::white);
        blank.save(m_dir.filePath("blank.png"));
        const QString fifo = m_dir.filePath("pipe");
        QVERIFY(QFileInfo::exists(fifo) ||
                ::mkfifo(QFile::encodeName(fifo).constData(), 0600) == 0);
        const QString folder = m_dir.filePath("folder.png");
        QVERIFY(QDir().mkpath(folder));
        arguments.replaceInStrings("MODEL", m_model);
        arguments.replaceInStrings("TEXTFILE", text);
        arguments.replaceInStrings("BLANK", m_dir.filePath("blank.png"));
        arguments.replaceInStrings("FIFO", fifo);
        arguments.replaceInStrings("FOLDER", folder);
        expectOneLineError(runCli(arguments), named);
    }
};

QTEST_MAIN(CliTest)
#include "test_cli.moc"

#include "cli_command.h"
#include "cli_support.h"
#include "error.h"
#include "prediction_server.h"

#include <QCoreApplication>
#include <csignal>

int runServe(const QStringList &arguments) {
    QCommandLineParser parser;
    parser.addOptions({
        cli::modelOption(),
        {QStringLiteral("host"),
         QStringLiteral(
             "Address to listen on. Default 127.0.0.1: only this machine can connect. Use 0.0.0.0 "
             "to serve the network, knowingly."),
         QStringLiteral("H"), QStringLiteral("127.0.0.1")},
        {QStringLiteral("port"), QStringLiteral("TCP port (0: any free port)."),
         QStringLiteral("P"), QStringLiteral("8080")},
        {QStringLiteral("max-body"),
         QStringLiteral("Largest request body in bytes; larger ones get 413."),
         QStringLiteral("BYTES"), QString::number(5 * 1024 * 1024)},
    });
    cli::parseOrExit(
        parser, arguments,
        QStringLiteral("Serve predictions over HTTP: POST /predict (an image as the raw body or a "
                       "multipart upload), POST /predict/batch (several files), GET /health, "
                       "GET /model, GET / (an upload page). Binds to loopback unless --host says "
                       "otherwise."));
    digitpad::ServerOptions options;
    const QString host = parser.value(QStringLiteral("host"));
    if (!options.host.setAddress(host))
        throw digitpad::Error(QStringLiteral("--host: '%1' is not an IP address").arg(host));
    const int port = cli::intOption(parser, QStringLiteral("port"), 8080);
    if (port < 0 || port > 65535)
        throw digitpad::Error(QStringLiteral("--port: %1 is outside 0..65535").arg(port));
    options.port = quint16(port);
    const int maxBody =
        cli::intOption(parser, QStringLiteral("max-body"), int(options.maxBodyBytes));
    if (maxBody < 1)
        throw digitpad::Error(
            QStringLiteral("--max-body: %1 must be a positive number of bytes").arg(maxBody));
    options.maxBodyBytes = maxBody;

    QString modelPath;
    const digitpad::Classifier model = cli::loadModelFromOption(parser, &modelPath);
    digitpad::PredictionServer server(model, options);
    const quint16 listening = server.listen();
    cli::printProgress(QStringLiteral("serving %1 (%2) on http://%3:%4/  (Ctrl+C stops)")
                           .arg(modelPath, model.metadata().summary(), options.host.toString())
                           .arg(listening));
    std::signal(SIGINT, [](int) { QCoreApplication::quit(); });
    std::signal(SIGTERM, [](int) { QCoreApplication::quit(); });
    return QCoreApplication::exec();
}

#include "cli_command.h"
#include "cli_support.h"
#include "error.h"
#include "prediction_server.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QSocketNotifier>
#include <QTimer>
#include <csignal>
#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

namespace {
// Each connection is a descriptor: the soft limit (often 1024) would bind before the server's
// own connection cap does.
void raiseDescriptorLimit() {
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        ::setrlimit(RLIMIT_NOFILE, &limit);
    }
}

// Stops accepting, lets the requests already taken be answered (for at most `grace`), then quits.
void shutDownGracefully(digitpad::PredictionServer &server, std::chrono::milliseconds grace) {
    cli::printProgress(QStringLiteral("shutting down"));
    server.stopListening();
    const QDeadlineTimer deadline(grace);
    auto *poll = new QTimer(QCoreApplication::instance());
    QObject::connect(poll, &QTimer::timeout, [&server, deadline] {
        if (server.requestsInFlight() == 0 || deadline.hasExpired())
            QCoreApplication::quit();
    });
    poll->start(20);
}
} // namespace

int runServe(const QStringList &arguments) {
    QCommandLineParser parser;
    parser.addOptions({
        cli::modelOption(),
        {QStringLiteral("host"),
         QStringLiteral(
             "Address to listen on (an IP address, or localhost). Default 127.0.0.1: only this "
             "machine can connect. Use 0.0.0.0 to serve the network, knowingly."),
         QStringLiteral("H"), QStringLiteral("127.0.0.1")},
        {QStringLiteral("port"), QStringLiteral("TCP port (default: 8080; 0: any free port)."),
         QStringLiteral("P"), QStringLiteral("8080")},
        {QStringLiteral("max-body"),
         QStringLiteral("Largest request body in bytes; larger ones get 413."),
         QStringLiteral("BYTES"), QString::number(5 * 1024 * 1024)},
        {QStringLiteral("max-connections"),
         QStringLiteral("Client connections open at once (half of them from one address at "
                        "most); when full, the slowest sender gives way to a new one."),
         QStringLiteral("N"), QStringLiteral("512")},
    });
    cli::parseOrExit(
        parser, arguments,
        QStringLiteral("Serve predictions over HTTP: POST /predict (an image as the raw body or a "
                       "multipart upload), POST /predict/batch (several files), GET /health, "
                       "GET /model, GET /metrics (Prometheus), GET / (an upload page). Binds to "
                       "loopback unless --host says otherwise."));
    digitpad::ServerOptions options;
    const QString host = parser.value(QStringLiteral("host"));
    if (host == QLatin1String("localhost"))
        options.host = QHostAddress(QHostAddress::LocalHost);
    else if (!options.host.setAddress(host))
        throw digitpad::Error(QStringLiteral("--host: '%1' is not an IP address").arg(host));
    const int port = cli::intOption(parser, QStringLiteral("port"), 8080);
    if (port < 0 || port > 65535)
        throw digitpad::Error(QStringLiteral("--port: %1 is outside 0..65535").arg(port));
    options.port = quint16(port);
    const int maxBody =
        cli::intOption(parser, QStringLiteral("max-body"), int(options.http.request.maxBodyBytes));
    if (maxBody < 1)
        throw digitpad::Error(
            QStringLiteral("--max-body: %1 must be a positive number of bytes").arg(maxBody));
    options.http.request.maxBodyBytes = maxBody;
    // Bodies held at once: at least a few of the largest allowed.
    options.http.maxBufferedBodyBytes =
        std::max(options.http.maxBufferedBodyBytes, qint64(maxBody) * 4);
    const int maxConnections =
        cli::intOption(parser, QStringLiteral("max-connections"), options.http.maxConnections);
    if (maxConnections < 1 || maxConnections > 100'000)
        throw digitpad::Error(
            QStringLiteral("--max-connections: %1 is outside 1..100000").arg(maxConnections));
    options.http.maxConnections = maxConnections;

    QString modelPath;
    const digitpad::Classifier model = cli::loadModelFromOption(parser, &modelPath);
    // Only async-signal-safe work in the handler: it writes a byte to a pipe, and the event loop
    // quits when the pipe becomes readable (the self-pipe trick).
    static int quitPipe[2] = {-1, -1};
    if (::pipe2(quitPipe, O_CLOEXEC | O_NONBLOCK) != 0)
        throw digitpad::Error(QStringLiteral("cannot create the shutdown pipe"));
    raiseDescriptorLimit();
    digitpad::PredictionServer server(model, options);
    QSocketNotifier shutdown(quitPipe[0], QSocketNotifier::Read);
    QObject::connect(&shutdown, &QSocketNotifier::activated, [&server, &shutdown] {
        shutdown.setEnabled(false);
        shutDownGracefully(server, std::chrono::seconds(5));
    });
    struct sigaction action {};
    action.sa_handler = [](int) {
        const char byte = 1;
        [[maybe_unused]] const ssize_t written = ::write(quitPipe[1], &byte, 1);
    };
    sigemptyset(&action.sa_mask);
    ::sigaction(SIGINT, &action, nullptr);
    ::sigaction(SIGTERM, &action, nullptr);
    const quint16 listening = server.listen();
    cli::printProgress(QStringLiteral("serving %1 (%2) on http://%3:%4/  (Ctrl+C stops)")
                           .arg(modelPath, model.metadata().summary(), options.host.toString())
                           .arg(listening));
    return QCoreApplication::exec();
}

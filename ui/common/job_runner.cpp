#include "job_runner.h"

#include "error.h"

#include <QEventLoop>
#include <utility>

JobRunner::JobRunner(const QString &threadName, QObject *parent)
    : QObject(parent), m_executor(new QObject) {
    m_executor->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_executor, &QObject::deleteLater);
    m_thread.setObjectName(threadName);
    m_thread.start();
}

JobRunner::~JobRunner() {
    m_stopRequested = true;
    m_thread.quit();
    m_thread.wait();
}

void JobRunner::stop() {
    forgetWaitingJob();
    if (m_running)
        m_stopRequested = true;
}

void JobRunner::waitUntilIdle() {
    while (m_running) { // a waiting job starts as the one before it ends
        QEventLoop loop;
        connect(this, &JobRunner::idle, &loop, &QEventLoop::quit);
        loop.exec();
    }
}

bool JobRunner::startJob(std::function<Delivery()> job) {
    if (m_running)
        return false;
    m_running = true;
    m_stopRequested = false;
    QMetaObject::invokeMethod(
        m_executor,
        [this, job = std::move(job)] {
            Delivery deliver;
            try {
                deliver = job();
            } catch (const digitpad::Error &error) {
                deliver = [this, reason = error.message()] { Q_EMIT failed(reason); };
            } catch (const std::exception &error) {
                deliver = [this, reason = QString::fromLocal8Bit(error.what())] {
                    Q_EMIT failed(reason);
                };
            }
            // Idle before the listeners hear the outcome, so that they may start again at once.
            QMetaObject::invokeMethod(
                this,
                [this, deliver = std::move(deliver)] {
                    m_running = false;
                    if (deliver)
                        deliver();
                    Q_EMIT idle();
                    if (!m_running && m_waiting)
                        startJob(std::exchange(m_waiting, nullptr));
                },
                Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
    return true;
}

void JobRunner::startLatest(std::function<Delivery()> job) {
    if (m_running)
        m_waiting = std::move(job);
    else
        startJob(std::move(job));
}

#include "worker_watch.h"

#include <algorithm>

namespace digitpad {

WorkerWatch::Job::Job(WorkerWatch &watch) : m_watch(watch) {
    const QMutexLocker lock(&watch.m_mutex);
    m_id = watch.m_nextJob++;
    watch.m_jobs[m_id].start();
}

WorkerWatch::Job::~Job() {
    const QMutexLocker lock(&m_watch.m_mutex);
    m_watch.m_jobs.remove(m_id);
}

WorkerWatch::Snapshot WorkerWatch::snapshot(std::chrono::milliseconds stuckAfter) const {
    const QMutexLocker lock(&m_mutex);
    Snapshot snapshot;
    for (const QElapsedTimer &job : m_jobs) {
        const qint64 milliseconds = job.elapsed();
        ++snapshot.busy;
        snapshot.stuck += milliseconds > stuckAfter.count();
        snapshot.longestSeconds = std::max(snapshot.longestSeconds, double(milliseconds) / 1000);
    }
    return snapshot;
}

} // namespace digitpad

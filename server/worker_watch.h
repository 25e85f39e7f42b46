#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QMutex>
#include <chrono>

namespace digitpad {

// Which jobs a pool of workers is on and since when, so that a worker held by one request shows
// in /health and /metrics, not only in answers that come late. Thread-safe.
class WorkerWatch {
  public:
    // A job being worked on, from its construction to its destruction.
    class Job {
      public:
        explicit Job(WorkerWatch &watch);
        ~Job();
        Job(const Job &) = delete;
        Job &operator=(const Job &) = delete;

      private:
        WorkerWatch &m_watch;
        quint64 m_id;
    };

    struct Snapshot {
        int busy = 0;              // jobs being worked on
        int stuck = 0;             // of those, on one job for longer than the limit
        double longestSeconds = 0; // the oldest job's time so far
    };
    Snapshot snapshot(std::chrono::milliseconds stuckAfter) const;

  private:
    mutable QMutex m_mutex;
    QHash<quint64, QElapsedTimer> m_jobs;
    quint64 m_nextJob = 0;
};

} // namespace digitpad

#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>

namespace digitpad {

// Steers a run from another thread: pause and resume, and a new learning rate (a run stops
// through TrainingCallbacks::shouldStop alone). The trainer takes each of them before its next
// batch, so a change never lands inside a batch.
class TrainingControl {
  public:
    void pause();
    void resume();
    // The run goes on with `rate` as its base learning rate, still shaped by its schedule.
    void setLearningRate(double rate);

    bool isPaused() const;

    // Trainer side, before each batch: blocks while paused, waking every `poll` to ask
    // `shouldStop` (may be empty). Returns false when the run must end now.
    bool waitUntilRunnable(const std::function<bool()> &shouldStop,
                           std::chrono::milliseconds poll = std::chrono::milliseconds(50));
    // A new base learning rate asked for since the last call, once.
    std::optional<double> takeLearningRate();
    // Time spent paused so far: not training time.
    double pausedSeconds() const;

  private:
    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    bool m_paused = false;
    std::optional<double> m_learningRate;
    double m_pausedSeconds = 0.0;
};

} // namespace digitpad

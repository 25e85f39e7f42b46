#include "training_control.h"

#include <utility>

namespace digitpad {

void TrainingControl::pause() {
    std::lock_guard lock(m_mutex);
    m_paused = true;
}

void TrainingControl::resume() {
    {
        std::lock_guard lock(m_mutex);
        m_paused = false;
    }
    m_changed.notify_all();
}

void TrainingControl::setLearningRate(double rate) {
    std::lock_guard lock(m_mutex);
    m_learningRate = rate;
}

bool TrainingControl::isPaused() const {
    std::lock_guard lock(m_mutex);
    return m_paused;
}

bool TrainingControl::waitUntilRunnable(const std::function<bool()> &shouldStop,
                                        std::chrono::milliseconds poll) {
    const auto stopAsked = [&] { return shouldStop && shouldStop(); };
    std::unique_lock lock(m_mutex);
    while (m_paused && !stopAsked()) {
        const auto since = std::chrono::steady_clock::now();
        m_changed.wait_for(lock, poll);
        m_pausedSeconds +=
            std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
    }
    return !stopAsked();
}

std::optional<double> TrainingControl::takeLearningRate() {
    std::lock_guard lock(m_mutex);
    return std::exchange(m_learningRate, std::nullopt);
}

double TrainingControl::pausedSeconds() const {
    std::lock_guard lock(m_mutex);
    return m_pausedSeconds;
}

} // namespace digitpad

#pragma once

#include <QString>
#include <stdexcept>

namespace digitpad {

// The one error type core raises where a file, an image or a request enters. Its message is
// meant for the user as it stands: it names the file or value and says what is wrong.
class Error : public std::runtime_error {
  public:
    explicit Error(const QString &message)
        : std::runtime_error(message.toStdString()), m_message(message) {}
    const QString &message() const { return m_message; }

  private:
    QString m_message;
};

} // namespace digitpad

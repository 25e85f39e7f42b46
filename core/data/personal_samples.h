#pragma once

#include "dataset.h"
#include "digit_image.h"

#include <QString>

namespace digitpad {

// The user's own corrected digits, kept as an IDX pair in a folder (by default
// ~/.local/share/digitpad/personal) so that training can include them. Each write replaces
// the files atomically; the labels are written last, so a crash between the two writes leaves
// a readable store whose extra image is ignored.
class PersonalSamples {
  public:
    explicit PersonalSamples(const QString &folder = defaultFolder());
    static QString defaultFolder();

    const QString &folder() const { return m_folder; }
    const Dataset &samples() const { return m_samples; }
    int count() const { return m_samples.size(); }
    // Throws digitpad::Error when the files cannot be written; nothing is lost then.
    void add(const ModelInput &input, int digit);

  private:
    QString m_folder;
    Dataset m_samples;
};

} // namespace digitpad

#pragma once

#include "dataset.h"
#include "digit_image.h"

#include <QString>

namespace digitpad {

// The user's own corrected digits, kept as an IDX pair in a folder (by default
// ~/.local/share/digitpad/personal) so that training can include them.
//
// Every change starts from the files as they are now, not as this object last read them, so a
// change made meanwhile through another PersonalSamples (the Labels page, another window) is
// never written over. Every change is atomic: adding writes the images first and the labels last,
// so a crash between the two leaves a readable store whose extra image is ignored; relabelling
// rewrites the labels only; removing, which changes both files, writes the new pair beside them
// first (see personal_samples.cpp), so that a store opened after a crash holds either every
// sample or all but the removed one, each under its own label.
class PersonalSamples {
  public:
    // Throws digitpad::Error when the files cannot be read, or a removal a crash cut short after
    // its commit cannot be finished.
    explicit PersonalSamples(const QString &folder = defaultFolder());
    static QString defaultFolder();

    const QString &folder() const { return m_folder; }
    const Dataset &samples() const { return m_samples; }
    int count() const { return m_samples.size(); }

    // Each throws digitpad::Error when the files cannot be read or written, or the index or
    // digit is out of range; nothing changes then (a removal that fails after it is committed is
    // finished when the store is next read). `index` counts the samples as the files hold them
    // now, which may be more than samples() held.
    void add(const ModelInput &input, int digit);
    void relabel(int index, int digit);
    void remove(int index);

  private:
    void reload();
    void checkIndex(int index) const;

    QString m_folder;
    Dataset m_samples;
};

} // namespace digitpad

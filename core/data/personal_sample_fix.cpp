#include "personal_sample_fix.h"

#include "error.h"
#include "personal_samples.h"

#include <algorithm>
#include <optional>

namespace digitpad {

namespace {

bool sameSample(const Dataset &one, const Dataset &other, int index) {
    return index >= 0 && index < one.size() && index < other.size() &&
           one.labels[std::size_t(index)] == other.labels[std::size_t(index)] &&
           std::equal(one.image(index), one.image(index) + kImagePixels, other.image(index));
}

// The store as it is now, once it is known to hold the audited sample at `index`.
PersonalSamples storeHolding(const QString &folder, const Dataset &audited, int index) {
    PersonalSamples store(folder);
    if (!sameSample(store.samples(), audited, index))
        throw Error(QStringLiteral("%1: sample %2 is not the one audited (the personal samples "
                                   "changed since): evaluate them again")
                        .arg(folder)
                        .arg(index));
    return store;
}

// `before`'s marks under `edited`'s fingerprint; `newIndex` maps a sample of `before` to its
// place in `edited`, or nothing for the edited sample itself.
template <typename NewIndex>
void carryMarks(LabelMarks &marks, const Dataset &before, const Dataset &edited,
                NewIndex newIndex) {
    const QString from = before.fingerprint(), to = edited.fingerprint();
    for (int k = 0; k < before.size(); ++k) {
        const LabelMarks::Verdict verdict = marks.verdict(from, k);
        if (const std::optional<int> at = newIndex(k);
            at && verdict != LabelMarks::Verdict::Unmarked)
            marks.mark(to, *at, verdict);
    }
}

} // namespace

Dataset fixPersonalLabel(const QString &folder, const Dataset &audited, int index, int digit,
                         LabelMarks &marks) {
    if (digit < 0 || digit > 9)
        throw Error(QStringLiteral("%1 is not a digit 0-9").arg(digit));
    PersonalSamples store = storeHolding(folder, audited, index);
    if (audited.labels[std::size_t(index)] == digit)
        return audited; // already so: nothing to write
    Dataset edited = audited;
    edited.labels[std::size_t(index)] = std::uint8_t(digit);
    carryMarks(marks, audited, edited,
               [index](int k) { return k == index ? std::nullopt : std::optional<int>(k); });
    store.relabel(index, digit);
    return edited;
}

Dataset deletePersonalSample(const QString &folder, const Dataset &audited, int index,
                             LabelMarks &marks) {
    PersonalSamples store = storeHolding(folder, audited, index);
    Dataset edited = audited;
    const auto first = edited.pixels.begin() + std::ptrdiff_t(index) * kImagePixels;
    edited.pixels.erase(first, first + kImagePixels);
    edited.labels.erase(edited.labels.begin() + index);
    carryMarks(marks, audited, edited, [index](int k) {
        return k == index ? std::nullopt : std::optional<int>(k < index ? k : k - 1);
    });
    store.remove(index);
    return edited;
}

} // namespace digitpad

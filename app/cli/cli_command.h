#pragma once

#include <QStringList>

// Each subcommand takes its own arguments (argv[0] = "digitpad-cli <command>") and returns the
// process exit code. digitpad::Error is caught by the dispatcher and printed as one line.
int runTrain(const QStringList &arguments);
int runEval(const QStringList &arguments);
int runLabels(const QStringList &arguments);
int runPredict(const QStringList &arguments);
int runInfo(const QStringList &arguments);
int runServe(const QStringList &arguments);
int runUpgradeModel(const QStringList &arguments);

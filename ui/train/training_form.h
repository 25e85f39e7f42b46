#pragma once

#include "training_run.h"

#include <QStringList>
#include <QWidget>

class DataSourcePicker;
class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class Session;

// The Train tab's settings: which network, how to train it, and on which data. Values are
// checked by core's TrainingConfig::problems(), so the form and the CLI refuse the same things;
// the form words each problem for the field a user typed into, under the form.
class TrainingForm : public QWidget {
    Q_OBJECT
  public:
    explicit TrainingForm(QWidget *parent = nullptr);

    // What to train and on which data; the Train tab adds where the run is saved.
    digitpad::TrainingRunRequest request() const;
    // Empty when request() can be started.
    QStringList problems() const;

    void setPersonalSamples(const QString &folder, int count);
    void loadSettings(const Session &session);
    void saveSettings(Session &session) const;

    // For tests: direct access to the fields a user types into.
    QSpinBox *batchSizeField() const { return m_batchSize; }
    QLineEdit *learningRateField() const { return m_learningRate; }
    QSpinBox *epochsField() const { return m_epochs; }
    QSpinBox *subsetField() const { return m_subset; }
    QComboBox *architectureField() const { return m_architecture; }
    QCheckBox *keepBestField() const { return m_keepBest; }
    QCheckBox *notDigitField() const { return m_notDigit; }
    QSpinBox *earlyStopField() const { return m_earlyStop; }
    QCheckBox *excludeMarkedField() const { return m_excludeMarked; }

  Q_SIGNALS:
    void changed();

  private:
    void applyArchitectureDefaults();
    void showProblems();
    QString wording(const digitpad::TrainingConfig &config,
                    const digitpad::ConfigProblem &problem) const;

    QComboBox *m_architecture;
    QSpinBox *m_epochs;
    QSpinBox *m_batchSize;
    QLineEdit *m_learningRate;
    QComboBox *m_optimizer;
    QCheckBox *m_augmentation;
    QCheckBox *m_notDigit;
    QComboBox *m_balancing;
    QCheckBox *m_keepBest;
    QSpinBox *m_earlyStop;
    QSpinBox *m_seed;
    QSpinBox *m_threads;
    DataSourcePicker *m_data;
    QCheckBox *m_personal;
    QCheckBox *m_excludeMarked;
    QSpinBox *m_subset;
    QLabel *m_problems;
    QString m_personalFolder;
};

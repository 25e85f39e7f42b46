#pragma once

#include "training_worker.h"

#include <QStringList>
#include <QWidget>

class DataSourcePicker;
class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QSpinBox;

// The Train tab's settings: which network, how to train it, and on which data. Values are
// checked by core's TrainingConfig::problems(), so the form and the CLI refuse the same things,
// and the reason is shown under the form.
class TrainingForm : public QWidget {
    Q_OBJECT
  public:
    explicit TrainingForm(QWidget *parent = nullptr);

    // What to train and on which data; the Train tab adds where the run is saved.
    TrainingRequest request() const;
    // Empty when request() can be started.
    QStringList problems() const;

    void setPersonalSamples(const QString &folder, int count);
    void loadSettings();
    void saveSettings() const;

    // For tests: direct access to the fields a user types into.
    QSpinBox *batchSizeField() const { return m_batchSize; }
    QLineEdit *learningRateField() const { return m_learningRate; }
    QSpinBox *epochsField() const { return m_epochs; }
    QSpinBox *subsetField() const { return m_subset; }
    QComboBox *architectureField() const { return m_architecture; }

  Q_SIGNALS:
    void changed();

  private:
    void applyArchitectureDefaults();
    void showProblems();

    QComboBox *m_architecture;
    QSpinBox *m_epochs;
    QSpinBox *m_batchSize;
    QLineEdit *m_learningRate;
    QComboBox *m_optimizer;
    QCheckBox *m_augmentation;
    QComboBox *m_balancing;
    QSpinBox *m_seed;
    QSpinBox *m_threads;
    DataSourcePicker *m_data;
    QCheckBox *m_personal;
    QSpinBox *m_subset;
    QLabel *m_problems;
    QString m_personalFolder;
};

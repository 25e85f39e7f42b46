#include "training_form.h"

#include "architectures.h"
#include "data_source_picker.h"
#include "label_marks.h"
#include "session.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QThread>
#include <cmath>
#include <limits>

namespace {
// Every core: training runs at idle priority, so drawing still comes first (bench_train_ui
// measures the reading while a pen moves during training), and alone it finishes much sooner
// than on one thread.
int defaultThreads() {
    return std::max(1, QThread::idealThreadCount());
}

// The Train tab starts on the network that reaches 99% fastest (bench_train --time-to-99); the
// bundled default model stays the more accurate cnn.
const QString kDefaultArchitecture = QStringLiteral("quick");

// Accepts the user's locale and the C locale ("0.001" and "0,001"); NaN when neither parses.
double parseNumber(const QString &text) {
    bool ok = false;
    double value = QLocale().toDouble(text.trimmed(), &ok);
    if (!ok)
        value = QLocale::c().toDouble(text.trimmed(), &ok);
    return ok ? value : std::numeric_limits<double>::quiet_NaN();
}

const QString kMnist = QStringLiteral("mnist-train");
const QString kFolder = QStringLiteral("folder");
const QString kGroup = QStringLiteral("train");
} // namespace

TrainingForm::TrainingForm(QWidget *parent)
    : QWidget(parent), m_architecture(new QComboBox), m_epochs(new QSpinBox),
      m_batchSize(new QSpinBox), m_learningRate(new QLineEdit), m_optimizer(new QComboBox),
      m_augmentation(new QCheckBox(tr("Random affine"))),
      m_notDigit(new QCheckBox(tr("Learn to reject letters, shapes and doodles"))),
      m_balancing(new QComboBox), m_keepBest(new QCheckBox(tr("Keep the best epoch"))),
      m_earlyStop(new QSpinBox), m_seed(new QSpinBox), m_threads(new QSpinBox),
      m_data(new DataSourcePicker), m_personal(new QCheckBox),
      m_excludeMarked(new QCheckBox(tr("Leave out digits marked wrong"))), m_subset(new QSpinBox),
      m_problems(new QLabel) {
    for (const digitpad::ArchitectureInfo &info : digitpad::architectures()) {
        m_architecture->addItem(info.name, info.name);
        m_architecture->setItemData(m_architecture->count() - 1, info.description, Qt::ToolTipRole);
    }
    // Wide ranges on purpose: an out-of-range value is explained below the form, not clamped.
    m_epochs->setRange(0, 100000);
    m_batchSize->setRange(0, 1000000);
    m_learningRate->setToolTip(tr("Peak learning rate: a short warm-up, then cosine decay"));
    m_optimizer->addItem(tr("Adam"), QStringLiteral("adam"));
    m_optimizer->addItem(tr("SGD with momentum"), QStringLiteral("sgd"));
    m_augmentation->setToolTip(
        tr("Small random rotation, scale, shift and stroke thickening of each training "
           "digit: slower epochs, a model that reads more handwriting"));
    m_notDigit->setToolTip(
        tr("An 11th output, \"not a digit\", learnt from doodles, letters and broken digits. "
           "Off: the classic ten-output network, faster to train, which reads every picture "
           "as some digit"));
    m_balancing->addItem(tr("None"), QStringLiteral("none"));
    m_balancing->addItem(tr("Class-balanced loss weights"), QStringLiteral("loss-weights"));
    m_balancing->addItem(tr("Balanced sampling"), QStringLiteral("sampling"));
    m_balancing->addItem(tr("Style-balanced sampling"), QStringLiteral("style-sampling"));
    m_balancing->setToolTip(
        tr("Bias mitigation: give every digit (or every handwriting style: stroke "
           "thickness x slant) the same weight in training"));
    m_keepBest->setToolTip(tr("Hand back the weights of the epoch with the best validation "
                              "accuracy, so a run that overfits keeps its best model"));
    m_earlyStop->setRange(0, 100000);
    m_earlyStop->setSpecialValueText(tr("Off"));
    m_earlyStop->setSuffix(tr(" epochs without improvement"));
    m_earlyStop->setToolTip(tr("End the run once validation accuracy has not improved for this "
                               "many epochs"));
    m_seed->setRange(0, std::numeric_limits<int>::max());
    m_threads->setRange(1, std::max(1, QThread::idealThreadCount()));
    m_threads->setToolTip(
        tr("CPU threads for training; it yields to drawing, so all cores is the fastest"));
    m_data->addSource(kMnist, tr("MNIST training set (60,000)"),
                      tr("The 60,000 official MNIST training digits; a stratified 10% is held "
                         "out for validation"));
    m_data->addFolderSource(kFolder, tr("An IDX folder..."));
    m_excludeMarked->setToolTip(
        tr("Train without the digits of this data set you marked \"label is wrong\" on the "
           "Analysis tab's Labels page; validation keeps them, so runs with and without stay "
           "comparable"));
    m_subset->setRange(0, 10000000);
    m_subset->setSpecialValueText(tr("All samples"));
    m_subset->setToolTip(tr("Train on a stratified subset for a quick experiment"));
    m_optimizer->setObjectName(QStringLiteral("optimizer"));
    m_balancing->setObjectName(QStringLiteral("balancing"));
    m_personal->setObjectName(QStringLiteral("personal"));
    m_threads->setObjectName(QStringLiteral("threads"));
    m_problems->setWordWrap(true);
    m_problems->setStyleSheet(QStringLiteral("color: #b3261e"));

    auto *form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    // The window has fewer free Alt+letters than this form has rows: the rows set least often
    // have none, so that no letter is taken twice.
    form->addRow(tr("Arch&itecture"), m_architecture);
    form->addRow(tr("Ep&ochs"), m_epochs);
    form->addRow(tr("&Batch size"), m_batchSize);
    form->addRow(tr("&Learning rate"), m_learningRate);
    form->addRow(tr("Opti&mizer"), m_optimizer);
    form->addRow(tr("Au&gmentation"), m_augmentation);
    form->addRow(tr("Not a digit"), m_notDigit);
    form->addRow(tr("Class balancing"), m_balancing);
    form->addRow(tr("&Weights"), m_keepBest);
    form->addRow(tr("Stop earl&y"), m_earlyStop);
    form->addRow(tr("&Seed"), m_seed);
    form->addRow(tr("Threads"), m_threads);
    form->addRow(tr("Data"), m_data);
    form->addRow(QString(), m_personal);
    form->addRow(QString(), m_excludeMarked);
    form->addRow(tr("S&ubset"), m_subset);
    form->addRow(m_problems);

    connect(m_architecture, &QComboBox::currentIndexChanged, this,
            &TrainingForm::applyArchitectureDefaults);
    for (QSpinBox *box : {m_epochs, m_batchSize, m_earlyStop, m_seed, m_threads, m_subset})
        connect(box, &QSpinBox::valueChanged, this, &TrainingForm::showProblems);
    for (QComboBox *box : {m_optimizer, m_balancing})
        connect(box, &QComboBox::currentIndexChanged, this, &TrainingForm::showProblems);
    connect(m_learningRate, &QLineEdit::textChanged, this, &TrainingForm::showProblems);
    connect(m_data, &DataSourcePicker::changed, this, &TrainingForm::showProblems);
    for (QCheckBox *box : {m_augmentation, m_notDigit, m_keepBest, m_personal, m_excludeMarked})
        connect(box, &QCheckBox::toggled, this, &TrainingForm::showProblems);

    m_architecture->setCurrentIndex(m_architecture->findData(kDefaultArchitecture));
    m_threads->setValue(defaultThreads());
    m_augmentation->setChecked(true);
    m_notDigit->setChecked(digitpad::TrainingConfig().notDigitClass);
    m_keepBest->setChecked(digitpad::TrainingConfig().keepBestEpoch);
    applyArchitectureDefaults();
    setPersonalSamples(QString(), 0);
}

void TrainingForm::applyArchitectureDefaults() {
    const auto config =
        digitpad::TrainingConfig::forArchitecture(m_architecture->currentData().toString());
    m_epochs->setValue(config.epochs);
    m_batchSize->setValue(config.batchSize);
    m_learningRate->setText(QLocale().toString(config.learningRate, 'g', 6));
    showProblems();
}

digitpad::TrainingRunRequest TrainingForm::request() const {
    digitpad::TrainingRunRequest request;
    digitpad::TrainingConfig &config = request.config;
    config.architecture = m_architecture->currentData().toString();
    config.epochs = m_epochs->value();
    config.batchSize = m_batchSize->value();
    config.learningRate = parseNumber(m_learningRate->text());
    config.optimizer = m_optimizer->currentData().toString();
    config.augmentation = m_augmentation->isChecked();
    config.notDigitClass = m_notDigit->isChecked();
    digitpad::parseClassBalancing(m_balancing->currentData().toString(), &config.classBalancing);
    config.keepBestEpoch = m_keepBest->isChecked();
    config.earlyStopPatience = m_earlyStop->value();
    config.seed = std::uint64_t(m_seed->value());
    config.threads = m_threads->value();
    request.dataFolder = m_data->folder();
    if (m_personal->isChecked() && m_personal->isEnabled())
        request.personalFolder = m_personalFolder;
    if (m_excludeMarked
            ->isChecked()) // the marks the Labels page keeps, as `train --exclude-marked`
        request.excludeMarkedPath = digitpad::LabelMarks::defaultPath();
    request.limit = m_subset->value();
    return request;
}

QString TrainingForm::wording(const digitpad::TrainingConfig &config,
                              const digitpad::ConfigProblem &problem) const {
    // The learning rate is what was typed, which may not be a number at all; every other field
    // holds a number or a choice, which core's own wording names well.
    if (problem.field == digitpad::ConfigProblem::Field::LearningRate)
        return tr("learning rate: '%1' is not a number in %2")
            .arg(m_learningRate->text(), problem.allowed);
    return digitpad::describeProblem(config, problem);
}

QStringList TrainingForm::problems() const {
    const digitpad::TrainingRunRequest wanted = request();
    QStringList problems;
    for (const digitpad::ConfigProblem &problem : wanted.config.problems())
        problems << wording(wanted.config, problem);
    if (const QString dataProblem = m_data->problem(); !dataProblem.isEmpty())
        problems << dataProblem;
    if (wanted.limit != 0 && wanted.limit < 20)
        problems << tr("subset: %1 samples are too few (at least 20, or all)").arg(wanted.limit);
    return problems;
}

void TrainingForm::showProblems() {
    const QStringList found = problems();
    m_problems->setText(found.join(QLatin1Char('\n')));
    m_problems->setVisible(!found.isEmpty());
    Q_EMIT changed();
}

void TrainingForm::setPersonalSamples(const QString &folder, int count) {
    m_personalFolder = folder;
    m_personal->setText(count == 1 ? tr("Include my 1 personal sample")
                                   : tr("Include my %1 personal samples").arg(count));
    m_personal->setEnabled(!folder.isEmpty() && count > 0);
    m_personal->setToolTip(tr("The digits you corrected in the Draw tab join the training split"));
}

void TrainingForm::loadSettings(const Session &session) {
    const auto setting = [&session](const QString &key, const QVariant &fallback = {}) {
        return session.setting(kGroup, key, fallback);
    };
    const int architecture = m_architecture->findData(setting(QStringLiteral("architecture")));
    if (architecture >= 0)
        m_architecture->setCurrentIndex(architecture); // applies that network's defaults first
    if (setting(QStringLiteral("epochs")).isValid()) {
        m_epochs->setValue(setting(QStringLiteral("epochs")).toInt());
        m_batchSize->setValue(setting(QStringLiteral("batchSize")).toInt());
        m_learningRate->setText(setting(QStringLiteral("learningRate")).toString());
    }
    for (QComboBox *box : {m_optimizer, m_balancing}) {
        const int index = box->findData(setting(box->objectName()));
        if (index >= 0)
            box->setCurrentIndex(index);
    }
    m_augmentation->setChecked(setting(QStringLiteral("augmentation"), true).toBool());
    m_notDigit->setChecked(setting(QStringLiteral("notDigit"), true).toBool());
    m_keepBest->setChecked(setting(QStringLiteral("keepBest"), true).toBool());
    m_earlyStop->setValue(setting(QStringLiteral("earlyStop"), 0).toInt());
    m_seed->setValue(setting(QStringLiteral("seed"), 1).toInt());
    m_threads->setValue(setting(QStringLiteral("threads"), defaultThreads()).toInt());
    m_data->loadSettings(session, kGroup, QStringLiteral("data"));
    m_personal->setChecked(setting(QStringLiteral("personal"), true).toBool());
    m_excludeMarked->setChecked(setting(QStringLiteral("excludeMarked"), false).toBool());
    m_subset->setValue(setting(QStringLiteral("subset"), 0).toInt());
}

void TrainingForm::saveSettings(Session &session) const {
    const auto remember = [&session](const QString &key, const QVariant &value) {
        session.remember(kGroup, key, value);
    };
    remember(QStringLiteral("architecture"), m_architecture->currentData());
    remember(QStringLiteral("epochs"), m_epochs->value());
    remember(QStringLiteral("batchSize"), m_batchSize->value());
    remember(QStringLiteral("learningRate"), m_learningRate->text());
    for (const QComboBox *box : {m_optimizer, m_balancing})
        remember(box->objectName(), box->currentData());
    remember(QStringLiteral("augmentation"), m_augmentation->isChecked());
    remember(QStringLiteral("notDigit"), m_notDigit->isChecked());
    remember(QStringLiteral("keepBest"), m_keepBest->isChecked());
    remember(QStringLiteral("earlyStop"), m_earlyStop->value());
    remember(QStringLiteral("seed"), m_seed->value());
    remember(QStringLiteral("threads"), m_threads->value());
    m_data->saveSettings(session, kGroup, QStringLiteral("data"));
    remember(QStringLiteral("personal"), m_personal->isChecked());
    remember(QStringLiteral("excludeMarked"), m_excludeMarked->isChecked());
    remember(QStringLiteral("subset"), m_subset->value());
}

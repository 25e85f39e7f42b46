#include "draw_tab.h"

#include "canvas_widget.h"
#include "error.h"
#include "explainer.h"
#include "input_preview.h"
#include "probability_chart.h"
#include "session.h"

#include <QCheckBox>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QShortcut>
#include <QSlider>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace {
// Below either, the model is hesitating and the tab says so rather than show a number.
constexpr float kConfidentProbability = 0.6f;
constexpr float kConfidentMargin = 0.25f;
const QString kGroup = QStringLiteral("draw");
const QString kBrush = QStringLiteral("brush");
const QString kExplain = QStringLiteral("explain");
} // namespace

DrawTab::DrawTab(Session *session, QWidget *parent)
    : QWidget(parent), m_session(session), m_canvas(new CanvasWidget), m_preview(new InputPreview),
      m_chart(new ProbabilityChart), m_digit(new QLabel), m_verdict(new QLabel),
      m_timing(new QLabel), m_teachCount(new QLabel),
      m_fineTune(new QPushButton(tr("Teach the &Model"))), m_brush(new QSlider(Qt::Horizontal)),
      m_explain(new QCheckBox(tr("E&xplain"))), m_explainer(new Explainer(this)) {
    connect(m_canvas, &CanvasWidget::drawingChanged, this, [this] { requestReading(true); });
    connect(m_canvas, &CanvasWidget::strokeFinished, this, [this] { requestReading(); });
    connect(&m_service, &PredictionService::ready, this, &DrawTab::showOutcome);
    connect(&m_service, &JobRunner::failed, this, [this](const QString &reason) {
        PredictionOutcome outcome;
        outcome.error = reason;
        showOutcome(outcome);
    });
    connect(m_explainer, &Explainer::explained, this, &DrawTab::showExplanation);
    connect(m_explainer, &JobRunner::failed, this, [this](const QString &reason) {
        Q_EMIT message(tr("Cannot explain this reading: %1").arg(reason));
    });

    auto *undo = new QPushButton(QIcon::fromTheme(QStringLiteral("edit-undo")), tr("Undo"));
    undo->setToolTip(tr("Remove the last stroke (Ctrl+Z)"));
    connect(undo, &QPushButton::clicked, m_canvas, &CanvasWidget::undo);
    auto *clear = new QPushButton(QIcon::fromTheme(QStringLiteral("edit-clear")), tr("Clear"));
    clear->setToolTip(tr("Start again (Esc or Delete)"));
    connect(clear, &QPushButton::clicked, m_canvas, &CanvasWidget::clear);
    m_brush->setRange(4, 60);
    m_brush->setValue(int(m_canvas->brushWidth()));
    m_brush->setToolTip(tr("Brush width"));
    m_brush->setMaximumWidth(160);
    connect(m_brush, &QSlider::valueChanged, this,
            [this](int width) { m_canvas->setBrushWidth(width); });
    m_explain->setToolTip(
        tr("Overlay an occlusion heatmap: red strokes drove the prediction, blue ones "
           "argued against it"));
    connect(m_explain, &QCheckBox::toggled, this, [this](bool on) {
        if (on) {
            requestReading();
            return;
        }
        m_explainer->cancel();
        m_canvas->clearHeatOverlay();
    });

    auto *tools = new QHBoxLayout;
    tools->addWidget(new QLabel(tr("Brush")));
    tools->addWidget(m_brush);
    tools->addStretch();
    tools->addWidget(m_explain);
    tools->addWidget(undo);
    tools->addWidget(clear);
    auto *left = new QVBoxLayout;
    left->addWidget(m_canvas, 1);
    left->addLayout(tools);

    QFont digitFont = m_digit->font();
    digitFont.setPointSize(64);
    digitFont.setBold(true);
    m_digit->setObjectName(QStringLiteral("digit"));
    m_digit->setFont(digitFont);
    m_digit->setAlignment(Qt::AlignCenter);
    m_digit->setMinimumWidth(120);
    m_verdict->setAlignment(Qt::AlignCenter);
    m_verdict->setWordWrap(true);
    m_timing->setAlignment(Qt::AlignCenter);
    m_timing->setStyleSheet(QStringLiteral("color: gray"));
    auto *reading = new QVBoxLayout;
    reading->addWidget(m_digit);
    reading->addWidget(m_verdict);
    reading->addWidget(m_timing);
    auto *seesBox = new QVBoxLayout;
    auto *seesTitle = new QLabel(tr("What the model sees"));
    seesTitle->setAlignment(Qt::AlignCenter);
    seesBox->addWidget(seesTitle);
    seesBox->addWidget(m_preview, 0, Qt::AlignCenter);
    auto *top = new QHBoxLayout;
    top->addLayout(reading, 1);
    top->addLayout(seesBox);

    auto *right = new QVBoxLayout;
    right->addLayout(top);
    // For a number the chart gives way to a note, in the same place, so nothing else moves.
    m_chartOrNote = new QStackedWidget;
    m_chartOrNote->addWidget(m_chart);
    auto *numberNote = new QLabel(tr("Several digits: each one's reading is in its box on the "
                                     "canvas, and the verdict above lists them"));
    numberNote->setWordWrap(true);
    numberNote->setAlignment(Qt::AlignCenter);
    numberNote->setEnabled(false);
    m_chartOrNote->addWidget(numberNote);
    right->addWidget(m_chartOrNote, 1);
    right->addWidget(buildTeachRow());

    auto *layout = new QHBoxLayout(this);
    layout->addLayout(left, 3);
    layout->addLayout(right, 2);

    auto *undoShortcut = new QShortcut(QKeySequence::Undo, this);
    connect(undoShortcut, &QShortcut::activated, m_canvas, &CanvasWidget::undo);
    for (const QKeySequence &key : {QKeySequence(Qt::Key_Escape), QKeySequence(Qt::Key_Delete)})
        connect(new QShortcut(key, this), &QShortcut::activated, m_canvas, &CanvasWidget::clear);
    for (int digit = 0; digit <= 9; ++digit)
        connect(new QShortcut(QKeySequence(Qt::Key_0 + digit), this), &QShortcut::activated, this,
                [this, digit] { teach(digit); });

    m_brush->setValue(m_session->setting(kGroup, kBrush, m_brush->value()).toInt());
    m_explain->setChecked(m_session->setting(kGroup, kExplain, false).toBool());
    connect(m_brush, &QSlider::valueChanged, this,
            [this](int width) { m_session->remember(kGroup, kBrush, width); });
    connect(m_explain, &QCheckBox::toggled, this,
            [this](bool on) { m_session->remember(kGroup, kExplain, on); });
    connect(m_session, &Session::modelChanged, this, &DrawTab::useSessionModel);
    connect(m_session, &Session::personalSamplesChanged, this, &DrawTab::updateTeachCount);
    useSessionModel();
    updateTeachCount();
    showOutcome(PredictionOutcome{});
}

DrawTab::~DrawTab() = default;

QWidget *DrawTab::buildTeachRow() {
    auto *box = new QGroupBox(tr("Wrong? Tell it the right digit (keys 0-9)"));
    auto *grid = new QGridLayout(box);
    for (int digit = 0; digit <= 9; ++digit) {
        auto *button = new QPushButton(QString::number(digit));
        button->setMinimumWidth(28);
        button->setToolTip(tr("Save this drawing as a %1 in your personal data set").arg(digit));
        connect(button, &QPushButton::clicked, this, [this, digit] { teach(digit); });
        grid->addWidget(button, 0, digit);
    }
    m_fineTune->setToolTip(tr("Fine-tune the model in use on your personal samples (a few "
                              "seconds); the Train tab shows its progress and effect"));
    connect(m_fineTune, &QPushButton::clicked, this, &DrawTab::fineTuneRequested);
    grid->addWidget(m_teachCount, 1, 0, 1, 6);
    grid->addWidget(m_fineTune, 1, 6, 1, 4);
    return box;
}

void DrawTab::useSessionModel() {
    m_service.setModel(m_session->model());
    m_explainer->setModel(m_session->model());
    requestReading();
}

void DrawTab::openPicture(const QImage &picture) {
    m_canvas->setPicture(picture);
}

void DrawTab::requestReading(bool penMoving) {
    if (m_canvas->isEmpty()) {
        m_service.request(QImage()); // keeps the order of outcomes; reads as "empty"
        m_settledReading = 0;
        return;
    }
    // While the pen moves, each reading is soon replaced, and explaining one costs many readings.
    const quint64 request = m_service.request(m_canvas->image(), penMoving);
    m_settledReading = penMoving ? 0 : request;
    if (penMoving)
        m_explainer->cancel();
}

void DrawTab::showOutcome(const PredictionOutcome &outcome) {
    m_shown = outcome;
    if (!outcome.error.isEmpty() || outcome.prediction.digit < 0) {
        const bool empty = m_canvas->isEmpty();
        m_digit->setText(QStringLiteral("–"));
        m_digit->setStyleSheet(QString()); // an unsure reading's colour goes with it
        // Broken by hand, so that a narrow panel never leaves one word alone on a line.
        m_verdict->setText(empty ? tr("Draw a digit,\nor open or drop a picture") : outcome.error);
        m_timing->clear();
        m_chart->clear();
        m_chartOrNote->setCurrentWidget(m_chart);
        m_preview->setImage(QImage());
        m_canvas->clearHeatOverlay();
        m_canvas->setDigitBoxes({}, {});
    } else {
        const digitpad::Prediction &p = outcome.prediction;
        m_canvas->setDigitBoxes(outcome.digitBoxes, outcome.digitLabels);
        const bool number = !outcome.number.isEmpty();
        m_digit->setText(number        ? outcome.number
                         : p.isDigit() ? QString::number(p.digit)
                                       : QStringLiteral("?"));
        // For a number, the ten probabilities of the whole picture would mislead: each digit's
        // reading is on the canvas and in the verdict instead.
        m_chartOrNote->setCurrentIndex(number ? 1 : 0);
        if (number)
            m_chart->clear();
        else
            m_chart->setProbabilities(p.probabilities, !p.isDigit());
        m_preview->setImage(outcome.input);
        m_timing->setText(tr("read in %1 ms").arg(outcome.milliseconds, 0, 'f', 1));
        if (m_explain->isChecked() && outcome.request == m_settledReading)
            m_explainer->explain(outcome.modelInput, p.digit, outcome.request);
        m_verdict->setText(verdictText());
        m_verdict->setToolTip(p.notDigitScore
                                  ? tr("Not-a-digit score %1: from 1 up, the model says it is "
                                       "no digit")
                                        .arg(*p.notDigitScore, 0, 'f', 2)
                                  : QString());
        const bool sure = number || (p.isDigit() && p.confidence >= kConfidentProbability &&
                                     p.margin >= kConfidentMargin);
        m_digit->setStyleSheet(sure ? QString() : QStringLiteral("color: #b07000"));
    }
    Q_EMIT outcomeShown(outcome);
}

void DrawTab::showExplanation(const Explanation &explanation) {
    // A drawing changed since, or Explain unticked meanwhile, makes it stale.
    if (explanation.reading != m_shown.request || !m_explain->isChecked() ||
        explanation.heat.isNull())
        return;
    // The heat covers the model's input, finer than its pixels.
    const QTransform heatToInput =
        QTransform::fromScale(qreal(digitpad::kImageSide) / explanation.heat.width(),
                              qreal(digitpad::kImageSide) / explanation.heat.height());
    m_canvas->setHeatOverlay(explanation.heat, heatToInput * m_shown.inputToSource);
    m_timing->setText(tr("read in %1 ms, explained in %2 ms")
                          .arg(m_shown.milliseconds, 0, 'f', 1)
                          .arg(explanation.milliseconds, 0, 'f', 0));
}

QString DrawTab::verdictText() const {
    const digitpad::Prediction &p = m_shown.prediction;
    if (p.digit < 0)
        return QString();
    if (!m_shown.number.isEmpty()) {
        // Each digit's label stays on one line when the list wraps: a digit on one line and its
        // confidence on the next read as two readings.
        QStringList labels = m_shown.digitLabels;
        for (QString &label : labels)
            label.replace(QLatin1Char(' '), QChar::Nbsp);
        return tr("%1 digits: %2").arg(labels.size()).arg(labels.join(QStringLiteral(", ")));
    }
    if (!p.isDigit())
        return tr("Not a digit: this looks like a letter, a shape or a scribble (nearest digit: "
                  "%1, grey bars)")
            .arg(p.digit);
    if (p.confidence >= kConfidentProbability && p.margin >= kConfidentMargin)
        return tr("%1 with %2% confidence").arg(p.digit).arg(p.confidence * 100, 0, 'f', 1);
    int second = p.digit == 0 ? 1 : 0;
    for (int digit = 0; digit < 10; ++digit)
        if (digit != p.digit &&
            p.probabilities[std::size_t(digit)] > p.probabilities[std::size_t(second)])
            second = digit;
    return tr("Not sure: %1 or %2? (%3% / %4%)")
        .arg(p.digit)
        .arg(second)
        .arg(p.confidence * 100, 0, 'f', 0)
        .arg(p.probabilities[std::size_t(second)] * 100, 0, 'f', 0);
}

void DrawTab::teach(int digit) {
    if (m_shown.input.isNull()) {
        Q_EMIT message(tr("Nothing to save: draw a digit first"));
        return;
    }
    if (!m_shown.number.isEmpty()) {
        Q_EMIT message(tr("Corrections are one digit at a time: the canvas holds a number"));
        return;
    }
    digitpad::ModelInput input{};
    for (int y = 0; y < digitpad::kImageSide; ++y)
        for (int x = 0; x < digitpad::kImageSide; ++x)
            input[std::size_t(y) * digitpad::kImageSide + std::size_t(x)] =
                qGray(m_shown.input.pixel(x, y)) / 255.0f;
    QString error;
    Q_EMIT message(m_session->addPersonalSample(input, digit, &error)
                       ? tr("Saved as a %1 in your personal data set").arg(digit)
                       : error);
}

void DrawTab::setTrainingBusy(bool busy) {
    m_trainingBusy = busy;
    updateTeachCount();
}

void DrawTab::updateTeachCount() {
    const int count = m_session->personalSampleCount();
    m_teachCount->setText(!m_session->personalProblem().isEmpty()
                              ? m_session->personalProblem()
                              : (count == 1
                                     ? tr("1 sample in your personal data set")
                                     : tr("%1 samples in your personal data set").arg(count)));
    m_fineTune->setEnabled(count > 0 && !m_trainingBusy);
}

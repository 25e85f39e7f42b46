#include "open_set_page.h"

#include "open_set_measure.h"
#include "plot_style.h"

#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

Q_DECLARE_METATYPE(std::shared_ptr<const digitpad::OpenSetCurve>)

OpenSetRunner::OpenSetRunner(QObject *parent) : JobRunner(QStringLiteral("open set"), parent) {
    qRegisterMetaType<std::shared_ptr<const digitpad::OpenSetCurve>>();
}

bool OpenSetRunner::start(const digitpad::Classifier &model,
                          const std::shared_ptr<const digitpad::Dataset> &digits) {
    return startJob([this, model, digits]() -> Delivery {
        const auto measured = digitpad::measureOpenSet(
            model, *digits, [this](int done, int total) { Q_EMIT progress(done, total); });
        std::shared_ptr<const digitpad::OpenSetCurve> curve;
        if (measured)
            curve = std::make_shared<const digitpad::OpenSetCurve>(*measured);
        return [this, curve] { Q_EMIT finished(curve); };
    });
}

OpenSetPage::OpenSetPage(QWidget *parent)
    : QWidget(parent), m_measure(new QPushButton(tr("&Measure Against Unseen Doodles"))),
      m_verdict(new QLabel), m_plot(new QCustomPlot) {
    m_measure->setToolTip(
        tr("Read the evaluated digits and real doodles of kinds the model never trained on, and "
           "show how well \"not a digit\" tells them apart at every threshold"));
    m_measure->setEnabled(false);
    m_verdict->setWordWrap(true);
    m_verdict->setText(tr("Evaluate the model first, then measure."));
    m_plot->setMinimumHeight(200);
    setUpAxes();
    auto *top = new QHBoxLayout;
    top->addWidget(m_verdict, 1);
    top->addWidget(m_measure);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_plot, 1);
    connect(m_measure, &QPushButton::clicked, this, &OpenSetPage::measure);
    connect(&m_runner, &JobRunner::progress, this, [this](int done, int total) {
        m_verdict->setText(tr("Reading %1 of %2 pictures...")
                               .arg(QLocale().toString(done), QLocale().toString(total)));
    });
    connect(&m_runner, &OpenSetRunner::finished, this, &OpenSetPage::show);
    connect(&m_runner, &JobRunner::failed, this, [this](const QString &reason) {
        m_verdict->setText(tr("Cannot measure: %1").arg(reason));
        m_measure->setEnabled(true);
    });
}

void OpenSetPage::setUpAxes() {
    // Only the left end matters in use: a model that rejects more than a few real digits is
    // of no use, however many doodles it rejects with them.
    m_plot->xAxis->setScaleType(QCPAxis::stLogarithmic);
    m_plot->xAxis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
    m_plot->xAxis->setRange(0.01, 100);
    m_plot->yAxis->setRange(0, 100);
    m_plot->xAxis->setLabel(tr("real digits rejected (%, log scale)"));
    m_plot->yAxis->setLabel(tr("unseen doodles rejected (%)"));
}

void OpenSetPage::setSubject(const digitpad::Classifier &model, const digitpad::Dataset &digits) {
    m_model = model;
    m_digits = std::make_shared<const digitpad::Dataset>(digits);
    m_curve.reset();
    m_plot->clearPlottables();
    m_plot->replot();
    const bool hasClass = model.metadata().notDigitClass;
    m_measure->setEnabled(hasClass && !isBusy());
    m_verdict->setText(hasClass ? tr("Ready to measure on %1 digits of %2.")
                                      .arg(QLocale().toString(digits.size()), digits.name)
                                : tr("This model has no \"not a digit\" answer."));
}

bool OpenSetPage::measure() {
    if (m_model.isNull() || isBusy() || !m_runner.start(m_model, m_digits))
        return false;
    m_measure->setEnabled(false);
    return true;
}

void OpenSetPage::show(const std::shared_ptr<const digitpad::OpenSetCurve> &curve) {
    m_curve = curve;
    m_measure->setEnabled(true);
    if (!curve)
        return;
    m_plot->clearPlottables();
    auto *graph = new QCPGraph(m_plot->xAxis, m_plot->yAxis);
    graph->setName(tr("every threshold"));
    graph->setPen(QPen(QColor(40, 110, 220), 2));
    for (const digitpad::OpenSetPoint &point : curve->points)
        graph->addData(100 * point.digitsRejected, 100 * point.nonDigitsRejected);
    auto *model = new QCPGraph(m_plot->xAxis, m_plot->yAxis);
    model->setName(tr("the model's threshold"));
    model->setLineStyle(QCPGraph::lsNone);
    model->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssDisc, QColor(220, 110, 30), QColor(220, 110, 30), 9));
    model->addData(100 * curve->atModelThreshold.digitsRejected,
                   100 * curve->atModelThreshold.nonDigitsRejected);
    m_plot->legend->setVisible(true);
    placeLegendBelow(m_plot);
    m_plot->replot();
    const QLocale locale;
    m_verdict->setText(
        tr("At its threshold the model rejects <b>%1%</b> of %2 unseen doodles and %3% of %4 "
           "real digits. A doodle scores above a digit %5% of the time.")
            .arg(locale.toString(100 * curve->atModelThreshold.nonDigitsRejected, 'f', 1),
                 locale.toString(curve->nonDigits),
                 locale.toString(100 * curve->atModelThreshold.digitsRejected, 'f', 2),
                 locale.toString(curve->digits), locale.toString(100 * curve->area, 'f', 1)));
    Q_EMIT measured();
}

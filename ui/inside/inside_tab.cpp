#include "inside_tab.h"

#include "activation_pictures.h"
#include "digit_picture.h"
#include "error.h"
#include "feature_map_view.h"
#include "session.h"
#include "user_folders.h"

#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QScrollArea>
#include <QSplitter>
#include <QTabWidget>

namespace {
QString cacheFolder() {
    return digitpad::userCacheFolder() + QStringLiteral("/features");
}

void savePicture(const QImage &image, const QString &path) {
    QSaveFile file(path); // atomic: an interrupted export leaves no half picture
    if (!file.open(QIODevice::WriteOnly) || !image.save(&file, "PNG") || !file.commit())
        throw digitpad::Error(
            QStringLiteral("%1: cannot write the picture (%2)").arg(path, file.errorString()));
}

QString layerCaption(const digitpad::LayerActivation &layer) {
    const QString name = QStringLiteral("<b>%1</b>: ").arg(layer.name);
    if (layer.name == QStringLiteral("logits"))
        return name + (layer.channels > 10 ? InsideTab::tr("the 10 digits and \"not a digit\"")
                                           : InsideTab::tr("the 10 digits"));
    if (layer.height == 1)
        return name + InsideTab::tr("%1 units").arg(layer.channels);
    const QString maps =
        layer.channels == 1 ? InsideTab::tr("1 map") : InsideTab::tr("%1 maps").arg(layer.channels);
    return name +
           InsideTab::tr("%1 of %2x%3%4")
               .arg(maps)
               .arg(layer.width)
               .arg(layer.height)
               .arg(layer.channels > 32 ? InsideTab::tr(", the 32 strongest shown") : QString());
}

QString layerFileName(const QString &layer) {
    return QStringLiteral("layer-%1.png").arg(QString(layer).replace(QLatin1Char(' '), '-'));
}
} // namespace

InsideTab::InsideTab(Session *session, QWidget *parent)
    : QWidget(parent), m_session(session), m_inspector(new LiveInspector(this)),
      m_featureRunner(new FeatureSpaceRunner(this)), m_layerColumn(new QVBoxLayout),
      m_layerHint(new QLabel), m_filters(new QLabel), m_filtersCaption(new QLabel),
      m_lookAlikes(new QListWidget), m_map(new FeatureMapView), m_picked(new QLabel),
      m_pickedDigit(new QLabel), m_status(new QLabel), m_progress(new QProgressBar),
      m_exportFeatures(new QPushButton(tr("Export Features..."))), m_splitter(new QSplitter) {
    auto *exportPictures = new QPushButton(tr("Export Pi&ctures..."));
    auto *bar = new QHBoxLayout;
    bar->addWidget(m_status, 1);
    bar->addWidget(m_progress);
    bar->addWidget(exportPictures);
    bar->addWidget(m_exportFeatures);
    m_progress->setVisible(false);
    m_progress->setMaximumWidth(220);
    m_exportFeatures->setEnabled(false);
    m_status->setWordWrap(true);

    auto *layers = new QWidget;
    m_layerHint->setText(tr("Draw a digit on the canvas: every layer of the network appears here "
                            "and follows the pen."));
    m_layerHint->setWordWrap(true);
    m_layerColumn->addWidget(m_layerHint);
    m_layerColumn->addStretch(1);
    layers->setLayout(m_layerColumn);
    auto *layerScroll = new QScrollArea;
    layerScroll->setWidget(layers);
    layerScroll->setWidgetResizable(true);

    m_lookAlikes->setViewMode(QListView::IconMode);
    m_lookAlikes->setIconSize(QSize(56, 56));
    m_lookAlikes->setGridSize(QSize(84, 96));
    m_lookAlikes->setMovement(QListView::Static);
    m_lookAlikes->setResizeMode(QListView::Adjust);
    m_lookAlikes->setToolTip(tr("The training digits nearest to your drawing in the network's "
                                "own feature space (its last hidden layer), nearest first"));
    auto *mapPage = new QWidget;
    auto *mapLayout = new QVBoxLayout(mapPage);
    mapLayout->addWidget(m_map, 1);
    auto *pickedRow = new QHBoxLayout;
    pickedRow->addWidget(m_pickedDigit);
    pickedRow->addWidget(m_picked, 1);
    mapLayout->addLayout(pickedRow);
    m_picked->setText(tr("Click a dot to see its digit; double-click to read it in the Draw tab."));
    m_picked->setWordWrap(true); // else its one line sets the narrowest the view can be
    auto *filterPage = new QWidget;
    auto *filterLayout = new QVBoxLayout(filterPage);
    filterLayout->addWidget(m_filtersCaption);
    auto *filterScroll = new QScrollArea;
    filterScroll->setWidget(m_filters);
    filterScroll->setWidgetResizable(true);
    m_filters->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    filterLayout->addWidget(filterScroll, 1);
    m_filtersCaption->setWordWrap(true);

    auto *pages = new QTabWidget;
    pages->addTab(mapPage, tr("Map of All Digits"));
    pages->addTab(m_lookAlikes, tr("Look-alikes"));
    pages->addTab(filterPage, tr("Filters"));
    m_splitter->addWidget(layerScroll);
    m_splitter->addWidget(pages);
    m_splitter->setSizes({460, 640}); // the layers' grids want about 8 maps across
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_splitter, 1);

    connect(m_inspector, &LiveInspector::inspected, this, &InsideTab::showInspection);
    connect(m_inspector, &JobRunner::failed, this, &InsideTab::message);
    connect(m_featureRunner, &FeatureSpaceRunner::progress, this, [this](int done, int total) {
        m_progress->setVisible(true);
        m_progress->setRange(0, total);
        m_progress->setValue(done);
    });
    connect(m_featureRunner, &FeatureSpaceRunner::mapReady, this, &InsideTab::showFeatureSpace);
    connect(m_featureRunner, &FeatureSpaceRunner::finished, this, &InsideTab::showFeatureSpace);
    connect(m_featureRunner, &JobRunner::failed, this, [this](const QString &reason) {
        if (!m_featureRunner->stopRequested()) // stopped for a new model: not a failure
            m_status->setText(tr("Look-alikes and map unavailable: %1").arg(reason));
    });
    connect(m_featureRunner, &JobRunner::idle, this, [this] {
        m_progress->setVisible(false);
        if (!m_space && isVisible()) // the model changed while the last one was computed
            computeFeatureSpace();
    });
    connect(m_map, &FeatureMapView::sampleClicked, this, &InsideTab::showPicked);
    connect(m_map, &FeatureMapView::sampleOpened, this, [this](int index) {
        if (m_space)
            Q_EMIT sendToDraw(digitPicture(m_space->test.image(index)));
    });
    connect(m_lookAlikes, &QListWidget::itemDoubleClicked, this, [this](QListWidgetItem *item) {
        if (m_space)
            Q_EMIT sendToDraw(
                digitPicture(m_space->training.image(item->data(Qt::UserRole).toInt())));
    });
    connect(exportPictures, &QPushButton::clicked, this, &InsideTab::exportPicturesDialog);
    connect(m_exportFeatures, &QPushButton::clicked, this, &InsideTab::exportFeaturesDialog);
    connect(m_session, &Session::modelChanged, this, &InsideTab::useSessionModel);
    useSessionModel();
}

void InsideTab::useSessionModel() {
    const digitpad::Classifier &model = m_session->model();
    m_inspector->setModel(model);
    m_inspector->setFeatureSpace(nullptr);
    m_space.reset();
    ++m_featureRequest;
    showLookAlikes({});
    m_map->setSpace(nullptr);
    m_exportFeatures->setEnabled(false);
    m_featureRunner->stop();
    if (model.isNull()) {
        m_status->setText(tr("No model loaded."));
        return;
    }
    try {
        const digitpad::FilterBank filters = digitpad::firstLayerFilters(model);
        m_filters->setPixmap(QPixmap::fromImage(filterPicture(filters)));
        m_filtersCaption->setText(
            tr("The %1 learned filters of the first layer (%2, %3x%4 each): red weights "
               "answer ink, blue ones its absence; each filter on its own scale.")
                .arg(filters.count)
                .arg(filters.layer)
                .arg(filters.width)
                .arg(filters.height));
    } catch (const digitpad::Error &error) {
        m_filtersCaption->setText(error.message());
    }
    m_status->setText(tr("Draw in the Draw tab: every layer follows the pen."));
    if (isVisible())
        computeFeatureSpace();
}

void InsideTab::showEvent(QShowEvent *event) {
    QWidget::showEvent(event);
    computeFeatureSpace();
    if (m_lastInput)
        m_inspector->inspect(*m_lastInput);
}

void InsideTab::resizeEvent(QResizeEvent *event) {
    QWidget::resizeEvent(event);
    // Narrow and tall, as beside the main window on a laptop's screen, the map goes under the
    // layers instead of squeezing in beside them.
    m_splitter->setOrientation(width() < height() ? Qt::Vertical : Qt::Horizontal);
}

void InsideTab::computeFeatureSpace() {
    if (m_space || m_featureRunner->isRunning() || m_session->model().isNull())
        return;
    m_status->setText(tr("Computing the features of 70,000 MNIST digits for the look-alikes "
                         "and the map (once per model)..."));
    if (!m_featureRunner->start(m_session->model(), m_session->modelPath(), cacheFolder(),
                                m_featureRequest))
        m_status->setText(tr("Busy; try again in a moment."));
}

void InsideTab::inspect(const digitpad::ModelInput &input) {
    m_lastInput = input;
    if (isVisible()) // hidden, it costs the drawing nothing; showing it catches up
        m_inspector->inspect(input);
}

void InsideTab::showInspection(const Inspection &inspection) {
    m_last = inspection;
    m_layerHint->hide();
    while (m_layerLabels.size() < int(inspection.layers.size())) {
        auto *caption = new QLabel;
        auto *picture = new QLabel;
        m_layerColumn->insertWidget(m_layerColumn->count() - 1, caption);
        m_layerColumn->insertWidget(m_layerColumn->count() - 1, picture);
        m_layerLabels.append(std::make_pair(caption, picture));
    }
    for (int i = 0; i < m_layerLabels.size(); ++i) {
        const bool used = i < int(inspection.layers.size());
        m_layerLabels[i].first->setVisible(used);
        m_layerLabels[i].second->setVisible(used);
        if (!used)
            continue;
        const digitpad::LayerActivation &layer = inspection.layers[std::size_t(i)];
        m_layerLabels[i].first->setText(layerCaption(layer));
        m_layerLabels[i].second->setPixmap(QPixmap::fromImage(layerPicture(layer)));
    }
    showLookAlikes(inspection.lookAlikes);
    m_map->setDrawing(inspection.mapPoint);
}

void InsideTab::showLookAlikes(const std::vector<digitpad::LookAlike> &lookAlikes) {
    std::vector<int> indices;
    indices.reserve(lookAlikes.size());
    for (const digitpad::LookAlike &alike : lookAlikes)
        indices.push_back(alike.index);
    if (indices == m_shownLookAlikes)
        return; // the same digits: most strokes change the drawing but not its neighbours
    m_shownLookAlikes = m_space ? indices : std::vector<int>{}; // what the list really shows
    m_lookAlikes->clear();
    if (m_space)
        for (const digitpad::LookAlike &alike : lookAlikes) {
            auto *item = new QListWidgetItem(
                QIcon(QPixmap::fromImage(digitPicture(m_space->training.image(alike.index))
                                             .scaled(m_lookAlikes->iconSize()))),
                tr("%1  (%2)").arg(alike.label).arg(double(alike.distance), 0, 'f', 1));
            item->setData(Qt::UserRole, alike.index);
            item->setToolTip(tr("training digit #%1, labelled %2; distance %3")
                                 .arg(alike.index)
                                 .arg(alike.label)
                                 .arg(double(alike.distance), 0, 'f', 2));
            m_lookAlikes->addItem(item);
        }
}

void InsideTab::showFeatureSpace(const std::shared_ptr<const FeatureSpace> &space) {
    if (space->request != m_featureRequest)
        return; // computed for the model before the live one
    m_space = space;
    m_inspector->setFeatureSpace(space);
    m_map->setSpace(space);
    m_exportFeatures->setEnabled(true);
    if (m_lastInput) // the drawing already shown gets its look-alikes and its place on the map
        m_inspector->inspect(*m_lastInput);
    int errors = 0;
    for (int i = 0; i < space->testFeatures.count; ++i)
        errors += space->testFeatures.labels[std::size_t(i)] !=
                  space->testFeatures.predicted[std::size_t(i)];
    const QString lookAlikes = space->trainingFeatures.count > 0
                                   ? tr("Look-alikes come from the %1 training digits.")
                                         .arg(QLocale().toString(space->trainingFeatures.count))
                                   : tr("Look-alikes: computing the training digits' features...");
    m_status->setText(tr("Map: the %1 official test digits by their %2 features, on the two axes "
                         "that keep %3% of their spread; %4 misread digits ringed. %5")
                          .arg(QLocale().toString(space->testFeatures.count))
                          .arg(space->testFeatures.dimensions)
                          .arg(space->map.explainedVariance * 100, 0, 'f', 0)
                          .arg(errors)
                          .arg(lookAlikes));
}

void InsideTab::showPicked(int index) {
    if (!m_space)
        return;
    const int label = m_space->testFeatures.labels[std::size_t(index)];
    const int read = m_space->testFeatures.predicted[std::size_t(index)];
    m_pickedDigit->setPixmap(QPixmap::fromImage(
        digitPicture(m_space->test.image(index)).scaled(56, 56, Qt::KeepAspectRatio)));
    m_picked->setText(
        tr("Test digit #%1: labelled <b>%2</b>, read as <b>%3</b>%4. Double-click it on the map "
           "to read it in the Draw tab.")
            .arg(index)
            .arg(label)
            .arg(read)
            .arg(label == read ? QString() : tr(" (misread)")));
}

QStringList InsideTab::exportPictures(const QString &folder) const {
    QStringList written;
    const auto save = [&](const QImage &image, const QString &name) {
        const QString path = QDir(folder).filePath(name);
        savePicture(image, path);
        written.append(path);
    };
    for (const digitpad::LayerActivation &layer : m_last.layers)
        save(layerPicture(layer), layerFileName(layer.name));
    if (!m_session->model().isNull())
        save(filterPicture(digitpad::firstLayerFilters(m_session->model())),
             QStringLiteral("filters.png"));
    if (m_space) {
        const QString mapPath = QDir(folder).filePath(QStringLiteral("map.png"));
        if (!m_map->savePng(mapPath, 900, 700))
            throw digitpad::Error(QStringLiteral("%1: cannot write the map").arg(mapPath));
        written.append(mapPath);
        if (!m_last.lookAlikes.empty()) {
            QImage strip(digitpad::kImageSide * int(m_last.lookAlikes.size()), digitpad::kImageSide,
                         QImage::Format_Grayscale8);
            strip.fill(0);
            for (std::size_t i = 0; i < m_last.lookAlikes.size(); ++i) {
                const QImage digit =
                    digitPicture(m_space->training.image(m_last.lookAlikes[i].index));
                for (int y = 0; y < digitpad::kImageSide; ++y)
                    std::copy(digit.constScanLine(y), digit.constScanLine(y) + digitpad::kImageSide,
                              strip.scanLine(y) + i * digitpad::kImageSide);
            }
            save(strip.scaled(strip.size() * 4), QStringLiteral("look-alikes.png"));
        }
    }
    return written;
}

void InsideTab::exportPicturesDialog() {
    const QString folder = QFileDialog::getExistingDirectory(
        this, tr("Export Pictures To"),
        m_session
            ->setting(QStringLiteral("inside"), QStringLiteral("exportFolder"), QDir::homePath())
            .toString());
    if (folder.isEmpty())
        return;
    m_session->remember(QStringLiteral("inside"), QStringLiteral("exportFolder"), folder);
    try {
        Q_EMIT message(
            tr("Wrote %1 pictures to %2").arg(exportPictures(folder).size()).arg(folder));
    } catch (const digitpad::Error &error) {
        Q_EMIT message(error.message());
    }
}

void InsideTab::exportFeaturesDialog() {
    if (!m_space)
        return;
    const QString stem = QFileDialog::getSaveFileName(
        this, tr("Export Features (NumPy .npy)"),
        QDir(m_session
                 ->setting(QStringLiteral("inside"), QStringLiteral("exportFolder"),
                           QDir::homePath())
                 .toString())
            .filePath(QStringLiteral("mnist-test")));
    if (stem.isEmpty())
        return;
    try {
        const QStringList files = digitpad::exportFeatures(m_space->testFeatures, stem);
        Q_EMIT message(tr("Wrote %1").arg(files.join(QStringLiteral(", "))));
    } catch (const digitpad::Error &error) {
        Q_EMIT message(error.message());
    }
}

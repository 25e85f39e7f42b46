#include "prediction_requests.h"

#include "error.h"
#include "multipart.h"
#include "number_reading.h"
#include "preprocess.h"

#include <QBuffer>
#include <QElapsedTimer>
#include <QImageReader>
#include <QJsonArray>
#include <QSemaphore>

namespace digitpad {

namespace {
// A failure the client caused, with the status that says so.
struct RequestError {
    int status;
    QString message;
};

QByteArray mediaType(const QByteArray &contentType) {
    return contentType.split(';').first().trimmed().toLower();
}

bool isImageType(const QByteArray &type) {
    static const QList<QByteArray> accepted = {"image/png",      "image/jpeg",
                                               "image/jpg",      "image/bmp",
                                               "image/x-ms-bmp", "application/octet-stream"};
    return accepted.contains(type);
}

const QString kAcceptedTypes =
    QStringLiteral("image/png, image/jpeg, image/bmp, application/octet-stream or "
                   "multipart/form-data");

struct NamedImage {
    QString name;
    QByteArray bytes;
};

// The images of an upload, or the RequestError that explains why there are none.
std::vector<NamedImage> imagesOf(const HttpRequest &request, int maxImages) {
    const QByteArray contentType = request.header("content-type");
    const QByteArray type = mediaType(contentType);
    if (request.body.isEmpty())
        throw RequestError{400, QStringLiteral("the request has no body: send an image")};
    if (isImageType(type))
        return {{QStringLiteral("body"), request.body}};
    if (type != "multipart/form-data")
        throw RequestError{
            415, QStringLiteral("unsupported Content-Type '%1': send %2")
                     .arg(QString::fromLatin1(type.isEmpty() ? "none" : type), kAcceptedTypes)};
    std::vector<MultipartPart> parts;
    try {
        parts = parseMultipart(request.body, multipartBoundary(contentType));
    } catch (const Error &error) {
        throw RequestError{400, error.message()};
    }
    std::vector<NamedImage> images;
    for (const MultipartPart &part : parts) {
        if (part.fileName.isEmpty() && part.contentType.isEmpty())
            continue; // a plain form field
        const QString name = QString::fromUtf8(part.fileName.isEmpty() ? part.name : part.fileName);
        if (!part.contentType.isEmpty() && !isImageType(part.contentType))
            throw RequestError{
                415, QStringLiteral("part '%1' has unsupported Content-Type "
                                    "'%2': send %3")
                         .arg(name, QString::fromLatin1(part.contentType), kAcceptedTypes)};
        images.push_back({name, part.body});
    }
    if (images.empty())
        throw RequestError{400, QStringLiteral("the form holds no image file")};
    // /predict reads one image: more is a malformed request, not a large one.
    if (maxImages == 1 && images.size() > 1)
        throw RequestError{400, QStringLiteral("%1 images sent to /predict, which reads one; "
                                               "/predict/batch reads several")
                                    .arg(images.size())};
    if (int(images.size()) > maxImages)
        throw RequestError{413, QStringLiteral("%1 images in one request; at most %2")
                                    .arg(images.size())
                                    .arg(maxImages)};
    return images;
}

QJsonArray inputRows(const ModelInput &input) {
    QJsonArray rows;
    for (int y = 0; y < kImageSide; ++y) {
        QJsonArray row;
        for (int x = 0; x < kImageSide; ++x)
            row.append(int(std::lround(
                std::clamp(input[std::size_t(y) * kImageSide + std::size_t(x)], 0.0f, 1.0f) *
                255)));
        rows.append(row);
    }
    return rows;
}

// Pictures above this many pixels are read one at a time, whatever the number of workers. Qt
// decodes a picture whole (its PNG and JPEG readers' reduced-size decoding was measured to cost
// more memory, not less): a 40 MP picture holds 160 MB while it is read, so that only one such
// picture at a time keeps the server's memory bounded.
constexpr qint64 kLargePicturePixels = 4'000'000;

bool isLargePicture(const QByteArray &bytes) {
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    const QSize size = QImageReader(&buffer).size(); // the header only
    return !size.isValid() || qint64(size.width()) * size.height() > kLargePicturePixels;
}

// Throws digitpad::Error for bytes that are not a decodable image or hold no ink, and a
// RequestError when no one waits for the reading any more.
QJsonObject readImage(const Classifier &model, const NamedImage &image,
                      const std::function<bool()> &abandoned) {
    static QSemaphore largePictures(1);
    QElapsedTimer timer;
    timer.start();
    QSemaphoreReleaser permit;
    if (isLargePicture(image.bytes)) {
        largePictures.acquire();
        permit = QSemaphoreReleaser(largePictures);
    }
    if (abandoned()) // while it waited its turn
        throw RequestError{503, QStringLiteral("abandoned: no one waits for the answer")};
    const QImage decoded = decodeImage(image.bytes, image.name); // its errors name the image
    PictureReading picture;
    try {
        picture = readPicture(model, decoded);
    } catch (const Error &error) { // so do these, as the CLI's do
        throw Error(QStringLiteral("%1: %2").arg(image.name, error.message()));
    }
    QJsonObject reading = picture.toJson();
    reading.insert(QStringLiteral("input"), inputRows(picture.wholeInput.input));
    reading.insert(QStringLiteral("milliseconds"), double(timer.nsecsElapsed()) / 1e6);
    return reading;
}
} // namespace

HttpResponse predictOne(const Classifier &model, const HttpRequest &request,
                        const std::function<bool()> &abandoned) {
    try {
        const std::vector<NamedImage> images = imagesOf(request, 1);
        return HttpResponse::json(readImage(model, images.front(), abandoned));
    } catch (const RequestError &error) {
        return HttpResponse::error(error.status, error.message);
    } catch (const Error &error) {
        return HttpResponse::error(400, error.message());
    }
}

HttpResponse predictBatch(const Classifier &model, const HttpRequest &request, int maxImages,
                          const QDeadlineTimer &deadline, const std::function<bool()> &abandoned) {
    try {
        if (mediaType(request.header("content-type")) != "multipart/form-data")
            throw RequestError{
                415,
                QStringLiteral("/predict/batch takes multipart/form-data with one file per image")};
        QJsonArray results;
        int read = 0;
        for (const NamedImage &image : imagesOf(request, maxImages)) {
            if (deadline.hasExpired())
                return HttpResponse::busy(QStringLiteral("the batch took too long; %1 of its "
                                                         "images were read. Send fewer or "
                                                         "smaller images")
                                              .arg(read));
            QJsonObject result{{QStringLiteral("file"), image.name}};
            try {
                const QJsonObject reading = readImage(model, image, abandoned);
                for (auto field = reading.begin(); field != reading.end(); ++field)
                    result.insert(field.key(), field.value());
                ++read;
            } catch (const Error &error) { // one bad image does not spoil the others
                result.insert(QStringLiteral("error"), error.message());
            }
            results.append(result);
        }
        return HttpResponse::json(
            QJsonObject{{QStringLiteral("predictions"), results}, {QStringLiteral("read"), read}},
            read > 0 ? 200 : 400);
    } catch (const RequestError &error) {
        return HttpResponse::error(error.status, error.message);
    }
}

} // namespace digitpad

#include "quickdraw.h"

#include "bundled_data.h"
#include "error.h"
#include "gzip.h"

#include <QFile>
#include <QSet>
#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <optional>

namespace digitpad {

namespace {
// 345 categories of 50 drawings, each line under 4 KB: a file far larger is not one of ours.
constexpr qint64 kMaxCompressedBytes = 64ll << 20;
constexpr qsizetype kMaxInflatedBytes = qsizetype(256) << 20;
constexpr int kMaxDoodles = 100'000;

// Reads one line, {"category":"...","drawing":k,"ink":[784 numbers]}, strictly in that order,
// as setup writes it: a hand-written reader, since a JSON parser per line takes seconds here.
class DoodleLine {
  public:
    DoodleLine(const char *begin, const char *end) : m_at(begin), m_end(end) {}

    QString category;
    int drawing = -1;
    std::array<std::uint8_t, kImagePixels> ink{};

    // Returns what is wrong, or an empty string.
    QString parse() {
        if (!expect("{\"category\":\""))
            return QStringLiteral("expected {\"category\":");
        const char *nameEnd = std::find(m_at, m_end, '"');
        if (nameEnd == m_end || nameEnd - m_at > 100 || nameEnd == m_at)
            return QStringLiteral("bad category name");
        category = QString::fromUtf8(m_at, nameEnd - m_at);
        m_at = nameEnd + 1;
        if (!expect(",\"drawing\":"))
            return QStringLiteral("expected \"drawing\":");
        const auto [afterNumber, status] = std::from_chars(m_at, m_end, drawing);
        if (status != std::errc() || drawing < 0 || drawing > 1'000'000)
            return QStringLiteral("bad drawing number");
        m_at = afterNumber;
        if (!expect(",\"ink\":["))
            return QStringLiteral("expected \"ink\":[");
        for (int i = 0; i < kImagePixels; ++i) {
            if (i > 0 && !expect(","))
                return QStringLiteral("expected %1 ink values, found %2").arg(kImagePixels).arg(i);
            const std::optional<float> value = inkValue();
            if (!value)
                return QStringLiteral("ink value %1 is not a number in [0, 1]").arg(i);
            ink[std::size_t(i)] = std::uint8_t(std::lround(*value * 255.0f));
        }
        if (!expect("]}") || m_at != m_end)
            return QStringLiteral("expected %1 ink values and the end of the line")
                .arg(kImagePixels);
        return {};
    }

  private:
    // A value as setup writes them ("0", "1", "0.686"), read by hand since most are a lone
    // digit; any other spelling of a number goes to from_chars.
    std::optional<float> inkValue() {
        const char *at = m_at;
        if (at < m_end && (*at == '0' || *at == '1')) {
            const int whole = *at++ - '0';
            int fraction = 0, scale = 1;
            if (at < m_end && *at == '.')
                for (++at; at < m_end && *at >= '0' && *at <= '9' && scale < 1'000'000; ++at) {
                    fraction = fraction * 10 + (*at - '0');
                    scale *= 10;
                }
            if (at < m_end && (*at == ',' || *at == ']') && whole + fraction <= scale &&
                (whole == 0 || fraction == 0)) {
                m_at = at;
                return float(whole) + float(fraction) / float(scale);
            }
        }
        float value = 0.0f;
        const auto [next, error] = std::from_chars(m_at, m_end, value);
        if (error != std::errc() || !std::isfinite(value) || value < 0.0f || value > 1.0f)
            return std::nullopt;
        m_at = next;
        return value;
    }
    bool expect(const char *text) {
        const std::size_t length = std::char_traits<char>::length(text);
        if (std::size_t(m_end - m_at) < length || !std::equal(text, text + length, m_at))
            return false;
        m_at += length;
        return true;
    }
    const char *m_at;
    const char *m_end;
};

QByteArray inflatedFile(const QString &path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw Error(QStringLiteral("%1: cannot open the doodles (%2); run scripts/setup.sh")
                        .arg(path, file.errorString()));
    if (file.size() > kMaxCompressedBytes)
        throw Error(QStringLiteral("%1: %2 bytes is too large for a doodles file")
                        .arg(path)
                        .arg(file.size()));
    const QByteArray compressed = file.readAll();
    if (!isGzip(compressed))
        throw Error(QStringLiteral("%1: not a gzip file").arg(path));
    GzipStream stream(compressed, path);
    return stream.readRest(kMaxInflatedBytes, "the doodles");
}
} // namespace

DoodleSet DoodleSet::subset(const std::vector<int> &indices) const {
    DoodleSet result;
    result.categories = categories;
    result.pixels.reserve(indices.size() * kImagePixels);
    for (int index : indices) {
        result.pixels.insert(result.pixels.end(), image(index), image(index) + kImagePixels);
        result.category.push_back(category[std::size_t(index)]);
    }
    return result;
}

bool isDigitLikeCategory(const QString &category) {
    // Drawn, these are a 0 and a 1.
    static const QSet<QString> digitLike{QStringLiteral("circle"), QStringLiteral("line")};
    return digitLike.contains(category);
}

bool isHeldOutCategory(const QString &category) {
    // By a hash of the name (FNV-1a, the same on every machine and Qt version), not its place in
    // a list, so that the choice does not move when a category is added or left out.
    std::uint32_t hash = 2166136261u;
    for (const char byte : category.toUtf8()) {
        hash ^= std::uint8_t(byte);
        hash *= 16777619u;
    }
    return !isDigitLikeCategory(category) && hash % 7 == 0;
}

DoodleSet loadDoodles(const QString &path) {
    const QByteArray text = inflatedFile(path);
    std::map<QString, std::vector<std::array<std::uint8_t, kImagePixels>>> byCategory;
    int lineNumber = 0, count = 0;
    const char *at = text.constData(), *end = at + text.size();
    while (at < end) {
        const char *lineEnd = std::find(at, end, '\n');
        ++lineNumber;
        if (lineEnd != at) {
            DoodleLine line(at, lineEnd);
            const QString problem = line.parse();
            if (!problem.isEmpty())
                throw Error(
                    QStringLiteral("%1: line %2: %3").arg(path).arg(lineNumber).arg(problem));
            if (line.drawing < kFirstUsableDrawing)
                throw Error(QStringLiteral("%1: line %2: drawing %3 of \"%4\" is reserved for "
                                           "judging (drawings 0-%5 must never be read)")
                                .arg(path)
                                .arg(lineNumber)
                                .arg(line.drawing)
                                .arg(line.category)
                                .arg(kFirstUsableDrawing - 1));
            if (++count > kMaxDoodles)
                throw Error(QStringLiteral("%1: more than %2 doodles").arg(path).arg(kMaxDoodles));
            byCategory[line.category].push_back(line.ink);
        }
        at = lineEnd + (lineEnd < end ? 1 : 0);
    }
    if (count == 0)
        throw Error(QStringLiteral("%1: holds no doodles").arg(path));
    DoodleSet doodles;
    doodles.pixels.reserve(std::size_t(count) * kImagePixels);
    for (const auto &[category, inks] : byCategory) {
        const int index = int(doodles.categories.size());
        doodles.categories.append(category);
        for (const auto &ink : inks) {
            doodles.pixels.insert(doodles.pixels.end(), ink.begin(), ink.end());
            doodles.category.push_back(index);
        }
    }
    return doodles;
}

QString bundledDoodlesPath() {
    return bundledDataPath(QStringLiteral("quickdraw/doodles-50-99.ndjson.gz"));
}

DoodleSet doodlesOfKinds(const DoodleSet &doodles, bool heldOut) {
    std::vector<int> kept;
    for (int i = 0; i < doodles.size(); ++i) {
        const QString &category = doodles.categories[doodles.category[std::size_t(i)]];
        if (!isDigitLikeCategory(category) && isHeldOutCategory(category) == heldOut)
            kept.push_back(i);
    }
    return doodles.subset(kept);
}

} // namespace digitpad

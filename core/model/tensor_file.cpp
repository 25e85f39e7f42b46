#include "tensor_file.h"

#include "error.h"

#include <QtEndian>
#include <cstring>
#include <map>

namespace digitpad {

namespace {

constexpr int kMaxNameBytes = 256;
constexpr int kMaxRank = 8;

enum DtypeCode : quint8 { Float32 = 1, Int64 = 2 };

std::map<std::string, torch::Tensor> namedTensors(const torch::nn::Module &net) {
    std::map<std::string, torch::Tensor> tensors;
    for (const auto &item : net.named_parameters(true))
        tensors.emplace(item.key(), item.value());
    for (const auto &item : net.named_buffers(true))
        tensors.emplace(item.key(), item.value());
    return tensors;
}

template <typename T> void append(QByteArray &bytes, T value) {
    char buffer[sizeof(T)];
    qToLittleEndian(value, buffer);
    bytes.append(buffer, sizeof(T));
}

// Reads from a byte range, never past its end.
class Reader {
  public:
    explicit Reader(const QByteArray &bytes) : m_bytes(bytes) {}
    template <typename T> T read(const char *what) {
        const char *data = take(sizeof(T), what);
        return qFromLittleEndian<T>(data);
    }
    const char *take(quint64 size, const char *what) {
        if (size > quint64(m_bytes.size() - m_offset))
            throw Error(QStringLiteral("the weights end inside %1").arg(QLatin1String(what)));
        const char *data = m_bytes.constData() + m_offset;
        m_offset += qsizetype(size);
        return data;
    }
    bool atEnd() const { return m_offset == m_bytes.size(); }
    qsizetype remaining() const { return m_bytes.size() - m_offset; }

  private:
    const QByteArray &m_bytes;
    qsizetype m_offset = 0;
};

DtypeCode codeOf(const torch::Tensor &tensor) {
    if (tensor.scalar_type() == torch::kFloat)
        return Float32;
    if (tensor.scalar_type() == torch::kLong)
        return Int64;
    throw Error(QStringLiteral("cannot store a tensor of type %1")
                    .arg(QString::fromLatin1(c10::toString(tensor.scalar_type()))));
}

} // namespace

QByteArray encodeTensors(const torch::nn::Module &net) {
    static_assert(Q_BYTE_ORDER == Q_LITTLE_ENDIAN, "values are written in host order");
    const std::map<std::string, torch::Tensor> tensors = namedTensors(net);
    QByteArray bytes;
    append<quint32>(bytes, quint32(tensors.size()));
    for (const auto &[name, tensor] : tensors) {
        append<quint16>(bytes, quint16(name.size()));
        bytes.append(name.data(), qsizetype(name.size()));
        append<quint8>(bytes, codeOf(tensor));
        append<quint8>(bytes, quint8(tensor.dim()));
        for (const int64_t size : tensor.sizes())
            append<quint64>(bytes, quint64(size));
        const torch::Tensor values = tensor.detach().to(torch::kCPU).contiguous();
        bytes.append(static_cast<const char *>(values.data_ptr()), qsizetype(values.nbytes()));
    }
    return bytes;
}

void decodeTensorsInto(const QByteArray &bytes, torch::nn::Module &net) {
    std::map<std::string, torch::Tensor> expected = namedTensors(net);
    std::map<std::string, torch::Tensor> decoded;
    Reader reader(bytes);
    const quint32 count = reader.read<quint32>("the tensor count");
    if (count != expected.size())
        throw Error(QStringLiteral("the weights hold %1 tensors, the network has %2")
                        .arg(count)
                        .arg(expected.size()));
    for (quint32 index = 0; index < count; ++index) {
        const quint16 nameBytes = reader.read<quint16>("a tensor name");
        if (nameBytes == 0 || nameBytes > kMaxNameBytes)
            throw Error(
                QStringLiteral("tensor %1 has a name of %2 bytes").arg(index).arg(nameBytes));
        const std::string name(reader.take(nameBytes, "a tensor name"), nameBytes);
        const auto target = expected.find(name);
        if (target == expected.end())
            throw Error(QStringLiteral("the network has no tensor named '%1'")
                            .arg(QString::fromUtf8(name.data(), qsizetype(name.size()))));
        if (decoded.count(name))
            throw Error(
                QStringLiteral("tensor '%1' appears twice").arg(QString::fromStdString(name)));
        const torch::Tensor &into = target->second;
        const quint8 dtype = reader.read<quint8>("a tensor type");
        if (dtype != codeOf(into))
            throw Error(QStringLiteral("tensor '%1' has type code %2, the network expects %3")
                            .arg(QString::fromStdString(name))
                            .arg(dtype)
                            .arg(int(codeOf(into))));
        const quint8 rank = reader.read<quint8>("a tensor rank");
        if (rank > kMaxRank || rank != into.dim())
            throw Error(QStringLiteral("tensor '%1' has %2 dimensions, the network expects %3")
                            .arg(QString::fromStdString(name))
                            .arg(rank)
                            .arg(into.dim()));
        for (int axis = 0; axis < rank; ++axis) {
            const quint64 size = reader.read<quint64>("a tensor shape");
            if (size != quint64(into.size(axis)))
                throw Error(QStringLiteral("tensor '%1' has size %2 on axis %3, the network "
                                           "expects %4")
                                .arg(QString::fromStdString(name))
                                .arg(size)
                                .arg(axis)
                                .arg(into.size(axis)));
        }
        // The shape matched the network's, so the size is the network's own and cannot overflow.
        const quint64 byteCount = quint64(into.numel()) * quint64(into.element_size());
        const char *data = reader.take(byteCount, "tensor values");
        torch::Tensor values = torch::empty(into.sizes(), into.options().device(torch::kCPU));
        std::memcpy(values.data_ptr(), data, byteCount);
        if (values.is_floating_point() && !torch::isfinite(values).all().item<bool>())
            throw Error(QStringLiteral("tensor '%1' holds values that are not finite")
                            .arg(QString::fromStdString(name)));
        decoded.emplace(name, values);
    }
    if (!reader.atEnd())
        throw Error(
            QStringLiteral("%1 unexpected bytes after the weights").arg(reader.remaining()));
    torch::NoGradGuard noGrad;
    for (auto &[name, values] : decoded)
        expected.at(name).copy_(values);
}

} // namespace digitpad

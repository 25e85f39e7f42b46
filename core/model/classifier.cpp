#include "classifier_impl.h"
#include "not_digit_views.h"

#include <QThread>
#include <algorithm>
#include <cstring>

namespace digitpad {

torch::Device preferredDevice() {
    return torch::cuda::is_available() ? torch::Device(torch::kCUDA) : torch::Device(torch::kCPU);
}

torch::Tensor inkTensorFromBytes(const std::uint8_t *pixels, int count) {
    auto bytes = torch::from_blob(const_cast<std::uint8_t *>(pixels),
                                  {count, 1, kImageSide, kImageSide}, torch::kUInt8);
    return bytes.to(torch::kFloat32).div_(255.0f);
}

Classifier::Classifier(std::shared_ptr<Impl> impl) : m_impl(std::move(impl)) {}

Classifier Classifier::create(const QString &architecture, bool notDigitClass) {
    auto impl = std::make_shared<Impl>();
    impl->metadata.notDigitClass = notDigitClass;
    impl->net = createNetwork(architecture, impl->outputs());
    impl->device = preferredDevice();
    impl->net->to(impl->device);
    impl->metadata.architecture = architecture;
    return Classifier(std::move(impl));
}

const ModelMetadata &Classifier::metadata() const {
    static const ModelMetadata none; // a null model has no metadata, and asking must not crash
    return m_impl ? m_impl->metadata : none;
}

void Classifier::setMetadata(const ModelMetadata &metadata) {
    m_impl->metadata = metadata;
}

torch::Tensor Classifier::Impl::probabilities(const torch::Tensor &ink, NotDigitScore score,
                                              ViewsFor views) const {
    const auto read = [this](const torch::Tensor &input) {
        return torch::softmax(net->forward(normalise(input.to(device))), 1).to(torch::kCPU);
    };
    auto probabilities = read(ink);
    if (!readsViews(score))
        return probabilities;
    auto notDigit = probabilities.select(1, kClassCount);
    const auto averaged =
        views == ViewsFor::Every
            ? torch::arange(ink.size(0), torch::kLong)
            : (notDigit >= metadata.notDigitThreshold * kViewsSkippedBelow).nonzero().squeeze(1);
    if (averaged.numel() == 0)
        return probabilities;
    const int64_t m = averaged.size(0);
    const auto viewed = read(notDigitViews(ink.index_select(0, averaged.to(ink.device()))));
    const auto viewsSum = viewed.select(1, kClassCount).view({kNotDigitViews - 1, m}).sum(0);
    notDigit.index_copy_(0, averaged,
                         (notDigit.index_select(0, averaged) + viewsSum) / double(kNotDigitViews));
    return probabilities;
}

int64_t Classifier::Impl::chunkOf(NotDigitScore score) const {
    // About 1,024 pictures through the network at once, views included: the cnn's first layer
    // holds 100 MB of activations for them.
    return readsViews(score) ? 1024 / kNotDigitViews : 1024;
}

torch::Tensor Classifier::Impl::notDigitProbabilities(const torch::Tensor &ink, NotDigitScore score,
                                                      ViewsFor views,
                                                      std::optional<int64_t> chunk) const {
    torch::NoGradGuard noGrad;
    if (net->is_training()) // as predictInk()
        net->eval();
    const int64_t size = chunk.value_or(chunkOf(score));
    std::vector<torch::Tensor> parts;
    for (int64_t start = 0; start < ink.size(0); start += size) {
        const auto batch = ink.slice(0, start, std::min(start + size, ink.size(0)));
        parts.push_back(probabilities(batch, score, views).select(1, kClassCount));
    }
    return parts.empty() ? torch::zeros({0}) : torch::cat(parts);
}

std::vector<Prediction> Classifier::Impl::predictInk(const torch::Tensor &ink,
                                                     NotDigitScore score) const {
    torch::NoGradGuard noGrad;
    // Loading and training leave the network in eval mode; predicting only reads it, so several
    // threads may predict with one model at once (the HTTP server does).
    if (net->is_training())
        net->eval();
    std::vector<Prediction> predictions;
    predictions.reserve(static_cast<std::size_t>(ink.size(0)));
    const int64_t chunk = chunkOf(score);
    for (int64_t start = 0; start < ink.size(0); start += chunk) {
        const auto batch = ink.slice(0, start, std::min(start + chunk, ink.size(0)));
        auto probabilities = this->probabilities(batch, score);
        torch::Tensor scores;
        if (metadata.notDigitClass) {
            // The digits' probabilities answer "which digit, if it is one"; the 11th output,
            // over its calibrated threshold, answers "is it one".
            if (score == NotDigitScore::Computed)
                scores = (probabilities.select(1, kClassCount) / metadata.notDigitThreshold)
                             .contiguous();
            probabilities = probabilities.slice(1, 0, kClassCount);
            probabilities = probabilities / probabilities.sum(1, true).clamp_min(1e-12);
        }
        probabilities = probabilities.contiguous();
        const float *values = probabilities.data_ptr<float>();
        for (int64_t row = 0; row < probabilities.size(0); ++row) {
            std::array<float, kClassCount> p{};
            std::memcpy(p.data(), values + row * kClassCount, sizeof p);
            Prediction prediction = Prediction::fromProbabilities(p);
            if (scores.defined())
                prediction.notDigitScore = scores.data_ptr<float>()[row];
            predictions.push_back(prediction);
        }
    }
    return predictions;
}

Prediction Classifier::predict(const ModelInput &input) const {
    const auto ink = torch::from_blob(const_cast<float *>(input.data()),
                                      {1, 1, kImageSide, kImageSide}, torch::kFloat32);
    return m_impl->predictInk(ink).front();
}

std::vector<Prediction> Classifier::predictInputs(const std::vector<ModelInput> &inputs,
                                                  NotDigitScore score) const {
    if (inputs.empty())
        return {};
    auto ink = torch::empty({static_cast<int64_t>(inputs.size()), 1, kImageSide, kImageSide});
    for (std::size_t i = 0; i < inputs.size(); ++i)
        std::memcpy(ink[static_cast<int64_t>(i)].data_ptr<float>(), inputs[i].data(),
                    sizeof(ModelInput));
    return m_impl->predictInk(ink, score);
}

namespace {
// LibTorch's operations use as many threads as it guesses the machine has physical cores, and on
// a virtual machine that guess can be one of two. A whole data set read at once is long work that
// nothing else waits on, so it takes every core the process may run on, on this thread, for the
// length of the call. A single reading keeps LibTorch's count: while the Draw tab reads, its
// canvas's thread needs the other core.
class EveryCoreForThisCall {
  public:
    EveryCoreForThisCall() : m_before(at::get_num_threads()) {
        at::set_num_threads(std::max(m_before, QThread::idealThreadCount()));
    }
    ~EveryCoreForThisCall() { at::set_num_threads(m_before); }
    EveryCoreForThisCall(const EveryCoreForThisCall &) = delete;
    EveryCoreForThisCall &operator=(const EveryCoreForThisCall &) = delete;

  private:
    int m_before;
};
} // namespace

std::vector<Prediction> Classifier::predictImages(const std::uint8_t *pixels, int count,
                                                  NotDigitScore score) const {
    if (count == 0)
        return {};
    const EveryCoreForThisCall cores;
    return m_impl->predictInk(inkTensorFromBytes(pixels, count), score);
}

Classifier Classifier::clone() const {
    // Our networks are not torch::nn::Cloneable (they share one abstract base), so the copy goes
    // through a fresh network of the same architecture.
    auto copy = std::make_shared<Impl>(*m_impl);
    copy->net = createNetwork(m_impl->metadata.architecture, m_impl->outputs());
    copy->net->to(m_impl->device);
    torch::NoGradGuard noGrad;
    auto sourceParameters = m_impl->net->named_parameters();
    for (auto &item : copy->net->named_parameters())
        item.value().copy_(sourceParameters[item.key()]);
    auto sourceBuffers = m_impl->net->named_buffers();
    for (auto &item : copy->net->named_buffers())
        item.value().copy_(sourceBuffers[item.key()]);
    copy->net->train(m_impl->net->is_training());
    return Classifier(std::move(copy));
}

} // namespace digitpad

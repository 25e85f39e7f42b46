#pragma once

#include "classifier.h"
#include "http_message.h"

#include <QDeadlineTimer>
#include <functional>

namespace digitpad {

// The prediction endpoints' work, done on a worker thread: the images of an upload (a raw image
// body or a multipart/form-data form) read by the model, as the JSON the API answers with.
// Every failure becomes a response that names it (400, 413, 415, 503), never an exception. No
// picture is read once `abandoned` says that no one waits for the answer.
HttpResponse predictOne(const Classifier &model, const HttpRequest &request,
                        const std::function<bool()> &abandoned);
// Stops with 503 when `deadline` passes between two images.
HttpResponse predictBatch(const Classifier &model, const HttpRequest &request, int maxImages,
                          const QDeadlineTimer &deadline, const std::function<bool()> &abandoned);

} // namespace digitpad

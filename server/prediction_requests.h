#pragma once

#include "classifier.h"
#include "http_message.h"

#include <QDeadlineTimer>

namespace digitpad {

// The prediction endpoints' work, done on a worker thread: the images of an upload (a raw image
// body or a multipart/form-data form) read by the model, as the JSON the API answers with.
// Every failure becomes a response that names it (400, 413, 415, 503), never an exception.
HttpResponse predictOne(const Classifier &model, const HttpRequest &request);
// Stops with 503 when `deadline` passes between two images.
HttpResponse predictBatch(const Classifier &model, const HttpRequest &request, int maxImages,
                          const QDeadlineTimer &deadline);

} // namespace digitpad

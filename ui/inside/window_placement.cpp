#include "window_placement.h"

#include <algorithm>
#include <vector>

namespace {
qint64 area(const QRect &rect) {
    return rect.isEmpty() ? 0 : qint64(rect.width()) * rect.height();
}

// How much of each rectangle to keep in view `place` covers, in their order of importance.
std::vector<qint64> covered(const QRect &place, const QList<QRect> &keepInView) {
    std::vector<qint64> areas;
    areas.reserve(std::size_t(keepInView.size()));
    for (const QRect &keep : keepInView)
        areas.push_back(area(place & keep));
    return areas;
}
} // namespace

QRect placeBeside(const QRect &screen, const QRect &mainFrame, const QList<QRect> &keepInView,
                  const QSize &preferred, const QSize &minimum) {
    // As tall as the main window, so that the two read as a pair.
    const int height = std::min(screen.height(), std::max(minimum.height(), mainFrame.height()));
    const int top = std::clamp(mainFrame.top(), screen.top(), screen.bottom() + 1 - height);
    const int roomRight = screen.right() - mainFrame.right();
    const int roomLeft = mainFrame.left() - screen.left();
    if (std::max(roomRight, roomLeft) >= minimum.width()) {
        const int width = std::min(preferred.width(), std::max(roomRight, roomLeft));
        const int left = roomRight >= roomLeft ? mainFrame.right() + 1 : mainFrame.left() - width;
        return {left, top, width, height};
    }
    const int width = std::min(minimum.width(), screen.width());
    const int leftmost = screen.left();
    const int rightmost = screen.right() + 1 - width;
    // The best place is against an edge of the screen or of something to keep in view.
    QList<int> lefts = {rightmost, leftmost};
    for (const QRect &keep : keepInView)
        lefts << keep.right() + 1 << keep.left() - width;
    // Between places that cover as little of those, the one that covers least of the main window.
    const QList<QRect> byImportance = keepInView + QList<QRect>{mainFrame};
    QRect best;
    std::vector<qint64> bestCovered;
    for (const int left : lefts) {
        const QRect place(std::clamp(left, leftmost, rightmost), top, width, height);
        std::vector<qint64> placeCovered = covered(place, byImportance);
        if (best.isNull() || placeCovered < bestCovered) {
            best = place;
            bestCovered = std::move(placeCovered);
        }
    }
    return best;
}

// A suspect's look-alikes are the nearest digits by pixels among those labelled as asked.
#include "look_alikes.h"

#include <QtTest>

using namespace digitpad;

namespace {
// A bar of ink `length` pixels long along the first row.
void addBar(Dataset &data, int length, int label) {
    for (int p = 0; p < kImagePixels; ++p)
        data.pixels.push_back(p < length ? 255 : 0);
    data.labels.push_back(std::uint8_t(label));
}
} // namespace

class LookAlikesTest : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void nearestOfTheAskedLabelFirstNeverItself() {
        Dataset data;
        addBar(data, 10, 1); // 0: the suspect
        addBar(data, 11, 7); // 1: nearest of all, a 7
        addBar(data, 10, 4); // 2: identical, but a 4
        addBar(data, 20, 7); // 3
        addBar(data, 14, 7); // 4
        addBar(data, 10, 1); // 5: identical, same label as the suspect
        QCOMPARE(lookAlikes(data, 0, 7, 2), (std::vector<int>{1, 4}));
        QCOMPARE(lookAlikes(data, 0, 7, 10), (std::vector<int>{1, 4, 3}));
        QCOMPARE(lookAlikes(data, 0, 1, 10), (std::vector<int>{5}));
        QVERIFY(lookAlikes(data, 0, 9, 10).empty());
        QVERIFY(lookAlikes(data, 6, 7, 10).empty());
    }
};

QTEST_APPLESS_MAIN(LookAlikesTest)
#include "test_look_alikes.moc"

#include "symbol_legend_item.h"

#include <cmath>

SymbolLegendItem::SymbolLegendItem(QCPLegend *legend, const QCPScatterStyle &symbol,
                                   const QString &text)
    : QCPAbstractLegendItem(legend), m_symbol(symbol), m_text(text) {}

int SymbolLegendItem::symbolSide() const {
    return int(std::ceil(m_symbol.size() + m_symbol.pen().widthF()));
}

QSize SymbolLegendItem::contentSize() const {
    const QSize text = QFontMetrics(mFont).size(0, m_text);
    return {symbolSide() + mParentLegend->iconTextPadding() + text.width(),
            std::max(symbolSide(), text.height())};
}

QSize SymbolLegendItem::minimumOuterSizeHint() const {
    return contentSize().grownBy(mMargins);
}

void SymbolLegendItem::draw(QCPPainter *painter) {
    const QSize content = contentSize();
    const int left = mRect.left() + std::max(0, mRect.width() - content.width()) / 2;
    const double middle = mRect.top() + mRect.height() / 2.0;
    painter->setAntialiasing(true);
    m_symbol.applyTo(painter, m_symbol.pen());
    m_symbol.drawShape(painter, left + symbolSide() / 2.0, middle);
    painter->setFont(mFont);
    painter->setPen(mTextColor);
    painter->drawText(QRect(left + symbolSide() + mParentLegend->iconTextPadding(), mRect.top(),
                            content.width(), mRect.height()),
                      Qt::AlignLeft | Qt::AlignVCenter, m_text);
}

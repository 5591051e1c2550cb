#include "app/dashboard/FigureTile.h"

#include <QPainter>
#include <QPainterPath>

namespace hb::ui {

FigureTile::FigureTile(const QColor &accent, QWidget *parent) : QWidget(parent), m_accent(accent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setAttribute(Qt::WA_OpaquePaintEvent, false);
}

void FigureTile::setCaption(const QString &caption)
{
    m_caption = caption;
    setAccessibleName(caption);
    update();
}

void FigureTile::setValue(const QString &value)
{
    if (value == m_value)
        return;
    m_value = value;
    setAccessibleDescription(value);
    update();
}

void FigureTile::setDetail(const QString &detail)
{
    if (detail == m_detail)
        return;
    m_detail = detail;
    update();
}

QFont FigureTile::valueFont() const
{
    QFont f = font();
    f.setPointSizeF(f.pointSizeF() * 2.6);
    f.setBold(true);
    return f;
}

QSize FigureTile::sizeHint() const
{
    const QFontMetrics small(font());
    const QFontMetrics big(valueFont());
    return {200, 16 + small.height() + 4 + big.height() + 2 + small.height() + 14};
}

QSize FigureTile::minimumSizeHint() const
{
    return {140, sizeHint().height()};
}

void FigureTile::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QRectF card = QRectF(rect()).adjusted(1, 1, -1, -1);
    QPainterPath path;
    path.addRoundedRect(card, 8, 8);
    p.fillPath(path, palette().color(QPalette::Base));
    p.setPen(QPen(palette().color(QPalette::Mid), 1));
    p.drawPath(path);
    // The accent strip on the left, clipped to the card's rounded corners.
    p.save();
    p.setClipPath(path);
    p.fillRect(QRectF(card.left(), card.top(), 5, card.height()), m_accent);
    p.restore();

    const int left = 18;
    const int width = int(card.width()) - left - 10;
    const QFontMetrics small(font());
    int y = 12;
    QFont captionFont = font();
    captionFont.setBold(true);
    p.setFont(captionFont);
    p.setPen(palette().color(QPalette::PlaceholderText));
    p.drawText(QRect(left, y, width, small.height()), Qt::AlignLeft | Qt::AlignVCenter,
               QFontMetrics(captionFont).elidedText(m_caption, Qt::ElideRight, width));
    y += small.height() + 4;

    const QFont big = valueFont();
    const QFontMetrics bigMetrics(big);
    p.setFont(big);
    p.setPen(palette().color(QPalette::Text));
    p.drawText(QRect(left, y, width, bigMetrics.height()), Qt::AlignLeft | Qt::AlignVCenter,
               m_value);
    y += bigMetrics.height() + 2;

    p.setFont(font());
    p.setPen(palette().color(QPalette::PlaceholderText));
    p.drawText(QRect(left, y, width, small.height()), Qt::AlignLeft | Qt::AlignVCenter,
               small.elidedText(m_detail, Qt::ElideRight, width));
}

} // namespace hb::ui

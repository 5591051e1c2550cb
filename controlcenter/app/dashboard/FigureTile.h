#pragma once

#include <QColor>
#include <QString>
#include <QWidget>

namespace hb::ui {

// One large live figure on the dashboard ("Active chats 42"), with a caption above and a short
// context line below ("longest wait 1 min"). Painted as a card with a coloured accent, readable
// from across the room.
class FigureTile : public QWidget
{
    Q_OBJECT

public:
    explicit FigureTile(const QColor &accent, QWidget *parent = nullptr);

    void setCaption(const QString &caption);
    void setValue(const QString &value);
    void setDetail(const QString &detail);
    QString value() const { return m_value; }
    QString caption() const { return m_caption; }
    QString detail() const { return m_detail; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QFont valueFont() const;

    QColor m_accent;
    QString m_caption;
    QString m_value = QStringLiteral("–");
    QString m_detail;
};

} // namespace hb::ui

#pragma once

#include <QSortFilterProxyModel>

namespace hb::ui {

// Sorts the pending requests and colours long waits: amber after one minute, red after three,
// so the requests that need attention stand out without reading every number.
class RequestProxy : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit RequestProxy(QObject *parent = nullptr);

    static constexpr qint64 kLongWaitMs = 60 * 1000;
    static constexpr qint64 kVeryLongWaitMs = 3 * 60 * 1000;

    void setText(const QString &text);
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_text;
};

} // namespace hb::ui

#pragma once

#include <QCoreApplication>
#include <QIdentityProxyModel>
#include <QString>
#include <QStringList>

namespace hb::cc {
class MitraTableModel;
} // namespace hb::cc

namespace hb::ui {

// The audit log's action names ("capacity_set") as staff read them ("Capacity changed").
// Unknown actions (a newer server) show as sent.
class AuditActions
{
    Q_DECLARE_TR_FUNCTIONS(hb::ui::AuditActions)

public:
    static QStringList known();
    static QString label(const QString &action);
};

// Shows the audit model's action column in words, and a mitra target by its name when the
// mitra is listed ("Sari (m-17)"; the audit log itself stores ids only); a capacity change
// without a target is the default capacity. Everything else passes through.
class AuditLabelProxy : public QIdentityProxyModel
{
    Q_OBJECT

public:
    explicit AuditLabelProxy(const hb::cc::MitraTableModel *mitras, QObject *parent = nullptr);
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    QString targetText(const QModelIndex &index) const;

    const hb::cc::MitraTableModel *m_mitras;
};

} // namespace hb::ui

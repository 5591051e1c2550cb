#pragma once

#include <QCoreApplication>
#include <QIdentityProxyModel>
#include <QString>
#include <QStringList>

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

// Shows the audit model's action column in words; everything else passes through.
class AuditLabelProxy : public QIdentityProxyModel
{
    Q_OBJECT

public:
    using QIdentityProxyModel::QIdentityProxyModel;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
};

} // namespace hb::ui

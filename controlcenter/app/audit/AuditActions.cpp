#include "app/audit/AuditActions.h"

#include "core/AuditLogModel.h"
#include "core/MitraTableModel.h"

namespace hb::ui {

QStringList AuditActions::known()
{
    // docs/protocol.md, audit.list.
    return {QStringLiteral("login"),          QStringLiteral("login_failed"),
            QStringLiteral("capacity_set"),   QStringLiteral("session_reroute"),
            QStringLiteral("mitra_force_offline"), QStringLiteral("settings_set"),
            QStringLiteral("staff_add"),      QStringLiteral("staff_passwd"),
            QStringLiteral("staff_disable"),  QStringLiteral("staff_enable")};
}

QString AuditActions::label(const QString &action)
{
    if (action == QLatin1String("login"))
        return tr("Signed in");
    if (action == QLatin1String("login_failed"))
        return tr("Sign-in failed");
    if (action == QLatin1String("capacity_set"))
        return tr("Capacity changed");
    if (action == QLatin1String("session_reroute"))
        return tr("Session rerouted");
    if (action == QLatin1String("mitra_force_offline"))
        return tr("Mitra forced offline");
    if (action == QLatin1String("settings_set"))
        return tr("Setting changed");
    if (action == QLatin1String("staff_add"))
        return tr("Staff account added");
    if (action == QLatin1String("staff_passwd"))
        return tr("Staff password changed");
    if (action == QLatin1String("staff_disable"))
        return tr("Staff account disabled");
    if (action == QLatin1String("staff_enable"))
        return tr("Staff account enabled");
    return action;
}

AuditLabelProxy::AuditLabelProxy(const hb::cc::MitraTableModel *mitras, QObject *parent)
    : QIdentityProxyModel(parent), m_mitras(mitras)
{
}

QString AuditLabelProxy::targetText(const QModelIndex &index) const
{
    using Audit = hb::cc::AuditLogModel;
    const QString target = QIdentityProxyModel::data(index, Qt::DisplayRole).toString();
    const QString action = index.data(Audit::ActionRole).toString();
    const bool aboutMitra = action == QLatin1String("capacity_set") ||
                            action == QLatin1String("mitra_force_offline") ||
                            action == QLatin1String("settings_set");
    if (action == QLatin1String("capacity_set") && target.isEmpty())
        return AuditActions::tr("Default capacity");
    if (!aboutMitra || target.isEmpty() || !m_mitras)
        return target;
    const auto mitra = m_mitras->mitra(target);
    if (!mitra || mitra->name.isEmpty() || mitra->name == target)
        return target;
    return QStringLiteral("%1 (%2)").arg(mitra->name, target);
}

QVariant AuditLabelProxy::data(const QModelIndex &index, int role) const
{
    if (index.column() == hb::cc::AuditLogModel::TargetColumn && role == Qt::DisplayRole)
        return targetText(index);
    if (index.column() == hb::cc::AuditLogModel::ActionColumn && role == Qt::DisplayRole)
        return AuditActions::label(index.data(hb::cc::AuditLogModel::ActionRole).toString());
    if (index.column() == hb::cc::AuditLogModel::ActionColumn && role == Qt::ToolTipRole)
        return index.data(hb::cc::AuditLogModel::ActionRole);
    return QIdentityProxyModel::data(index, role);
}

} // namespace hb::ui

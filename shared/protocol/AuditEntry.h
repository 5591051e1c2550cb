#pragma once

#include <QJsonValue>
#include <QString>
#include <QStringList>
#include <QtGlobal>

namespace hb {

// One line of the audit log: who did what to what, and how it looked before and after. The
// backend's store writes and reads these; `audit` messages carry them to staff. Times are
// milliseconds since the Unix epoch.
struct AuditEntry
{
    qint64 id = 0;     // reads only: the log's own order (what `before_id` pages by)
    QString actorId;   // staff account id or staff token `sub`, "cli", or empty (anonymous)
    QString actorName; // empty: none
    QString action;    // one of auditActions()
    QString target;    // empty: none
    QJsonValue before = QJsonValue(QJsonValue::Undefined); // Undefined: none (SQL NULL)
    QJsonValue after = QJsonValue(QJsonValue::Undefined);
    QString address; // the client's IP address; empty: none
    qint64 atMs = 0; // when it happened; 0 in a write: when the store was asked to write it

    friend bool operator==(const AuditEntry &, const AuditEntry &) = default;
};

// Every action the audit log records, as `action` names it (docs/protocol.md, audit.list).
namespace auditAction {
inline const QString kLogin = QStringLiteral("login");
inline const QString kLoginFailed = QStringLiteral("login_failed");
inline const QString kCapacitySet = QStringLiteral("capacity_set");
inline const QString kSessionReroute = QStringLiteral("session_reroute");
inline const QString kMitraForceOffline = QStringLiteral("mitra_force_offline");
inline const QString kStaffAdd = QStringLiteral("staff_add");
inline const QString kStaffPasswd = QStringLiteral("staff_passwd");
inline const QString kStaffDisable = QStringLiteral("staff_disable");
inline const QString kStaffEnable = QStringLiteral("staff_enable");
inline const QString kSettingsSet = QStringLiteral("settings_set");
} // namespace auditAction

// All of them, in the order the protocol lists them.
inline QStringList auditActions()
{
    using namespace auditAction;
    return {kLogin,       kLoginFailed,  kCapacitySet,   kSessionReroute, kMitraForceOffline,
            kStaffAdd,    kStaffPasswd,  kStaffDisable,  kStaffEnable,    kSettingsSet};
}

} // namespace hb

#pragma once

#include "domain/Role.h"

#include <QJsonValue>
#include <QString>
#include <QtGlobal>
#include <optional>

namespace hb {

// What the store keeps about staff accounts and the audit log (PostgresStore,
// PostgresStoreStaff.cpp). Times are milliseconds since the Unix epoch.

// A staff account. Usernames are compared case-insensitively: the store folds them to lower case.
struct StaffAccountRecord
{
    QString id; // 'staff_' + UUID; the JWT's `sub` and the account's user id on the wire
    QString username;
    QString displayName;
    StaffRole role = StaffRole::Viewer;
    QString passwordHash; // crypto_pwhash_str (argon2id); empty in listStaffAccounts()
    bool disabled = false;
    qint64 createdAtMs = 0;              // reads only
    std::optional<qint64> lastLoginAtMs; // reads only

    friend bool operator==(const StaffAccountRecord &, const StaffAccountRecord &) = default;
};

// One line of the audit log: who did what to what, and how it looked before and after.
struct AuditEntry
{
    qint64 id = 0;     // reads only: the log's own order
    QString actorId;   // staff account id, "cli", or empty (anonymous, e.g. a failed login)
    QString actorName; // empty: none
    QString action;    // login_failed, login, capacity_set, session_reroute, staff_add, ...
    QString target;    // empty: none
    QJsonValue before = QJsonValue(QJsonValue::Undefined); // Undefined: none (SQL NULL)
    QJsonValue after = QJsonValue(QJsonValue::Undefined);
    QString address; // the client's IP address; empty: none
    qint64 atMs = 0; // 0: when recordAudit() is called

    friend bool operator==(const AuditEntry &, const AuditEntry &) = default;
};

// A page of the audit log, newest first.
struct AuditQuery
{
    int limit = 100;                // clamped to 1..1000
    std::optional<qint64> beforeMs; // only entries strictly older than this
    QString action;                 // empty: every action
};

} // namespace hb

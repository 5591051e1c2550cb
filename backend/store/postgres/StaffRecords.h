#pragma once

#include "domain/Role.h"
#include "protocol/AuditEntry.h"

#include <QJsonValue>
#include <QList>
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

// A page of the audit log, newest first: by `id`, the order the log received the entries.
struct AuditQuery
{
    int limit = 100;                // clamped to 1..1000
    std::optional<qint64> beforeId; // only entries with a smaller id (the next page)
    QString action;                 // empty: every action
};

struct AuditPage
{
    QList<AuditEntry> entries;
    bool more = false; // older entries exist (ask again with beforeId = the last entry's id)
};

} // namespace hb

#pragma once

#include "Role.h"

#include <QString>

namespace hb {

// An authenticated user as the rest of the system sees it: the token's `sub`, role and display
// name. Every message after `welcome` names users by `id`.
struct Identity
{
    QString id;
    Role role = Role::Customer;
    QString name;
    StaffRole staffRole = StaffRole::Viewer; // meaningful for Role::Staff only

    bool isSupervisor() const { return role == Role::Staff && staffRole == StaffRole::Supervisor; }
};

} // namespace hb

#include "Role.h"

namespace hb {

QString toString(Role role)
{
    switch (role) {
    case Role::Mitra:
        return QStringLiteral("mitra");
    case Role::Customer:
        return QStringLiteral("customer");
    case Role::Staff:
        return QStringLiteral("staff");
    }
    return {};
}

std::optional<Role> roleFromString(const QString &text)
{
    if (text == QLatin1String("mitra"))
        return Role::Mitra;
    if (text == QLatin1String("customer"))
        return Role::Customer;
    if (text == QLatin1String("staff"))
        return Role::Staff;
    return std::nullopt;
}

QString toString(StaffRole role)
{
    return role == StaffRole::Supervisor ? QStringLiteral("supervisor") : QStringLiteral("viewer");
}

std::optional<StaffRole> staffRoleFromString(const QString &text)
{
    if (text == QLatin1String("viewer"))
        return StaffRole::Viewer;
    if (text == QLatin1String("supervisor"))
        return StaffRole::Supervisor;
    return std::nullopt;
}

} // namespace hb

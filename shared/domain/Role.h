#pragma once

#include <QString>

#include <optional>

namespace hb {

// Who is on the other end of a connection, from the token's `role` claim.
enum class Role { Mitra, Customer, Staff };

// What a staff member may do: viewers only look, supervisors also change things.
enum class StaffRole { Viewer, Supervisor };

QString toString(Role role);
std::optional<Role> roleFromString(const QString &text);

QString toString(StaffRole role);
std::optional<StaffRole> staffRoleFromString(const QString &text);

} // namespace hb

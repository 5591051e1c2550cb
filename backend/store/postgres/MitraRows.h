#pragma once

namespace hb::pgsql {

// A mitra row must exist before anything refers to it (a capacity override, a session): made
// with its id as the display name until the mitra's own sign-in names it.
inline constexpr const char *kEnsureMitra =
    "INSERT INTO mitras (id, display_name) VALUES ($1, $1) ON CONFLICT (id) DO NOTHING";

} // namespace hb::pgsql

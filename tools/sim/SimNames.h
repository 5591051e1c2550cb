#pragma once

#include <QString>

namespace hb::sim {

// Display names for the simulated people, so the control center (and its screenshots) show
// people rather than ids. Indonesian first names from built-in lists, one list for mitras and
// another for customers (no mitra shares a name with a customer); deterministic per index, so
// a run with the same --name shows the same people. Once a list is used up the names repeat
// with a number ("Sari 2"), keeping every name unique. The user ids are not affected.
QString mitraDisplayName(int index);    // index from 0
QString customerDisplayName(int index); // index from 0

} // namespace hb::sim

#pragma once

#include <QStringView>

namespace hb {

// Whether `text` holds a control character (Unicode category Cc: U+0000-U+001F, U+007F-U+009F),
// NUL included. Ids, display names and usernames with one are refused at the edge: libpq stops a
// string at NUL while the rest of the server sees the whole text, and control characters in
// names reach logs and staff screens as they are.
bool hasControlCharacters(QStringView text);

} // namespace hb

// Qt's own words that appear in this app's dialogs (the standard buttons of QDialogButtonBox
// and QMessageBox). Qt ships no Indonesian catalogue, so they are listed here for lupdate and
// translated in the app's own .ts files; QTranslator finds them by Qt's context. Not called.
#include <QtGlobal>

namespace hb::ui {
namespace {
[[maybe_unused]] const char *const kQtStandardTexts[] = {
    QT_TRANSLATE_NOOP("QPlatformTheme", "OK"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Cancel"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Close"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Apply"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "&Yes"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "&No"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Help"),
};
} // namespace
} // namespace hb::ui

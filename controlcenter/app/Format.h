#pragma once

#include <QCoreApplication>
#include <QString>
#include <QtGlobal>

namespace hb::ui {

// Words and numbers as the views show them, in the UI language.
class Format
{
    Q_DECLARE_TR_FUNCTIONS(hb::ui::Format)

public:
    // How long something has lasted, short and readable at a glance: "45 s", "12 min",
    // "2 h 05 min", "3 d 4 h". Negative values (clock skew) read as 0 s.
    static QString duration(qint64 ms);

    // A wall-clock time in the local time zone: "14:05" today, "Tue 14:05" within the week,
    // "5 Apr 14:05" otherwise. `nowMs` is passed so callers and tests agree on "today".
    static QString clockTime(qint64 msSinceEpoch, qint64 nowMs);

    // "since 14:05 (2 h 05 min)".
    static QString since(qint64 msSinceEpoch, qint64 nowMs);

    // A count with its noun, correctly pluralised in both languages: "1 session", "3 sessions".
    static QString sessions(int count);
    static QString mitras(int count);
    static QString requests(int count);
};

} // namespace hb::ui

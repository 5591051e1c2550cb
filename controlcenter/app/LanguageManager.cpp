#include "app/LanguageManager.h"

#include <QCoreApplication>

namespace hb::ui {

LanguageManager::LanguageManager(QObject *parent) : QObject(parent) {}

QList<LanguageManager::Language> LanguageManager::available()
{
    return {{QStringLiteral("id"), QStringLiteral("Bahasa Indonesia")},
            {QStringLiteral("en"), QStringLiteral("English")}};
}

QString LanguageManager::codeForSystem(const QStringList &uiLanguages)
{
    // The first of the user's preferred languages that we have wins; English otherwise.
    for (const QString &name : uiLanguages) {
        const QString code = name.section(QLatin1Char('-'), 0, 0).section(QLatin1Char('_'), 0, 0);
        if (code.compare(QLatin1String("id"), Qt::CaseInsensitive) == 0
            || code.compare(QLatin1String("in"), Qt::CaseInsensitive) == 0) // Java's old code
            return QStringLiteral("id");
        if (code.compare(QLatin1String("en"), Qt::CaseInsensitive) == 0)
            return QStringLiteral("en");
    }
    return QStringLiteral("en");
}

void LanguageManager::apply(const QString &choice)
{
    const QString effective =
        choice.isEmpty() ? codeForSystem(QLocale::system().uiLanguages()) : choice;
    m_choice = choice;
    if (effective == m_effective && m_installed)
        return;

    if (m_installed) {
        QCoreApplication::removeTranslator(&m_translator);
        m_installed = false;
    }
    // The English catalogue only carries plural forms; it is installed too so "1 session" /
    // "2 sessions" read right.
    if (m_translator.load(QStringLiteral(":/i18n/halobestie-controlcenter_") + effective))
        m_installed = QCoreApplication::installTranslator(&m_translator);

    m_effective = effective;
    // Numbers and dates follow the language too (1.234 and "5 Apr" in Indonesian). English
    // uses British conventions: a 24-hour clock and day-month dates, as staff are used to.
    QLocale::setDefault(effective == QLatin1String("id")
                            ? QLocale(QLocale::Indonesian, QLocale::Indonesia)
                            : QLocale(QLocale::English, QLocale::UnitedKingdom));
    emit languageChanged(m_effective);
}

} // namespace hb::ui

#pragma once

#include <QList>
#include <QLocale>
#include <QObject>
#include <QString>
#include <QTranslator>

namespace hb::ui {

// Which language the UI speaks: Indonesian or English, following the system locale unless staff
// picked one (View > Language, remembered in QSettings). Switching installs the translator at
// once; Qt then sends every widget a LanguageChange event and each view retranslates itself,
// so nothing needs a restart.
class LanguageManager : public QObject
{
    Q_OBJECT

public:
    struct Language
    {
        QString code;       // "id", "en"
        QString nativeName; // "Bahasa Indonesia", "English": shown untranslated on purpose
    };

    explicit LanguageManager(QObject *parent = nullptr);

    static QList<Language> available();

    // "" follows the system locale (Indonesian when the system prefers it, else English).
    void apply(const QString &choice);
    QString choice() const { return m_choice; } // "" for "follow the system"
    QString effectiveCode() const { return m_effective; }

    // The language used for "follow the system", given the system's preferred UI languages.
    static QString codeForSystem(const QStringList &uiLanguages);

signals:
    void languageChanged(const QString &effectiveCode);

private:
    QString m_choice;
    QString m_effective;
    QTranslator m_translator;
    bool m_installed = false;
};

} // namespace hb::ui

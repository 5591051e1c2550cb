#include "app/CommandLine.h"

#include "app/ServerAddress.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>

namespace hb::ui {

CommandLineResult CommandLine::parse(const QStringList &arguments,
                                     const QProcessEnvironment &environment)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("HaloBestie Control Center: live view and control of mitras, sessions and pairing "
           "requests for control-center staff.\n\n"
           "Without options it shows the sign-in dialog. With --server and --token (or the "
           "environment variables HALOBESTIE_SERVER and HALOBESTIE_TOKEN) it signs in without "
           "the dialog, for kiosk screens and automation. Prefer the environment variable for "
           "the token: other users of the machine can read command lines."));
    const QCommandLineOption helpOption = parser.addHelpOption();
    const QCommandLineOption versionOption = parser.addVersionOption();
    const QCommandLineOption serverOption(
        QStringList{QStringLiteral("s"), QStringLiteral("server")},
        tr("Server address, e.g. wss://halo.example.com or 127.0.0.1:8080 "
           "[env HALOBESTIE_SERVER]."),
        tr("url"));
    const QCommandLineOption tokenOption(
        QStringList{QStringLiteral("t"), QStringLiteral("token")},
        tr("Sign in with this staff token (JWT) instead of a password [env HALOBESTIE_TOKEN]."),
        tr("jwt"));
    const QCommandLineOption languageOption(
        QStringList{QStringLiteral("l"), QStringLiteral("language")},
        tr("User interface language: id (Bahasa Indonesia) or en (English). Default: the "
           "last choice, else the system language."),
        tr("code"));
    const QCommandLineOption screenshotOption(
        QStringLiteral("screenshot"),
        tr("Save a PNG of each main view into this folder once the data arrived, then quit "
           "(documentation, checks)."),
        tr("folder"));
    parser.addOptions({serverOption, tokenOption, languageOption, screenshotOption});

    CommandLineResult result;
    if (!parser.parse(arguments)) {
        result.status = CommandLineResult::Status::Error;
        result.text = parser.errorText();
        return result;
    }
    if (parser.isSet(helpOption) || parser.isSet(QStringLiteral("help-all"))) {
        result.status = CommandLineResult::Status::ShowHelp;
        result.text = parser.helpText();
        // Read before QApplication exists (so --help needs no display): Qt cannot know the
        // program's name yet.
        if (!arguments.isEmpty())
            result.text.replace(QLatin1String("<executable_name>"),
                                QFileInfo(arguments.constFirst()).fileName());
        return result;
    }
    if (parser.isSet(versionOption)) {
        result.status = CommandLineResult::Status::ShowVersion;
        result.text = QCoreApplication::applicationName() + QLatin1Char(' ')
                      + QCoreApplication::applicationVersion();
        return result;
    }
    if (!parser.positionalArguments().isEmpty()) {
        result.status = CommandLineResult::Status::Error;
        result.text = tr("Unexpected argument: %1").arg(parser.positionalArguments().constFirst());
        return result;
    }

    const auto fail = [&result](const QString &text) {
        result.status = CommandLineResult::Status::Error;
        result.text = text;
        return result;
    };

    const QString serverText = parser.isSet(serverOption)
                                   ? parser.value(serverOption)
                                   : environment.value(QStringLiteral("HALOBESTIE_SERVER"));
    const QString token = (parser.isSet(tokenOption)
                               ? parser.value(tokenOption)
                               : environment.value(QStringLiteral("HALOBESTIE_TOKEN")))
                              .trimmed();
    if (!serverText.trimmed().isEmpty()) {
        const ServerAddress address = ServerAddress::parse(serverText);
        if (!address.isValid())
            return fail(tr("--server: %1").arg(address.error));
        result.options.server = address.url;
    }
    if (!token.isEmpty()) {
        if (result.options.server.isEmpty())
            return fail(tr("A token needs a server: add --server URL (or set HALOBESTIE_SERVER)."));
        // A JWT is three base64url parts; catching a pasted fragment here beats a server refusal.
        if (token.count(QLatin1Char('.')) != 2 || token.contains(QLatin1Char(' ')))
            return fail(tr("--token: that is not a JWT (expected three parts separated by dots)."));
        result.options.token = token;
    }
    if (parser.isSet(languageOption)) {
        const QString code = parser.value(languageOption).trimmed().toLower();
        if (code != QLatin1String("id") && code != QLatin1String("en"))
            return fail(tr("--language: use id or en."));
        result.options.language = code;
    }
    if (parser.isSet(screenshotOption)) {
        result.options.screenshotDir = parser.value(screenshotOption);
        if (result.options.screenshotDir.isEmpty())
            return fail(tr("--screenshot needs a folder."));
    }
    return result;
}

} // namespace hb::ui

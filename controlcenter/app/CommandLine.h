#pragma once

#include <QCoreApplication>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace hb::ui {

// How the control center was started. With a token (kiosk screens, automation) it signs in
// without the dialog; with only a server the dialog starts filled in with it.
struct LaunchOptions
{
    QUrl server;           // empty: the dialog asks (pre-filled with the last server)
    QString token;         // a staff JWT; needs server
    QString language;      // "" follows the saved choice / the system locale
    QString screenshotDir; // non-empty: grab each main view into this folder, then quit

    bool signsInWithToken() const { return !token.isEmpty(); }
};

struct CommandLineResult
{
    enum class Status { Run, ShowHelp, ShowVersion, Error };
    Status status = Status::Run;
    LaunchOptions options;
    QString text; // help, version or error text for the terminal
};

class CommandLine
{
    Q_DECLARE_TR_FUNCTIONS(hb::ui::CommandLine)

public:
    // Reads the arguments (argv as QStringList, program name first) and the environment
    // (HALOBESTIE_SERVER, HALOBESTIE_TOKEN; the command line wins over them). Pure, so tests
    // can call it; main() prints `text` and exits for every status but Run.
    static CommandLineResult parse(const QStringList &arguments,
                                   const QProcessEnvironment &environment);
};

} // namespace hb::ui

#include "app/CommandLine.h"
#include "app/ControlCenterApp.h"
#include "app/Icons.h"
#include "app/ScreenshotRunner.h"

#include <QApplication>
#include <QProcessEnvironment>
#include <QTextStream>
#include <memory>

int main(int argc, char **argv)
{
    QApplication::setApplicationName(QStringLiteral("HaloBestie Control Center"));
    QApplication::setApplicationVersion(QStringLiteral(HB_VERSION));
    QApplication::setOrganizationName(QStringLiteral("HaloBestie"));
    QApplication::setOrganizationDomain(QStringLiteral("halobestie.example"));

    // The command line is read before any window system is touched, so --help and mistakes
    // work on a terminal without a display.
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments.append(QString::fromLocal8Bit(argv[i]));
    const hb::ui::CommandLineResult command =
        hb::ui::CommandLine::parse(arguments, QProcessEnvironment::systemEnvironment());
    switch (command.status) {
    case hb::ui::CommandLineResult::Status::ShowHelp:
    case hb::ui::CommandLineResult::Status::ShowVersion:
        QTextStream(stdout) << command.text << Qt::endl;
        return 0;
    case hb::ui::CommandLineResult::Status::Error:
        QTextStream(stderr) << command.text << Qt::endl
                            << QStringLiteral("Try --help.") << Qt::endl;
        return 2;
    case hb::ui::CommandLineResult::Status::Run:
        break;
    }

    QApplication app(argc, argv);
    QApplication::setDesktopFileName(QStringLiteral("id.halobestie.controlcenter"));
    QApplication::setWindowIcon(hb::ui::icons::app());

    hb::ui::ControlCenterApp controlCenter(command.options);
    std::unique_ptr<hb::ui::ScreenshotRunner> screenshots;
    if (!command.options.screenshotDir.isEmpty())
        screenshots = std::make_unique<hb::ui::ScreenshotRunner>(&controlCenter,
                                                                 command.options.screenshotDir);
    controlCenter.start();
    return QApplication::exec();
}

#include "MainWindow.h"

#include <QApplication>

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("HaloBestie Control Center"));
    QApplication::setOrganizationName(QStringLiteral("HaloBestie"));
    hb::MainWindow window;
    window.show();
    return QApplication::exec();
}

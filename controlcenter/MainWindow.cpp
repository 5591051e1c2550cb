#include "MainWindow.h"

#include <QLabel>

namespace hb {

MainWindow::MainWindow(QWidget *parent) : QMainWindow(parent)
{
    setWindowTitle(tr("HaloBestie Control Center"));
    auto *label = new QLabel(tr("HaloBestie Control Center\n\nThe live dashboard arrives with the "
                                "staff control API."),
                             this);
    label->setAlignment(Qt::AlignCenter);
    setCentralWidget(label);
    resize(1024, 640);
}

} // namespace hb

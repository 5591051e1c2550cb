#pragma once

#include <QMainWindow>

namespace hb {

// Placeholder main window: the real dashboard, mitras, sessions and history views arrive with
// the control API (issue 5).
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
};

} // namespace hb

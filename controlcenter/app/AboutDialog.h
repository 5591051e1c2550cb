#pragma once

#include <QDialog>

namespace hb::ui {

// Help > About: what this is, its version, the Qt it runs on, and where it is connected
// (handy when staff call support).
class AboutDialog : public QDialog
{
    Q_OBJECT

public:
    AboutDialog(const QString &server, const QString &instance, QWidget *parent = nullptr);
};

} // namespace hb::ui

#pragma once

#include <QDialog>

class QCheckBox;
class QPushButton;

namespace hb::ui {

// "Take Sari offline?" Confirmation before a supervisor forces a mitra offline, with the option
// to move its open sessions to other online mitras at the same time. Cancel is the default
// button: Enter alone never takes anyone offline.
class ForceOfflineDialog : public QDialog
{
    Q_OBJECT

public:
    ForceOfflineDialog(const QString &mitraName, bool online, int openSessions,
                       QWidget *parent = nullptr);

    bool rerouteSessions() const;
    QCheckBox *rerouteCheckBox() const { return m_reroute; }
    QPushButton *confirmButton() const { return m_confirm; }

private:
    QCheckBox *m_reroute;
    QPushButton *m_confirm;
};

} // namespace hb::ui

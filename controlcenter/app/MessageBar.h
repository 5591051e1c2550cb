#pragma once

#include <QFrame>
#include <QString>
#include <QTimer>

class QLabel;
class QToolButton;
class QPushButton;

namespace hb::ui {

// A one-line note inside a view (like a browser's info bar): the outcome of an action, a
// refusal with the server's reason, a hint. Not a modal dialog, so work goes on; positive
// notes hide by themselves, warnings and errors stay until closed or replaced.
class MessageBar : public QFrame
{
    Q_OBJECT

public:
    enum class Kind { Info, Positive, Warning, Error };

    explicit MessageBar(QWidget *parent = nullptr);

    void showMessage(Kind kind, const QString &text);
    QString text() const;
    Kind kind() const { return m_kind; }

    // Hide delay for Info/Positive notes (default 6 s); 0 keeps them.
    void setAutoHideMs(int ms) { m_autoHideMs = ms; }

private:
    QLabel *m_icon;
    QLabel *m_text;
    QToolButton *m_close;
    QTimer m_hideTimer;
    Kind m_kind = Kind::Info;
    int m_autoHideMs = 6000;
};

} // namespace hb::ui

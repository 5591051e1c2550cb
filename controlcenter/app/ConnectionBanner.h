#pragma once

#include "core/ClientTypes.h"

#include <QElapsedTimer>
#include <QFrame>
#include <QTimer>

class QLabel;
class QPushButton;

namespace hb::ui {

// The strip across the top of the main window while the connection is down: what happened,
// when the next attempt comes (counting down) with a button to attempt at once, and a button to
// sign in again when reconnecting cannot help (replaced by another sign-in, sign-in expired). The figures below it are the last
// ones received, and the banner says so.
class ConnectionBanner : public QFrame
{
    Q_OBJECT

public:
    enum class Mode { Hidden, Reconnecting, Connecting, Lost, Restored };

    explicit ConnectionBanner(QWidget *parent = nullptr);

    // The connection dropped and the client retries; `attempt` starts in `delayMs`.
    void showReconnecting(const hb::cc::DisconnectInfo &info, int attempt, int delayMs);
    // An attempt is under way.
    void showConnecting();
    // The connection ended and will not come back by itself.
    void showLost(const hb::cc::DisconnectInfo &info);
    // Back online: a short green note, then the banner hides.
    void showRestored();
    void hideBanner();

    Mode mode() const { return m_mode; }
    QString text() const;

signals:
    void signInRequested();
    // "Reconnect now" while counting down to the next attempt.
    void reconnectNowRequested();

protected:
    void changeEvent(QEvent *event) override;

private:
    void render();
    void setColors(const QColor &background, const QColor &foreground);
    QString reasonText() const;

    QLabel *m_icon;
    QLabel *m_text;
    QPushButton *m_button;
    QTimer m_countdown;
    QTimer m_hideTimer;
    QElapsedTimer m_since;
    Mode m_mode = Mode::Hidden;
    hb::cc::DisconnectInfo m_info;
    int m_attempt = 0;
    qint64 m_retryAtMs = 0; // m_since-relative
};

} // namespace hb::ui

#pragma once

#include <QDir>
#include <QObject>
#include <QString>

namespace hb::ui {

class ControlCenterApp;

// --screenshot DIR: once signed in and the live data has arrived, shows each main view in turn
// and saves it (QWidget::grab, so no window manager or screen grabber is needed), plus the
// sign-in, reroute and force-offline dialogs; then quits. Used by scripts/screenshots.sh.
class ScreenshotRunner : public QObject
{
    Q_OBJECT

public:
    ScreenshotRunner(ControlCenterApp *app, const QString &directory, QObject *parent = nullptr);

    // Exit code: 0 all saved, 1 something could not be saved, 2 no data in time.
    static constexpr int kTimeoutMs = 60000;

private:
    void begin();
    void prepare();
    void shootAll();
    bool save(QWidget *widget, const QString &name);

    ControlCenterApp *m_app;
    QDir m_dir;
    int m_settleMs = 30000; // HB_SCREENSHOT_SETTLE_S: time for the charts to collect samples
    bool m_started = false;
    int m_failures = 0;
};

} // namespace hb::ui

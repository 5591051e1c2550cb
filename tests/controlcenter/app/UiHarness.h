#pragma once

// The main window wired to a real ControlClient and LiveModels, signed in to the core's
// in-process fake server (127.0.0.1, free port) that serves UiTestData's sample world.
#include "FakeStaffServer.h"
#include "UiTestData.h"
#include "app/AppSettings.h"
#include "app/LanguageManager.h"
#include "app/MainWindow.h"
#include "core/ControlClient.h"
#include "core/LiveModels.h"

#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <memory>

namespace hb::ui::test {

// Each test process gets its own settings, never the user's, and the English catalogue the
// app installs at start (it carries the plural forms: "1 session", "2 sessions").
inline void isolateSettings()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("HaloBestieTest"));
    QCoreApplication::setApplicationName(QStringLiteral("ControlCenterWidgetTests"));
    QSettings().clear();
    static hb::ui::LanguageManager english;
    english.apply(QStringLiteral("en"));
}

inline hb::cc::ControlClient::Options fastClientOptions()
{
    hb::cc::ControlClient::Options o;
    o.requestTimeoutMs = 2000;
    o.signInTimeoutMs = 3000;
    o.reconnectInitialMs = 100;
    o.reconnectMaxMs = 400;
    o.pingIntervalMs = 0;
    o.pongTimeoutMs = 0;
    o.listRefreshMinIntervalMs = 50;
    return o;
}

class UiHarness
{
public:
    UiHarness()
    {
        server.addAccount(QStringLiteral("ayu"), QStringLiteral("pw-ayu"), true);   // supervisor
        server.addAccount(QStringLiteral("vina"), QStringLiteral("pw-vina"), false); // viewer
        server.statsBody = wireStats(sampleMitras(), 2);
        server.sessionsList = sampleSessions();
        server.requestsList = sampleRequests();
        client.setOptions(fastClientOptions());
        window = std::make_unique<hb::ui::MainWindow>(hb::ui::ViewContext{&client, &models, &settings});
    }

    bool listen() { return server.listen(); }

    // Signs in and waits until the sample world is in the models. Test macros inside: check
    // QTest::currentTestFailed() after it (SIGN_IN below does).
    void signIn(const QString &user = QStringLiteral("ayu"))
    {
        QSignalSpy in(&client, &hb::cc::ControlClient::signedIn);
        client.connectWithPassword(server.url(), user, QStringLiteral("pw-") + user);
        QVERIFY(in.wait(5000));
        QTRY_COMPARE_WITH_TIMEOUT(models.mitras()->rowCount(), 4, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(models.sessionBoard()->sessionCount(), 7, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(models.requests()->rowCount(), 2, 5000);
    }

    hb::cc::test::FakeStaffServer server;
    hb::cc::ControlClient client;
    hb::cc::LiveModels models{&client};
    hb::ui::AppSettings settings;
    std::unique_ptr<hb::ui::MainWindow> window;
};

} // namespace hb::ui::test

#define HB_SIGN_IN(harness, user)                                                                   \
    do {                                                                                           \
        (harness).signIn(user);                                                                    \
        if (QTest::currentTestFailed())                                                            \
            return;                                                                                \
    } while (false)

// The real control center app against the REAL backend (real Valkey and PostgreSQL, a backend
// process), with mitra and customer apps over WebSocket: staff sign in through the dialog; the
// dashboard, tables and tree show exactly what the server's own `stats`, `sessions` and
// `requests` say; a session dragged onto another mitra in the tree is rerouted (the new mitra's
// app is told); a capacity typed into the table reaches the server; and the server's refusal of
// a reroute to a full mitra is shown with the session left where it was.
#include "E2eStack.h"
#include "ViewDrag.h"
#include "app/ControlCenterApp.h"
#include "app/LanguageManager.h"
#include "app/MainWindow.h"
#include "app/MessageBar.h"
#include "app/SignInDialog.h"
#include "app/dashboard/DashboardView.h"
#include "app/dashboard/FigureTile.h"
#include "app/mitras/MitraFilterProxy.h"
#include "app/mitras/MitrasView.h"
#include "app/requests/RequestsView.h"
#include "app/sessions/SessionBoardProxy.h"
#include "app/sessions/SessionsView.h"
#include "backend/WsTestClient.h"
#include "core/ControlClient.h"
#include "core/LiveModels.h"

#include <QJsonArray>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QTreeView>

using namespace hb;
using namespace hb::test;
using namespace hb::ui;
using Board = hb::cc::SessionBoardModel;
using Mitras = hb::cc::MitraTableModel;

namespace {
constexpr int kWait = 20000;
const QByteArray kPassword = "ui-e2e-supervisor-pass";
const QByteArray kViewerPassword = "ui-e2e-viewer-pass";

QJsonObject message(const QString &type, const QJsonObject &fields = {})
{
    QJsonObject m = fields;
    m.insert(QStringLiteral("type"), type);
    return m;
}
} // namespace

class TestAppE2e : public QObject
{
    Q_OBJECT

    E2eStack m_stack;
    std::unique_ptr<BackendProcess> m_backend;
    std::map<QString, std::unique_ptr<WsTestClient>> m_mitras;
    std::map<QString, std::unique_ptr<WsTestClient>> m_customers;
    std::unique_ptr<WsTestClient> m_raw; // a second staff member, to read what the server says
    std::unique_ptr<ControlCenterApp> m_app;
    LanguageManager m_english;

    bool addAccount(const QString &username, const QString &role, const QByteArray &password)
    {
        QProcess p;
        p.setProcessEnvironment(m_stack.backendEnvironment());
        p.start(BackendProcess::executable(), {QStringLiteral("staff"), QStringLiteral("add"), username,
                                               QStringLiteral("--name"), QStringLiteral("Ayu E2E"),
                                               QStringLiteral("--role"), role});
        if (!p.waitForStarted(10000))
            return false;
        p.write(password + "\n");
        p.closeWriteChannel();
        return p.waitForFinished(60000) && p.exitCode() == 0;
    }

    WsTestClient *mitraOnline(const QString &id, const QString &name)
    {
        auto client = std::make_unique<WsTestClient>();
        if (client->connectAndHello(m_backend->url(), m_stack.mitraToken(id, name)).isEmpty())
            return nullptr;
        client->ignoreType(QStringLiteral("heartbeat.ack"));
        if (client->request(message(QStringLiteral("presence.set"),
                                    {{QStringLiteral("status"), QStringLiteral("online")}}))
                .value(QStringLiteral("type"))
            != QStringLiteral("presence"))
            return nullptr;
        return (m_mitras[id] = std::move(client)).get();
    }

    // A customer asks; returns the request id.
    QString customerAsks(const QString &id, const QString &name)
    {
        auto client = std::make_unique<WsTestClient>();
        if (client->connectAndHello(m_backend->url(), m_stack.customerToken(id, name)).isEmpty())
            return {};
        const QJsonObject searching = client->request(message(QStringLiteral("pairing.request")));
        m_customers[id] = std::move(client);
        return searching.value(QStringLiteral("request_id")).toString();
    }

    // `mitraId` takes the request; returns the session id.
    QString accepts(const QString &mitraId, const QString &requestId)
    {
        WsTestClient *mitra = m_mitras.at(mitraId).get();
        const QJsonObject offer = mitra->waitForMatch(
            [&](const QJsonObject &m) {
                return m.value(QStringLiteral("type")) == QStringLiteral("offer")
                       && m.value(QStringLiteral("request_id")).toString() == requestId;
            },
            kWait);
        if (offer.isEmpty())
            return {};
        const QJsonObject assigned = mitra->request(
            message(QStringLiteral("offer.accept"), {{QStringLiteral("request_id"), requestId}}));
        return assigned.value(QStringLiteral("session")).toObject().value(QStringLiteral("id")).toString();
    }

    // What the server says now, asked by the second staff member.
    QJsonObject serverStats() { return m_raw->request(message(QStringLiteral("stats.subscribe"))); }
    QJsonArray serverList(const QString &type, const QString &field)
    {
        return m_raw->request(message(type)).value(field).toArray();
    }

    MainWindow *window() const { return m_app->mainWindow(); }
    hb::cc::LiveModels *models() const { return m_app->models(); }
    QString mitraOfSession(const QString &sessionId) const
    {
        return models()->sessionBoard()->sessionIndex(sessionId).data(Board::MitraIdRole).toString();
    }

    QString m_session1;
    QString m_session2;
    QString m_pendingRequest;

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("HaloBestieTest"));
        QCoreApplication::setApplicationName(QStringLiteral("ControlCenterE2e"));
        QSettings().clear();
        m_english.apply(QStringLiteral("en"));

        QString error;
        QVERIFY2(m_stack.start(&error), qPrintable(error));
        QVERIFY(addAccount(QStringLiteral("ayu.e2e"), QStringLiteral("supervisor"), kPassword));
        QVERIFY(addAccount(QStringLiteral("raw.e2e"), QStringLiteral("viewer"), kViewerPassword));
        QProcessEnvironment extra;
        // The mitras here send no heartbeats; requests must wait for as long as the test runs.
        extra.insert(QStringLiteral("HALOBESTIE_HEARTBEAT_TIMEOUT_S"), QStringLiteral("300"));
        extra.insert(QStringLiteral("HALOBESTIE_HEARTBEAT_INTERVAL_S"), QStringLiteral("60"));
        extra.insert(QStringLiteral("HALOBESTIE_REQUEST_TIMEOUT_S"), QStringLiteral("600"));
        extra.insert(QStringLiteral("HALOBESTIE_OFFER_TIMEOUT_S"), QStringLiteral("600"));
        extra.insert(QStringLiteral("HALOBESTIE_PAIRING_STRATEGY"), QStringLiteral("broadcast"));
        extra.insert(QStringLiteral("HALOBESTIE_DEFAULT_MAX_CUSTOMERS"), QStringLiteral("3"));
        m_backend = m_stack.startBackend(QStringLiteral("ui-e2e"), &error, extra);
        QVERIFY2(m_backend, qPrintable(error));

        // Three Besties online; Sari takes two customers; a third customer waits.
        QVERIFY(mitraOnline(QStringLiteral("m-sari"), QStringLiteral("Sari")));
        QVERIFY(mitraOnline(QStringLiteral("m-dewi"), QStringLiteral("Dewi")));
        QVERIFY(mitraOnline(QStringLiteral("m-budi"), QStringLiteral("Budi")));
        const QString r1 = customerAsks(QStringLiteral("c-ani"), QStringLiteral("Ani"));
        QVERIFY(!r1.isEmpty());
        m_session1 = accepts(QStringLiteral("m-sari"), r1);
        QVERIFY(!m_session1.isEmpty());
        const QString r2 = customerAsks(QStringLiteral("c-bima"), QStringLiteral("Bima"));
        QVERIFY(!r2.isEmpty());
        m_session2 = accepts(QStringLiteral("m-sari"), r2);
        QVERIFY(!m_session2.isEmpty());
        m_pendingRequest = customerAsks(QStringLiteral("c-citra"), QStringLiteral("Citra"));
        QVERIFY(!m_pendingRequest.isEmpty());

        m_raw = std::make_unique<WsTestClient>();
        QVERIFY(m_raw->open(m_backend->url()));
        QCOMPARE(m_raw->request(message(QStringLiteral("login"),
                                        {{QStringLiteral("username"), QStringLiteral("raw.e2e")},
                                         {QStringLiteral("password"), QString::fromLatin1(kViewerPassword)}}),
                                kWait)
                     .value(QStringLiteral("type"))
                     .toString(),
                 QStringLiteral("welcome"));
    }

    void cleanupTestCase()
    {
        m_app.reset();
        m_raw.reset();
        m_customers.clear();
        m_mitras.clear();
        if (m_backend)
            QCOMPARE(m_backend->stop(), 0);
    }

    void signsInThroughTheDialog()
    {
        m_app = std::make_unique<ControlCenterApp>(LaunchOptions{});
        m_app->start();
        SignInDialog *dialog = m_app->signInDialog();
        QVERIFY(dialog && dialog->isVisible());
        dialog->setServer(m_backend->url());
        dialog->findChild<QLineEdit *>(QStringLiteral("username"))->setText(QStringLiteral("ayu.e2e"));
        dialog->findChild<QLineEdit *>(QStringLiteral("password"))->setText(QString::fromLatin1(kPassword));
        QSignalSpy ready(m_app.get(), &ControlCenterApp::ready);
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("signIn")), Qt::LeftButton);
        QVERIFY(ready.wait(kWait));
        QVERIFY(window()->isVisible());
        QVERIFY(window()->windowTitle().contains(QStringLiteral("Ayu E2E")));
    }

    void showsTheServersFigures()
    {
        QVERIFY(m_app);
        const QJsonObject stats = serverStats();
        QCOMPARE(stats.value(QStringLiteral("active_chats")).toInt(), 2);
        QCOMPARE(stats.value(QStringLiteral("active_mitras")).toInt(), 3);
        QCOMPARE(stats.value(QStringLiteral("pending_requests")).toInt(), 1);

        DashboardView *dashboard = window()->dashboardView();
        QTRY_COMPARE_WITH_TIMEOUT(dashboard->activeChatsTile()->value(),
                                  QString::number(stats.value(QStringLiteral("active_chats")).toInt()), kWait);
        QCOMPARE(dashboard->onlineMitrasTile()->value(),
                 QString::number(stats.value(QStringLiteral("active_mitras")).toInt()));
        QCOMPARE(dashboard->pendingTile()->value(),
                 QString::number(stats.value(QStringLiteral("pending_requests")).toInt()));
        QCOMPARE(dashboard->maxTile()->value(), QStringLiteral("2"));
        QCOMPARE(dashboard->maxTile()->detail(), QStringLiteral("Sari"));

        // Every mitra of the server's stats, with its numbers.
        const QJsonArray mitras = stats.value(QStringLiteral("mitras")).toArray();
        QTRY_COMPARE_WITH_TIMEOUT(window()->mitrasView()->proxy()->rowCount(), int(mitras.size()), kWait);
        for (const auto &value : mitras) {
            const QJsonObject m = value.toObject();
            const int row = models()->mitras()->rowOf(m.value(QStringLiteral("id")).toString());
            QVERIFY(row >= 0);
            const QModelIndex index = models()->mitras()->index(row, 0);
            QCOMPARE(index.data().toString(), m.value(QStringLiteral("name")).toString());
            QCOMPARE(index.data(Mitras::ActiveSessionsRole).toInt(),
                     m.value(QStringLiteral("active_sessions")).toInt());
            QCOMPARE(index.data(Mitras::MaxCustomersRole).toInt(),
                     m.value(QStringLiteral("max_customers")).toInt());
        }

        // The sessions under their mitra, the waiting customer in the requests.
        const QJsonArray sessions = serverList(QStringLiteral("sessions.list"), QStringLiteral("sessions"));
        QCOMPARE(sessions.size(), 2);
        QTRY_COMPARE_WITH_TIMEOUT(models()->sessionBoard()->sessionCount(), int(sessions.size()), kWait);
        for (const auto &value : sessions) {
            const QJsonObject s = value.toObject();
            QCOMPARE(mitraOfSession(s.value(QStringLiteral("id")).toString()),
                     s.value(QStringLiteral("mitra")).toObject().value(QStringLiteral("id")).toString());
        }
        const QJsonArray requests = serverList(QStringLiteral("requests.list"), QStringLiteral("requests"));
        QCOMPARE(requests.size(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(window()->requestsView()->table()->model()->rowCount(), 1, kWait);
        QCOMPARE(window()->requestsView()->table()->model()->index(0, 0).data().toString(),
                 QStringLiteral("Citra"));
    }

    void reroutesByDragAndDrop()
    {
        QVERIFY(m_app);
        window()->showView(MainWindow::Sessions);
        SessionsView *view = window()->sessionsView();
        QTreeView *tree = view->tree();
        auto *proxy = view->proxy();
        const QModelIndex session = proxy->mapFromSource(models()->sessionBoard()->sessionIndex(m_session1));
        const QModelIndex dewi = proxy->mapFromSource(models()->sessionBoard()->mitraIndex(QStringLiteral("m-dewi")));
        QVERIFY(session.isValid() && dewi.isValid());
        QCOMPARE(hb::ui::test::dragOnto(tree, session, dewi), Qt::MoveAction);

        // Dewi's app is told, the server's list says so, and the tree follows.
        WsTestClient *dewiApp = m_mitras.at(QStringLiteral("m-dewi")).get();
        const QJsonObject assigned = dewiApp->waitFor(QStringLiteral("session.assigned"), kWait);
        QCOMPARE(assigned.value(QStringLiteral("session")).toObject().value(QStringLiteral("id")).toString(),
                 m_session1);
        QCOMPARE(assigned.value(QStringLiteral("reason")).toString(), QStringLiteral("rerouted"));
        QTRY_COMPARE_WITH_TIMEOUT(mitraOfSession(m_session1), QStringLiteral("m-dewi"), kWait);
        QTRY_COMPARE_WITH_TIMEOUT(view->messageBar()->kind(), MessageBar::Kind::Positive, kWait);
        QVERIFY(view->messageBar()->text().contains(QStringLiteral("Dewi")));
    }

    void capacityEditedInTheTableReachesTheServer()
    {
        QVERIFY(m_app);
        window()->showView(MainWindow::Mitras);
        MitrasView *view = window()->mitrasView();
        view->selectMitra(QStringLiteral("m-dewi"));
        const QModelIndex cell = view->table()->currentIndex().siblingAtColumn(Mitras::MaxCustomersColumn);
        view->table()->edit(cell);
        auto *spin = view->table()->viewport()->findChild<QSpinBox *>(QStringLiteral("capacityEditor"));
        QVERIFY(spin);
        spin->setValue(1);
        QTest::keyClick(spin, Qt::Key_Return);

        // The server's stats say Dewi now takes one customer, from her own setting; so does
        // the table.
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                for (const auto &value : serverStats().value(QStringLiteral("mitras")).toArray()) {
                    const QJsonObject m = value.toObject();
                    if (m.value(QStringLiteral("id")) == QStringLiteral("m-dewi"))
                        return m.value(QStringLiteral("max_customers")).toInt() == 1
                               && m.value(QStringLiteral("capacity_source")) == QStringLiteral("mitra");
                }
                return false;
            }(),
            kWait);
        const QModelIndex dewi = models()->mitras()->index(models()->mitras()->rowOf(QStringLiteral("m-dewi")), 0);
        QTRY_COMPARE_WITH_TIMEOUT(dewi.data(Mitras::MaxCustomersRole).toInt(), 1, kWait);
        QVERIFY(dewi.data(Mitras::HasOverrideRole).toBool());
    }

    void refusedRerouteIsShownAndNothingMoves()
    {
        QVERIFY(m_app);
        window()->showView(MainWindow::Sessions);
        SessionsView *view = window()->sessionsView();
        auto *proxy = view->proxy();
        // Dewi is full (1 of 1): the server refuses the second session.
        const QModelIndex session = proxy->mapFromSource(models()->sessionBoard()->sessionIndex(m_session2));
        const QModelIndex dewi = proxy->mapFromSource(models()->sessionBoard()->mitraIndex(QStringLiteral("m-dewi")));
        QCOMPARE(hb::ui::test::dragOnto(view->tree(), session, dewi), Qt::MoveAction);
        QTRY_COMPARE_WITH_TIMEOUT(view->messageBar()->kind(), MessageBar::Kind::Error, kWait);
        const QString text = view->messageBar()->text();
        QVERIFY2(text.contains(QStringLiteral("capacity")) && text.contains(QStringLiteral("Sari")), qPrintable(text));
        QCOMPARE(mitraOfSession(m_session2), QStringLiteral("m-sari"));
        QCOMPARE(view->tree()->currentIndex().data(Board::SessionIdRole).toString(), m_session2);
        // And on the server too.
        for (const auto &value : serverList(QStringLiteral("sessions.list"), QStringLiteral("sessions"))) {
            const QJsonObject s = value.toObject();
            if (s.value(QStringLiteral("id")).toString() == m_session2)
                QCOMPARE(s.value(QStringLiteral("mitra")).toObject().value(QStringLiteral("id")).toString(),
                         QStringLiteral("m-sari"));
        }
        // The dashboard still agrees with the server.
        const QJsonObject stats = serverStats();
        QTRY_COMPARE_WITH_TIMEOUT(window()->dashboardView()->activeChatsTile()->value(),
                                  QString::number(stats.value(QStringLiteral("active_chats")).toInt()), kWait);
        QCOMPARE(window()->dashboardView()->maxTile()->value(), QStringLiteral("1"));
    }
};

QTEST_MAIN(TestAppE2e)
#include "tst_cc_app_e2e.moc"

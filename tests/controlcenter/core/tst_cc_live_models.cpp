// All models fed by one client from a fake server: what the user does in a model (edit a
// capacity, drop a session, scroll the audit log, pick a day) reaches the server as the right
// message, and the answers (or refusals) come back into the models.
#include "FakeStaffServer.h"
#include "core/ControlClient.h"
#include "core/LiveModels.h"
#include "core/SessionDragData.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QMimeData>
#include <QSignalSpy>
#include <QTest>
#include <memory>

using namespace hb;
using namespace hb::cc;
using namespace hb::cc::test;
using namespace Qt::StringLiterals;

namespace {

using Tester = QAbstractItemModelTester;

QJsonObject mitraJson(const QString &id, int active, int max)
{
    return QJsonObject{{u"id"_s, id},
                       {u"name"_s, QString(u"Name "_s + id)},
                       {u"status"_s, u"online"_s},
                       {u"active_sessions"_s, active},
                       {u"max_customers"_s, max},
                       {u"capacity_source"_s, u"global"_s},
                       {u"status_since"_s, u"2026-04-05T15:00:00.000Z"_s},
                       {u"over_capacity"_s, active > max}};
}

QJsonObject sessionJson(const QString &id, const QString &mitraId)
{
    return QJsonObject{{u"id"_s, id},
                       {u"request_id"_s, QString(u"r-"_s + id)},
                       {u"customer"_s, QJsonObject{{u"id"_s, QString(u"c-"_s + id)}, {u"name"_s, u"Cust"_s}}},
                       {u"mitra"_s, QJsonObject{{u"id"_s, mitraId}, {u"name"_s, QString(u"Name "_s + mitraId)}}},
                       {u"state"_s, u"active"_s},
                       {u"started_at"_s, u"2026-04-05T15:17:49.123Z"_s}};
}

} // namespace

class TestLiveModels : public QObject
{
    Q_OBJECT

    std::unique_ptr<FakeStaffServer> m_server;
    std::unique_ptr<ControlClient> m_client;
    std::unique_ptr<LiveModels> m_models;
    std::vector<std::unique_ptr<Tester>> m_testers;

    void signIn(const QString &user)
    {
        QSignalSpy in(m_client.get(), &ControlClient::signedIn);
        m_client->connectWithPassword(m_server->url(), user, u"pw"_s);
        QVERIFY(in.wait(5000));
        QTRY_COMPARE(m_models->sessionBoard()->sessionCount(), 1);
        QTRY_COMPARE(m_models->mitras()->rowCount(), 2);
    }

private slots:
    void init()
    {
        m_server = std::make_unique<FakeStaffServer>();
        QVERIFY(m_server->listen());
        m_server->addAccount(u"ayu"_s, u"pw"_s, true);
        m_server->addAccount(u"vina"_s, u"pw"_s, false);
        m_server->statsBody.insert(u"mitras"_s, QJsonArray{mitraJson(u"m-1"_s, 1, 3), mitraJson(u"m-2"_s, 0, 3)});
        m_server->sessionsList = QJsonArray{sessionJson(u"s-1"_s, u"m-1"_s)};
        m_server->answers.insert(u"audit.list"_s, [](const QJsonObject &) {
            return std::optional<QJsonObject>(QJsonObject{
                {u"type"_s, u"audit"_s},
                {u"more"_s, false},
                {u"entries"_s,
                 QJsonArray{QJsonObject{{u"id"_s, 7}, {u"at"_s, u"2026-04-05T15:20:00.000Z"_s},
                                        {u"actor"_s, QJsonValue(QJsonValue::Null)},
                                        {u"action"_s, u"login_failed"_s}, {u"target"_s, u"bob"_s},
                                        {u"before"_s, QJsonValue(QJsonValue::Null)},
                                        {u"after"_s, QJsonValue(QJsonValue::Null)},
                                        {u"address"_s, u"127.0.0.1"_s}}}}});
        });
        m_client = std::make_unique<ControlClient>();
        ControlClient::Options o;
        o.requestTimeoutMs = 2000;
        o.reconnectInitialMs = 50;
        o.listRefreshMinIntervalMs = 50;
        m_client->setOptions(o);
        m_models = std::make_unique<LiveModels>(m_client.get());
        for (QAbstractItemModel *model :
             std::initializer_list<QAbstractItemModel *>{m_models->mitras(), m_models->sessionBoard(),
                                                         m_models->requests(), m_models->presence(),
                                                         m_models->audit(), m_models->history()}) {
            m_testers.push_back(std::make_unique<Tester>(model, Tester::FailureReportingMode::Fatal));
        }
    }

    void cleanup()
    {
        m_testers.clear();
        m_models.reset();
        m_client.reset();
        m_server.reset();
    }

    void supervisorDropsASession()
    {
        signIn(u"ayu"_s);
        SessionBoardModel *board = m_models->sessionBoard();
        QVERIFY(board->flags(board->sessionIndex(u"s-1"_s)) & Qt::ItemIsDragEnabled);

        // First try: the server refuses (m-2 is full).
        m_server->answers.insert(u"session.reroute"_s, [](const QJsonObject &) {
            return std::optional<QJsonObject>(QJsonObject{
                {u"type"_s, u"error"_s}, {u"code"_s, u"capacity_full"_s},
                {u"message"_s, u"mitra m-2 has no free slot"_s}});
        });
        QSignalSpy refused(board, &SessionBoardModel::rerouteFailed);
        std::unique_ptr<QMimeData> mime(board->mimeData({board->sessionIndex(u"s-1"_s)}));
        QVERIFY(board->dropMimeData(mime.get(), Qt::MoveAction, -1, -1, board->mitraIndex(u"m-2"_s)));
        QVERIFY(refused.wait(3000));
        const auto failure = refused[0][2].value<RequestFailure>();
        QVERIFY(failure.code == ErrorCode::CapacityFull);
        QCOMPARE(failure.message, u"mitra m-2 has no free slot"_s);
        QCOMPARE(board->sessionIndex(u"s-1"_s).parent(), board->mitraIndex(u"m-1"_s)); // snapped back
        const QJsonObject sent = m_server->ofType(u"session.reroute"_s).value(0);
        QCOMPARE(sent.value(u"session_id"_s).toString(), u"s-1"_s);
        QCOMPARE(sent.value(u"to_mitra_id"_s).toString(), u"m-2"_s);

        // Second try: accepted; the session moves when the answer arrives.
        m_server->answers.insert(u"session.reroute"_s, [this](const QJsonObject &m) {
            m_server->sessionsList = QJsonArray{sessionJson(u"s-1"_s, u"m-2"_s)};
            return std::optional<QJsonObject>(QJsonObject{
                {u"type"_s, u"session.rerouted"_s},
                {u"session"_s, sessionJson(m.value(u"session_id"_s).toString(),
                                           m.value(u"to_mitra_id"_s).toString())}});
        });
        QVERIFY(board->requestReroute(u"s-1"_s, u"m-2"_s));
        QTRY_COMPARE(board->sessionIndex(u"s-1"_s).parent(), board->mitraIndex(u"m-2"_s));
        QVERIFY(!board->sessionIndex(u"s-1"_s).data(SessionBoardModel::ReroutePendingRole).toBool());
    }

    void capacityEditGoesToTheServer()
    {
        signIn(u"ayu"_s);
        MitraTableModel *mitras = m_models->mitras();
        const QModelIndex cell = mitras->index(mitras->rowOf(u"m-1"_s), MitraTableModel::MaxCustomersColumn);
        QVERIFY(mitras->flags(cell) & Qt::ItemIsEditable);
        QVERIFY(mitras->setData(cell, 5));
        QTRY_COMPARE(m_server->count(u"capacity.set"_s), 1);
        const QJsonObject sent = m_server->ofType(u"capacity.set"_s).value(0);
        QCOMPARE(sent.value(u"scope"_s).toString(), u"mitra"_s);
        QCOMPARE(sent.value(u"mitra_id"_s).toString(), u"m-1"_s);
        QCOMPARE(sent.value(u"max_customers"_s).toInt(), 5);
        QCOMPARE(cell.data().toInt(), 3); // until stats say otherwise

        QJsonObject stats = m_server->statsBody;
        QJsonObject m1 = mitraJson(u"m-1"_s, 1, 5);
        m1.insert(u"capacity_source"_s, u"mitra"_s);
        stats.insert(u"mitras"_s, QJsonArray{m1, mitraJson(u"m-2"_s, 0, 3)});
        stats.insert(u"type"_s, u"stats"_s);
        m_server->push(stats);
        QTRY_COMPARE(cell.data().toInt(), 5);

        // A refusal is reported with the mitra it was for.
        m_server->answers.insert(u"capacity.set"_s, [](const QJsonObject &) {
            return std::optional<QJsonObject>(QJsonObject{
                {u"type"_s, u"error"_s}, {u"code"_s, u"not_found"_s}, {u"message"_s, u"no such mitra"_s}});
        });
        QSignalSpy failed(m_models.get(), &LiveModels::capacityChangeFailed);
        QVERIFY(mitras->setData(cell, QVariant()));
        QVERIFY(failed.wait(3000));
        QCOMPARE(failed[0][0].toString(), u"m-1"_s);
        QVERIFY(failed[0][1].value<RequestFailure>().code == ErrorCode::NotFound);
    }

    void auditAndPresenceAreFetched()
    {
        signIn(u"ayu"_s);
        QTRY_COMPARE(m_models->audit()->rowCount(), 1);
        QCOMPARE(m_models->audit()->index(0, AuditLogModel::TargetColumn).data().toString(), u"bob"_s);
        m_server->answers.insert(u"presence.history"_s, [](const QJsonObject &m) {
            return std::optional<QJsonObject>(QJsonObject{
                {u"type"_s, u"presence.history"_s},
                {u"mitra_id"_s, m.value(u"mitra_id"_s)},
                {u"intervals"_s,
                 QJsonArray{QJsonObject{{u"online_at"_s, u"2026-04-05T06:00:00.000Z"_s},
                                        {u"offline_at"_s, u"2026-04-05T12:00:00.000Z"_s},
                                        {u"reason"_s, u"manual"_s}}}}});
        });
        m_models->presence()->setRange(u"m-1"_s, 1775347200000, 1775347200000 + 86400000);
        QTRY_COMPARE(m_models->presence()->rowCount(), 1);
        QCOMPARE(m_models->presence()->index(0, 0).data(PresenceTimelineModel::StartFractionRole).toDouble(),
                 0.25);
    }

    void failedModelRequestsAreReported()
    {
        signIn(u"ayu"_s);
        QSignalSpy presenceFailed(m_models.get(), &LiveModels::presenceHistoryFailed);
        QSignalSpy auditFailed(m_models.get(), &LiveModels::auditPageFailed);
        m_server->answers.insert(u"presence.history"_s, [](const QJsonObject &) {
            return std::optional<QJsonObject>(QJsonObject{
                {u"type"_s, u"error"_s}, {u"code"_s, u"not_found"_s},
                {u"message"_s, u"no mitra with id m-typo"_s}});
        });
        m_models->presence()->setRange(u"m-typo"_s, 1775347200000, 1775347200000 + 86400000);
        QVERIFY(presenceFailed.wait(3000));
        QCOMPARE(presenceFailed[0][0].toString(), u"m-typo"_s);
        const auto notFound = presenceFailed[0][1].value<RequestFailure>();
        QCOMPARE(notFound.kind, RequestFailure::Kind::ServerError);
        QCOMPARE(notFound.code, std::optional<ErrorCode>(ErrorCode::NotFound));
        QCOMPARE(notFound.message, u"no mitra with id m-typo"_s);
        QCOMPARE(m_models->presence()->rowCount(), 0);

        m_server->answers.insert(u"audit.list"_s, [](const QJsonObject &) {
            return std::optional<QJsonObject>(QJsonObject{
                {u"type"_s, u"error"_s}, {u"code"_s, u"unavailable"_s},
                {u"message"_s, u"the audit log cannot be read right now"_s}});
        });
        QTRY_COMPARE(m_models->audit()->rowCount(), 1); // the first page came at sign-in
        m_models->audit()->setActionFilter(u"reroute"_s);
        QVERIFY(auditFailed.wait(3000));
        const auto unavailable = auditFailed[0][0].value<RequestFailure>();
        QCOMPARE(unavailable.code, std::optional<ErrorCode>(ErrorCode::Unavailable));
        QCOMPARE(unavailable.message, u"the audit log cannot be read right now"_s);
        QVERIFY(!m_models->audit()->isLoading());
        QCOMPARE(presenceFailed.size(), 1);
    }

    void viewerLooksOnlyAndSignOutClears()
    {
        signIn(u"vina"_s);
        MitraTableModel *mitras = m_models->mitras();
        QVERIFY(!(mitras->flags(mitras->index(0, MitraTableModel::MaxCustomersColumn)) & Qt::ItemIsEditable));
        SessionBoardModel *board = m_models->sessionBoard();
        QVERIFY(!(board->flags(board->sessionIndex(u"s-1"_s)) & Qt::ItemIsDragEnabled));
        QVERIFY(m_models->history()->rowCount() >= 1);

        m_client->disconnectFromServer();
        QCOMPARE(mitras->rowCount(), 0);
        QCOMPARE(board->rowCount(), 0);
        QCOMPARE(m_models->history()->rowCount(), 0);
    }

    void reconnectKeepsTheViewsAndRefreshes()
    {
        signIn(u"ayu"_s);
        QSignalSpy reconnected(m_client.get(), &ControlClient::reconnected);
        m_server->sessionsList = QJsonArray{sessionJson(u"s-1"_s, u"m-1"_s), sessionJson(u"s-2"_s, u"m-2"_s)};
        m_server->dropAll();
        // While away, the last state stays on screen.
        QTRY_COMPARE(m_client->state(), ControlClient::State::Reconnecting);
        QCOMPARE(m_models->sessionBoard()->sessionCount(), 1);
        QVERIFY(reconnected.wait(5000));
        QTRY_COMPARE(m_models->sessionBoard()->sessionCount(), 2);
    }

    void reconnectNowKeepsTheViews()
    {
        ControlClient::Options o = m_client->options();
        o.reconnectInitialMs = 60000; // only reconnectNow() brings it back within the test
        o.reconnectMaxMs = 60000;
        m_client->setOptions(o);
        signIn(u"ayu"_s);
        QTRY_COMPARE(m_models->audit()->rowCount(), 1);
        const int samples = m_models->history()->rowCount();
        QVERIFY(samples >= 1);
        QSignalSpy reconnecting(m_client.get(), &ControlClient::reconnecting);
        QSignalSpy reconnected(m_client.get(), &ControlClient::reconnected);
        m_server->dropAll();
        QVERIFY(reconnecting.wait(3000));
        QVERIFY(m_client->reconnectNow());
        QVERIFY(reconnected.wait(3000));
        // Nothing was cleared on the way: the dashboard's hour of history is still there.
        QVERIFY(m_models->history()->rowCount() >= samples);
        QCOMPARE(m_models->mitras()->rowCount(), 2);
        QCOMPARE(m_models->sessionBoard()->sessionCount(), 1);
        QTRY_COMPARE(m_models->audit()->rowCount(), 1);
    }
};

QTEST_GUILESS_MAIN(TestLiveModels)
#include "tst_cc_live_models.moc"

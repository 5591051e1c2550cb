// The client side of the wire: every server message a staff client reads, from the examples of
// docs/protocol.md written out as text (so the test does not reuse the code it checks), plus
// round trips through the server's own builders and the malformed cases a client must survive.
#include "protocol/ServerMessageParser.h"
#include "protocol/ServerMessages.h"

#include <QJsonDocument>
#include <QTest>

using namespace hb;

namespace {

constexpr qint64 kT = 1775402269123;  // 2026-04-05T15:17:49.123Z
constexpr qint64 kT2 = 1775403000000; // 2026-04-05T15:30:00.000Z

ServerMessage parsed(const QByteArray &text)
{
    const ServerParseResult r = parseServerMessage(text);
    if (!r.ok())
        qFatal("expected a valid message, got error '%s' for %s", qPrintable(r.error),
               text.constData());
    return *r.message;
}

template <class T> T payload(const QByteArray &text)
{
    const ServerMessage m = parsed(text);
    const T *p = m.getIf<T>();
    if (!p)
        qFatal("unexpected payload type for %s", text.constData());
    return *p;
}

} // namespace

class TestServerMessageParser : public QObject
{
    Q_OBJECT

private slots:
    void welcomeStaffLogin()
    {
        const QByteArray text =
            R"({"type":"welcome","ref":"c-1","role":"staff","user_id":"staff_1","name":"Ayu",)"
            R"("server_time":"2026-04-05T15:17:49.123Z","heartbeat_interval_s":10,)"
            R"("heartbeat_timeout_s":30,"server_instance":"node-a:8080","staff_role":"supervisor",)"
            R"("token":"abc.def.ghi"})";
        const ServerMessage m = parsed(text);
        QCOMPARE(m.type, QStringLiteral("welcome"));
        QCOMPARE(m.ref, QStringLiteral("c-1"));
        const auto &w = *m.getIf<servermsg::Welcome>();
        QVERIFY(w.role == Role::Staff);
        QCOMPARE(w.userId, QStringLiteral("staff_1"));
        QCOMPARE(w.name, QStringLiteral("Ayu"));
        QCOMPARE(w.serverTimeMs, kT);
        QCOMPARE(w.heartbeatIntervalS, 10);
        QCOMPARE(w.heartbeatTimeoutS, 30);
        QCOMPARE(w.serverInstance, QStringLiteral("node-a:8080"));
        QVERIFY(w.staffRole == StaffRole::Supervisor);
        QCOMPARE(w.token, QStringLiteral("abc.def.ghi"));
    }

    void welcomeFromOlderServer()
    {
        // v1 only: no staff_role, no server_instance, no token (hello).
        const auto w = payload<servermsg::Welcome>(
            R"({"type":"welcome","role":"staff","user_id":"u","name":"U",)"
            R"("server_time":"2026-04-05T15:17:49.123Z","heartbeat_interval_s":10,"heartbeat_timeout_s":30})");
        QVERIFY(!w.staffRole);
        QVERIFY(!w.token);
        QVERIFY(w.serverInstance.isEmpty());
    }

    void welcomeRoundTrip()
    {
        Identity id{QStringLiteral("staff_9"), Role::Staff, QStringLiteral("Nia"),
                    StaffRole::Viewer};
        const auto w = payload<servermsg::Welcome>(encode(
            serverMessage::welcome(id, kT2, 5, 15, QStringLiteral("tok"), QStringLiteral("x"))));
        QCOMPARE(w.userId, id.id);
        QCOMPARE(w.serverTimeMs, kT2);
        QVERIFY(w.staffRole == StaffRole::Viewer);
        QCOMPARE(w.token, QStringLiteral("tok"));
        QCOMPARE(w.serverInstance, QStringLiteral("x"));
    }

    void errorKnownAndUnknownCodes()
    {
        const ServerMessage m = parsed(
            R"({"type":"error","code":"not_found","message":"no such session","ref":"c-17"})");
        QCOMPARE(m.ref, QStringLiteral("c-17"));
        const auto &e = *m.getIf<servermsg::Error>();
        QVERIFY(e.code == ErrorCode::NotFound);
        QCOMPARE(e.codeText, QStringLiteral("not_found"));
        QCOMPARE(e.message, QStringLiteral("no such session"));

        // A code added by a newer server is kept as text, not refused.
        const auto e2 =
            payload<servermsg::Error>(R"({"type":"error","code":"shiny_new","message":"x"})");
        QVERIFY(!e2.code);
        QCOMPARE(e2.codeText, QStringLiteral("shiny_new"));
    }

    void statsWithAdditions()
    {
        const QByteArray text =
            R"({"type":"stats","at":"2026-04-05T15:17:49.123Z","active_chats":4,"active_mitras":2,)"
            R"("pending_requests":1,"default_max_customers":3,"mitras":[)"
            R"({"id":"m-1","name":"Sari","status":"online","active_sessions":3,"max_customers":3,)"
            R"("capacity_source":"global","status_since":"2026-04-05T15:30:00.000Z","over_capacity":false},)"
            R"({"id":"m-2","name":"Dewi","status":"offline","active_sessions":6,"max_customers":5,)"
            R"("capacity_source":"mitra","status_since":null,"over_capacity":true}]})";
        const auto s = payload<StatsSnapshot>(text);
        QCOMPARE(s.atMs, kT);
        QCOMPARE(s.activeChats, 4);
        QCOMPARE(s.activeMitras, 2);
        QCOMPARE(s.pendingRequests, 1);
        QCOMPARE(s.defaultMaxCustomers, 3);
        QCOMPARE(s.mitras.size(), 2);
        QCOMPARE(s.mitras[0].id, QStringLiteral("m-1"));
        QVERIFY(s.mitras[0].status == PresenceStatus::Online);
        QCOMPARE(s.mitras[0].statusSinceMs, kT2);
        QVERIFY(!s.mitras[0].overCapacity());
        QVERIFY(s.mitras[0].capacitySource == CapacitySource::Global);
        QVERIFY(s.mitras[1].status == PresenceStatus::Offline);
        QVERIFY(!s.mitras[1].statusSinceMs);
        QVERIFY(s.mitras[1].overCapacity());
        QVERIFY(s.mitras[1].capacitySource == CapacitySource::Mitra);
        QCOMPARE(s.mitras[1].activeSessions, 6);
        QCOMPARE(s.mitras[1].maxCustomers, 5);
    }

    void statsFromV1Server()
    {
        const auto s = payload<StatsSnapshot>(
            R"({"type":"stats","at":"2026-04-05T15:17:49.123Z","active_chats":4,"active_mitras":1,)"
            R"("pending_requests":0,"mitras":[{"id":"m-1","name":"Sari","status":"online",)"
            R"("active_sessions":4,"max_customers":3,"capacity_source":"global"}]})");
        QCOMPARE(s.defaultMaxCustomers, 0);
        QVERIFY(!s.mitras[0].statusSinceMs);
        QVERIFY(s.mitras[0].overCapacity());
    }

    void statsRoundTripThroughServerBuilder()
    {
        StatsSnapshot in;
        in.atMs = kT;
        in.activeChats = 2;
        in.activeMitras = 1;
        in.pendingRequests = 7;
        in.mitras.append(MitraStats{QStringLiteral("m-1"), QStringLiteral("Sari"),
                                    PresenceStatus::Online, 2, 4, CapacitySource::Mitra, {}});
        const auto out = payload<StatsSnapshot>(encode(serverMessage::stats(in)));
        QCOMPARE(out.atMs, in.atMs);
        QCOMPARE(out.pendingRequests, 7);
        QCOMPARE(out.mitras.size(), 1);
        QCOMPARE(out.mitras[0].id, in.mitras[0].id);
        QCOMPARE(out.mitras[0].activeSessions, 2);
        QCOMPARE(out.mitras[0].maxCustomers, 4);
        QVERIFY(out.mitras[0].capacitySource == CapacitySource::Mitra);
    }

    void capacityUpdated()
    {
        const auto g = payload<servermsg::CapacityUpdated>(
            R"({"type":"capacity.updated","ref":"c-3","scope":"global","max_customers":4})");
        QVERIFY(g.scope == CapacityScope::Global);
        QCOMPARE(g.maxCustomers, 4);
        const auto m = payload<servermsg::CapacityUpdated>(
            R"({"type":"capacity.updated","ref":"c-4","scope":"mitra","mitra_id":"m-1","max_customers":null})");
        QVERIFY(m.scope == CapacityScope::Mitra);
        QCOMPARE(m.mitraId, QStringLiteral("m-1"));
        QVERIFY(!m.maxCustomers);
        const auto built = payload<servermsg::CapacityUpdated>(
            encode(serverMessage::capacityUpdatedMitra(QStringLiteral("m-2"), 7)));
        QCOMPARE(built.mitraId, QStringLiteral("m-2"));
        QCOMPARE(built.maxCustomers, 7);
    }

    void sessionRerouted()
    {
        const ServerMessage m = parsed(
            R"({"type":"session.rerouted","ref":"c-5","session":{"id":"s-3","request_id":"r-9",)"
            R"("customer":{"id":"c-7","name":"Rina"},"mitra":{"id":"m-2","name":"Dewi"},)"
            R"("state":"active","started_at":"2026-04-05T15:17:52.000Z"}})");
        QCOMPARE(m.ref, QStringLiteral("c-5"));
        const Session &s = m.getIf<servermsg::SessionRerouted>()->session;
        QCOMPARE(s.id, QStringLiteral("s-3"));
        QCOMPARE(s.mitra.id, QStringLiteral("m-2"));
        QCOMPARE(s.mitra.name, QStringLiteral("Dewi"));
        QCOMPARE(s.customer.name, QStringLiteral("Rina"));
        QVERIFY(s.state == SessionState::Active);
    }

    void sessionsAndRequests()
    {
        const auto s = payload<servermsg::Sessions>(
            R"({"type":"sessions","ref":"c-6","sessions":[{"id":"s-3","request_id":"r-9",)"
            R"("customer":{"id":"c-7","name":"Rina"},"mitra":{"id":"m-1","name":"Sari"},)"
            R"("state":"awaiting_payment","started_at":"2026-04-05T15:17:49.123Z"}]})");
        QCOMPARE(s.sessions.size(), 1);
        QCOMPARE(s.sessions[0].startedAtMs, kT);
        QVERIFY(s.sessions[0].state == SessionState::AwaitingPayment);

        const auto r = payload<servermsg::Requests>(
            R"({"type":"requests","ref":"c-7","requests":[{"request_id":"r-9",)"
            R"("customer":{"id":"c-7","name":"Rina"},"created_at":"2026-04-05T15:17:49.123Z","offered_to":2}]})");
        QCOMPARE(r.requests.size(), 1);
        QCOMPARE(r.requests[0].requestId, QStringLiteral("r-9"));
        QCOMPARE(r.requests[0].customer.id, QStringLiteral("c-7"));
        QCOMPARE(r.requests[0].createdAtMs, kT);
        QCOMPARE(r.requests[0].offeredTo, 2);

        // Through the server's builders.
        const RequestSummary rs{QStringLiteral("r-1"), {QStringLiteral("c-1"), QStringLiteral("A")},
                                kT2, 0};
        QCOMPARE(payload<servermsg::Requests>(encode(serverMessage::requests({rs}))).requests,
                 QList<RequestSummary>{rs});
        QVERIFY(payload<servermsg::Sessions>(encode(serverMessage::sessions({}))).sessions.isEmpty());
    }

    void presenceHistory()
    {
        const auto h = payload<servermsg::PresenceHistory>(
            R"({"type":"presence.history","ref":"c-8","mitra_id":"m-1","intervals":[)"
            R"({"online_at":"2026-04-05T15:17:49.123Z","offline_at":"2026-04-05T15:30:00.000Z","reason":"manual"},)"
            R"({"online_at":"2026-04-05T15:30:00.000Z","offline_at":null,"reason":null}]})");
        QCOMPARE(h.mitraId, QStringLiteral("m-1"));
        QCOMPARE(h.intervals.size(), 2);
        QCOMPARE(h.intervals[0].mitraId, QStringLiteral("m-1"));
        QCOMPARE(h.intervals[0].onlineAtMs, kT);
        QCOMPARE(h.intervals[0].offlineAtMs, kT2);
        QCOMPARE(h.intervals[0].reason, QStringLiteral("manual"));
        QVERIFY(h.intervals[1].isOpen());
        QVERIFY(h.intervals[1].reason.isEmpty());
    }

    void mitraForcedOffline()
    {
        const auto f = payload<servermsg::MitraForcedOffline>(
            R"({"type":"mitra.forced_offline","ref":"c-9","mitra_id":"m-1","was_online":true,)"
            R"("rerouted":[{"session_id":"s-3","to_mitra_id":"m-2"}],"kept":["s-4"]})");
        QCOMPARE(f.mitraId, QStringLiteral("m-1"));
        QVERIFY(f.wasOnline);
        QCOMPARE(f.rerouted.size(), 1);
        QCOMPARE(f.rerouted[0], (servermsg::ReroutedSession{QStringLiteral("s-3"), QStringLiteral("m-2")}));
        QCOMPARE(f.kept, QStringList{QStringLiteral("s-4")});
    }

    void audit()
    {
        const auto a = payload<servermsg::Audit>(
            R"({"type":"audit","ref":"c-10","more":true,"entries":[)"
            R"({"id":1199,"at":"2026-04-05T15:20:00.000Z","actor":{"id":"staff_3f2c","name":"Ayu"},)"
            R"("action":"capacity_set","target":"m-1","before":{"max_customers":3,"capacity_source":"global"},)"
            R"("after":{"max_customers":5,"capacity_source":"mitra"},"address":"10.0.0.7"},)"
            R"({"id":1198,"at":"2026-04-05T15:19:00.000Z","actor":null,"action":"login_failed",)"
            R"("target":"bob","before":null,"after":null,"address":null}]})");
        QVERIFY(a.more);
        QCOMPARE(a.entries.size(), 2);
        const auto &e = a.entries[0];
        QCOMPARE(e.id, 1199);
        QCOMPARE(e.actorId, QStringLiteral("staff_3f2c"));
        QCOMPARE(e.actorName, QStringLiteral("Ayu"));
        QCOMPARE(e.action, QStringLiteral("capacity_set"));
        QCOMPARE(e.target, QStringLiteral("m-1"));
        QCOMPARE(e.before.toObject().value(QLatin1String("max_customers")).toInt(), 3);
        QCOMPARE(e.after.toObject().value(QLatin1String("capacity_source")).toString(),
                 QStringLiteral("mitra"));
        QCOMPARE(e.address, QStringLiteral("10.0.0.7"));
        const auto &anon = a.entries[1];
        QVERIFY(anon.actorId.isEmpty());
        QVERIFY(anon.before.isUndefined());
        QVERIFY(anon.address.isEmpty());
    }

    void unknownTypesAreKeptNotRefused()
    {
        const ServerMessage m = parsed(R"({"type":"offer","request_id":"r-1","ref":"x"})");
        QCOMPARE(m.type, QStringLiteral("offer"));
        QCOMPARE(m.ref, QStringLiteral("x"));
        QCOMPARE(m.getIf<servermsg::Other>()->type, QStringLiteral("offer"));
    }

    void malformed_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("errorContains");
        QTest::addColumn<QString>("ref");
        QTest::newRow("not json") << QByteArray("{nope") << "invalid JSON" << QString();
        QTest::newRow("array") << QByteArray("[1]") << "JSON object" << QString();
        QTest::newRow("no type") << QByteArray(R"({"ref":"a"})") << "type" << "a";
        QTest::newRow("stats count negative")
            << QByteArray(R"({"type":"stats","ref":"r","at":"2026-04-05T15:17:49.123Z","active_chats":-1,)"
                          R"("active_mitras":0,"pending_requests":0,"mitras":[]})")
            << "active_chats" << "r";
        QTest::newRow("stats fraction")
            << QByteArray(R"({"type":"stats","at":"2026-04-05T15:17:49.123Z","active_chats":1.5,)"
                          R"("active_mitras":0,"pending_requests":0,"mitras":[]})")
            << "active_chats" << QString();
        QTest::newRow("stats bad time")
            << QByteArray(R"({"type":"stats","at":"yesterday","active_chats":1,)"
                          R"("active_mitras":0,"pending_requests":0,"mitras":[]})")
            << "'at'" << QString();
        QTest::newRow("stats mitra status")
            << QByteArray(R"({"type":"stats","at":"2026-04-05T15:17:49.123Z","active_chats":0,)"
                          R"("active_mitras":0,"pending_requests":0,"mitras":[{"id":"m","name":"M",)"
                          R"("status":"busy","active_sessions":0,"max_customers":1,"capacity_source":"global"}]})")
            << "status" << QString();
        QTest::newRow("sessions not array")
            << QByteArray(R"({"type":"sessions","ref":"q","sessions":{}})") << "sessions" << "q";
        QTest::newRow("session missing customer")
            << QByteArray(R"({"type":"session.rerouted","session":{"id":"s","request_id":"r",)"
                          R"("mitra":{"id":"m","name":"M"},"state":"active","started_at":"2026-04-05T15:17:49.123Z"}})")
            << "session" << QString();
        QTest::newRow("capacity out of range")
            << QByteArray(R"({"type":"capacity.updated","scope":"global","max_customers":1001})")
            << "max_customers" << QString();
        // Found by tests/fuzz/fuzz_server_message: a double beyond qint64 was converted first
        // (undefined behaviour) and only then compared with the range.
        QTest::newRow("capacity far beyond any integer")
            << QByteArray(R"({"type":"capacity.updated","scope":"global","max_customers":1.1e122})")
            << "max_customers" << QString();
        QTest::newRow("capacity beyond qint64")
            << QByteArray(R"({"type":"capacity.updated","scope":"global","max_customers":9.3e18})")
            << "max_customers" << QString();
        QTest::newRow("capacity global null")
            << QByteArray(R"({"type":"capacity.updated","scope":"global","max_customers":null})")
            << "max_customers" << QString();
        QTest::newRow("welcome unknown role")
            << QByteArray(R"({"type":"welcome","role":"admin","user_id":"u","name":"U",)"
                          R"("server_time":"2026-04-05T15:17:49.123Z","heartbeat_interval_s":1,"heartbeat_timeout_s":3})")
            << "role" << QString();
        QTest::newRow("audit no more")
            << QByteArray(R"({"type":"audit","entries":[]})") << "more" << QString();
        QTest::newRow("forced_offline kept numbers")
            << QByteArray(R"({"type":"mitra.forced_offline","mitra_id":"m","was_online":false,"kept":[1]})")
            << "kept" << QString();
        QTest::newRow("error without code")
            << QByteArray(R"({"type":"error","message":"m","ref":"z"})") << "code" << "z";
    }

    void malformed()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, errorContains);
        QFETCH(QString, ref);
        const ServerParseResult r = parseServerMessage(text);
        QVERIFY(!r.ok());
        QVERIFY2(r.error.contains(errorContains), qPrintable(r.error));
        QCOMPARE(r.ref.value_or(QString()), ref);
    }
};

QTEST_APPLESS_MAIN(TestServerMessageParser)
#include "tst_servermessageparser.moc"

#include "protocol/ServerMessages.h"
#include "protocol/SessionJson.h"

#include <QJsonDocument>
#include <QSet>
#include <QTest>

using namespace hb;

namespace {

constexpr qint64 kT = 1775402269123;  // 2026-04-05T15:17:49.123Z
constexpr qint64 kT2 = 1775403000000; // 2026-04-05T15:30:00.000Z

const Party kCustomer{QStringLiteral("c-7"), QStringLiteral("Rina")};
const Party kMitra{QStringLiteral("m-1"), QStringLiteral("Sari")};

Session session(SessionState state = SessionState::Active)
{
    return Session{QStringLiteral("s-3"), QStringLiteral("r-9"), kCustomer, kMitra, state, kT};
}

// The SESSION shape from protocol-v1.md, as text, so the test does not reuse the code it checks.
const char *const kSessionJson =
    R"({"id":"s-3","request_id":"r-9","customer":{"id":"c-7","name":"Rina"},)"
    R"("mitra":{"id":"m-1","name":"Sari"},"state":"active","started_at":"2026-04-05T15:17:49.123Z"})";

QJsonObject json(const QByteArray &text)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(text, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        qFatal("bad expected JSON in test: %s", text.constData());
    return doc.object();
}

QByteArray withSession(const char *prefix)
{
    return QByteArray(prefix) + kSessionJson + '}';
}

} // namespace

class TestServerMessages : public QObject
{
    Q_OBJECT

private slots:
    void builders_data();
    void builders();
    void welcomeVariants();
    void withRef();
    void encodeIsCompactUtf8();
    void errorCodes_data();
    void errorCodes();
    void sessionJsonRoundTrip();
    void sessionJsonRejects_data();
    void sessionJsonRejects();
};

void TestServerMessages::builders_data()
{
    QTest::addColumn<QJsonObject>("actual");
    QTest::addColumn<QByteArray>("expected");

    using namespace serverMessage;
    QTest::newRow("error")
        << error(ErrorCode::NotFound, QStringLiteral("no such session"))
        << QByteArray(R"({"type":"error","code":"not_found","message":"no such session"})");
    QTest::newRow("error with ref")
        << error(ErrorCode::CapacityFull, QStringLiteral("full"), QStringLiteral("q1"))
        << QByteArray(R"({"type":"error","code":"capacity_full","message":"full","ref":"q1"})");
    QTest::newRow("open request conflict")
        << openRequestConflict(QStringLiteral("r-9"), QStringLiteral("q1"))
        << QByteArray(
               R"({"type":"error","code":"conflict","message":"a pairing request is already open","ref":"q1","request_id":"r-9"})");
    QTest::newRow("presence")
        << presence(PresenceStatus::Online, kT)
        << QByteArray(
               R"({"type":"presence","status":"online","since":"2026-04-05T15:17:49.123Z"})");
    QTest::newRow("presence with reason")
        << presence(PresenceStatus::Offline, kT, OfflineReason::HeartbeatTimeout)
        << QByteArray(
               R"({"type":"presence","status":"offline","since":"2026-04-05T15:17:49.123Z","reason":"heartbeat_timeout"})");
    QTest::newRow("heartbeat.ack")
        << heartbeatAck(kT)
        << QByteArray(R"({"type":"heartbeat.ack","server_time":"2026-04-05T15:17:49.123Z"})");
    QTest::newRow("offer")
        << offer(QStringLiteral("r-9"), kCustomer, kT2)
        << QByteArray(
               R"({"type":"offer","request_id":"r-9","customer":{"id":"c-7","name":"Rina"},"expires_at":"2026-04-05T15:30:00.000Z"})");
    const struct
    {
        OfferClosedReason reason;
        const char *text;
    } closed[] = {{OfferClosedReason::Taken, "taken"},
                  {OfferClosedReason::Declined, "declined"},
                  {OfferClosedReason::Cancelled, "cancelled"},
                  {OfferClosedReason::Expired, "expired"}};
    for (const auto &c : closed) {
        QTest::addRow("offer.closed %s", c.text)
            << offerClosed(QStringLiteral("r-9"), c.reason)
            << QByteArray(R"({"type":"offer.closed","request_id":"r-9","reason":")") + c.text +
                   "\"}";
    }
    QTest::newRow("session.assigned")
        << sessionAssigned(session()) << withSession(R"({"type":"session.assigned","session":)");
    QTest::newRow("session.assigned rerouted")
        << sessionAssigned(session(), QStringLiteral("rerouted"))
        << withSession(R"({"type":"session.assigned","reason":"rerouted","session":)");
    QTest::newRow("session.removed")
        << sessionRemoved(QStringLiteral("s-3"))
        << QByteArray(R"({"type":"session.removed","session_id":"s-3","reason":"rerouted"})");
    QTest::newRow("session.ended by mitra")
        << sessionEnded(QStringLiteral("s-3"), SessionEndReason::EndedByMitra)
        << QByteArray(R"({"type":"session.ended","session_id":"s-3","reason":"ended_by_mitra"})");
    QTest::newRow("session.ended by customer")
        << sessionEnded(QStringLiteral("s-3"), SessionEndReason::EndedByCustomer)
        << QByteArray(
               R"({"type":"session.ended","session_id":"s-3","reason":"ended_by_customer"})");
    QTest::newRow("session.ended payment failed")
        << sessionEnded(QStringLiteral("s-3"), SessionEndReason::PaymentFailed)
        << QByteArray(R"({"type":"session.ended","session_id":"s-3","reason":"payment_failed"})");
    QTest::newRow("pairing.searching")
        << pairingSearching(QStringLiteral("r-9"), kT2)
        << QByteArray(
               R"({"type":"pairing.searching","request_id":"r-9","expires_at":"2026-04-05T15:30:00.000Z"})");
    QTest::newRow("pairing.found")
        << pairingFound(QStringLiteral("r-9"), kMitra)
        << QByteArray(
               R"({"type":"pairing.found","request_id":"r-9","bestie":{"id":"m-1","name":"Sari"}})");
    QTest::newRow("session.awaiting_payment")
        << sessionAwaitingPayment(session())
        << withSession(R"({"type":"session.awaiting_payment","session":)");
    QTest::newRow("session.started")
        << sessionStarted(session()) << withSession(R"({"type":"session.started","session":)");
    QTest::newRow("pairing.cancelled")
        << pairingCancelled(QStringLiteral("r-9"))
        << QByteArray(R"({"type":"pairing.cancelled","request_id":"r-9"})");
    QTest::newRow("pairing.failed no bestie")
        << pairingFailed(QStringLiteral("r-9"), PairingFailedReason::NoBestieAvailable)
        << QByteArray(
               R"({"type":"pairing.failed","request_id":"r-9","reason":"no_bestie_available"})");
    QTest::newRow("pairing.failed timeout")
        << pairingFailed(QStringLiteral("r-9"), PairingFailedReason::Timeout)
        << QByteArray(R"({"type":"pairing.failed","request_id":"r-9","reason":"timeout"})");
    QTest::newRow("session.rerouted")
        << sessionRerouted(session()) << withSession(R"({"type":"session.rerouted","session":)");

    StatsSnapshot snapshot;
    snapshot.atMs = kT;
    snapshot.activeChats = 4;
    snapshot.activeMitras = 2;
    snapshot.pendingRequests = 1;
    snapshot.defaultMaxCustomers = 3;
    snapshot.mitras = {
        {QStringLiteral("m-1"), QStringLiteral("Sari"), PresenceStatus::Online, 3, 3,
         CapacitySource::Global, kT},
        {QStringLiteral("m-2"), QStringLiteral("Dewi"), PresenceStatus::Offline, 1, 5,
         CapacitySource::Mitra, kT2},
        // Above a lowered capacity, and rebuilt from the durable log (no status time known).
        {QStringLiteral("m-3"), QStringLiteral("m-3"), PresenceStatus::Offline, 2, 1,
         CapacitySource::Mitra, std::nullopt},
    };
    QTest::newRow("stats")
        << stats(snapshot)
        << QByteArray(
               R"({"type":"stats","at":"2026-04-05T15:17:49.123Z","active_chats":4,"active_mitras":2,"pending_requests":1,"default_max_customers":3,"mitras":[)"
               R"({"id":"m-1","name":"Sari","status":"online","active_sessions":3,"max_customers":3,"capacity_source":"global","status_since":"2026-04-05T15:17:49.123Z","over_capacity":false},)"
               R"({"id":"m-2","name":"Dewi","status":"offline","active_sessions":1,"max_customers":5,"capacity_source":"mitra","status_since":"2026-04-05T15:30:00.000Z","over_capacity":false},)"
               R"({"id":"m-3","name":"m-3","status":"offline","active_sessions":2,"max_customers":1,"capacity_source":"mitra","status_since":null,"over_capacity":true}]})");
    QTest::newRow("stats empty")
        << stats(StatsSnapshot{kT, 0, 0, 0, {}, 5})
        << QByteArray(
               R"({"type":"stats","at":"2026-04-05T15:17:49.123Z","active_chats":0,"active_mitras":0,"pending_requests":0,"default_max_customers":5,"mitras":[]})");
    QTest::newRow("capacity.updated global")
        << capacityUpdatedGlobal(4)
        << QByteArray(R"({"type":"capacity.updated","scope":"global","max_customers":4})");
    QTest::newRow("capacity.updated mitra")
        << capacityUpdatedMitra(QStringLiteral("m-1"), 2)
        << QByteArray(
               R"({"type":"capacity.updated","scope":"mitra","mitra_id":"m-1","max_customers":2})");
    QTest::newRow("capacity.updated mitra null")
        << capacityUpdatedMitra(QStringLiteral("m-1"), std::nullopt)
        << QByteArray(
               R"({"type":"capacity.updated","scope":"mitra","mitra_id":"m-1","max_customers":null})");
    QTest::newRow("sessions") << sessions({session()})
                              << QByteArray(R"({"type":"sessions","sessions":[)") + kSessionJson +
                                     "]}";
    QTest::newRow("sessions empty")
        << sessions({}) << QByteArray(R"({"type":"sessions","sessions":[]})");
    QTest::newRow("requests")
        << requests({RequestSummary{QStringLiteral("r-9"), kCustomer, kT, 2}})
        << QByteArray(
               R"({"type":"requests","requests":[{"request_id":"r-9","customer":{"id":"c-7","name":"Rina"},"created_at":"2026-04-05T15:17:49.123Z","offered_to":2}]})");
    QTest::newRow("presence.history")
        << presenceHistory(
               QStringLiteral("m-1"),
               {PresenceInterval{QStringLiteral("m-1"), kT, kT2, QStringLiteral("manual")},
                PresenceInterval{QStringLiteral("m-1"), kT2, std::nullopt, QString()}})
        << QByteArray(
               R"({"type":"presence.history","mitra_id":"m-1","intervals":[)"
               R"({"online_at":"2026-04-05T15:17:49.123Z","offline_at":"2026-04-05T15:30:00.000Z","reason":"manual"},)"
               R"({"online_at":"2026-04-05T15:30:00.000Z","offline_at":null,"reason":null}]})");

    // The protocol's example.
    QTest::newRow("mitra.forced_offline")
        << mitraForcedOffline(QStringLiteral("m-1"), true,
                              {SessionMove{QStringLiteral("s-3"), QStringLiteral("m-2")}},
                              {QStringLiteral("s-4")})
        << QByteArray(
               R"({"type":"mitra.forced_offline","mitra_id":"m-1","was_online":true,)"
               R"("rerouted":[{"session_id":"s-3","to_mitra_id":"m-2"}],"kept":["s-4"]})");
    QTest::newRow("mitra.forced_offline nothing to move")
        << mitraForcedOffline(QStringLiteral("m-1"), false, {}, {})
        << QByteArray(
               R"({"type":"mitra.forced_offline","mitra_id":"m-1","was_online":false,"rerouted":[],"kept":[]})");

    AuditEntry change;
    change.id = 1199;
    change.atMs = 1775402400000; // 2026-04-05T15:20:00.000Z
    change.actorId = QStringLiteral("staff_3f2c");
    change.actorName = QStringLiteral("Ayu");
    change.action = QStringLiteral("capacity_set");
    change.target = QStringLiteral("m-1");
    change.before = QJsonObject{{QStringLiteral("max_customers"), 3},
                                {QStringLiteral("capacity_source"), QStringLiteral("global")}};
    change.after = QJsonObject{{QStringLiteral("max_customers"), 5},
                               {QStringLiteral("capacity_source"), QStringLiteral("mitra")}};
    change.address = QStringLiteral("10.0.0.7");
    QTest::newRow("audit") // the protocol's example
        << audit({change}, true)
        << QByteArray(
               R"({"type":"audit","more":true,"entries":[)"
               R"({"id":1199,"at":"2026-04-05T15:20:00.000Z","actor":{"id":"staff_3f2c","name":"Ayu"},)"
               R"("action":"capacity_set","target":"m-1","before":{"max_customers":3,"capacity_source":"global"},)"
               R"("after":{"max_customers":5,"capacity_source":"mitra"},"address":"10.0.0.7"}]})");
    AuditEntry anonymous; // a failed login: no actor, no before, no address
    anonymous.id = 7;
    anonymous.atMs = kT;
    anonymous.action = QStringLiteral("login_failed");
    anonymous.target = QStringLiteral("who");
    anonymous.after = QJsonObject{{QStringLiteral("reason"), QStringLiteral("unknown_username")}};
    AuditEntry cli; // the command line, without a name; a JSON null stays null
    cli.id = 6;
    cli.atMs = kT2;
    cli.actorId = QStringLiteral("cli");
    cli.action = QStringLiteral("settings_set");
    cli.before = QJsonValue(QJsonValue::Null);
    QTest::newRow("audit nulls")
        << audit({anonymous, cli}, false)
        << QByteArray(
               R"({"type":"audit","more":false,"entries":[)"
               R"({"id":7,"at":"2026-04-05T15:17:49.123Z","actor":null,"action":"login_failed","target":"who",)"
               R"("before":null,"after":{"reason":"unknown_username"},"address":null},)"
               R"({"id":6,"at":"2026-04-05T15:30:00.000Z","actor":{"id":"cli","name":"cli"},"action":"settings_set",)"
               R"("target":null,"before":null,"after":null,"address":null}]})");
    QTest::newRow("audit empty") << audit({}, false)
                                 << QByteArray(R"({"type":"audit","more":false,"entries":[]})");
}

void TestServerMessages::builders()
{
    QFETCH(QJsonObject, actual);
    QFETCH(QByteArray, expected);
    QCOMPARE(QString::fromUtf8(encode(actual)), QString::fromUtf8(encode(json(expected))));
}

void TestServerMessages::welcomeVariants()
{
    const Identity mitra{QStringLiteral("m-1"), Role::Mitra, QStringLiteral("Sari"),
                         StaffRole::Viewer};
    QCOMPARE(
        serverMessage::welcome(mitra, kT, 10, 30),
        json(
            R"({"type":"welcome","role":"mitra","user_id":"m-1","name":"Sari",)"
            R"("server_time":"2026-04-05T15:17:49.123Z","heartbeat_interval_s":10,"heartbeat_timeout_s":30})"));

    const Identity staff{QStringLiteral("u-5"), Role::Staff, QStringLiteral("Ops"),
                         StaffRole::Supervisor};
    QCOMPARE(
        serverMessage::welcome(staff, kT, 10, 30, QStringLiteral("jwt"),
                               QStringLiteral("node-a:8080")),
        json(
            R"({"type":"welcome","role":"staff","user_id":"u-5","name":"Ops",)"
            R"("server_time":"2026-04-05T15:17:49.123Z","heartbeat_interval_s":10,"heartbeat_timeout_s":30,)"
            R"("staff_role":"supervisor","token":"jwt","server_instance":"node-a:8080"})"));
}

void TestServerMessages::withRef()
{
    const QJsonObject plain = serverMessage::pairingCancelled(QStringLiteral("r-9"));
    QVERIFY(!plain.contains(QStringLiteral("ref")));
    QCOMPARE(hb::withRef(plain, std::nullopt), plain);
    const QJsonObject replied = hb::withRef(plain, QStringLiteral("q7"));
    QCOMPARE(replied.value(QStringLiteral("ref")).toString(), QStringLiteral("q7"));
    QCOMPARE(replied.value(QStringLiteral("request_id")).toString(), QStringLiteral("r-9"));
}

void TestServerMessages::encodeIsCompactUtf8()
{
    const QByteArray bytes = encode(serverMessage::pairingFound(
        QStringLiteral("r"), Party{QStringLiteral("m"), QString::fromUtf8("Sâri 🌸")}));
    QVERIFY(!bytes.contains('\n'));
    QVERIFY(!bytes.contains(": "));
    QVERIFY(bytes.contains("\"name\":\"S\xc3\xa2ri \xf0\x9f\x8c\xb8\""));
}

void TestServerMessages::errorCodes_data()
{
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("text");
    const char *const names[] = {"bad_request", "unauthorized",  "forbidden",     "not_found",
                                 "conflict",    "capacity_full", "mitra_offline", "rate_limited",
                                 "too_large",   "unavailable",   "internal"};
    for (int i = 0; i < int(std::size(names)); ++i)
        QTest::newRow(names[i]) << i << QString::fromLatin1(names[i]);
}

void TestServerMessages::errorCodes()
{
    QFETCH(int, code);
    QFETCH(QString, text);
    QCOMPARE(toString(ErrorCode(code)), text);
    QCOMPARE(errorCodeFromString(text), std::optional<ErrorCode>(ErrorCode(code)));
    QVERIFY(!errorCodeFromString(text.toUpper()).has_value());
}

void TestServerMessages::sessionJsonRoundTrip()
{
    for (SessionState state :
         {SessionState::AwaitingPayment, SessionState::Active, SessionState::Ended}) {
        const Session s = session(state);
        QCOMPARE(sessionFromJson(toJson(s)), std::optional<Session>(s));
    }
    QCOMPARE(sessionFromJson(json(kSessionJson)), std::optional<Session>(session()));
}

void TestServerMessages::sessionJsonRejects_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QJsonValue>("value"); // Undefined: remove the key
    QTest::newRow("no id") << QStringLiteral("id") << QJsonValue(QJsonValue::Undefined);
    QTest::newRow("empty id") << QStringLiteral("id") << QJsonValue(QString());
    QTest::newRow("numeric request_id") << QStringLiteral("request_id") << QJsonValue(9);
    QTest::newRow("no customer") << QStringLiteral("customer") << QJsonValue(QJsonValue::Undefined);
    QTest::newRow("mitra not object")
        << QStringLiteral("mitra") << QJsonValue(QStringLiteral("m-1"));
    QTest::newRow("unknown state")
        << QStringLiteral("state") << QJsonValue(QStringLiteral("paused"));
    QTest::newRow("bad started_at")
        << QStringLiteral("started_at") << QJsonValue(QStringLiteral("now"));
}

void TestServerMessages::sessionJsonRejects()
{
    QFETCH(QString, key);
    QFETCH(QJsonValue, value);
    QJsonObject o = json(kSessionJson);
    QVERIFY(sessionFromJson(o).has_value());
    if (value.isUndefined())
        o.remove(key);
    else
        o.insert(key, value);
    QVERIFY(!sessionFromJson(o).has_value());
}

QTEST_GUILESS_MAIN(TestServerMessages)
#include "tst_servermessages.moc"

#include "protocol/ClientMessageParser.h"
#include "protocol/ClientMessageWriter.h"
#include "protocol/ServerMessages.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QRandomGenerator>
#include <QSet>
#include <QTest>

using namespace hb;
using namespace hb::clientmsg;

Q_DECLARE_METATYPE(hb::ClientMessage)
Q_DECLARE_METATYPE(hb::ClientMessageType)
Q_DECLARE_METATYPE(hb::Role)

namespace {

struct ValidCase
{
    const char *name;
    QByteArray json;
    ClientMessage expected;
};

// One valid frame of every client message type in protocol v1.
QList<ValidCase> validCases()
{
    const QString id = QStringLiteral("c-1");
    return {
        {"hello", R"({"type":"hello","token":"a.b.c"})",
         ClientMessage::make(Hello{QStringLiteral("a.b.c")})},
        {"login", R"({"type":"login","id":"c-1","username":"ops","password":"pw"})",
         ClientMessage::make(Login{QStringLiteral("ops"), QStringLiteral("pw")}, id)},
        {"presence.set online", R"({"type":"presence.set","status":"online"})",
         ClientMessage::make(PresenceSet{PresenceStatus::Online})},
        {"presence.set offline", R"({"type":"presence.set","status":"offline","id":"c-1"})",
         ClientMessage::make(PresenceSet{PresenceStatus::Offline}, id)},
        {"heartbeat", R"({"type":"heartbeat"})", ClientMessage::make(Heartbeat{})},
        {"offer.accept", R"({"type":"offer.accept","request_id":"r-9"})",
         ClientMessage::make(OfferAccept{QStringLiteral("r-9")})},
        {"offer.decline", R"({"type":"offer.decline","request_id":"r-9"})",
         ClientMessage::make(OfferDecline{QStringLiteral("r-9")})},
        {"session.end", R"({"type":"session.end","session_id":"s-3"})",
         ClientMessage::make(SessionEnd{QStringLiteral("s-3")})},
        {"pairing.request", R"({"type":"pairing.request","id":"c-1"})",
         ClientMessage::make(PairingRequest{}, id)},
        {"pairing.cancel", R"({"type":"pairing.cancel","request_id":"r-9"})",
         ClientMessage::make(PairingCancel{QStringLiteral("r-9")})},
        {"stats.subscribe", R"({"type":"stats.subscribe"})", ClientMessage::make(StatsSubscribe{})},
        {"capacity.set global", R"({"type":"capacity.set","scope":"global","max_customers":3})",
         ClientMessage::make(CapacitySet{CapacityScope::Global, QString(), 3})},
        {"capacity.set global zero",
         R"({"type":"capacity.set","scope":"global","max_customers":0})",
         ClientMessage::make(CapacitySet{CapacityScope::Global, QString(), 0})},
        {"capacity.set mitra",
         R"({"type":"capacity.set","scope":"mitra","mitra_id":"m-1","max_customers":1000})",
         ClientMessage::make(CapacitySet{CapacityScope::Mitra, QStringLiteral("m-1"), 1000})},
        {"capacity.set mitra null",
         R"({"type":"capacity.set","scope":"mitra","mitra_id":"m-1","max_customers":null})",
         ClientMessage::make(
             CapacitySet{CapacityScope::Mitra, QStringLiteral("m-1"), std::nullopt})},
        {"session.reroute", R"({"type":"session.reroute","session_id":"s-3","to_mitra_id":"m-2"})",
         ClientMessage::make(SessionReroute{QStringLiteral("s-3"), QStringLiteral("m-2")})},
        {"sessions.list", R"({"type":"sessions.list"})", ClientMessage::make(SessionsList{})},
        {"requests.list", R"({"type":"requests.list"})", ClientMessage::make(RequestsList{})},
        {"presence.history",
         R"({"type":"presence.history","mitra_id":"m-1","from":"2026-04-05T00:00:00.000Z","to":"2026-04-05T15:17:49.123Z"})",
         ClientMessage::make(PresenceHistory{QStringLiteral("m-1"), 1775347200000, 1775402269123})},
        {"mitra.force_offline",
         R"({"type":"mitra.force_offline","id":"c-1","mitra_id":"m-1","reroute_sessions":true})",
         ClientMessage::make(MitraForceOffline{QStringLiteral("m-1"), true}, id)},
        {"mitra.force_offline without reroute_sessions",
         R"({"type":"mitra.force_offline","mitra_id":"m-1"})",
         ClientMessage::make(MitraForceOffline{QStringLiteral("m-1"), false})},
        {"audit.list", R"({"type":"audit.list"})", ClientMessage::make(AuditList{})},
        {"audit.list full",
         R"({"type":"audit.list","id":"c-1","limit":50,"before_id":1200,"action":"capacity_set"})",
         ClientMessage::make(AuditList{50, 1200, QStringLiteral("capacity_set")}, id)},
        {"audit.list bounds",
         R"({"type":"audit.list","limit":1000,"before_id":9007199254740991,"action":"settings_set"})",
         ClientMessage::make(AuditList{1000, 9007199254740991LL, QStringLiteral("settings_set")})},
        {"audit.list limit 1", R"({"type":"audit.list","limit":1,"before_id":1})",
         ClientMessage::make(AuditList{1, 1, QString()})},
    };
}

QString longText(qsizetype n)
{
    return QString(n, QLatin1Char('x'));
}

QByteArray frameWith(const QString &type, const QString &key, const QString &value)
{
    return encode(QJsonObject{{QStringLiteral("type"), type}, {key, value}});
}

} // namespace

class TestClientMessageParser : public QObject
{
    Q_OBJECT

private slots:
    void validMessage_data();
    void validMessage();
    void everyTypeHasAValidCase();
    void typeNames();
    void badRequest_data();
    void badRequest();
    void invalidJson_data();
    void invalidJson();
    void unknownTypeIsShortenedInMessage();
    void extraFieldsAreIgnored();
    void fromEqualToIsAllowed();
    void permissions_data();
    void permissions();
    void changesState_data();
    void changesState();
    void randomInputNeverCrashes();
    void staffWriters_data();
    void staffWriters();
};

void TestClientMessageParser::validMessage_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<ClientMessage>("expected");
    for (const ValidCase &c : validCases())
        QTest::newRow(c.name) << c.json << c.expected;
}

void TestClientMessageParser::validMessage()
{
    QFETCH(QByteArray, json);
    QFETCH(ClientMessage, expected);

    const ParseResult result = parseClientMessage(json);
    QVERIFY2(result.ok(), result.ok() ? "" : qPrintable(result.error.message));
    QCOMPARE(result.message->type, expected.type);
    QVERIFY(*result.message == expected);
    QCOMPARE(result.ref, expected.id);

    // The writer is the parser's inverse: what the control center sends, the server reads.
    const ParseResult again = parseClientMessage(encode(toJson(expected)));
    QVERIFY(again.ok());
    QVERIFY(*again.message == expected);
}

void TestClientMessageParser::everyTypeHasAValidCase()
{
    QSet<int> covered;
    for (const ValidCase &c : validCases())
        covered.insert(int(c.expected.type));
    for (ClientMessageType type : kAllClientMessageTypes)
        QVERIFY2(covered.contains(int(type)), qPrintable(typeName(type)));
}

void TestClientMessageParser::typeNames()
{
    QSet<QString> names;
    for (ClientMessageType type : kAllClientMessageTypes) {
        const QString name = typeName(type);
        QVERIFY(!name.isEmpty());
        names.insert(name);
        QCOMPARE(clientMessageTypeFromName(name), std::optional<ClientMessageType>(type));
    }
    QCOMPARE(names.size(), 17);
    QVERIFY(!clientMessageTypeFromName(QStringLiteral("Heartbeat")).has_value());
}

void TestClientMessageParser::badRequest_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("ref"); // empty: no ref expected

    const QString none;
    const QString r1 = QStringLiteral("r1");

    QTest::newRow("array") << QByteArray("[]") << QStringLiteral("message must be a JSON object")
                           << none;
    QTest::newRow("no type") << QByteArray(R"({"id":"r1"})")
                             << QStringLiteral("missing field 'type'") << r1;
    QTest::newRow("type not string") << QByteArray(R"({"type":5,"id":"r1"})")
                                     << QStringLiteral("field 'type' must be a string") << r1;
    QTest::newRow("unknown type") << QByteArray(R"({"type":"dance","id":"r1"})")
                                  << QStringLiteral("unknown message type 'dance'") << r1;
    QTest::newRow("id not string") << QByteArray(R"({"type":"heartbeat","id":5})")
                                   << QStringLiteral("field 'id' must be a string") << none;
    QTest::newRow("id null") << QByteArray(R"({"type":"heartbeat","id":null})")
                             << QStringLiteral("field 'id' must be a string") << none;
    QTest::newRow("id empty") << QByteArray(R"({"type":"heartbeat","id":""})")
                              << QStringLiteral("field 'id' must not be empty") << none;
    QTest::newRow("id too long") << encode(QJsonObject{
                                        {QStringLiteral("type"), QStringLiteral("heartbeat")},
                                        {QStringLiteral("id"), longText(201)}})
                                 << QStringLiteral("field 'id' must be at most 200 characters")
                                 << none;

    QTest::newRow("hello no token") << QByteArray(R"({"type":"hello","id":"r1"})")
                                    << QStringLiteral("hello: missing field 'token'") << r1;
    QTest::newRow("hello token number")
        << QByteArray(R"({"type":"hello","token":1})")
        << QStringLiteral("hello: field 'token' must be a string") << none;
    QTest::newRow("hello token empty")
        << QByteArray(R"({"type":"hello","token":""})")
        << QStringLiteral("hello: field 'token' must not be empty") << none;
    QTest::newRow("hello token too long")
        << frameWith(QStringLiteral("hello"), QStringLiteral("token"), longText(8193))
        << QStringLiteral("hello: field 'token' must be at most 8192 characters") << none;
    QTest::newRow("login no username") << QByteArray(R"({"type":"login","password":"pw"})")
                                       << QStringLiteral("login: missing field 'username'") << none;
    QTest::newRow("login no password") << QByteArray(R"({"type":"login","username":"u"})")
                                       << QStringLiteral("login: missing field 'password'") << none;

    // NUL and other control characters (Unicode Cc) in ids and usernames: libpq stops at NUL,
    // logs and screens show the rest as it is.
    QTest::newRow("login username with NUL")
        << QByteArray(R"({"type":"login","username":"ops\u0000x","password":"pw"})")
        << QStringLiteral("login: field 'username' must not contain control characters") << none;
    QTest::newRow("login username with newline")
        << QByteArray(R"({"type":"login","username":"ops\n","password":"pw"})")
        << QStringLiteral("login: field 'username' must not contain control characters") << none;
    QTest::newRow("id with NUL")
        << QByteArray(R"({"type":"heartbeat","id":"c\u0000"})")
        << QStringLiteral("field 'id' must not contain control characters") << none;
    QTest::newRow("request_id with BEL")
        << QByteArray(R"({"type":"offer.accept","id":"r1","request_id":"r\u0007"})")
        << QStringLiteral("offer.accept: field 'request_id' must not contain control characters")
        << r1;
    QTest::newRow("session_id with DEL")
        << QByteArray(R"({"type":"session.end","session_id":"s\u007f"})")
        << QStringLiteral("session.end: field 'session_id' must not contain control characters")
        << none;
    QTest::newRow("mitra_id with C1 control")
        << QByteArray(R"({"type":"mitra.force_offline","mitra_id":"m\u0085"})")
        << QStringLiteral("mitra.force_offline: field 'mitra_id' must not contain control characters")
        << none;
    QTest::newRow("to_mitra_id with tab")
        << QByteArray(R"({"type":"session.reroute","session_id":"s","to_mitra_id":"m\t"})")
        << QStringLiteral("session.reroute: field 'to_mitra_id' must not contain control characters")
        << none;

    const QString status =
        QStringLiteral("presence.set: field 'status' must be \"online\" or \"offline\"");
    QTest::newRow("status missing") << QByteArray(R"({"type":"presence.set","id":"r1"})")
                                    << QStringLiteral("presence.set: missing field 'status'") << r1;
    QTest::newRow("status unknown")
        << QByteArray(R"({"type":"presence.set","status":"away","id":"r1"})") << status << r1;
    QTest::newRow("status number")
        << QByteArray(R"({"type":"presence.set","status":1})") << status << none;
    QTest::newRow("status wrong case")
        << QByteArray(R"({"type":"presence.set","status":"Online"})") << status << none;

    QTest::newRow("offer.accept no request_id")
        << QByteArray(R"({"type":"offer.accept","id":"r1"})")
        << QStringLiteral("offer.accept: missing field 'request_id'") << r1;
    QTest::newRow("offer.accept request_id number")
        << QByteArray(R"({"type":"offer.accept","request_id":7})")
        << QStringLiteral("offer.accept: field 'request_id' must be a string") << none;
    QTest::newRow("offer.decline request_id empty")
        << QByteArray(R"({"type":"offer.decline","request_id":""})")
        << QStringLiteral("offer.decline: field 'request_id' must not be empty") << none;
    QTest::newRow("pairing.cancel request_id too long")
        << frameWith(QStringLiteral("pairing.cancel"), QStringLiteral("request_id"), longText(201))
        << QStringLiteral("pairing.cancel: field 'request_id' must be at most 200 characters")
        << none;
    QTest::newRow("session.end no session_id")
        << QByteArray(R"({"type":"session.end"})")
        << QStringLiteral("session.end: missing field 'session_id'") << none;

    QTest::newRow("capacity no scope")
        << QByteArray(R"({"type":"capacity.set","max_customers":3})")
        << QStringLiteral("capacity.set: missing field 'scope'") << none;
    QTest::newRow("capacity bad scope")
        << QByteArray(R"({"type":"capacity.set","scope":"world","max_customers":3,"id":"r1"})")
        << QStringLiteral("capacity.set: field 'scope' must be \"global\" or \"mitra\"") << r1;
    QTest::newRow("capacity global no max")
        << QByteArray(R"({"type":"capacity.set","scope":"global"})")
        << QStringLiteral("capacity.set: missing field 'max_customers'") << none;
    const QString globalRange =
        QStringLiteral("capacity.set: field 'max_customers' must be an integer from 0 to 1000");
    QTest::newRow("capacity global null")
        << QByteArray(R"({"type":"capacity.set","scope":"global","max_customers":null})")
        << globalRange + QStringLiteral(" for scope \"global\"") << none;
    QTest::newRow("capacity negative")
        << QByteArray(R"({"type":"capacity.set","scope":"global","max_customers":-1})")
        << globalRange << none;
    QTest::newRow("capacity above 1000")
        << QByteArray(R"({"type":"capacity.set","scope":"global","max_customers":1001})")
        << globalRange << none;
    QTest::newRow("capacity fraction")
        << QByteArray(R"({"type":"capacity.set","scope":"global","max_customers":2.5})")
        << globalRange << none;
    QTest::newRow("capacity string")
        << QByteArray(R"({"type":"capacity.set","scope":"global","max_customers":"3"})")
        << globalRange << none;
    QTest::newRow("capacity mitra no mitra_id")
        << QByteArray(R"({"type":"capacity.set","scope":"mitra","max_customers":3})")
        << QStringLiteral("capacity.set: missing field 'mitra_id'") << none;
    QTest::newRow("capacity mitra bad max")
        << QByteArray(
               R"({"type":"capacity.set","scope":"mitra","mitra_id":"m","max_customers":true})")
        << globalRange + QStringLiteral(" or null") << none;

    QTest::newRow("reroute no target")
        << QByteArray(R"({"type":"session.reroute","session_id":"s","id":"r1"})")
        << QStringLiteral("session.reroute: missing field 'to_mitra_id'") << r1;
    QTest::newRow("reroute no session")
        << QByteArray(R"({"type":"session.reroute","to_mitra_id":"m"})")
        << QStringLiteral("session.reroute: missing field 'session_id'") << none;

    const QString timeShape =
        QStringLiteral(" must be an ISO-8601 time such as \"2026-04-05T15:17:49.123Z\"");
    QTest::newRow("history no mitra")
        << QByteArray(
               R"({"type":"presence.history","from":"2026-04-05T00:00:00Z","to":"2026-04-06T00:00:00Z"})")
        << QStringLiteral("presence.history: missing field 'mitra_id'") << none;
    QTest::newRow("history no from")
        << QByteArray(R"({"type":"presence.history","mitra_id":"m","to":"2026-04-06T00:00:00Z"})")
        << QStringLiteral("presence.history: missing field 'from'") << none;
    QTest::newRow("history bad from")
        << QByteArray(
               R"({"type":"presence.history","mitra_id":"m","from":"yesterday","to":"2026-04-06T00:00:00Z"})")
        << QStringLiteral("presence.history: field 'from'") + timeShape << none;
    QTest::newRow("history numeric to")
        << QByteArray(
               R"({"type":"presence.history","mitra_id":"m","from":"2026-04-05T00:00:00Z","to":1775347200000,"id":"r1"})")
        << QStringLiteral("presence.history: field 'to'") + timeShape << r1;
    QTest::newRow("history from after to")
        << QByteArray(
               R"({"type":"presence.history","mitra_id":"m","from":"2026-04-06T00:00:00Z","to":"2026-04-05T00:00:00Z"})")
        << QStringLiteral("presence.history: field 'from' must not be later than field 'to'")
        << none;

    QTest::newRow("force_offline no mitra")
        << QByteArray(R"({"type":"mitra.force_offline","id":"r1"})")
        << QStringLiteral("mitra.force_offline: missing field 'mitra_id'") << r1;
    QTest::newRow("force_offline mitra number")
        << QByteArray(R"({"type":"mitra.force_offline","mitra_id":12})")
        << QStringLiteral("mitra.force_offline: field 'mitra_id' must be a string") << none;
    QTest::newRow("force_offline mitra too long")
        << frameWith(QStringLiteral("mitra.force_offline"), QStringLiteral("mitra_id"),
                     longText(201))
        << QStringLiteral("mitra.force_offline: field 'mitra_id' must be at most 200 characters")
        << none;
    const QString rerouteFlag =
        QStringLiteral("mitra.force_offline: field 'reroute_sessions' must be true or false");
    QTest::newRow("force_offline reroute string")
        << QByteArray(R"({"type":"mitra.force_offline","mitra_id":"m","reroute_sessions":"yes"})")
        << rerouteFlag << none;
    QTest::newRow("force_offline reroute number")
        << QByteArray(R"({"type":"mitra.force_offline","mitra_id":"m","reroute_sessions":1})")
        << rerouteFlag << none;
    QTest::newRow("force_offline reroute null")
        << QByteArray(R"({"type":"mitra.force_offline","mitra_id":"m","reroute_sessions":null})")
        << rerouteFlag << none;

    const QString limit =
        QStringLiteral("audit.list: field 'limit' must be an integer from 1 to 1000");
    QTest::newRow("audit limit 0") << QByteArray(R"({"type":"audit.list","limit":0,"id":"r1"})")
                                   << limit << r1;
    QTest::newRow("audit limit 1001") << QByteArray(R"({"type":"audit.list","limit":1001})")
                                      << limit << none;
    QTest::newRow("audit limit fraction") << QByteArray(R"({"type":"audit.list","limit":2.5})")
                                          << limit << none;
    QTest::newRow("audit limit string") << QByteArray(R"({"type":"audit.list","limit":"5"})")
                                        << limit << none;
    QTest::newRow("audit limit null") << QByteArray(R"({"type":"audit.list","limit":null})")
                                      << limit << none;
    const QString beforeId =
        QStringLiteral("audit.list: field 'before_id' must be a positive integer");
    QTest::newRow("audit before_id 0") << QByteArray(R"({"type":"audit.list","before_id":0})")
                                       << beforeId << none;
    QTest::newRow("audit before_id negative")
        << QByteArray(R"({"type":"audit.list","before_id":-5})") << beforeId << none;
    QTest::newRow("audit before_id string")
        << QByteArray(R"({"type":"audit.list","before_id":"12"})") << beforeId << none;
    QTest::newRow("audit before_id fraction")
        << QByteArray(R"({"type":"audit.list","before_id":1.5})") << beforeId << none;
    QTest::newRow("audit before_id beyond 2^53")
        << QByteArray(R"({"type":"audit.list","before_id":1e300})") << beforeId << none;
    const QString action = QStringLiteral(
        "audit.list: field 'action' must be one of login, login_failed, capacity_set, "
        "session_reroute, mitra_force_offline, staff_add, staff_passwd, staff_disable, "
        "staff_enable, settings_set");
    QTest::newRow("audit unknown action")
        << QByteArray(R"({"type":"audit.list","action":"dance"})") << action << none;
    QTest::newRow("audit action wrong case")
        << QByteArray(R"({"type":"audit.list","action":"LOGIN"})") << action << none;
    QTest::newRow("audit action number")
        << QByteArray(R"({"type":"audit.list","action":3})") << action << none;
    QTest::newRow("audit action empty")
        << QByteArray(R"({"type":"audit.list","action":""})") << action << none;
}

void TestClientMessageParser::badRequest()
{
    QFETCH(QByteArray, frame);
    QFETCH(QString, message);
    QFETCH(QString, ref);

    const ParseResult result = parseClientMessage(frame);
    QVERIFY(!result.ok());
    QCOMPARE(toString(result.error.code), toString(ErrorCode::BadRequest));
    QCOMPARE(result.error.message, message);
    QCOMPARE(result.ref, ref.isEmpty() ? std::nullopt : std::optional<QString>(ref));
}

void TestClientMessageParser::invalidJson_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("truncated") << QByteArray(R"({"type":"heartbeat")");
    QTest::newRow("trailing garbage") << QByteArray(R"({"type":"heartbeat"} x)");
    QTest::newRow("single quotes") << QByteArray("{'type':'heartbeat'}");
    QTest::newRow("invalid utf-8") << QByteArray("{\"type\":\"\xff\xfe\"}");
    QTest::newRow("plain text") << QByteArray("hello");
}

void TestClientMessageParser::invalidJson()
{
    QFETCH(QByteArray, frame);
    QJsonParseError qtError;
    QJsonDocument::fromJson(frame, &qtError);
    QVERIFY(qtError.error != QJsonParseError::NoError); // the row really is bad JSON

    const ParseResult result = parseClientMessage(frame);
    QVERIFY(!result.ok());
    QCOMPARE(toString(result.error.code), toString(ErrorCode::BadRequest));
    QVERIFY2(result.error.message.startsWith(QStringLiteral("invalid JSON: ")),
             qPrintable(result.error.message));
    QVERIFY(result.error.message.contains(qtError.errorString()));
    QVERIFY(!result.ref.has_value());
}

void TestClientMessageParser::unknownTypeIsShortenedInMessage()
{
    const ParseResult result =
        parseClientMessage(frameWith(longText(5000), QStringLiteral("id"), QStringLiteral("r1")));
    QVERIFY(!result.ok());
    QVERIFY(result.error.message.startsWith(QStringLiteral("unknown message type 'xxx")));
    QVERIFY(result.error.message.size() < 120);
    QCOMPARE(result.ref, std::optional<QString>(QStringLiteral("r1")));
}

void TestClientMessageParser::extraFieldsAreIgnored()
{
    const ParseResult result = parseClientMessage(
        R"({"type":"capacity.set","scope":"global","mitra_id":"m-1","max_customers":2,"future":{"x":1},"id":"q"})");
    QVERIFY(result.ok());
    QCOMPARE(result.ref, std::optional<QString>(QStringLiteral("q")));
    const auto &set = result.message->get<CapacitySet>();
    QCOMPARE(toString(set.scope), toString(CapacityScope::Global));
    QVERIFY(set.mitraId.isEmpty()); // ignored for scope global
    QCOMPARE(set.maxCustomers, std::optional<int>(2));
}

void TestClientMessageParser::fromEqualToIsAllowed()
{
    const ParseResult result = parseClientMessage(
        R"({"type":"presence.history","mitra_id":"m","from":"2026-04-05T07:00:00+07:00","to":"2026-04-05T00:00:00Z"})");
    QVERIFY(result.ok());
    const auto *history = result.message->getIf<PresenceHistory>();
    QVERIFY(history);
    QCOMPARE(history->fromMs, history->toMs);
    QVERIFY(!result.message->getIf<Heartbeat>());
}

void TestClientMessageParser::permissions_data()
{
    QTest::addColumn<ClientMessageType>("type");
    QTest::addColumn<Role>("role");
    QTest::addColumn<bool>("allowed");

    using T = ClientMessageType;
    // Columns: mitra, customer, staff. Written out in full so a change is a visible decision.
    const struct
    {
        T type;
        bool mitra, customer, staff;
    } table[] = {
        {T::Hello, false, false, false},          {T::Login, false, false, false},
        {T::PresenceSet, true, false, false},     {T::Heartbeat, true, true, true},
        {T::OfferAccept, true, false, false},     {T::OfferDecline, true, false, false},
        {T::SessionEnd, true, true, false},       {T::PairingRequest, false, true, false},
        {T::PairingCancel, false, true, false},   {T::StatsSubscribe, false, false, true},
        {T::CapacitySet, false, false, true},     {T::SessionReroute, false, false, true},
        {T::SessionsList, false, false, true},    {T::RequestsList, false, false, true},
        {T::PresenceHistory, false, false, true}, {T::MitraForceOffline, false, false, true},
        {T::AuditList, false, false, true},
    };
    QCOMPARE(std::size(table), std::size(kAllClientMessageTypes));
    for (const auto &row : table) {
        const QByteArray name = typeName(row.type).toUtf8();
        QTest::addRow("%s by mitra", name.constData()) << row.type << Role::Mitra << row.mitra;
        QTest::addRow("%s by customer", name.constData())
            << row.type << Role::Customer << row.customer;
        QTest::addRow("%s by staff", name.constData()) << row.type << Role::Staff << row.staff;
    }
}

void TestClientMessageParser::permissions()
{
    QFETCH(ClientMessageType, type);
    QFETCH(Role, role);
    QFETCH(bool, allowed);
    QCOMPARE(mayBeSentBy(type, role), allowed);
}

void TestClientMessageParser::changesState_data()
{
    QTest::addColumn<ClientMessageType>("type");
    QTest::addColumn<bool>("changes");
    for (ClientMessageType type : kAllClientMessageTypes) {
        const bool changes = type == ClientMessageType::CapacitySet ||
                             type == ClientMessageType::SessionReroute ||
                             type == ClientMessageType::MitraForceOffline;
        QTest::addRow("%s", typeName(type).toUtf8().constData()) << type << changes;
    }
}

void TestClientMessageParser::changesState()
{
    QFETCH(ClientMessageType, type);
    QFETCH(bool, changes);
    QCOMPARE(hb::changesState(type), changes);
    QCOMPARE(isAuthentication(type),
             type == ClientMessageType::Hello || type == ClientMessageType::Login);
}

void TestClientMessageParser::randomInputNeverCrashes()
{
    // Mutations of valid frames plus raw noise: the parser must answer every one, and anything
    // it refuses must be bad_request.
    QRandomGenerator rng(20260405);
    const QList<ValidCase> cases = validCases();
    int accepted = 0;
    for (int i = 0; i < 3000; ++i) {
        QByteArray frame = cases.at(rng.bounded(int(cases.size()))).json;
        const int edits = rng.bounded(1, 4);
        for (int e = 0; e < edits && !frame.isEmpty(); ++e) {
            const int at = rng.bounded(int(frame.size()));
            switch (rng.bounded(3)) {
            case 0:
                frame[at] = char(rng.bounded(256));
                break;
            case 1:
                frame.remove(at, rng.bounded(1, 8));
                break;
            default:
                frame.insert(at, "{[\"\\,:0}"[rng.bounded(8)]);
                break;
            }
        }
        const ParseResult result = parseClientMessage(frame);
        if (result.ok())
            ++accepted;
        else
            QCOMPARE(toString(result.error.code), toString(ErrorCode::BadRequest));
    }
    QVERIFY(accepted < 3000);
}

void TestClientMessageParser::staffWriters_data()
{
    QTest::addColumn<QJsonObject>("written");
    QTest::addColumn<QByteArray>("expected");
    using namespace clientMessage;
    const QString id = QStringLiteral("c-9");
    QTest::newRow("hello") << hello(QStringLiteral("a.b.c"), id)
                           << QByteArray(R"({"type":"hello","id":"c-9","token":"a.b.c"})");
    QTest::newRow("login")
        << login(QStringLiteral("ops"), QStringLiteral("pw"))
        << QByteArray(R"({"type":"login","username":"ops","password":"pw"})");
    QTest::newRow("heartbeat") << heartbeat() << QByteArray(R"({"type":"heartbeat"})");
    QTest::newRow("stats.subscribe")
        << statsSubscribe(id) << QByteArray(R"({"type":"stats.subscribe","id":"c-9"})");
    QTest::newRow("sessions.list") << sessionsList() << QByteArray(R"({"type":"sessions.list"})");
    QTest::newRow("requests.list") << requestsList() << QByteArray(R"({"type":"requests.list"})");
    QTest::newRow("presence.history")
        << presenceHistory(QStringLiteral("m-1"), 1775347200000, 1775402269123, id)
        << QByteArray(
               R"({"type":"presence.history","id":"c-9","mitra_id":"m-1","from":"2026-04-05T00:00:00.000Z","to":"2026-04-05T15:17:49.123Z"})");
    QTest::newRow("audit.list default")
        << auditList() << QByteArray(R"({"type":"audit.list","limit":100})");
    QTest::newRow("audit.list page")
        << auditList(AuditList{50, 1200, QStringLiteral("capacity_set")}, id)
        << QByteArray(
               R"({"type":"audit.list","id":"c-9","limit":50,"before_id":1200,"action":"capacity_set"})");
    QTest::newRow("capacity.set global")
        << capacitySetGlobal(4, id)
        << QByteArray(R"({"type":"capacity.set","id":"c-9","scope":"global","max_customers":4})");
    QTest::newRow("capacity.set mitra")
        << capacitySetMitra(QStringLiteral("m-1"), 5)
        << QByteArray(
               R"({"type":"capacity.set","scope":"mitra","mitra_id":"m-1","max_customers":5})");
    QTest::newRow("capacity.set mitra null")
        << capacitySetMitra(QStringLiteral("m-1"), std::nullopt)
        << QByteArray(
               R"({"type":"capacity.set","scope":"mitra","mitra_id":"m-1","max_customers":null})");
    QTest::newRow("session.reroute")
        << sessionReroute(QStringLiteral("s-3"), QStringLiteral("m-2"), id)
        << QByteArray(
               R"({"type":"session.reroute","id":"c-9","session_id":"s-3","to_mitra_id":"m-2"})");
    QTest::newRow("mitra.force_offline")
        << mitraForceOffline(QStringLiteral("m-1"), true, id)
        << QByteArray(
               R"({"type":"mitra.force_offline","id":"c-9","mitra_id":"m-1","reroute_sessions":true})");
    QTest::newRow("mitra.force_offline keep sessions")
        << mitraForceOffline(QStringLiteral("m-1"), false)
        << QByteArray(
               R"({"type":"mitra.force_offline","mitra_id":"m-1","reroute_sessions":false})");
}

void TestClientMessageParser::staffWriters()
{
    QFETCH(QJsonObject, written);
    QFETCH(QByteArray, expected);
    const QJsonObject wanted = QJsonDocument::fromJson(expected).object();
    QVERIFY(!wanted.isEmpty());
    QCOMPARE(QString::fromUtf8(encode(written)), QString::fromUtf8(encode(wanted)));
    // And the server reads back exactly what was written.
    const ParseResult parsed = parseClientMessage(encode(written));
    QVERIFY2(parsed.ok(), qPrintable(parsed.error.message));
    QCOMPARE(encode(toJson(*parsed.message)), encode(written));
}

QTEST_GUILESS_MAIN(TestClientMessageParser)
#include "tst_clientmessageparser.moc"

#pragma once

// Support for the pairing end-to-end tests: backends started per scenario on a fresh database
// and an empty Valkey, mitra and customer apps that keep their sockets (and heartbeats) alive,
// and reads of the live and durable state the tests assert on.

#include "E2eStack.h"
#include "backend/WsTestClient.h"
#include "domain/Role.h"

#include <QJsonObject>
#include <QMap>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QTimer>
#include <memory>
#include <vector>

namespace hb::test {

// How long a test waits for something that should come at once (a reply, a push).
inline constexpr int kWaitMs = 10000;

QString typeOf(const QJsonObject &message);
// A string field of `message` ("" if absent).
QString str(const QJsonObject &message, const char *key);
// A string field of an object field: str(session, "mitra", "id").
QString str(const QJsonObject &message, const char *object, const char *key);
// A string at a dotted path of nested objects: at(message, "session.mitra.name").
QString at(const QJsonObject &message, const QString &path);
QString compact(const QJsonObject &message);
// Milliseconds since the epoch of a protocol time, -1 if it is not one.
qint64 isoMs(const QJsonValue &value);
qint64 nowMs();

// What a test waits for: a message of `type`, optionally with a string field equal to a value
// (`key` may name a field of an object field: "session.id").
struct Expect
{
    QString type;
    QString key;
    QString value;

    bool operator()(const QJsonObject &message) const;
    QString describe() const;
};
Expect expect(const char *type);
Expect expect(const char *type, const char *key, const QString &value);

// The backend settings of one scenario (environment variables of every backend it starts).
struct PairingSettings
{
    QString strategy = QStringLiteral("broadcast");
    int requestTimeoutS = 30;
    int offerTimeoutS = 30;
    int maxCustomers = 3;
    int heartbeatIntervalS = 1;
    int heartbeatTimeoutS = 5;
    QProcessEnvironment extra; // any other backend variable (wins over the above)

    QProcessEnvironment environment() const;
};

// A mitra or customer app. It holds one socket at a time and connects again with the same
// token after drop(); while connected, a mitra heartbeats at half the advertised interval, as a
// healthy app does (the acks are not queued).
class AppClient
{
public:
    AppClient(Role role, QString id, QString name, QString token);
    ~AppClient();

    // A new socket to `url` and hello; returns welcome (empty on failure). What the server
    // sends after welcome is queued on ws().
    QJsonObject connectTo(const QString &url);
    // The phone loses its network: the socket closes and heartbeats stop.
    void drop();

    WsTestClient &ws() { return *m_ws; }
    const QString &id() const { return m_id; }
    const QString &name() const { return m_name; }
    Role role() const { return m_role; }

    // Sends `message` and returns its direct reply (empty on timeout).
    QJsonObject call(const QJsonObject &message, int timeoutMs = kWaitMs);
    // The first queued message matching `e` (taken out of the queue; the others stay).
    QJsonObject take(const Expect &e, int timeoutMs = kWaitMs);
    // True if nothing matching `e` is queued or arrives within the window.
    bool nothing(const Expect &e, int windowMs);
    bool hasQueued(const Expect &e);

    // Failure messages naming this app and what it received instead.
    QString missing(const Expect &e, int timeoutMs) const;
    QString badReply(const QJsonObject &sent, const QJsonObject &reply,
                     const QString &expected) const;

private:
    Role m_role;
    QString m_id;
    QString m_name;
    QString m_token;
    std::unique_ptr<WsTestClient> m_ws;
    QTimer m_heartbeat;
};

// One pairing scenario: Valkey emptied, a fresh PostgreSQL database, `count` backends
// (inst-a, inst-b, ...) with the scenario's settings, and the apps the test creates.
class PairingHarness
{
public:
    explicit PairingHarness(E2eStack &stack) : m_stack(stack) {}
    ~PairingHarness();

    bool start(const PairingSettings &settings, QString *error, int count = 2);
    // Drops every app and stops every backend; returns what went wrong ("" if every backend
    // stopped cleanly).
    QString stop();

    QString url(int backend) const;
    BackendProcess &backend(int index) { return *m_backends.at(size_t(index)); }
    // kill -9 of backend `index`: no clean shutdown; stop() then expects it dead.
    void kill(int index);
    E2eStack &stack() { return m_stack; }
    // The scenario's database, for commands run beside the backends (`staff`, `settings`).
    QString databaseUrl() const { return m_stack.databaseUrl(m_database); }
    const PairingSettings &settings() const { return m_settings; }

    // A mitra connected to backend `backend`, its initial presence consumed, online unless
    // `online` is false. nullptr on failure, with the reason in lastError().
    AppClient *mitra(const QString &id, int backend, bool online = true,
                     const QString &name = QString());
    AppClient *customer(const QString &id, int backend, const QString &name = QString());
    QString lastError() const { return m_lastError; }

    // The scenario's database. Rows as "a|b" joined with ", " (a failed query gives
    // "ERROR: ..."), so comparisons print readable values.
    QString sqlText(const QString &query) const;
    QList<QStringList> sql(const QString &query) const;
    static QString quoted(const QString &text); // 'text' with quotes doubled

    // Live state in Valkey.
    QMap<QString, QString> hash(const QString &key) const;
    QString hget(const QString &key, const QString &field) const;
    // SMEMBERS / ZRANGE 0 -1, sorted and joined with ",".
    QString members(const QString &setKey) const;
    QString zmembers(const QString &zsetKey) const;
    bool inZset(const QString &zsetKey, const QString &member) const;
    int active(const QString &mitra) const; // hb:mitra:<id> field `active`, 0 if absent

private:
    E2eStack &m_stack;
    PairingSettings m_settings;
    QString m_database;
    std::vector<std::unique_ptr<BackendProcess>> m_backends;
    std::vector<int> m_killed; // indexes of backends kill() ended on purpose
    std::vector<std::unique_ptr<AppClient>> m_apps;
    QString m_lastError;
};

// A request searching and the session it ended in.
struct Pairing
{
    QString requestId;
    QString sessionId;
    QJsonObject session; // as session.assigned carried it
};

// `customer` sends pairing.request; returns the request id (QVERIFY inside: check
// QTest::currentTestFailed() after).
void requestPairing(AppClient &customer, QString *requestId);
// `customer` asks, `winner` (online, free) waits for the offer and accepts, the customer's
// session starts. Other mitras online are offered it too; their queues are left as they are.
void pairUp(AppClient &customer, AppClient &winner, Pairing *out);

} // namespace hb::test

// Waits for a message matching `expectation` on `app` into `var`; fails the test naming what
// came instead.
#define HB_TAKE_WITHIN(var, app, expectation, timeoutMs)                                           \
    const QJsonObject var = (app).take((expectation), (timeoutMs));                                \
    QVERIFY2(!var.isEmpty(), qPrintable((app).missing((expectation), (timeoutMs))))
#define HB_TAKE(var, app, expectation) HB_TAKE_WITHIN(var, app, expectation, ::hb::test::kWaitMs)

// Sends `message` from `app` and requires a direct reply of type `expectedType` into `var`.
#define HB_CALL(var, app, message, expectedType)                                                   \
    const QJsonObject var##Sent_ = (message);                                                      \
    const QJsonObject var = (app).call(var##Sent_);                                                \
    QVERIFY2(::hb::test::typeOf(var) == QLatin1String(expectedType),                               \
             qPrintable((app).badReply(var##Sent_, var, QStringLiteral(expectedType))))

// Sends `message` from `app` and requires an `error` whose code is one of `codes` (a
// QStringList).
#define HB_CALL_ERROR(app, message, codes)                                                         \
    do {                                                                                           \
        const QJsonObject sent_ = (message);                                                       \
        const QStringList codes_ = codes;                                                          \
        const QJsonObject reply_ = (app).call(sent_);                                              \
        QVERIFY2(                                                                                  \
            ::hb::test::typeOf(reply_) == QLatin1String("error") &&                                \
                codes_.contains(::hb::test::str(reply_, "code")),                                  \
            qPrintable((app).badReply(                                                             \
                sent_, reply_, QStringLiteral("error ") + codes_.join(QStringLiteral(" or ")))));  \
    } while (false)

// Runs a helper that uses QVERIFY and stops the test if it failed.
#define HB_DO(call)                                                                                \
    do {                                                                                           \
        call;                                                                                      \
        if (QTest::currentTestFailed())                                                            \
            return;                                                                                \
    } while (false)

// In a test class with a PairingHarness member `m_h`: start the stack, or connect an app,
// failing the test with the harness's reason.
#define HB_START(settings)                                                                         \
    do {                                                                                           \
        QString error_;                                                                            \
        QVERIFY2(m_h.start((settings), &error_), qPrintable(error_));                              \
    } while (false)
#define HB_MITRA(var, ...)                                                                         \
    AppClient *var = m_h.mitra(__VA_ARGS__);                                                       \
    QVERIFY2(var, qPrintable(m_h.lastError()))
#define HB_CUSTOMER(var, ...)                                                                      \
    AppClient *var = m_h.customer(__VA_ARGS__);                                                    \
    QVERIFY2(var, qPrintable(m_h.lastError()))

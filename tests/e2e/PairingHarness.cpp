#include "PairingHarness.h"

#include "protocol/Time.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QTest>

#include <algorithm>

namespace hb::test {

QString typeOf(const QJsonObject &message)
{
    return message.value(QStringLiteral("type")).toString();
}

QString str(const QJsonObject &message, const char *key)
{
    return message.value(QLatin1String(key)).toString();
}

QString str(const QJsonObject &message, const char *object, const char *key)
{
    return message.value(QLatin1String(object)).toObject().value(QLatin1String(key)).toString();
}

QString at(const QJsonObject &message, const QString &path)
{
    const QStringList parts = path.split(QLatin1Char('.'));
    QJsonObject o = message;
    for (qsizetype i = 0; i + 1 < parts.size(); ++i)
        o = o.value(parts.at(i)).toObject();
    return o.value(parts.last()).toString();
}

QString compact(const QJsonObject &message)
{
    return QString::fromUtf8(QJsonDocument(message).toJson(QJsonDocument::Compact));
}

qint64 isoMs(const QJsonValue &value)
{
    return hb::parseIsoTime(value.toString()).value_or(-1);
}

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

bool Expect::operator()(const QJsonObject &message) const
{
    if (typeOf(message) != type)
        return false;
    if (key.isEmpty())
        return true;
    return at(message, key) == value; // "session.id": a field of an object field
}

QString Expect::describe() const
{
    return key.isEmpty() ? type : QStringLiteral("%1 with %2=%3").arg(type, key, value);
}

Expect expect(const char *type)
{
    return Expect{QLatin1String(type), QString(), QString()};
}

Expect expect(const char *type, const char *key, const QString &value)
{
    return Expect{QLatin1String(type), QLatin1String(key), value};
}

QProcessEnvironment PairingSettings::environment() const
{
    QProcessEnvironment env;
    env.insert(QStringLiteral("HALOBESTIE_PAIRING_STRATEGY"), strategy);
    env.insert(QStringLiteral("HALOBESTIE_REQUEST_TIMEOUT_S"), QString::number(requestTimeoutS));
    env.insert(QStringLiteral("HALOBESTIE_OFFER_TIMEOUT_S"), QString::number(offerTimeoutS));
    env.insert(QStringLiteral("HALOBESTIE_DEFAULT_MAX_CUSTOMERS"), QString::number(maxCustomers));
    env.insert(QStringLiteral("HALOBESTIE_HEARTBEAT_INTERVAL_S"),
               QString::number(heartbeatIntervalS));
    env.insert(QStringLiteral("HALOBESTIE_HEARTBEAT_TIMEOUT_S"),
               QString::number(heartbeatTimeoutS));
    for (const QString &key : extra.keys())
        env.insert(key, extra.value(key));
    return env;
}

// --- AppClient ------------------------------------------------------------------------------

AppClient::AppClient(Role role, QString id, QString name, QString token)
    : m_role(role), m_id(std::move(id)), m_name(std::move(name)), m_token(std::move(token)),
      m_ws(std::make_unique<WsTestClient>())
{
    QObject::connect(&m_heartbeat, &QTimer::timeout, [this] {
        if (m_ws && m_ws->isOpen())
            m_ws->send(msg("heartbeat"));
    });
}

AppClient::~AppClient()
{
    m_heartbeat.stop();
}

QJsonObject AppClient::connectTo(const QString &url)
{
    m_heartbeat.stop();
    m_ws = std::make_unique<WsTestClient>();
    m_ws->ignoreType(QStringLiteral("heartbeat.ack"));
    const QJsonObject welcome = m_ws->connectAndHello(url, m_token);
    if (!welcome.isEmpty() && m_role == Role::Mitra) {
        const int intervalS = welcome.value(QStringLiteral("heartbeat_interval_s")).toInt(1);
        m_heartbeat.start(qMax(100, intervalS * 1000 / 2));
    }
    return welcome;
}

void AppClient::drop()
{
    m_heartbeat.stop();
    m_ws->close();
}

QJsonObject AppClient::call(const QJsonObject &message, int timeoutMs)
{
    return m_ws->request(message, timeoutMs);
}

QJsonObject AppClient::take(const Expect &e, int timeoutMs)
{
    return m_ws->waitForMatch(e, timeoutMs);
}

bool AppClient::nothing(const Expect &e, int windowMs)
{
    return m_ws->noneArrives(e, windowMs);
}

bool AppClient::hasQueued(const Expect &e)
{
    return m_ws->isQueued(e);
}

QString AppClient::missing(const Expect &e, int timeoutMs) const
{
    return QStringLiteral("%1 got no %2 within %3 ms; its last messages:\n%4")
        .arg(m_id, e.describe())
        .arg(timeoutMs)
        .arg(m_ws->recent());
}

QString AppClient::badReply(const QJsonObject &sent, const QJsonObject &reply,
                            const QString &expected) const
{
    return QStringLiteral("%1 sent %2 and got %3; expected %4")
        .arg(m_id, compact(sent),
             reply.isEmpty() ? QStringLiteral("no reply within %1 ms").arg(kWaitMs)
                             : compact(reply),
             expected);
}

// --- PairingHarness -------------------------------------------------------------------------

PairingHarness::~PairingHarness()
{
    stop();
}

bool PairingHarness::start(const PairingSettings &settings, QString *error, int count)
{
    static int scenario = 0;
    m_settings = settings;
    m_database = QStringLiteral("pairing_%1").arg(++scenario);
    // Nothing left from an earlier scenario: no live state, a database of its own.
    m_stack.valkey({QStringLiteral("FLUSHALL")});
    if (!m_stack.valkeyList({QStringLiteral("KEYS"), QStringLiteral("hb:*")}).isEmpty()) {
        *error = QStringLiteral("Valkey still holds hb:* keys after FLUSHALL");
        return false;
    }
    m_stack.setStaffAccountDatabase(m_database);
    if (!m_stack.postgres().createDatabase(m_database, error))
        return false;
    QProcessEnvironment env = settings.environment();
    env.insert(QStringLiteral("HALOBESTIE_DATABASE_URL"), m_stack.databaseUrl(m_database));
    for (int i = 0; i < count; ++i) {
        const QString instance = QStringLiteral("inst-%1").arg(QChar(u'a' + i));
        auto backend = m_stack.startBackend(instance, error, env);
        if (!backend)
            return false;
        m_backends.push_back(std::move(backend));
    }
    return true;
}

QString PairingHarness::stop()
{
    m_apps.clear();
    QString problems;
    for (size_t i = 0; i < m_backends.size(); ++i) {
        auto &backend = m_backends.at(i);
        if (std::find(m_killed.cbegin(), m_killed.cend(), int(i)) != m_killed.cend())
            continue;
        const int code = backend->stop();
        if (code != 0)
            problems += QStringLiteral("backend %1 stopped with %2; its output:\n%3\n")
                            .arg(backend->instanceId())
                            .arg(code)
                            .arg(QString::fromUtf8(backend->output().right(4000)));
    }
    m_backends.clear();
    m_killed.clear();
    return problems;
}

void PairingHarness::kill(int index)
{
    m_backends.at(size_t(index))->kill();
    m_killed.push_back(index);
}

QString PairingHarness::url(int backend) const
{
    return m_backends.at(size_t(backend))->url();
}

AppClient *PairingHarness::mitra(const QString &id, int backend, bool online, const QString &name)
{
    const QString shown = name.isEmpty() ? QStringLiteral("Mitra %1").arg(id) : name;
    auto app = std::make_unique<AppClient>(Role::Mitra, id, shown, m_stack.mitraToken(id, shown));
    if (app->connectTo(url(backend)).isEmpty()) {
        m_lastError = QStringLiteral("mitra %1: no welcome from %2").arg(id, url(backend));
        return nullptr;
    }
    if (app->take(expect("presence")).isEmpty()) {
        m_lastError = app->missing(expect("presence"), kWaitMs);
        return nullptr;
    }
    if (online) {
        const QJsonObject sent =
            msg("presence.set", {{QStringLiteral("status"), QStringLiteral("online")}});
        const QJsonObject reply = app->call(sent);
        if (typeOf(reply) != QLatin1String("presence") ||
            str(reply, "status") != QLatin1String("online")) {
            m_lastError = app->badReply(sent, reply, QStringLiteral("presence online"));
            return nullptr;
        }
    }
    m_apps.push_back(std::move(app));
    return m_apps.back().get();
}

AppClient *PairingHarness::customer(const QString &id, int backend, const QString &name)
{
    const QString shown = name.isEmpty() ? QStringLiteral("Customer %1").arg(id) : name;
    auto app =
        std::make_unique<AppClient>(Role::Customer, id, shown, m_stack.customerToken(id, shown));
    if (app->connectTo(url(backend)).isEmpty()) {
        m_lastError = QStringLiteral("customer %1: no welcome from %2").arg(id, url(backend));
        return nullptr;
    }
    m_apps.push_back(std::move(app));
    return m_apps.back().get();
}

QList<QStringList> PairingHarness::sql(const QString &query) const
{
    QString error;
    const QList<QStringList> rows = m_stack.postgres().query(m_database, query, &error);
    if (!error.isEmpty())
        qWarning("%s", qPrintable(error));
    return rows;
}

QString PairingHarness::sqlText(const QString &query) const
{
    QString error;
    const QList<QStringList> rows = m_stack.postgres().query(m_database, query, &error);
    if (!error.isEmpty())
        return QStringLiteral("ERROR: ") + error.section(QLatin1Char('\n'), 0, 0);
    QStringList lines;
    for (const QStringList &row : rows)
        lines.append(row.join(QLatin1Char('|')));
    return lines.join(QStringLiteral(", "));
}

QString PairingHarness::quoted(const QString &text)
{
    QString inner = text;
    inner.replace(QLatin1Char('\''), QStringLiteral("''"));
    return QLatin1Char('\'') + inner + QLatin1Char('\'');
}

QMap<QString, QString> PairingHarness::hash(const QString &key) const
{
    return m_stack.valkeyHash(key);
}

QString PairingHarness::hget(const QString &key, const QString &field) const
{
    return QString::fromUtf8(m_stack.valkey({QStringLiteral("HGET"), key, field}));
}

QString PairingHarness::members(const QString &setKey) const
{
    QStringList m = m_stack.valkeyList({QStringLiteral("SMEMBERS"), setKey});
    m.sort();
    return m.join(QLatin1Char(','));
}

QString PairingHarness::zmembers(const QString &zsetKey) const
{
    QStringList m = m_stack.valkeyList(
        {QStringLiteral("ZRANGE"), zsetKey, QStringLiteral("0"), QStringLiteral("-1")});
    m.sort();
    return m.join(QLatin1Char(','));
}

bool PairingHarness::inZset(const QString &zsetKey, const QString &member) const
{
    return !m_stack.valkey({QStringLiteral("ZSCORE"), zsetKey, member}).isEmpty();
}

int PairingHarness::active(const QString &mitra) const
{
    return hget(QStringLiteral("hb:mitra:") + mitra, QStringLiteral("active")).toInt();
}

// --- scenario steps -------------------------------------------------------------------------

void requestPairing(AppClient &customer, QString *requestId)
{
    HB_CALL(searching, customer, msg("pairing.request"), "pairing.searching");
    *requestId = str(searching, "request_id");
    QVERIFY2(!requestId->isEmpty(), qPrintable(compact(searching)));
}

void pairUp(AppClient &customer, AppClient &winner, Pairing *out)
{
    HB_DO(requestPairing(customer, &out->requestId));
    const QString rid = out->requestId;
    HB_TAKE(offer, winner, expect("offer", "request_id", rid));
    HB_CALL(assigned, winner, msg("offer.accept", {{QStringLiteral("request_id"), rid}}),
            "session.assigned");
    out->session = assigned.value(QStringLiteral("session")).toObject();
    out->sessionId = str(out->session, "id");
    QVERIFY2(!out->sessionId.isEmpty(), qPrintable(compact(assigned)));
    HB_TAKE(found, customer, expect("pairing.found", "request_id", rid));
    QCOMPARE(str(found, "bestie", "id"), winner.id());
    HB_TAKE(started, customer, expect("session.started", "session.id", out->sessionId));
    QCOMPARE(str(started, "session", "state"), QStringLiteral("active"));
}

} // namespace hb::test

#include "FakeStaffServer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QWebSocket>

namespace hb::cc::test {

namespace {

QJsonObject session(const QString &id, const QString &mitraId)
{
    return QJsonObject{{QStringLiteral("id"), id},
                       {QStringLiteral("request_id"), QString(QStringLiteral("r-") + id)},
                       {QStringLiteral("customer"),
                        QJsonObject{{QStringLiteral("id"), QString(QStringLiteral("c-") + id)},
                                    {QStringLiteral("name"), QStringLiteral("Cust")}}},
                       {QStringLiteral("mitra"), QJsonObject{{QStringLiteral("id"), mitraId},
                                                             {QStringLiteral("name"), mitraId}}},
                       {QStringLiteral("state"), QStringLiteral("active")},
                       {QStringLiteral("started_at"), QStringLiteral("2026-04-05T15:17:49.123Z")}};
}

} // namespace

FakeStaffServer::FakeStaffServer(QObject *parent)
    : QObject(parent), m_server(QStringLiteral("fake-staff"), QWebSocketServer::NonSecureMode)
{
    connect(&m_server, &QWebSocketServer::newConnection, this, &FakeStaffServer::onNewConnection);
    statsBody = QJsonObject{
        {QStringLiteral("at"), QStringLiteral("2026-04-05T15:17:49.123Z")},
        {QStringLiteral("active_chats"), 1},
        {QStringLiteral("active_mitras"), 1},
        {QStringLiteral("pending_requests"), 0},
        {QStringLiteral("default_max_customers"), 3},
        {QStringLiteral("mitras"),
         QJsonArray{QJsonObject{{QStringLiteral("id"), QStringLiteral("m-1")},
                                {QStringLiteral("name"), QStringLiteral("Sari")},
                                {QStringLiteral("status"), QStringLiteral("online")},
                                {QStringLiteral("active_sessions"), 1},
                                {QStringLiteral("max_customers"), 3},
                                {QStringLiteral("capacity_source"), QStringLiteral("global")},
                                {QStringLiteral("status_since"), QJsonValue(QJsonValue::Null)},
                                {QStringLiteral("over_capacity"), false}}}}};
    sessionsList.append(session(QStringLiteral("s-1"), QStringLiteral("m-1")));
}

FakeStaffServer::~FakeStaffServer()
{
    for (QWebSocket *s : std::as_const(m_sockets)) {
        s->disconnect(this);
        s->abort();
        s->deleteLater();
    }
}

bool FakeStaffServer::listen(quint16 port)
{
    if (!m_server.listen(QHostAddress::LocalHost, port ? port : m_port))
        return false;
    m_port = m_server.serverPort();
    return true;
}

void FakeStaffServer::stop()
{
    m_server.close();
    dropAll();
}

QUrl FakeStaffServer::url() const
{
    return QUrl(QStringLiteral("ws://127.0.0.1:%1/v1/ws").arg(m_port));
}

void FakeStaffServer::addAccount(const QString &username, const QString &password, bool supervisor)
{
    m_accounts.insert(username, {password, supervisor});
}

int FakeStaffServer::count(const QString &type) const
{
    return int(ofType(type).size());
}

QList<QJsonObject> FakeStaffServer::ofType(const QString &type) const
{
    QList<QJsonObject> out;
    for (const QJsonObject &m : received) {
        if (m.value(QLatin1String("type")).toString() == type)
            out.append(m);
    }
    return out;
}

void FakeStaffServer::push(const QJsonObject &message)
{
    const QString text = QString::fromUtf8(QJsonDocument(message).toJson(QJsonDocument::Compact));
    for (QWebSocket *s : std::as_const(m_signedIn))
        s->sendTextMessage(text);
}

void FakeStaffServer::send(const QJsonObject &message)
{
    push(message);
}

void FakeStaffServer::closeAll(int code, const QString &reason)
{
    for (QWebSocket *s : std::as_const(m_sockets))
        s->close(QWebSocketProtocol::CloseCode(code), reason);
}

void FakeStaffServer::dropAll()
{
    const auto sockets = m_sockets;
    for (QWebSocket *s : sockets)
        s->abort();
}

void FakeStaffServer::onNewConnection()
{
    while (QWebSocket *socket = m_server.nextPendingConnection()) {
        ++m_accepted;
        m_sockets.append(socket);
        connect(socket, &QWebSocket::textMessageReceived, this,
                [this, socket](const QString &text) { onText(socket, text); });
        connect(socket, &QWebSocket::disconnected, this, [this, socket] {
            m_sockets.removeAll(socket);
            m_signedIn.remove(socket);
            socket->deleteLater();
        });
    }
}

void FakeStaffServer::onText(QWebSocket *socket, const QString &text)
{
    const QJsonObject message = QJsonDocument::fromJson(text.toUtf8()).object();
    received.append(message);
    emit messageReceived(message);
    const QString type = message.value(QLatin1String("type")).toString();
    if (silentTypes.contains(type))
        return;

    if (type == QLatin1String("login")) {
        if (loginMode == LoginMode::RateLimited) {
            refuse(socket, QStringLiteral("rate_limited"),
                   QStringLiteral("too many failed sign-ins: try again in a few minutes"), message,
                   4001);
            return;
        }
        if (loginMode == LoginMode::StoreDown) {
            refuse(socket, QStringLiteral("unavailable"), QStringLiteral("account store down"),
                   message, 1011);
            return;
        }
        const QString user = message.value(QLatin1String("username")).toString();
        const auto account = m_accounts.constFind(user);
        if (account == m_accounts.cend() ||
            account->first != message.value(QLatin1String("password")).toString()) {
            refuse(socket, QStringLiteral("unauthorized"),
                   QStringLiteral("invalid username or password"), message, 4001);
            return;
        }
        const QString token = QStringLiteral("token-") + user;
        m_tokens.insert(token, user);
        m_signedIn.insert(socket);
        reply(socket,
              QJsonObject{{QStringLiteral("type"), QStringLiteral("welcome")},
                          {QStringLiteral("role"), QStringLiteral("staff")},
                          {QStringLiteral("user_id"), QString(QStringLiteral("staff_") + user)},
                          {QStringLiteral("name"), user.toUpper()},
                          {QStringLiteral("server_time"), QStringLiteral("2026-04-05T15:17:49.123Z")},
                          {QStringLiteral("heartbeat_interval_s"), 10},
                          {QStringLiteral("heartbeat_timeout_s"), 30},
                          {QStringLiteral("staff_role"), account->second ? QStringLiteral("supervisor")
                                                                         : QStringLiteral("viewer")},
                          {QStringLiteral("server_instance"), QStringLiteral("fake-1")},
                          {QStringLiteral("token"), token}},
              message);
        return;
    }
    if (type == QLatin1String("hello")) {
        const QString token = message.value(QLatin1String("token")).toString();
        if (!m_tokens.contains(token)) {
            refuse(socket, QStringLiteral("unauthorized"), QStringLiteral("invalid token: expired"),
                   message, 4001);
            return;
        }
        const QString user = m_tokens.value(token);
        m_signedIn.insert(socket);
        reply(socket,
              QJsonObject{{QStringLiteral("type"), QStringLiteral("welcome")},
                          {QStringLiteral("role"), QStringLiteral("staff")},
                          {QStringLiteral("user_id"), QString(QStringLiteral("staff_") + user)},
                          {QStringLiteral("name"), user.toUpper()},
                          {QStringLiteral("server_time"), QStringLiteral("2026-04-05T15:17:49.123Z")},
                          {QStringLiteral("heartbeat_interval_s"), 10},
                          {QStringLiteral("heartbeat_timeout_s"), 30},
                          {QStringLiteral("staff_role"),
                           m_accounts.value(user).second ? QStringLiteral("supervisor")
                                                         : QStringLiteral("viewer")},
                          {QStringLiteral("server_instance"), QStringLiteral("fake-1")}},
              message);
        return;
    }
    if (!m_signedIn.contains(socket))
        return;
    const auto custom = answers.constFind(type);
    const std::optional<QJsonObject> answer =
        custom != answers.cend() ? (*custom)(message) : builtInAnswer(message);
    if (answer)
        reply(socket, *answer, message);
}

std::optional<QJsonObject> FakeStaffServer::builtInAnswer(const QJsonObject &message)
{
    const QString type = message.value(QLatin1String("type")).toString();
    if (type == QLatin1String("stats.subscribe")) {
        QJsonObject stats = statsBody;
        stats.insert(QStringLiteral("type"), QStringLiteral("stats"));
        return stats;
    }
    if (type == QLatin1String("sessions.list"))
        return QJsonObject{{QStringLiteral("type"), QStringLiteral("sessions")},
                           {QStringLiteral("sessions"), sessionsList}};
    if (type == QLatin1String("requests.list"))
        return QJsonObject{{QStringLiteral("type"), QStringLiteral("requests")},
                           {QStringLiteral("requests"), requestsList}};
    if (type == QLatin1String("capacity.set")) {
        QJsonObject o = message;
        o.remove(QStringLiteral("id"));
        o.insert(QStringLiteral("type"), QStringLiteral("capacity.updated"));
        return o;
    }
    return QJsonObject{{QStringLiteral("type"), QStringLiteral("error")},
                       {QStringLiteral("code"), QStringLiteral("bad_request")},
                       {QStringLiteral("message"), QStringLiteral("not in the fake")}};
}

void FakeStaffServer::reply(QWebSocket *socket, QJsonObject message, const QJsonObject &to)
{
    if (to.contains(QLatin1String("id")))
        message.insert(QStringLiteral("ref"), to.value(QLatin1String("id")));
    socket->sendTextMessage(QString::fromUtf8(QJsonDocument(message).toJson(QJsonDocument::Compact)));
}

void FakeStaffServer::refuse(QWebSocket *socket, const QString &code, const QString &text,
                             const QJsonObject &to, int closeCode)
{
    reply(socket,
          QJsonObject{{QStringLiteral("type"), QStringLiteral("error")},
                      {QStringLiteral("code"), code},
                      {QStringLiteral("message"), text}},
          to);
    socket->close(QWebSocketProtocol::CloseCode(closeCode), text);
}

} // namespace hb::cc::test

#include "WsTestClient.h"

#include "ProtocolDump.h"

#include <QAtomicInteger>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>
#include <algorithm>

namespace hb::test {

WsTestClient::WsTestClient(QObject *parent) : QObject(parent)
{
    connect(&m_socket, &QWebSocket::textMessageReceived, this, [this](const QString &text) {
        ProtocolDump::record(text);
        const QJsonObject o = QJsonDocument::fromJson(text.toUtf8()).object();
        emit messageReceived(o);
        if (m_ignored.contains(o.value(QStringLiteral("type")).toString()))
            return;
        m_queue.append(o);
        m_all.append(o);
    });
    connect(&m_socket, &QWebSocket::disconnected, this, [this] {
        m_closed = true;
        m_closeCode = m_socket.closeCode();
    });
}

bool WsTestClient::open(const QString &url, int timeoutMs)
{
    m_closed = false;
    m_closeCode = -1;
    m_socket.open(QUrl(url));
    return QTest::qWaitFor(
               [this] { return m_socket.state() == QAbstractSocket::ConnectedState || m_closed; },
               timeoutMs) &&
           m_socket.state() == QAbstractSocket::ConnectedState;
}

bool WsTestClient::isOpen() const
{
    return m_socket.state() == QAbstractSocket::ConnectedState;
}

void WsTestClient::send(const QJsonObject &message)
{
    sendRaw(QString::fromUtf8(QJsonDocument(message).toJson(QJsonDocument::Compact)));
}

void WsTestClient::sendRaw(const QString &text)
{
    m_socket.sendTextMessage(text);
    m_socket.flush();
}

QJsonObject WsTestClient::next(int timeoutMs)
{
    if (!QTest::qWaitFor([this] { return !m_queue.isEmpty(); }, timeoutMs))
        return {};
    return m_queue.takeFirst();
}

QJsonObject WsTestClient::waitFor(const QString &type, int timeoutMs)
{
    QJsonObject found;
    // On timeout `found` stays empty: that is the failure the caller checks.
    [[maybe_unused]] const bool arrived = QTest::qWaitFor(
        [&] {
            for (qsizetype i = 0; i < m_queue.size(); ++i) {
                if (m_queue.at(i).value(QStringLiteral("type")).toString() == type) {
                    found = m_queue.takeAt(i);
                    // Older messages of other types are dropped from the queue: the test
                    // chose to skip past them (they stay in received()).
                    m_queue.remove(0, i);
                    return true;
                }
            }
            return false;
        },
        timeoutMs);
    return found;
}

QJsonObject WsTestClient::waitForMatch(const Match &match, int timeoutMs)
{
    QJsonObject found;
    // On timeout `found` stays empty: that is the failure the caller checks.
    [[maybe_unused]] const bool arrived = QTest::qWaitFor(
        [&] {
            for (qsizetype i = 0; i < m_queue.size(); ++i) {
                if (match(m_queue.at(i))) {
                    found = m_queue.takeAt(i);
                    return true;
                }
            }
            return false;
        },
        timeoutMs);
    return found;
}

bool WsTestClient::noneArrives(const Match &match, int windowMs)
{
    return !QTest::qWaitFor([&] { return isQueued(match); }, windowMs);
}

bool WsTestClient::isQueued(const Match &match) const
{
    return std::any_of(m_queue.cbegin(), m_queue.cend(), match);
}

QString WsTestClient::nextId()
{
    static QAtomicInteger<quint64> counter;
    return QStringLiteral("t-%1").arg(++counter);
}

QJsonObject WsTestClient::request(QJsonObject message, int timeoutMs)
{
    QString id = message.value(QStringLiteral("id")).toString();
    if (id.isEmpty()) {
        id = nextId();
        message.insert(QStringLiteral("id"), id);
    }
    send(message);
    return waitForMatch(
        [&id](const QJsonObject &m) { return m.value(QStringLiteral("ref")).toString() == id; },
        timeoutMs);
}

QList<QJsonObject> WsTestClient::receivedOfType(const QString &type) const
{
    QList<QJsonObject> out;
    for (const QJsonObject &m : m_all)
        if (m.value(QStringLiteral("type")).toString() == type)
            out.append(m);
    return out;
}

QString WsTestClient::recent(int count) const
{
    if (m_all.isEmpty())
        return QStringLiteral("nothing");
    QStringList lines;
    for (qsizetype i = qMax<qsizetype>(0, m_all.size() - count); i < m_all.size(); ++i)
        lines.append(QString::fromUtf8(QJsonDocument(m_all.at(i)).toJson(QJsonDocument::Compact)));
    return lines.join(QLatin1Char('\n'));
}

bool WsTestClient::staysQuiet(int windowMs)
{
    return !QTest::qWaitFor([this] { return !m_queue.isEmpty(); }, windowMs);
}

QJsonObject WsTestClient::connectAndHello(const QString &url, const QString &token)
{
    if (!open(url))
        return {};
    send({{QStringLiteral("type"), QStringLiteral("hello")}, {QStringLiteral("token"), token}});
    return waitFor(QStringLiteral("welcome"));
}

bool WsTestClient::waitClosed(int timeoutMs)
{
    return QTest::qWaitFor([this] { return m_closed; }, timeoutMs);
}

void WsTestClient::close()
{
    m_socket.close();
    waitClosed(5000);
}

} // namespace hb::test

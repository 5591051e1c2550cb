#include "WsTestClient.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

namespace hb::test {

WsTestClient::WsTestClient(QObject *parent) : QObject(parent)
{
    connect(&m_socket, &QWebSocket::textMessageReceived, this, [this](const QString &text) {
        const QJsonObject o = QJsonDocument::fromJson(text.toUtf8()).object();
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
    return QTest::qWaitFor([this] { return m_socket.state() == QAbstractSocket::ConnectedState || m_closed; },
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

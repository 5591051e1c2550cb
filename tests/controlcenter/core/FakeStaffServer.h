#pragma once

// An in-process stand-in for the backend's staff side, on 127.0.0.1, for testing the control
// client's wire behaviour: sign-in answers (right, wrong, rate limited, store down), replies
// with `ref`, pushes, silence for chosen message types, and every way a connection can end.
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QSet>
#include <QString>
#include <QUrl>
#include <QWebSocketServer>
#include <functional>
#include <optional>

class QWebSocket;

namespace hb::cc::test {

class FakeStaffServer : public QObject
{
    Q_OBJECT

public:
    enum class LoginMode { Normal, RateLimited, StoreDown };

    explicit FakeStaffServer(QObject *parent = nullptr);
    ~FakeStaffServer() override;

    bool listen(quint16 port = 0); // 0: any free port; again after stop() to come back
    void stop();                   // no new connections, open ones dropped (no close frame)
    QUrl url() const;
    quint16 port() const { return m_port; }

    // Accounts for `login`; tokens valid for `hello`. A login hands out "token-<username>".
    void addAccount(const QString &username, const QString &password, bool supervisor);
    void revokeTokens() { m_tokens.clear(); }
    LoginMode loginMode = LoginMode::Normal;

    // Message types the server reads but never answers (to test timeouts).
    QSet<QString> silentTypes;
    // Replaces the built-in answer for a type; return nothing to stay silent.
    QHash<QString, std::function<std::optional<QJsonObject>(const QJsonObject &)>> answers;
    // What stats/sessions/requests answers contain (raw JSON of the lists).
    QJsonObject statsBody;
    QJsonArray sessionsList;
    QJsonArray requestsList;

    // Every message received, in order, and by type.
    QList<QJsonObject> received;
    int count(const QString &type) const;
    QList<QJsonObject> ofType(const QString &type) const;
    int connectionsAccepted() const { return m_accepted; }
    int openConnections() const { return int(m_signedIn.size()); }

    void push(const QJsonObject &message);        // to every signed-in client
    void send(const QJsonObject &message);        // the same; for replies crafted by the test
    void closeAll(int code, const QString &reason); // close frames
    void dropAll();                                 // abort: no close frame (1006)

signals:
    void messageReceived(const QJsonObject &message);

private:
    void onNewConnection();
    void onText(QWebSocket *socket, const QString &text);
    void reply(QWebSocket *socket, QJsonObject message, const QJsonObject &to);
    void refuse(QWebSocket *socket, const QString &code, const QString &text, const QJsonObject &to,
                int closeCode);
    std::optional<QJsonObject> builtInAnswer(const QJsonObject &message);

    QWebSocketServer m_server;
    quint16 m_port = 0;
    int m_accepted = 0;
    QList<QWebSocket *> m_sockets;
    QSet<QWebSocket *> m_signedIn;
    QHash<QString, QPair<QString, bool>> m_accounts; // username -> password, supervisor
    QHash<QString, QString> m_tokens;                // token -> username
};

} // namespace hb::cc::test

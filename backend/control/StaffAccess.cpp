#include "StaffAccess.h"

#include "app/WhenReady.h"
#include "cluster/ConnectionDirectory.h"
#include "cluster/Keys.h"
#include "gateway/ClientConnection.h"
#include "gateway/CloseCodes.h"
#include "store/postgres/PostgresStore.h"
#include "store/valkey/ValkeySubscriber.h"

#include <QFutureWatcher>
#include <QLoggingCategory>
#include <QPointer>
#include <QSet>

namespace hb {

namespace {

Q_LOGGING_CATEGORY(lcStaffAccess, "halobestie.staff.access")


const QString kDisabled = QStringLiteral("staff account disabled");
const QString kRemoved = QStringLiteral("staff account removed");

// Why an account may not be used: its state from staffAccountStates(), empty if it may.
QString refusal(const QHash<QString, bool> &states, const QString &accountId)
{
    const auto it = states.constFind(accountId);
    if (it == states.constEnd())
        return kRemoved;
    return it.value() ? kDisabled : QString();
}

} // namespace

StaffAccess::StaffAccess(Options options, PostgresStore &store, ConnectionDirectory &directory,
                         ValkeySubscriber &subscriber, QObject *parent)
    : QObject(parent), m_options(options), m_store(store), m_directory(directory)
{
    const QByteArray channel = revokedChannel();
    connect(&subscriber, &ValkeySubscriber::message, this,
            [this, channel](const QByteArray &from, const QByteArray &payload) {
                if (from == channel)
                    closeAccount(QString::fromUtf8(payload), kDisabled);
            });
    // A disable published while the subscription was down was missed: ask the database.
    connect(&subscriber, &ValkeySubscriber::subscribed, this, &StaffAccess::recheck);
    subscriber.subscribe(channel);
    connect(&m_recheckTimer, &QTimer::timeout, this, &StaffAccess::recheck);
    m_recheckTimer.start(m_options.recheckIntervalMs);
}

QByteArray StaffAccess::revokedChannel()
{
    return keys::staffRevokedChannel();
}

void StaffAccess::admit(ClientConnection *connection, const Identity &identity,
                        const QJsonObject &welcome, const std::optional<QString> &ref,
                        std::function<void(ClientConnection *)> admitted)
{
    QPointer<ClientConnection> guard(connection);
    // Whichever comes first, the database's answer or the deadline, decides; the other finds the
    // connection no longer authenticating and does nothing.
    const auto undecided = [guard, ref](const QString &why) {
        if (!guard || guard->state() != ClientConnection::State::Authenticating)
            return;
        qCWarning(lcStaffAccess, "staff hello undecided: %s", qPrintable(why));
        guard->sendError(ErrorCode::Unavailable,
                         QStringLiteral("sign-in is unavailable right now: retry later"), ref);
        guard->closeWith(close_code::kServerError, QStringLiteral("sign-in unavailable"));
    };
    QTimer::singleShot(m_options.decideWithinMs, this, [undecided] {
        undecided(QStringLiteral("the account store did not answer in time"));
    });
    whenReady(
        this, m_store.staffAccountStates({identity.id}),
        [guard, identity, welcome, ref, admitted](const QHash<QString, bool> &states) {
            if (!guard || guard->state() != ClientConnection::State::Authenticating)
                return; // gone meanwhile, its hello deadline passed, or the store was too slow
            if (const QString why = refusal(states, identity.id); !why.isEmpty()) {
                qCInfo(lcStaffAccess, "staff token for %s refused: %s", qPrintable(identity.id),
                       qPrintable(why));
                guard->reject(why, ref);
                return;
            }
            guard->accept(identity, welcome);
            admitted(guard);
        },
        undecided);
}

void StaffAccess::closeAccount(const QString &accountId, const QString &why)
{
    ClientConnection *c = m_directory.find(Role::Staff, accountId);
    if (!c)
        return;
    qCInfo(lcStaffAccess, "closing the connection of staff %s: %s", qPrintable(accountId),
           qPrintable(why));
    c->sendError(ErrorCode::Unauthorized, why, std::nullopt);
    c->closeWith(close_code::kUnauthorized, why);
}

void StaffAccess::recheck()
{
    if (m_recheckInFlight)
        return;
    QSet<QString> ids;
    for (ClientConnection *c : m_directory.all())
        if (c->identity().role == Role::Staff)
            ids.insert(c->identity().id);
    if (ids.isEmpty())
        return;
    m_recheckInFlight = true;
    whenReady(
        this, m_store.staffAccountStates(ids.values()),
        [this, ids](const QHash<QString, bool> &states) {
            m_recheckInFlight = false;
            for (const QString &id : ids)
                if (const QString why = refusal(states, id); !why.isEmpty())
                    closeAccount(id, why);
        },
        [this](const QString &why) {
            // Keep the connections: the next recheck tries again.
            m_recheckInFlight = false;
            qCWarning(lcStaffAccess, "staff account recheck failed: %s", qPrintable(why));
        });
}

} // namespace hb

#include "OutboxEventDecoder.h"

#include "store/valkey/ValkeyReply.h"

#include <QHash>

namespace hb::outboxdecoder {

namespace {

struct Fields
{
    QHash<QByteArray, QByteArray> values;
    QStringList missing;

    QString text(const char *name)
    {
        const auto it = values.constFind(QByteArray(name));
        if (it == values.constEnd()) {
            missing.append(QString::fromLatin1(name));
            return {};
        }
        return QString::fromUtf8(*it);
    }
    // A time or another integer; a missing or non-numeric value counts as missing.
    qint64 number(const char *name)
    {
        const auto it = values.constFind(QByteArray(name));
        bool ok = false;
        const qint64 n = it == values.constEnd() ? 0 : it->toLongLong(&ok);
        if (!ok)
            missing.append(QString::fromLatin1(name));
        return n;
    }
};

std::optional<OutboxEvent::Kind> kindFrom(const QByteArray &type)
{
    if (type == "session.accepted")
        return OutboxEvent::Kind::SessionAccepted;
    if (type == "session.started")
        return OutboxEvent::Kind::SessionStarted;
    if (type == "session.ended")
        return OutboxEvent::Kind::SessionEnded;
    return std::nullopt;
}

std::optional<QList<OutboxEntry>> decodeEntries(const ValkeyReply &list, QStringList *vanished)
{
    if (!list.isArray())
        return std::nullopt;
    QList<OutboxEntry> entries;
    for (const ValkeyReply &item : list.elements()) {
        const auto &pair = item.elements();
        if (!item.isArray() || pair.size() != 2 || !pair.at(0).isString())
            return std::nullopt;
        const QString id = QString::fromUtf8(pair.at(0).toByteArray());
        if (pair.at(1).isNil()) {
            vanished->append(id);
            continue;
        }
        entries.append(decodeEntry(id, pair.at(1)));
    }
    return entries;
}

} // namespace

OutboxEntry decodeEntry(const QString &id, const ValkeyReply &fieldList)
{
    OutboxEntry entry;
    entry.id = id;
    Fields f;
    const auto &flat = fieldList.elements();
    for (qsizetype i = 0; i + 1 < flat.size(); i += 2) {
        f.values.insert(flat.at(i).toByteArray(), flat.at(i + 1).toByteArray());
        entry.raw += (entry.raw.isEmpty() ? QString() : QStringLiteral(" ")) +
                     QString::fromUtf8(flat.at(i).toByteArray()) + QLatin1Char('=') +
                     QString::fromUtf8(flat.at(i + 1).toByteArray());
    }
    if (!fieldList.isArray() || flat.size() % 2 != 0) {
        entry.error = QStringLiteral("entry %1 is not a list of name/value pairs").arg(id);
        return entry;
    }
    const QByteArray type = f.values.value("type");
    entry.type = QString::fromUtf8(type);
    const std::optional<OutboxEvent::Kind> kind = kindFrom(type);
    if (!kind) {
        entry.error = QStringLiteral("entry %1 has an unknown event type \"%2\"")
                          .arg(id, QString::fromUtf8(type));
        return entry;
    }

    OutboxEvent event;
    event.id = id;
    event.kind = *kind;
    event.session.id = f.text("session");
    switch (*kind) {
    case OutboxEvent::Kind::SessionAccepted:
        event.request.id = f.text("request");
        event.request.customerId = f.text("customer");
        event.request.customerName = f.text("customer_name");
        event.request.strategy = f.text("strategy");
        event.request.createdAtMs = f.number("created");
        event.request.deadlineAtMs = f.number("deadline");
        event.session.requestId = event.request.id;
        event.session.customerId = event.request.customerId;
        event.session.customerName = event.request.customerName;
        event.session.mitraId = f.text("mitra");
        event.session.mitraName = f.text("mitra_name");
        event.session.acceptedAtMs = f.number("at");
        event.atMs = event.session.acceptedAtMs;
        break;
    case OutboxEvent::Kind::SessionStarted:
        event.atMs = f.number("at");
        break;
    case OutboxEvent::Kind::SessionEnded:
        event.atMs = f.number("at");
        event.reason = f.text("reason");
        break;
    }
    if (!f.missing.isEmpty()) {
        entry.error = QStringLiteral("entry %1 (%2) lacks %3")
                          .arg(id, entry.type, f.missing.join(QStringLiteral(", ")));
        return entry;
    }
    entry.event = std::move(event);
    return entry;
}

std::optional<OutboxBatch> decodeReadGroup(const ValkeyReply &reply)
{
    OutboxBatch batch;
    if (reply.isNil())
        return batch;
    if (!reply.isArray() || reply.elements().size() != 1)
        return std::nullopt;
    const auto &stream = reply.elements().at(0).elements();
    if (stream.size() != 2)
        return std::nullopt;
    auto entries = decodeEntries(stream.at(1), &batch.vanished);
    if (!entries)
        return std::nullopt;
    batch.entries = std::move(*entries);
    return batch;
}

std::optional<OutboxBatch> decodeAutoClaim(const ValkeyReply &reply)
{
    const auto &e = reply.elements();
    if (!reply.isArray() || e.size() < 2 || e.size() > 3 || !e.at(0).isString())
        return std::nullopt;
    OutboxBatch batch;
    batch.nextCursor = QString::fromUtf8(e.at(0).toByteArray());
    auto entries = decodeEntries(e.at(1), &batch.vanished);
    if (!entries)
        return std::nullopt;
    batch.entries = std::move(*entries);
    if (e.size() == 3) {
        for (const ValkeyReply &id : e.at(2).elements())
            batch.vanished.append(QString::fromUtf8(id.toByteArray()));
    }
    return batch;
}

} // namespace hb::outboxdecoder

// outboxdecoder: the replies of XREADGROUP and XAUTOCLAIM on the outbox stream, built by hand,
// decoded into typed events; anything malformed is reported (and so dead-lettered), never
// guessed at.
#include "durable/OutboxEventDecoder.h"
#include "store/valkey/ValkeyReply.h"

#include <QTest>

using namespace hb;

namespace {

ValkeyReply str(const char *s)
{
    return ValkeyReply::string(QByteArray(s));
}

ValkeyReply fields(std::initializer_list<const char *> flat)
{
    QList<ValkeyReply> out;
    for (const char *f : flat)
        out.append(str(f));
    return ValkeyReply::array(out);
}

ValkeyReply entry(const char *id, ValkeyReply f)
{
    return ValkeyReply::array({str(id), std::move(f)});
}

ValkeyReply accepted()
{
    return fields({"type", "session.accepted", "session", "s1", "request", "r1", "customer", "c1",
                   "customer_name", "Citra", "mitra", "m1", "mitra_name", "Mega", "strategy",
                   "broadcast", "created", "1000", "deadline", "61000", "at", "1500"});
}

} // namespace

class TestOutboxDecoder : public QObject
{
    Q_OBJECT

private slots:
    void sessionAccepted()
    {
        const OutboxEntry e = outboxdecoder::decodeEntry(QStringLiteral("1-0"), accepted());
        QVERIFY2(e.event, qPrintable(e.error));
        QCOMPARE(e.event->id, QStringLiteral("1-0"));
        QVERIFY(e.event->kind == OutboxEvent::Kind::SessionAccepted);
        QCOMPARE(e.event->request.id, QStringLiteral("r1"));
        QCOMPARE(e.event->request.customerName, QStringLiteral("Citra"));
        QCOMPARE(e.event->request.deadlineAtMs, 61000);
        QCOMPARE(e.event->session.requestId, QStringLiteral("r1"));
        QCOMPARE(e.event->session.mitraId, QStringLiteral("m1"));
        QCOMPARE(e.event->session.mitraName, QStringLiteral("Mega"));
        QCOMPARE(e.event->session.acceptedAtMs, 1500);
    }

    void sessionStartedAndEnded()
    {
        const OutboxEntry started = outboxdecoder::decodeEntry(
            QStringLiteral("2-0"), fields({"type", "session.started", "session", "s1", "at", "7"}));
        QVERIFY(started.event);
        QVERIFY(started.event->kind == OutboxEvent::Kind::SessionStarted);
        QCOMPARE(started.event->atMs, 7);
        const OutboxEntry ended = outboxdecoder::decodeEntry(
            QStringLiteral("3-0"), fields({"type", "session.ended", "session", "s1", "at", "9",
                                           "reason", "ended_by_mitra"}));
        QVERIFY(ended.event);
        QVERIFY(ended.event->kind == OutboxEvent::Kind::SessionEnded);
        QCOMPARE(ended.event->reason, QStringLiteral("ended_by_mitra"));
    }

    void malformedEntriesSayWhy_data()
    {
        // The entry's flat field list, as XREADGROUP returns it.
        QTest::addColumn<QByteArrayList>("flat");
        QTest::addColumn<QString>("error");
        QTest::newRow("unknown type") << QByteArrayList{"type", "x.y", "session", "s1"}
                                      << QStringLiteral("unknown event type \"x.y\"");
        QTest::newRow("no type") << QByteArrayList{"session", "s1"}
                                 << QStringLiteral("unknown event type \"\"");
        QTest::newRow("missing field") << QByteArrayList{"type", "session.started", "session", "s1"}
                                       << QStringLiteral("lacks at");
        QTest::newRow("time not a number")
            << QByteArrayList{"type", "session.started", "session", "s1", "at", "soon"}
            << QStringLiteral("lacks at");
        QTest::newRow("odd field list") << QByteArrayList{"type", "session.started", "session"}
                                        << QStringLiteral("not a list of name/value pairs");
    }

    void malformedEntriesSayWhy()
    {
        QFETCH(QByteArrayList, flat);
        QFETCH(QString, error);
        QList<ValkeyReply> items;
        for (const QByteArray &f : flat)
            items.append(ValkeyReply::string(f));
        const OutboxEntry e =
            outboxdecoder::decodeEntry(QStringLiteral("5-0"), ValkeyReply::array(items));
        QVERIFY(!e.event);
        QVERIFY2(e.error.contains(error), qPrintable(e.error));
        QVERIFY(e.error.contains(QStringLiteral("5-0")));
    }

    void readGroupReply()
    {
        QVERIFY(outboxdecoder::decodeReadGroup(ValkeyReply::nil())->entries.isEmpty());
        const ValkeyReply reply = ValkeyReply::array({ValkeyReply::array(
            {str("hb:outbox"),
             ValkeyReply::array({entry("1-0", accepted()), entry("1-1", ValkeyReply::nil()),
                                 entry("1-2", fields({"type", "bogus"}))})})});
        const auto batch = outboxdecoder::decodeReadGroup(reply);
        QVERIFY(batch);
        QCOMPARE(batch->entries.size(), 2);
        QVERIFY(batch->entries.at(0).event);
        QVERIFY(!batch->entries.at(1).event);
        QCOMPARE(batch->entries.at(1).type, QStringLiteral("bogus"));
        // A pending entry deleted from the stream comes back without fields.
        QCOMPARE(batch->vanished, QStringList{QStringLiteral("1-1")});
        QVERIFY(!outboxdecoder::decodeReadGroup(ValkeyReply::integer(3)));
        QVERIFY(!outboxdecoder::decodeReadGroup(ValkeyReply::array({str("x")})));
    }

    void autoClaimReply()
    {
        const ValkeyReply reply = ValkeyReply::array(
            {str("7-0"), ValkeyReply::array({entry("5-0", accepted())}),
             ValkeyReply::array({str("4-0")})});
        const auto batch = outboxdecoder::decodeAutoClaim(reply);
        QVERIFY(batch);
        QCOMPARE(batch->nextCursor, QStringLiteral("7-0"));
        QCOMPARE(batch->entries.size(), 1);
        QCOMPARE(batch->vanished, QStringList{QStringLiteral("4-0")});
        QVERIFY(!outboxdecoder::decodeAutoClaim(ValkeyReply::array({str("0-0")})));
        QVERIFY(!outboxdecoder::decodeAutoClaim(ValkeyReply::nil()));
    }
};

QTEST_GUILESS_MAIN(TestOutboxDecoder)
#include "tst_outbox_decoder.moc"

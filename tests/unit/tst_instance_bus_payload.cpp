// What travels between instances in one PUBLISH (cluster/InstanceBus): one event as itself,
// several as one batch, read back in order; older single-event payloads are still understood,
// and anything malformed yields no event.
#include "cluster/InstanceBus.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using hb::InstanceBus;

class TestInstanceBusPayload : public QObject
{
    Q_OBJECT

private slots:
    void oneEventTravelsAsItself()
    {
        const QJsonObject kick{{QStringLiteral("kind"), QStringLiteral("kick")},
                               {QStringLiteral("user"), QStringLiteral("m-1")}};
        const QByteArray payload = InstanceBus::payloadFor(QJsonArray{kick});
        QCOMPARE(QJsonDocument::fromJson(payload).object(), kick);
        QCOMPARE(InstanceBus::eventsIn(payload), QList<QJsonObject>{kick});
    }

    void severalEventsTravelAsOneBatchInOrder()
    {
        QJsonArray events;
        QList<QJsonObject> expected;
        for (int i = 0; i < 50; ++i) {
            const QJsonObject e{{QStringLiteral("kind"), QStringLiteral("deliver")},
                                {QStringLiteral("users"), QJsonArray{QStringLiteral("m-%1").arg(i)}},
                                {QStringLiteral("texts"), QJsonArray{QStringLiteral("{\"type\":\"offer\"}")}}};
            events.append(e);
            expected.append(e);
        }
        const QByteArray payload = InstanceBus::payloadFor(events);
        QCOMPARE(QJsonDocument::fromJson(payload).object().value(QStringLiteral("kind")).toString(),
                 QStringLiteral("batch"));
        QCOMPARE(InstanceBus::eventsIn(payload), expected);
    }

    void olderSingleDeliveryIsUnderstood()
    {
        const QByteArray old =
            R"({"kind":"deliver","user":"c-1","messages":[{"type":"session.started"}]})";
        const QList<QJsonObject> events = InstanceBus::eventsIn(old);
        QCOMPARE(events.size(), 1);
        QCOMPARE(events.first().value(QStringLiteral("user")).toString(), QStringLiteral("c-1"));
    }

    void malformedPayloadsYieldNothing()
    {
        QVERIFY(InstanceBus::eventsIn("").isEmpty());
        QVERIFY(InstanceBus::eventsIn("{\"kind\":").isEmpty());
        QVERIFY(InstanceBus::eventsIn("[{\"kind\":\"kick\"}]").isEmpty());
        // Entries of a batch that are not objects are skipped; the others stay.
        const QList<QJsonObject> events =
            InstanceBus::eventsIn(R"({"kind":"batch","events":[1,{"kind":"kick"},"x"]})");
        QCOMPARE(events.size(), 1);
        QCOMPARE(events.first().value(QStringLiteral("kind")).toString(), QStringLiteral("kick"));
    }
};

QTEST_GUILESS_MAIN(TestInstanceBusPayload)
#include "tst_instance_bus_payload.moc"

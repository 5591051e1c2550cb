#include "ValkeyTestSupport.h"
#include "store/valkey/ValkeyClient.h"
#include "store/valkey/ValkeyConfig.h"
#include "store/valkey/ValkeySubscriber.h"
#include "valkey/ValkeyServer.h"

#include <QPointer>
#include <QSignalSpy>
#include <QTest>
#include <memory>

using namespace hb;
using hb::test::runCommand;

class TestValkeySubscriber : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void receivesPublishedMessages();
    void subscribeAfterConnected();
    void subscribedWithoutChannels();
    void survivesServerRestart();
    void destroyInsideMessage();

private:
    // Publishes and checks the server delivered to `receivers` subscribers.
    void publish(ValkeyClient &client, const QByteArray &channel, const QByteArray &payload,
                 qint64 receivers = 1);

    test::ValkeyServer m_server;
};

void TestValkeySubscriber::initTestCase()
{
    QString error;
    QVERIFY2(m_server.start(&error), qPrintable(error));
}

void TestValkeySubscriber::publish(ValkeyClient &client, const QByteArray &channel,
                                   const QByteArray &payload, qint64 receivers)
{
    std::optional<ValkeyResult> result;
    client.publish(channel, payload, this, [&](const ValkeyResult &r) { result = r; });
    QTRY_VERIFY(result.has_value());
    QVERIFY2(result->isOk(), qPrintable(result->errorText()));
    QCOMPARE(result->reply().toInteger(), receivers);
}

void TestValkeySubscriber::receivesPublishedMessages()
{
    auto client = test::connectedClient(m_server);
    QVERIFY(client);

    ValkeySubscriber subscriber(test::configFor(m_server));
    subscriber.subscribe("alpha");
    subscriber.subscribe("beta");
    subscriber.subscribe("alpha"); // remembered once
    QCOMPARE(subscriber.channels(), (QList<QByteArray>{"alpha", "beta"}));
    QSignalSpy connected(&subscriber, &ValkeySubscriber::connected);
    QSignalSpy subscribed(&subscriber, &ValkeySubscriber::subscribed);
    QSignalSpy messages(&subscriber, &ValkeySubscriber::message);
    subscriber.start();
    QVERIFY(subscribed.wait(5000));
    QCOMPARE(connected.count(), 1);
    QVERIFY(subscriber.isConnected());

    const QByteArray binary("\0\r\nbinary\xff", 11);
    publish(*client, "alpha", binary);
    publish(*client, "beta", "second");
    publish(*client, "gamma", "nobody listens", 0);
    QTRY_COMPARE(messages.count(), 2);
    QCOMPARE(messages.at(0).at(0).toByteArray(), QByteArray("alpha"));
    QCOMPARE(messages.at(0).at(1).toByteArray(), binary);
    QCOMPARE(messages.at(1).at(0).toByteArray(), QByteArray("beta"));
    QCOMPARE(messages.at(1).at(1).toByteArray(), QByteArray("second"));
    QCOMPARE(subscribed.count(), 1);
}

void TestValkeySubscriber::subscribeAfterConnected()
{
    auto client = test::connectedClient(m_server);
    QVERIFY(client);
    ValkeySubscriber subscriber(test::configFor(m_server));
    subscriber.subscribe("first");
    QSignalSpy subscribed(&subscriber, &ValkeySubscriber::subscribed);
    QSignalSpy messages(&subscriber, &ValkeySubscriber::message);
    subscriber.start();
    QVERIFY(subscribed.wait(5000));

    subscriber.subscribe("later");
    QVERIFY(subscribed.wait(5000));
    QCOMPARE(subscribed.count(), 2);
    publish(*client, "later", "hello");
    QTRY_COMPARE(messages.count(), 1);
    QCOMPARE(messages.at(0).at(0).toByteArray(), QByteArray("later"));
}

void TestValkeySubscriber::subscribedWithoutChannels()
{
    // Users re-read state on subscribed(): it comes even with nothing to subscribe to.
    ValkeySubscriber subscriber(test::configFor(m_server));
    QSignalSpy subscribed(&subscriber, &ValkeySubscriber::subscribed);
    subscriber.start();
    QVERIFY(subscribed.wait(5000));
    QVERIFY(subscriber.isConnected());
}

void TestValkeySubscriber::survivesServerRestart()
{
    test::ValkeyServer server;
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));
    auto client = test::connectedClient(server);
    QVERIFY(client);

    ValkeySubscriber subscriber(test::configFor(server));
    subscriber.subscribe("events");
    QSignalSpy subscribed(&subscriber, &ValkeySubscriber::subscribed);
    QSignalSpy disconnected(&subscriber, &ValkeySubscriber::disconnected);
    QSignalSpy failed(&subscriber, &ValkeySubscriber::connectionFailed);
    QSignalSpy messages(&subscriber, &ValkeySubscriber::message);
    subscriber.start();
    QVERIFY(subscribed.wait(5000));
    publish(*client, "events", "before");
    QTRY_COMPARE(messages.count(), 1);

    server.kill();
    QTRY_COMPARE_WITH_TIMEOUT(disconnected.count(), 1, 5000);
    QVERIFY(!subscriber.isConnected());
    QTRY_VERIFY_WITH_TIMEOUT(failed.count() >= 1, 5000);
    QVERIFY2(failed.first().first().toString().contains(QStringLiteral("Connection refused")),
             qPrintable(failed.first().first().toString()));

    QVERIFY2(server.start(&error), qPrintable(error));
    QTRY_COMPARE_WITH_TIMEOUT(subscribed.count(), 2, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(client->isConnected(), 10000);
    publish(*client, "events", "after");
    QTRY_COMPARE(messages.count(), 2);
    QCOMPARE(messages.at(1).at(1).toByteArray(), QByteArray("after"));
}

void TestValkeySubscriber::destroyInsideMessage()
{
    auto client = test::connectedClient(m_server);
    QVERIFY(client);
    QPointer<ValkeySubscriber> subscriber = new ValkeySubscriber(test::configFor(m_server));
    subscriber->subscribe("doomed");
    QSignalSpy subscribed(subscriber.data(), &ValkeySubscriber::subscribed);
    int received = 0;
    connect(subscriber, &ValkeySubscriber::message, this, [&] {
        ++received;
        delete subscriber.data();
    });
    subscriber->start();
    QVERIFY(subscribed.wait(5000));

    // Several messages arrive in one read; the first one's slot destroys the subscriber.
    for (int i = 0; i < 5; ++i)
        client->publish("doomed", QByteArray::number(i));
    QTRY_VERIFY(subscriber.isNull());
    for (int i = 0; i < 3; ++i)
        QVERIFY(runCommand(*client, {"PING"}));
    QCOMPARE(received, 1);
}

QTEST_GUILESS_MAIN(TestValkeySubscriber)
#include "tst_valkeysubscriber.moc"

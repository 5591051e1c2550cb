// halobestie-sim's display names: people's names rather than ids, the same for the same index in
// every run, never shared between two simulated users (mitras among themselves, customers among
// themselves, or a mitra and a customer).
#include "SimNames.h"

#include <QSet>
#include <QTest>

using namespace hb::sim;

class TestSimNames : public QObject
{
    Q_OBJECT

private slots:
    void namesArePeoplesNames()
    {
        QCOMPARE(mitraDisplayName(0), QStringLiteral("Sari"));
        QCOMPARE(customerDisplayName(0), QStringLiteral("Andi"));
        for (int i = 0; i < 100; ++i) {
            const QString name = mitraDisplayName(i);
            QVERIFY(!name.isEmpty());
            QVERIFY2(!name.contains(QLatin1Char('-')), qPrintable(name)); // not an id
            QVERIFY(name.at(0).isUpper());
        }
    }

    void deterministicPerIndex()
    {
        for (int i = 0; i < 500; i += 7) {
            QCOMPARE(mitraDisplayName(i), mitraDisplayName(i));
            QCOMPARE(customerDisplayName(i), customerDisplayName(i));
        }
    }

    void uniqueAcrossEveryone()
    {
        // More than either list holds, so the numbered second and third rounds are included.
        QSet<QString> seen;
        for (int i = 0; i < 300; ++i) {
            const QString mitra = mitraDisplayName(i);
            const QString customer = customerDisplayName(i);
            QVERIFY2(!seen.contains(mitra), qPrintable(mitra));
            seen.insert(mitra);
            QVERIFY2(!seen.contains(customer), qPrintable(customer));
            seen.insert(customer);
        }
        QVERIFY(seen.contains(QStringLiteral("Sari 2")));
    }
};

QTEST_APPLESS_MAIN(TestSimNames)
#include "tst_sim_names.moc"

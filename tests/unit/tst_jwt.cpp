#include "auth/Jwt.h"

#include <QCryptographicHash>
#include <QMessageAuthenticationCode>
#include <QTest>

using namespace hb;

Q_DECLARE_METATYPE(hb::JwtClaims)

namespace {

constexpr qint64 kNow = 1775000000;
const QByteArray kSecret = QByteArrayLiteral("s3cret-for-tests");

QByteArray b64(const QByteArray &bytes)
{
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

// Builds a token from raw header and payload text, signed independently of mintJwt(), so
// tokens the minting code could never produce can be tested.
QByteArray signRaw(const QByteArray &header, const QByteArray &payload,
                   const QByteArray &secret = kSecret)
{
    const QByteArray input = b64(header) + '.' + b64(payload);
    return input + '.' +
           b64(QMessageAuthenticationCode::hash(input, secret, QCryptographicHash::Sha256));
}

QByteArray signPayload(const QByteArray &payload)
{
    return signRaw(R"({"alg":"HS256","typ":"JWT"})", payload);
}

JwtClaims customerClaims()
{
    return JwtClaims{QStringLiteral("cust-1"),
                     Role::Customer,
                     QStringLiteral("Rina"),
                     kNow + 600,
                     kNow - 5,
                     std::nullopt};
}

QString reasonOf(const JwtVerifyResult &result)
{
    const QString *reason = std::get_if<QString>(&result);
    return reason ? *reason : QString();
}

} // namespace

class TestJwt : public QObject
{
    Q_OBJECT

private slots:
    void roundTrip_data();
    void roundTrip();
    void shapeOfMintedToken();
    void interopWithIndependentEncoder();
    void rejected_data();
    void rejected();
    void nameDefaultsToSub();
    void fractionalExpIsAccepted();
    void staffRoleIdentity_data();
    void staffRoleIdentity();
};

void TestJwt::roundTrip_data()
{
    QTest::addColumn<JwtClaims>("claims");
    QTest::newRow("customer") << customerClaims();
    QTest::newRow("mitra without iat")
        << JwtClaims{QStringLiteral("m-42"), Role::Mitra, QString::fromUtf8("Sâri"), kNow + 1,
                     std::nullopt,           std::nullopt};
    QTest::newRow("staff supervisor")
        << JwtClaims{QStringLiteral("u-1"), Role::Staff, QStringLiteral("Ops"),
                     kNow + 3600,           kNow,        StaffRole::Supervisor};
    QTest::newRow("staff viewer") << JwtClaims{
        QStringLiteral("u-2"), Role::Staff, QStringLiteral("Ops"),
        kNow + 3600,           kNow,        StaffRole::Viewer};
}

void TestJwt::roundTrip()
{
    QFETCH(JwtClaims, claims);
    const QByteArray token = mintJwt(claims, kSecret);
    const JwtVerifyResult result = verifyJwt(token, kSecret, kNow);
    QVERIFY2(std::holds_alternative<JwtClaims>(result), qPrintable(reasonOf(result)));
    QVERIFY(std::get<JwtClaims>(result) == claims);
}

void TestJwt::shapeOfMintedToken()
{
    const QByteArray token = mintJwt(customerClaims(), kSecret);
    const QList<QByteArray> parts = token.split('.');
    QCOMPARE(parts.size(), 3);
    for (const QByteArray &part : parts) {
        QVERIFY(!part.isEmpty());
        QVERIFY(!part.contains('='));
        QVERIFY(!part.contains('+'));
        QVERIFY(!part.contains('/'));
    }
    const QByteArray header = QByteArray::fromBase64(parts[0], QByteArray::Base64UrlEncoding);
    QVERIFY(header.contains(R"("alg":"HS256")"));
    QCOMPARE(QByteArray::fromBase64(parts[2], QByteArray::Base64UrlEncoding).size(), 32);
}

void TestJwt::interopWithIndependentEncoder()
{
    // Made with Python's hmac/base64 modules, not with this code: proves the wire format, not
    // just that mint and verify agree with each other.
    const QByteArray token = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."
                             "eyJzdWIiOiJtaXRyYS00MiIsInJvbGUiOiJtaXRyYSIsIm5hbWUiOiJTYXJpIEF5dSIsI"
                             "mV4cCI6MjAwMDAwMDAwMCwiaWF0IjoxNzAwMDAwMDAwfQ."
                             "X-wsO-kIu60qYUwud-ZaMNXrsqr_kgx1TYRs4x4Wy9Q";
    const JwtVerifyResult result = verifyJwt(token, "interop-secret", kNow);
    QVERIFY2(std::holds_alternative<JwtClaims>(result), qPrintable(reasonOf(result)));
    const JwtClaims &claims = std::get<JwtClaims>(result);
    QCOMPARE(claims.sub, QStringLiteral("mitra-42"));
    QCOMPARE(toString(claims.role), toString(Role::Mitra));
    QCOMPARE(claims.name, QStringLiteral("Sari Ayu"));
    QCOMPARE(claims.exp, qint64(2000000000));
    QCOMPARE(claims.iat, std::optional<qint64>(1700000000));
    QCOMPARE(reasonOf(verifyJwt(token, "other-secret", kNow)),
             QStringLiteral("bad token signature"));
}

void TestJwt::rejected_data()
{
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<QByteArray>("secret");
    QTest::addColumn<QString>("reason");

    const QByteArray good = mintJwt(customerClaims(), kSecret);
    const QList<QByteArray> parts = good.split('.');
    const QByteArray exp = QByteArray::number(kNow + 600);

    // Payload swapped for one that claims staff, signature kept.
    const QByteArray forgedPayload =
        b64(R"({"sub":"cust-1","role":"staff","name":"Rina","exp":)" + exp + "}");
    QTest::newRow("tampered payload") << parts[0] + '.' + forgedPayload + '.' + parts[2] << kSecret
                                      << QStringLiteral("bad token signature");
    QTest::newRow("wrong secret") << good << QByteArray("another-secret")
                                  << QStringLiteral("bad token signature");
    QTest::newRow("signature of another token")
        << parts[0] + '.' + parts[1] + '.' +
               mintJwt(JwtClaims{QStringLiteral("x"), Role::Mitra, {}, kNow + 9, {}, {}}, kSecret)
                   .split('.')[2]
        << kSecret << QStringLiteral("bad token signature");
    QTest::newRow("empty secret") << mintJwt(customerClaims(), {}) << QByteArray()
                                  << QStringLiteral("no token secret configured");

    const QByteArray payload = R"({"sub":"cust-1","role":"customer","exp":)" + exp + "}";
    QTest::newRow("alg none") << b64(R"({"alg":"none","typ":"JWT"})") + '.' + b64(payload) + '.'
                              << kSecret << QStringLiteral("unsupported token algorithm");
    QTest::newRow("alg none signed anyway") << signRaw(R"({"alg":"none"})", payload) << kSecret
                                            << QStringLiteral("unsupported token algorithm");
    QTest::newRow("alg HS512") << signRaw(R"({"alg":"HS512"})", payload) << kSecret
                               << QStringLiteral("unsupported token algorithm");
    QTest::newRow("alg lowercase") << signRaw(R"({"alg":"hs256"})", payload) << kSecret
                                   << QStringLiteral("unsupported token algorithm");
    QTest::newRow("no alg") << signRaw(R"({"typ":"JWT"})", payload) << kSecret
                            << QStringLiteral("unsupported token algorithm");

    QTest::newRow("two parts") << parts[0] + '.' + parts[1] << kSecret
                               << QStringLiteral("token must have exactly three parts");
    QTest::newRow("four parts") << good + ".x" << kSecret
                                << QStringLiteral("token must have exactly three parts");
    QTest::newRow("empty") << QByteArray() << kSecret
                           << QStringLiteral("token must have exactly three parts");
    QTest::newRow("too long") << good + QByteArray(9000, 'a') << kSecret
                              << QStringLiteral("token too long");
    QTest::newRow("header not base64url") << "e!J." + parts[1] + '.' + parts[2] << kSecret
                                          << QStringLiteral("malformed token header");
    QTest::newRow("header not json") << b64("not json") + '.' + parts[1] + '.' + parts[2] << kSecret
                                     << QStringLiteral("malformed token header");
    QTest::newRow("padded signature")
        << good + "=" << kSecret << QStringLiteral("malformed token signature");
    QTest::newRow("standard base64 signature")
        << parts[0] + '.' + parts[1] + '.' + parts[2].left(parts[2].size() - 1) + '+' << kSecret
        << QStringLiteral("malformed token signature");
    QTest::newRow("truncated signature")
        << parts[0] + '.' + parts[1] + '.' + parts[2].left(parts[2].size() - 1) << kSecret
        << QStringLiteral("bad token signature");
    QTest::newRow("empty signature") << parts[0] + '.' + parts[1] + '.' << kSecret
                                     << QStringLiteral("malformed token signature");
    QTest::newRow("payload array")
        << signPayload("[1,2]") << kSecret << QStringLiteral("malformed token payload");

    const QString subReason =
        QStringLiteral("token claim 'sub' must be a non-empty string of at most 200 characters");
    QTest::newRow("missing sub") << signPayload(R"({"role":"customer","exp":)" + exp + "}")
                                 << kSecret << subReason;
    QTest::newRow("empty sub") << signPayload(R"({"sub":"","role":"customer","exp":)" + exp + "}")
                               << kSecret << subReason;
    QTest::newRow("numeric sub") << signPayload(R"({"sub":12,"role":"customer","exp":)" + exp + "}")
                                 << kSecret << subReason;
    QTest::newRow("sub too long") << signPayload(R"({"sub":")" + QByteArray(201, 'a') +
                                                 R"(","role":"customer","exp":)" + exp + "}")
                                  << kSecret << subReason;
    const QString roleReason =
        QStringLiteral("token claim 'role' must be mitra, customer or staff");
    QTest::newRow("unknown role") << signPayload(R"({"sub":"a","role":"admin","exp":)" + exp + "}")
                                  << kSecret << roleReason;
    QTest::newRow("missing role") << signPayload(R"({"sub":"a","exp":)" + exp + "}") << kSecret
                                  << roleReason;
    QTest::newRow("missing exp") << signPayload(R"({"sub":"a","role":"mitra"})") << kSecret
                                 << QStringLiteral("token has no 'exp' claim");
    QTest::newRow("exp string") << signPayload(R"({"sub":"a","role":"mitra","exp":")" + exp + "\"}")
                                << kSecret << QStringLiteral("token claim 'exp' must be a number");
    QTest::newRow("expired now")
        << mintJwt(JwtClaims{QStringLiteral("a"), Role::Mitra, {}, kNow, {}, {}}, kSecret)
        << kSecret << QStringLiteral("token expired");
    QTest::newRow("expired long ago")
        << mintJwt(JwtClaims{QStringLiteral("a"), Role::Mitra, {}, 1000, {}, {}}, kSecret)
        << kSecret << QStringLiteral("token expired");
    QTest::newRow("not yet valid")
        << signPayload(R"({"sub":"a","role":"mitra","exp":)" + exp + R"(,"nbf":)" +
                       QByteArray::number(kNow + 60) + "}")
        << kSecret << QStringLiteral("token not yet valid");
    QTest::newRow("name not string")
        << signPayload(R"({"sub":"a","role":"mitra","name":5,"exp":)" + exp + "}") << kSecret
        << QStringLiteral("token claim 'name' must be a string");
    const QString staffReason =
        QStringLiteral("token claim 'staff_role' must be viewer or supervisor");
    QTest::newRow("unknown staff_role")
        << signPayload(R"({"sub":"a","role":"staff","staff_role":"admin","exp":)" + exp + "}")
        << kSecret << staffReason;
    QTest::newRow("numeric staff_role")
        << signPayload(R"({"sub":"a","role":"staff","staff_role":1,"exp":)" + exp + "}") << kSecret
        << staffReason;
}

void TestJwt::rejected()
{
    QFETCH(QByteArray, token);
    QFETCH(QByteArray, secret);
    QFETCH(QString, reason);
    const JwtVerifyResult result = verifyJwt(token, secret, kNow);
    QVERIFY(std::holds_alternative<QString>(result));
    QCOMPARE(reasonOf(result), reason);
}

void TestJwt::nameDefaultsToSub()
{
    const QByteArray exp = QByteArray::number(kNow + 60);
    for (const QByteArray &payload :
         {QByteArray(R"({"sub":"m-7","role":"mitra","exp":)" + exp + "}"),
          QByteArray(R"({"sub":"m-7","role":"mitra","name":"","exp":)" + exp + "}")}) {
        const JwtVerifyResult result = verifyJwt(signPayload(payload), kSecret, kNow);
        QVERIFY2(std::holds_alternative<JwtClaims>(result), qPrintable(reasonOf(result)));
        QCOMPARE(std::get<JwtClaims>(result).name, QStringLiteral("m-7"));
        QCOMPARE(identityFromClaims(std::get<JwtClaims>(result)).name, QStringLiteral("m-7"));
    }
}

void TestJwt::fractionalExpIsAccepted()
{
    const QByteArray token = signPayload(R"({"sub":"a","role":"customer","exp":)" +
                                         QByteArray::number(kNow + 1) + ".5}");
    const JwtVerifyResult result = verifyJwt(token, kSecret, kNow);
    QVERIFY2(std::holds_alternative<JwtClaims>(result), qPrintable(reasonOf(result)));
    QCOMPARE(std::get<JwtClaims>(result).exp, kNow + 1);
    QVERIFY(std::holds_alternative<QString>(verifyJwt(token, kSecret, kNow + 1)));
}

void TestJwt::staffRoleIdentity_data()
{
    QTest::addColumn<QByteArray>("claimsJson"); // without exp
    QTest::addColumn<Role>("role");
    QTest::addColumn<StaffRole>("staffRole");
    QTest::addColumn<bool>("supervisor");

    QTest::newRow("staff default viewer")
        << QByteArray(R"("sub":"u","role":"staff")") << Role::Staff << StaffRole::Viewer << false;
    QTest::newRow("staff viewer") << QByteArray(R"("sub":"u","role":"staff","staff_role":"viewer")")
                                  << Role::Staff << StaffRole::Viewer << false;
    QTest::newRow("staff supervisor")
        << QByteArray(R"("sub":"u","role":"staff","staff_role":"supervisor")") << Role::Staff
        << StaffRole::Supervisor << true;
    QTest::newRow("mitra claiming supervisor")
        << QByteArray(R"("sub":"u","role":"mitra","staff_role":"supervisor")") << Role::Mitra
        << StaffRole::Viewer << false;
}

void TestJwt::staffRoleIdentity()
{
    QFETCH(QByteArray, claimsJson);
    QFETCH(Role, role);
    QFETCH(StaffRole, staffRole);
    QFETCH(bool, supervisor);

    const QByteArray payload =
        '{' + claimsJson + R"(,"exp":)" + QByteArray::number(kNow + 60) + '}';
    const JwtVerifyResult result = verifyJwt(signPayload(payload), kSecret, kNow);
    QVERIFY2(std::holds_alternative<JwtClaims>(result), qPrintable(reasonOf(result)));
    const Identity identity = identityFromClaims(std::get<JwtClaims>(result));
    QCOMPARE(identity.id, QStringLiteral("u"));
    QCOMPARE(toString(identity.role), toString(role));
    QCOMPARE(toString(identity.staffRole), toString(staffRole));
    QCOMPARE(identity.isSupervisor(), supervisor);
    if (role != Role::Staff)
        QVERIFY(!std::get<JwtClaims>(result).staffRole.has_value());
}

QTEST_GUILESS_MAIN(TestJwt)
#include "tst_jwt.moc"

#include "auth/Jwt.h"

#include <QCryptographicHash>
#include <QMessageAuthenticationCode>
#include <QTest>

using namespace hb;

Q_DECLARE_METATYPE(hb::JwtClaims)
Q_DECLARE_METATYPE(hb::JwtRules)

namespace {

constexpr qint64 kNow = 1775000000;
constexpr qint64 kInteropNow = 1999999000;
const QByteArray kSecret = QByteArrayLiteral("s3cret-for-tests-0123456789abcdef");
const QByteArray kStaffSecret = QByteArrayLiteral("staff-s3cret-for-tests-0123456789");

JwtRules rules()
{
    JwtRules r;
    r.appSecret = kSecret;
    r.staffSecret = kStaffSecret;
    r.leewayS = 30;
    r.maxLifetimeS = 86400;
    return r;
}

JwtRules rulesWith(QByteArray appSecret, QByteArray staffSecret = kStaffSecret)
{
    JwtRules r = rules();
    r.appSecret = std::move(appSecret);
    r.staffSecret = std::move(staffSecret);
    return r;
}

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

QByteArray signPayload(const QByteArray &payload, const QByteArray &secret = kSecret)
{
    return signRaw(R"({"alg":"HS256","typ":"JWT"})", payload, secret);
}

// An apps' payload with the issuer and audience the default rules want, then `rest`.
QByteArray appPayload(const QByteArray &rest)
{
    return R"({"iss":"halobestie","aud":"halobestie-apps",)" + rest + '}';
}
QByteArray staffPayload(const QByteArray &rest)
{
    return R"({"iss":"halobestie","aud":"halobestie-staff",)" + rest + '}';
}

JwtClaims claimsOf(const QString &sub, Role role, const QString &name, qint64 exp,
                   std::optional<qint64> iat, std::optional<StaffRole> staffRole = std::nullopt)
{
    return JwtClaims{sub,
                     role,
                     name,
                     exp,
                     iat,
                     staffRole,
                     JwtRules::defaultIssuer(),
                     role == Role::Staff ? JwtRules::defaultStaffAudience()
                                         : JwtRules::defaultAppAudience()};
}

JwtClaims customerClaims()
{
    return claimsOf(QStringLiteral("cust-1"), Role::Customer, QStringLiteral("Rina"), kNow + 600,
                    kNow - 5);
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
    void accepted_data();
    void accepted();
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
        << claimsOf(QStringLiteral("m-42"), Role::Mitra, QString::fromUtf8("Sâri"), kNow + 1,
                    std::nullopt);
    QTest::newRow("staff supervisor") << claimsOf(QStringLiteral("u-1"), Role::Staff,
                                                  QStringLiteral("Ops"), kNow + 3600, kNow,
                                                  StaffRole::Supervisor);
    QTest::newRow("staff viewer") << claimsOf(QStringLiteral("u-2"), Role::Staff,
                                              QStringLiteral("Ops"), kNow + 3600, kNow,
                                              StaffRole::Viewer);
}

void TestJwt::roundTrip()
{
    QFETCH(JwtClaims, claims);
    const QByteArray token =
        mintJwt(claims, claims.role == Role::Staff ? kStaffSecret : kSecret);
    const JwtVerifyResult result = verifyJwt(token, rules(), kNow);
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
    const QByteArray token =
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."
        "eyJzdWIiOiJtaXRyYS00MiIsInJvbGUiOiJtaXRyYSIsIm5hbWUiOiJTYXJpIEF5dSIsImV4cCI6MjAwMDAwMDAwMC"
        "wiaWF0IjoxOTk5OTkwMDAwLCJpc3MiOiJoYWxvYmVzdGllIiwiYXVkIjoiaGFsb2Jlc3RpZS1hcHBzIn0."
        "hPGS3fOLQpA6IV0PbIyzJY20qZ0vljec8lrDa2AKbg8";
    // Python: jwt of {"sub":"mitra-42","role":"mitra","name":"Sari Ayu","exp":2000000000,
    // "iat":1999990000,"iss":"halobestie","aud":"halobestie-apps"}, key "interop-secret-0123456789abcdef!".
    JwtRules interop = rulesWith("interop-secret-0123456789abcdef!");
    const JwtVerifyResult result = verifyJwt(token, interop, kInteropNow);
    QVERIFY2(std::holds_alternative<JwtClaims>(result), qPrintable(reasonOf(result)));
    const JwtClaims &claims = std::get<JwtClaims>(result);
    QCOMPARE(claims.sub, QStringLiteral("mitra-42"));
    QCOMPARE(toString(claims.role), toString(Role::Mitra));
    QCOMPARE(claims.name, QStringLiteral("Sari Ayu"));
    QCOMPARE(claims.exp, qint64(2000000000));
    QCOMPARE(claims.iat, std::optional<qint64>(1999990000));
    QCOMPARE(claims.issuer, QStringLiteral("halobestie"));
    QCOMPARE(reasonOf(verifyJwt(token, rulesWith("other-secret-0123456789abcdef-xyz"), kInteropNow)),
             QStringLiteral("bad token signature"));
}

void TestJwt::rejected_data()
{
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<JwtRules>("rules");
    QTest::addColumn<QString>("reason");

    const JwtRules r = rules();
    const QByteArray good = mintJwt(customerClaims(), kSecret);
    const QList<QByteArray> parts = good.split('.');
    const QByteArray exp = QByteArray::number(kNow + 600);
    const QByteArray now = QByteArray::number(kNow);

    // Payload swapped for one that claims staff, signature kept.
    const QByteArray forgedPayload =
        b64(R"({"sub":"cust-1","role":"staff","name":"Rina","exp":)" + exp + "}");
    QTest::newRow("tampered payload") << parts[0] + '.' + forgedPayload + '.' + parts[2] << r
                                      << QStringLiteral("bad token signature");
    QTest::newRow("wrong secret") << good << rulesWith("another-secret-0123456789abcdefgh")
                                  << QStringLiteral("bad token signature");
    QTest::newRow("signature of another token")
        << parts[0] + '.' + parts[1] + '.' +
               mintJwt(claimsOf(QStringLiteral("x"), Role::Mitra, {}, kNow + 9, {}), kSecret)
                   .split('.')[2]
        << r << QStringLiteral("bad token signature");
    QTest::newRow("empty secrets") << mintJwt(customerClaims(), {}) << rulesWith({}, {})
                                   << QStringLiteral("no token secret configured");
    QTest::newRow("app secret under 32 bytes")
        << mintJwt(customerClaims(), "only-16-bytes-ab") << rulesWith("only-16-bytes-ab")
        << QStringLiteral("token secret shorter than 32 bytes");
    QTest::newRow("staff secret under 32 bytes")
        << good << rulesWith(kSecret, QByteArray(31, 'k'))
        << QStringLiteral("token secret shorter than 32 bytes");

    // The two keys: the apps' key cannot mint staff, the staff key cannot mint apps.
    const JwtClaims staff = claimsOf(QStringLiteral("staff_1"), Role::Staff, QStringLiteral("Ops"),
                                     kNow + 600, kNow, StaffRole::Supervisor);
    QTest::newRow("staff token signed with the apps' key")
        << mintJwt(staff, kSecret) << r
        << QStringLiteral("staff tokens must be signed with the staff key");
    QTest::newRow("staff token, no staff key configured")
        << mintJwt(staff, kStaffSecret) << rulesWith(kSecret, {})
        << QStringLiteral("bad token signature");
    QTest::newRow("app token signed with the staff key")
        << mintJwt(customerClaims(), kStaffSecret) << r
        << QStringLiteral("the staff key signs staff tokens only");

    // Issuer and audience.
    const QString issReason = QStringLiteral("token claim 'iss' must be 'halobestie'");
    QTest::newRow("missing iss")
        << signPayload(R"({"aud":"halobestie-apps","sub":"a","role":"mitra","exp":)" + exp + "}")
        << r << issReason;
    QTest::newRow("wrong iss")
        << signPayload(R"({"iss":"evil","aud":"halobestie-apps","sub":"a","role":"mitra","exp":)" +
                       exp + "}")
        << r << issReason;
    QTest::newRow("numeric iss")
        << signPayload(R"({"iss":1,"aud":"halobestie-apps","sub":"a","role":"mitra","exp":)" + exp +
                       "}")
        << r << issReason;
    JwtRules otherIssuer = r;
    otherIssuer.issuer = QStringLiteral("halobestie-test");
    QTest::newRow("issuer set by the operator") << good << otherIssuer
                                                << QStringLiteral("token claim 'iss' must be 'halobestie-test'");
    const QString audReason = QStringLiteral("token claim 'aud' must name 'halobestie-apps'");
    QTest::newRow("missing aud")
        << signPayload(R"({"iss":"halobestie","sub":"a","role":"mitra","exp":)" + exp + "}") << r
        << audReason;
    QTest::newRow("wrong aud")
        << signPayload(R"({"iss":"halobestie","aud":"other","sub":"a","role":"mitra","exp":)" + exp +
                       "}")
        << r << audReason;
    QTest::newRow("aud array without ours")
        << signPayload(R"({"iss":"halobestie","aud":["a","b"],"sub":"a","role":"mitra","exp":)" +
                       exp + "}")
        << r << audReason;
    QTest::newRow("app token with the staff audience")
        << signPayload(R"({"iss":"halobestie","aud":"halobestie-staff","sub":"a","role":"mitra","exp":)" +
                       exp + "}")
        << r << audReason;
    QTest::newRow("staff token with the apps' audience")
        << signPayload(R"({"iss":"halobestie","aud":"halobestie-apps","sub":"s","role":"staff","exp":)" +
                           exp + "}",
                       kStaffSecret)
        << r << QStringLiteral("token claim 'aud' must name 'halobestie-staff'");

    // Times: leeway 30 s, lifetime at most a day.
    QTest::newRow("expired beyond leeway")
        << signPayload(appPayload(R"("sub":"a","role":"mitra","exp":)" + QByteArray::number(kNow - 30)))
        << r << QStringLiteral("token expired");
    QTest::newRow("expired long ago")
        << mintJwt(claimsOf(QStringLiteral("a"), Role::Mitra, {}, 1000, {}), kSecret) << r
        << QStringLiteral("token expired");
    QTest::newRow("expired, no leeway")
        << mintJwt(claimsOf(QStringLiteral("a"), Role::Mitra, {}, kNow, {}), kSecret)
        << [&] { JwtRules strict = r; strict.leewayS = 0; return strict; }()
        << QStringLiteral("token expired");
    QTest::newRow("nbf beyond leeway")
        << signPayload(appPayload(R"("sub":"a","role":"mitra","exp":)" + exp + R"(,"nbf":)" +
                                  QByteArray::number(kNow + 31)))
        << r << QStringLiteral("token not yet valid");
    QTest::newRow("iat beyond leeway")
        << signPayload(appPayload(R"("sub":"a","role":"mitra","exp":)" + exp + R"(,"iat":)" +
                                  QByteArray::number(kNow + 31)))
        << r << QStringLiteral("token issued in the future");
    QTest::newRow("iat string")
        << signPayload(appPayload(R"("sub":"a","role":"mitra","exp":)" + exp + R"(,"iat":"1")"))
        << r << QStringLiteral("token claim 'iat' must be a number");
    QTest::newRow("lifetime over the maximum")
        << signPayload(appPayload(R"("sub":"a","role":"mitra","iat":)" + now + R"(,"exp":)" +
                                  QByteArray::number(kNow + 86401)))
        << r << QStringLiteral("token lifetime longer than 86400 s");
    QTest::newRow("lifetime over the maximum, no iat")
        << signPayload(appPayload(R"("sub":"a","role":"mitra","exp":)" +
                                  QByteArray::number(kNow + 86401)))
        << r << QStringLiteral("token lifetime longer than 86400 s");
    QTest::newRow("lifetime from a back-dated iat")
        << signPayload(appPayload(R"("sub":"a","role":"mitra","iat":)" +
                                  QByteArray::number(kNow - 86400) + R"(,"exp":)" +
                                  QByteArray::number(kNow + 60)))
        << r << QStringLiteral("token lifetime longer than 86400 s");

    const QByteArray payload = appPayload(R"("sub":"cust-1","role":"customer","exp":)" + exp);
    QTest::newRow("alg none") << b64(R"({"alg":"none","typ":"JWT"})") + '.' + b64(payload) + '.'
                              << r << QStringLiteral("unsupported token algorithm");
    QTest::newRow("alg none signed anyway") << signRaw(R"({"alg":"none"})", payload) << r
                                            << QStringLiteral("unsupported token algorithm");
    QTest::newRow("alg HS512") << signRaw(R"({"alg":"HS512"})", payload) << r
                               << QStringLiteral("unsupported token algorithm");
    QTest::newRow("alg lowercase") << signRaw(R"({"alg":"hs256"})", payload) << r
                                   << QStringLiteral("unsupported token algorithm");
    QTest::newRow("no alg") << signRaw(R"({"typ":"JWT"})", payload) << r
                            << QStringLiteral("unsupported token algorithm");

    QTest::newRow("two parts") << parts[0] + '.' + parts[1] << r
                               << QStringLiteral("token must have exactly three parts");
    QTest::newRow("four parts") << good + ".x" << r
                                << QStringLiteral("token must have exactly three parts");
    QTest::newRow("empty") << QByteArray() << r
                           << QStringLiteral("token must have exactly three parts");
    QTest::newRow("too long") << good + QByteArray(9000, 'a') << r
                              << QStringLiteral("token too long");
    QTest::newRow("header not base64url") << "e!J." + parts[1] + '.' + parts[2] << r
                                          << QStringLiteral("malformed token header");
    QTest::newRow("header not json") << b64("not json") + '.' + parts[1] + '.' + parts[2] << r
                                     << QStringLiteral("malformed token header");
    QTest::newRow("padded signature")
        << good + "=" << r << QStringLiteral("malformed token signature");
    QTest::newRow("standard base64 signature")
        << parts[0] + '.' + parts[1] + '.' + parts[2].left(parts[2].size() - 1) + '+' << r
        << QStringLiteral("malformed token signature");
    QTest::newRow("truncated signature")
        << parts[0] + '.' + parts[1] + '.' + parts[2].left(parts[2].size() - 1) << r
        << QStringLiteral("bad token signature");
    QTest::newRow("empty signature") << parts[0] + '.' + parts[1] + '.' << r
                                     << QStringLiteral("malformed token signature");
    QTest::newRow("payload array")
        << signPayload("[1,2]") << r << QStringLiteral("malformed token payload");

    const QString subReason =
        QStringLiteral("token claim 'sub' must be a non-empty string of at most 200 characters");
    QTest::newRow("missing sub") << signPayload(appPayload(R"("role":"customer","exp":)" + exp))
                                 << r << subReason;
    QTest::newRow("empty sub")
        << signPayload(appPayload(R"("sub":"","role":"customer","exp":)" + exp)) << r << subReason;
    QTest::newRow("numeric sub")
        << signPayload(appPayload(R"("sub":12,"role":"customer","exp":)" + exp)) << r << subReason;
    QTest::newRow("sub too long") << signPayload(appPayload(R"("sub":")" + QByteArray(201, 'a') +
                                                            R"(","role":"customer","exp":)" + exp))
                                  << r << subReason;
    const QString roleReason =
        QStringLiteral("token claim 'role' must be mitra, customer or staff");
    QTest::newRow("unknown role")
        << signPayload(appPayload(R"("sub":"a","role":"admin","exp":)" + exp)) << r << roleReason;
    QTest::newRow("missing role") << signPayload(appPayload(R"("sub":"a","exp":)" + exp)) << r
                                  << roleReason;
    QTest::newRow("missing exp") << signPayload(appPayload(R"("sub":"a","role":"mitra")")) << r
                                 << QStringLiteral("token has no 'exp' claim");
    QTest::newRow("exp string")
        << signPayload(appPayload(R"("sub":"a","role":"mitra","exp":")" + exp + "\"")) << r
        << QStringLiteral("token claim 'exp' must be a number");
    QTest::newRow("name not string")
        << signPayload(appPayload(R"("sub":"a","role":"mitra","name":5,"exp":)" + exp)) << r
        << QStringLiteral("token claim 'name' must be a string");
    const QString staffReason =
        QStringLiteral("token claim 'staff_role' must be viewer or supervisor");
    QTest::newRow("unknown staff_role")
        << signPayload(staffPayload(R"("sub":"a","role":"staff","staff_role":"admin","exp":)" + exp),
                       kStaffSecret)
        << r << staffReason;
    QTest::newRow("numeric staff_role")
        << signPayload(staffPayload(R"("sub":"a","role":"staff","staff_role":1,"exp":)" + exp),
                       kStaffSecret)
        << r << staffReason;
}

void TestJwt::rejected()
{
    QFETCH(QByteArray, token);
    QFETCH(JwtRules, rules);
    QFETCH(QString, reason);
    const JwtVerifyResult result = verifyJwt(token, rules, kNow);
    QVERIFY(std::holds_alternative<QString>(result));
    QCOMPARE(reasonOf(result), reason);
}

void TestJwt::accepted_data()
{
    QTest::addColumn<QByteArray>("token");
    const QByteArray exp = QByteArray::number(kNow + 600);
    QTest::newRow("exp within leeway")
        << signPayload(appPayload(R"("sub":"a","role":"mitra","exp":)" + QByteArray::number(kNow - 29)));
    QTest::newRow("nbf within leeway")
        << signPayload(appPayload(R"("sub":"a","role":"mitra","exp":)" + exp + R"(,"nbf":)" +
                                  QByteArray::number(kNow + 30)));
    QTest::newRow("iat within leeway")
        << signPayload(appPayload(R"("sub":"a","role":"mitra","exp":)" + exp + R"(,"iat":)" +
                                  QByteArray::number(kNow + 30)));
    QTest::newRow("lifetime exactly the maximum")
        << signPayload(appPayload(R"("sub":"a","role":"mitra","iat":)" + QByteArray::number(kNow) +
                                  R"(,"exp":)" + QByteArray::number(kNow + 86400)));
    QTest::newRow("aud array holding ours")
        << signPayload(R"({"iss":"halobestie","aud":["x","halobestie-apps"],"sub":"a","role":"mitra","exp":)" +
                       exp + "}");
    QTest::newRow("staff token with the staff key")
        << signPayload(staffPayload(R"("sub":"staff_1","role":"staff","exp":)" + exp), kStaffSecret);
}

void TestJwt::accepted()
{
    QFETCH(QByteArray, token);
    const JwtVerifyResult result = verifyJwt(token, rules(), kNow);
    QVERIFY2(std::holds_alternative<JwtClaims>(result), qPrintable(reasonOf(result)));
}

void TestJwt::nameDefaultsToSub()
{
    const QByteArray exp = QByteArray::number(kNow + 60);
    for (const QByteArray &payload :
         {appPayload(R"("sub":"m-7","role":"mitra","exp":)" + exp),
          appPayload(R"("sub":"m-7","role":"mitra","name":"","exp":)" + exp)}) {
        const JwtVerifyResult result = verifyJwt(signPayload(payload), rules(), kNow);
        QVERIFY2(std::holds_alternative<JwtClaims>(result), qPrintable(reasonOf(result)));
        QCOMPARE(std::get<JwtClaims>(result).name, QStringLiteral("m-7"));
        QCOMPARE(identityFromClaims(std::get<JwtClaims>(result)).name, QStringLiteral("m-7"));
    }
}

void TestJwt::fractionalExpIsAccepted()
{
    const QByteArray token = signPayload(
        appPayload(R"("sub":"a","role":"customer","exp":)" + QByteArray::number(kNow + 1) + ".5"));
    JwtRules strict = rules();
    strict.leewayS = 0;
    const JwtVerifyResult result = verifyJwt(token, strict, kNow);
    QVERIFY2(std::holds_alternative<JwtClaims>(result), qPrintable(reasonOf(result)));
    QCOMPARE(std::get<JwtClaims>(result).exp, kNow + 1);
    QVERIFY(std::holds_alternative<QString>(verifyJwt(token, strict, kNow + 1)));
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

    const QByteArray rest = claimsJson + R"(,"exp":)" + QByteArray::number(kNow + 60);
    const QByteArray token = role == Role::Staff ? signPayload(staffPayload(rest), kStaffSecret)
                                                 : signPayload(appPayload(rest));
    const JwtVerifyResult result = verifyJwt(token, rules(), kNow);
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

#include "SettingsCommand.h"

#include "SubcommandOutput.h"

#include "AwaitFuture.h"
#include "Config.h"
#include "SubcommandArguments.h"
#include "pairing/Strategy.h"
#include "store/postgres/PairingRecords.h"
#include "store/postgres/PostgresStore.h"
#include "store/valkey/ValkeyClient.h"

#include <QEventLoop>
#include <QFutureWatcher>
#include <QJsonObject>
#include <QJsonValue>
#include <QTimer>

#include <cstdio>

namespace hb {

namespace {

const char *kSettingsUsage =
    "Usage: halobestie-backend settings show\n"
    "       halobestie-backend settings set pairing_strategy broadcast|round_robin|weighted_round_robin\n"
    "       halobestie-backend settings set round_robin_batch N      (offers open at once, round robin)\n"
    "       halobestie-backend settings set broadcast_max N          (0 = offer to every candidate)\n"
    "       halobestie-backend settings set-weight MITRA_ID N        (weighted round robin)\n"
    "Stores and server: HALOBESTIE_VALKEY_URL, HALOBESTIE_DATABASE_URL (or --valkey-url, "
    "--database-url). Takes effect for the next request on every instance. Every change is\n"
    "written to the audit log (action settings_set).\n";


bool valkeyCommand(ValkeyClient &valkey, const QList<QByteArray> &args, ValkeyReply *reply,
                   QString *error)
{
    QEventLoop loop;
    bool ok = false;
    valkey.command(args, &loop, [&](const ValkeyResult &result) {
        ok = !result.isError();
        if (ok && reply)
            *reply = result.reply();
        if (!ok)
            *error = result.errorText();
        loop.quit();
    });
    loop.exec();
    return ok;
}


// A setting's live value as the JSON type of `like` (null when it was not set).
QJsonValue liveValue(const ValkeyReply &reply, const QJsonValue &like)
{
    if (reply.isNil())
        return QJsonValue(QJsonValue::Null);
    if (like.isString())
        return QString::fromUtf8(reply.toByteArray());
    return int(reply.toInteger());
}

} // namespace

int runSettingsCommand(const QStringList &arguments, const QProcessEnvironment &environment)
{
    const PreparedSubcommand prepared =
        prepareSubcommand("settings", kSettingsUsage, arguments, environment);
    if (prepared.exitCode)
        return *prepared.exitCode;
    const QStringList &rest = prepared.words;
    if (rest.isEmpty())
        return subcommandFailed("settings", QStringLiteral("missing action\n") + QLatin1String(kSettingsUsage));

    // Validate before touching anything.
    const QString action = rest.first();
    QString pgKey;
    QByteArray valkeyField;
    QJsonValue value;
    if (action == QLatin1String("set") && rest.size() == 3) {
        const QString key = rest.at(1);
        const QString text = rest.at(2);
        bool isNumber = false;
        const int number = text.toInt(&isNumber);
        if (key == QLatin1String("pairing_strategy")) {
            if (!pairing::strategyFromString(text))
                return subcommandFailed("settings", QStringLiteral("pairing_strategy must be broadcast, round_robin or "
                                           "weighted_round_robin"));
            valkeyField = "strategy";
            value = text;
        } else if (key == QLatin1String("round_robin_batch")) {
            if (!isNumber || number < 1 || number > 100)
                return subcommandFailed("settings", QStringLiteral("round_robin_batch must be 1..100"));
            valkeyField = "rr_batch";
            value = number;
        } else if (key == QLatin1String("broadcast_max")) {
            if (!isNumber || number < 0 || number > 100000)
                return subcommandFailed("settings", QStringLiteral("broadcast_max must be 0..100000 (0 = everyone)"));
            valkeyField = "broadcast_max";
            value = number;
        } else {
            return subcommandFailed("settings", QStringLiteral("unknown setting '%1'\n").arg(key) + QLatin1String(kSettingsUsage));
        }
        pgKey = key;
    } else if (action == QLatin1String("set-weight") && rest.size() == 3) {
        bool ok = false;
        const int weight = rest.at(2).toInt(&ok);
        if (!ok || weight < 1 || weight > 1000)
            return subcommandFailed("settings", QStringLiteral("a weight is 1..1000"));
    } else if (action != QLatin1String("show") || rest.size() != 1) {
        return subcommandFailed("settings", QStringLiteral("bad arguments\n") + QLatin1String(kSettingsUsage));
    }

    const Config &config = *prepared.config;
    QString error;
    const auto valkeyConfig = parseValkeyUrl(config.valkeyUrl, &error);
    if (!valkeyConfig)
        return subcommandFailed("settings", error);
    PostgresStore store(PostgresConfig{config.databaseUrl, QStringLiteral("settings-cli"),
                                       config.startupTimeoutS});
    if (!awaitFuture(store.open(), &error))
        return subcommandFailed("settings", error);
    ValkeyClient valkey(*valkeyConfig);
    {
        QEventLoop loop;
        QObject::connect(&valkey, &ValkeyClient::connected, &loop, &QEventLoop::quit);
        QObject::connect(&valkey, &ValkeyClient::connectionFailed, &loop,
                         [&](const QString &why) {
                             error = why;
                             loop.quit();
                         });
        valkey.start();
        loop.exec();
        if (!valkey.isConnected())
            return subcommandFailed("settings", error);
    }

    if (action == QLatin1String("set")) {
        // What requests used until now, for the audit log.
        ValkeyReply previous;
        if (!valkeyCommand(valkey, {"HGET", "hb:settings", valkeyField}, &previous, &error))
            return subcommandFailed("settings", error);
        if (!awaitFuture(store.saveSetting(pgKey, value), &error) ||
            !valkeyCommand(valkey,
                           {"HSET", "hb:settings", valkeyField,
                            value.isString() ? value.toString().toUtf8()
                                             : QByteArray::number(value.toInt())},
                           nullptr, &error))
            return subcommandFailed("settings", error);
        AuditEntry audit = cliAudit(environment, auditAction::kSettingsSet, pgKey);
        audit.before = QJsonObject{{QStringLiteral("value"), liveValue(previous, value)}};
        audit.after = QJsonObject{{QStringLiteral("value"), value}};
        if (!awaitFuture(store.recordAudit(audit), &error))
            return subcommandFailed("settings", QStringLiteral("the setting changed, but its audit entry failed: ") + error);
        std::printf("%s = %s\n", qPrintable(pgKey), qPrintable(rest.at(2)));
        return 0;
    }
    if (action == QLatin1String("set-weight")) {
        const QString mitra = rest.at(1);
        const int weight = rest.at(2).toInt();
        ValkeyReply previous;
        if (!valkeyCommand(valkey, {"HGET", "hb:mitra:" + mitra.toUtf8(), "weight"}, &previous,
                           &error))
            return subcommandFailed("settings", error);
        if (!awaitFuture(store.saveMitraWeight(mitra, weight), &error) ||
            !valkeyCommand(valkey, {"HSET", "hb:mitra:" + mitra.toUtf8(), "weight", QByteArray::number(weight)},
                           nullptr, &error))
            return subcommandFailed("settings", error);
        AuditEntry audit = cliAudit(environment, auditAction::kSettingsSet, mitra);
        // Without a weight of its own a mitra counts as 1 (lib/rotation.lua).
        audit.before = QJsonObject{
            {QStringLiteral("weight"), previous.isNil() ? 1 : int(previous.toInteger())}};
        audit.after = QJsonObject{{QStringLiteral("weight"), weight}};
        if (!awaitFuture(store.recordAudit(audit), &error))
            return subcommandFailed("settings", QStringLiteral("the weight changed, but its audit entry failed: ") + error);
        std::printf("weight of %s = %d\n", qPrintable(mitra), weight);
        return 0;
    }
    // show: what requests use now (Valkey), and what PostgreSQL stores.
    ValkeyReply live;
    if (!valkeyCommand(valkey, {"HGETALL", "hb:settings"}, &live, &error))
        return subcommandFailed("settings", error);
    const auto &e = live.elements();
    QString strategy = config.pairingStrategy + QStringLiteral(" (configured default)");
    QString batch = QStringLiteral("1 (default)");
    QString blast = QStringLiteral("0 (default: everyone)");
    QString cap = QString::number(config.defaultMaxCustomers) + QStringLiteral(" (configured default)");
    for (qsizetype i = 0; i + 1 < e.size(); i += 2) {
        const QByteArray k = e.at(i).toByteArray();
        const QString v = QString::fromUtf8(e.at(i + 1).toByteArray());
        if (k == "strategy")
            strategy = v;
        else if (k == "rr_batch")
            batch = v;
        else if (k == "broadcast_max")
            blast = v;
        else if (k == "global_cap")
            cap = v;
    }
    std::printf("pairing_strategy      %s\nround_robin_batch     %s\nbroadcast_max         %s\n"
                "global_max_customers  %s\n",
                qPrintable(strategy), qPrintable(batch), qPrintable(blast), qPrintable(cap));
    return 0;
}

} // namespace hb

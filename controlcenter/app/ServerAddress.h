#pragma once

#include <QCoreApplication>
#include <QString>
#include <QUrl>

namespace hb::ui {

// What staff type as "server" (e.g. `halo.example:8080`, `wss://halo.example`,
// `https://halo.example`) turned into the WebSocket endpoint, or a sentence saying what is
// wrong with it. Shared by the sign-in dialog and the command line so both accept the same.
struct ServerAddress
{
    Q_DECLARE_TR_FUNCTIONS(hb::ui::ServerAddress)

public:
    QUrl url;      // valid when error is empty: ws:// or wss://, with a host and a path
    QString error; // translated, for people

    bool isValid() const { return error.isEmpty(); }

    static ServerAddress parse(const QString &text);
};

} // namespace hb::ui

#pragma once

#include <QByteArray>
#include <QException>
#include <QString>

namespace hb {

// What a failed PostgresStore future carries: one line, safe to log (no password).
class PostgresError : public QException
{
public:
    explicit PostgresError(QString message);

    const QString &message() const { return m_message; }
    const char *what() const noexcept override { return m_utf8.constData(); }

    void raise() const override { throw *this; }
    PostgresError *clone() const override { return new PostgresError(*this); }

private:
    QString m_message;
    QByteArray m_utf8; // what() must return storage that outlives the call
};

} // namespace hb

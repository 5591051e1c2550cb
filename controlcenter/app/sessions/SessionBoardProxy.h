#pragma once

#include <QCollator>
#include <QSortFilterProxyModel>
#include <QStringList>
#include <QTimer>

namespace hb::ui {

// Filters the session board (SessionBoardModel: mitras with their sessions) and adds what the
// screen needs: status and state icons, bold mitra rows, greyed italics while a reroute waits
// for the server, red for over capacity, and a short highlight on a session whose
// reroute was refused (it "snaps back" into view where it always stayed).
// Drag and drop pass straight through to the board model.
class SessionBoardProxy : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    enum class Scope { AllMitras, WithSessions, Online };
    Q_ENUM(Scope)

    explicit SessionBoardProxy(QObject *parent = nullptr);

    // Words match mitra names, customer names and ids; a matching mitra shows all its sessions,
    // a matching session shows its mitra.
    void setText(const QString &text);
    void setScope(Scope scope);
    Scope scope() const { return m_scope; }

    // Highlights this session's row for a moment.
    void flash(const QString &sessionId);
    QString flashedSession() const { return m_flash; }

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    // Mitra names sort as people read them ("Sari 2" before "Sari 10"); under the name column
    // each mitra's sessions stay oldest first, which is what staff scan for.
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    void emitRowChanged(const QString &sessionId);

    QStringList m_words;
    Scope m_scope = Scope::AllMitras;
    QString m_flash;
    QTimer m_flashTimer;
    QCollator m_collator;
};

} // namespace hb::ui

#include "app/sessions/SessionsView.h"

#include "app/AppSettings.h"
#include "app/Failures.h"
#include "app/Format.h"
#include "app/Icons.h"
#include "app/MessageBar.h"
#include "app/sessions/RerouteDialog.h"
#include "app/sessions/SessionBoardProxy.h"
#include "core/ControlClient.h"
#include "core/LiveModels.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPointer>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace hb::ui {

using Board = hb::cc::SessionBoardModel;

SessionsView::SessionsView(const ViewContext &context, QWidget *parent)
    : ViewPage(context, parent), m_filter(new QLineEdit(this)), m_scope(new QComboBox(this)),
      m_summary(new QLabel(this)), m_hint(new QLabel(this)), m_expand(new QToolButton(this)),
      m_collapse(new QToolButton(this)), m_tree(new QTreeView(this)),
      m_proxy(new SessionBoardProxy(this))
{
    setObjectName(QStringLiteral("sessionsView"));
    Board *board = m_context.models->sessionBoard();
    m_proxy->setSourceModel(board);

    m_filter->setObjectName(QStringLiteral("sessionFilter"));
    m_filter->setClearButtonEnabled(true);
    m_filter->addAction(icons::get(QStringLiteral("action-filter")), QLineEdit::LeadingPosition);
    m_filter->setMinimumWidth(220);
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &SessionBoardProxy::setText);
    m_scope->setObjectName(QStringLiteral("sessionScope"));
    for (int i = 0; i < 3; ++i)
        m_scope->addItem(QString());
    connect(m_scope, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_proxy->setScope(SessionBoardProxy::Scope(index));
    });
    m_summary->setObjectName(QStringLiteral("sessionSummary"));
    m_summary->setForegroundRole(QPalette::PlaceholderText);
    m_hint->setForegroundRole(QPalette::PlaceholderText);
    m_hint->setWordWrap(true);
    m_expand->setAutoRaise(true);
    m_collapse->setAutoRaise(true);

    auto *top = new QHBoxLayout;
    top->addWidget(m_filter, 2);
    top->addWidget(m_scope);
    top->addWidget(m_summary);
    top->addStretch(1);
    top->addWidget(m_expand);
    top->addWidget(m_collapse);

    m_tree->setObjectName(QStringLiteral("sessionTree"));
    m_tree->setModel(m_proxy);
    m_tree->setUniformRowHeights(true); // thousands of rows: one height, no per-row measuring
    m_tree->setAlternatingRowColors(true);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tree->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);
    m_tree->setSortingEnabled(true);
    m_tree->header()->setSortIndicatorClearable(true);
    m_tree->sortByColumn(Board::NameColumn, Qt::AscendingOrder);
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(Board::NameColumn, QHeaderView::Stretch);
    m_tree->header()->resizeSection(Board::StateColumn, 170);
    m_tree->header()->resizeSection(Board::AgeColumn, 110);
    m_tree->header()->resizeSection(Board::LoadColumn, 110);
    // Drag a session onto a mitra. The board refuses drops that cannot work (same mitra,
    // viewer role); MoveAction because the session leaves its mitra, though the row itself only
    // moves when the server confirms.
    m_tree->setDragDropMode(QAbstractItemView::DragDrop);
    m_tree->setDefaultDropAction(Qt::MoveAction);
    m_tree->setDropIndicatorShown(true);
    m_tree->setDragDropOverwriteMode(true); // drop *on* a row; between rows means nothing here
    connect(m_tree, &QWidget::customContextMenuRequested, this, &SessionsView::showContextMenu);
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &SessionsView::expandNew);
    connect(m_proxy, &QAbstractItemModel::modelReset, m_tree, &QTreeView::expandAll);
    connect(m_expand, &QToolButton::clicked, m_tree, &QTreeView::expandAll);
    connect(m_collapse, &QToolButton::clicked, m_tree, &QTreeView::collapseAll);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(createMessageBar());
    layout->addWidget(m_tree, 1);
    layout->addWidget(m_hint);

    m_reroute = new QAction(icons::get(QStringLiteral("action-reroute")), QString(), this);
    m_reroute->setObjectName(QStringLiteral("rerouteAction"));
    m_reroute->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    connect(m_reroute, &QAction::triggered, this, &SessionsView::rerouteCurrent);
    m_forceOffline =
        new QAction(icons::get(QStringLiteral("action-force-offline")), QString(), this);
    connect(m_forceOffline, &QAction::triggered, this, [this] {
        if (const QString id = currentMitraId(); !id.isEmpty())
            emit forceOfflineRequested(id);
    });
    m_history = new QAction(icons::get(QStringLiteral("view-history")), QString(), this);
    connect(m_history, &QAction::triggered, this, [this] {
        if (const QString id = currentMitraId(); !id.isEmpty())
            emit historyRequested(id);
    });
    m_copyId = new QAction(QString(), this);
    m_copyId->setShortcut(QKeySequence::Copy);
    m_copyId->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_copyId, &QAction::triggered, this, [this] {
        const QString id = currentSessionId();
        QApplication::clipboard()->setText(id.isEmpty() ? currentMitraId() : id);
    });
    addAction(m_copyId);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &SessionsView::updateActions);

    connect(board, &Board::rerouteRequested, this,
            [this](const QString &sessionId, const QString &, const QString &toMitraId) {
                m_awaitingReroute.insert(sessionId);
                messageBar()->showMessage(MessageBar::Kind::Info,
                                          tr("Moving the session of %1 to %2…")
                                              .arg(customerName(sessionId), mitraName(toMitraId)));
            });
    connect(board, &Board::rerouteFailed, this,
            [this](const QString &sessionId, const QString &toMitraId,
                   const hb::cc::RequestFailure &failure) {
                m_awaitingReroute.remove(sessionId);
                messageBar()->showMessage(
                    MessageBar::Kind::Error,
                    tr("The session of %1 stays with %2. Could not move it to %3: %4")
                        .arg(customerName(sessionId),
                             mitraName(m_context.models->sessionBoard()
                                           ->sessionIndex(sessionId)
                                           .data(Board::MitraIdRole)
                                           .toString()),
                             mitraName(toMitraId), Failures::describe(failure)));
                // Show it where it stayed.
                const QModelIndex row =
                    m_proxy->mapFromSource(m_context.models->sessionBoard()->sessionIndex(sessionId));
                if (row.isValid()) {
                    m_tree->scrollTo(row);
                    m_tree->setCurrentIndex(row);
                }
                m_proxy->flash(sessionId);
            });
    connect(m_context.client, &hb::cc::ControlClient::sessionRerouted, this,
            [this](const hb::Session &session) {
                if (!m_awaitingReroute.remove(session.id))
                    return;
                messageBar()->showMessage(
                    MessageBar::Kind::Positive,
                    tr("The session of %1 is now with %2.").arg(session.customer.name, session.mitra.name));
            });
    // The board counts its sessions once an update is complete, after the row signals: count
    // when the event loop comes back, once per burst.
    m_summaryTimer.setSingleShot(true);
    m_summaryTimer.setInterval(0);
    connect(&m_summaryTimer, &QTimer::timeout, this, &SessionsView::updateSummary);
    for (const auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(board, signal, &m_summaryTimer, qOverload<>(&QTimer::start));
    connect(board, &QAbstractItemModel::rowsMoved, &m_summaryTimer, qOverload<>(&QTimer::start));
    connect(board, &QAbstractItemModel::modelReset, &m_summaryTimer, qOverload<>(&QTimer::start));

    retranslate();
    updateActions();
    updateSummary();
}

QString SessionsView::title() const
{
    return tr("Sessions");
}

QIcon SessionsView::icon() const
{
    return icons::get(QStringLiteral("view-sessions"));
}

void SessionsView::refresh()
{
    m_context.client->refreshLists();
}

bool SessionsView::focusFilter()
{
    m_filter->setFocus();
    m_filter->selectAll();
    return true;
}

void SessionsView::setSupervisor(bool supervisor)
{
    ViewPage::setSupervisor(supervisor);
    updateActions();
}

void SessionsView::setConnected(bool connected)
{
    ViewPage::setConnected(connected);
    updateActions();
}

void SessionsView::saveLayout()
{
    m_context.settings->saveHeader(QStringLiteral("sessions"), m_tree->header());
}

void SessionsView::restoreLayout()
{
    m_context.settings->restoreHeader(QStringLiteral("sessions"), m_tree->header());
}

QList<QAction *> SessionsView::actions() const
{
    return {m_reroute};
}

QString SessionsView::currentSessionId() const
{
    return m_tree->currentIndex().data(Board::SessionIdRole).toString();
}

QString SessionsView::currentMitraId() const
{
    return m_tree->currentIndex().data(Board::MitraIdRole).toString();
}

QString SessionsView::mitraName(const QString &mitraId) const
{
    const QString name =
        m_context.models->sessionBoard()->mitraIndex(mitraId).data(Qt::DisplayRole).toString();
    return name.isEmpty() ? mitraId : name;
}

QString SessionsView::customerName(const QString &sessionId) const
{
    const QString name =
        m_context.models->sessionBoard()->sessionIndex(sessionId).data(Qt::DisplayRole).toString();
    return name.isEmpty() ? sessionId : name;
}

void SessionsView::rerouteCurrent()
{
    const QString sessionId = currentSessionId();
    if (sessionId.isEmpty() || !m_reroute->isEnabled())
        return;
    const QString fromId = currentMitraId();
    RerouteDialog dialog(m_context.models->mitras(), customerName(sessionId), fromId,
                         mitraName(fromId), this);
    emit rerouteDialogShown(&dialog);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const QString target = dialog.selectedMitraId();
    if (!target.isEmpty())
        m_context.models->sessionBoard()->requestReroute(sessionId, target);
}

void SessionsView::updateActions()
{
    const bool session = !currentSessionId().isEmpty();
    const bool mitra = !currentMitraId().isEmpty();
    const bool may = isSupervisor() && isConnected();
    const QString why = !isSupervisor() ? viewerReason() : offlineReason();
    m_reroute->setEnabled(may && session);
    m_reroute->setToolTip(may ? tr("Move the selected session to another mitra") : why);
    m_forceOffline->setEnabled(may && mitra);
    m_forceOffline->setToolTip(may ? tr("Take this mitra offline") : why);
    m_history->setEnabled(mitra);
    m_copyId->setEnabled(mitra);
    m_hint->setText(isSupervisor() ? tr("Drag a session onto another mitra to move it.")
                                   : tr("Viewers see sessions; supervisors can move them."));
}

void SessionsView::updateSummary()
{
    Board *board = m_context.models->sessionBoard();
    m_summary->setText(tr("%1 with %2")
                           .arg(Format::sessions(board->sessionCount()),
                                Format::mitras(board->rowCount())));
}

void SessionsView::expandNew(const QModelIndex &parent, int first, int last)
{
    // New mitras open up so their sessions show; rows under an existing mitra need nothing.
    if (!parent.isValid()) {
        for (int row = first; row <= last; ++row)
            m_tree->expand(m_proxy->index(row, 0));
    }
}

void SessionsView::showContextMenu(const QPoint &pos)
{
    const QModelIndex index = m_tree->indexAt(pos);
    if (!index.isValid())
        return;
    m_tree->setCurrentIndex(index);
    QMenu menu(this);
    menu.setToolTipsVisible(true);
    if (!currentSessionId().isEmpty()) {
        menu.addAction(m_reroute);
        menu.addSeparator();
    }
    menu.addAction(m_history);
    menu.addAction(m_forceOffline);
    menu.addSeparator();
    menu.addAction(m_copyId);
    menu.exec(m_tree->viewport()->mapToGlobal(pos));
}

void SessionsView::retranslate()
{
    m_tree->setAccessibleName(tr("Sessions by mitra"));
    m_filter->setPlaceholderText(tr("Filter by mitra or customer (Ctrl+F)"));
    m_scope->setItemText(0, tr("All mitras"));
    m_scope->setItemText(1, tr("Mitras with sessions"));
    m_scope->setItemText(2, tr("Online mitras"));
    m_expand->setText(tr("Expand all"));
    m_collapse->setText(tr("Collapse all"));
    m_reroute->setText(tr("&Reroute to…"));
    m_forceOffline->setText(tr("&Force mitra offline…"));
    m_history->setText(tr("Show presence &history"));
    m_copyId->setText(tr("&Copy id"));
    updateActions();
    updateSummary();
}

} // namespace hb::ui

#include "app/mitras/MitrasView.h"

#include "app/AppSettings.h"
#include "app/Failures.h"
#include "app/Icons.h"
#include "app/MessageBar.h"
#include "app/mitras/CapacityDelegate.h"
#include "app/mitras/GlobalCapacityBox.h"
#include "app/mitras/LoadBarDelegate.h"
#include "app/mitras/MitraFilterProxy.h"
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
#include <QTableView>
#include <QVBoxLayout>

namespace hb::ui {

using Model = hb::cc::MitraTableModel;

MitrasView::MitrasView(const ViewContext &context, QWidget *parent)
    : ViewPage(context, parent), m_filter(new QLineEdit(this)), m_status(new QComboBox(this)),
      m_count(new QLabel(this)), m_global(new GlobalCapacityBox(this)),
      m_table(new QTableView(this)), m_proxy(new MitraFilterProxy(this))
{
    setObjectName(QStringLiteral("mitrasView"));
    Model *model = m_context.models->mitras();
    m_proxy->setSourceModel(model);

    m_filter->setObjectName(QStringLiteral("mitraFilter"));
    m_filter->setClearButtonEnabled(true);
    m_filter->addAction(icons::get(QStringLiteral("action-filter")), QLineEdit::LeadingPosition);
    m_filter->setMinimumWidth(220);
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &MitraFilterProxy::setText);

    m_status->setObjectName(QStringLiteral("mitraStatusFilter"));
    for (int i = 0; i < 5; ++i)
        m_status->addItem(QString());
    m_status->setItemIcon(1, icons::online());
    m_status->setItemIcon(2, icons::offline());
    m_status->setItemIcon(3, icons::overCapacity());
    connect(m_status, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_proxy->setStatusFilter(MitraFilterProxy::StatusFilter(index));
    });

    m_count->setForegroundRole(QPalette::PlaceholderText);

    auto *top = new QHBoxLayout;
    top->addWidget(m_filter, 2);
    top->addWidget(m_status);
    top->addWidget(m_count);
    top->addStretch(1);
    top->addWidget(m_global);

    m_table->setObjectName(QStringLiteral("mitraTable"));
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(Model::NameColumn, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    m_table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
                             | QAbstractItemView::SelectedClicked);
    m_table->verticalHeader()->hide();
    // Fixed row heights and no per-row resizing: 2,000 rows stay as cheap as 20.
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 12);
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setStretchLastSection(true);
    header->setHighlightSections(false);
    header->resizeSection(Model::NameColumn, 220);
    header->resizeSection(Model::StatusColumn, 90);
    header->resizeSection(Model::StatusSinceColumn, 200);
    header->resizeSection(Model::ActiveSessionsColumn, 130);
    header->resizeSection(Model::MaxCustomersColumn, 130);
    m_table->setItemDelegateForColumn(
        Model::ActiveSessionsColumn,
        new LoadBarDelegate(Model::ActiveSessionsRole, Model::MaxCustomersRole, m_table));
    m_table->setItemDelegateForColumn(
        Model::MaxCustomersColumn,
        new CapacityDelegate([this] { return m_defaultCapacity; }, m_table));
    connect(m_table, &QWidget::customContextMenuRequested, this, &MitrasView::showContextMenu);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(createMessageBar());
    layout->addWidget(m_table, 1);

    m_editCapacity = new QAction(icons::get(QStringLiteral("action-edit")), QString(), this);
    m_editCapacity->setShortcut(QKeySequence(Qt::Key_F2));
    m_editCapacity->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_editCapacity, &QAction::triggered, this, [this] {
        const QModelIndex current = m_table->currentIndex();
        if (current.isValid())
            m_table->edit(current.siblingAtColumn(Model::MaxCustomersColumn));
    });
    m_resetCapacity = new QAction(icons::get(QStringLiteral("action-reset")), QString(), this);
    connect(m_resetCapacity, &QAction::triggered, this, &MitrasView::resetCurrentCapacity);
    m_forceOffline =
        new QAction(icons::get(QStringLiteral("action-force-offline")), QString(), this);
    connect(m_forceOffline, &QAction::triggered, this, [this] {
        const QString id = currentMitraId();
        if (!id.isEmpty())
            emit forceOfflineRequested(id);
    });
    m_history = new QAction(icons::get(QStringLiteral("view-history")), QString(), this);
    connect(m_history, &QAction::triggered, this, [this] {
        const QString id = currentMitraId();
        if (!id.isEmpty())
            emit historyRequested(id);
    });
    m_copyId = new QAction(QString(), this);
    m_copyId->setShortcut(QKeySequence::Copy);
    m_copyId->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_copyId, &QAction::triggered, this, [this] {
        const QString id = currentMitraId();
        if (!id.isEmpty())
            QApplication::clipboard()->setText(id);
    });
    addAction(m_editCapacity);
    addAction(m_copyId);
    connect(m_table, &QAbstractItemView::doubleClicked, this, [this](const QModelIndex &index) {
        // A double-click opens the mitra's history, except on the capacity cell (that edits).
        if (index.column() != Model::MaxCustomersColumn)
            emit historyRequested(index.data(Model::MitraIdRole).toString());
    });

    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &MitrasView::updateActions);
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &MitrasView::updateCount);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &MitrasView::updateCount);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &MitrasView::updateCount);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &MitrasView::updateCount);
    connect(m_proxy, &QAbstractItemModel::dataChanged, this, &MitrasView::updateActions);

    connect(m_global, &GlobalCapacityBox::applyRequested, this, &MitrasView::applyGlobal);
    connect(m_context.client, &hb::cc::ControlClient::statsReceived, this,
            [this](const hb::StatsSnapshot &stats) {
                if (m_defaultCapacity == stats.defaultMaxCustomers)
                    return;
                m_defaultCapacity = stats.defaultMaxCustomers;
                m_proxy->setDefaultCapacity(m_defaultCapacity);
                m_global->setServerValue(m_defaultCapacity);
            });
    connect(m_context.client, &hb::cc::ControlClient::signedIn, this,
            [this] { m_proxy->setClockOffsetMs(m_context.client->serverClockOffsetMs()); });
    connect(m_context.models, &hb::cc::LiveModels::capacityChangeFailed, this,
            [this](const QString &mitraId, const hb::cc::RequestFailure &failure) {
                const auto mitra = m_context.models->mitras()->mitra(mitraId);
                messageBar()->showMessage(
                    MessageBar::Kind::Error,
                    tr("Could not change the capacity of %1: %2")
                        .arg(mitra ? mitra->name : mitraId, Failures::describe(failure)));
            });
    connect(m_context.models->mitras(), &Model::capacityChangeRequested, this,
            [this](const QString &mitraId, std::optional<int> value) {
                const auto mitra = m_context.models->mitras()->mitra(mitraId);
                const QString name = mitra ? mitra->name : mitraId;
                messageBar()->showMessage(
                    MessageBar::Kind::Info,
                    value ? tr("Setting the capacity of %1 to %2…").arg(name).arg(*value)
                          : tr("Giving %1 the default capacity again…").arg(name));
            });

    // "since" texts age; repaint the visible rows now and then (cheap: only what is on screen).
    m_sinceTimer.setInterval(15000);
    connect(&m_sinceTimer, &QTimer::timeout, m_table->viewport(), qOverload<>(&QWidget::update));
    m_sinceTimer.start();

    retranslate();
    updateActions();
    updateCount();
}

QString MitrasView::title() const
{
    return tr("Mitras");
}

QIcon MitrasView::icon() const
{
    return icons::get(QStringLiteral("view-mitras"));
}

void MitrasView::refresh()
{
    // The table follows stats pushes; asking for the lists again also makes the server push a
    // fresh snapshot soon. Nothing to throw away.
    m_context.client->refreshLists();
}

bool MitrasView::focusFilter()
{
    m_filter->setFocus();
    m_filter->selectAll();
    return true;
}

void MitrasView::setSupervisor(bool supervisor)
{
    ViewPage::setSupervisor(supervisor);
    updateActions();
}

void MitrasView::setConnected(bool connected)
{
    ViewPage::setConnected(connected);
    updateActions();
}

void MitrasView::saveLayout()
{
    m_context.settings->saveHeader(QStringLiteral("mitras"), m_table->horizontalHeader());
}

void MitrasView::restoreLayout()
{
    m_context.settings->restoreHeader(QStringLiteral("mitras"), m_table->horizontalHeader());
}

QList<QAction *> MitrasView::actions() const
{
    return {m_editCapacity, m_resetCapacity, m_forceOffline, m_history};
}

QString MitrasView::currentMitraId() const
{
    const QModelIndex current = m_table->currentIndex();
    return current.isValid() ? current.data(Model::MitraIdRole).toString() : QString();
}

void MitrasView::selectMitra(const QString &mitraId)
{
    const int sourceRow = m_context.models->mitras()->rowOf(mitraId);
    if (sourceRow < 0)
        return;
    const QModelIndex index =
        m_proxy->mapFromSource(m_context.models->mitras()->index(sourceRow, 0));
    if (!index.isValid())
        return;
    m_table->setCurrentIndex(index);
    m_table->scrollTo(index);
}

void MitrasView::applyGlobal(int value)
{
    m_global->setBusy(true);
    auto *request = m_context.client->setGlobalCapacity(value);
    connect(request, &hb::cc::PendingRequest::succeeded, this, [this, value] {
        m_global->setBusy(false);
        messageBar()->showMessage(
            MessageBar::Kind::Positive,
            tr("The default capacity is now %1 customers per mitra. Mitras with their own "
               "setting keep it.")
                .arg(value));
    });
    connect(request, &hb::cc::PendingRequest::failed, this,
            [this](const hb::cc::RequestFailure &failure) {
                m_global->setBusy(false);
                messageBar()->showMessage(
                    MessageBar::Kind::Error,
                    tr("Could not change the default capacity: %1").arg(Failures::describe(failure)));
            });
}

void MitrasView::resetCurrentCapacity()
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid() || !current.data(Model::HasOverrideRole).toBool())
        return;
    m_proxy->setData(current.siblingAtColumn(Model::MaxCustomersColumn), QVariant(),
                     Qt::EditRole);
}

void MitrasView::updateActions()
{
    const QModelIndex current = m_table->currentIndex();
    const bool hasRow = current.isValid();
    const bool may = isSupervisor() && isConnected();
    const QString why = !isSupervisor() ? viewerReason() : offlineReason();
    const auto gate = [&](QAction *action, bool applicable, const QString &tip) {
        action->setEnabled(may && applicable);
        action->setToolTip(may ? tip : why);
        action->setStatusTip(action->toolTip());
    };
    gate(m_editCapacity, hasRow, tr("Change how many customers this mitra may serve at once"));
    gate(m_resetCapacity, hasRow && current.data(Model::HasOverrideRole).toBool(),
         tr("Remove this mitra's own capacity: it follows the default again"));
    gate(m_forceOffline, hasRow && current.data(Model::OnlineRole).toBool(),
         tr("Take this mitra offline (e.g. walked away with the app open)"));
    m_history->setEnabled(hasRow);
    m_copyId->setEnabled(hasRow);
    m_global->setEditable(may, why);
}

void MitrasView::updateCount()
{
    const int shown = m_proxy->rowCount();
    const int total = m_context.models->mitras()->rowCount();
    m_count->setText(shown == total ? tr("%n mitra(s)", nullptr, total)
                                    : tr("%1 of %n mitra(s)", nullptr, total).arg(shown));
}

void MitrasView::showContextMenu(const QPoint &pos)
{
    const QModelIndex index = m_table->indexAt(pos);
    if (!index.isValid())
        return;
    m_table->setCurrentIndex(index);
    QMenu menu(this);
    menu.setToolTipsVisible(true);
    menu.addAction(m_editCapacity);
    menu.addAction(m_resetCapacity);
    menu.addSeparator();
    menu.addAction(m_history);
    menu.addAction(m_forceOffline);
    menu.addSeparator();
    menu.addAction(m_copyId);
    menu.exec(m_table->viewport()->mapToGlobal(pos));
}

void MitrasView::retranslate()
{
    m_table->setAccessibleName(tr("Mitras"));
    m_filter->setPlaceholderText(tr("Filter by name or id (Ctrl+F)"));
    m_status->setItemText(0, tr("All mitras"));
    m_status->setItemText(1, tr("Online"));
    m_status->setItemText(2, tr("Offline, still serving"));
    m_status->setItemText(3, tr("Over capacity"));
    m_status->setItemText(4, tr("With own capacity"));
    m_editCapacity->setText(tr("&Edit capacity"));
    m_resetCapacity->setText(tr("&Reset to default capacity"));
    m_forceOffline->setText(tr("&Force offline…"));
    m_history->setText(tr("Show presence &history"));
    m_copyId->setText(tr("&Copy mitra id"));
    updateActions();
    updateCount();
}

} // namespace hb::ui

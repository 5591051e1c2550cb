#include "app/sessions/RerouteDialog.h"

#include "app/Icons.h"
#include "app/mitras/LoadBarDelegate.h"
#include "core/MitraTableModel.h"

#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace hb::ui {

using Model = hb::cc::MitraTableModel;

RerouteTargetProxy::RerouteTargetProxy(QObject *parent) : QSortFilterProxyModel(parent)
{
    setDynamicSortFilter(true);
}

void RerouteTargetProxy::setExcludedMitra(const QString &mitraId)
{
    m_excluded = mitraId;
    invalidateRowsFilter();
}

void RerouteTargetProxy::setText(const QString &text)
{
    m_words = text.simplified().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    invalidateRowsFilter();
}

bool RerouteTargetProxy::canTake(const QModelIndex &sourceIndex)
{
    return sourceIndex.data(Model::OnlineRole).toBool()
           && sourceIndex.data(Model::ActiveSessionsRole).toInt()
                  < sourceIndex.data(Model::MaxCustomersRole).toInt();
}

bool RerouteTargetProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex source = sourceModel()->index(sourceRow, 0, sourceParent);
    if (source.data(Model::MitraIdRole).toString() == m_excluded)
        return false;
    const QString name = source.data(Qt::DisplayRole).toString();
    const QString id = source.data(Model::MitraIdRole).toString();
    for (const QString &word : m_words) {
        if (!name.contains(word, Qt::CaseInsensitive) && !id.contains(word, Qt::CaseInsensitive))
            return false;
    }
    return true;
}

bool RerouteTargetProxy::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    // Who can take it first, then the least loaded, then by name.
    const bool leftOk = canTake(left);
    const bool rightOk = canTake(right);
    if (leftOk != rightOk)
        return leftOk;
    const double leftLoad = left.data(Model::LoadRole).toDouble();
    const double rightLoad = right.data(Model::LoadRole).toDouble();
    if (leftLoad != rightLoad)
        return leftLoad < rightLoad;
    return QString::localeAwareCompare(left.data().toString(), right.data().toString()) < 0;
}

Qt::ItemFlags RerouteTargetProxy::flags(const QModelIndex &index) const
{
    const Qt::ItemFlags base = QSortFilterProxyModel::flags(index) & ~Qt::ItemIsEditable;
    if (!canTake(mapToSource(index)))
        return base & ~(Qt::ItemIsSelectable | Qt::ItemIsEnabled);
    return base;
}

QVariant RerouteTargetProxy::data(const QModelIndex &index, int role) const
{
    if (role == Qt::ToolTipRole) {
        const QModelIndex source = mapToSource(index);
        if (!source.data(Model::OnlineRole).toBool())
            return tr("Offline: cannot take sessions.");
        if (!canTake(source))
            return tr("Full: at capacity.");
        return tr("Can take this session.");
    }
    if (role == Qt::DecorationRole && index.column() == Model::NameColumn) {
        const QModelIndex source = mapToSource(index);
        if (source.data(Model::OverCapacityRole).toBool())
            return icons::overCapacity();
        return source.data(Model::OnlineRole).toBool() ? icons::online() : icons::offline();
    }
    return QSortFilterProxyModel::data(index, role);
}

RerouteDialog::RerouteDialog(Model *mitras, const QString &customerName,
                             const QString &fromMitraId, const QString &fromMitraName,
                             QWidget *parent)
    : QDialog(parent), m_proxy(new RerouteTargetProxy(this)), m_filter(new QLineEdit(this)),
      m_table(new QTableView(this)), m_buttons(new QDialogButtonBox(this))
{
    setObjectName(QStringLiteral("rerouteDialog"));
    setWindowTitle(tr("Reroute session"));
    m_proxy->setSourceModel(mitras);
    m_proxy->setExcludedMitra(fromMitraId);
    m_proxy->sort(0);

    auto *intro = new QLabel(
        tr("Move the session of <b>%1</b> from <b>%2</b> to:")
            .arg(customerName.toHtmlEscaped(), fromMitraName.toHtmlEscaped()),
        this);
    intro->setWordWrap(true);
    m_filter->setObjectName(QStringLiteral("rerouteFilter"));
    m_filter->setPlaceholderText(tr("Type a name to filter"));
    m_filter->setClearButtonEnabled(true);
    m_filter->installEventFilter(this);
    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_proxy->setText(text);
        if (!m_table->currentIndex().isValid() && m_proxy->rowCount() > 0)
            m_table->setCurrentIndex(m_proxy->index(0, 0));
        updateButton();
    });

    m_table->setObjectName(QStringLiteral("rerouteTargets"));
    m_table->setModel(m_proxy);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->setWordWrap(false);
    for (int column = 0; column < Model::ColumnCount; ++column) {
        if (column != Model::NameColumn && column != Model::StatusColumn
            && column != Model::ActiveSessionsColumn)
            m_table->hideColumn(column);
    }
    m_table->setItemDelegateForColumn(
        Model::ActiveSessionsColumn,
        new LoadBarDelegate(Model::ActiveSessionsRole, Model::MaxCustomersRole, m_table));
    m_table->horizontalHeader()->setSectionResizeMode(Model::NameColumn, QHeaderView::Stretch);
    m_table->horizontalHeader()->resizeSection(Model::ActiveSessionsColumn, 110);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &RerouteDialog::updateButton);
    connect(m_table, &QAbstractItemView::doubleClicked, this, [this] {
        if (!selectedMitraId().isEmpty())
            accept();
    });

    m_move = m_buttons->addButton(tr("&Move here"), QDialogButtonBox::AcceptRole);
    m_move->setIcon(icons::get(QStringLiteral("action-reroute")));
    m_move->setDefault(true); // Enter in the filter moves it to the highlighted mitra
    m_buttons->addButton(QDialogButtonBox::Cancel);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_filter);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_buttons);
    setMinimumSize(420, 360);
    resize(480, 440);

    if (m_proxy->rowCount() > 0 && (m_proxy->flags(m_proxy->index(0, 0)) & Qt::ItemIsEnabled))
        m_table->setCurrentIndex(m_proxy->index(0, 0));
    m_filter->setFocus();
    updateButton();
}

QString RerouteDialog::selectedMitraId() const
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid() || !(m_proxy->flags(current) & Qt::ItemIsEnabled))
        return {};
    return current.data(Model::MitraIdRole).toString();
}

void RerouteDialog::selectMitra(const QString &mitraId)
{
    for (int row = 0; row < m_proxy->rowCount(); ++row) {
        const QModelIndex index = m_proxy->index(row, 0);
        if (index.data(Model::MitraIdRole).toString() == mitraId) {
            m_table->setCurrentIndex(index);
            return;
        }
    }
}

void RerouteDialog::updateButton()
{
    m_move->setEnabled(!selectedMitraId().isEmpty());
}

bool RerouteDialog::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_filter && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if (key == Qt::Key_Up || key == Qt::Key_Down || key == Qt::Key_PageUp
            || key == Qt::Key_PageDown) {
            QCoreApplication::sendEvent(m_table, event);
            return true;
        }
    }
    return QDialog::eventFilter(watched, event);
}

} // namespace hb::ui

#include "app/requests/RequestsView.h"

#include "app/AppSettings.h"
#include "app/Format.h"
#include "app/Icons.h"
#include "app/MessageBar.h"
#include "app/requests/RequestProxy.h"
#include "core/ControlClient.h"
#include "core/LiveModels.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QStackedLayout>
#include <QTableView>
#include <QVBoxLayout>

namespace hb::ui {

using RequestModel = hb::cc::RequestListModel;

RequestsView::RequestsView(const ViewContext &context, QWidget *parent)
    : ViewPage(context, parent), m_filter(new QLineEdit(this)), m_summary(new QLabel(this)),
      m_empty(new QLabel(this)), m_table(new QTableView(this)), m_proxy(new RequestProxy(this))
{
    setObjectName(QStringLiteral("requestsView"));
    RequestModel *model = m_context.models->requests();
    m_proxy->setSourceModel(model);

    m_filter->setObjectName(QStringLiteral("requestFilter"));
    m_filter->setClearButtonEnabled(true);
    m_filter->addAction(icons::get(QStringLiteral("action-filter")), QLineEdit::LeadingPosition);
    m_filter->setMaximumWidth(360);
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &RequestProxy::setText);
    QFont summaryFont = m_summary->font();
    summaryFont.setBold(true);
    m_summary->setFont(summaryFont);

    auto *top = new QHBoxLayout;
    top->addWidget(m_filter, 1);
    top->addStretch(1);
    top->addWidget(m_summary);

    m_table->setObjectName(QStringLiteral("requestTable"));
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->horizontalHeader()->setSortIndicatorClearable(true);
    m_table->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder); // oldest first
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 12);
    m_table->horizontalHeader()->setSectionResizeMode(RequestModel::CustomerColumn, QHeaderView::Stretch);
    m_table->horizontalHeader()->resizeSection(RequestModel::WaitedColumn, 160);
    m_table->horizontalHeader()->resizeSection(RequestModel::OfferedToColumn, 160);

    m_empty->setObjectName(QStringLiteral("requestsEmpty"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setForegroundRole(QPalette::PlaceholderText);
    QFont emptyFont = m_empty->font();
    emptyFont.setPointSizeF(emptyFont.pointSizeF() * 1.3);
    m_empty->setFont(emptyFont);

    auto *stack = new QStackedLayout;
    stack->addWidget(m_table);
    stack->addWidget(m_empty);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(createMessageBar());
    layout->addLayout(stack, 1);

    const auto update = [this, stack] {
        stack->setCurrentWidget(m_context.models->requests()->rowCount() == 0 ? static_cast<QWidget *>(m_empty)
                                                                              : m_table);
        updateSummary();
    };
    for (const auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(model, signal, this, update);
    connect(model, &QAbstractItemModel::modelReset, this, update);
    // The waited column ticks every second; the summary's "longest" follows it.
    connect(model, &QAbstractItemModel::dataChanged, this, &RequestsView::updateSummary);

    retranslate();
    update();
}

QString RequestsView::title() const
{
    return tr("Pending requests");
}

QIcon RequestsView::icon() const
{
    return icons::get(QStringLiteral("view-requests"));
}

void RequestsView::refresh()
{
    m_context.client->refreshLists();
}

bool RequestsView::focusFilter()
{
    m_filter->setFocus();
    m_filter->selectAll();
    return true;
}

void RequestsView::saveLayout()
{
    m_context.settings->saveHeader(QStringLiteral("requests"), m_table->horizontalHeader());
}

void RequestsView::restoreLayout()
{
    m_context.settings->restoreHeader(QStringLiteral("requests"), m_table->horizontalHeader());
}

void RequestsView::updateSummary()
{
    const RequestModel *model = m_context.models->requests();
    const int count = model->rowCount();
    if (count == 0) {
        m_summary->setText(tr("Nobody is waiting"));
        return;
    }
    m_summary->setText(tr("%1 waiting, longest for %2")
                           .arg(Format::requests(count), Format::duration(model->longestWaitMs())));
}

void RequestsView::retranslate()
{
    m_table->setAccessibleName(tr("Pending requests"));
    m_filter->setPlaceholderText(tr("Filter by customer (Ctrl+F)"));
    m_empty->setText(tr("No customer is waiting for a mitra right now."));
    updateSummary();
}

} // namespace hb::ui

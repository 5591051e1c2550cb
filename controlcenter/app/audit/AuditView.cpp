#include "app/audit/AuditView.h"

#include "app/AppSettings.h"
#include "app/Failures.h"
#include "app/Format.h"
#include "app/Icons.h"
#include "app/MessageBar.h"
#include "app/audit/AuditActions.h"
#include "core/ControlClient.h"
#include "core/LiveModels.h"

#include <QComboBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSet>
#include <QSplitter>
#include <QTableView>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace hb::ui {

using Audit = hb::cc::AuditLogModel;

namespace {
QString jsonText(const QJsonValue &value)
{
    if (value.isUndefined() || value.isNull())
        return QStringLiteral("—");
    if (value.isString())
        return value.toString();
    if (value.isBool())
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (value.isDouble())
        return QLocale().toString(value.toDouble(), 'g', 15);
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
}
} // namespace

AuditView::AuditView(const ViewContext &context, QWidget *parent)
    : ViewPage(context, parent), m_actionLabel(new QLabel(this)), m_action(new QComboBox(this)),
      m_reload(new QPushButton(this)), m_count(new QLabel(this)),
      m_splitter(new QSplitter(Qt::Vertical, this)), m_table(new QTableView(this)),
      m_details(new QTextBrowser(this)), m_older(new QPushButton(this)),
      m_proxy(new AuditLabelProxy(context.models->mitras(), this))
{
    setObjectName(QStringLiteral("auditView"));
    Audit *model = m_context.models->audit();
    m_proxy->setSourceModel(model);

    m_action->setObjectName(QStringLiteral("auditAction"));
    m_action->addItem(QString(), QString());
    for (const QString &action : AuditActions::known())
        m_action->addItem(QString(), action);
    m_actionLabel->setBuddy(m_action);
    connect(m_action, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_context.models->audit()->setActionFilter(m_action->itemData(index).toString());
        updateState();
    });
    m_reload->setIcon(icons::get(QStringLiteral("action-refresh")));
    connect(m_reload, &QPushButton::clicked, this, &AuditView::refresh);
    m_count->setForegroundRole(QPalette::PlaceholderText);

    auto *top = new QHBoxLayout;
    top->addWidget(m_actionLabel);
    top->addWidget(m_action);
    top->addWidget(m_reload);
    top->addStretch(1);
    top->addWidget(m_count);

    m_table->setObjectName(QStringLiteral("auditTable"));
    m_table->setModel(m_proxy);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    QHeaderView *header = m_table->horizontalHeader();
    header->setStretchLastSection(false);
    header->resizeSection(Audit::TimeColumn, 130);
    header->resizeSection(Audit::ActorColumn, 150);
    header->resizeSection(Audit::ActionColumn, 170);
    header->resizeSection(Audit::TargetColumn, 170);
    header->setSectionResizeMode(Audit::DetailsColumn, QHeaderView::Stretch);
    header->resizeSection(Audit::AddressColumn, 120);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &AuditView::showDetails);

    m_details->setObjectName(QStringLiteral("auditDetails"));
    m_details->setOpenLinks(false);
    m_splitter->addWidget(m_table);
    m_splitter->addWidget(m_details);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setChildrenCollapsible(false);

    m_older->setIcon(icons::get(QStringLiteral("action-load-more")));
    connect(m_older, &QPushButton::clicked, this, [this] {
        if (m_context.models->audit()->canFetchMore({}))
            m_context.models->audit()->fetchMore({});
        updateState();
    });
    auto *bottom = new QHBoxLayout;
    bottom->addStretch(1);
    bottom->addWidget(m_older);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(createMessageBar());
    layout->addWidget(m_splitter, 1);
    layout->addLayout(bottom);

    for (const auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(model, signal, this, &AuditView::updateState);
    connect(model, &QAbstractItemModel::modelReset, this, &AuditView::updateState);
    connect(model, &QAbstractItemModel::dataChanged, this, &AuditView::updateState);
    connect(m_context.models, &hb::cc::LiveModels::auditPageFailed, this,
            [this](const hb::cc::RequestFailure &failure) {
                updateState();
                if (Failures::isConnectionGone(failure))
                    return;
                messageBar()->showMessage(MessageBar::Kind::Error,
                                          tr("Could not load the audit log: %1")
                                              .arg(Failures::describe(failure)));
            });

    retranslate();
    showDetails();
}

QString AuditView::title() const
{
    return tr("Audit log");
}

QIcon AuditView::icon() const
{
    return icons::get(QStringLiteral("view-audit"));
}

void AuditView::refresh()
{
    m_context.models->audit()->reload();
    updateState();
}

bool AuditView::focusFilter()
{
    m_action->setFocus();
    return true;
}

void AuditView::saveLayout()
{
    m_context.settings->saveHeader(QStringLiteral("audit"), m_table->horizontalHeader());
    m_context.settings->saveSplitter(QStringLiteral("audit"), m_splitter);
}

void AuditView::restoreLayout()
{
    m_context.settings->restoreHeader(QStringLiteral("audit"), m_table->horizontalHeader());
    m_context.settings->restoreSplitter(QStringLiteral("audit"), m_splitter);
}

void AuditView::updateState()
{
    const Audit *model = m_context.models->audit();
    const bool more = model->canFetchMore({});
    m_older->setEnabled(more && !model->isLoading());
    const int rows = model->rowCount();
    if (model->isLoading())
        m_count->setText(tr("Loading…"));
    else
        m_count->setText(more ? tr("%n newest entries shown; scroll for older ones", nullptr, rows)
                              : tr("%n entries", nullptr, rows));
}

QString AuditView::detailsHtml(const QModelIndex &entry)
{
    const QJsonValue before = entry.data(Audit::BeforeRole).toJsonValue();
    const QJsonValue after = entry.data(Audit::AfterRole).toJsonValue();
    const qint64 at = entry.data(Audit::AtRole).toLongLong();
    const QLocale locale;
    const auto cell = [](const QModelIndex &index, int column) {
        return index.siblingAtColumn(column).data().toString().toHtmlEscaped();
    };
    QString html = QStringLiteral("<p><b>%1</b> &nbsp; %2 &nbsp; %3</p>")
                       .arg(cell(entry, Audit::ActionColumn),
                            locale.toString(QDateTime::fromMSecsSinceEpoch(at), QLocale::LongFormat)
                                .toHtmlEscaped(),
                            tr("by %1").arg(cell(entry, Audit::ActorColumn)));
    const QString target = cell(entry, Audit::TargetColumn);
    const QString address = cell(entry, Audit::AddressColumn);
    if (!target.isEmpty() || !address.isEmpty())
        html += QStringLiteral("<p>%1 &nbsp; %2</p>")
                    .arg(target.isEmpty() ? QString() : tr("Target: %1").arg(target),
                         address.isEmpty() ? QString() : tr("From address: %1").arg(address));

    const QJsonObject b = before.toObject();
    const QJsonObject a = after.toObject();
    QStringList fields = b.keys();
    for (const QString &key : a.keys()) {
        if (!fields.contains(key))
            fields.append(key);
    }
    if (fields.isEmpty())
        return html + QStringLiteral("<p><i>%1</i></p>").arg(tr("No state recorded."));
    html += QStringLiteral("<table cellspacing='0' cellpadding='4' border='1' "
                           "style='border-collapse:collapse'><tr><th align='left'>%1</th>"
                           "<th align='left'>%2</th><th align='left'>%3</th></tr>")
                .arg(tr("Field"), tr("Before"), tr("After"));
    for (const QString &key : std::as_const(fields)) {
        const QString was = jsonText(b.value(key)).toHtmlEscaped();
        const QString now = jsonText(a.value(key)).toHtmlEscaped();
        const bool changed = b.value(key) != a.value(key);
        html += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td></tr>")
                    .arg(key.toHtmlEscaped(), was,
                         changed ? QStringLiteral("<b>%1</b>").arg(now) : now);
    }
    return html + QStringLiteral("</table>");
}

void AuditView::showDetails()
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid()) {
        m_details->setHtml(QStringLiteral("<p style='color:gray'>%1</p>")
                               .arg(tr("Select an entry to see what changed.")));
        return;
    }
    m_details->setHtml(detailsHtml(current));
}

void AuditView::retranslate()
{
    m_table->setAccessibleName(tr("Audit log entries"));
    m_actionLabel->setText(tr("&Show:"));
    m_action->setItemText(0, tr("All actions"));
    for (int i = 1; i < m_action->count(); ++i)
        m_action->setItemText(i, AuditActions::label(m_action->itemData(i).toString()));
    m_reload->setText(tr("Reload"));
    m_older->setText(tr("Load older entries"));
    updateState();
    showDetails();
}

} // namespace hb::ui

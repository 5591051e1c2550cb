#include "app/history/PresenceHistoryView.h"

#include "app/AppSettings.h"
#include "app/Failures.h"
#include "app/Format.h"
#include "app/Icons.h"
#include "app/MessageBar.h"
#include "app/history/PresenceTimeline.h"
#include "core/ControlClient.h"
#include "core/LiveModels.h"

#include <QComboBox>
#include <QCompleter>
#include <QDateEdit>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace hb::ui {

using Timeline = hb::cc::PresenceTimelineModel;
using Mitras = hb::cc::MitraTableModel;

namespace {
// The mitra names for the chooser. A combo box with no current item asks for the data of an
// invalid index; answer it here rather than pass it to the model (which rightly complains).
class MitraNames : public QSortFilterProxyModel
{
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    QVariant data(const QModelIndex &index, int role) const override
    {
        return index.isValid() ? QSortFilterProxyModel::data(index, role) : QVariant();
    }
};
} // namespace

PresenceHistoryView::PresenceHistoryView(const ViewContext &context, QWidget *parent)
    : ViewPage(context, parent), m_mitraLabel(new QLabel(this)), m_mitra(new QComboBox(this)),
      m_mitraNames(new MitraNames(this)), m_dayLabel(new QLabel(this)),
      m_previous(new QToolButton(this)), m_day(new QDateEdit(this)),
      m_next(new QToolButton(this)), m_today(new QToolButton(this)), m_heading(new QLabel(this)),
      m_summary(new QLabel(this)), m_timeline(new PresenceTimeline(this)),
      m_table(new QTableView(this))
{
    setObjectName(QStringLiteral("historyView"));
    Timeline *model = m_context.models->presence();

    // The live mitras, by name, as suggestions; any id may be typed.
    m_mitraNames->setSourceModel(m_context.models->mitras());
    m_mitraNames->setSortCaseSensitivity(Qt::CaseInsensitive);
    m_mitraNames->sort(Mitras::NameColumn);
    m_mitra->setObjectName(QStringLiteral("historyMitra"));
    m_mitra->setEditable(true);
    m_mitra->setInsertPolicy(QComboBox::NoInsert);
    m_mitra->setModel(m_mitraNames);
    m_mitra->setModelColumn(Mitras::NameColumn);
    m_mitra->setMinimumWidth(240);
    m_mitra->setCurrentIndex(-1);
    m_mitra->completer()->setFilterMode(Qt::MatchContains);
    m_mitra->completer()->setCompletionMode(QCompleter::PopupCompletion);
    m_mitraLabel->setBuddy(m_mitra);
    connect(m_mitra, &QComboBox::activated, this, [this] { load(); });
    // A combo box picks its first item by itself when its list fills; until staff chose a
    // mitra, nothing is chosen.
    connect(m_mitraNames, &QAbstractItemModel::rowsInserted, this, [this] {
        if (m_context.models->presence()->mitraId().isEmpty() && m_mitra->currentIndex() >= 0
            && !m_mitra->hasFocus())
            m_mitra->setCurrentIndex(-1);
    });
    connect(m_mitra->lineEdit(), &QLineEdit::returnPressed, this, [this] { load(); });

    m_day->setObjectName(QStringLiteral("historyDay"));
    m_day->setCalendarPopup(true);
    m_day->setDisplayFormat(QStringLiteral("ddd d MMM yyyy"));
    m_day->setDate(QDate::currentDate());
    m_day->setMaximumDate(QDate::currentDate().addDays(1));
    m_dayLabel->setBuddy(m_day);
    m_previous->setArrowType(Qt::LeftArrow);
    m_next->setArrowType(Qt::RightArrow);
    m_previous->setAutoRaise(true);
    m_next->setAutoRaise(true);
    m_previous->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Left));
    m_next->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Right));
    connect(m_previous, &QToolButton::clicked, this, [this] { setDay(day().addDays(-1)); });
    connect(m_next, &QToolButton::clicked, this, [this] { setDay(day().addDays(1)); });
    connect(m_today, &QToolButton::clicked, this, [this] { setDay(QDate::currentDate()); });
    connect(m_day, &QDateEdit::dateChanged, this, [this] { load(); });

    auto *top = new QHBoxLayout;
    top->addWidget(m_mitraLabel);
    top->addWidget(m_mitra, 1);
    top->addSpacing(16);
    top->addWidget(m_dayLabel);
    top->addWidget(m_previous);
    top->addWidget(m_day);
    top->addWidget(m_next);
    top->addWidget(m_today);
    top->addStretch(1);

    QFont headingFont = m_heading->font();
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.25);
    headingFont.setBold(true);
    m_heading->setFont(headingFont);
    m_summary->setForegroundRole(QPalette::PlaceholderText);

    m_timeline->setModel(model);
    connect(m_timeline, &PresenceTimeline::rowClicked, this,
            [this](int row) { m_table->selectRow(row); });

    m_table->setObjectName(QStringLiteral("historyTable"));
    m_summary->setObjectName(QStringLiteral("historySummary"));
    m_table->setModel(model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    for (int column = 0; column < Timeline::ColumnCount - 1; ++column)
        m_table->horizontalHeader()->resizeSection(column, 180);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) { m_timeline->setSelectedRow(current.row()); });

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(createMessageBar());
    layout->addSpacing(6);
    layout->addWidget(m_heading);
    layout->addWidget(m_summary);
    layout->addWidget(m_timeline);
    layout->addWidget(m_table, 1);

    for (const auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(model, signal, this, &PresenceHistoryView::updateSummary);
    connect(model, &QAbstractItemModel::modelReset, this, &PresenceHistoryView::updateSummary);
    connect(model, &QAbstractItemModel::dataChanged, this, &PresenceHistoryView::updateSummary);
    connect(m_context.client, &hb::cc::ControlClient::signedIn, this, [this] {
        m_timeline->setClockOffsetMs(m_context.client->serverClockOffsetMs());
    });
    // Every new ask (a mitra or day chosen, F5, a reconnect) starts without the failure.
    connect(model, &Timeline::historyRequested, this, [this] {
        m_loadFailed = false;
        updateSummary();
    });
    connect(m_context.models, &hb::cc::LiveModels::presenceHistoryFailed, this,
            [this](const QString &mitraId, const hb::cc::RequestFailure &failure) {
                if (Failures::isConnectionGone(failure))
                    return;
                m_loadFailed = true;
                updateSummary();
                const auto mitra = m_context.models->mitras()->mitra(mitraId);
                messageBar()->showMessage(
                    MessageBar::Kind::Error,
                    tr("Could not load the presence history of %1: %2")
                        .arg(mitra ? mitra->name : mitraId, Failures::describe(failure)));
            });

    m_tick.setInterval(15000);
    connect(&m_tick, &QTimer::timeout, this, [this] {
        if (!isVisible())
            return;
        m_timeline->update();
        m_table->viewport()->update();
        updateSummary();
    });
    m_tick.start();

    retranslate();
}

QString PresenceHistoryView::title() const
{
    return tr("Presence history");
}

QIcon PresenceHistoryView::icon() const
{
    return icons::get(QStringLiteral("view-history"));
}

void PresenceHistoryView::refresh()
{
    Timeline *model = m_context.models->presence();
    if (model->mitraId().isEmpty())
        return;
    // Same range again: the model asks the server and updates rows in place.
    model->setRange(model->mitraId(), model->fromMs(), model->toMs());
}

bool PresenceHistoryView::focusFilter()
{
    m_mitra->setFocus();
    m_mitra->lineEdit()->selectAll();
    return true;
}

void PresenceHistoryView::saveLayout()
{
    m_context.settings->saveHeader(QStringLiteral("history"), m_table->horizontalHeader());
}

void PresenceHistoryView::restoreLayout()
{
    m_context.settings->restoreHeader(QStringLiteral("history"), m_table->horizontalHeader());
}

QString PresenceHistoryView::mitraId() const
{
    // A name picked from the list stands for its id; anything else typed is taken as an id.
    const QString text = m_mitra->currentText().trimmed();
    const int current = m_mitra->currentIndex();
    if (current >= 0 && m_mitra->itemText(current) == text)
        return m_mitraNames->index(current, 0).data(Mitras::MitraIdRole).toString();
    const int index = m_mitra->findText(text, Qt::MatchFixedString);
    if (index >= 0)
        return m_mitraNames->index(index, 0).data(Mitras::MitraIdRole).toString();
    return text;
}

QDate PresenceHistoryView::day() const
{
    return m_day->date();
}

void PresenceHistoryView::showMitra(const QString &mitraId)
{
    // Select the list entry itself when the mitra is listed, so the combo box keeps showing it
    // while the list changes underneath; otherwise show the id as typed text.
    int index = -1;
    for (int row = 0; row < m_mitraNames->rowCount(); ++row) {
        if (m_mitraNames->index(row, 0).data(Mitras::MitraIdRole).toString() == mitraId) {
            index = row;
            break;
        }
    }
    m_mitra->setCurrentIndex(index);
    if (index < 0)
        m_mitra->setEditText(mitraId);
    load();
}

void PresenceHistoryView::setDay(const QDate &day)
{
    m_day->setDate(day); // loads through dateChanged
}

void PresenceHistoryView::load()
{
    const QString id = mitraId();
    if (id.isEmpty())
        return;
    // The staff member's own calendar day, whatever the server's time zone.
    const qint64 from = QDateTime(day(), QTime(0, 0)).toMSecsSinceEpoch();
    const qint64 to = QDateTime(day().addDays(1), QTime(0, 0)).toMSecsSinceEpoch();
    m_timeline->setRange(from, to);
    m_context.models->presence()->setRange(id, from, to); // asks the server every time
    updateSummary();
}

void PresenceHistoryView::updateSummary()
{
    const Timeline *model = m_context.models->presence();
    const QString id = model->mitraId();
    if (id.isEmpty()) {
        m_heading->setText(tr("Choose a mitra"));
        m_summary->setText(tr("Pick a mitra above (or type its id) to see when it was online."));
        return;
    }
    const auto mitra = m_context.models->mitras()->mitra(id);
    const QString name = mitra ? mitra->name : id;
    const QLocale locale;
    m_heading->setText(tr("%1 on %2").arg(name, locale.toString(day(), QLocale::LongFormat)));
    const int periods = model->rowCount();
    if (periods == 0 && m_loadFailed) {
        m_summary->setText(tr("The history of this day could not be loaded."));
        return;
    }
    if (periods == 0) {
        m_summary->setText(tr("Not online on this day (or the answer has not arrived yet)."));
        return;
    }
    m_summary->setText(tr("Online for %1 in %n period(s).", nullptr, periods)
                           .arg(Format::duration(model->onlineMsInRange())));
}

void PresenceHistoryView::retranslate()
{
    m_table->setAccessibleName(tr("Online periods"));
    m_timeline->setAccessibleName(tr("Timeline of the day"));
    m_mitraLabel->setText(tr("&Mitra:"));
    m_mitra->lineEdit()->setPlaceholderText(tr("Name or id"));
    m_dayLabel->setText(tr("&Day:"));
    m_previous->setToolTip(tr("Previous day (Alt+Left)"));
    m_next->setToolTip(tr("Next day (Alt+Right)"));
    m_today->setText(tr("Today"));
    updateSummary();
}

} // namespace hb::ui

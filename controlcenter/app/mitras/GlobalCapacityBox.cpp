#include "app/mitras/GlobalCapacityBox.h"

#include "app/Icons.h"
#include "domain/CapacityRule.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>

namespace hb::ui {

GlobalCapacityBox::GlobalCapacityBox(QWidget *parent)
    : QFrame(parent), m_label(new QLabel(this)), m_spin(new QSpinBox(this)),
      m_unit(new QLabel(this)), m_apply(new QPushButton(this))
{
    setObjectName(QStringLiteral("globalCapacity"));
    setFrameShape(QFrame::StyledPanel);
    m_spin->setObjectName(QStringLiteral("globalCapacitySpin"));
    m_spin->setRange(hb::kMinCapacity, hb::kMaxCapacity);
    m_spin->setAlignment(Qt::AlignRight);
    m_apply->setObjectName(QStringLiteral("globalCapacityApply"));
    m_apply->setIcon(icons::get(QStringLiteral("action-capacity")));
    QFont bold = m_label->font();
    bold.setBold(true);
    m_label->setFont(bold);
    m_label->setBuddy(m_spin);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 4, 6, 4);
    layout->addWidget(m_label);
    layout->addWidget(m_spin);
    layout->addWidget(m_unit);
    layout->addWidget(m_apply);
    connect(m_spin, &QSpinBox::valueChanged, this, [this] {
        m_dirty = !m_serverValue || m_spin->value() != *m_serverValue;
        updateApply();
    });
    connect(m_spin, &QSpinBox::editingFinished, this, [this] {
        if (m_dirty && m_spin->hasFocus())
            m_apply->setFocus(); // Enter in the box means "apply" for most people
    });
    connect(m_apply, &QPushButton::clicked, this, [this] {
        m_spin->interpretText();
        emit applyRequested(m_spin->value());
    });
    retranslate();
    updateApply();
}

void GlobalCapacityBox::setServerValue(std::optional<int> value)
{
    m_serverValue = value;
    if (!m_dirty) {
        const QSignalBlocker block(m_spin);
        // "–" only while unknown; once known, 0 is a real value ("no new customers").
        m_spin->setSpecialValueText(value ? QString() : QStringLiteral("–"));
        m_spin->setMinimum(value ? hb::kMinCapacity : -1);
        m_spin->setValue(value.value_or(-1));
    } else if (value && *value == m_spin->value()) {
        m_dirty = false; // the server caught up with what was typed
    }
    updateApply();
}

void GlobalCapacityBox::setEditable(bool editable, const QString &reason)
{
    m_editable = editable;
    m_reason = reason;
    updateApply();
}

void GlobalCapacityBox::setBusy(bool busy)
{
    m_busy = busy;
    if (!busy)
        m_dirty = m_serverValue && m_spin->value() != *m_serverValue;
    updateApply();
}

void GlobalCapacityBox::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QFrame::changeEvent(event);
}

void GlobalCapacityBox::retranslate()
{
    m_label->setText(tr("Default &capacity:"));
    m_unit->setText(tr("customers per mitra"));
    m_apply->setText(tr("Apply"));
    updateApply();
}

void GlobalCapacityBox::updateApply()
{
    m_spin->setEnabled(m_editable && !m_busy);
    m_apply->setEnabled(m_editable && !m_busy && m_dirty);
    const QString tip = m_editable
                            ? tr("How many customers a mitra may serve at once, unless it has its "
                                 "own setting. Applies to new requests; running sessions are "
                                 "never moved.")
                            : m_reason;
    setToolTip(tip);
    m_spin->setToolTip(tip);
    m_apply->setToolTip(tip);
}

} // namespace hb::ui

#include "app/mitras/CapacityDelegate.h"

#include "core/MitraTableModel.h"
#include "domain/CapacityRule.h"

#include <QSpinBox>

namespace hb::ui {

namespace {
const char *const kInitialValue = "hbInitialValue";
}

CapacityDelegate::CapacityDelegate(std::function<std::optional<int>()> defaultCapacity,
                                   QObject *parent)
    : QStyledItemDelegate(parent), m_defaultCapacity(std::move(defaultCapacity))
{
}

QWidget *CapacityDelegate::createEditor(QWidget *parent, const QStyleOptionViewItem &,
                                        const QModelIndex &) const
{
    auto *spin = new QSpinBox(parent);
    spin->setObjectName(QStringLiteral("capacityEditor"));
    spin->setRange(kDefaultValue, hb::kMaxCapacity);
    spin->setFrame(false);
    spin->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    const std::optional<int> fallback = m_defaultCapacity ? m_defaultCapacity() : std::nullopt;
    spin->setSpecialValueText(fallback ? tr("Default (%1)").arg(*fallback) : tr("Default"));
    spin->setToolTip(tr("Customers this mitra may serve at once (0: no new customers). "
                        "The lowest value gives it back the default."));
    return spin;
}

void CapacityDelegate::setEditorData(QWidget *editor, const QModelIndex &index) const
{
    auto *spin = static_cast<QSpinBox *>(editor);
    const bool own = index.data(hb::cc::MitraTableModel::HasOverrideRole).toBool();
    const int value =
        own ? index.data(hb::cc::MitraTableModel::MaxCustomersRole).toInt() : kDefaultValue;
    spin->setValue(value);
    spin->setProperty(kInitialValue, value);
    spin->selectAll();
}

void CapacityDelegate::setModelData(QWidget *editor, QAbstractItemModel *model,
                                    const QModelIndex &index) const
{
    auto *spin = static_cast<QSpinBox *>(editor);
    spin->interpretText();
    const int value = spin->value();
    if (value == spin->property(kInitialValue).toInt())
        return;
    // The model turns this into capacity.set; the cell shows the new value when the server's
    // next stats confirm it.
    if (value == kDefaultValue)
        model->setData(index, QVariant(), Qt::EditRole);
    else
        model->setData(index, value, Qt::EditRole);
}

} // namespace hb::ui

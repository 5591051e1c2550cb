#pragma once

#include <QStyledItemDelegate>
#include <functional>
#include <optional>

namespace hb::ui {

// Edits a mitra's capacity in place (the max-customers cell of MitraTableModel): a spin box
// from 0 to 1000 whose lowest step reads "Default (3)", which gives the mitra back to the
// global value. Nothing is sent when the value was not changed, so opening and closing the
// editor never pins a mitra to the current default by accident.
class CapacityDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    // `defaultCapacity` tells the current global value for the "Default (N)" text.
    explicit CapacityDelegate(std::function<std::optional<int>()> defaultCapacity,
                              QObject *parent = nullptr);

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option,
                          const QModelIndex &index) const override;
    void setEditorData(QWidget *editor, const QModelIndex &index) const override;
    void setModelData(QWidget *editor, QAbstractItemModel *model,
                      const QModelIndex &index) const override;

    static constexpr int kDefaultValue = -1; // the spin box value meaning "use the default"

private:
    std::function<std::optional<int>()> m_defaultCapacity;
};

} // namespace hb::ui

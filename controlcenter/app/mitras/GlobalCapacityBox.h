#pragma once

#include <QFrame>
#include <optional>

class QLabel;
class QPushButton;
class QSpinBox;

namespace hb::ui {

// The one place to edit the global default capacity: "Default capacity [3] customers per
// mitra [Apply]". Shows the server's value as it arrives, except while staff are changing it
// (an incoming stats push must not overwrite what they are typing).
class GlobalCapacityBox : public QFrame
{
    Q_OBJECT

public:
    explicit GlobalCapacityBox(QWidget *parent = nullptr);

    void setServerValue(std::optional<int> value);
    std::optional<int> serverValue() const { return m_serverValue; }
    // Supervisors edit; others see it disabled with `reason` as tooltip.
    void setEditable(bool editable, const QString &reason);
    void setBusy(bool busy);
    QSpinBox *spinBox() const { return m_spin; }
    QPushButton *applyButton() const { return m_apply; }

signals:
    void applyRequested(int maxCustomers);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void updateApply();

    QLabel *m_label;
    QSpinBox *m_spin;
    QLabel *m_unit;
    QPushButton *m_apply;
    std::optional<int> m_serverValue;
    bool m_editable = false;
    bool m_busy = false;
    bool m_dirty = false; // staff changed the value and did not apply it yet
    QString m_reason;
};

} // namespace hb::ui

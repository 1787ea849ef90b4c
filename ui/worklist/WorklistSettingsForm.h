#pragma once

#include "common/RecordForm.h"
#include "worklist/Worklist.h"

class QSpinBox;

namespace cb::ui {

// The worklist's thresholds (how far ahead each part looks), shared by everyone using the file.
class WorklistSettingsForm : public RecordForm {
    Q_OBJECT
public:
    explicit WorklistSettingsForm(Workspace& ws, QWidget* parent = nullptr);
    QSpinBox* spinFor(const QString& key) const { return m_spins.value(key); }
    void restoreDefaults();

protected:
    void commit() override;

private:
    QMap<QString, QSpinBox*> m_spins;
};

} // namespace cb::ui

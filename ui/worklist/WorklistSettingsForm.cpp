#include "worklist/WorklistSettingsForm.h"

#include "common/Workspace.h"
#include "store/Settings.h"

#include <QLabel>
#include <QPushButton>
#include <QSpinBox>

namespace cb::ui {

WorklistSettingsForm::WorklistSettingsForm(Workspace& ws, QWidget* parent)
    : RecordForm(ws, QStringLiteral("Worklist thresholds"), parent) {
    setObjectName(QStringLiteral("worklistSettings"));
    Settings settings(ws.db());
    const WorklistThresholds current = loadWorklistThresholds(settings);
    const WorklistThresholds defaults;
    for (const WorklistSetting& s : worklistSettings()) {
        auto* spin = new QSpinBox(this);
        spin->setObjectName(s.key);
        spin->setRange(s.minimum, s.maximum);
        spin->setSuffix(QLatin1Char(' ') + s.unit);
        spin->setValue(current.*s.member);
        spin->setAccessibleName(s.label);
        spin->setToolTip(QStringLiteral("Default: %1 %2").arg(defaults.*s.member).arg(s.unit));
        addField(s.key, s.label, spin);
        m_spins.insert(s.key, spin);
    }
    auto* note = new QLabel(QStringLiteral("These apply to everyone who uses this database file."), this);
    note->setWordWrap(true);
    addNote(note);
    auto* defaultsButton = new QPushButton(QStringLiteral("Restore &defaults"), this);
    defaultsButton->setObjectName(QStringLiteral("restoreDefaults"));
    connect(defaultsButton, &QPushButton::clicked, this, &WorklistSettingsForm::restoreDefaults);
    addField(QStringLiteral("defaults"), QString(), defaultsButton);
    ws.guard(saveButton());
    markClean();
}

void WorklistSettingsForm::restoreDefaults() {
    const WorklistThresholds defaults;
    for (const WorklistSetting& s : worklistSettings()) m_spins.value(s.key)->setValue(defaults.*s.member);
}

void WorklistSettingsForm::commit() {
    WorklistThresholds t;
    for (const WorklistSetting& s : worklistSettings()) t.*s.member = m_spins.value(s.key)->value();
    Settings settings(m_ws.db());
    saveWorklistThresholds(settings, t);
    m_ws.notifyChanged();
}

} // namespace cb::ui

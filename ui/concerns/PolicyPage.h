#pragma once

#include <QDialog>

namespace cb::ui {

// Settings > Policy: every number Casebook checks (notice periods, list closure months, dental
// thresholds, pharmacy hours, support to improve...), with the regulation or policy it comes
// from. Read-only: the figures are set in core/common/Policy.h, so a manager can see what the
// rules rest on without being able to bend them from one desk.
class PolicyPage : public QDialog {
    Q_OBJECT
public:
    explicit PolicyPage(QWidget* parent = nullptr);
};

} // namespace cb::ui

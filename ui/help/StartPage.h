#pragma once

#include <QWidget>

class QPushButton;

namespace cb::ui {

// The home screen of an empty database: the ways in (import the NHS files, create a contractor,
// open the demo, read the guide) instead of empty charts and "Nothing needs your attention today".
// Joining a team folder is shown, disabled, as coming: team exchange is not built yet.
class StartPage : public QWidget {
    Q_OBJECT
public:
    explicit StartPage(bool readOnly, QWidget* parent = nullptr);
    QPushButton* button(const QString& name) const;

signals:
    void importRequested();
    void newContractorRequested();
    void demoRequested();
    void guideRequested();
};

} // namespace cb::ui

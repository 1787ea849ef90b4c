#pragma once

#include "store/Database.h"

#include <QDialog>
#include <memory>

class QLabel;
class QProgressBar;

namespace cb::ui {

// "Updating your register to this version of Casebook… step N of M": shown, before the main
// window, while a file saved by an older version is migrated. A step can take minutes at national
// scale. There is no Cancel: the update is one transaction, so it is all or nothing, and the dialog
// says that stopping the computer leaves the file as it was. Esc and the close button do nothing.
class MigrationDialog : public QDialog {
    Q_OBJECT
public:
    explicit MigrationDialog(QWidget* parent = nullptr);

    void setStep(int step, int steps);
    QString text() const;
    static QString stepText(int step, int steps);

protected:
    void reject() override {} // nothing to cancel: see the class comment
    void closeEvent(QCloseEvent* event) override;

private:
    QLabel* m_text;
    QProgressBar* m_bar;
};

// Opens path as `new Database(path, access)` does. When the file needs migrating (an older
// Casebook's file opened for writing), the open runs on a worker thread while a MigrationDialog
// shows its steps, so the window stays responsive and the caseworker knows why she waits; each
// step's text is also passed to onStep (tests). Any open error is thrown here, as the constructor's.
std::unique_ptr<Database> openDatabaseShowingMigration(const QString& path, Database::Access access, QWidget* parent,
                                                       const std::function<void(const QString&)>& onStep = {});

} // namespace cb::ui

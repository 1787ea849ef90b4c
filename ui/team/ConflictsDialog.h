#pragma once

#include "team/Team.h"

#include <QDialog>
#include <functional>

class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace cb::ui {

class Workspace;

// Go > Conflicts to decide (and Enter on the worklist's "N conflicts to decide"): every open team
// conflict, with the record, the field, and both values side by side with who changed them, when
// and on which database. The caseworker keeps hers, keeps her colleague's, or types a third value;
// the choice is saved as a normal change, so it syncs and closes the conflict on every replica.
class ConflictsDialog : public QDialog {
    Q_OBJECT
public:
    explicit ConflictsDialog(Workspace& ws, QWidget* parent = nullptr);

    void reload();
    int count() const { return int(m_conflicts.size()); }
    bool select(int row);
    // Decide the selected conflict (as the buttons do); false (and the error shown) when refused.
    bool keepMine();
    bool keepTheirs();
    bool keepTyped(const QString& value);
    // A clash of two records with the same key (two machines added practice B82002): merges them
    // into one (team::mergeConflictRecords); false (and the error shown) when refused.
    bool mergeRecords();
    QString error() const;
    // What happened, in words, for every kind of conflict: a field changed on two machines, what
    // was deleted by whom while it was changed or added to elsewhere, what rule a change broke.
    QString detailText() const;

signals:
    void decided();

private:
    void showCurrent();
    bool decide(const std::function<void(const team::Conflict&)>& how);

    Workspace& m_ws;
    QList<team::Conflict> m_conflicts;
    QLabel* m_summary;
    QTableWidget* m_list;
    QLabel* m_heading;
    QLabel* m_detail;
    QPushButton* m_merge;
    QGroupBox* m_mineBox;
    QGroupBox* m_theirsBox;
    QLabel* m_mineValue;
    QLabel* m_mineWho;
    QLabel* m_theirsValue;
    QLabel* m_theirsWho;
    QPushButton* m_keepMine;
    QPushButton* m_keepTheirs;
    QLineEdit* m_typed;
    QPushButton* m_keepTyped;
    QLabel* m_error;
};

} // namespace cb::ui

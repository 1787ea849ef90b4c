#pragma once

#include "store/Database.h"

#include <QObject>

class QAction;
class QWidget;

namespace cb::ui {

// What every screen shares: the open database, whether it may be changed, and a signal that
// records changed so open views refresh. One Workspace per open database.
class Workspace : public QObject {
    Q_OBJECT
public:
    explicit Workspace(Database& db, QObject* parent = nullptr) : QObject(parent), m_db(db) {}

    Database& db() { return m_db; }
    bool isReadOnly() const { return m_db.isReadOnly(); }
    static QString readOnlyReason();

    // Disables an editing control or action in a read-only database and says why (tooltip and
    // status-bar text). Returns the widget/action for chaining.
    QWidget* guard(QWidget* editingControl) const;
    QAction* guard(QAction* editingAction) const;

    // A register large enough that building a whole-register view (the worklist, the dashboard)
    // takes seconds: those views build off the UI thread or when first shown, so opening the file
    // never waits for them: more than 5,000 contractors (setLargeRegisterAbove; tests lower it).
    // Counted once per workspace.
    bool isLargeRegister();
    static int setLargeRegisterAbove(int contractors); // returns the previous value

    // Screens call this after a save so every open view of that contractor reloads.
    void notifyChanged(const QString& contractorId = {}) { emit changed(contractorId); }

signals:
    void changed(const QString& contractorId); // empty: anything may have changed
    void openContractorRequested(const QString& contractorId);
    void openPerformerRequested(const QString& performerId);

private:
    Database& m_db;
    int m_large = -1; // -1 not yet counted
};

} // namespace cb::ui

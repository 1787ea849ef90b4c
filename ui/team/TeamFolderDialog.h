#pragma once

#include <QDialog>
#include <functional>

class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace cb::ui {

class Workspace;

// File > Team folder…: in a team, says which folder, how colleagues see this database, the team id,
// the last sync and whether the folder can be reached now. Not in a team, offers the two ways in:
// make this database the first member of a new team folder (team init), or join a team folder as a
// new database file, which the app then opens (team join). An error is shown in words beside the
// buttons and nothing is changed.
//
// A team folder may have a passphrase (docs/exchange.md, Encryption): starting one asks for it twice
// (blank: not encrypted); joining an encrypted folder needs it; the member summary says whether the
// folder is encrypted.
class TeamFolderDialog : public QDialog {
    Q_OBJECT
public:
    explicit TeamFolderDialog(Workspace& ws, QWidget* parent = nullptr);

    // The two ways in, as the buttons run them (tests call them after filling the fields).
    bool startTeam();
    bool joinTeam();
    QString error() const;

    // The team's members with when each last synced; a person retires one that will never sync
    // again (a lost laptop, a leaver), after a confirmation saying what it means.
    QTableWidget* memberList() const { return m_members; }
    bool retireSelected();
    // Asks before retiring (a message box by default; tests answer it).
    void setConfirm(std::function<bool(const QString& question)> confirm) { m_confirm = std::move(confirm); }

    QFormLayout* memberForm() const { return m_memberForm; }
    QFormLayout* startForm() const { return m_startForm; }
    QFormLayout* joinForm() const { return m_joinForm; }

signals:
    void syncRequested();
    void teamStarted();
    // A new database file was made from the team folder: the app opens it.
    void joined(const QString& databasePath);

private:
    void build();
    void showError(const QString& message);
    QWidget* folderRow(QLineEdit* edit, const QString& accessibleName, bool saveFile);

    Workspace& m_ws;
    QWidget* m_body = nullptr;
    QFormLayout* m_memberForm = nullptr;
    QFormLayout* m_startForm = nullptr;
    QFormLayout* m_joinForm = nullptr;
    QLineEdit* m_startFolder = nullptr;
    QLineEdit* m_startName = nullptr;
    QLineEdit* m_joinFolder = nullptr;
    QLineEdit* m_joinFile = nullptr;
    QLineEdit* m_joinName = nullptr;
    QLineEdit* m_startPassphrase = nullptr;
    QLineEdit* m_startPassphraseAgain = nullptr;
    QLineEdit* m_joinPassphrase = nullptr;
    QLabel* m_error = nullptr;
    QTableWidget* m_members = nullptr;
    QPushButton* m_retire = nullptr;
    QStringList m_memberIds;
    std::function<bool(const QString&)> m_confirm;
    void fillMembers();
};

} // namespace cb::ui

#include "team/TeamFolderDialog.h"

#include "common/Workspace.h"
#include "team/Team.h"

#include <QApplication>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QHeaderView>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace cb::ui {

namespace {

QLabel* wrapped(const QString& text, QWidget* parent) {
    auto* l = new QLabel(text, parent);
    l->setWordWrap(true);
    return l;
}

QLabel* fact(const QString& name, const QString& text, const QString& accessible, QWidget* parent) {
    auto* l = wrapped(text, parent);
    l->setObjectName(name);
    l->setAccessibleName(accessible);
    l->setTextFormat(Qt::PlainText);
    l->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return l;
}

QLineEdit* edit(const QString& name, const QString& accessible, const QString& placeholder, QWidget* parent) {
    auto* e = new QLineEdit(parent);
    e->setObjectName(name);
    e->setAccessibleName(accessible);
    e->setPlaceholderText(placeholder);
    return e;
}

QLineEdit* secret(const QString& name, const QString& accessible, const QString& placeholder, QWidget* parent) {
    QLineEdit* e = edit(name, accessible, placeholder, parent);
    e->setEchoMode(QLineEdit::Password);
    return e;
}

void chainTabs(std::initializer_list<QWidget*> widgets) {
    QWidget* previous = nullptr;
    for (QWidget* w : widgets) {
        if (!w) continue;
        if (previous) QWidget::setTabOrder(previous, w);
        previous = w;
    }
}

QWidget* startButtonOrNull(QWidget* startBox) { return startBox->findChild<QPushButton*>(QStringLiteral("startTeamButton")); }

} // namespace

TeamFolderDialog::TeamFolderDialog(Workspace& ws, QWidget* parent) : QDialog(parent), m_ws(ws) {
    setObjectName(QStringLiteral("teamFolderDialog"));
    setWindowTitle(QStringLiteral("Team folder"));
    auto* layout = new QVBoxLayout(this);
    m_error = fact(QStringLiteral("teamError"), QString(), QStringLiteral("What went wrong"), this);
    m_error->setStyleSheet(QStringLiteral("font-weight: bold;"));
    m_error->hide();
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->setObjectName(QStringLiteral("teamButtons"));
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addStretch(); // the body goes above (build() replaces it after a team is started)
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    build();
    // Wide enough for a folder path and the hints in the fields (the minimum stays small, for small screens).
    resize(qMax(sizeHint().width(), fontMetrics().averageCharWidth() * 105), sizeHint().height());
}

QString TeamFolderDialog::error() const { return m_error->isHidden() ? QString() : m_error->text(); }

void TeamFolderDialog::showError(const QString& message) {
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
}

QWidget* TeamFolderDialog::folderRow(QLineEdit* e, const QString& accessibleName, bool saveFile) {
    auto* row = new QWidget(m_body);
    auto* h = new QHBoxLayout(row);
    h->setContentsMargins(0, 0, 0, 0);
    e->setParent(row);
    auto* choose = new QPushButton(QStringLiteral("Choose…"), row);
    choose->setObjectName(e->objectName() + QStringLiteral("Choose"));
    choose->setAccessibleName(QStringLiteral("Choose %1").arg(accessibleName));
    h->addWidget(e, 1);
    h->addWidget(choose);
    connect(choose, &QPushButton::clicked, this, [this, e, saveFile] {
        const QString path =
            saveFile ? QFileDialog::getSaveFileName(this, QStringLiteral("Your new database file"), e->text(),
                                                    QStringLiteral("Casebook databases (*.db)"))
                     : QFileDialog::getExistingDirectory(this, QStringLiteral("The team folder"), e->text());
        if (!path.isEmpty()) e->setText(QDir::toNativeSeparators(path));
    });
    return row;
}

void TeamFolderDialog::build() {
    auto* layout = static_cast<QVBoxLayout*>(this->layout());
    if (m_body) {
        layout->removeWidget(m_body);
        m_body->deleteLater();
    }
    m_body = new QWidget(this);
    m_body->setObjectName(QStringLiteral("teamBody"));
    auto* v = new QVBoxLayout(m_body);
    v->setContentsMargins(0, 0, 0, 0);
    m_memberForm = m_startForm = m_joinForm = nullptr;
    m_members = nullptr;
    m_retire = nullptr;
    m_startFolder = m_startName = m_joinFolder = m_joinFile = m_joinName = nullptr;
    m_startPassphrase = m_startPassphraseAgain = m_joinPassphrase = nullptr;
    Database& db = m_ws.db();
    bool member = false;
    try {
        member = team::isMember(db);
    } catch (const Error&) {
        // a read-only file older than the team exchange: not in a team
    }
    if (member) {
        const team::ReplicaInfo info = team::replicaInfo(db);
        const auto last = db.queryOne(QStringLiteral("SELECT last_summary FROM exchange_replica"));
        const QString summary = last ? last->value("last_summary").toString() : QString();
        v->addWidget(wrapped(QStringLiteral("This database is in a team: it sends your changes to the team folder and "
                                            "takes your colleagues' changes from it at every sync."), m_body));
        auto* box = new QGroupBox(QStringLiteral("This database in the team"), m_body);
        m_memberForm = new QFormLayout(box);
        m_memberForm->setRowWrapPolicy(QFormLayout::WrapLongRows);
        m_memberForm->addRow(QStringLiteral("Team folder:"),
                             fact(QStringLiteral("teamFolder"), QDir::toNativeSeparators(info.folder), QStringLiteral("Team folder"), box));
        m_memberForm->addRow(QStringLiteral("Colleagues see it as:"),
                             fact(QStringLiteral("replicaName"), info.name, QStringLiteral("Replica name"), box));
        m_memberForm->addRow(QStringLiteral("Team id:"), fact(QStringLiteral("teamId"), info.teamId, QStringLiteral("Team id"), box));
        m_memberForm->addRow(QStringLiteral("Encrypted:"),
                             fact(QStringLiteral("teamEncrypted"),
                                  info.encrypted ? QStringLiteral("yes: the changes in the folder are sealed with the team passphrase")
                                                 : QStringLiteral("no: anyone who can open the folder can read the changes in it"),
                                  QStringLiteral("Encrypted"), box));
        const bool reachable = team::folderReachable(db);
        m_memberForm->addRow(QStringLiteral("Folder now:"),
                             fact(QStringLiteral("teamReachable"),
                                  reachable ? QStringLiteral("reachable")
                                            : QStringLiteral("not reachable: working offline; your changes are kept and "
                                                             "will sync when it is back"),
                                  QStringLiteral("Folder now"), box));
        m_memberForm->addRow(QStringLiteral("Last sync:"),
                             fact(QStringLiteral("lastSync"), summary.isEmpty() ? QStringLiteral("not yet") : summary,
                                  QStringLiteral("Last sync"), box));
        v->addWidget(box);
        auto* sync = new QPushButton(QStringLiteral("&Sync now"), m_body);
        sync->setObjectName(QStringLiteral("teamSyncButton"));
        m_ws.guard(sync);
        connect(sync, &QPushButton::clicked, this, &TeamFolderDialog::syncRequested);
        v->addWidget(sync, 0, Qt::AlignLeft);

        auto* people = new QGroupBox(QStringLiteral("Members"), m_body);
        people->setObjectName(QStringLiteral("membersBox"));
        auto* pv = new QVBoxLayout(people);
        m_members = new QTableWidget(0, 3, people);
        m_members->setObjectName(QStringLiteral("memberList"));
        m_members->setAccessibleName(QStringLiteral("Members of the team"));
        m_members->setHorizontalHeaderLabels({QStringLiteral("Member"), QStringLiteral("Last synced"), QStringLiteral("Status")});
        m_members->setSelectionBehavior(QAbstractItemView::SelectRows);
        m_members->setSelectionMode(QAbstractItemView::SingleSelection);
        m_members->setEditTriggers(QAbstractItemView::NoEditTriggers);
        m_members->verticalHeader()->hide();
        m_members->horizontalHeader()->setStretchLastSection(true);
        m_members->setMinimumHeight(fontMetrics().height() * 5);
        pv->addWidget(m_members);
        m_retire = new QPushButton(QStringLiteral("&Retire member…"), people);
        m_retire->setObjectName(QStringLiteral("retireMemberButton"));
        m_retire->setToolTip(QStringLiteral("For a member that will never sync again (a lost laptop, a colleague who has "
                                            "left): the team folder stops waiting for it."));
        m_ws.guard(m_retire);
        connect(m_retire, &QPushButton::clicked, this, [this] { retireSelected(); });
        connect(m_members, &QTableWidget::currentCellChanged, this, [this] {
            const int row = m_members->currentRow();
            m_retire->setEnabled(!m_ws.isReadOnly() && row >= 0 && row < m_memberIds.size() && !m_memberIds.at(row).isEmpty());
        });
        pv->addWidget(m_retire, 0, Qt::AlignLeft);
        v->addWidget(people);
        chainTabs({sync, m_members, m_retire});
        fillMembers();
    } else {
        v->addWidget(wrapped(QStringLiteral("This database is not in a team. A team shares its work through a folder "
                                            "everyone can reach (a shared drive, a OneDrive or SharePoint folder, a USB "
                                            "stick): each caseworker keeps her own database and they exchange changes "
                                            "through the folder."), m_body));
        auto* start = new QGroupBox(QStringLiteral("Make this database the first member of a team folder"), m_body);
        start->setObjectName(QStringLiteral("startBox"));
        m_startForm = new QFormLayout(start);
        m_startForm->setRowWrapPolicy(QFormLayout::WrapLongRows);
        m_startFolder = edit(QStringLiteral("startFolder"), QStringLiteral("New team folder"),
                             QStringLiteral("an empty folder on the shared drive"), start);
        m_startName = edit(QStringLiteral("startName"), QStringLiteral("How colleagues see this database"),
                           QStringLiteral("e.g. Alice's desk (blank: your name and this computer's)"), start);
        m_startForm->addRow(QStringLiteral("Team &folder:"), folderRow(m_startFolder, QStringLiteral("the team folder"), false));
        m_startForm->addRow(QStringLiteral("&Name:"), m_startName);
        m_startPassphrase = secret(QStringLiteral("startPassphrase"), QStringLiteral("Team passphrase"),
                                   QStringLiteral("blank: not encrypted; at least 8 characters"), start);
        m_startPassphraseAgain = secret(QStringLiteral("startPassphraseAgain"), QStringLiteral("Team passphrase again"),
                                        QStringLiteral("the same passphrase again"), start);
        m_startForm->addRow(QStringLiteral("Team &passphrase:"), m_startPassphrase);
        m_startForm->addRow(QStringLiteral("Passphrase a&gain:"), m_startPassphraseAgain);
        auto* startButton = new QPushButton(QStringLiteral("&Start the team folder"), start);
        startButton->setObjectName(QStringLiteral("startTeamButton"));
        m_ws.guard(startButton);
        connect(startButton, &QPushButton::clicked, this, [this] { startTeam(); });
        m_startForm->addRow(QString(), startButton);
        v->addWidget(start);
        // Each field's "Choose…" button comes right after it (the field moved into its row after it was made).
        chainTabs({m_startFolder, start->findChild<QPushButton*>(m_startFolder->objectName() + QStringLiteral("Choose")),
                   m_startName, m_startPassphrase, m_startPassphraseAgain, startButton});

        auto* join = new QGroupBox(QStringLiteral("Join a team folder as a new database"), m_body);
        join->setObjectName(QStringLiteral("joinBox"));
        m_joinForm = new QFormLayout(join);
        m_joinForm->setRowWrapPolicy(QFormLayout::WrapLongRows);
        m_joinFolder = edit(QStringLiteral("joinFolder"), QStringLiteral("Team folder to join"),
                            QStringLiteral("the folder a colleague started"), join);
        m_joinFile = edit(QStringLiteral("joinFile"), QStringLiteral("Your new database file"),
                          QStringLiteral("e.g. laptop.db: made from the team's records"), join);
        m_joinName = edit(QStringLiteral("joinName"), QStringLiteral("How colleagues see the new database"),
                          QStringLiteral("e.g. Alice's laptop (blank: your name and this computer's)"), join);
        m_joinForm->addRow(QStringLiteral("Team f&older:"), folderRow(m_joinFolder, QStringLiteral("the team folder to join"), false));
        m_joinForm->addRow(QStringLiteral("New &database:"), folderRow(m_joinFile, QStringLiteral("the new database file"), true));
        m_joinForm->addRow(QStringLiteral("N&ame:"), m_joinName);
        m_joinPassphrase = secret(QStringLiteral("joinPassphrase"), QStringLiteral("Team passphrase to join"),
                                  QStringLiteral("only if the team folder has a passphrase"), join);
        m_joinForm->addRow(QStringLiteral("Pa&ssphrase:"), m_joinPassphrase);
        auto* joinButton = new QPushButton(QStringLiteral("&Join and open the new database"), join);
        joinButton->setObjectName(QStringLiteral("joinTeamButton"));
        connect(joinButton, &QPushButton::clicked, this, [this] { joinTeam(); });
        m_joinForm->addRow(QString(), joinButton);
        v->addWidget(join);
        chainTabs({startButtonOrNull(start), m_joinFolder,
                   join->findChild<QPushButton*>(m_joinFolder->objectName() + QStringLiteral("Choose")), m_joinFile,
                   join->findChild<QPushButton*>(m_joinFile->objectName() + QStringLiteral("Choose")), m_joinName,
                   m_joinPassphrase, joinButton});
    }
    layout->insertWidget(0, m_body);
}

bool TeamFolderDialog::startTeam() {
    if (!m_startFolder || m_ws.isReadOnly()) return false;
    const QString folder = m_startFolder->text().trimmed();
    if (folder.isEmpty()) {
        showError(QStringLiteral("Choose the team folder first: an empty folder on a drive your colleagues can reach."));
        return false;
    }
    const QString passphrase = m_startPassphrase->text();
    if (passphrase != m_startPassphraseAgain->text()) {
        showError(QStringLiteral("The two passphrases are not the same: type the team passphrase again in both boxes "
                                 "(or leave both blank for a folder without one)."));
        return false;
    }
    showError({});
    QApplication::setOverrideCursor(Qt::WaitCursor);
    try {
        team::initTeam(m_ws.db(), QDir::fromNativeSeparators(folder), m_startName->text().trimmed(), passphrase);
    } catch (const Error& e) {
        QApplication::restoreOverrideCursor();
        showError(QStringLiteral("The team folder was not started: %1").arg(e.message()));
        return false;
    }
    QApplication::restoreOverrideCursor();
    build();
    emit teamStarted();
    return true;
}

bool TeamFolderDialog::joinTeam() {
    if (!m_joinFolder) return false;
    const QString folder = QDir::fromNativeSeparators(m_joinFolder->text().trimmed());
    QString file = QDir::fromNativeSeparators(m_joinFile->text().trimmed());
    if (folder.isEmpty()) {
        showError(QStringLiteral("Choose the team folder to join first: the folder a colleague started."));
        return false;
    }
    if (file.isEmpty()) {
        showError(QStringLiteral("Give a name for your new database file (for example laptop.db): your copy of the "
                                 "team's records is made there."));
        return false;
    }
    if (QFileInfo(file).suffix().isEmpty()) file += QStringLiteral(".db");
    file = QFileInfo(file).absoluteFilePath();
    if (QFileInfo::exists(file)) {
        showError(QStringLiteral("%1 already exists: give a new file name for your copy of the team's records.")
                      .arg(QDir::toNativeSeparators(file)));
        return false;
    }
    showError({});
    QApplication::setOverrideCursor(Qt::WaitCursor);
    try {
        team::joinTeam(folder, file, m_joinName->text().trimmed(), m_joinPassphrase->text());
    } catch (const Error& e) {
        QApplication::restoreOverrideCursor();
        // Nothing half-made is left behind: the file did not exist before.
        for (const QString& suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")}) QFile::remove(file + suffix);
        showError(QStringLiteral("You have not joined the team: %1").arg(e.message()));
        return false;
    }
    QApplication::restoreOverrideCursor();
    emit joined(file);
    accept();
    return true;
}

} // namespace cb::ui

namespace cb::ui {

void TeamFolderDialog::fillMembers() {
    if (!m_members) return;
    QList<team::Member> list;
    try {
        list = team::members(m_ws.db());
    } catch (const Error& e) {
        showError(QStringLiteral("The members could not be listed: %1").arg(e.message()));
    }
    m_memberIds.clear();
    m_members->setRowCount(int(list.size()));
    for (int i = 0; i < list.size(); ++i) {
        const team::Member& m = list.at(i);
        const QDateTime last = QDateTime::fromString(m.lastSync, Qt::ISODate);
        const QString status = m.self      ? QStringLiteral("this database")
                               : m.retired ? QStringLiteral("retired by %1 on %2").arg(m.retiredBy, m.retiredAt.left(10))
                                           : QStringLiteral("member");
        const QStringList cells{m.name, last.isValid() ? last.toLocalTime().toString(QStringLiteral("dd/MM/yyyy HH:mm"))
                                                       : QStringLiteral("never"),
                                status};
        for (int c = 0; c < cells.size(); ++c) m_members->setItem(i, c, new QTableWidgetItem(cells.at(c)));
        m_memberIds << (m.self || m.retired ? QString() : m.replicaId); // only these can be retired
    }
    m_members->resizeColumnsToContents();
    m_retire->setEnabled(false);
}

bool TeamFolderDialog::retireSelected() {
    const int row = m_members ? m_members->currentRow() : -1;
    if (m_ws.isReadOnly() || row < 0 || row >= m_memberIds.size() || m_memberIds.at(row).isEmpty()) return false;
    showError(QString());
    try {
        team::Member chosen;
        for (const team::Member& m : team::members(m_ws.db()))
            if (m.replicaId == m_memberIds.at(row)) chosen = m;
        if (chosen.replicaId.isEmpty()) throw Error(QStringLiteral("That member is no longer in the team folder."));
        const QString question = team::retireConsequences(chosen);
        const bool yes = m_confirm ? m_confirm(question)
                                   : QMessageBox::question(this, QStringLiteral("Retire a member"), question,
                                                           QMessageBox::Yes | QMessageBox::Cancel,
                                                           QMessageBox::Cancel) == QMessageBox::Yes;
        if (!yes) return false;
        team::retireMember(m_ws.db(), chosen.replicaId);
    } catch (const Error& e) {
        showError(QStringLiteral("Not retired: %1").arg(e.message()));
        return false;
    }
    fillMembers();
    return true;
}

} // namespace cb::ui

// Widget tests for the LPN screens: roster, roster review, member editor, exports, the practice
// file's LPN tab and read-only sharing.
#include "LpnFixture.h"

#include "common/Ask.h"
#include "common/RecordForm.h"
#include "common/RecordListPanel.h"
#include "common/Workspace.h"
#include "lpn/LpnEditors.h"
#include "lpn/LpnModels.h"
#include "lpn/NetworksPage.h"
#include "lpn/RosterExportDialog.h"
#include "lpn/RosterPdf.h"
#include "shell/MainWindow.h"
#include "store/Settings.h"

#include <QAbstractItemModelTester>
#include <QCryptographicHash>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QTreeView>

using namespace cb;
using namespace cb::ui;
using cbtest::LpnFixture;

namespace {

struct FormDriver {
    explicit FormDriver(RecordForm::Runner drive) { previous = RecordForm::setRunner(std::move(drive)); }
    ~FormDriver() { RecordForm::setRunner(previous); }
    RecordForm::Runner previous;
};

struct Answers {
    Answers() {
        previous = Ask::setHandler([this](QWidget*, const Question& q) {
            asked << q.title + ": " + q.text;
            return 0;
        });
    }
    ~Answers() { Ask::setHandler(previous); }
    QStringList asked;
    Ask::Handler previous;
};

struct Chooser {
    explicit Chooser(const QString& path) {
        previous = RosterExportDialog::setFileChooser([path](QWidget*, const QString&, const QString&) { return path; });
    }
    ~Chooser() { RosterExportDialog::setFileChooser(previous); }
    RosterExportDialog::FileChooser previous;
};

// A network with a healthy core team, an orthodontics group, a loner in no group and a financial
// declaration naming a contractor.
struct Network3 : LpnFixture {
    NetworkMember loner, ann;
    NetworkGroup ortho;
    QString kingsway;
    Network3() {
        healthyCoreTeam();
        ortho = group("clinical", "Orthodontics");
        ann = member("Ann", "Lee");
        seat(ann, ortho, "clinical_group_lead", today.addYears(-3).addDays(30)); // ends in 29 days
        loner = member("Lonnie", "Loner");
        kingsway = contractorWithEvent({});
        Declaration d;
        d.memberId = ann.id;
        d.declaredOn = today.addMonths(-1);
        d.kind = "financial";
        d.description = "Shares in Kingsway Dental Surgery";
        d.contractorId = kingsway;
        d.managedHow = "Leaves the room for Kingsway items";
        s.addDeclaration(d);
    }
};

QByteArray sha256(const QString& path) {
    QFile f(path);
    REQUIRE(f.open(QIODevice::ReadOnly));
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256).toHex();
}

QString readText(const QString& path) {
    QFile f(path);
    REQUIRE(f.open(QIODevice::ReadOnly));
    return QString::fromUtf8(f.readAll());
}

// The text of a PDF, or a null string when pdftotext is not installed.
QString pdfText(const QString& path) {
    const QString tool = QStandardPaths::findExecutable("pdftotext");
    if (tool.isEmpty()) return {};
    QProcess p;
    p.start(tool, {"-layout", path, "-"});
    REQUIRE(p.waitForFinished(30000));
    REQUIRE(p.exitCode() == 0);
    return QString::fromUtf8(p.readAllStandardOutput());
}

QModelIndex findRow(QAbstractItemModel* m, const QString& text) {
    for (int s = 0; s < m->rowCount(); ++s) {
        const QModelIndex section = m->index(s, 0);
        for (int r = 0; r < m->rowCount(section); ++r)
            for (int c = 0; c < m->columnCount(section); ++c)
                if (m->index(r, c, section).data().toString().contains(text)) return m->index(r, 0, section);
    }
    return {};
}

} // namespace

TEST_CASE("the roster shows groups, roles (chair first) and term bars", "[gui][lpn]") {
    Network3 f;
    Workspace ws(f.t.db());
    NetworksPage page(ws);
    QAbstractItemModelTester tester(page.rosterModel(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    REQUIRE(page.networkId() == f.net.id);
    SectionedTableModel* m = page.rosterModel();
    REQUIRE(m->rowCount() == 3);
    CHECK(m->index(0, 0).data().toString() == "Core team — Core team (5 members)");
    CHECK(m->index(1, 0).data().toString() == "Orthodontics — Clinical group (1 member)");
    CHECK(m->index(2, 0).data().toString() == "Not in any group (1 member)");
    const QModelIndex core = m->index(0, 0);
    REQUIRE(m->rowCount(core) == 5);
    CHECK(m->index(0, 0, core).data().toString() == "Daniel Khan");
    CHECK(m->index(0, 1, core).data().toString() == "Chair");
    const QModelIndex term = m->index(0, 4, core);
    CHECK(term.data().toString() == "ends 21/11/2028 (730 days)");
    CHECK(term.data(kTermTextRole).toString() == "ends 21/11/2028 (730 days)");
    CHECK(term.data(kTermElapsedRole).toDouble() == Approx(365.0 / QDate(2025, 11, 22).daysTo(QDate(2028, 11, 21))));
    const QModelIndex ortho = m->index(1, 0);
    CHECK(m->index(0, 4, ortho).data().toString() == "ends 21/12/2026 (29 days)");
    CHECK(m->index(0, 0, m->index(2, 0)).data().toString() == "Lonnie Loner");
    CHECK_FALSE(m->index(0, 4, m->index(2, 0)).data(kTermElapsedRole).isValid()); // no seat, no bar
    // Drawing the bars in both palettes does not need colour to be read: the text is on the bar.
    page.resize(1200, 600);
    page.show();
    QPalette dark;
    dark.setColor(QPalette::Base, QColor(30, 30, 30));
    dark.setColor(QPalette::Text, QColor(235, 235, 235));
    page.rosterView()->setPalette(dark);
    CHECK(!page.rosterView()->viewport()->grab().isNull());
    CHECK(termText(QDate(2026, 10, 1), f.today) == "ended 01/10/2026 (52 days ago)");
    CHECK(termText(f.today, f.today) == "ends today (22/11/2026)");
    CHECK(termText({}, f.today) == "no end date");
}

TEST_CASE("a roster finding opens its member with Enter, the window comes from the setting", "[gui][lpn]") {
    Network3 f;
    Settings(f.t.db()).set(kTermEndingDaysSetting, 20);
    Workspace ws(f.t.db());
    NetworksPage page(ws);
    QAbstractItemModelTester tester(page.reviewModel(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    CHECK(page.withinDays()->value() == 20);
    CHECK_FALSE(findRow(page.reviewModel(), "Ann Lee's term").isValid()); // 29 days away: outside 20
    page.withinDays()->setValue(lpn::kTermEndingWarningDays);
    const QModelIndex ending = findRow(page.reviewModel(), "Ann Lee's term");
    REQUIRE(ending.isValid());
    CHECK(ending.parent().data().toString() == "Term ending (1)");
    CHECK(ending.data().toString() == "Medium");
    CHECK(!ending.data(Qt::DecorationRole).isNull()); // an icon as well as the word

    const QModelIndex loner = findRow(page.reviewModel(), "Lonnie Loner");
    REQUIRE(loner.isValid());
    QString opened;
    FormDriver driver([&](RecordForm& form) {
        if (auto* e = qobject_cast<MemberEditor*>(&form)) opened = e->memberId();
        return int(QDialog::Rejected);
    });
    page.show();
    page.showReview();
    page.reviewView()->setFocus();
    page.reviewView()->setCurrentIndex(loner);
    QTest::keyClick(page.reviewView(), Qt::Key_Return);
    CHECK(opened == f.loner.id);
    opened.clear();
    page.openFinding(ending.siblingAtColumn(1));
    CHECK(opened == f.ann.id);
}

TEST_CASE("the member editor shows what is wrong beside the field and writes nothing", "[gui][lpn]") {
    Network3 f;
    Workspace ws(f.t.db());
    const qint64 members = cbtest::count(f.t.db(), "lpn_member");
    const qint64 audit = cbtest::count(f.t.db(), "audit");
    NetworkMember m;
    m.networkId = f.net.id;
    MemberEditor editor(ws, m);
    qobject_cast<QLineEdit*>(editor.fieldEditor("givenName"))->setText("Zed");
    CHECK_FALSE(editor.save());
    CHECK(editor.issueText("familyName") == "Enter the member's family name.");
    CHECK(cbtest::count(f.t.db(), "lpn_member") == members);
    CHECK(cbtest::count(f.t.db(), "audit") == audit);
    CHECK_FALSE(editor.declarations()->addButton()->isEnabled()); // declarations need a saved member
    CHECK(editor.declarations()->addButton()->toolTip().contains("Save the member first"));

    qobject_cast<QLineEdit*>(editor.fieldEditor("familyName"))->setText("Zebedee");
    REQUIRE(editor.save());
    CHECK(cbtest::count(f.t.db(), "lpn_member") == members + 1);
}

TEST_CASE("a member's declarations list, and Mark reviewed today saves the date", "[gui][lpn]") {
    Network3 f;
    Workspace ws(f.t.db());
    MemberEditor editor(ws, *f.s.member(f.ann.id));
    QAbstractItemModelTester tester(editor.declarations()->model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    RecordTableModel* m = editor.declarations()->model();
    REQUIRE(m->rowCount() == 2); // "none" from the fixture and the financial one
    bool sawKingsway = false;
    for (int r = 0; r < m->rowCount(); ++r)
        if (m->index(r, 3).data().toString() == "V100001 Kingsway Dental Surgery") {
            sawKingsway = true;
            editor.declarations()->view()->setCurrentIndex(m->index(r, 0));
        }
    REQUIRE(sawKingsway);
    editor.markSelectedReviewedToday();
    bool reviewed = false;
    for (const Declaration& d : f.s.declarations(f.ann.id))
        if (d.kind == "financial") reviewed = d.reviewedOn == f.today;
    CHECK(reviewed);
}

TEST_CASE("roster exports leave declarations out unless asked, then say CONFIDENTIAL", "[gui][lpn]") {
    Network3 f;
    Workspace ws(f.t.db());
    Answers answers;
    const QString csv = f.t.file("roster.csv");
    {
        Chooser choose(csv);
        RosterExportDialog d(ws, f.net.id);
        d.setFormat(RosterExportDialog::Format::Csv);
        for (QPushButton* b : d.findChildren<QPushButton*>())
            if (b->accessibleName() == "Choose the file to write") b->click();
        CHECK(d.path() == csv);
        REQUIRE(d.exportNow());
        CHECK(d.lastResult().path == csv);
    }
    const QString plain = readText(csv);
    CHECK(plain.contains("Daniel Khan"));
    CHECK_FALSE(plain.contains("Kingsway"));
    CHECK_FALSE(plain.contains("CONFIDENTIAL"));

    // PDF, by default: the roster and nothing confidential.
    const QString html = rosterHtml(f.t.db(), f.net.id);
    CHECK(html.contains("Daniel Khan"));
    CHECK(html.contains("21/11/2028"));
    CHECK_FALSE(html.contains("Kingsway"));
    CHECK_FALSE(html.contains("CONFIDENTIAL"));
    RosterExportDialog d(ws, f.net.id);
    d.setFormat(RosterExportDialog::Format::Pdf);
    d.setPath(f.t.file("roster.pdf"));
    REQUIRE(d.exportNow());
    CHECK(d.lastResult().path == f.t.file("roster.pdf"));
    CHECK(d.lastResult().seats == 6);
    REQUIRE(QFile::exists(f.t.file("roster.pdf")));
    CHECK(readText(f.t.file("roster.pdf")).startsWith("%PDF"));
    const QString text = pdfText(f.t.file("roster.pdf"));
    if (text.isNull()) WARN("Skipped reading the PDF's text: pdftotext is not installed");
    else {
        CHECK(text.contains("Test Dental Network"));
        CHECK(text.contains("Daniel Khan"));
        CHECK_FALSE(text.contains("Kingsway"));
        CHECK_FALSE(text.contains("CONFIDENTIAL"));
    }

    // Ticked: the file name and its first line say so, and the details are there.
    d.setIncludeDeclarations(true);
    d.setPath(f.t.file("roster.pdf"));
    REQUIRE(d.exportNow());
    CHECK(d.lastResult().path == f.t.file("roster-CONFIDENTIAL.pdf"));
    CHECK(d.lastResult().declarations == 8); // everyone's "none" and Ann's shares
    const QString secret = pdfText(d.lastResult().path);
    if (!secret.isNull()) {
        CHECK(secret.trimmed().startsWith("CONFIDENTIAL"));
        CHECK(secret.contains("Kingsway"));
    }
    CHECK(rosterHtml(f.t.db(), f.net.id, {true, {}}).contains("Shares in Kingsway Dental Surgery"));
    CHECK(answers.asked.last().startsWith("Roster exported: Wrote 6 seats and 8 declarations"));

    // A folder that cannot be written: told why, and no file.
    d.setIncludeDeclarations(false);
    d.setPath(f.t.file("missing/folder/roster.pdf"));
    CHECK_FALSE(d.exportNow());
    CHECK(answers.asked.last().startsWith("Roster not exported: Could not write"));
    CHECK_FALSE(QFile::exists(f.t.file("missing/folder/roster.pdf")));
}

TEST_CASE("the practice file's LPN tab lists the contractor's people on networks and opens them", "[gui][lpn]") {
    Network3 f;
    const QString performer = Database::newId();
    f.t.db().write([&] {
        f.t.db().save("performer", {{"id", performer}, {"given_name", "Ngozi"}, {"family_name", "Robinson"},
                                            {"profession", "dentist"}, {"registration_body", "GDC"},
                                            {"registration_number", "123456"}, {"list_status", "included"}});
        f.t.db().save("performer_link", {{"id", Database::newId()}, {"performer_id", performer},
                                                 {"contractor_id", f.kingsway}, {"role", "associate"},
                                                 {"from_date", "2020-01-01"}});
    });
    NetworkMember ngozi;
    for (const NetworkMember& m : f.s.members(f.net.id))
        if (m.familyName == "Robinson") ngozi = m;
    ngozi.performerId = performer;
    f.s.updateMember(ngozi);

    Workspace ws(f.t.db());
    MainWindow window(ws);
    window.openContractor(f.kingsway, "lpn");
    auto* table = window.findChild<QTableView*>("lpnMembersTable");
    REQUIRE(table);
    QAbstractItemModelTester tester(table->model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    REQUIRE(table->model()->rowCount() == 1);
    CHECK(table->model()->index(0, 0).data().toString() == "Ngozi Robinson");
    CHECK(table->model()->index(0, 1).data().toString() == "Test Dental Network");
    CHECK(table->model()->index(0, 2).data().toString() == "Core team clinician, Core team");
    QString opened, info;
    FormDriver driver([&](RecordForm& form) {
        if (auto* e = qobject_cast<MemberEditor*>(&form)) {
            opened = e->memberId();
            info = e->findChild<QLabel*>("performerInfo")->text();
        }
        return int(QDialog::Rejected);
    });
    table->setCurrentIndex(table->model()->index(0, 0));
    QTest::keyClick(table, Qt::Key_Return);
    CHECK(opened == ngozi.id);
    CHECK(info == "Registration: GDC 123456\nWorks at: V100001 Kingsway Dental Surgery");
}

TEST_CASE("a shared copy opened read-only: editing disabled with the reason, review and export work, file unchanged",
          "[gui][lpn][readonly]") {
    QTemporaryDir dir;
    const QString path = dir.filePath("shared.db");
    {
        Network3 f;
        Meeting mt;
        mt.groupId = f.core.id;
        mt.date = f.today.addDays(-10);
        f.s.createMeeting(mt);
        f.t.db().backupTo(path);
    }
    REQUIRE_FALSE(QFile::exists(path + "-wal"));
    const QByteArray before = sha256(path);
    {
        Database db(path, Database::Access::ReadOnly);
        Workspace ws(db);
        MainWindow window(ws);
        REQUIRE(window.showPage("networks"));
        auto* page = qobject_cast<NetworksPage*>(window.page("networks"));
        REQUIRE(page);
        for (const char* name : {"newNetworkButton", "newGroupButton", "newMemberButton", "addSeatButton", "editSeatButton",
                                 "meetingsAdd", "meetingsDelete"}) {
            INFO(name);
            auto* b = page->findChild<QPushButton*>(name);
            REQUIRE(b);
            CHECK_FALSE(b->isEnabled());
            CHECK(b->toolTip() == Workspace::readOnlyReason());
        }
        CHECK(page->findChild<QPushButton*>("exportRosterButton")->isEnabled());
        // Editors open to read, never to save.
        QStringList forms;
        FormDriver driver([&](RecordForm& form) {
            forms << form.objectName();
            CHECK_FALSE(form.saveButton()->isEnabled());
            CHECK_FALSE(form.save());
            if (auto* e = qobject_cast<MemberEditor*>(&form)) {
                CHECK_FALSE(e->fieldEditor("familyName")->isEnabled());
                CHECK_FALSE(e->declarations()->addButton()->isEnabled());
                auto* reviewed = e->findChild<QPushButton*>("markReviewedButton");
                CHECK_FALSE(reviewed->isEnabled());
                CHECK(reviewed->toolTip() == Workspace::readOnlyReason());
            }
            return int(QDialog::Rejected);
        });
        // The review runs.
        page->withinDays()->setValue(60);
        const QModelIndex ending = findRow(page->reviewModel(), "Ann Lee's term");
        REQUIRE(ending.isValid());
        page->openFinding(ending);
        page->openRosterItem(page->rosterModel()->index(0, 0));
        CHECK(forms == QStringList{"memberEditor", "groupEditor"});
        // Exports go to other files.
        Answers answers;
        RosterExportDialog d(ws, page->networkId());
        d.setFormat(RosterExportDialog::Format::Xlsx);
        d.setPath(dir.filePath("roster.xlsx"));
        REQUIRE(d.exportNow());
        d.setFormat(RosterExportDialog::Format::Pdf);
        REQUIRE(d.exportNow());
        CHECK(QFile::exists(dir.filePath("roster.xlsx")));
        CHECK(QFile::exists(dir.filePath("roster.pdf")));
        CHECK_FALSE(QFile::exists(path + "-wal"));
        CHECK_FALSE(QFile::exists(path + "-shm"));
    }
    CHECK(sha256(path) == before);
    CHECK_FALSE(QFile::exists(path + "-wal"));
    CHECK_FALSE(QFile::exists(path + "-shm"));
    CHECK_FALSE(QFile::exists(path + "-journal"));
}

// Widget tests for File > Import (preview, rejections, commit, refused files), File > Export
// (with and without confidential records, failures), the practice-file PDF and read-only sharing.
#include "TestSupport.h"

#include "common/Ask.h"
#include "common/Workspace.h"
#include "contractors/PracticeFile.h"
#include "dashboard/DashboardPage.h"
#include "demo/DemoSeeder.h"
#include "exchange/ExchangeActions.h"
#include "exchange/ExchangeFiles.h"
#include "exchange/ExchangeTables.h"
#include "exchange/ExportDialog.h"
#include "exchange/ImportDialog.h"
#include "exchange/PdfReport.h"
#include "exchange/PracticeFileReport.h"
#include "exchange/OdsImport.h"
#include "exchange/RecordExchange.h"
#include "shell/MainWindow.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTableWidget>
#include <QTest>
#include <QTimer>

using namespace cb;
using namespace cb::ui;
using namespace cb::exchange;
using cbtest::TempDb;

namespace {

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

// Answers every file question with the given paths, and records what was asked.
QByteArray fileHash(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

struct Files {
    explicit Files(QStringList paths) {
        previous = ExchangeFiles::setChooser([this, paths](QWidget*, const FileRequest& r) {
            requests << r;
            return paths;
        });
    }
    ~Files() { ExchangeFiles::setChooser(previous); }
    QList<FileRequest> requests;
    ExchangeFiles::Chooser previous;
};

QString odsRow(const QString& code, const QString& name, const QString& open, const QString& status,
               const QString& setting = "4") {
    QStringList f(kOdsFieldCount);
    f[0] = code, f[1] = name, f[4] = "THE HEALTH CENTRE", f[6] = "STOCKTON-ON-TEES", f[9] = "TS18 1HU", f[10] = open,
    f[12] = status, f[13] = "B", f[14] = "00K", f[23] = "00K", f[25] = setting;
    for (QString& s : f) s = '"' + s + '"';
    return f.join(',') + "\r\n";
}

// Seven new practices, one with a broken open date (line 4: stored without it, with a data-quality
// note), a status Casebook does not know (line 2), an out-of-hours service (line 5, skipped) and a
// short row (line 7).
QString writeExtract(const TempDb& t) {
    const QString path = t.file("epraccur.csv");
    QFile f(path);
    REQUIRE(f.open(QIODevice::WriteOnly));
    f.write((odsRow("A81001", "THE LAWSON STREET SURGERY", "19740401", "A") + odsRow("A81002", "LARCHFIELD", "19740401", "X") +
             odsRow("A81003", "VICTORIA MEDICAL PRACTICE", "19740401", "A") + odsRow("A81004", "BROKEN DATE", "1974-04-01", "A") +
             odsRow("A81005", "OUT OF HOURS", "19740401", "A", "1") + odsRow("A81006", "TRINITY", "19740401", "A") +
             "\"A81007\",\"SHORT ROW\"\r\n" + odsRow("A81008", "HIGH STREET", "19740401", "A") +
             odsRow("A81009", "PARK LANE", "19740401", "A") + odsRow("A81010", "MILL ROAD", "19740401", "A"))
                .toLatin1());
    return path;
}

qint64 rows(Database& db) { return cbtest::count(db, "contractor"); }
qint64 audits(Database& db) { return cbtest::count(db, "audit"); }

QString readAll(const QString& path) {
    QFile f(path);
    REQUIRE(f.open(QIODevice::ReadOnly));
    return QString::fromUtf8(f.readAll());
}

} // namespace

TEST_CASE("the import preview shows counts and every rejection with its line, and Cancel changes nothing", "[gui][exchange]") {
    TempDb t;
    Workspace ws(t.db());
    const QString path = writeExtract(t);
    const qint64 contractorsBefore = rows(t.db()), auditBefore = audits(t.db());

    ImportDialog d(ws);
    d.setSource(ImportDialog::Source::Ods);
    Files files({path});
    d.chooseFiles();
    REQUIRE(files.requests.size() == 1);
    CHECK(files.requests.first().mode == FileRequest::Mode::OpenMany); // several extracts at once
    REQUIRE(d.errorText().isEmpty());
    const ImportSummary& s = d.summary();
    REQUIRE(s.files.size() == 1);
    CHECK_FALSE(s.committed);
    CHECK(s.files[0].description == odsKindDescription(OdsKind::Practices));
    CHECK(s.added() == 7);
    CHECK(s.skipped() == 1);
    CHECK(s.rejected() == 2);

    // The per-file table shows the same counts.
    auto* table = d.findChild<QTableWidget*>("importFileCounts");
    REQUIRE(table);
    REQUIRE(table->rowCount() == 1);
    CHECK(table->item(0, 0)->text() == "epraccur.csv");
    CHECK(table->item(0, 3)->text() == "10"); // rows
    CHECK(table->item(0, 4)->text() == "7");  // new
    CHECK(table->item(0, 7)->text() == "1");  // skipped
    CHECK(table->item(0, 8)->text() == "2");  // rejected
    CHECK(d.findChild<QLabel*>("importStatus")->text().contains("nothing has changed yet"));
    CHECK(d.findChild<QPlainTextEdit*>("importNotes")->toPlainText().contains("skipped 1 row"));
    CHECK(d.findChild<QPlainTextEdit*>("importNotes")->toPlainText().contains("data quality, 1 row — The open date"));

    // Rejections: line, code and a reason a caseworker can act on; sorted by line.
    RejectionsModel* m = d.rejections();
    QAbstractItemModelTester tester(m, QAbstractItemModelTester::FailureReportingMode::Warning);
    REQUIRE(m->rowCount() == 2);
    auto cell = [&](int r, int c) { return m->data(m->index(r, c)).toString(); };
    CHECK(cell(0, RejectionsModel::Line) == "2");
    CHECK(cell(0, RejectionsModel::Key) == "A81002");
    CHECK(cell(0, RejectionsModel::Reason).contains("status \"X\""));
    CHECK(cell(1, RejectionsModel::Line) == "7");
    CHECK(cell(1, RejectionsModel::Reason).contains("2 fields"));
    d.rejectionsView()->sortByColumn(RejectionsModel::Line, Qt::DescendingOrder);
    CHECK(cell(0, RejectionsModel::Line) == "7");
    CHECK(cell(1, RejectionsModel::Line) == "2");
    d.rejectionsView()->sortByColumn(RejectionsModel::Key, Qt::AscendingOrder);
    CHECK(cell(0, RejectionsModel::Key) == "A81002");

    // Copyable: every rejection as tab-separated lines, header first.
    d.findChild<QPushButton*>("copyRejections")->click();
    const QStringList copied = QApplication::clipboard()->text().split('\n', Qt::SkipEmptyParts);
    REQUIRE(copied.size() == 3);
    CHECK(copied[0] == "File\tLine\tCode / id\tReason");
    CHECK(copied[1].startsWith("epraccur.csv\t2\tA81002\t"));

    CHECK(d.importButton()->isEnabled());
    d.findChild<QPushButton*>("cancelImport")->click();
    CHECK(d.result() == QDialog::Rejected);
    CHECK(rows(t.db()) == contractorsBefore);
    CHECK(audits(t.db()) == auditBefore);
}

TEST_CASE("Import commits the previewed files, refreshes open views and a second import changes nothing", "[gui][exchange]") {
    TempDb t;
    Workspace ws(t.db());
    QSignalSpy changed(&ws, &Workspace::changed);
    const QString path = writeExtract(t);
    Answers answers;
    {
        ImportDialog d(ws);
        d.setSource(ImportDialog::Source::Ods);
        d.setFiles({path});
        REQUIRE(d.preview());
        d.importButton()->click();
        CHECK(d.result() == QDialog::Accepted);
        CHECK(d.summary().committed);
    }
    CHECK(rows(t.db()) == 7);
    CHECK(t.db().scalar("SELECT count(*) FROM audit WHERE source = 'import epraccur.csv'").toInt() >= 7);
    CHECK(t.db().scalar("SELECT name FROM contractor WHERE ods_code = 'A81006'").toString() == "TRINITY");
    REQUIRE(changed.size() == 1);
    REQUIRE(answers.asked.size() == 1);
    CHECK(answers.asked[0].startsWith("Import finished: Imported epraccur.csv."));
    CHECK(answers.asked[0].contains("7 added, 0 updated, 0 unchanged, 1 skipped. 2 rows were rejected"));

    // The same file again: nothing to import, nothing written.
    const qint64 auditBefore = audits(t.db());
    ImportDialog again(ws);
    again.setFiles({path});
    REQUIRE(again.preview());
    CHECK(again.summary().unchanged() == 7);
    CHECK_FALSE(again.importButton()->isEnabled());
    CHECK(again.findChild<QLabel*>("importStatus")->text().contains("Nothing to import"));
    CHECK_FALSE(again.importNow());
    CHECK(audits(t.db()) == auditBefore);
}

TEST_CASE("a file that is not what it claims shows why and changes nothing", "[gui][exchange]") {
    TempDb t;
    Workspace ws(t.db());
    const qint64 auditBefore = audits(t.db());
    // A Payments to General Practice file offered as an ODS extract.
    const QString path = t.file("payments.csv");
    {
        QFile f(path);
        REQUIRE(f.open(QIODevice::WriteOnly));
        f.write("Practice Code,Practice Name,Contract Type,Number of Registered Patients (Last Known Figure)\r\n"
                "A81001,THE LAWSON STREET SURGERY,GMS,4321\r\n");
    }
    ImportDialog d(ws);
    d.setSource(ImportDialog::Source::Ods);
    d.setFiles({path});
    CHECK_FALSE(d.preview());
    INFO(d.errorText().toStdString());
    CHECK_FALSE(d.errorText().isEmpty());
    bool threw = false;
    try {
        ImportJob::ods({path});
    } catch (const ImportError& e) {
        threw = true;
        CHECK(d.errorText() == e.message()); // the core's message, as is
    }
    CHECK(threw);
    CHECK(d.findChild<QLabel*>("importError")->isVisibleTo(&d));
    CHECK(d.findChild<QLabel*>("importStatus")->text().contains("nothing has changed"));
    CHECK_FALSE(d.importButton()->isEnabled());
    CHECK_FALSE(d.importNow());
    CHECK(d.rejections()->rowCount() == 0);

    // A Casebook CSV of another record type is refused the same way.
    d.setSource(ImportDialog::Source::Csv, "sites");
    d.setFiles({path});
    CHECK_FALSE(d.preview());
    CHECK_FALSE(d.errorText().isEmpty());
    CHECK(rows(t.db()) == 0);
    CHECK(audits(t.db()) == auditBefore);
}

TEST_CASE("export leaves confidential records out unless included, and says so", "[gui][exchange]") {
    TempDb t;
    seedDemo(t.db(), {60, 1, {}});
    Workspace ws(t.db());
    int secret = 0, total = 0;
    for (const ExchangeTable& table : standardTables())
        if (tableExists(t.db(), table.table)) {
            secret += confidentialCount(t.db(), table);
            total += int(cbtest::count(t.db(), table.table));
        }
    REQUIRE(secret > 0); // the demo has confidential concerns
    Answers answers;

    SECTION("JSON without confidential records") {
        ExportDialog d(ws);
        d.setFormat(ExportDialog::Format::Json);
        CHECK_FALSE(d.findChild<QCheckBox*>("includeConfidential")->isChecked()); // off by default
        CHECK(d.warningText().contains("left out"));
        Files files({t.file("register.json")});
        d.findChild<QPushButton*>("chooseExportFile")->click();
        CHECK(d.path() == t.file("register.json"));
        CHECK(d.planText().contains(QString("%L1 confidential records left out").arg(secret)));
        d.findChild<QPushButton*>("exportButton")->click();
        CHECK(d.result() == QDialog::Accepted);
        CHECK(d.lastResult().path == t.file("register.json"));
        CHECK(d.lastResult().records == total - secret);
        CHECK(d.lastResult().confidentialLeftOut == secret);
        const QString json = readAll(t.file("register.json"));
        CHECK(json.contains("\"confidential\": false"));
        CHECK_FALSE(json.contains("CONFIDENTIAL"));
        REQUIRE(answers.asked.size() == 1);
        CHECK(answers.asked[0].contains(QString("%L1 confidential records were left out.").arg(secret)));
        CHECK(answers.asked[0].contains(QDir::toNativeSeparators(t.file("register.json"))));
    }
    SECTION("JSON with confidential records: warned, CONFIDENTIAL- in the name and the first line") {
        ExportDialog d(ws);
        d.setFormat(ExportDialog::Format::Json);
        d.setPath(t.file("register.json"));
        d.setIncludeConfidential(true);
        CHECK(d.warningText().contains("CONFIDENTIAL-"));
        CHECK(d.planText().contains("CONFIDENTIAL-register.json"));
        REQUIRE(d.exportNow());
        CHECK(d.lastResult().path == t.file("CONFIDENTIAL-register.json"));
        CHECK(d.lastResult().records == total);
        CHECK_FALSE(QFile::exists(t.file("register.json")));
        const QString json = readAll(t.file("CONFIDENTIAL-register.json"));
        CHECK(json.section('\n', 1, 1).contains("CONFIDENTIAL"));
        REQUIRE(answers.asked.size() == 1);
        CHECK(answers.asked[0].contains("CONFIDENTIAL-register.json"));
        CHECK(answers.asked[0].contains("includes confidential records"));
    }
    SECTION("CSV of contractors and an Excel workbook") {
        ExportDialog d(ws);
        d.setFormat(ExportDialog::Format::Csv, "contractors");
        d.setPath(t.file("contractors.txt"));
        CHECK(d.path() == t.file("contractors.csv")); // the extension follows the format
        REQUIRE(d.exportNow());
        CHECK(d.lastResult().records == int(rows(t.db())));
        QFile raw(t.file("contractors.csv"));
        REQUIRE(raw.open(QIODevice::ReadOnly));
        CHECK(raw.read(3) == QByteArray("\xEF\xBB\xBF")); // UTF-8 with BOM
        const QString csv = readAll(t.file("contractors.csv"));
        CHECK(csv.section("\r\n", 0, 0).contains("ods_code"));
        CHECK(csv.count("\r\n") >= rows(t.db()) + 1);
        d.setFormat(ExportDialog::Format::Xlsx);
        REQUIRE(d.exportNow());
        CHECK(d.lastResult().path == t.file("contractors.xlsx"));
        CHECK(readAll(t.file("contractors.xlsx")).startsWith("PK"));
    }
    SECTION("an unwritable folder says why and leaves no file") {
        ExportDialog d(ws);
        d.setFormat(ExportDialog::Format::Xlsx);
        d.setPath(t.file("no-such-folder/register.xlsx"));
        CHECK_FALSE(d.exportNow());
        REQUIRE(answers.asked.size() == 1);
        CHECK(answers.asked[0].startsWith("Not exported: "));
        CHECK(answers.asked[0].contains("No file was written."));
        CHECK_FALSE(QFile::exists(t.file("no-such-folder/register.xlsx")));
        CHECK(d.result() != QDialog::Accepted);
    }
}

TEST_CASE("File menu: Import, Export and the practice file as PDF", "[gui][exchange]") {
    TempDb t;
    seedDemo(t.db(), {20, 1, {}});
    Workspace ws(t.db());
    MainWindow window(ws);
    auto* import = window.findChild<QAction*>("importAction");
    auto* exportAction = window.findChild<QAction*>("exportAction");
    auto* pdf = window.findChild<QAction*>("practicePdfAction");
    REQUIRE(import);
    REQUIRE(exportAction);
    REQUIRE(pdf);
    CHECK(import->shortcut() == QKeySequence(Qt::CTRL | Qt::Key_I));
    CHECK(window.menu("file")->actions().contains(import));
    CHECK(import->isEnabled());

    int opened = 0;
    const auto oldImport = ImportDialog::setRunner([&](ImportDialog&) { ++opened; });
    const auto oldExport = ExportDialog::setRunner([&](ExportDialog& d) {
        ++opened;
        CHECK(d.planText().contains("records"));
    });
    import->trigger();
    exportAction->trigger();
    ImportDialog::setRunner(oldImport);
    ExportDialog::setRunner(oldExport);
    CHECK(opened == 2);

    // The PDF needs an open practice file.
    CHECK_FALSE(pdf->isEnabled());
    const QString id = t.db().scalar("SELECT id FROM contractor WHERE contractor_group = 'general_practice' ORDER BY ods_code LIMIT 1").toString();
    window.openContractor(id);
    CHECK(pdf->isEnabled());
    Answers answers;
    Files files({t.file("practice")});
    pdf->trigger();
    REQUIRE(files.requests.size() == 1);
    CHECK(files.requests[0].mode == FileRequest::Mode::Save);
    CHECK(files.requests[0].suggested.endsWith(QString("practice-file-%1.pdf").arg(window.practiceFile()->contractor().odsCode)));
    REQUIRE(QFile::exists(t.file("practice.pdf")));
    CHECK(readAll(t.file("practice.pdf")).startsWith("%PDF"));
    REQUIRE(answers.asked.size() == 1);
    CHECK(answers.asked[0].startsWith("Practice file saved"));
    window.showPage("contractors");
    CHECK_FALSE(pdf->isEnabled());
}

TEST_CASE("a read-only database: Import is disabled and says why, Export and the PDF still work", "[gui][exchange][readonly]") {
    TempDb t;
    seedDemo(t.db(), {20, 1, {}});
    const QString id = t.db().scalar("SELECT id FROM contractor ORDER BY ods_code LIMIT 1").toString();
    t.database.reset();
    Database db(t.path(), Database::Access::ReadOnly);
    Workspace ws(db);
    MainWindow window(ws);
    auto* import = window.findChild<QAction*>("importAction");
    REQUIRE(import);
    CHECK_FALSE(import->isEnabled());
    CHECK(import->toolTip() == Workspace::readOnlyReason());
    CHECK(window.findChild<QAction*>("exportAction")->isEnabled());

    ImportDialog d(ws);
    CHECK_FALSE(d.findChild<QPushButton*>("chooseImportFiles")->isEnabled());
    CHECK_FALSE(d.importButton()->isEnabled());
    CHECK(d.importButton()->toolTip() == Workspace::readOnlyReason());
    d.setFiles({t.file("anything.csv")});
    CHECK_FALSE(d.preview());

    Answers answers;
    ExportDialog e(ws);
    e.setFormat(ExportDialog::Format::Json);
    e.setPath(t.file("shared.json"));
    REQUIRE(e.exportNow());
    CHECK(QFile::exists(t.file("shared.json")));

    window.openContractor(id);
    auto* pdf = window.findChild<QAction*>("practicePdfAction");
    REQUIRE(pdf->isEnabled());
    Files files({t.file("shared.pdf")});
    pdf->trigger();
    CHECK(QFile::exists(t.file("shared.pdf")));
}

TEST_CASE("the real epraccur extract previews through the dialog with the core's counts, the window kept alive",
          "[gui][exchange][realdata]") {
    const QString data = cbtest::sharedDataDir();
    if (data.isEmpty()) {
        CB_SKIP("no shared data folder (set CASEBOOK_SHARED_DATA)");
    }
    const QString path = data + "/ods/epraccur.csv";
    if (!QFile::exists(path)) {
        CB_SKIP(path.toStdString() << " is absent");
    }
    TempDb t;
    Workspace ws(t.db());
    ImportDialog d(ws);
    d.setSource(ImportDialog::Source::Ods);
    d.setFiles({path});
    // The UI thread keeps running its event loop while the worker reads and previews.
    int ticks = 0;
    QTimer timer;
    QObject::connect(&timer, &QTimer::timeout, [&] { ++ticks; });
    timer.start(20);
    QElapsedTimer clock;
    clock.start();
    REQUIRE(d.preview());
    const qint64 ms = clock.elapsed();
    timer.stop();
    WARN("epraccur preview through the dialog: " << ms << " ms, UI timer ticked " << ticks << " times");
    CHECK(ticks > 0);
    CHECK(d.summary().added() == 8204);
    CHECK(d.summary().skipped() == 6153);
    CHECK(d.summary().rejected() == 0);
    CHECK(d.rejections()->rowCount() == 0);
    CHECK(rows(t.db()) == 0);
}

TEST_CASE("a PDF or dashboard export onto the open database is refused and the database is untouched", "[gui][export][safety]") {
    cbtest::TempDb t;
    SeedOptions seed;
    seed.contractors = 10;
    seedDemo(t.db(), seed);
    const qint64 contractors = cbtest::count(t.db(), "contractor");
    t.db().scalar("PRAGMA wal_checkpoint(TRUNCATE)");
    const QByteArray before = fileHash(t.path());
    REQUIRE_FALSE(before.isEmpty());

    // The practice file as PDF, onto the database itself and onto its -wal.
    const QString ods = t.db().scalar("SELECT ods_code FROM contractor ORDER BY ods_code LIMIT 1").toString();
    for (const QString& target : {t.path(), t.path() + "-wal"}) {
        INFO(target.toStdString());
        try {
            writePracticeFilePdf(exchange::practiceFile(t.db(), ods), target);
            FAIL("the practice file PDF was written over the database");
        } catch (const Error& e) {
            CHECK(e.message().contains("database"));
            CHECK(e.message().contains("Choose another file name"));
        }
    }

    {
        // The dashboard as PDF, and one chart as a picture.
        Workspace ws(t.db());
        DashboardPage dashboard(ws);
        QString why;
        CHECK_FALSE(dashboard.exportPdf(t.path(), &why));
        CHECK(why.contains("Choose another file name"));
        why.clear();
        CHECK_FALSE(dashboard.exportChartPng(0, t.path(), &why));
        CHECK(why.contains("Choose another file name"));
        // A PDF elsewhere is still written.
        CHECK(dashboard.exportPdf(t.file("dashboard.pdf"), &why));
        CHECK(QFile::exists(t.file("dashboard.pdf")));
    }

    // The database is as it was, and still opens and reads.
    t.db().scalar("PRAGMA wal_checkpoint(TRUNCATE)");
    CHECK(fileHash(t.path()) == before);
    t.reopen();
    CHECK(cbtest::count(t.db(), "contractor") == contractors);
    CHECK(t.db().scalar("PRAGMA integrity_check").toString() == "ok");
}

namespace {
// A long extract: enough rows that reading and importing them takes many progress steps.
QString writeLongExtract(const TempDb& t, int rows) {
    const QString path = t.file("long-epraccur.csv");
    QFile f(path);
    REQUIRE(f.open(QIODevice::WriteOnly));
    for (int i = 0; i < rows; ++i)
        f.write(odsRow(QStringLiteral("B%1").arg(10000 + i), "LONG FILE SURGERY", "19740401", "A").toLatin1());
    return path;
}

// While the dialog works, samples its progress bar on every tick of the event loop (the window is
// responsive when these ticks run) and, when asked, clicks Cancel on the first tick.
struct Watch {
    Watch(ImportDialog& d, bool cancel) {
        timer.setInterval(20);
        QObject::connect(&timer, &QTimer::timeout, [&d, this, cancel] {
            if (!d.isBusy()) return;
            ++busyTicks;
            samples << d.progressValue();
            if (cancel && !cancelled) {
                cancelled = true;
                d.findChild<QPushButton*>("cancelImport")->click();
            }
        });
        timer.start();
    }
    QTimer timer;
    int busyTicks = 0;
    bool cancelled = false;
    QList<int> samples;
};
} // namespace

TEST_CASE("a long import shows its progress, stays responsive, and Cancel stops it with nothing changed", "[gui][exchange]") {
    TempDb t;
    Workspace ws(t.db());
    const QString path = writeLongExtract(t, 12000);
    const qint64 contractorsBefore = rows(t.db()), auditBefore = audits(t.db());
    Answers answers;
    ImportDialog d(ws);
    d.setSource(ImportDialog::Source::Ods);
    d.setFiles({path});
    REQUIRE(d.preview());
    REQUIRE(d.summary().added() == 12000);

    SECTION("the preview's progress bar moves, and Cancel stops it") {
        {
            Watch watch(d, false);
            REQUIRE(d.preview());
            CHECK(watch.busyTicks > 0); // the window kept handling events while the worker ran
            CHECK(std::any_of(watch.samples.cbegin(), watch.samples.cend(), [](int p) { return p > 0 && p < 1000; }));
            CHECK(std::is_sorted(watch.samples.cbegin(), watch.samples.cend()));
        }
        Watch watch(d, true);
        QSignalSpy closed(&d, &QDialog::rejected);
        CHECK_FALSE(d.preview());
        CHECK(watch.cancelled);
        CHECK(d.errorText().contains("cancelled"));
        CHECK_FALSE(d.importButton()->isEnabled());
        CHECK(closed.isEmpty()); // Cancel while busy stops the work, not the dialog
    }
    SECTION("Cancel during the import rolls it all back; the preview can still be imported") {
        {
            Watch watch(d, true);
            CHECK_FALSE(d.importNow());
            CHECK(watch.cancelled);
        }
        CHECK(d.findChild<QLabel*>("importStatus")->text().contains("Import cancelled"));
        CHECK(rows(t.db()) == contractorsBefore);
        CHECK(audits(t.db()) == auditBefore);
        CHECK(answers.asked.isEmpty()); // no message box: the status line says it
        CHECK(d.importNow());
        CHECK(rows(t.db()) == contractorsBefore + 12000);
    }
    CHECK(rows(t.db()) == (d.summary().committed ? contractorsBefore + 12000 : contractorsBefore));
}

TEST_CASE("a JSON import shows its progress too, and Cancel rolls it back", "[gui][exchange]") {
    // The dialog moves its bar every 100 ms: the register is large enough for the import to take
    // several of those (500 contractors, about 5,000 records, no longer did once it got faster).
    TempDb from;
    seedDemo(from.db(), {3000, 1, {}});
    cb::exchange::ExportOptions o;
    o.includeConfidential = true;
    const QString path = cb::exchange::exportJson(from.db(), from.file("register.json"), o).path;
    TempDb t;
    Workspace ws(t.db());
    Answers answers;
    ImportDialog d(ws);
    d.setSource(ImportDialog::Source::Json);
    d.setFiles({path});
    REQUIRE(d.preview());
    REQUIRE(d.summary().added() > 4 * 512);
    {
        Watch watch(d, true);
        CHECK_FALSE(d.importNow());
        CHECK(watch.cancelled);
    }
    CHECK(d.findChild<QLabel*>("importStatus")->text().contains("Import cancelled"));
    CHECK(rows(t.db()) == 0);
    CHECK(audits(t.db()) == 0);
    CHECK(answers.asked.isEmpty());
    {
        Watch watch(d, false);
        CHECK(d.importNow());
        CHECK(watch.busyTicks > 0);
        CHECK(std::any_of(watch.samples.cbegin(), watch.samples.cend(), [](int p) { return p > 0 && p < 1000; }));
        CHECK(std::is_sorted(watch.samples.cbegin(), watch.samples.cend()));
    }
    CHECK(rows(t.db()) == rows(from.db()));
    REQUIRE(answers.asked.size() == 1); // the cancel said so on the status line; the import, in a box
    CHECK(answers.asked[0].startsWith("Import finished"));
}

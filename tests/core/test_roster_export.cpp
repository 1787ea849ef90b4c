#include "LpnFixture.h"

#include "lpn/RosterExport.h"

#include <QFile>
#include <QProcess>
#include <QStandardPaths>

using namespace cb;
using cbtest::LpnFixture;

namespace {

QByteArray readAll(const QString& path) {
    QFile f(path);
    REQUIRE(f.open(QIODevice::ReadOnly));
    return f.readAll();
}

// A small RFC 4180 reader, enough to read our own files back.
QList<QStringList> parseCsv(const QString& text) {
    QList<QStringList> rows;
    QStringList row;
    QString cell;
    bool quoted = false;
    for (int i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') cell += '"', ++i;
            else if (c == '"') quoted = false;
            else cell += c;
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            row << cell;
            cell.clear();
        } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            row << cell;
            rows << row;
            row.clear();
            cell.clear();
            ++i;
        } else {
            cell += c;
        }
    }
    if (!cell.isEmpty() || !row.isEmpty()) rows << (row << cell);
    return rows;
}

// Members with a confidential declaration each.
void populate(LpnFixture& f) {
    f.healthyCoreTeam();
    auto risky = f.member("Rory", "Risk", "dentist", false);
    risky.organisation = "=HYPERLINK(\"http://evil\")";
    f.s.updateMember(risky);
    f.seat(risky, f.group("clinical", "Orthodontics"), "clinical_group_lead", QDate(2025, 1, 1));
    Declaration d;
    d.memberId = risky.id;
    d.declaredOn = QDate(2026, 9, 1);
    d.kind = "financial";
    d.description = "Owns shares in Secret Smiles Ltd";
    d.managedHow = "Leaves the room";
    d.contractorId = f.contractorWithEvent("in_progress");
    f.s.addDeclaration(d);
}

QString unzipText(const QString& file, const QString& member) {
    QProcess p;
    p.start("unzip", {"-p", file, member});
    REQUIRE(p.waitForFinished(10000));
    return QString::fromUtf8(p.readAllStandardOutput());
}

} // namespace

TEST_CASE("CSV cells are quoted per RFC 4180 and guarded against formulas", "[lpn][export]") {
    CHECK(rosterCsvCell("plain") == "plain");
    CHECK(rosterCsvCell("a,b") == "\"a,b\"");
    CHECK(rosterCsvCell("say \"hi\"") == "\"say \"\"hi\"\"\"");
    CHECK(rosterCsvCell("two\nlines") == "\"two\nlines\"");
    CHECK(rosterCsvCell("=1+2") == "'=1+2");
    CHECK(rosterCsvCell("+44") == "'+44");
    CHECK(rosterCsvCell("-5") == "'-5");
    CHECK(rosterCsvCell("@SUM(A1)") == "'@SUM(A1)");
    CHECK(rosterCsvCell("\tx") == "'\tx");
    CHECK(rosterCsvCell("\rx") == "\"'\rx\"");
    CHECK(rosterCsvCell("") == "");
}

TEST_CASE("the roster CSV lists members by group and role and leaves declarations out", "[lpn][export]") {
    LpnFixture f;
    populate(f);
    const QString path = f.t.file("roster.csv");
    const auto r = exportRoster(f.t.db(), f.net.id, path);
    CHECK(r.path == path);
    CHECK(r.seats == 6);
    const QByteArray bytes = readAll(path);
    REQUIRE(bytes.startsWith("\xEF\xBB\xBF"));
    const auto rows = parseCsv(QString::fromUtf8(bytes.mid(3)));
    REQUIRE(rows.size() == 7);
    CHECK(rows[0] == QStringList{"Group", "Group type", "Role", "Member", "Profession", "Organisation", "Email",
                                 "Telephone", "Term start", "Term end", "Days left"});
    CHECK(rows[1].mid(0, 4) == QStringList{"Core team", "Core team", "Chair", "Daniel Khan"});
    CHECK(rows[1][8] == "22/11/2025");
    CHECK(rows[1][9] == "21/11/2028");
    CHECK(rows[1][10] == "730");
    CHECK(rows[6][0] == "Orthodontics");
    CHECK(rows[6][5] == "'=HYPERLINK(\"http://evil\")"); // formula guard
    const QString text = QString::fromUtf8(bytes);
    CHECK(!text.contains("Secret Smiles"));
    CHECK(!text.contains("Leaves the room"));
    CHECK(!text.contains("CONFIDENTIAL", Qt::CaseInsensitive));
    CHECK(!text.contains("Declared", Qt::CaseInsensitive));
}

TEST_CASE("including declarations marks the CSV confidential in its name and first line", "[lpn][export]") {
    LpnFixture f;
    populate(f);
    RosterExportOptions o;
    o.includeDeclarations = true;
    const auto r = exportRoster(f.t.db(), f.net.id, f.t.file("roster.csv"), o);
    CHECK(r.path == f.t.file("roster-CONFIDENTIAL.csv"));
    CHECK(!QFile::exists(f.t.file("roster.csv")));
    CHECK(r.declarations == 6);
    const auto rows = parseCsv(QString::fromUtf8(readAll(r.path).mid(3)));
    REQUIRE(rows.size() == 8);
    CHECK(rows[0].size() == 1);
    CHECK(rows[0][0].startsWith("CONFIDENTIAL:"));
    CHECK(rows[1].mid(11) == QStringList{"Declared interests", "How managed", "Last reviewed"});
    CHECK(rows[7][11] == "Financial: Owns shares in Secret Smiles Ltd (Kingsway Dental Surgery (V100001))");
    CHECK(rows[7][12] == "Leaves the room");
    CHECK(rows[7][13] == "01/09/2026");
    CHECK(confidentialFileName("/x/Roster CONFIDENTIAL.xlsx") == "/x/Roster CONFIDENTIAL.xlsx");
    CHECK(confidentialFileName("/x/roster.xlsx") == "/x/roster-CONFIDENTIAL.xlsx");
}

TEST_CASE("the roster workbook is a real xlsx with dates and no declarations by default", "[lpn][export]") {
    LpnFixture f;
    populate(f);
    const QString path = f.t.file("roster.xlsx");
    exportRoster(f.t.db(), f.net.id, path);
    const QByteArray bytes = readAll(path);
    REQUIRE(bytes.startsWith("PK\x03\x04"));
    if (QStandardPaths::findExecutable("unzip").isEmpty()) {
        WARN("unzip is not installed: the workbook's sheets were not inspected");
        return;
    }
    const QString workbook = unzipText(path, "xl/workbook.xml");
    CHECK(workbook.contains("name=\"Roster\""));
    CHECK(!workbook.contains("CONFIDENTIAL"));
    CHECK(!workbook.contains("Declarations"));
    const QString strings = unzipText(path, "xl/sharedStrings.xml");
    CHECK(strings.contains("Daniel Khan"));
    CHECK(strings.contains("Orthodontics"));
    CHECK(!strings.contains("Secret Smiles"));
    const QString sheet = unzipText(path, "xl/worksheets/sheet1.xml");
    CHECK(sheet.contains("<pane ySplit=\"1\"")); // frozen header
    // Term dates are numbers with a date format, not text: 22/11/2025 is Excel day 45983.
    CHECK(sheet.contains("<v>45983</v>"));
}

TEST_CASE("the confidential workbook says so on its first sheet and has the declarations", "[lpn][export]") {
    LpnFixture f;
    populate(f);
    RosterExportOptions o;
    o.includeDeclarations = true;
    const auto r = exportRoster(f.t.db(), f.net.id, f.t.file("roster.xlsx"), o);
    CHECK(r.path.endsWith("roster-CONFIDENTIAL.xlsx"));
    REQUIRE(readAll(r.path).startsWith("PK\x03\x04"));
    if (QStandardPaths::findExecutable("unzip").isEmpty()) {
        WARN("unzip is not installed: the workbook's sheets were not inspected");
        return;
    }
    const QString workbook = unzipText(r.path, "xl/workbook.xml");
    const int first = workbook.indexOf("<sheet ");
    CHECK(workbook.mid(first, 60).contains("name=\"CONFIDENTIAL\""));
    CHECK(workbook.contains("name=\"Declarations\""));
    const QString strings = unzipText(r.path, "xl/sharedStrings.xml");
    CHECK(strings.contains("CONFIDENTIAL: this roster includes members' declarations of interest."));
    CHECK(strings.contains("Owns shares in Secret Smiles Ltd"));
}

TEST_CASE("a failed roster export leaves no file and says why", "[lpn][export]") {
    LpnFixture f;
    populate(f);
    const QString nowhere = f.t.file("no-such-folder/roster.csv");
    try {
        exportRoster(f.t.db(), f.net.id, nowhere);
        FAIL("expected the export to fail");
    } catch (const Error& e) {
        CHECK(e.message().contains("could not be exported"));
        CHECK(e.message().contains("No file was written."));
    }
    CHECK(!QFile::exists(nowhere));
    CHECK_THROWS_AS(exportRoster(f.t.db(), f.net.id, f.t.file("no-such-folder/roster.xlsx")), Error);
    CHECK(!QFile::exists(f.t.file("no-such-folder/roster.xlsx")));

    const auto e = [&] {
        try {
            exportRoster(f.t.db(), f.net.id, f.t.file("roster.pdf"));
        } catch (const ValidationError& v) {
            return v.message();
        }
        return QString();
    }();
    CHECK(e == "Choose a file ending in .csv or .xlsx for the roster (not \"roster.pdf\").");
    CHECK(!QFile::exists(f.t.file("roster.pdf")));

    // An existing file is left as it was when the export fails.
    QFile keep(f.t.file("keep.csv"));
    REQUIRE(keep.open(QIODevice::WriteOnly));
    keep.write("old");
    keep.close();
    CHECK_THROWS_AS(exportRoster(f.t.db(), "no-such-network", f.t.file("keep.csv")), ValidationError);
    CHECK(readAll(f.t.file("keep.csv")) == "old");
}

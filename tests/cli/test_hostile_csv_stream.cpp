// Casebook CSV import, streamed (issue 16): the file is read a record at a time, never whole, so a
// big file costs the memory of one row; every bound has its own message, and the import stays
// all-or-nothing however far into the file the problem is.
#include "HostileSupport.h"

#include <QUuid>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>

extern char** environ;

using namespace hostile;

namespace {

// A register with one practice, and the contractors CSV Casebook exports from it.
struct CsvRegister {
    cbtest::TempDb t;
    QString db;
    QByteArray header, row; // the exported header line and the practice's line, without line ends
    CsvRegister() {
        db = t.path();
        t.database.reset();
        const QString ods = writeBytes(t.file("epraccur.csv"), odsRow("A81001", "FIRST PRACTICE"));
        REQUIRE(cliDb(db, {"import", "ods", ods}).code == 0);
        REQUIRE(cliDb(db, {"export", "csv", "contractors", t.file("contractors.csv")}).code == 0);
        const QList<QByteArray> lines = readBytes(t.file("contractors.csv")).split('\n');
        header = lines.at(0).trimmed();
        row = lines.at(1).trimmed();
        REQUIRE(!row.isEmpty());
    }
    QStringList names() const { return QString::fromUtf8(header).remove(QChar(0xFEFF)).split(','); }
    // A new practice: the exported row with a new id, code and name.
    QByteArray newRow(int n) const {
        QStringList cells = QString::fromUtf8(row).split(',');
        const QStringList cols = names();
        cells[int(cols.indexOf("id"))] = QUuid::createUuid().toString(QUuid::WithoutBraces);
        cells[int(cols.indexOf("ods_code"))] = QStringLiteral("%1%2").arg(QChar('B' + n / 100000)).arg(n % 100000, 5, 10, QChar('0'));
        cells[int(cols.indexOf("name"))] = QStringLiteral("PRACTICE %1").arg(n);
        return cells.join(',').toUtf8();
    }
};

qint64 contractorCount(const QString& db) {
    SQLite::Database d(db.toStdString(), SQLite::OPEN_READONLY);
    return d.execAndGet("SELECT count(*) FROM contractor").getInt64();
}

// Runs casebook-cli in a child and returns its exit status and peak resident memory (KiB).
std::pair<int, long> runMeasured(const QStringList& args) {
    std::vector<std::string> strings{hostile::cliExe().toStdString()};
    for (const QString& a : args) strings.push_back(a.toStdString());
    std::vector<char*> argv;
    for (std::string& s : strings) argv.push_back(s.data());
    argv.push_back(nullptr);
    pid_t pid = 0;
    REQUIRE(::posix_spawn(&pid, argv[0], nullptr, nullptr, argv.data(), environ) == 0);
    int status = 0;
    rusage usage{};
    REQUIRE(::wait4(pid, &status, 0, &usage) == pid);
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, usage.ru_maxrss};
}

} // namespace

TEST_CASE("csv stream: every bad Casebook CSV is refused with its reason and nothing changes", "[cli][hostile][csv]") {
    CsvRegister r;
    const QString before = dump(r.db);
    const QByteArray good = r.header + "\r\n" + r.newRow(1) + "\r\n";
    QByteArray manyFields = r.header + "\r\n" + r.newRow(2);
    for (int i = 0; i < 10'001; ++i) manyFields += ",x";
    QByteArray longRecord = r.header + "\r\n" + r.newRow(3);
    for (int i = 0; i < 5; ++i) longRecord += ",\"" + QByteArray(900'000, 'y') + "\"";
    QByteArray lateBreak = r.header + "\r\n";
    for (int i = 0; i < 2000; ++i) lateBreak += r.newRow(10 + i) + "\r\n";
    struct Bad {
        const char* what;
        QByteArray bytes;
        QString message;
    };
    const QList<Bad> cases = {
        {"no id or code column", "name,postcode\r\nX,TS18 1HU\r\n", "needs an \"id\" column"},
        {"a confidential notice and nothing else", "CONFIDENTIAL: x\r\n", "is empty"},
        {"more than 10,000 fields in a row", manyFields + "\r\n", "fields"},
        {"a record of more than 4,000,000 characters", longRecord + "\r\n", "characters"},
        {"a field of more than 1,000,000 characters", good + r.newRow(4) + ",\"" + QByteArray(1'000'001, 'z') + "\"\r\n",
         "characters long"},
        {"an unclosed quote after 2,000 good rows", lateBreak + "\"cut-off", "never closed"},
        {"a NUL byte after 2,000 good rows", lateBreak + QByteArray("x\0y\r\n", 5), "binary data"},
    };
    {
        // Only a header is not bad: it is how an empty table is exported, and it imports as nothing.
        const QString file = writeBytes(r.t.file("in.csv"), r.header + "\r\n");
        const Ran ran = cliDb(r.db, {"import", "csv", "contractors", file});
        INFO(ran.all().toStdString());
        CHECK(ran.code == 0);
        CHECK(ran.all().contains("0 rows"));
        CHECK(dump(r.db) == before);
    }
    for (const Bad& bad : cases) {
        const QString file = writeBytes(r.t.file("in.csv"), bad.bytes);
        const Ran ran = cliDb(r.db, {"import", "csv", "contractors", file});
        INFO(bad.what << ": " << ran.all().left(2000).toStdString());
        CHECK(ran.code == 1);
        CHECK(ran.all().contains(bad.message));
        CHECK(ran.all().size() < 20000);
        CHECK(dump(r.db) == before);
    }
}

TEST_CASE("csv stream: a confidential export's notice line is skipped and its rows imported", "[cli][hostile][csv]") {
    CsvRegister r;
    const QString file =
        writeBytes(r.t.file("in.csv"), "CONFIDENTIAL: contains confidential details\r\n" + r.header + "\r\n" +
                                           r.newRow(1) + "\r\n" + r.newRow(2) + "\r\n");
    const Ran ran = cliDb(r.db, {"import", "csv", "contractors", file});
    INFO(ran.all().toStdString());
    CHECK(ran.code == 0);
    CHECK(contractorCount(r.db) == 3);
}

// 200,000 new practices: imported whole, or (dry run) counted and nothing written. Reports the
// child's peak memory; the file itself is about 60 MB. Hidden by default: run with [big].
TEST_CASE("csv stream: a 200,000-row Casebook CSV imports in bounded memory", "[.][big][cli][hostile][csv]") {
    CsvRegister r;
    const int rows = qEnvironmentVariableIntValue("CASEBOOK_BIG_CSV_ROWS") > 0
                         ? qEnvironmentVariableIntValue("CASEBOOK_BIG_CSV_ROWS")
                         : 200'000;
    const QString file = r.t.file("big.csv");
    {
        QFile f(file);
        REQUIRE(f.open(QIODevice::WriteOnly));
        f.write(r.header + "\r\n");
        for (int i = 0; i < rows; ++i) f.write(r.newRow(i) + "\r\n");
    }
    const auto [code, peakKiB] = runMeasured({"--db", r.db, "import", "csv", "contractors", file});
    WARN("import csv of " << rows << " rows (" << QFileInfo(file).size() / 1024 / 1024 << " MiB): exit " << code
                          << ", peak RSS " << peakKiB / 1024 << " MiB");
    CHECK(code == 0);
    CHECK(contractorCount(r.db) == rows + 1);
}

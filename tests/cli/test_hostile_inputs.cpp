// Hostile input (issue 16): every importer against every kind of bad file, and each reported
// failure, asserting the exit status, the message and a database left exactly as it was.
#include "HostileSupport.h"

#include "exchange/Import.h"
#include "store/Database.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QStringConverter>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

using namespace hostile;

namespace {

const QByteArray kEsc = "\x1b[31m";

// A register to import into: two GP practices (ODS) with their GMS contracts (payments), plus the
// Casebook JSON and contractors CSV exported from it, which later serve as valid files.
struct Register {
    cbtest::TempDb t;
    QString db;
    QByteArray json, csvContractors, csvSites;
    Register() {
        db = t.path();
        t.database.reset(); // the CLI opens the file itself
        const QString ods = writeBytes(t.file("epraccur.csv"), odsRow("A81001", "FIRST PRACTICE") +
                                                                  odsRow("A81002", "SECOND PRACTICE"));
        REQUIRE(cliDb(db, {"import", "ods", ods}).code == 0);
        const QString pay = writeBytes(t.file("payments.csv"), paymentsHeader() + paymentsRow("A81001", "GMS", "5000") +
                                                                  paymentsRow("A81002", "GMS", "6000"));
        const Ran paid = cliDb(db, {"import", "payments", pay});
        INFO(paid.all().toStdString());
        REQUIRE(paid.code == 0);
        REQUIRE(cliDb(db, {"export", "json", t.file("register.json")}).code == 0);
        REQUIRE(cliDb(db, {"export", "csv", "contractors", t.file("contractors.csv")}).code == 0);
        json = readBytes(t.file("register.json"));
        csvContractors = readBytes(t.file("contractors.csv"));
        REQUIRE(!json.isEmpty());
        REQUIRE(!csvContractors.isEmpty());
    }
    // A Casebook exchange file holding only these records of one table.
    QByteArray jsonWith(const QString& table, const QJsonArray& records, const QJsonValue& version = 1) const {
        QJsonObject tables{{table, records}};
        QJsonObject o{{"format", "casebook-exchange"}, {"tables", tables}};
        if (!version.isUndefined()) o.insert("version", version);
        return QJsonDocument(o).toJson();
    }
    QJsonObject contractorRecord() const {
        const QJsonObject doc = QJsonDocument::fromJson(json).object();
        return doc.value("tables").toObject().value("contractor").toArray().first().toObject();
    }
    // The contractors CSV header and its first record with one column changed.
    QByteArray csvWith(const QString& column, const QString& value) const {
        const QList<QByteArray> lines = csvContractors.split('\n');
        const QByteArray header = lines.at(0).trimmed();
        QStringList names = QString::fromUtf8(header).remove(QChar(0xFEFF)).split(',');
        const QByteArray row = lines.at(1).trimmed();
        QStringList cells = QString::fromUtf8(row).split(',');
        REQUIRE(cells.size() == names.size()); // the two practices' rows hold no commas
        cells[int(names.indexOf(column))] = value;
        return header + "\r\n" + cells.join(',').toUtf8() + "\r\n";
    }
};

enum class Importer { Ods, Payments, Json, Csv };
enum class Case { Empty, Truncated, Binary, WrongEncoding, WrongKind, HugeField, ControlCharacters, DuplicateKeys,
                  MissingParents, FutureVersion };

const char* name(Importer i) {
    switch (i) {
    case Importer::Ods: return "ods";
    case Importer::Payments: return "payments";
    case Importer::Json: return "json";
    case Importer::Csv: return "csv";
    }
    return "";
}
const char* name(Case c) {
    switch (c) {
    case Case::Empty: return "empty";
    case Case::Truncated: return "truncated";
    case Case::Binary: return "binary";
    case Case::WrongEncoding: return "wrong encoding";
    case Case::WrongKind: return "wrong kind";
    case Case::HugeField: return "huge field";
    case Case::ControlCharacters: return "control characters";
    case Case::DuplicateKeys: return "duplicate keys";
    case Case::MissingParents: return "missing parents";
    case Case::FutureVersion: return "future version";
    }
    return "";
}

struct Fixture {
    bool applies = true;
    QString fileName;
    QByteArray bytes;
    QStringList importArgs; // after "import"; the file is appended
    int exit = 1;
    QString message; // expected in stdout or stderr
};

QByteArray utf16(const QByteArray& utf8) {
    QStringEncoder enc(QStringEncoder::Utf16LE, QStringEncoder::Flag::WriteBom);
    return enc.encode(QString::fromUtf8(utf8));
}

QByteArray binary() {
    QByteArray b(4096, '\0');
    QRandomGenerator rng(16);
    for (char& c : b) c = char(rng.bounded(256));
    b[0] = 'B'; // not a UTF-16 byte-order mark
    b[1] = 'I';
    b[10] = '\0';
    return b;
}

Fixture fixture(const Register& r, Importer imp, Case c) {
    Fixture f;
    const QByteArray huge(2 * 1024 * 1024, 'x');
    switch (imp) {
    case Importer::Ods: f.fileName = "epraccur.csv"; f.importArgs = {"ods"}; break;
    case Importer::Payments: f.fileName = "gp-payments.csv"; f.importArgs = {"payments"}; break;
    case Importer::Json: f.fileName = "exchange.json"; f.importArgs = {"json"}; break;
    case Importer::Csv: f.fileName = "contractors-in.csv"; f.importArgs = {"csv", "contractors"}; break;
    }
    const bool isCsv = imp != Importer::Json;
    switch (c) {
    case Case::Empty:
        f.message = "is empty";
        break;
    case Case::Truncated:
        // Cut off while a quoted field was being written.
        switch (imp) {
        case Importer::Ods: f.bytes = odsRow("A81001", "FIRST PRACTICE") + "\"A81003\",\"THIRD PRA"; break;
        case Importer::Payments: f.bytes = paymentsHeader() + "\"A81001\",\"PRACTICE A81001\",\"GM"; break;
        case Importer::Json: f.bytes = r.json.left(r.json.size() / 2); break;
        case Importer::Csv: f.bytes = r.csvContractors + "\"cut-off"; break;
        }
        f.message = isCsv ? "never closed" : "is not valid JSON";
        break;
    case Case::Binary:
        f.bytes = binary();
        f.message = "binary data";
        break;
    case Case::WrongEncoding:
        switch (imp) {
        case Importer::Ods: f.bytes = utf16(odsRow("A81001", "FIRST PRACTICE")); break;
        case Importer::Payments: f.bytes = utf16(paymentsHeader() + paymentsRow("A81001", "GMS", "5000")); break;
        case Importer::Json: f.bytes = utf16(r.json); break;
        case Importer::Csv: f.bytes = utf16(r.csvContractors); break;
        }
        f.message = "UTF-16";
        break;
    case Case::WrongKind:
        switch (imp) {
        case Importer::Ods: f.bytes = paymentsHeader() + paymentsRow("A81001", "GMS", "5000"); f.message = "import it as payments"; break;
        case Importer::Payments: f.bytes = odsRow("A81001", "FIRST PRACTICE"); f.message = "is not an NHS Payments"; break;
        case Importer::Json: f.bytes = r.csvContractors; f.message = "is not valid JSON"; break;
        case Importer::Csv: f.bytes = r.json; f.message = "is not a"; break; // well-formed CSV, or Casebook's
        }
        break;
    case Case::HugeField:
        switch (imp) {
        case Importer::Ods: f.bytes = odsRow("A81001", QString::fromLatin1(huge)); f.message = "characters long"; break;
        case Importer::Payments: f.bytes = paymentsHeader() + paymentsRow("A81001", "GMS", QString::fromLatin1(huge)); f.message = "characters long"; break;
        case Importer::Json: {
            QJsonObject o = r.contractorRecord();
            o.insert("address1", QString::fromLatin1(huge));
            f.bytes = r.jsonWith("contractor", {o});
            f.message = "characters long; at most";
            break;
        }
        case Importer::Csv: f.bytes = r.csvWith("address1", QString::fromLatin1(huge)); f.message = "characters long"; break;
        }
        break;
    case Case::ControlCharacters: {
        const QString evil = QString::fromLatin1("EVIL" + kEsc + "PRACTICE\a");
        switch (imp) {
        case Importer::Ods: f.bytes = odsRow("A81001", evil); f.message = "escape character (ESC)"; break;
        // The patients column is the value payments stores; the raw escape must not be echoed.
        case Importer::Payments: f.bytes = paymentsHeader() + paymentsRow("A81001", "GMS", "50" + evil); f.message = "is not a number"; break;
        case Importer::Json: {
            QJsonObject o = r.contractorRecord();
            o.insert("name", evil);
            f.bytes = r.jsonWith("contractor", {o});
            f.message = "escape character (ESC)";
            break;
        }
        case Importer::Csv: f.bytes = r.csvWith("name", evil); f.message = "escape character (ESC)"; break;
        }
        break;
    }
    case Case::DuplicateKeys:
        // The same record twice, as the register already holds it: the first is unchanged, the
        // repeat is rejected with the line of the first; nothing changes; exit 0 (a row was used).
        f.exit = 0;
        f.message = "appears twice in the file (first on line";
        switch (imp) {
        case Importer::Ods: f.bytes = odsRow("A81001", "FIRST PRACTICE") + odsRow("A81001", "FIRST PRACTICE"); break;
        case Importer::Payments: f.bytes = paymentsHeader() + paymentsRow("A81001", "GMS", "5000") + paymentsRow("A81001", "GMS", "7000"); break;
        case Importer::Json: f.bytes = r.jsonWith("contractor", {r.contractorRecord(), r.contractorRecord()}); break;
        case Importer::Csv: {
            const QByteArray one = r.csvWith("name", r.contractorRecord().value("name").toString());
            f.bytes = one + one.mid(one.indexOf('\n') + 1);
            break;
        }
        }
        break;
    case Case::MissingParents:
        switch (imp) {
        case Importer::Ods:
            f.fileName = "ebranchs.csv";
            f.bytes = odsRow("A89999001", "BRANCH SURGERY", "A89999", "");
            f.message = "first";
            break;
        case Importer::Payments: f.bytes = paymentsHeader() + paymentsRow("A89999", "GMS", "5000"); f.message = "is not in the register"; break;
        case Importer::Json: {
            QJsonObject site{{"id", "6b1f4f59-0000-4000-8000-000000000001"},
                             {"contractor_id", "6b1f4f59-0000-4000-8000-00000000dead"},
                             {"code", "A81001001"}, {"name", "ORPHAN BRANCH"}};
            f.bytes = r.jsonWith("site", {site});
            f.message = "is not in the register";
            break;
        }
        case Importer::Csv:
            f.importArgs = {"csv", "sites"};
            f.bytes = "id,contractor_id,code,name\r\n6b1f4f59-0000-4000-8000-000000000001,"
                      "6b1f4f59-0000-4000-8000-00000000dead,A81001001,ORPHAN BRANCH\r\n";
            f.message = "is not in the register";
            break;
        }
        break;
    case Case::FutureVersion:
        // Only Casebook's JSON carries a format version; the CSV and NHS files have none.
        if (imp != Importer::Json) {
            f.applies = false;
            break;
        }
        f.bytes = r.jsonWith("contractor", {r.contractorRecord()}, 2);
        f.message = "newer Casebook";
        break;
    }
    return f;
}

} // namespace

TEST_CASE("hostile: every importer refuses every kind of bad file clearly and changes nothing", "[cli][hostile]") {
    Register r;
    const QString before = dump(r.db);
    for (Importer imp : {Importer::Ods, Importer::Payments, Importer::Json, Importer::Csv}) {
        for (Case c : {Case::Empty, Case::Truncated, Case::Binary, Case::WrongEncoding, Case::WrongKind, Case::HugeField,
                       Case::ControlCharacters, Case::DuplicateKeys, Case::MissingParents, Case::FutureVersion}) {
            const Fixture f = fixture(r, imp, c);
            if (!f.applies) continue;
            for (bool dryRun : {true, false}) {
                const QString file = writeBytes(r.t.file(f.fileName), f.bytes);
                QStringList args = QStringList{"import"} + f.importArgs + QStringList{file};
                if (dryRun) args << "--dry-run";
                const Ran ran = cliDb(r.db, args);
                INFO("import " << name(imp) << " with a file that is " << name(c) << (dryRun ? " (dry run)" : ""));
                INFO(ran.all().left(2000).toStdString());
                CHECK(ran.code == f.exit);
                CHECK(ran.all().contains(f.message));
                CHECK_FALSE(ran.all().contains(QChar(0x1b))); // never echoed raw
                CHECK_FALSE(ran.all().contains(QChar(0x07)));
                CHECK_FALSE(ran.all().contains("constraint failed"));
                CHECK(ran.all().size() < 20000); // a 2 MB value is never echoed whole
                CHECK(dump(r.db) == before);
            }
        }
    }
}

TEST_CASE("hostile: devices, pipes and folders are refused by every importer at once", "[cli][hostile]") {
    Register r;
    const QString before = dump(r.db);
    const QString fifo = r.t.file("pipe.csv");
    REQUIRE(::mkfifo(fifo.toLocal8Bit().constData(), 0600) == 0);
    for (const QString& file : {QStringLiteral("/dev/zero"), fifo, r.t.dir.path()}) {
        for (const QStringList& kind : {QStringList{"ods"}, QStringList{"payments"}, QStringList{"json"},
                                        QStringList{"csv", "contractors"}}) {
            const Ran ran = cliDb(r.db, QStringList{"import"} + kind + QStringList{file});
            INFO(kind.join(' ').toStdString() << " " << file.toStdString() << ": " << ran.all().toStdString());
            CHECK(ran.code == 1);
            CHECK((ran.err.contains("is not an ordinary file") || ran.err.contains("is a folder")));
        }
    }
    CHECK(dump(r.db) == before);
}

TEST_CASE("hostile: the JSON format version must be a whole number this Casebook reads", "[cli][hostile]") {
    Register r;
    const QString before = dump(r.db);
    const QList<std::pair<QJsonValue, QString>> versions = {
        {QJsonValue("2"), "does not say which version"},       {QJsonValue(10000000000.0), "newer Casebook"},
        {QJsonValue(1.5), "does not say which version"},       {QJsonValue(QJsonValue::Undefined), "missing"},
        {QJsonValue(0), "does not say which version"},         {QJsonValue(-1), "does not say which version"},
        {QJsonValue(true), "does not say which version"},      {QJsonValue(QJsonValue::Null), "does not say which version"},
        {QJsonValue(QJsonArray{1}), "does not say which version"}, {QJsonValue(2), "newer Casebook"}};
    for (const auto& [version, message] : versions) {
        QJsonObject o = r.contractorRecord();
        o.insert("name", "CHANGED BY A FILE THAT SHOULD BE REFUSED");
        const QString file = writeBytes(r.t.file("v.json"), r.jsonWith("contractor", {o}, version));
        const Ran ran = cliDb(r.db, {"import", "json", file});
        INFO(QJsonDocument(QJsonArray{version}).toJson(QJsonDocument::Compact).toStdString() << ": " << ran.all().toStdString());
        CHECK(ran.code == 1);
        CHECK(ran.err.contains(message));
        CHECK(ran.err.contains("Nothing was imported"));
    }
    CHECK(dump(r.db) == before);
}

TEST_CASE("hostile: a JSON table that is not a list of records is refused", "[cli][hostile]") {
    Register r;
    const QString before = dump(r.db);
    for (const QByteArray& tables : {QByteArray("{\"contractor\": {}}"), QByteArray("{\"contractor\": 5}"),
                                     QByteArray("{\"contractor\": [1, 2]}"), QByteArray("{\"contractor\": \"x\"}")}) {
        const QString file = writeBytes(r.t.file("t.json"), "{\"format\":\"casebook-exchange\",\"version\":1,\"tables\":" +
                                                                tables + "}");
        const Ran ran = cliDb(r.db, {"import", "json", file});
        INFO(tables.toStdString() << ": " << ran.all().toStdString());
        CHECK(ran.code == 1);
        CHECK(ran.err.contains("is damaged"));
    }
    CHECK(dump(r.db) == before);
}

TEST_CASE("hostile: values that cannot be stored as given are never changed or dropped silently", "[cli][hostile]") {
    Register r;
    const QString before = dump(r.db);
    SECTION("a list size of 1e300 in Casebook's JSON is rejected with its reason") {
        const QJsonObject doc = QJsonDocument::fromJson(r.json).object();
        QJsonObject contract = doc.value("tables").toObject().value("contract").toArray().first().toObject();
        contract.insert("list_size", 1e300);
        const QString file = writeBytes(r.t.file("big.json"), r.jsonWith("contract", {contract}));
        const Ran ran = cliDb(r.db, {"import", "json", file});
        INFO(ran.all().toStdString());
        CHECK(ran.code == 1);
        CHECK(ran.out.contains("list_size must be a whole number of sensible size"));
        CHECK(ran.out.contains("line "));
        CHECK(dump(r.db) == before);
    }
    SECTION("payments: an impossible open date is not used; the contract's start stays unknown, with a note") {
        const QString file = writeBytes(r.t.file("pay.csv"), paymentsHeader() + paymentsRow("A81001", "GMS", "5000") +
                                                                 paymentsRow("A81002", "GMS", "6000") +
                                                                 paymentsRow("A81009", "GMS", "100", "31/02/2020"));
        // A81009 is not in the register: add it so a contract would be created from the file.
        writeBytes(r.t.file("more.csv"), odsRow("A81009", "NINTH PRACTICE"));
        REQUIRE(cliDb(r.db, {"import", "ods", r.t.file("more.csv")}).code == 0);
        const Ran ran = cliDb(r.db, {"import", "payments", file});
        INFO(ran.all().toStdString());
        CHECK(ran.code == 0);
        CHECK(ran.out.contains("data quality, line 4: Contract start date not in the payments file: unknown, to confirm."));
        cb::Database db(r.db);
        // Neither the file's practice open date nor the register's is the contract's start (issue 13).
        CHECK(db.scalar("SELECT start_date IS NULL FROM contract k JOIN contractor c ON c.id = k.contractor_id WHERE "
                        "c.ods_code = 'A81009'").toInt() == 1);
    }
    SECTION("payments: an impossible close date creates no contract, and says so") {
        writeBytes(r.t.file("more.csv"), odsRow("A81009", "NINTH PRACTICE"));
        REQUIRE(cliDb(r.db, {"import", "ods", r.t.file("more.csv")}).code == 0);
        const QString afterOds = dump(r.db);
        const QString file = writeBytes(r.t.file("pay.csv"), paymentsHeader() +
                                                                 paymentsRow("A81009", "GMS", "100", "", "99/99/9999"));
        const Ran ran = cliDb(r.db, {"import", "payments", file});
        INFO(ran.all().toStdString());
        CHECK(ran.out.contains("Line 2 (A81009): the close date \"99/99/9999\" is not a date; it was not stored, and "
                               "no contract was created"));
        CHECK(dump(r.db) == afterOds);
    }
}

TEST_CASE("hostile: control characters and megabyte fields are refused where records are written", "[cli][hostile]") {
    Register r;
    const QString before = dump(r.db);
    const QList<std::pair<QString, QString>> values = {
        {QString(QChar(0)) + "NUL", "a NUL byte"},
        {"ESC" + QString::fromLatin1(kEsc), "an escape character (ESC)"},
        {"BELL\a", "a bell character (BEL)"},
        {QString("RLO") + QChar(0x202E) + "gnp.exe", "a right-to-left override"},
        {QString(1024 * 1024, 'A'), "1,048,576 characters long; at most 2,000"}};
    for (const auto& [value, message] : values) {
        QJsonObject o = r.contractorRecord();
        o.insert("address1", value);
        const QString file = writeBytes(r.t.file("text.json"), r.jsonWith("contractor", {o}));
        const Ran ran = cliDb(r.db, {"import", "json", file});
        INFO(message.toStdString() << ": " << ran.all().left(1000).toStdString());
        CHECK(ran.code == 1);
        CHECK(ran.out.contains(message));
        CHECK_FALSE(ran.all().contains(QChar(0x1b)));
    }
    CHECK(dump(r.db) == before);
}

TEST_CASE("hostile: text stored before these rules is shown escaped, never raw", "[cli][hostile]") {
    Register r;
    {
        // Bypass the write path, as an older Casebook would have stored it.
        SQLite::Database raw(r.db.toStdString(), SQLite::OPEN_READWRITE);
        raw.exec("UPDATE contractor SET name = 'EVIL' || char(27) || '[2J' || char(7) WHERE ods_code = 'A81001'");
    }
    const Ran list = cliDb(r.db, {"list", "contractors"});
    CHECK(list.code == 0);
    CHECK(list.out.contains("EVIL\\x1B[2J\\x07"));
    CHECK_FALSE(list.out.contains(QChar(0x1b)));
    REQUIRE(cliDb(r.db, {"export", "csv", "contractors", r.t.file("out.csv")}).code == 0);
    const QByteArray csv = readBytes(r.t.file("out.csv"));
    CHECK(csv.contains("EVIL\\x1B[2J\\x07"));
    CHECK_FALSE(csv.contains('\x1b'));
}

TEST_CASE("hostile: nothing writes over the open database, its journal or any other database", "[cli][hostile]") {
    Register r;
    const QString before = dump(r.db);
    const QByteArray bytes = readBytes(r.db);
    REQUIRE(QFile::link(r.db, r.t.file("link-to.db")));
    REQUIRE(::link(r.db.toLocal8Bit().constData(), r.t.file("hard.db").toLocal8Bit().constData()) == 0);
    const QStringList targets = {r.db, r.db + "-wal", r.db + "-shm", r.t.file("link-to.db"), r.t.file("hard.db"),
                                 r.t.dir.path() + "/./" + QFileInfo(r.db).fileName()};
    for (const QString& target : targets) {
        for (const QStringList& args : {QStringList{"export", "json", target}, QStringList{"export", "csv", "contractors", target},
                                        QStringList{"export", "xlsx", target}, QStringList{"backup", target}}) {
            // -wal/-shm exist only while the database is open; make them look present.
            if (target.endsWith("-wal") || target.endsWith("-shm")) writeBytes(target, "");
            const Ran ran = cliDb(r.db, args);
            INFO(args.join(' ').toStdString() << ": " << ran.all().toStdString());
            CHECK(ran.code == 1); // refused as input, exports and backups alike
            CHECK((ran.err.contains("database") && ran.err.contains("Choose")));
            if (target.endsWith("-wal") || target.endsWith("-shm")) QFile::remove(target);
        }
    }
    CHECK(readBytes(r.db) == bytes);
    CHECK(dump(r.db) == before);
    CHECK(cliDb(r.db, {"check"}).code == 0);
}

namespace {
bool isFifo(const QString& path) {
    struct stat st {};
    return ::lstat(path.toLocal8Bit().constData(), &st) == 0 && S_ISFIFO(st.st_mode);
}
bool isCharDevice(const QString& path) {
    struct stat st {};
    return ::lstat(path.toLocal8Bit().constData(), &st) == 0 && S_ISCHR(st.st_mode);
}
} // namespace

// Saving "over" a pipe or a device used to rename a new file into its place and report success:
// run as an administrator, an export to /dev/null replaced the system's /dev/null with a file.
TEST_CASE("hostile: exports, backups and a new team copy never replace a pipe or a device", "[cli][hostile]") {
    Register r;
    const QString before = dump(r.db);
    const QString fifo = r.t.file("pipe.out");
    REQUIRE(::mkfifo(fifo.toLocal8Bit().constData(), 0600) == 0);
    QStringList specials{fifo};
    // A device node of our own (the null device), where the test may make one (as root).
    const QString device = r.t.file("null-device");
    if (::mknod(device.toLocal8Bit().constData(), S_IFCHR | 0666, makedev(1, 3)) == 0) specials << device;
    for (const QString& target : specials) {
        for (const QStringList& args :
             {QStringList{"export", "json", target}, QStringList{"export", "csv", "contractors", target},
              QStringList{"export", "xlsx", target}, QStringList{"export", "pdf", "A81001", target},
              QStringList{"backup", target}}) {
            const Ran ran = cliDb(r.db, args);
            INFO(args.join(' ').toStdString() << ": " << ran.all().toStdString());
            CHECK(ran.code == 1);
            CHECK(ran.err.contains("is not an ordinary file"));
            CHECK_FALSE(ran.all().contains("Wrote"));
        }
        // Joining a team into it as the new database, and opening it as a database: refused, not waited on.
        const Ran join = cli({"--db", target, "team", "join", r.t.file("no-team-folder")});
        INFO(join.all().toStdString());
        CHECK(join.code != 0);
        CHECK(join.err.contains("is not an ordinary file"));
        const Ran stats = cliDb(target, {"stats"});
        INFO(stats.all().toStdString());
        CHECK(stats.code == 3);
        CHECK(stats.err.contains("is not an ordinary file"));
        // The passphrase is read from an ordinary file only.
        const Ran init = cliDb(r.db, {"team", "init", r.t.file("team"), "--encrypt", "--passphrase-file", target});
        INFO(init.all().toStdString());
        CHECK(init.code == 2);
        CHECK(init.err.contains("is not an ordinary file"));
        CHECK_FALSE(QFileInfo::exists(r.t.file("team")));
    }
    CHECK(isFifo(fifo));
    if (specials.size() > 1) CHECK(isCharDevice(device));
    CHECK(dump(r.db) == before);
}

TEST_CASE("hostile: a mistyped --db never becomes a database", "[cli][hostile]") {
    cbtest::TempDb t;
    t.database.reset();
    const QString typo = t.file("nosuch/dir/typo.db");
    for (const QStringList& args : {QStringList{"export", "json", t.file("out.json")}, QStringList{"stats"},
                                    QStringList{"list", "contractors"}, QStringList{"report", "worklist"},
                                    QStringList{"check"}, QStringList{"backup", t.file("b.db")},
                                    QStringList{"import", "json", t.file("none.json")}}) {
        const Ran ran = cliDb(typo, args);
        INFO(args.join(' ').toStdString() << ": " << ran.all().toStdString());
        CHECK(ran.code == 3);
        CHECK(ran.err.contains("does not exist"));
        CHECK(ran.err.contains("init"));
    }
    CHECK_FALSE(QFileInfo::exists(t.file("nosuch")));
    CHECK_FALSE(QFileInfo::exists(t.file("out.json")));

    const QString empty = writeBytes(t.file("empty.db"), "");
    const Ran stats = cliDb(empty, {"stats"});
    CHECK(stats.code == 3);
    CHECK(stats.err.contains("is empty, not a Casebook database"));
    CHECK(QFileInfo(empty).size() == 0);
    // init (and seed) are the commands that create one.
    CHECK(cliDb(empty, {"init"}).code == 0);
    CHECK(cliDb(empty, {"stats"}).code == 0);
}

TEST_CASE("hostile: missing fields and parents are explained, and a run with every row rejected exits 1", "[cli][hostile]") {
    Register r;
    const QString before = dump(r.db);
    // An existing contractor whose created_at cell is empty: the register's value is kept.
    const QString file = writeBytes(r.t.file("c.csv"), r.csvWith("created_at", ""));
    const Ran kept = cliDb(r.db, {"import", "csv", "contractors", file});
    INFO(kept.all().toStdString());
    CHECK(kept.code == 0);
    CHECK(dump(r.db) == before);
    // A required field left empty.
    const Ran missing = cliDb(r.db, {"import", "csv", "contractors", writeBytes(r.t.file("d.csv"), r.csvWith("name", ""))});
    INFO(missing.all().toStdString());
    CHECK(missing.code == 1);
    CHECK(missing.out.contains("line 2"));
    CHECK_FALSE(missing.all().contains("constraint failed"));
    CHECK(missing.err.contains("every row was rejected"));
    CHECK(dump(r.db) == before);
}

namespace {
// Deletes the database file halfway through an import, as another program (or a sync client) might.
class DeletesTheDatabase : public cb::exchange::FileImporter {
public:
    explicit DeletesTheDatabase(QString path) : m_path(std::move(path)) {}
    cb::exchange::FileResult header() const override {
        cb::exchange::FileResult r;
        r.file = "x.csv";
        r.rows = 1;
        return r;
    }
    void apply(cb::Database& db, cb::exchange::FileResult& result) override {
        db.save("setting", {{"id", "hostile-test"}, {"key", "hostile.test"}, {"value", "x"}});
        REQUIRE(QFile::remove(m_path));
        ++result.added;
    }

private:
    QString m_path;
};
} // namespace

TEST_CASE("hostile: a database deleted while an import runs is reported, not counted as imported", "[cli][hostile]") {
    cbtest::TempDb t;
    cb::exchange::ImportJob job;
    job.add(std::make_unique<DeletesTheDatabase>(t.path()));
    try {
        job.commit(t.db());
        FAIL("the import claimed success");
    } catch (const cb::DatabaseError& e) {
        CHECK(e.message().contains("was deleted or replaced while the import ran"));
    }
}

TEST_CASE("hostile: reading commands work on a read-only database file", "[cli][hostile]") {
    Register r;
    REQUIRE(QFile::setPermissions(r.db, QFile::ReadOwner | QFile::ReadGroup | QFile::ReadOther));
    QDir(r.t.dir.path()).remove(QFileInfo(r.db).fileName() + "-wal");
    for (const QStringList& args : {QStringList{"stats"}, QStringList{"list", "contractors"},
                                    QStringList{"report", "worklist"}, QStringList{"report", "concerns"},
                                    QStringList{"report", "tiers"}, QStringList{"check"},
                                    QStringList{"export", "json", r.t.file("ro.json")}}) {
        const Ran ran = cliDb(r.db, args);
        INFO(args.join(' ').toStdString() << ": " << ran.all().toStdString());
        CHECK(ran.code == 0);
    }
    REQUIRE(QFile::setPermissions(r.db, QFile::ReadOwner | QFile::WriteOwner));
}

TEST_CASE("hostile: confidential details appear in no output unless included", "[cli][hostile]") {
    cbtest::TempDb t;
    const QString db = t.path();
    t.database.reset();
    REQUIRE(cliDb(db, {"seed", "--contractors", "40", "--seed", "3"}).code == 0);
    QStringList secrets, networks;
    {
        SQLite::Database raw(db.toStdString(), SQLite::OPEN_READWRITE);
        // Every declaration overdue for review, so the roster review and the worklist mention them all.
        raw.exec("UPDATE lpn_declaration SET declared_on = '2001-01-01', reviewed_on = NULL, "
                 "description = 'SECRET-DECLARATION-' || id");
        raw.exec("UPDATE concern SET summary = 'SECRET-CONCERN-' || id WHERE confidential = 1");
        SQLite::Statement s(raw, "SELECT description FROM lpn_declaration UNION ALL SELECT summary FROM concern WHERE "
                                 "confidential = 1");
        while (s.executeStep()) secrets << QString::fromStdString(s.getColumn(0).getString());
        SQLite::Statement n(raw, "SELECT name FROM lpn_network");
        while (n.executeStep()) networks << QString::fromStdString(n.getColumn(0).getString());
    }
    REQUIRE(!secrets.isEmpty());
    QList<QStringList> commands;
    for (const QString& format : {"text", "csv", "json"}) {
        commands << QStringList{"report", "worklist", "--format", format}
                 << QStringList{"report", "concerns", "--format", format};
        for (const QString& n : networks) commands << QStringList{"report", "roster-review", "--network", n, "--format", format};
    }
    commands << QStringList{"list", "contractors"} << QStringList{"list", "contractors", "--format", "json"};
    for (const QStringList& args : commands) {
        const Ran ran = cliDb(db, args);
        INFO(args.join(' ').toStdString());
        CHECK(ran.code == 0);
        for (const QString& s : secrets) CHECK_FALSE(ran.all().contains(s));
    }
    const QList<QStringList> exports = {{"export", "json", t.file("e.json")},
                                        {"export", "csv", "declarations", t.file("d.csv")},
                                        {"export", "csv", "concerns", t.file("c.csv")}};
    for (const QStringList& args : exports) {
        REQUIRE(cliDb(db, args).code == 0);
        const QByteArray written = readBytes(args.last());
        for (const QString& s : secrets) CHECK_FALSE(written.contains(s.toUtf8()));
    }
    for (const QString& n : networks) {
        REQUIRE(cliDb(db, {"export", "roster", "--network", n, t.file("roster.csv")}).code == 0);
        const QByteArray written = readBytes(t.file("roster.csv"));
        for (const QString& s : secrets) CHECK_FALSE(written.contains(s.toUtf8()));
    }
}

TEST_CASE("hostile: the dental activity import refuses every kind of bad file clearly and changes nothing", "[cli][hostile][dental]") {
    cbtest::TempDb t;
    const QString db = t.path();
    t.database.reset();
    REQUIRE(cliDb(db, {"seed", "--contractors", "30", "--seed", "5"}).code == 0);
    QString contract;
    {
        SQLite::Database d(db.toStdString(), SQLite::OPEN_READONLY);
        SQLite::Statement q(d, "SELECT reference FROM contract WHERE route IN ('gds','pds') ORDER BY reference LIMIT 1");
        REQUIRE(q.executeStep());
        contract = QString::fromStdString(q.getColumn(0).getString());
    }
    const QByteArray header = "Contract number,Financial year,UDA target,UDA delivered,UOA target,UOA delivered,UDA value\r\n";
    const QByteArray line = contract.toUtf8() + ",2019/20,1000,950.5,0,,28.33\r\n";
    const QString evil = QString::fromLatin1("95" + kEsc + "0\a");
    const struct {
        const char* what;
        QByteArray bytes;
        QString message;
    } cases[] = {
        {"empty", "", "is empty"},
        {"truncated", header + contract.toUtf8() + ",\"2019/2", "never closed"},
        {"binary", binary(), "binary data"},
        {"wrong encoding", utf16(header + line), "UTF-16"},
        {"wrong kind", odsRow("A81001", "FIRST PRACTICE"), "is not a dental activity file"},
        {"huge field", header + contract.toUtf8() + ",2019/20,1000," + QByteArray(2 * 1024 * 1024, '9') + ",0,,28.33\r\n", "characters long"},
        {"control characters", header + contract.toUtf8() + ",2019/20,1000," + evil.toUtf8() + ",0,,28.33\r\n", "UDA delivered"},
        {"duplicate keys", header + line + line, "has a line for 2019/20 already (line 2)"},
        {"missing parent", header + "999999/9999,2019/20,1000,950,0,,28.33\r\n", "No dental contract in the register has the number 999999/9999"},
        {"fractions too fine", header + contract.toUtf8() + ",2019/20,1000,950.555,0,,28.33\r\n", "UDA delivered"},
        {"negative", header + contract.toUtf8() + ",2019/20,1000,-5,0,,28.33\r\n", "cannot be negative"},
    };
    const QString before = dump(db);
    for (const auto& c : cases) {
        for (bool dryRun : {true, false}) {
            const QString file = writeBytes(t.file("activity.csv"), c.bytes);
            QStringList args{"import", "dental-activity", file};
            if (dryRun) args << "--dry-run";
            const Ran ran = cliDb(db, args);
            INFO("dental activity file that is " << c.what << (dryRun ? " (dry run)" : "") << ": " << ran.all().left(2000).toStdString());
            CHECK(ran.code == 1);
            CHECK(ran.all().contains(c.message));
            CHECK_FALSE(ran.all().contains(QChar(0x1b)));
            CHECK_FALSE(ran.all().contains(QChar(0x07)));
            CHECK(ran.all().size() < 20000);
            CHECK(dump(db) == before);
        }
    }
}

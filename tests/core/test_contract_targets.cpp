// Issue 13: a dental contract's own UDA and UOA targets kept exactly (schema 15), as the yearly
// dental activity is since schema 14. A GDS/PDS contract of 3,500.5 UDAs is entered, saved, exported
// (JSON, CSV, Excel), imported and exchanged with a team to the hundredth; a whole number from an
// older file, database or replica is read as it always was.
#include "DentalContractFixtures.h"
#include "ExportFixtures.h"
#include "TeamSupport.h"

#include "common/Units.h"
#include "contracts/Contract.h"
#include "exchange/Import.h"
#include "exchange/RecordExchange.h"
#include "exchange/XlsxExport.h"
#include "store/Migrations.h"
#include "team/Team.h"

#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <SQLiteCpp/SQLiteCpp.h>

using namespace cb;
using namespace cb::exchange;

namespace {

Units units(const char* text) { return *Units::parse(QString::fromLatin1(text)); }

QByteArray readAll(const QString& path) {
    QFile f(path);
    REQUIRE(f.open(QIODevice::ReadOnly));
    return f.readAll();
}

// A dental practice with a GDS contract of `uda` UDAs (and `uoa` UOAs, when given).
struct Dental {
    cbtest::TempDb t;
    Contractor practice;
    Contract gds;
    explicit Dental(std::optional<Units> uda = units("3500.5"), std::optional<Units> uoa = units("120.25")) {
        practice = cbtest::makePractice(t.db(), "V00001", "dental");
        gds = cbtest::makeDentalContract(t.db(), practice, uda, uoa);
    }
    QString stored(const char* column) {
        return t.db().scalar(QStringLiteral("SELECT typeof(%1) || ':' || coalesce(%1, '') FROM contract WHERE id = ?")
                                 .arg(QLatin1String(column)), {gds.id}).toString();
    }
    QString snapshot() {
        QStringList out;
        for (const Row& r : t.db().query("SELECT * FROM contract ORDER BY id")) {
            QStringList fields;
            for (auto it = r.begin(); it != r.end(); ++it) fields << it.key() + "=" + it.value().toString();
            out << fields.join(",");
        }
        return out.join("\n") + QStringLiteral("|audit %1").arg(cbtest::count(t.db(), "audit"));
    }
};

} // namespace

TEST_CASE("migration 15 runs from every older version: contract targets kept exactly, as text", "[store][migrations][dental]") {
    for (const Migration& step : migrations()) {
        if (step.version >= 15) continue;
        DYNAMIC_SECTION("from version " << step.version) {
            QTemporaryDir dir;
            const QString path = dir.filePath("old.db");
            cbtest::makeOldDatabase(path, step.version);
            {
                SQLite::Database raw(path.toStdString(), SQLite::OPEN_READWRITE);
                raw.exec("INSERT INTO contractor(id, ods_code, contractor_group, name, status, created_at, updated_at) VALUES "
                         "('c1', 'V00001', 'dental', 'Old Dental', 'active', 'x', 'x'), "
                         "('c2', 'A81001', 'general_practice', 'Old Surgery', 'active', 'x', 'x')");
                raw.exec("INSERT INTO contract(id, contractor_id, route, reference, start_date, uda_target, uoa_target, status) "
                         "VALUES ('k1', 'c1', 'gds', '111111/0001', '2006-04-01', 10000, 250, 'active'), "
                         "('k2', 'c1', 'pds', '111111/0002', '2006-04-01', 4200, NULL, 'terminated'), "
                         "('k3', 'c2', 'gms', 'GMS-1', '2004-04-01', NULL, NULL, 'active')");
            }
            Database db(path);
            REQUIRE(db.fileSchemaVersion() == Database::schemaVersion());
            ContractBook book(db);
            const auto k1 = book.get("k1");
            REQUIRE(k1);
            CHECK(k1->udaTarget == Units(10000));
            CHECK(k1->uoaTarget == Units(250));
            CHECK(book.get("k2")->udaTarget == Units(4200));
            CHECK_FALSE(book.get("k2")->uoaTarget);
            CHECK_FALSE(book.get("k3")->udaTarget);
            CHECK_FALSE(book.get("k3")->uoaTarget);
            CHECK(db.scalar("SELECT group_concat(id || '=' || typeof(uda_target) || ':' || coalesce(uda_target, '') || '/' || "
                            "typeof(uoa_target) || ':' || coalesce(uoa_target, ''), ' ') FROM (SELECT * FROM contract "
                            "ORDER BY id)").toString() == "k1=text:10000/text:250 k2=text:4200/null: k3=null:/null:");
            CHECK(db.scalar("SELECT count(*) FROM pragma_foreign_key_check").toInt() == 0);
            CHECK(db.scalar("SELECT count(*) FROM pragma_table_info('contract') WHERE name IN ('uda_target', 'uoa_target') "
                            "AND type = 'TEXT'").toInt() == 2);
            // A fractional target can now be kept.
            Contract next = *k1;
            next.udaTarget = units("10000.5");
            book.update(next);
            CHECK(db.scalar("SELECT uda_target FROM contract WHERE id = 'k1'").toString() == "10000.5");
            CHECK(book.get("k1")->udaTarget == units("10000.5"));
        }
    }
}

TEST_CASE("a contract's fractional UDA target is saved exactly, as decimal text", "[dental][units][register]") {
    Dental d;
    CHECK(d.stored("uda_target") == "text:3500.5");
    CHECK(d.stored("uoa_target") == "text:120.25");
    const auto back = ContractBook(d.t.db()).get(d.gds.id);
    REQUIRE(back);
    CHECK(back->udaTarget == units("3500.5"));
    CHECK(back->uoaTarget == units("120.25"));
    CHECK(recordTypeOf("contract").field("uda_target")->words(QVariant("3500.5")) == "3,500.5");
    // A whole number given by a file or a script is kept as the same text.
    d.t.db().save("contract", Row{{"id", d.gds.id}, {"uda_target", qint64(10000)}, {"uoa_target", "1,000.50"}});
    CHECK(d.stored("uda_target") == "text:10000");
    CHECK(d.stored("uoa_target") == "text:1000.5");
}

TEST_CASE("a contract target with more than two decimal places, or negative, is refused in words and nothing changes",
          "[dental][units][register]") {
    Dental d;
    const QString before = d.snapshot();
    const auto refused = [&](const Row& row, const QString& field, const QString& message) {
        try {
            d.t.db().save("contract", row);
            FAIL("the target was saved");
        } catch (const ValidationError& e) {
            CHECK(e.messageFor(field) == message);
        }
        CHECK(d.snapshot() == before);
    };
    refused(Row{{"id", d.gds.id}, {"uda_target", "3500.555"}}, "udaTarget",
            "Enter the UDA target as a number of UDAs, e.g. 3500 or 3500.5: at most two decimal places, not \"3500.555\".");
    refused(Row{{"id", d.gds.id}, {"uoa_target", "lots"}}, "uoaTarget",
            "Enter the UOA target as a number of UOAs, e.g. 3500 or 3500.5: at most two decimal places, not \"lots\".");
    refused(Row{{"id", d.gds.id}, {"uda_target", "-1"}}, "udaTarget",
            "Enter the UDA target as a number of UDAs, e.g. 3500 or 3500.5: it cannot be negative (-1 was entered).");
    Contract k = d.gds;
    k.uoaTarget = units("-0.5");
    try {
        ContractBook(d.t.db()).update(k);
        FAIL("the target was saved");
    } catch (const ValidationError& e) {
        CHECK(e.messageFor("uoaTarget") ==
              "Enter the UOA target as a number of UOAs, e.g. 3500 or 3500.5: it cannot be negative (-0.5 was entered).");
    }
    CHECK(d.snapshot() == before);
}

TEST_CASE("a fractional contract target round-trips through JSON and CSV, and JSON again byte for byte",
          "[dental][units][exchange]") {
    Dental d;
    const QString json = d.t.file("all.json"), csv = d.t.file("contracts.csv"), contractors = d.t.file("contractors.csv");
    exportJson(d.t.db(), json);
    exportCsv(d.t.db(), "contracts", csv);
    exportCsv(d.t.db(), "contractors", contractors);
    const QByteArray jsonBytes = readAll(json);
    CHECK(jsonBytes.contains("\"uda_target\":\"3500.5\""));
    CHECK(readAll(csv).contains("3500.5"));

    cbtest::TempDb fromJson;
    const ImportSummary s = ImportJob::json(json).commit(fromJson.db());
    INFO(s.toText().toStdString());
    REQUIRE(s.rejected() == 0);
    CHECK(ContractBook(fromJson.db()).get(d.gds.id)->udaTarget == units("3500.5"));
    CHECK(ContractBook(fromJson.db()).get(d.gds.id)->uoaTarget == units("120.25"));
    const QString again = fromJson.file("again.json");
    exportJson(fromJson.db(), again);
    CHECK(readAll(again) == jsonBytes);

    // The CSV of contractors, then that of contracts, into an empty register.
    cbtest::TempDb fromCsv;
    REQUIRE(ImportJob::csv("contractors", contractors).commit(fromCsv.db()).added() == 1);
    const ImportSummary c = ImportJob::csv("contracts", csv).commit(fromCsv.db());
    INFO(c.toText().toStdString());
    CHECK(c.added() == 1);
    const auto k = ContractBook(fromCsv.db()).get(d.gds.id);
    REQUIRE(k);
    CHECK(k->udaTarget == units("3500.5"));
    CHECK(k->uoaTarget == units("120.25"));
}

TEST_CASE("exported columns follow each record type's description, whatever order a migration left the table in",
          "[dental][units][exchange]") {
    // V015 rebuilt the contract table with its UDA and UOA targets last; the CSV keeps them after the
    // list size, where the description (and every export before schema 15) has them.
    Dental d;
    const QString csv = d.t.file("contracts.csv");
    exportCsv(d.t.db(), "contracts", csv);
    const QList<QByteArray> lines = readAll(csv).split('\n');
    REQUIRE_FALSE(lines.isEmpty());
    const QList<QByteArray> header = lines.first().trimmed().split(',');
    CHECK(header.indexOf("uda_target") == header.indexOf("list_size") + 1);
    CHECK(header.indexOf("uoa_target") == header.indexOf("list_size") + 2);
    CHECK(header.indexOf("notes") > header.indexOf("uoa_target"));
    // Every record type: the described columns come first, in the description's order.
    for (const ExchangeTable& t : standardTables()) {
        const RecordType& type = recordTypeOf(t.table);
        QStringList described;
        for (const FieldSpec& f : type.fields) described << f.column;
        QStringList exported;
        for (const ColumnInfo& c : columnsOf(d.t.db(), t.table))
            if (described.contains(c.name)) exported << c.name;
        QStringList expected;
        for (const QString& c : described)
            if (exported.contains(c)) expected << c;
        INFO(t.table.toStdString());
        CHECK(exported == expected);
    }
}

TEST_CASE("a JSON file from before schema 15 with whole-number targets still imports", "[dental][units][exchange]") {
    Dental d(Units(10000), std::nullopt);
    const QString json = d.t.file("all.json");
    exportJson(d.t.db(), json);
    QByteArray bytes = readAll(json);
    REQUIRE(bytes.contains("\"uda_target\":\"10000\""));
    bytes.replace("\"uda_target\":\"10000\"", "\"uda_target\":10000"); // as an older Casebook wrote it
    const QString old = d.t.file("old.json");
    QFile f(old);
    REQUIRE(f.open(QIODevice::WriteOnly));
    f.write(bytes);
    f.close();
    cbtest::TempDb other;
    const ImportSummary s = ImportJob::json(old).commit(other.db());
    INFO(s.toText().toStdString());
    REQUIRE(s.rejected() == 0);
    CHECK(other.db().scalar("SELECT typeof(uda_target) || ':' || uda_target FROM contract").toString() == "text:10000");
}

TEST_CASE("the Contractors and contracts sheet gives a fractional UDA target as a number cell", "[dental][units][xlsx]") {
    Dental d;
    const ExportResult written = exportXlsx(d.t.db(), d.t.file("register.xlsx"));
    const auto xml = cbtest::sheetXml(written.path, "Contractors and contracts");
    if (!xml) {
        WARN("unzip is not available: the sheet was not inspected");
        return;
    }
    // Column N ("UDA target", the 14th) of the first data row: a number cell (no t="s"), 3500.5.
    const auto m = QRegularExpression(QStringLiteral("<c r=\"N2\"([^>]*)><v>([^<]*)</v>")).match(QString::fromUtf8(*xml));
    REQUIRE(m.hasMatch());
    CHECK_FALSE(m.captured(1).contains("t=\""));
    CHECK(m.captured(2) == "3500.5");
    // The data sheet kept for re-import: numbers too (decimal text in the database), the UOAs as well.
    const auto contracts = cbtest::sheetXml(written.path, "Contracts");
    REQUIRE(contracts);
    const QString data = QString::fromUtf8(*contracts);
    CHECK(data.contains(QRegularExpression(QStringLiteral("<c r=\"[A-Z]+2\"( s=\"\\d+\")?><v>3500.5</v>"))));
    CHECK(data.contains(QRegularExpression(QStringLiteral("<c r=\"[A-Z]+2\"( s=\"\\d+\")?><v>120.25</v>"))));
}

TEST_CASE("a fractional contract target reaches a colleague, and a whole one from an older replica still applies",
          "[dental][units][team]") {
    QTemporaryDir dir;
    FixedClock clock{QDateTime(QDate(2026, 11, 30), QTime(9, 0), QTimeZone::utc())};
    const QString folder = dir.filePath("TEAM");
    Database a(dir.filePath("a.db"));
    a.setClock(&clock);
    a.setActor("alice");
    const Contract k = cbtest::makeDentalContract(a, cbtest::makePractice(a, "V00001", "dental"), units("3500.5"));
    team::initTeam(a, folder, "Alice's desk");
    REQUIRE(team::joinTeam(folder, dir.filePath("b.db"), "Laptop").problems.isEmpty());
    Database b(dir.filePath("b.db"));
    b.setClock(&clock);
    b.setActor("bob");
    const auto sync = [&](Database& db) {
        clock.set(clock.nowUtc().addSecs(1));
        const team::SyncReport r = team::sync(db);
        INFO(r.problems.join("\n").toStdString());
        REQUIRE(r.problems.isEmpty());
        return r;
    };
    const auto target = [&](Database& db, const char* column) {
        return db.scalar(QStringLiteral("SELECT typeof(%1) || ':' || coalesce(%1, '') FROM contract WHERE id = ?")
                             .arg(QLatin1String(column)), {k.id}).toString();
    };
    CHECK(target(b, "uda_target") == "text:3500.5"); // from the snapshot

    // A fractional change travels in a package.
    Contract edited = *ContractBook(a).get(k.id);
    edited.udaTarget = units("3600.75");
    ContractBook(a).update(edited);
    sync(a);
    sync(b);
    CHECK(target(b, "uda_target") == "text:3600.75");
    CHECK(target(b, "uda_target") == target(a, "uda_target"));

    // A replica still on schema 14 sends its targets as JSON numbers: the change is written as it
    // would have written it, and applies as the same exact text.
    edited = *ContractBook(a).get(k.id);
    edited.uoaTarget = Units(250);
    ContractBook(a).update(edited);
    const QString fields = a.scalar("SELECT fields FROM exchange_change WHERE seq IS NULL AND tbl = 'contract'").toString();
    REQUIRE(fields.contains("\"250\""));
    a.write([&] { a.exec("UPDATE exchange_change SET fields = replace(fields, '\"250\"', '250') WHERE seq IS NULL"); });
    REQUIRE_FALSE(a.scalar("SELECT fields FROM exchange_change WHERE seq IS NULL AND tbl = 'contract'").toString().contains("\"250\""));
    sync(a);
    const team::SyncReport in = sync(b);
    CHECK(in.changesIn == 1);
    CHECK(target(b, "uoa_target") == "text:250");
    CHECK(target(b, "uda_target") == "text:3600.75");
    CHECK(b.scalar("SELECT count(*) FROM exchange_conflict").toLongLong() == 0);
}

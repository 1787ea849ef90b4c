#include "TestSupport.h"

#include "concerns/Concern.h"
#include "demo/DemoSeeder.h"
#include "exchange/RecordExchange.h"

#include <QDir>
#include <QFile>
#include <algorithm>

using namespace cb;
using namespace cb::exchange;

namespace {
QByteArray readAll(const QString& path) {
    QFile f(path);
    REQUIRE(f.open(QIODevice::ReadOnly));
    return f.readAll();
}
void seed(cbtest::TempDb& t, int contractors = 40) {
    SeedOptions o;
    o.contractors = contractors;
    seedDemo(t.db(), o);
}
// Two concerns about one practice: one shareable, one about a named individual (confidential).
void addConcerns(Database& db) {
    const QString cid = db.scalar("SELECT id FROM contractor WHERE contractor_group = 'general_practice' LIMIT 1").toString();
    ConcernService concerns(db);
    Concern open = concerns.draft(cid);
    open.source = "data";
    open.category = "prescribing";
    open.summary = "Prescribing pattern at the practice";
    concerns.create(open);
    Concern secret = concerns.draft(cid);
    secret.source = "whistleblowing";
    secret.category = "clinical_care";
    secret.summary = "Dr X: fitness to practise";
    secret.confidential = true;
    concerns.create(secret);
}
} // namespace

TEST_CASE("json: export, import into an empty database, export again gives an identical file", "[json]") {
    cbtest::TempDb a;
    seed(a);
    const QString first = a.file("register.json");
    const ExportResult r = exportJson(a.db(), first);
    CHECK(r.path == first);
    CHECK(r.records > 40);
    const QByteArray bytes = readAll(first);
    CHECK(bytes.startsWith("{\n\"casebook\": \"Casebook exchange file\","));

    cbtest::TempDb b;
    auto job = ImportJob::json(first);
    const auto preview = job.preview(b.db());
    CHECK(preview.added() == r.records);
    CHECK(preview.rejected() == 0);
    CHECK(cbtest::count(b.db(), "contractor") == 0);
    const auto done = job.commit(b.db());
    INFO(done.toText().left(3000).toStdString());
    REQUIRE(done.rejected() == 0);
    const QString second = b.file("again.json");
    exportJson(b.db(), second);
    CHECK(readAll(second) == bytes);

    // Importing the same file again changes nothing.
    const qint64 audits = cbtest::count(b.db(), "audit");
    const auto again = ImportJob::json(first).commit(b.db());
    CHECK(again.unchanged() == r.records);
    CHECK(cbtest::count(b.db(), "audit") == audits);
}

TEST_CASE("json: confidential records are left out unless included, and the file says so", "[json]") {
    cbtest::TempDb t;
    seed(t, 5);
    addConcerns(t.db());
    const auto& tables = standardTables();
    const qint64 confidentialRows =
        t.db().scalar("SELECT (SELECT count(*) FROM concern WHERE confidential = 1) + (SELECT count(*) FROM concern_event "
                      "WHERE concern_id IN (SELECT id FROM concern WHERE confidential = 1)) + (SELECT count(*) FROM "
                      "concern_action WHERE concern_id IN (SELECT id FROM concern WHERE confidential = 1)) + (SELECT "
                      "count(*) FROM visit_finding WHERE concern_id IN (SELECT id FROM concern WHERE confidential = 1)) + "
                      "(SELECT count(*) FROM contract_event WHERE concern_id IN (SELECT id FROM concern WHERE "
                      "confidential = 1)) + (SELECT count(*) FROM lpn_declaration)").toLongLong();

    const ExportResult shared = exportJson(t.db(), t.file("shared.json"), {}, tables);
    CHECK(shared.confidentialLeftOut == confidentialRows);
    CHECK_FALSE(shared.confidential);
    const QByteArray plain = readAll(shared.path);
    CHECK(plain.contains("Prescribing pattern"));
    CHECK_FALSE(plain.contains("fitness to practise"));

    ExportOptions all;
    all.includeConfidential = true;
    const ExportResult secret = exportJson(t.db(), t.file("full.json"), all, tables);
    CHECK(secret.confidential);
    CHECK(secret.path == t.file("CONFIDENTIAL-full.json"));
    CHECK_FALSE(QFile::exists(t.file("full.json")));
    const QByteArray text = readAll(secret.path);
    CHECK(text.split('\n').at(1).contains("CONFIDENTIAL"));
    CHECK(text.contains("fitness to practise"));

    // CSV of the type too: first line says so.
    const ExportResult csvSecret = exportCsv(t.db(), "concerns", t.file("concerns.csv"), all, tables);
    CHECK(csvSecret.path == t.file("CONFIDENTIAL-concerns.csv"));
    CHECK(readAll(csvSecret.path).mid(3).startsWith("CONFIDENTIAL"));
    const ExportResult csvShared = exportCsv(t.db(), "concerns", t.file("concerns.csv"), {}, tables);
    CHECK_FALSE(readAll(csvShared.path).contains("fitness"));
}

TEST_CASE("json: a shared export leaves out notices on confidential concerns, and imports whole into an empty register", "[json]") {
    cbtest::TempDb t;
    seed(t, 200);
    addConcerns(t.db());
    // A concern that led to a remedial notice (each names the other), then marked confidential.
    const auto linked = t.db().queryOne("SELECT c.id AS concern, e.id AS notice FROM concern c JOIN contract_event e ON "
                                        "e.id = c.notice_event_id AND e.concern_id = c.id WHERE c.confidential = 0 LIMIT 1");
    REQUIRE(linked);
    const QString concern = linked->value("concern").toString(), notice = linked->value("notice").toString();
    t.db().save("concern", Row{{"id", concern}, {"confidential", 1}});
    QStringList secrets{notice};
    for (const Row& r : t.db().query("SELECT id FROM concern WHERE confidential = 1")) secrets << r.value("id").toString();
    REQUIRE(secrets.size() >= 3);

    const ExportResult shared = exportJson(t.db(), t.file("shared.json"));
    const QByteArray text = readAll(shared.path);
    for (const QString& id : secrets) {
        INFO(id.toStdString());
        CHECK_FALSE(text.contains(id.toUtf8())); // not even as a reference
    }

    cbtest::TempDb empty;
    const auto imported = ImportJob::json(shared.path).commit(empty.db());
    INFO(imported.toText().toStdString());
    REQUIRE(imported.committed);
    CHECK(imported.rejected() == 0);
    CHECK(cbtest::count(empty.db(), "contractor") == 200);
    CHECK(cbtest::count(empty.db(), "contract_event") ==
          t.db().scalar("SELECT count(*) FROM contract_event WHERE concern_id IS NULL OR concern_id NOT IN (SELECT id "
                        "FROM concern WHERE confidential = 1)").toLongLong());
}

TEST_CASE("json: a file that is not a Casebook exchange file is refused, bad records are rejected", "[json]") {
    cbtest::TempDb t;
    auto write = [&](const QString& name, const QByteArray& data) {
        QFile f(t.file(name));
        REQUIRE(f.open(QIODevice::WriteOnly));
        f.write(data);
        return t.file(name);
    };
    CHECK_THROWS_WITH(ImportJob::json(write("a.json", "{\"x\": 1")), Catch::Contains("is not valid JSON (line 1"));
    CHECK_THROWS_WITH(ImportJob::json(write("b.json", "{\"x\": 1}")), Catch::Contains("not a Casebook exchange file"));
    CHECK_THROWS_WITH(ImportJob::json(write("c.json", "{\"format\":\"casebook-exchange\",\"version\":99,\"tables\":{}}")),
                      Catch::Contains("newer Casebook"));
    const QString bad = write("d.json", "{\"format\":\"casebook-exchange\",\"version\":1,\"tables\":{\n\"contractor\": [\n"
                                        "{\"id\":\"k1\",\"ods_code\":\"A81001\",\"contractor_group\":\"general_practice\","
                                        "\"name\":\"OK\",\"status\":\"active\"},\n"
                                        "{\"id\":\"k2\",\"ods_code\":\"BAD\",\"contractor_group\":\"general_practice\","
                                        "\"name\":\"X\",\"status\":\"active\"},\n"
                                        "{\"id\":\"k3\",\"ods_code\":\"A81003\",\"contractor_group\":\"dental\",\"name\":\"Y\","
                                        "\"status\":\"active\"}\n],\n\"mystery\": [{\"id\":\"m\"}]}}");
    const auto r = ImportJob::json(bad).commit(t.db());
    CHECK(r.added() == 1);
    REQUIRE(r.rejected() == 2);
    CHECK(r.files[0].rejections[0].line == 4);
    CHECK(r.files[0].rejections[0].reason.contains("GP practice code is a letter"));
    CHECK(r.files[0].rejections[1].line == 5);
    CHECK(r.skipped() == 1);
    CHECK(cbtest::count(t.db(), "contractor") == 1);
}

TEST_CASE("csv exchange: each record type round-trips, formula guard is undone on import", "[json][csvx]") {
    cbtest::TempDb a;
    seed(a, 30);
    // A note a spreadsheet would run as a formula.
    a.db().save("contractor", Row{{"id", a.db().scalar("SELECT id FROM contractor LIMIT 1")}, {"notes", "=HYPERLINK(\"x\")"}});
    cbtest::TempDb b;
    for (const QString& type : {"contractors", "sites", "contracts", "services", "events", "performers"}) {
        const QString path = a.file(type + ".csv");
        exportCsv(a.db(), type, path);
        const auto r = ImportJob::csv(type, path).commit(b.db());
        INFO(type.toStdString() + "\n" + r.toText().left(2000).toStdString());
        CHECK(r.rejected() == 0);
        CHECK(csvDocument(a.db(), *findTable(standardTables(), type)) ==
              csvDocument(b.db(), *findTable(standardTables(), type)));
    }
    CHECK(b.db().scalar("SELECT count(*) FROM contractor WHERE notes = '=HYPERLINK(\"x\")'").toInt() == 1);
    CHECK_THROWS_WITH(ImportJob::csv("widgets", a.file("contractors.csv")), Catch::Contains("no record type"));
    const qint64 before = cbtest::count(b.db(), "audit");
    CHECK_THROWS_WITH(ImportJob::csv("contracts", a.file("performers.csv")).preview(b.db()),
                      Catch::Contains("is not a Casebook CSV of contracts: it has no contractor_id, route columns"));
    CHECK_THROWS_AS(ImportJob::csv("contracts", a.file("performers.csv")).commit(b.db()), ImportError);
    CHECK(cbtest::count(b.db(), "audit") == before);
    CHECK_THROWS_WITH(ImportJob::csv("contracts", a.file("nothing.csv")), Catch::Contains("does not exist"));
}

TEST_CASE("csv exchange: rows without an id match by ODS code, bad values are rejected by line", "[csvx]") {
    cbtest::TempDb t;
    QFile f(t.file("contractors.csv"));
    REQUIRE(f.open(QIODevice::WriteOnly));
    f.write("ods_code,contractor_group,name,status,postcode\r\n"
            "A81001,general_practice,THE SURGERY,active,TS18 1HU\r\n"
            "A81002,general_practice,,active,\r\n"
            "A81003,general_practice,NO POSTCODE,active,NOT A POSTCODE\r\n");
    f.close();
    auto r = ImportJob::csv("contractors", t.file("contractors.csv")).commit(t.db());
    CHECK(r.added() == 1);
    REQUIRE(r.rejected() == 2);
    CHECK(r.files[0].rejections[0].line == 3);
    CHECK(r.files[0].rejections[0].reason == "Enter the contractor's name.");
    CHECK(r.files[0].rejections[1].reason.contains("is not a UK postcode"));
    r = ImportJob::csv("contractors", t.file("contractors.csv")).commit(t.db());
    CHECK(r.unchanged() == 1);
    CHECK(r.added() == 0);
}

TEST_CASE("json: among hundreds of records a bad value refuses only its own, and unknown fields are noted once", "[json]") {
    // 600 practices, past the progress reports (every 512 records); the unknown field in two of them.
    cbtest::TempDb t;
    QByteArray json = "{\"format\":\"casebook-exchange\",\"version\":1,\"tables\":{\n\"contractor\": [\n";
    for (int i = 0; i < 600; ++i) {
        const QByteArray name = i == 299 ? "true" : "\"Practice " + QByteArray::number(i) + "\"";
        const QByteArray extra = i == 255 || i == 257 ? ",\"colour\":\"blue\"" : "";
        json += "{\"id\":\"k" + QByteArray::number(i) + "\",\"ods_code\":\"A" + QByteArray::number(80000 + i) +
                "\",\"contractor_group\":\"general_practice\",\"name\":" + name + ",\"status\":\"active\"" + extra + "}";
        json += i < 599 ? ",\n" : "\n";
    }
    json += "]}}\n";
    QFile f(t.file("batches.json"));
    REQUIRE(f.open(QIODevice::WriteOnly));
    f.write(json);
    f.close();

    const auto r = ImportJob::json(t.file("batches.json")).commit(t.db());
    CHECK(r.added() == 599);
    REQUIRE(r.rejected() == 1);
    CHECK(r.files[0].rejections[0].line == 3 + 299); // the header, then one record a line
    CHECK(r.files[0].rejections[0].reason.contains("name must be text"));
    CHECK(cbtest::count(t.db(), "contractor") == 599);
    CHECK(t.db().scalar("SELECT count(*) FROM contractor WHERE id = 'k299'").toInt() == 0);
    CHECK(t.db().scalar("SELECT name FROM contractor WHERE id = 'k599'").toString() == "Practice 599");
    const QStringList notes = r.files[0].notes.filter("not known");
    REQUIRE(notes.size() == 1);
    CHECK(notes[0] == "contractor: fields not known to this version were ignored: colour");
}

TEST_CASE("json: progress moves through an import and Cancel stops it with nothing changed", "[json]") {
    cbtest::TempDb from;
    seed(from, 120);
    ExportOptions o;
    o.includeConfidential = true;
    const QString path = exportJson(from.db(), from.file("all.json"), o).path; // named CONFIDENTIAL-all.json
    const qint64 records = cbtest::count(from.db(), "audit"); // one audit row for each record seeded
    REQUIRE(records > 2 * 512);

    cbtest::TempDb to;
    auto job = ImportJob::json(path);
    QList<int> seen;
    job.setProgress([&](int permille) {
        seen << permille;
        return true;
    });
    CHECK(job.commit(to.db()).rejected() == 0);
    REQUIRE(seen.size() >= 4); // the start, some steps between, the end
    CHECK(seen.first() == 0);
    CHECK(seen.last() == 1000);
    CHECK(std::is_sorted(seen.begin(), seen.end()));
    CHECK(std::any_of(seen.begin(), seen.end(), [](int p) { return p > 0 && p < 1000; }));
    CHECK(cbtest::count(to.db(), "contractor") == cbtest::count(from.db(), "contractor"));

    cbtest::TempDb cancelledInto;
    auto cancelled = ImportJob::json(path);
    int calls = 0;
    cancelled.setProgress([&](int) { return ++calls < 3; }); // Cancel pressed part way through
    CHECK_THROWS_AS(cancelled.commit(cancelledInto.db()), ImportCancelled);
    CHECK(cbtest::count(cancelledInto.db(), "contractor") == 0);
    CHECK(cbtest::count(cancelledInto.db(), "audit") == 0);
}

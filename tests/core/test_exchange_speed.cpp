// Behaviour kept by the import and export speed-ups (issue 17): line numbers found without a
// regular expression, foreign keys read once per table, the stored record read only when a row
// leaves a reference out, JSON text written without Qt. Figures are in `make bench`, never here.
#include "TestSupport.h"

#include "common/TextHygiene.h"
#include "demo/DemoSeeder.h"
#include "exchange/RecordExchange.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

using namespace cb;
using namespace cb::exchange;

namespace {
QString writeFile(const cbtest::TempDb& t, const QString& name, const QByteArray& data) {
    const QString path = t.file(name);
    QFile f(path);
    REQUIRE(f.open(QIODevice::WriteOnly));
    f.write(data);
    return path;
}
} // namespace

TEST_CASE("json import: each rejection keeps its own line, however the id is written", "[json][speed]") {
    cbtest::TempDb t;
    const QString path = writeFile(
        t, "lines.json",
        "{\"format\":\"casebook-exchange\",\"version\":1,\"tables\":{\n"
        "\"contractor\": [\n"
        "{\"name\":\"id\", \"id\" :  \"k1\",\"ods_code\":\"A81001\",\"contractor_group\":\"general_practice\","
        "\"status\":\"active\"},\n"
        "{\"ods_code\":\"BAD\",\"id\":\"k2\",\"contractor_group\":\"general_practice\",\"name\":\"X\",\"status\":\"active\"}\n"
        "],\n"
        "\"site\": [\n"
        "{\"contractor_id\":\"k1\",\"id\":\"s1\",\"name\":\"Branch\",\"status\":\"active\"},\n"
        "{\"contractor_id\":\"nobody\",\"id\":\"s2\",\"name\":\"Orphan\",\"status\":\"active\"},\n"
        "{\"contractor_id\":\"k1\",\"id\":\"s3\",\"name\":\"Second branch\",\"status\":\"active\"}\n"
        "]}}\n");
    const ImportSummary r = ImportJob::json(path).commit(t.db());
    INFO(r.toText().toStdString());
    CHECK(r.added() == 3);
    REQUIRE(r.rejected() == 2);
    CHECK(r.files[0].rejections[0].line == 4);
    CHECK(r.files[0].rejections[0].key == "k2");
    CHECK(r.files[0].rejections[1].line == 8);
    CHECK(r.files[0].rejections[1].key == "s2");
    CHECK(r.files[0].rejections[1].reason.contains("is not in the register"));
    CHECK(cbtest::count(t.db(), "site") == 2);
    CHECK(t.db().scalar("SELECT count(*) FROM site WHERE id = 's2'").toInt() == 0);
}

TEST_CASE("json import: a row that leaves a reference out is checked against the stored record", "[json][speed]") {
    cbtest::TempDb t;
    const QString setup = writeFile(t, "setup.json",
                                    "{\"format\":\"casebook-exchange\",\"version\":1,\"tables\":{\n"
                                    "\"contractor\": [\n"
                                    "{\"id\":\"k1\",\"ods_code\":\"A81001\",\"contractor_group\":\"general_practice\","
                                    "\"name\":\"Oak\",\"status\":\"active\"}\n],\n"
                                    "\"site\": [\n"
                                    "{\"contractor_id\":\"k1\",\"id\":\"s1\",\"name\":\"Branch\",\"status\":\"active\"}\n"
                                    "]}}\n");
    REQUIRE(ImportJob::json(setup).commit(t.db()).rejected() == 0);

    // No contractor_id: the existing site keeps its practice and takes the new name; a new site
    // without one is refused in words, and nothing of it is stored.
    const QString rename = writeFile(t, "rename.json",
                                     "{\"format\":\"casebook-exchange\",\"version\":1,\"tables\":{\n"
                                     "\"site\": [\n"
                                     "{\"id\":\"s1\",\"name\":\"Renamed branch\",\"status\":\"active\"},\n"
                                     "{\"id\":\"s9\",\"name\":\"Nowhere\",\"status\":\"active\"}\n"
                                     "]}}\n");
    const ImportSummary r = ImportJob::json(rename).commit(t.db());
    INFO(r.toText().toStdString());
    CHECK(r.updated() == 1);
    REQUIRE(r.rejected() == 1);
    CHECK(r.files[0].rejections[0].line == 4);
    CHECK(r.files[0].rejections[0].reason.contains("contractor"));
    CHECK(t.db().scalar("SELECT name FROM site WHERE id = 's1'").toString() == "Renamed branch");
    CHECK(t.db().scalar("SELECT contractor_id FROM site WHERE id = 's1'").toString() == "k1");
    CHECK(cbtest::count(t.db(), "site") == 1);
}

TEST_CASE("json export writes text exactly as Qt's JSON writer would", "[json][speed]") {
    cbtest::TempDb t;
    const QString notes = QStringLiteral("say \"hi\" \\ back\tslash\nnew line\r\nand a plain run");
    const QString accented = QStringLiteral("Caf\u00e9 \"Ch\u00e2teau\"");
    // Escapes written before the first character beyond ASCII are taken back with the rest.
    const QString escapedFirst = QStringLiteral("\"The\" Ch\u00e2teau\\Lane");
    t.db().save("contractor", Row{{"id", "k1"}, {"ods_code", "A81001"}, {"contractor_group", "general_practice"},
                                  {"name", accented}, {"status", "active"}, {"notes", notes},
                                  {"address1", escapedFirst}});
    const QByteArray doc = jsonDocument(t.db());
    const auto qt = [](const QString& s) {
        const QByteArray a = QJsonDocument(QJsonArray{s}).toJson(QJsonDocument::Compact);
        return a.mid(1, a.size() - 2);
    };
    CHECK(doc.contains("\"notes\":" + qt(notes)));
    CHECK(doc.contains("\"name\":" + qt(accented)));
    CHECK(doc.contains("\"address1\":" + qt(escapedFirst) + ","));
    // And it reads back as the same record.
    cbtest::TempDb b;
    const QString path = writeFile(b, "round.json", doc);
    REQUIRE(ImportJob::json(path).commit(b.db()).rejected() == 0);
    CHECK(b.db().scalar("SELECT notes FROM contractor WHERE id = 'k1'").toString() == notes);
    CHECK(b.db().scalar("SELECT name FROM contractor WHERE id = 'k1'").toString() == accented);
    CHECK(b.db().scalar("SELECT address1 FROM contractor WHERE id = 'k1'").toString() == escapedFirst);
}

TEST_CASE("long-text columns are recognised by their whole name parts only", "[hygiene][speed]") {
    CHECK(text::maxLength("notes") == text::kMaxLongText);
    CHECK(text::maxLength("visit_notes") == text::kMaxLongText);
    CHECK(text::maxLength("notes_internal") == text::kMaxLongText);
    CHECK(text::maxLength("managed_how") == text::kMaxLongText);
    CHECK(text::maxLength("footnotes") == text::kMaxShortText);
    CHECK(text::maxLength("notesx") == text::kMaxShortText);
    CHECK(text::maxLength("ods_code") == text::kMaxShortText);
    CHECK(text::maxLength("_") == text::kMaxShortText);
}

TEST_CASE("a json export written in parts is the same document as one built whole", "[json][speed]") {
    cbtest::TempDb t;
    SeedOptions o;
    o.contractors = 450; // more than a megabyte of JSON: several parts
    seedDemo(t.db(), o);
    ExportOptions everything;
    everything.includeConfidential = true;
    const QString path = t.file("confidential-register.json");
    exportJson(t.db(), path, everything);
    QFile f(path);
    REQUIRE(f.open(QIODevice::ReadOnly));
    const QByteArray written = f.readAll();
    CHECK(written.size() > (1 << 20));
    CHECK(written == jsonDocument(t.db(), everything));
    CHECK(QDir(t.dir.path()).entryList({"*.json*"}, QDir::Files) == QStringList{"confidential-register.json"});
}

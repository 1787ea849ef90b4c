// The JSON exchange import reads its file as a stream (never the whole document in memory): these
// tests hold it to what the whole-document reader did, and to clear refusals of damaged files.
#include "TestSupport.h"

#include "common/FileSafety.h"
#include "demo/DemoSeeder.h"
#include "exchange/RecordExchange.h"

#include <QFile>
#include <QJsonDocument>

using namespace cb;
using namespace cb::exchange;

namespace {
QByteArray readAll(const QString& path) { return files::readRegularFile(path); }
QString write(cbtest::TempDb& t, const QString& name, const QByteArray& data) {
    QFile f(t.file(name));
    REQUIRE(f.open(QIODevice::WriteOnly));
    f.write(data);
    return t.file(name);
}
const QByteArray kHead = "{\"format\":\"casebook-exchange\",\"version\":1,\"tables\":{";
// One contractor record; `extra` is added inside its braces.
QByteArray contractor(const QByteArray& id, const QByteArray& code, const QByteArray& extra = {}) {
    return "{\"id\":\"" + id + "\",\"ods_code\":\"" + code +
           "\",\"contractor_group\":\"general_practice\",\"name\":\"THE SURGERY\",\"status\":\"active\"" + extra + "}";
}
} // namespace

TEST_CASE("json stream: a file laid out by another program imports the same as Casebook's own", "[json][jsonstream]") {
    cbtest::TempDb a;
    seedDemo(a.db(), SeedOptions{15, 42, {}});
    const QString own = a.file("own.json");
    const ExportResult r = exportJson(a.db(), own);
    const QByteArray bytes = readAll(own);

    // Indented by Qt, with its tables sorted by name (so some children come before their parents),
    // a byte order mark in front and Windows line ends: the records are the same.
    QByteArray pretty = QJsonDocument::fromJson(bytes).toJson(QJsonDocument::Indented);
    pretty.replace('\n', "\r\n");
    const QString other = write(a, "other.json", "\xEF\xBB\xBF" + pretty);

    cbtest::TempDb b;
    const auto done = ImportJob::json(other).commit(b.db());
    INFO(done.toText().left(2000).toStdString());
    CHECK(done.rejected() == 0);
    CHECK(done.added() == r.records);
    exportJson(b.db(), b.file("again.json"));
    CHECK(readAll(b.file("again.json")) == bytes);
}

TEST_CASE("json stream: tables in any order, escapes and a record's line in an indented file", "[json][jsonstream]") {
    cbtest::TempDb t;
    // A site listed before its contractor; a name with escapes (é, a quote, an emoji as a surrogate
    // pair); a record spread over several lines, rejected with the line of its id.
    const QByteArray file = kHead + "\n\"site\": [],\n\"contractor\": [\n" +
                            contractor("k1", "A81001", ",\"notes\":\"caf\\u00e9 \\\"x\\\" \\ud83d\\ude00\"") + ",\n{\n  \"name\": \"X\",\n"
                            "  \"id\": \"k2\",\n  \"ods_code\": \"BAD\"\n}\n]}}";
    const auto r = ImportJob::json(write(t, "a.json", file)).commit(t.db());
    CHECK(r.added() == 1);
    REQUIRE(r.rejected() == 1);
    CHECK(r.files[0].rejections[0].line == 7);
    CHECK(r.files[0].rejections[0].key == "k2");
    CHECK(t.db().scalar("SELECT notes FROM contractor WHERE id = 'k1'").toString() ==
          QStringLiteral("caf\u00e9 \"x\" \U0001F600"));
}

TEST_CASE("json stream: damaged and hostile files are refused whole, saying where", "[json][jsonstream]") {
    cbtest::TempDb t;
    seedDemo(t.db(), SeedOptions{2, 42, {}});
    const qint64 contractors = cbtest::count(t.db(), "contractor");
    const qint64 audits = cbtest::count(t.db(), "audit");
    const auto refused = [&](const QByteArray& bytes, const char* message) {
        INFO(bytes.left(200).toStdString());
        CHECK_THROWS_WITH(ImportJob::json(write(t, "bad.json", bytes)).commit(t.db()), Catch::Contains(message));
        CHECK(cbtest::count(t.db(), "contractor") == contractors);
        CHECK(cbtest::count(t.db(), "audit") == audits);
    };
    // Cut off part way through a record, on its third line.
    refused(kHead + "\n\"contractor\": [\n" + contractor("k1", "A81001").left(40), "is not valid JSON (line 3: the file "
                                                                                  "ends inside text");
    refused(kHead + "\"contractor\": [" + contractor("k1", "A81001") + "]}} extra", "is not valid JSON (line 1: there is "
                                                                                  "more after the end");
    refused(kHead + "\"contractor\": [" + contractor("k1", "A81001") + ",]}}", "is not valid JSON (line 1: \"]\" where "
                                                                              "a value should be");
    // Nesting a thousand deep would exhaust the stack of a recursive reader.
    refused(kHead + "\"contractor\": [" + contractor("k1", "A81001", ",\"notes\":" + QByteArray(1000, '[')) + "]}}",
            "nested more than 64 deep");
    refused(kHead + "\"contractor\": [" + contractor("k1", "A81001", ",\"notes\":\"\xC3\x28\"") + "]}}",
            "text is not valid UTF-8");
    refused(kHead + "\"contractor\": [" + contractor("k1", "A81001", ",\"notes\":\"" + QByteArray(17 << 20, 'x') + "\"") +
                "]}}",
            "a text value is longer than 16 MiB");
    refused(kHead + "\"contractor\": [" + contractor("k1", "A81001") + ", 7]}}", "a record of \"contractor\" is not a "
                                                                               "record in { }");
    refused(kHead + "\"contractor\": {}}}", "\"contractor\" should be a list of records");
    refused("[1, 2]", "is JSON, but not a Casebook exchange file");
    refused("{\"format\":\"casebook-exchange\",\"version\":\"1\",\"tables\":{}}", "does not say which version");
    refused(kHead + "\"contractor\": [" + contractor("k1", "A81001") + "]}}\n" + QByteArray("\0", 1), "binary data");
}

TEST_CASE("json stream: a file changed between opening and importing is not half imported", "[json][jsonstream]") {
    cbtest::TempDb t;
    const QString path = write(t, "a.json", kHead + "\"contractor\": [" + contractor("k1", "A81001") + "]}}");
    auto job = ImportJob::json(path);
    write(t, "a.json", kHead + "\"contractor\": [" + contractor("k1", "A81001") + "," + contractor("k2", "A81002") + "]}}");
    CHECK_THROWS_WITH(job.commit(t.db()), Catch::Contains("was changed while it was being imported"));
    CHECK(cbtest::count(t.db(), "contractor") == 0);
}

TEST_CASE("json stream: a large import keeps the audit trail and its indexes as they were", "[json][jsonstream]") {
    cbtest::TempDb a;
    seedDemo(a.db(), SeedOptions{120, 42, {}});
    ExportOptions everything;
    everything.includeConfidential = true;
    const ExportResult r = exportJson(a.db(), a.file("all.json"), everything);
    REQUIRE(r.records >= 1000); // a bulk write
    cbtest::TempDb b;
    const QString indexes = "SELECT group_concat(name || ':' || sql, ' | ') FROM (SELECT name, sql FROM sqlite_schema "
                            "WHERE type = 'index' AND tbl_name = 'audit_log' ORDER BY name)";
    const QString before = b.db().scalar(indexes).toString();
    REQUIRE(before.contains("audit_log_record"));
    auto job = ImportJob::json(r.path);
    CHECK(job.preview(b.db()).added() == r.records);
    CHECK(b.db().scalar(indexes).toString() == before);
    CHECK(cbtest::count(b.db(), "audit") == 0);
    CHECK(job.commit(b.db()).added() == r.records);
    CHECK(b.db().scalar(indexes).toString() == before);
    CHECK(b.db().scalar("PRAGMA integrity_check").toString() == "ok");
    CHECK(b.db().scalar("SELECT count(*) FROM audit_log WHERE action = 1").toLongLong() == r.records);
    // Every record's history is found through the rebuilt index.
    const QString id = b.db().scalar("SELECT id FROM contract LIMIT 1").toString();
    CHECK(b.db().scalar("SELECT count(*) FROM audit WHERE record_id = ?", {id}).toInt() == 1);
    const QString plan = b.db().query("EXPLAIN QUERY PLAN SELECT seq FROM audit_log WHERE substr(record_id, 1, 4) = x'00' "
                                      "AND (action <> 1 OR practice IS NULL)")
                             .value(0).value("detail").toString();
    CHECK(plan.contains("audit_log_record"));
}

// Behaviour kept by the import and export speed-ups (issue 17): line numbers found without a
// regular expression, foreign keys read once per table, the stored record read only when a row
// leaves a reference out, JSON text written without Qt. Figures are in `make bench`, never here.
#include "TestSupport.h"

#include "common/RecordId.h"
#include "common/TextHygiene.h"
#include "demo/DemoSeeder.h"
#include "exchange/RecordExchange.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUuid>
#include <algorithm>
#include <tuple>
#include <vector>

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
// A demo register of `contractors` exported whole, confidential records included; the file's path
// (named CONFIDENTIAL-…).
QString seededExport(cbtest::TempDb& t, int contractors, const QString& name) {
    SeedOptions o;
    o.contractors = contractors;
    seedDemo(t.db(), o);
    ExportOptions everything;
    everything.includeConfidential = true;
    return exportJson(t.db(), t.file(name), everything).path;
}
// The "tables" object of an exchange file.
QJsonObject tablesOf(const QString& path) {
    QFile in(path);
    REQUIRE(in.open(QIODevice::ReadOnly));
    return QJsonDocument::fromJson(in.readAll()).object().value("tables").toObject();
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

namespace {
QByteArray exchangeFile(const QByteArray& tables) {
    return "{\"format\":\"casebook-exchange\",\"version\":1,\"tables\":{\n" + tables + "}}\n";
}
} // namespace

TEST_CASE("json import: each kind of JSON value is stored, or refused, as its column says", "[json][speed]") {
    // The reader hands each value over as text, a number, true/false, null or a nested value; what
    // a column makes of each, and the words of each refusal, are those of the QJsonValue it once was.
    cbtest::TempDb t;
    const QByteArray contract = "\"contractor_id\":\"k1\",\"route\":\"gms\",\"status\":\"active\"";
    const QByteArray pharmacy = "\"contractor_id\":\"k2\",\"route\":\"pharmacy_list\",\"status\":\"active\"";
    const QString path = writeFile(
        t, "values.json",
        exchangeFile("\"contractor\": [\n"
                     "{\"id\":\"k1\",\"ods_code\":\"A81001\",\"contractor_group\":\"general_practice\",\"name\":\"Oak\","
                     "\"status\":\"active\"},\n"
                     "{\"id\":\"k2\",\"ods_code\":\"F1000\",\"contractor_group\":\"pharmacy\",\"name\":\"Elm\","
                     "\"status\":\"active\"},\n"
                     "{\"id\":\"k3\",\"ods_code\":\"A81002\",\"contractor_group\":\"general_practice\",\"name\":\"Ash\","
                     "\"status\":\"active\"}\n],\n"
                     "\"contract\": [\n"
                     "{\"id\":\"c1\"," + contract + ",\"list_size\":5000,\"reference\":12,\"dispensing\":true,"
                     "\"notes\":null},\n"
                     "{\"id\":\"p1\"," + pharmacy + ",\"core_hours\":40.5,\"total_hours\":5e1},\n"
                     "{\"id\":\"c2\"," + contract + ",\"list_size\":\"5000\"},\n"
                     "{\"id\":\"c3\"," + contract + ",\"list_size\":1e300},\n"
                     "{\"id\":\"c4\"," + contract + ",\"list_size\":2.5},\n"
                     "{\"id\":\"p2\"," + pharmacy + ",\"core_hours\":\"x\"},\n"
                     "{\"id\":\"c6\"," + contract + ",\"reference\":{\"a\":1}},\n"
                     "{\"id\":\"c7\"," + contract + ",\"reference\":[1]},\n"
                     "{\"id\":7," + contract + "},\n"
                     "{\"id\":\"c9\",\"contractor_id\":\"k3\",\"route\":\"gms\",\"status\":\"active\",\"list_size\":-0,\"hundred_hour\":false}\n"
                     "]\n"));
    const ImportSummary r = ImportJob::json(path).commit(t.db());
    INFO(r.toText().toStdString());
    CHECK(r.added() == 6);
    REQUIRE(r.rejected() == 7);
    QStringList why;
    for (const auto& x : r.files[0].rejections) why << QString::number(x.line) + ": " + x.reason;
    INFO(why.join('\n').toStdString());
    CHECK(why[0] == "10: list_size must be a whole number.");
    CHECK(why[1].startsWith("11: list_size must be a whole number of sensible size, not 1"));
    CHECK(why[2] == "12: list_size must be a whole number of sensible size, not 2.5.");
    CHECK(why[3] == "13: core_hours must be a number.");
    CHECK(why[4] == "14: reference must be text.");
    CHECK(why[5] == "15: reference must be text.");
    CHECK(why[6].startsWith("16: "));
    CHECK(why[6].contains("The record has no id."));

    const auto c1 = t.db().queryOne("SELECT list_size, typeof(list_size) AS lt, reference, dispensing, notes "
                                    "FROM contract WHERE id = 'c1'");
    REQUIRE(c1);
    CHECK(c1->value("list_size").toLongLong() == 5000);
    CHECK(c1->value("lt").toString() == "integer");
    CHECK(c1->value("reference").toString() == "12");
    CHECK(c1->value("dispensing").toLongLong() == 1);
    CHECK(c1->value("notes").isNull());
    const auto p1 = t.db().queryOne("SELECT core_hours, total_hours FROM contract WHERE id = 'p1'");
    REQUIRE(p1);
    CHECK(p1->value("core_hours").toDouble() == 40.5);
    CHECK(p1->value("total_hours").toDouble() == 50.0);
    const auto c9 = t.db().queryOne("SELECT list_size, hundred_hour FROM contract WHERE id = 'c9'");
    REQUIRE(c9);
    CHECK(c9->value("list_size").toLongLong() == 0);
    CHECK(c9->value("hundred_hour").toLongLong() == 0);
}

TEST_CASE("json and csv import: a record whose parent is missing is refused in words, in every table", "[json][speed]") {
    // A parent is looked up only once the save refuses the row (SQLite enforces every reference):
    // whatever the table and whatever its rules make of a missing parent, the refusal names it,
    // into a register that has the rest of the records and into an empty one, and nothing is stored.
    cbtest::TempDb full;
    const QString exported = seededExport(full, 30, "all.json");
    const QJsonObject tables = tablesOf(exported);
    int tried = 0;
    for (const ExchangeTable& table : standardTables()) {
        const QJsonArray records = tables.value(table.table).toArray();
        if (records.isEmpty()) continue;
        for (const Row& fk : full.db().query("SELECT \"from\" AS col FROM pragma_foreign_key_list(?)", {table.table})) {
            const QString column = fk.value("col").toString();
            QJsonObject record;
            for (const QJsonValue& r : records) // one that names this parent
                if (!r.toObject().value(column).isNull()) {
                    record = r.toObject();
                    break;
                }
            if (record.isEmpty()) continue;
            const QString missing = Database::newId();
            record.insert("id", Database::newId());
            record.insert(column, missing);
            // A natural key (an ODS code) must not find the record the row was copied from.
            if (!table.naturalKey.isEmpty()) record.remove(table.naturalKey);
            const QByteArray file = exchangeFile("\"" + table.table.toUtf8() + "\": [\n" +
                                                 QJsonDocument(record).toJson(QJsonDocument::Compact) + "\n]\n");
            for (cbtest::TempDb* into : {&full, static_cast<cbtest::TempDb*>(nullptr)}) {
                cbtest::TempDb empty;
                cbtest::TempDb& db = into ? *into : empty;
                const qint64 before = cbtest::count(db.db(), table.table);
                const qint64 audits = cbtest::count(db.db(), "audit_log");
                const ImportSummary r = ImportJob::json(writeFile(db, "orphan.json", file)).commit(db.db());
                INFO(table.table.toStdString() << "." << column.toStdString() << (into ? " (full)" : " (empty)") << ": "
                                               << r.toText().toStdString());
                CHECK(r.added() == 0);
                REQUIRE(r.rejected() == 1);
                const QString reason = r.files[0].rejections[0].reason;
                CHECK(reason.contains("is not in the register"));
                CHECK(reason.contains(missing.left(80)));
                CHECK(cbtest::count(db.db(), table.table) == before);
                CHECK(cbtest::count(db.db(), "audit_log") == audits);
                ++tried;
            }
        }
    }
    CHECK(tried >= 20); // every table with a reference that the demo register fills
}

TEST_CASE("json import into an empty table: an id written twice in two forms keeps the first", "[json][speed]") {
    // Records going into a table that held nothing are saved as new, not sought first. The file's
    // repeats are refused before they are saved; the same id in its 36-character form is refused
    // by the insert, in words, and the first record stays as it was.
    cbtest::TempDb t;
    const QString uuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QString compact = ident::compactId(uuid);
    REQUIRE(compact != uuid);
    const QString path = writeFile(
        t, "twice.json",
        exchangeFile("\"contractor\": [\n"
                     "{\"id\":\"" + compact.toUtf8() + "\",\"ods_code\":\"A81001\",\"contractor_group\":\"general_practice\","
                     "\"name\":\"First\",\"status\":\"active\"},\n"
                     "{\"id\":\"" + uuid.toUtf8() + "\",\"ods_code\":\"A81002\",\"contractor_group\":\"general_practice\","
                     "\"name\":\"Second\",\"status\":\"active\"}\n]\n"));
    const ImportSummary r = ImportJob::json(path).commit(t.db());
    INFO(r.toText().toStdString());
    CHECK(r.added() == 1);
    REQUIRE(r.rejected() == 1);
    CHECK(r.files[0].rejections[0].line == 4);
    CHECK(r.files[0].rejections[0].reason.contains("already exists"));
    CHECK(t.db().scalar("SELECT name FROM contractor").toString() == "First");
    CHECK(t.db().scalar("SELECT row_version FROM contractor").toLongLong() == 1);
    CHECK(cbtest::count(t.db(), "audit_log") == 1);

    // Into a register that has records already, each record is sought as before: the same file
    // now updates the one contractor twice.
    const ImportSummary again = ImportJob::json(path).commit(t.db());
    INFO(again.toText().toStdString());
    CHECK(again.rejected() == 0);
    CHECK(t.db().scalar("SELECT name FROM contractor").toString() == "Second");
}

TEST_CASE("json import: an id met again in a table is refused with its first line, whatever its form", "[json][speed]") {
    // The file's repeats are found by the id's 128 bits when it is a record id, by a packed number
    // when it is a short code, and by its text otherwise (here a 22-character text that is not the
    // exact encoding of 16 bytes): each repeat is refused with the line of the first, which is kept.
    cbtest::TempDb t;
    const QByteArray id = Database::newId().toUtf8();
    const QByteArray odd = "bxwqngAAQACAAAAAAAAAAR"; // 22 characters, not a record id's
    REQUIRE(ident::idBytes(QString::fromLatin1(odd)).isEmpty());
    QByteArray rows;
    int n = 0;
    for (const QByteArray& key : {id, QByteArray("k1"), odd, id, QByteArray("k1"), odd, id}) {
        ++n;
        rows += "{\"id\":\"" + key + "\",\"ods_code\":\"A8100" + QByteArray::number(n) +
                "\",\"contractor_group\":\"general_practice\",\"name\":\"Number " + QByteArray::number(n) +
                "\",\"status\":\"active\"}" + (n < 7 ? ",\n" : "\n");
    }
    const QString path = writeFile(t, "repeats.json", exchangeFile("\"contractor\": [\n" + rows + "]\n"));
    const ImportSummary r = ImportJob::json(path).commit(t.db());
    INFO(r.toText().toStdString());
    CHECK(r.added() == 3);
    REQUIRE(r.rejected() == 4);
    const QList<std::pair<int, int>> lines = {{6, 3}, {7, 4}, {8, 5}, {9, 3}}; // line, its first
    for (int i = 0; i < 4; ++i) {
        CHECK(r.files[0].rejections[i].line == lines[i].first);
        CHECK(r.files[0].rejections[i].reason.contains(
            QStringLiteral("appears twice in the file (first on line %1)").arg(lines[i].second)));
    }
    CHECK(t.db().scalar("SELECT name FROM contractor WHERE id = ?", {QString::fromLatin1(id)}).toString() == "Number 1");
    CHECK(t.db().scalar("SELECT name FROM contractor WHERE id = ?", {QString::fromLatin1(odd)}).toString() == "Number 3");
}

TEST_CASE("json export lists each table practice by practice, so an import reads its parents in order", "[json][speed]") {
    // A table's records follow the practices' order (their ids), then their parent's id, then their
    // own: the contract lookups an import of a service makes then walk the contract and contractor
    // tables from start to end instead of jumping about them (issue 17).
    cbtest::TempDb a;
    const QString path = seededExport(a, 60, "ordered.json");
    const QJsonObject tables = tablesOf(path);
    REQUIRE(tables.contains("contract_service"));

    QHash<QString, QString> practiceOf; // parent record id -> its practice, by parent table
    const auto practices = [&](const char* table) {
        for (const QJsonValue& v : tables.value(table).toArray())
            practiceOf.insert(QString::fromLatin1(table) + v["id"].toString(), v["contractor_id"].toString());
    };
    practices("contract");
    practices("concern");
    practices("visit");
    int checkedTables = 0;
    for (const char* table : {"site", "performer_link", "tier_history", "quality_indicator", "contract", "contract_service",
                              "contract_event", "dental_activity", "concern", "concern_event", "concern_action", "visit",
                              "visit_finding", "visit_action", "data_quality_note"}) {
        const QJsonArray rows = tables.value(table).toArray();
        const QString name = QLatin1String(table);
        const QString parent = name.startsWith("contract_") || name == "dental_activity" ? "contract"
                               : name.startsWith("concern_")                             ? "concern"
                               : name.startsWith("visit_")                               ? "visit"
                                                                                         : QString();
        std::vector<std::tuple<QString, QString, QString>> keys; // practice, parent, own id
        for (const QJsonValue& v : rows) {
            const QString parentId = parent.isEmpty() ? QString() : v[parent + "_id"].toString();
            const QString practice = parent.isEmpty() ? v["contractor_id"].toString() : practiceOf.value(parent + parentId);
            keys.emplace_back(practice, parentId, v["id"].toString());
        }
        INFO(table);
        CHECK(std::is_sorted(keys.begin(), keys.end()));
        if (rows.size() > 1) ++checkedTables;
    }
    CHECK(checkedTables >= 10); // the seed gives most tables several records

    // Imported into an empty register, the contracts are stored in their practices' order.
    cbtest::TempDb b;
    REQUIRE(ImportJob::json(path).commit(b.db()).rejected() == 0);
    const QList<Row> stored = b.db().query("SELECT contractor_id FROM contract ORDER BY rowid");
    QStringList owners;
    for (const Row& r : stored) owners << r.value("contractor_id").toString();
    CHECK(owners.size() == tables.value("contract").toArray().size());
    CHECK(std::is_sorted(owners.begin(), owners.end()));
}

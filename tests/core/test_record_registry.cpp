// The lists nobody keeps by hand (core/GenerateLists.cmake): the migration steps come from the files
// in core/store/migrations, the record types from the CB_RECORD_TYPE lines where each is described,
// ordered parents before children from the schema's foreign keys. These tests catch a step or a
// type that the build missed, a duplicate, and a description that does not match the schema.
#include "TestSupport.h"
#include "store/Migrations.h"
#include "store/RecordType.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QSet>

using namespace cb;

namespace {

// The sources beside this build: tests/data may not exist, so the path is cleaned as text.
QDir coreSources() { return QDir(QDir::cleanPath(QStringLiteral(CASEBOOK_TEST_DATA_DIR "/../../core"))); }

// Version numbers given up before a release, so never a file: the list may skip only these.
const QList<int> kRetiredVersions = {6};

QStringList userTables(Database& db) {
    QStringList out;
    for (const Row& r : db.query(QStringLiteral("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE "
                                                "'sqlite_%' AND name NOT LIKE '%fts%' AND name NOT LIKE 'audit%' AND "
                                                "name NOT LIKE 'exchange_%' ORDER BY name")))
        out << r.value("name").toString();
    return out;
}

} // namespace

TEST_CASE("the migration steps are the files in core/store/migrations, one per version, none missing or twice", "[store][migrations][registry]") {
    const std::vector<Migration>& steps = migrations();
    REQUIRE_FALSE(steps.empty());
    QList<int> versions;
    for (const Migration& m : steps) {
        INFO("version " << m.version);
        CHECK(m.sql != nullptr);
        CHECK(QByteArray(m.sql).trimmed().size() > 0);
        CHECK(QByteArray(m.name).size() > 0);
        versions << m.version;
    }
    // Strictly rising: no version twice, none out of order.
    for (qsizetype i = 1; i < versions.size(); ++i) CHECK(versions[i] > versions[i - 1]);
    // No gap but the retired numbers.
    for (int v = 1; v <= versions.last(); ++v) {
        INFO("version " << v);
        CHECK((versions.contains(v) != kRetiredVersions.contains(v)));
    }
    CHECK(Database::schemaVersion() == versions.last());
    // Every file is a step, so a new file needs no other edit (and a stray one is noticed).
    QList<int> files;
    const QRegularExpression name(QStringLiteral("^V0*(\\d+)_[A-Za-z0-9]+\\.cpp$"));
    const QDir folder(coreSources().filePath(QStringLiteral("store/migrations")));
    REQUIRE(folder.exists());
    for (const QString& f : folder.entryList({QStringLiteral("V*.cpp")}, QDir::Files, QDir::Name)) {
        INFO(f.toStdString());
        const auto m = name.match(f);
        REQUIRE(m.hasMatch());
        files << m.captured(1).toInt();
    }
    std::sort(files.begin(), files.end());
    CHECK(files == versions);
}

TEST_CASE("every CB_RECORD_TYPE line in core is one record type, and every user table has exactly one", "[store][records][registry]") {
    // The lines as the build finds them.
    int lines = 0;
    const QRegularExpression line(QStringLiteral("^CB_RECORD_TYPE\\((\\w+)\\)"), QRegularExpression::MultilineOption);
    QDirIterator it(coreSources().path(), {QStringLiteral("*.cpp")}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile f(it.next());
        REQUIRE(f.open(QIODevice::ReadOnly));
        for (auto m = line.globalMatch(QString::fromUtf8(f.readAll())); m.hasNext(); m.next()) ++lines;
    }
    CHECK(lines == recordTypes().size());
    // The unordered list that lookups use holds the same types.
    REQUIRE(registeredRecordTypes().size() == recordTypes().size());
    for (const RecordType* type : registeredRecordTypes()) CHECK(recordTypes().contains(type));

    cbtest::TempDb t;
    QSet<QString> tables, names;
    for (const RecordType* type : recordTypes()) {
        INFO(type->table.toStdString());
        CHECK_FALSE(tables.contains(type->table));
        CHECK_FALSE(names.contains(type->recordType));
        tables.insert(type->table);
        names.insert(type->recordType);
        CHECK(findRecordType(type->table) == type);
        CHECK(findRecordType(type->recordType) == type);
    }
    for (const QString& table : userTables(t.db())) {
        INFO(table.toStdString());
        CHECK(tables.contains(table));
    }
    CHECK(tables.size() == userTables(t.db()).size());
}

TEST_CASE("record types come parents before children, as the schema's foreign keys say", "[store][records][registry]") {
    cbtest::TempDb t;
    const QList<const RecordType*>& types = recordTypes();
    QStringList order;
    for (const RecordType* type : types) order << type->table;
    int edges = 0;
    for (const RecordType* type : types) {
        for (const Row& fk : t.db().query(QStringLiteral("SELECT DISTINCT \"table\" AS parent FROM pragma_foreign_key_list(?)"),
                                          {type->table})) {
            const QString parent = fk.value("parent").toString();
            if (parent == type->table || !order.contains(parent)) continue;
            INFO(type->table.toStdString() << " refers to " << parent.toStdString());
            CHECK(order.indexOf(parent) < order.indexOf(type->table));
            ++edges;
        }
    }
    CHECK(edges > 20); // the check saw the schema's links, not an empty list
    // The order is the one imports insert in and exports write: the register comes first.
    CHECK(order.indexOf("contractor") < order.indexOf("site"));
    CHECK(order.indexOf("contract") < order.indexOf("contract_event"));
    CHECK(order.indexOf("concern") < order.indexOf("concern_event"));
    CHECK(order.indexOf("lpn_network") < order.indexOf("lpn_attendance"));
}

TEST_CASE("each record type's fields are its table's columns, with the kinds the schema stores", "[store][records][registry]") {
    cbtest::TempDb t;
    for (const RecordType* type : recordTypes()) {
        QHash<QString, QString> declared;
        for (const Row& r : t.db().query(QStringLiteral("SELECT name, upper(type) AS type FROM pragma_table_info(?)"), {type->table}))
            declared.insert(r.value("name").toString(), r.value("type").toString());
        for (const FieldSpec& f : type->fields) {
            INFO(type->table.toStdString() << "." << f.column.toStdString());
            REQUIRE(declared.contains(f.column));
            // Numbers are stored as numbers: a description saying "number" over a text column (or
            // the reverse) would compare and sort wrongly.
            if (f.isNumber()) CHECK((declared.value(f.column) == "INTEGER" || declared.value(f.column) == "REAL"));
            else if (f.kind == FieldKind::Date || f.kind == FieldKind::Code || f.kind == FieldKind::Lines)
                CHECK(declared.value(f.column) == "TEXT");
        }
        INFO(type->table.toStdString());
        CHECK(declared.contains(kRowVersion));
    }
}

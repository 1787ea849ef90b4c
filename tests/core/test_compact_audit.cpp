// The compact audit trail (V007): the same who, when, what and from-what-to-what in fewer bytes,
// read back the same way, from files of every older version too.
#include "TestSupport.h"
#include "common/RecordId.h"
#include "contractors/Contractor.h"
#include "store/AuditTrail.h"
#include "store/Migrations.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <SQLiteCpp/SQLiteCpp.h>

using namespace cb;

namespace {

Contractor surgery() {
    Contractor c;
    c.odsCode = QStringLiteral("A81001");
    c.group = QStringLiteral("general_practice");
    c.name = QStringLiteral("The Surgery");
    c.postcode = QStringLiteral("TS18 1HU");
    c.telephone = QStringLiteral("01642 111111");
    return c;
}

constexpr int kCompactAuditVersion = 7;

Row withoutNulls(Row row) {
    for (auto it = row.begin(); it != row.end();)
        it = it.value().isNull() ? row.erase(it) : std::next(it);
    return row;
}

// A file as a Casebook of `version` left it, with one contractor and an old-style audit trail of
// it: added, then its postcode changed.
void makeOldFile(const QString& path, int version) {
    cbtest::makeOldDatabase(path, version);
    SQLite::Database raw(path.toStdString(), SQLite::OPEN_READWRITE);
    raw.exec("INSERT INTO contractor(id, ods_code, contractor_group, name, postcode, status, created_at, updated_at) "
             "VALUES ('6f1c2a9e-0000-4000-8000-000000000001', 'A81001', 'general_practice', 'Old Surgery', "
             "'TS18 2AA', 'active', '2025-01-01T09:00:00Z', '2025-02-01T10:30:00Z')");
    raw.exec("INSERT INTO audit(at, who, entity, record_id, contractor_id, label, action, old_values, new_values, "
             "source) VALUES ('2025-01-01T09:00:00Z', 'asmith', 'contractor', '6f1c2a9e-0000-4000-8000-000000000001', "
             "'6f1c2a9e-0000-4000-8000-000000000001', 'A81001 Old Surgery', 'insert', NULL, "
             "'{\"id\":\"6f1c2a9e-0000-4000-8000-000000000001\",\"name\":\"Old Surgery\",\"postcode\":\"TS18 1HU\"}', "
             "'import epraccur.csv')");
    raw.exec("INSERT INTO audit(at, who, entity, record_id, contractor_id, label, action, old_values, new_values, "
             "source) VALUES ('2025-02-01T10:30:00Z', 'bjones', 'contractor', '6f1c2a9e-0000-4000-8000-000000000001', "
             "'6f1c2a9e-0000-4000-8000-000000000001', 'A81001 Old Surgery', 'update', '{\"postcode\":\"TS18 1HU\"}', "
             "'{\"postcode\":\"TS18 2AA\"}', NULL)");
}

} // namespace

TEST_CASE("an insert's audit row stores no copy of the record, yet the trail still tells what it was created with",
          "[audit][compact]") {
    cbtest::TempDb t;
    ContractorService service(t.db());
    Contractor c = service.create(surgery());
    const Row created = withoutNulls(*t.db().fetchRecord("contractor", c.id));
    REQUIRE(t.db().scalar("SELECT new_values IS NULL AND old_values IS NULL FROM audit_log WHERE action = 1").toInt() == 1);

    AuditTrail trail(t.db());
    REQUIRE(trail.createdWith(c.id) == created); // nothing changed since

    c.postcode = QStringLiteral("TS18 2AA");
    c.telephone.clear();
    service.update(c);
    c = *service.get(c.id); // the form reopened: its row version is current again
    c.name = QStringLiteral("The New Surgery");
    c.postcode = QStringLiteral("TS18 3BB");
    service.update(c);
    REQUIRE(t.db().fetchRecord("contractor", c.id)->value("postcode") == "TS18 3BB");
    REQUIRE(trail.createdWith(c.id) == created);

    service.remove(c.id);
    REQUIRE_FALSE(t.db().fetchRecord("contractor", c.id));
    REQUIRE(trail.createdWith(c.id) == created); // the delete row kept the record
    REQUIRE_FALSE(trail.createdWith(QStringLiteral("no-such-record")));
}

TEST_CASE("audit rows keep ids as 16 bytes, names as numbers and time in seconds, and read back unchanged",
          "[audit][compact]") {
    cbtest::TempDb t;
    ContractorService service(t.db());
    Contractor c = service.create(surgery());
    c.postcode = QStringLiteral("TS18 2AA");
    service.update(c);

    const Row stored = *t.db().queryOne("SELECT typeof(at) AS at, typeof(who) AS who, typeof(entity) AS entity, "
                                        "typeof(record_id) AS record, length(record_id) AS bytes, "
                                        "typeof(practice) AS owner FROM audit_log ORDER BY seq DESC LIMIT 1");
    CHECK(stored.value("at") == "integer");
    CHECK(stored.value("who") == "integer");
    CHECK(stored.value("entity") == "integer");
    CHECK(stored.value("record") == "blob");
    CHECK(stored.value("bytes").toInt() == 16);
    CHECK(stored.value("owner") == "integer"); // its practice file's number (V017)
    // Each name is stored once however many rows use it.
    CHECK(t.db().scalar("SELECT count(*) FROM audit_name WHERE name = 'tester'").toInt() == 1);

    // The `audit` view spells everything out as the table before V007 did.
    const Row row = *t.db().queryOne("SELECT * FROM audit ORDER BY seq DESC LIMIT 1");
    CHECK(row.value("at") == "2026-11-22T12:00:00Z");
    CHECK(row.value("who") == "tester");
    CHECK(row.value("entity") == "contractor");
    CHECK(row.value("record_id") == c.id);
    CHECK(row.value("contractor_id") == c.id);
    CHECK(row.value("action") == "update");
    CHECK(QJsonDocument::fromJson(row.value("old_values").toString().toUtf8()).object().value("postcode") == "TS18 1HU");

    const QList<AuditEntry> entries = AuditTrail(t.db()).forRecord(c.id);
    REQUIRE(entries.size() == 2);
    CHECK(entries.first().recordId == c.id);
    CHECK(entries.first().at == QDateTime(QDate(2026, 11, 22), QTime(12, 0), QTimeZone::utc()));
    REQUIRE(entries.first().changes.size() == 1);
    CHECK(entries.first().changes.first().before == "TS18 1HU");
    CHECK(entries.last().action == "insert");
}

TEST_CASE("a change rolled back takes a new user's name with it, and that user's next change is still recorded",
          "[audit][compact]") {
    cbtest::TempDb t;
    t.db().setActor(QStringLiteral("newcomer"));
    ContractorService service(t.db());
    REQUIRE_THROWS(t.db().write([&] {
        service.create(surgery());
        throw ValidationError(QString(), QStringLiteral("stop here"));
    }));
    REQUIRE(t.db().scalar("SELECT count(*) FROM audit_name WHERE name = 'newcomer'").toInt() == 0);
    const Contractor c = service.create(surgery());
    REQUIRE(AuditTrail(t.db()).forRecord(c.id).first().who == "newcomer");
    REQUIRE(t.db().scalar("SELECT count(*) FROM audit_log a LEFT JOIN audit_name n ON n.id = a.who "
                          "WHERE n.id IS NULL").toInt() == 0);
}

TEST_CASE("every older version's audit trail migrates to the compact one with nothing lost", "[audit][compact][migrations]") {
    for (const Migration& step : migrations()) {
        if (step.version >= kCompactAuditVersion) continue;
        DYNAMIC_SECTION("from version " << step.version) {
            QTemporaryDir dir;
            const QString path = dir.filePath("old.db");
            makeOldFile(path, step.version);
            FixedClock clock(QDate(2026, 11, 22));
            Database db(path);
            db.setClock(&clock);
            db.setActor(QStringLiteral("tester"));
            REQUIRE(db.fileSchemaVersion() == Database::schemaVersion());
            const QString id = QStringLiteral("6f1c2a9e-0000-4000-8000-000000000001");

            AuditTrail trail(db);
            const QList<AuditEntry> history = trail.forContractor(id);
            REQUIRE(history.size() == 2);
            CHECK(history.at(0).who == "bjones");
            CHECK(history.at(0).at == QDateTime(QDate(2025, 2, 1), QTime(10, 30), QTimeZone::utc()));
            REQUIRE(history.at(0).changes.size() == 1);
            CHECK(history.at(0).changes.first().before == "TS18 1HU");
            CHECK(history.at(0).changes.first().after == "TS18 2AA");
            CHECK(history.at(1).who == "asmith");
            CHECK(history.at(1).action == "insert");
            CHECK(history.at(1).source == "import epraccur.csv");
            CHECK(trail.createdWith(id)->value("postcode") == "TS18 1HU");

            // The view reads as the old table did, and new changes join the same history in order.
            const Row first = *db.queryOne("SELECT * FROM audit ORDER BY seq LIMIT 1");
            CHECK(first.value("at") == "2025-01-01T09:00:00Z");
            CHECK(first.value("record_id") == ident::compactId(id)); // V013 gave the record the short form of its id
            CHECK(first.value("new_values").toString().contains("Old Surgery"));
            ContractorService service(db);
            Contractor c = *service.findByOdsCode("A81001");
            c.name = QStringLiteral("Renamed Surgery");
            service.update(c);
            const QList<AuditEntry> after = trail.forContractor(id);
            REQUIRE(after.size() == 3);
            CHECK(after.first().seq > after.at(1).seq);
            CHECK(after.first().changes.first().after == "Renamed Surgery");
            CHECK(trail.createdWith(id)->value("name") == "Old Surgery");
            CHECK(db.scalar("SELECT count(*) FROM sqlite_schema WHERE name = 'audit' AND type = 'view'").toInt() == 1);
        }
    }
}

TEST_CASE("code that still writes to the old audit table name is stored compactly", "[audit][compact]") {
    cbtest::TempDb t;
    t.db().write([&] {
        t.db().exec("INSERT INTO audit(at, who, entity, record_id, contractor_id, label, action, old_values, new_values, "
                    "source) VALUES ('2026-11-22T12:00:00Z', 'tester', 'setting', 'policy', NULL, 'Policy', 'update', "
                    "'{\"days\":28}', '{\"days\":30}', 'settings')");
    });
    const Row r = *t.db().queryOne("SELECT typeof(at) AS at, action, who FROM audit_log");
    CHECK(r.value("at") == "integer");
    CHECK(r.value("action").toInt() == 2);
    const QList<AuditEntry> entries = AuditTrail(t.db()).forRecord("policy");
    REQUIRE(entries.size() == 1);
    CHECK(entries.first().source == "settings");
    CHECK(entries.first().changes.first().after == "30");
}

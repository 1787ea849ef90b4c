// The leaner audit trail (V016, issue 17): an insert's row keeps no label, which the trail works
// out from what the record was created with, and the indexes hold a 4-byte prefix of each id.
#include "ConcernFixtures.h"
#include "TestSupport.h"
#include "common/RecordId.h"
#include "contractors/Contractor.h"
#include "contracts/Contract.h"
#include "store/AuditTrail.h"
#include "store/Migrations.h"

#include <SQLiteCpp/SQLiteCpp.h>

using namespace cb;

namespace {

constexpr int kLeanAuditVersion = 16;

QString planOf(Database& db, const QString& sql) {
    QStringList steps;
    for (const Row& r : db.query(QStringLiteral("EXPLAIN QUERY PLAN ") + sql, {QByteArray(16, 'x'), "a", "b", 1}))
        steps << r.value("detail").toString();
    return steps.join(QLatin1String(" | "));
}

} // namespace

TEST_CASE("an insert's audit row keeps no label, yet the history names the record as it was created", "[audit][lean]") {
    cbtest::TempDb t;
    ContractorService practices(t.db());
    ContractBook book(t.db());
    Contractor c = cbtest::makePractice(t.db()); // "Oakfield Surgery A81001"
    Contract k = cbtest::makeContract(t.db(), c); // "GMS-A81001"
    REQUIRE(t.db().scalar("SELECT count(*) FROM audit_log WHERE action = 1").toInt() == 2);
    CHECK(t.db().scalar("SELECT count(*) FROM audit_log WHERE action = 1 AND label IS NOT NULL").toInt() == 0);

    // Renamed afterwards: the insert is still told with the name the record was created with,
    // and the update keeps its own label as before.
    c.name = QStringLiteral("The New Surgery");
    practices.update(c);
    k.reference = QStringLiteral("GMS-2");
    book.update(k);
    CHECK(t.db().scalar("SELECT count(*) FROM audit_log WHERE action = 2 AND label IS NOT NULL").toInt() == 2);

    QList<AuditEntry> history = AuditTrail(t.db()).forContractor(c.id);
    REQUIRE(history.size() == 4);
    CHECK(history.at(0).recordName() == "GMS contract GMS-2");
    CHECK(history.at(1).text().contains(
        "changed Contractor A81001 The New Surgery: name from Oakfield Surgery A81001 to The New Surgery"));
    CHECK(history.at(2).text().contains("added GMS contract GMS-A81001"));
    CHECK(history.at(3).text().contains("added Contractor A81001 Oakfield Surgery A81001"));
    CHECK(AuditTrail(t.db()).forRecord(k.id).last().recordName() == "GMS contract GMS-A81001");

    // Deleted: its insert is still named, from the values its delete row kept.
    book.remove(k.id);
    history = AuditTrail(t.db()).forContractor(c.id);
    REQUIRE(history.size() == 5);
    CHECK(history.first().text().contains("deleted GMS contract GMS-2"));
    CHECK(history.at(3).text().contains("added GMS contract GMS-A81001"));
}

TEST_CASE("two ids that share their first four bytes keep separate histories", "[audit][lean]") {
    cbtest::TempDb t;
    // Two practice files whose ids differ only after the bytes the indexes hold.
    const QByteArray first = QByteArray::fromHex("0123456789abcdef0123456789abcdef");
    const QByteArray second = QByteArray::fromHex("01234567ffffffffffffffffffffffff");
    const QString a = ident::idFromBytes(first), b = ident::idFromBytes(second);
    REQUIRE(a.size() == 22);
    REQUIRE(a.left(4) == b.left(4)); // the same 4 characters too, for ids kept as text
    t.db().write([&] {
        for (const QString& id : {a, b, a})
            t.db().exec("INSERT INTO audit(at, who, entity, record_id, contractor_id, label, action, old_values, "
                        "new_values, source) VALUES ('2026-11-22T12:00:00Z', 'tester', 'contractor', ?, ?, ?, "
                        "'update', '{\"name\":\"Old\"}', '{\"name\":\"New\"}', NULL)",
                        {id, id, QStringLiteral("Label of ") + id});
        // The same ids as the write path stores them: 16 bytes.
        t.db().exec("INSERT INTO audit_log(at, who, entity, action, record_id, practice, label) "
                    "SELECT 1, who, entity, 2, ?, (SELECT n FROM audit_practice WHERE id = ?), 'stored' FROM audit_log "
                    "LIMIT 1",
                    {first, a});
    });
    AuditTrail trail(t.db());
    CHECK(trail.forContractor(a).size() == 3);
    CHECK(trail.forRecord(a).size() == 3);
    CHECK(trail.forContractor(b).size() == 1);
    CHECK(trail.forRecord(b).size() == 1);
    for (const AuditEntry& e : trail.forRecord(b)) CHECK(e.label == "Label of " + b);
}

TEST_CASE("the trail's lookups use the prefix index and the practice index", "[audit][lean]") {
    cbtest::TempDb t;
    const QString byRecord = "SELECT seq FROM audit_log a WHERE substr(a.record_id, 1, 4) IN (substr(?1, 1, 4), "
                             "substr(?2, 1, 4), substr(?3, 1, 4)) AND a.record_id IN (?1, ?2, ?3) "
                             "AND (a.action <> 1 OR a.practice IS NULL) ORDER BY seq DESC LIMIT ?4";
    const QString byPractice = "SELECT seq FROM audit_log a WHERE a.practice IN (?4) ORDER BY a.seq DESC LIMIT ?4";
    const QString creation = "SELECT seq FROM audit_log a WHERE substr(a.record_id, 1, 4) IN (substr(?1, 1, 4), "
                             "substr(?2, 1, 4), substr(?3, 1, 4)) AND a.record_id IN (?1, ?2, ?3) AND a.action = 1 "
                             "AND a.practice IN (?4) ORDER BY a.seq DESC";
    CHECK(planOf(t.db(), byRecord).contains("USING INDEX audit_log_record"));
    CHECK(planOf(t.db(), byPractice).contains("INDEX audit_log_practice")); // a covering one here
    CHECK(planOf(t.db(), creation).contains("USING INDEX audit_log_practice"));
    CHECK(t.db().scalar("SELECT sql FROM sqlite_schema WHERE name = 'audit_log_record'").toString().contains("substr"));
}

TEST_CASE("a file from before V016 keeps its insert labels and finds its history through the new indexes",
          "[audit][lean][migrations]") {
    QTemporaryDir dir;
    const QString path = dir.filePath("old.db");
    cbtest::makeOldDatabase(path, kLeanAuditVersion - 1);
    const QString id = ident::compactId(QStringLiteral("6f1c2a9e-0000-4000-8000-000000000001"));
    {
        SQLite::Database raw(path.toStdString(), SQLite::OPEN_READWRITE);
        SQLite::Statement add(raw, "INSERT INTO contractor(id, ods_code, contractor_group, name, postcode, status, "
                                   "created_at, updated_at) VALUES (?, 'A81001', 'general_practice', 'Renamed Surgery', "
                                   "'TS18 2AA', 'active', '2025-01-01T09:00:00Z', '2025-01-01T09:00:00Z')");
        add.bind(1, id.toStdString());
        add.exec();
        // As V015 wrote it: a label on the insert, the record's id as 16 bytes.
        raw.exec("INSERT OR IGNORE INTO audit_name(name) VALUES ('asmith'), ('contractor')");
        SQLite::Statement audit(raw, "INSERT INTO audit_log(at, who, entity, action, record_id, contractor_id, label) "
                                     "VALUES (1735722000, (SELECT id FROM audit_name WHERE name = 'asmith'), "
                                     "(SELECT id FROM audit_name WHERE name = 'contractor'), 1, ?, ?, "
                                     "'A81001 Old Surgery')");
        const QByteArray bytes = ident::idBytes(id);
        audit.bind(1, bytes.constData(), int(bytes.size()));
        audit.bind(2, bytes.constData(), int(bytes.size()));
        audit.exec();
    }
    FixedClock clock(QDate(2026, 11, 22));
    Database db(path);
    db.setClock(&clock);
    db.setActor(QStringLiteral("tester"));
    REQUIRE(db.fileSchemaVersion() == Database::schemaVersion());
    CHECK(db.scalar("SELECT sql FROM sqlite_schema WHERE name = 'audit_log_record'").toString().contains("substr"));
    const QList<AuditEntry> history = AuditTrail(db).forContractor(id);
    REQUIRE(history.size() == 1);
    CHECK(history.first().who == "asmith");
    CHECK(history.first().recordName() == "Contractor A81001 Old Surgery"); // what was recorded, not worked out
    CHECK(db.scalar("PRAGMA integrity_check").toString() == "ok");
}

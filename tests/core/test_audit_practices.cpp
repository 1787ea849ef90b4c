// The audit trail names each practice file once (V017, issue 17): a row keeps its practice file's
// number, and a record's creation is found through its practice file, not through the record index.
#include "ConcernFixtures.h"
#include "TestSupport.h"
#include "common/RecordId.h"
#include "contracts/Contract.h"
#include "store/AuditTrail.h"

#include <SQLiteCpp/SQLiteCpp.h>

using namespace cb;

namespace {

constexpr int kAuditPracticesVersion = 17;

QStringList texts(const QList<AuditEntry>& entries) {
    QStringList out;
    for (const AuditEntry& e : entries) out << e.text();
    return out;
}

} // namespace

TEST_CASE("every row of a practice file keeps one small number, and its history reads as before", "[audit][practices]") {
    cbtest::TempDb t;
    Contractor a = cbtest::makePractice(t.db(), "A81001");
    Contractor b = cbtest::makePractice(t.db(), "B82002");
    Contract k = cbtest::makeContract(t.db(), a);
    k.reference = QStringLiteral("GMS-RENAMED");
    ContractBook(t.db()).update(k);

    CHECK(t.db().scalar("SELECT count(*) FROM audit_practice").toInt() == 2);
    CHECK(t.db().scalar("SELECT count(DISTINCT practice) FROM audit_log").toInt() == 2);
    CHECK(t.db().scalar("SELECT count(*) FROM audit_log WHERE typeof(practice) <> 'integer'").toInt() == 0);
    // The view still shows the practice file's id.
    CHECK(t.db().scalar("SELECT count(*) FROM audit WHERE contractor_id = ?", {a.id}).toInt() == 3);
    CHECK(t.db().scalar("SELECT count(*) FROM audit WHERE contractor_id = ?", {b.id}).toInt() == 1);

    const QList<AuditEntry> history = AuditTrail(t.db()).forContractor(a.id);
    REQUIRE(history.size() == 3);
    CHECK(history.at(0).text().contains("changed GMS contract GMS-RENAMED: reference from GMS-A81001 to GMS-RENAMED"));
    CHECK(history.at(1).text().contains("added GMS contract GMS-A81001"));
    CHECK(history.at(2).text().contains("added Contractor A81001 Oakfield Surgery A81001"));
    CHECK(AuditTrail(t.db()).forContractor(b.id).size() == 1);
    CHECK(AuditTrail(t.db()).forContractor(QStringLiteral("no-such-practice")).isEmpty());

    // A record's own history: its change through the record index, its creation through its file.
    const QList<AuditEntry> own = AuditTrail(t.db()).forRecord(k.id);
    REQUIRE(own.size() == 2);
    CHECK(own.at(0).action == "update");
    CHECK(own.at(1).action == "insert");
    CHECK(own.at(1).recordName() == "GMS contract GMS-A81001");
    CHECK(AuditTrail(t.db()).forRecord(k.id, 1).size() == 1); // the newest only
    CHECK(AuditTrail(t.db()).createdWith(k.id)->value("reference") == "GMS-A81001");
}

TEST_CASE("creations in a practice file stay out of the record index, the rest stay in it", "[audit][practices]") {
    cbtest::TempDb t;
    Contractor a = cbtest::makePractice(t.db());
    Contract k = cbtest::makeContract(t.db(), a);
    const Performer p = cbtest::makePerformer(t.db());
    k.reference = QStringLiteral("GMS-2");
    ContractBook(t.db()).update(k);

    // Indexed: the performer's creation (no practice file) and the contract's change.
    CHECK(t.db().scalar("SELECT count(*) FROM audit_log INDEXED BY audit_log_record "
                        "WHERE substr(record_id, 1, 4) IS NOT NULL AND (action <> 1 OR practice IS NULL)").toInt() == 2);
    const QList<AuditEntry> performer = AuditTrail(t.db()).forRecord(p.id);
    REQUIRE(performer.size() == 1);
    CHECK(performer.first().text().contains("added Performer"));
}

TEST_CASE("a record moved to another practice file still finds its creation", "[audit][practices]") {
    cbtest::TempDb t;
    Contractor a = cbtest::makePractice(t.db(), "A81001");
    Contractor b = cbtest::makePractice(t.db(), "B82002");
    Contract k = cbtest::makeContract(t.db(), a);
    const QString service = Database::newId();
    t.db().save("contract_service", Row{{"id", service}, {"contract_id", k.id}, {"category", "enhanced"},
                                        {"name", "Minor surgery"}});
    // The contract moves to practice B: its service now belongs to B, but was created in A's file.
    k.contractorId = b.id;
    ContractBook(t.db()).update(k);

    const QList<AuditEntry> history = AuditTrail(t.db()).forRecord(service);
    REQUIRE(history.size() == 1);
    CHECK(history.first().action == "insert");
    CHECK(history.first().text().contains("Minor surgery"));
    CHECK(AuditTrail(t.db()).createdWith(service)->value("name") == "Minor surgery");
    // The contract's own creation is found through the file of its change row (A's, then B's).
    CHECK(AuditTrail(t.db()).forRecord(k.id).size() == 2);
}

TEST_CASE("many practice files in one write each keep their own number, however many the write path remembers",
          "[audit][practices]") {
    cbtest::TempDb t;
    // More practice files than the write path keeps numbers for (it forgets the older ones).
    constexpr int kPractices = 1100;
    QStringList ids;
    t.db().write([&] {
        for (int i = 0; i < kPractices; ++i)
            ids << cbtest::makePractice(t.db(), QStringLiteral("P%1").arg(10000 + i)).id;
        // The first one again, long forgotten by then: the same number, not a new one.
        Contractor first = ContractorService(t.db()).get(ids.first()).value();
        first.telephone = QStringLiteral("01642 123456");
        ContractorService(t.db()).update(first);
    });
    CHECK(t.db().scalar("SELECT count(*) FROM audit_practice").toInt() == kPractices);
    CHECK(t.db().scalar("SELECT count(DISTINCT practice) FROM audit_log").toInt() == kPractices);
    const QList<AuditEntry> history = AuditTrail(t.db()).forContractor(ids.first());
    REQUIRE(history.size() == 2);
    CHECK(history.first().text().contains("telephone set to 01642 123456"));
    CHECK(AuditTrail(t.db()).forContractor(ids.last()).size() == 1);
}

TEST_CASE("a practice numbered inside a refused import row is numbered again, not left dangling",
          "[audit][practices]") {
    cbtest::TempDb t;
    Contractor c;
    c.id = Database::newId();
    c.odsCode = QStringLiteral("A81001");
    c.group = QStringLiteral("general_practice");
    c.name = QStringLiteral("Oakfield Surgery");
    // As an import does for each row: a savepoint, the row's records, then the row is refused.
    t.db().write([&] {
        t.db().execScript("SAVEPOINT import_row");
        ContractorService(t.db()).create(c);
        t.db().execScript("ROLLBACK TO import_row; RELEASE import_row");
        CHECK(t.db().scalar("SELECT count(*) FROM audit_practice").toInt() == 0);
        // The same practice again (a later row, or a second try), in the same transaction.
        ContractorService(t.db()).create(c);
    });
    CHECK(t.db().scalar("SELECT count(*) FROM audit_log a JOIN audit_practice p ON p.n = a.practice").toInt() == 1);
    CHECK(t.db().query("PRAGMA foreign_key_check").isEmpty());
    CHECK(AuditTrail(t.db()).forContractor(c.id).size() == 1);
}

TEST_CASE("a file from before V017 keeps every row, and each practice's history, after numbering its practices",
          "[audit][practices][migrations]") {
    QTemporaryDir dir;
    const QString path = dir.filePath("old.db");
    cbtest::makeOldDatabase(path, kAuditPracticesVersion - 1);
    const QString id = ident::compactId(QStringLiteral("6f1c2a9e-0000-4000-8000-000000000001"));
    const QString site = ident::compactId(QStringLiteral("6f1c2a9e-0000-4000-8000-000000000002"));
    {
        SQLite::Database raw(path.toStdString(), SQLite::OPEN_READWRITE);
        SQLite::Statement add(raw, "INSERT INTO contractor(id, ods_code, contractor_group, name, postcode, status, "
                                   "created_at, updated_at) VALUES (?, 'A81001', 'general_practice', 'Old Surgery', "
                                   "'TS18 2AA', 'active', '2025-01-01T09:00:00Z', '2025-01-01T09:00:00Z')");
        add.bind(1, id.toStdString());
        add.exec();
        SQLite::Statement addSite(raw, "INSERT INTO site(id, contractor_id, name) VALUES (?, ?, 'Branch')");
        addSite.bind(1, site.toStdString());
        addSite.bind(2, id.toStdString());
        addSite.exec();
        raw.exec("INSERT OR IGNORE INTO audit_name(name) VALUES ('asmith'), ('contractor'), ('site'), ('policy')");
        // As V016 wrote them: ids as 16 bytes, the practice's too; inserts without a label; one
        // practice kept as text (written through the view), and a row of no practice file.
        SQLite::Statement audit(raw, "INSERT INTO audit_log(at, who, entity, action, record_id, contractor_id, label, "
                                     "old_values, new_values) VALUES (?, (SELECT id FROM audit_name WHERE name = "
                                     "'asmith'), (SELECT id FROM audit_name WHERE name = ?), ?, ?, ?, ?, ?, ?)");
        const QByteArray practiceBytes = ident::idBytes(id), siteBytes = ident::idBytes(site);
        const auto row = [&](qint64 at, const char* entity, int action, const QVariant& record, const QVariant& owner,
                             const char* label, const char* before, const char* after) {
            audit.bind(1, static_cast<int64_t>(at));
            audit.bind(2, entity);
            audit.bind(3, action);
            const auto bindId = [&](int at, const QVariant& v) { // an id as 16 bytes, as text, or none
                if (v.typeId() == QMetaType::QByteArray) {
                    const QByteArray b = v.toByteArray();
                    audit.bind(at, b.constData(), int(b.size()));
                } else if (v.isNull()) {
                    audit.bind(at);
                } else {
                    audit.bind(at, v.toString().toStdString());
                }
            };
            bindId(4, record);
            bindId(5, owner);
            label ? audit.bind(6, label) : audit.bind(6);
            before ? audit.bind(7, before) : audit.bind(7);
            after ? audit.bind(8, after) : audit.bind(8);
            audit.exec();
            audit.reset();
        };
        row(1735722000, "contractor", 1, practiceBytes, practiceBytes, nullptr, nullptr, nullptr);
        row(1735722060, "site", 1, siteBytes, practiceBytes, nullptr, nullptr, nullptr);
        row(1735722120, "contractor", 2, practiceBytes, practiceBytes, "A81001 Old Surgery", "{\"postcode\":\"TS18 1HU\"}",
            "{\"postcode\":\"TS18 2AA\"}");
        row(1735722180, "policy", 2, QStringLiteral("policy"), QVariant(), "Policy", "{\"x\":\"1\"}", "{\"x\":\"2\"}");
        row(1735722240, "site", 2, siteBytes, id, "Branch", "{\"name\":\"Old\"}", "{\"name\":\"Branch\"}");
    }
    FixedClock clock(QDate(2026, 11, 22));
    Database db(path);
    db.setClock(&clock);
    db.setActor(QStringLiteral("tester"));
    REQUIRE(db.fileSchemaVersion() == Database::schemaVersion());
    CHECK(db.scalar("PRAGMA integrity_check").toString() == "ok");
    CHECK(db.query("PRAGMA foreign_key_check").isEmpty());
    CHECK(db.scalar("SELECT count(*) FROM audit_log").toInt() == 5);
    // The practice kept as 16 bytes and the one kept as text are the same practice file.
    CHECK(db.scalar("SELECT count(*) FROM audit_practice").toInt() == 1);
    CHECK(db.scalar("SELECT id FROM audit_practice").toString() == id);
    CHECK(db.scalar("SELECT count(*) FROM audit WHERE contractor_id = ?", {id}).toInt() == 4);
    CHECK(db.scalar("SELECT count(*) FROM audit WHERE contractor_id IS NULL").toInt() == 1);
    CHECK(db.scalar("SELECT group_concat(at, ',') FROM (SELECT at FROM audit ORDER BY seq)").toString() ==
          "2025-01-01T09:00:00Z,2025-01-01T09:01:00Z,2025-01-01T09:02:00Z,2025-01-01T09:03:00Z,2025-01-01T09:04:00Z");

    AuditTrail trail(db);
    const QStringList history = texts(trail.forContractor(id));
    REQUIRE(history.size() == 4);
    CHECK(history.at(0).contains("asmith changed Site Branch: name from Old to Branch"));
    CHECK(history.at(1).contains("asmith changed Contractor A81001 Old Surgery: postcode from TS18 1HU to TS18 2AA"));
    CHECK(history.at(2).contains("asmith added Site Old"));                         // as it was created
    CHECK(history.at(3).contains("asmith added Contractor A81001 Old Surgery"));
    CHECK(trail.forRecord(site).size() == 2);
    CHECK(trail.forRecord(QStringLiteral("policy")).size() == 1);
    CHECK(trail.createdWith(id)->value("postcode") == "TS18 1HU");

    // New rows join the same practice file's number.
    db.save("site", Row{{"id", Database::newId()}, {"contractor_id", id}, {"name", "New branch"}});
    CHECK(db.scalar("SELECT count(*) FROM audit_practice").toInt() == 1);
    CHECK(trail.forContractor(id).size() == 5);
}

TEST_CASE("a practice added again under its old id keeps its one number", "[audit][practices]") {
    // A new practice's own insert adds its number first and looks it up only if it was there: it is
    // there when a deleted practice comes back under the same id (a file imported again).
    cbtest::TempDb t;
    Contractor a = cbtest::makePractice(t.db(), "A81001");
    const qint64 number = t.db().scalar("SELECT n FROM audit_practice WHERE id = ?", {a.id}).toLongLong();
    REQUIRE(t.db().remove("contractor", a.id, 0));
    t.reopen(); // a new connection, which has not remembered the number
    Row again = contractorRecord().toRow(a);
    again.remove(kRowVersion);
    CHECK(t.db().save(contractorRecord(), again, Database::SaveMode::New).added);
    CHECK(t.db().scalar("SELECT count(*) FROM audit_practice WHERE id = ?", {a.id}).toInt() == 1);
    CHECK(t.db().scalar("SELECT count(*) FROM audit_log").toInt() == 3); // added, deleted, added again
    CHECK(t.db().scalar("SELECT count(*) FROM audit_log WHERE practice = ?", {number}).toInt() == 3);
    CHECK(AuditTrail(t.db()).forContractor(a.id).size() == 3);
    // A second new practice gets the next number.
    const Contractor b = cbtest::makePractice(t.db(), "B82002");
    CHECK(t.db().scalar("SELECT n FROM audit_practice WHERE id = ?", {b.id}).toLongLong() == number + 1);
}

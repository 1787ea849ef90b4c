// Behaviour kept by the write path's speed-ups (issues 13 and 17): a save's rules, practice file and
// audit label may read the same rows several times and are answered once per save, but never from
// an earlier save, even inside one transaction; an insert stores only the values that are not null.
// Figures are in `make bench` and casebook-bench-json, never here.
#include "TestSupport.h"

#include "demo/DemoSeeder.h"
#include "store/AuditTrail.h"
#include "store/Database.h"
#include "store/RecordType.h"

using namespace cb;

namespace {
QString lastLabel(Database& db, const QString& id) {
    const QList<AuditEntry> history = AuditTrail(db).forRecord(id, 1);
    REQUIRE(history.size() == 1);
    return history.first().label;
}
} // namespace

TEST_CASE("each save in one transaction reads the register as that save finds it", "[store][write][speed]") {
    cbtest::TempDb t;
    Database& db = t.db();
    seedDemo(db, SeedOptions{3, 7, {}});
    const auto service = db.queryOne(QStringLiteral("SELECT * FROM contract_service LIMIT 1"));
    REQUIRE(service.has_value());
    const QString contractId = service->value("contract_id").toString();
    const auto newService = [&](const QString& id, const QString& name) {
        Row row = *service;
        row.remove(kRowVersion);
        row.remove(QStringLiteral("created_at"));
        row.remove(QStringLiteral("updated_at"));
        row.insert(QStringLiteral("id"), id);
        row.insert(QStringLiteral("name"), name);
        db.save(QStringLiteral("contract_service"), row, Database::SaveMode::New);
    };

    newService(QStringLiteral("svc-a"), QStringLiteral("Service A"));
    newService(QStringLiteral("svc-b"), QStringLiteral("Service B"));
    // A change's audit row keeps the record's name as it was then (an insert's row keeps none since
    // V016: see test_lean_audit.cpp), which for a service includes its contract's reference.
    const auto rename = [&](const QString& id, const QString& name) {
        db.save(QStringLiteral("contract_service"), {{"id", id}, {"name", name}}, Database::SaveMode::Existing);
    };
    db.write([&] {
        db.save(QStringLiteral("contract"), {{"id", contractId}, {"reference", "FIRST-REF"}});
        rename(QStringLiteral("svc-a"), QStringLiteral("Service A, renamed"));
        db.save(QStringLiteral("contract"), {{"id", contractId}, {"reference", "SECOND-REF"}});
        rename(QStringLiteral("svc-b"), QStringLiteral("Service B, renamed"));
    });

    // The label names the contract as it was when each service was saved.
    CHECK(lastLabel(db, "svc-a").contains("FIRST-REF"));
    CHECK(lastLabel(db, "svc-b").contains("SECOND-REF"));
    CHECK_FALSE(lastLabel(db, "svc-b").contains("FIRST-REF"));
}

TEST_CASE("a refused save in a bulk write leaves no trace and the next save is checked afresh", "[store][write][speed][bulk]") {
    cbtest::TempDb t;
    Database& db = t.db();
    seedDemo(db, SeedOptions{2, 7, {}});
    const QString contractorId = db.scalar(QStringLiteral("SELECT id FROM contractor ORDER BY id LIMIT 1")).toString();
    const qint64 sites = cbtest::count(db, "site");
    const qint64 audit = db.scalar(QStringLiteral("SELECT count(*) FROM audit_log")).toLongLong();
    db.bulkWrite([&] {
        // No name: refused, nothing written.
        CHECK_THROWS_AS(db.save(QStringLiteral("site"), {{"id", "site-x"}, {"contractor_id", contractorId},
                                                         {"status", "active"}}),
                        ValidationError);
        // The same record whole: saved, with its audit row, its empty fields left out.
        const SaveResult r = db.save(QStringLiteral("site"), {{"id", "site-x"}, {"contractor_id", contractorId},
                                                              {"name", "New branch"}, {"status", "active"},
                                                              {"postcode", QVariant()}});
        CHECK(r.added);
        CHECK(r.version == 1);
        const QList<FieldChange> changes = r.changes();
        QStringList columns; // every value stored, not the empty postcode (a site has no stamps)
        for (const FieldChange& c : changes) columns << c.column;
        columns.sort();
        CHECK(columns == QStringList{"contractor_id", "id", "name", "status"});
        for (const FieldChange& c : changes) {
            CHECK_FALSE(c.after.isNull());
            CHECK(c.before.isNull());
            CHECK(c.version == 1);
            CHECK(c.table == "site");
            CHECK(c.recordId == "site-x");
        }
    });
    CHECK(cbtest::count(db, "site") == sites + 1);
    CHECK(db.scalar(QStringLiteral("SELECT count(*) FROM audit_log")).toLongLong() == audit + 1);
    const auto stored = db.fetchRecord(QStringLiteral("site"), QStringLiteral("site-x"));
    REQUIRE(stored.has_value());
    CHECK(stored->value("name").toString() == "New branch");
    CHECK(stored->value("postcode").isNull());
    CHECK(stored->value("row_version").toLongLong() == 1);
    CHECK(lastLabel(db, "site-x") == "New branch");
}

TEST_CASE("today and the save stamp, kept for the second they were asked in, follow the clock", "[store][write][speed]") {
    // Clock::today() and Database::nowStamp() keep their last answer for the same second: a clock
    // moved to another moment (or another clock) must get its own day and stamp at once.
    FixedClock a(QDateTime(QDate(2026, 3, 31), QTime(12, 0, 5), QTimeZone::utc()));
    FixedClock b(QDateTime(QDate(2025, 1, 2), QTime(12, 0, 5), QTimeZone::utc()));
    REQUIRE(a.today() == QDate(2026, 3, 31));
    REQUIRE(b.today() == QDate(2025, 1, 2));
    REQUIRE(a.today() == QDate(2026, 3, 31));
    a.advanceDays(1);
    REQUIRE(a.today() == QDate(2026, 4, 1));

    cbtest::TempDb t;
    Database& db = t.db();
    db.setClock(&a);
    REQUIRE(db.nowStamp() == QStringLiteral("2026-04-01T12:00:05Z"));
    a.set(QDateTime(QDate(2026, 4, 1), QTime(12, 0, 6), QTimeZone::utc()));
    REQUIRE(db.nowStamp() == QStringLiteral("2026-04-01T12:00:06Z"));
    db.setClock(&b);
    REQUIRE(db.nowStamp() == QStringLiteral("2025-01-02T12:00:05Z"));
    db.setClock(nullptr);
}

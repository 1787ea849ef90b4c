// Database::bulkWrite: the search index is rebuilt at the end instead of row by row; everything
// else (audit, all-or-nothing, the triggers that keep search in step afterwards) is as write().
#include "TestSupport.h"
#include "contractors/Contractor.h"
#include "demo/DemoSeeder.h"

using namespace cb;

namespace {

Contractor practice(const QString& code, const QString& name) {
    Contractor c;
    c.odsCode = code;
    c.group = "general_practice";
    c.name = name;
    c.postcode = "TS18 1HU";
    c.openDate = QDate(1974, 4, 1);
    return c;
}

int found(Database& db, const QString& text) {
    ContractorFilter f;
    f.search = text;
    return int(ContractorService(db).list(f, 0, 100).size());
}

QString searchTriggers(Database& db) {
    return db.scalar("SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_schema WHERE type = 'trigger' AND "
                     "name LIKE '%fts%' ORDER BY name)").toString();
}

} // namespace

TEST_CASE("a bulk write leaves the search index and its triggers as row-by-row writes would", "[store][bulk]") {
    cbtest::TempDb t;
    const QString triggers = searchTriggers(t.db());
    REQUIRE(triggers == "contractor_fts_ad,contractor_fts_ai,contractor_fts_au,performer_fts_ad,performer_fts_ai,"
                        "performer_fts_au");
    ContractorService service(t.db());
    t.db().bulkWrite([&] {
        service.create(practice("A81001", "Oakfield Surgery"));
        service.create(practice("A81002", "Riverside Medical Centre"));
        Contractor renamed = *service.findByOdsCode("A81002");
        renamed.name = "Beechwood Medical Centre";
        service.update(renamed);
    });
    REQUIRE(searchTriggers(t.db()) == triggers);
    REQUIRE(found(t.db(), "oakfield") == 1);
    REQUIRE(found(t.db(), "beechwood") == 1);
    REQUIRE(found(t.db(), "riverside") == 0);
    REQUIRE(cbtest::count(t.db(), "audit") == 3);
    // The bulk settings (a larger cache, statement journals in memory; temporary storage back on disk
    // and a small cache while the deferred indexes are built) are gone afterwards.
    REQUIRE(t.db().scalar("PRAGMA cache_size").toInt() == -32768);
    REQUIRE(t.db().scalar("PRAGMA temp_store").toInt() == 0);
    REQUIRE(t.db().scalar("SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'audit_log'").toInt() == 2);
    // Afterwards the triggers keep the index in step again.
    service.create(practice("A81003", "Hillcrest Surgery"));
    REQUIRE(found(t.db(), "hillcrest") == 1);
    REQUIRE_NOTHROW(t.db().exec("INSERT INTO contractor_fts(contractor_fts) VALUES ('integrity-check')"));
}

TEST_CASE("a bulk write that fails changes nothing and keeps the search triggers", "[store][bulk]") {
    cbtest::TempDb t;
    const QString triggers = searchTriggers(t.db());
    ContractorService service(t.db());
    REQUIRE_THROWS_WITH(t.db().bulkWrite([&] {
        service.create(practice("A81001", "Oakfield Surgery"));
        throw DatabaseError("disk unplugged");
    }),
                        "disk unplugged");
    REQUIRE(cbtest::count(t.db(), "contractor") == 0);
    REQUIRE(cbtest::count(t.db(), "audit") == 0);
    REQUIRE(searchTriggers(t.db()) == triggers);
    REQUIRE(t.db().scalar("PRAGMA cache_size").toInt() == -32768);
    REQUIRE(t.db().scalar("PRAGMA temp_store").toInt() == 0);
    REQUIRE(t.db().scalar("SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'audit_log'").toInt() == 2);
    service.create(practice("A81001", "Oakfield Surgery"));
    REQUIRE(found(t.db(), "oakfield") == 1);
}

TEST_CASE("a bulk write that makes a temporary table still completes, its indexes rebuilt", "[store][bulk]") {
    // The end of a bulk write asks for temporary storage on disk, which SQLite refuses inside a
    // transaction once a temporary table exists: that must cost only the memory saving.
    cbtest::TempDb t;
    ContractorService service(t.db());
    t.db().bulkWrite([&] {
        t.db().exec("CREATE TEMP TABLE scratch(x)");
        service.create(practice("A81001", "Oakfield Surgery"));
    });
    REQUIRE(cbtest::count(t.db(), "contractor") == 1);
    REQUIRE(cbtest::count(t.db(), "audit") == 1);
    REQUIRE(found(t.db(), "oakfield") == 1);
    REQUIRE(t.db().scalar("SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'audit_log'").toInt() == 2);
    REQUIRE(t.db().scalar("PRAGMA cache_size").toInt() == -32768);
}

TEST_CASE("a bulk write inside another write is a plain part of it", "[store][bulk]") {
    cbtest::TempDb t;
    const QString triggers = searchTriggers(t.db());
    ContractorService service(t.db());
    t.db().write([&] {
        t.db().bulkWrite([&] {
            service.create(practice("A81001", "Oakfield Surgery"));
            REQUIRE(searchTriggers(t.db()) == triggers); // not dropped: the outer write owns the transaction
        });
    });
    REQUIRE(found(t.db(), "oakfield") == 1);
}

TEST_CASE("a seeded database can be searched and passes the search index check", "[store][bulk][seed]") {
    cbtest::TempDb t;
    seedDemo(t.db(), {60, 3, QDate(2026, 11, 22)});
    const QString name = t.db().scalar("SELECT name FROM contractor ORDER BY ods_code LIMIT 1").toString();
    REQUIRE(found(t.db(), name) >= 1);
    const QString family = t.db().scalar("SELECT family_name FROM performer ORDER BY rowid LIMIT 1").toString();
    REQUIRE(t.db().scalar("SELECT count(*) FROM performer_fts WHERE performer_fts MATCH ?", {"family_name:" + family}).toInt() ==
            t.db().scalar("SELECT count(*) FROM performer WHERE family_name = ?", {family}).toInt());
    REQUIRE_NOTHROW(t.db().exec("INSERT INTO contractor_fts(contractor_fts) VALUES ('integrity-check')"));
    REQUIRE_NOTHROW(t.db().exec("INSERT INTO performer_fts(performer_fts) VALUES ('integrity-check')"));
}

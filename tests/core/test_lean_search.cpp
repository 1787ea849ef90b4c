// The leaner search index (V018, issue 17): no column sizes, so no relevance ranking, and every
// search a caseworker makes finds what it found before, in a new file and in a migrated one.
#include "ConcernFixtures.h"
#include "TestSupport.h"
#include "contractors/Contractor.h"
#include "performers/Performer.h"
#include "store/IntegrityCheck.h"

#include <SQLiteCpp/SQLiteCpp.h>

using namespace cb;

namespace {

constexpr int kLeanSearchVersion = 18;

void checkSearches(Database& db) {
    CHECK(cbtest::codesFound(db, "oak") == QStringList{"A81001"});            // a name prefix
    CHECK(cbtest::codesFound(db, "TS18 1HU") == QStringList{"A81001"});       // a postcode (a phrase)
    CHECK(cbtest::codesFound(db, "ts181hu") == QStringList{"A81001"});        // typed without the space
    CHECK(cbtest::codesFound(db, "A81002") == QStringList{"A81002"});         // a code
    CHECK(cbtest::codesFound(db, "stockton") == QStringList({"A81002", "A81001"})); // a town, in name order (Elm, Oakfield)
    CHECK(cbtest::codesFound(db, "nowhere").isEmpty());
    PerformerFilter p;
    p.search = QStringLiteral("amel jon");
    CHECK(PerformerService(db).list(p).size() == 1);
}

} // namespace

TEST_CASE("the search indexes keep no column sizes, and every kind of search still finds its records",
          "[search][lean]") {
    cbtest::TempDb t;
    ContractorService service(t.db());
    for (const auto& [ods, name, postcode] : {std::tuple{"A81001", "Oakfield Surgery", "TS18 1HU"},
                                              std::tuple{"A81002", "Elm Tree Practice", "TS19 7AB"}}) {
        Contractor c;
        c.odsCode = ods;
        c.group = QStringLiteral("general_practice");
        c.name = name;
        c.postcode = postcode;
        c.address3 = QStringLiteral("Stockton-on-Tees");
        service.create(c);
    }
    cbtest::makePerformer(t.db()); // Amelia Jones

    CHECK(t.db().scalar("SELECT count(*) FROM sqlite_schema WHERE name LIKE '%fts_docsize'").toInt() == 0);
    CHECK(t.db().scalar("SELECT sql FROM sqlite_schema WHERE name = 'contractor_fts'").toString().contains("columnsize=0"));
    CHECK(t.db().scalar("SELECT count(*) FROM sqlite_schema WHERE name = 'contractor_parent'").toInt() == 0);
    checkSearches(t.db());

    // Kept in step by the triggers: a rename is found by its new name only.
    Contractor c = service.list({}).first();
    c.name = QStringLiteral("Birchwood Surgery");
    service.update(c);
    CHECK(cbtest::codesFound(t.db(), "birch") == QStringList{c.odsCode});
    CHECK(checkIntegrity(t.db()).ok());
}

TEST_CASE("a file from before V018 has its search indexes rebuilt and finds what it found", "[search][lean][migrations]") {
    QTemporaryDir dir;
    const QString path = dir.filePath("old.db");
    cbtest::makeOldDatabase(path, kLeanSearchVersion - 1);
    {
        SQLite::Database raw(path.toStdString(), SQLite::OPEN_READWRITE);
        // Written by the version before: the triggers fill its search index.
        raw.exec("INSERT INTO contractor(id, ods_code, contractor_group, name, postcode, address3, status, created_at, "
                 "updated_at) VALUES ('c1', 'A81001', 'general_practice', 'Oakfield Surgery', 'TS18 1HU', "
                 "'Stockton-on-Tees', 'active', 'x', 'x'), ('c2', 'A81002', 'general_practice', 'Elm Tree Practice', "
                 "'TS19 7AB', 'Stockton-on-Tees', 'active', 'x', 'x')");
        raw.exec("INSERT INTO performer(id, given_name, family_name, profession, registration_body, registration_number, "
                 "list_status) VALUES ('p1', 'Amelia', 'Jones', 'gp', 'GMC', '7012345', 'included')");
    }
    Database db(path);
    REQUIRE(db.fileSchemaVersion() == Database::schemaVersion());
    CHECK(db.scalar("SELECT count(*) FROM sqlite_schema WHERE name LIKE '%fts_docsize'").toInt() == 0);
    checkSearches(db);
    CHECK(checkIntegrity(db).ok());
}

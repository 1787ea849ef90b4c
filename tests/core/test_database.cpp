#include "TestSupport.h"

TEST_CASE("a new database is created at the current schema version", "[store]") {
    cbtest::TempDb t;
    REQUIRE(t.db().fileSchemaVersion() == cb::Database::schemaVersion());
}

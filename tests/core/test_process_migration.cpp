// Migration 8 (the proportionate process) from every older schema version: the new columns arrive,
// support to improve's start and a notice's concern are filled in from what was recorded, and
// dispensing doctor arrangements become an attribute of the GP contract.
#include "TestSupport.h"
#include "concerns/Concern.h"
#include "contracts/Contract.h"
#include "store/IntegrityCheck.h"
#include "store/Migrations.h"

#include <QTemporaryDir>
#include <SQLiteCpp/SQLiteCpp.h>

using namespace cb;

namespace {
} // namespace

TEST_CASE("migration 8 runs from every older version and fills in what the process rules need", "[store][migrations][process]") {
    for (const Migration& step : migrations()) {
        if (step.version >= 8) continue;
        DYNAMIC_SECTION("from version " << step.version) {
            QTemporaryDir dir;
            const QString path = dir.filePath("old.db");
            cbtest::makeOldDatabase(path, step.version);
            {
                SQLite::Database raw(path.toStdString(), SQLite::OPEN_READWRITE);
                raw.exec("INSERT INTO contractor(id, ods_code, contractor_group, name, status, created_at, updated_at) VALUES "
                         "('c1', 'A81001', 'general_practice', 'Old Surgery', 'active', 'x', 'x'), "
                         "('c2', 'A81002', 'general_practice', 'Dispensing Surgery', 'active', 'x', 'x')");
                raw.exec("INSERT INTO contract(id, contractor_id, route, reference, start_date, status) VALUES "
                         "('k1', 'c1', 'gms', 'GMS-1', '2004-04-01', 'active'), "
                         "('k2', 'c1', 'dispensing_doctor', 'DD-1', '2004-04-01', 'active'), "
                         "('k3', 'c2', 'dispensing_doctor', 'DD-2', '2004-04-01', 'active')");
                raw.exec("INSERT INTO contract_event(id, contract_id, kind, event_date, deadline, description) VALUES "
                         "('e1', 'k1', 'remedial_notice', '2026-10-10', '2026-11-10', 'Hours not kept'), "
                         "('e2', 'k1', 'list_closure', '2026-01-05', NULL, 'Closed')");
                if (step.version >= 3) {
                    raw.exec("INSERT INTO concern(id, contractor_id, level, source, category, received_date, summary, owner, "
                             "stage, notice_event_id, created_at, updated_at) VALUES ('q1', 'c1', 'practice', 'complaint', "
                             "'access', '2026-08-01', 'Phones', 'Sam', 'formal_action', 'e1', 'x', 'x')");
                    raw.exec("INSERT INTO concern_event(id, concern_id, kind, event_date, from_stage, to_stage, who, recorded_at) "
                             "VALUES ('t1', 'q1', 'stage', '2026-09-01', 'investigating', 'support_to_improve', 'Sam', 'x'), "
                             "('t2', 'q1', 'stage', '2026-10-10', 'support_to_improve', 'formal_action', 'Sam', 'x')");
                }
            }
            Database db(path);
            REQUIRE(db.fileSchemaVersion() == Database::schemaVersion());
            ContractBook book(db);
            // Dispensing moves onto the GP contract; the old record ends where the practice has another.
            CHECK(book.get("k1")->dispensing);
            CHECK(book.get("k2")->route == "gms");
            CHECK(book.get("k2")->status == "merged");
            CHECK(book.get("k3")->route == "gms");
            CHECK(book.get("k3")->status == "active");
            CHECK(book.get("k3")->dispensing);
            CHECK(book.event("e2")->acknowledgedDate == QDate(2026, 1, 5));
            if (step.version >= 3) {
                const Concern c = *ConcernService(db).get("q1");
                CHECK(c.supportStarted == QDate(2026, 9, 1));
                CHECK(book.event("e1")->concernId == "q1");
            }
        }
    }
}

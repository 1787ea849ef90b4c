// Compacting the database file (issue 17): the free space deletions leave and the slack a bulk
// write leaves in the record indexes are given back, and nothing in the database changes: records,
// row ids (the search indexes point at them), audit trail, searches.
#include "TestSupport.h"
#include "contractors/Contractor.h"
#include "demo/DemoSeeder.h"
#include "exchange/RecordExchange.h"

#include <QFileInfo>
#include <SQLiteCpp/SQLiteCpp.h>

using namespace cb;

namespace {

// Every row of every table with its row id, the search indexes' own tables included: equal before
// and after proves compacting moved nothing a search or a reader relies on.
QString everything(Database& db) {
    QString out;
    for (const Row& t : db.query("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                                 "AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name")) {
        const QString table = t.value("name").toString();
        out += QStringLiteral("[%1]\n").arg(table);
        const bool withoutRowid = db.scalar("SELECT sql LIKE '%WITHOUT ROWID%' FROM sqlite_schema WHERE name = ?",
                                            {table}).toBool();
        const QString sql = withoutRowid ? QStringLiteral("SELECT * FROM \"%1\"").arg(table)
                                         : QStringLiteral("SELECT rowid AS rowid_, * FROM \"%1\" ORDER BY rowid").arg(table);
        for (const Row& r : db.query(sql)) {
            QStringList cells;
            for (auto it = r.begin(); it != r.end(); ++it)
                cells << it.key() + '=' + (it.value().isNull() ? QStringLiteral("NULL") : it.value().toString());
            out += cells.join('|') + '\n';
        }
    }
    return out;
}

void searchIndexesIntact(Database& db) {
    for (const char* fts : {"contractor_fts", "performer_fts"})
        CHECK_NOTHROW(db.exec(QStringLiteral("INSERT INTO %1(%1, rank) VALUES ('integrity-check', 1)").arg(fts)));
}

qint64 pages(const QString& file) {
    SQLite::Database raw(file.toStdString(), SQLite::OPEN_READONLY);
    return raw.execAndGet("PRAGMA page_count").getInt64();
}

} // namespace

TEST_CASE("compacting gives back the free space and changes nothing: records, row ids, trail, searches",
          "[store][compact]") {
    cbtest::TempDb t;
    seedDemo(t.db(), {200, 3, {}}); // too small to be compacted by the seed itself
    ContractorService service(t.db());
    QList<Contractor> made;
    // Enough that the half deleted below empties whole pages (8 KiB each, kNewFilePageBytes).
    for (int i = 0; i < 240; ++i) {
        Contractor c;
        c.odsCode = QStringLiteral("Y%1").arg(90000 + i);
        c.group = QStringLiteral("general_practice");
        c.name = QStringLiteral("Quillfeather Surgery %1").arg(i);
        c.postcode = QStringLiteral("TS1 %1AA").arg(i % 10);
        made << service.create(c);
    }
    // Every other one deleted: gaps in the row ids, free pages in the file.
    for (int i = 0; i < made.size(); i += 2) service.remove(made[i].id);
    const QString before = everything(t.db());
    const QStringList foundBefore = cbtest::codesFound(t.db(), "quillfeather");
    REQUIRE(foundBefore.size() == 120);

    const Database::Compaction c = t.db().compact();
    CHECK(c.after < c.before);
    CHECK(QFileInfo(t.path()).size() == c.after); // the WAL was checkpointed into the file
    CHECK(t.db().scalar("PRAGMA freelist_count").toInt() == 0);
    CHECK(everything(t.db()) == before);
    CHECK(t.db().scalar("PRAGMA integrity_check").toString() == "ok");
    searchIndexesIntact(t.db());
    CHECK(cbtest::codesFound(t.db(), "quillfeather") == foundBefore);
    CHECK(cbtest::codesFound(t.db(), QStringLiteral("Y%1").arg(90001)) == QStringList{QStringLiteral("Y%1").arg(90001)});
    CHECK(cbtest::codesFound(t.db(), QStringLiteral("Y%1").arg(90000)).isEmpty()); // deleted before

    // The write path carries on as before (its prepared statements survive), audited.
    Contractor renamed = service.get(made[1].id).value();
    renamed.name = QStringLiteral("Quillfeather Medical Centre");
    service.update(renamed);
    CHECK(cbtest::codesFound(t.db(), "quillfeather medical") == QStringList{made[1].odsCode});
    CHECK(t.db().scalar("SELECT count(*) FROM audit WHERE record_id = ? AND action = 'update'", {made[1].id}).toInt() == 1);

    // Compacting a compact file gives back nothing and still changes nothing. (The save above may
    // have split a page, leaving room that a compaction packs again: compacted first.)
    t.db().compact();
    const QString now = everything(t.db());
    const Database::Compaction again = t.db().compact();
    CHECK(again.after == again.before);
    CHECK(everything(t.db()) == now);

    t.reopen();
    CHECK(everything(t.db()) == now);
}

TEST_CASE("a bulk write that builds most of a register leaves the file compact", "[store][compact]") {
    cbtest::TempDb t;
    // About 12 audit rows a contractor: 1,200 add well over the 10,000 that make a bulk write compact.
    seedDemo(t.db(), {1200, 5, {}});
    REQUIRE(t.db().scalar("SELECT max(seq) FROM audit_log").toLongLong() > 10'000);
    CHECK(t.db().scalar("PRAGMA freelist_count").toInt() == 0);
    // The planner's statistics were gathered before compacting, as closing would have: the
    // compaction would otherwise leave a freshly built register with none.
    CHECK(t.db().scalar("SELECT count(*) FROM sqlite_schema WHERE name = 'sqlite_stat1'").toInt() == 1);
    CHECK(t.db().scalar("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'contractor'").toInt() > 0);
    // A fresh copy of every page, packed, is no smaller than the file: nothing was left to give back.
    const QString copy = t.file("copy.db");
    {
        SQLite::Database raw(t.path().toStdString(), SQLite::OPEN_READONLY);
        SQLite::Statement into(raw, "VACUUM INTO ?");
        into.bind(1, copy.toStdString());
        into.exec();
    }
    CHECK(pages(t.path()) == pages(copy));
    CHECK(t.db().scalar("PRAGMA integrity_check").toString() == "ok");
    searchIndexesIntact(t.db());
}

TEST_CASE("an import that builds most of a register is not compacted, but gathers the planner's statistics",
          "[store][compact]") {
    // A caseworker waits for an import: compacting after it took about 8 % of a 50,000-contractor
    // JSON import for 3 % of its file. It leaves that to File > Compact database, and gathers the
    // statistics compacting would have gathered first (a sorted list is otherwise 20 times slower).
    cbtest::TempDb source;
    seedDemo(source.db(), {1200, 5, {}});
    exchange::ExportOptions everythingOut;
    everythingOut.includeConfidential = true;
    const QString json = exchange::exportJson(source.db(), source.file("register.json"), everythingOut).path;

    cbtest::TempDb t;
    const exchange::ImportSummary s = exchange::ImportJob::json(json).commit(t.db());
    REQUIRE(s.rejected() == 0);
    REQUIRE(t.db().scalar("SELECT max(seq) FROM audit_log").toLongLong() > 10'000);
    CHECK(cbtest::count(t.db(), "contractor") == 1200);
    CHECK(t.db().scalar("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'contractor'").toInt() > 0);
    CHECK(t.db().scalar("PRAGMA integrity_check").toString() == "ok");
    searchIndexesIntact(t.db());
    // The slack the import left is there to be given back, and giving it back changes nothing.
    const QString before = everything(t.db());
    const Database::Compaction c = t.db().compact();
    CHECK(c.after < c.before);
    CHECK(everything(t.db()) == before);
}

TEST_CASE("compacting is refused, with nothing changed, on a read-only database and inside a write",
          "[store][compact]") {
    cbtest::TempDb t;
    seedDemo(t.db(), {30, 2, {}});
    const QString before = everything(t.db());
    REQUIRE_THROWS_WITH(t.db().write([&] { t.db().compact(); }),
                        Catch::Contains("while a change is being saved"));
    CHECK(everything(t.db()) == before);

    t.database.reset();
    const qint64 size = QFileInfo(t.path()).size();
    Database readOnly(t.path(), Database::Access::ReadOnly);
    REQUIRE_THROWS_AS(readOnly.compact(), DatabaseError);
    REQUIRE_THROWS_WITH(readOnly.compact(), Catch::Contains("read-only") && Catch::Contains("Open your own copy"));
    CHECK(everything(readOnly) == before);
    CHECK(QFileInfo(t.path()).size() == size);
}

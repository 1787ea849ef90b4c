// Database::bulkWrite: the search index is rebuilt at the end instead of row by row; everything
// else (audit, all-or-nothing, the triggers that keep search in step afterwards) is as write().
#include "TestSupport.h"
#include "contractors/Contractor.h"
#include "demo/DemoSeeder.h"
#include "exchange/Import.h"
#include "exchange/RecordExchange.h"
#include "performers/Performer.h"

#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>

#include <QFile>

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

QString indexDefinitions(Database& db) {
    return db.scalar("SELECT group_concat(name || ':' || sql, ' | ') FROM (SELECT name, sql FROM sqlite_schema WHERE "
                     "type = 'index' AND sql IS NOT NULL ORDER BY name)").toString();
}

// The statements a connection runs that step through a whole table or index (a full scan), and
// how often each did. Work done once per bulk write (rebuilding the search index, a check at the
// end of an import) may scan; a statement run for every record must not: it is what an index the
// bulk write set aside would otherwise have answered, and it would make an import quadratic.
class FullScans {
public:
    explicit FullScans(Database& db) : m_handle(db.sqlite().getHandle()) {
        sqlite3_trace_v2(m_handle, SQLITE_TRACE_PROFILE, &FullScans::onProfile, this);
    }
    ~FullScans() { sqlite3_trace_v2(m_handle, 0, nullptr, nullptr); }
    // Statements run more than `times` times with a full scan since the last call whose plan, with
    // every index in place, uses one of `indexes`; then forgets them.
    std::string needing(Database& db, const QStringList& indexes, int times) {
        QStringList out;
        for (auto it = m_runs.cbegin(); it != m_runs.cend(); ++it) {
            if (it.value() <= times) continue;
            QString plan;
            for (const Row& r : db.query("EXPLAIN QUERY PLAN " + it.key(), QVariantList(it.key().count('?'))))
                plan += r.value("detail").toString() + "; ";
            for (const QString& index : indexes)
                if (plan.contains(QLatin1Char(' ') + index + QLatin1Char(' ')))
                    out << QStringLiteral("%1 (scanned %2 times; it would use %3)").arg(it.key()).arg(it.value()).arg(index);
        }
        m_runs.clear();
        return out.join(QLatin1Char('\n')).toStdString();
    }
    // The rows stepped through in full scans by the runs of `sql` so far.
    qint64 scannedRows(const QString& sql) const { return m_rows.value(sql); }

private:
    static int onProfile(unsigned, void* self, void* statement, void*) {
        auto* st = static_cast<sqlite3_stmt*>(statement);
        if (const int steps = sqlite3_stmt_status(st, SQLITE_STMTSTATUS_FULLSCAN_STEP, 1); steps > 0) {
            const QString sql = QString::fromUtf8(sqlite3_sql(st)).simplified();
            ++static_cast<FullScans*>(self)->m_runs[sql];
            static_cast<FullScans*>(self)->m_rows[sql] += steps;
        }
        return 0;
    }
    sqlite3* m_handle;
    QMap<QString, int> m_runs;
    QMap<QString, qint64> m_rows;
};

QByteArray odsPractice(int n) {
    QStringList f;
    const QMap<int, QString> values{{1, QStringLiteral("A8%1").arg(1000 + n)}, {2, QStringLiteral("PRACTICE %1").arg(n)},
                                    {3, "Y63"}, {4, "Q74"}, {5, "THE HEALTH CENTRE"}, {7, "STOCKTON-ON-TEES"},
                                    {10, "TS18 1HU"}, {11, "19740401"}, {13, "A"}, {14, "B"}, {15, "00K"},
                                    {18, "01642 672351"}, {24, "00K"}, {26, "4"}};
    for (int i = 1; i <= 27; ++i) f << QLatin1Char('"') + values.value(i) + QLatin1Char('"');
    return f.join(QLatin1Char(',')).toLatin1() + "\r\n";
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
    // The bulk settings (a cache sized to the file, statement journals in memory; temporary storage
    // back on disk and a small cache while the deferred indexes are built) are gone afterwards.
    REQUIRE(t.db().scalar("PRAGMA cache_size").toInt() == -32768);
    REQUIRE(t.db().scalar("PRAGMA temp_store").toInt() == 0);
    REQUIRE(t.db().scalar("SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'audit_log'").toInt() == 2);
    // Afterwards the triggers keep the index in step again.
    service.create(practice("A81003", "Hillcrest Surgery"));
    REQUIRE(found(t.db(), "hillcrest") == 1);
    REQUIRE_NOTHROW(t.db().exec("INSERT INTO contractor_fts(contractor_fts) VALUES ('integrity-check')"));
}

TEST_CASE("a bulk write's page cache starts small and grows with the file, and is put back afterwards", "[store][bulk]") {
    cbtest::TempDb t;
    const auto cacheKiB = [&] { return -t.db().scalar("PRAGMA cache_size").toLongLong(); };
    const auto fileKiB = [&] {
        return t.db().scalar("PRAGMA page_count").toLongLong() * t.db().scalar("PRAGMA page_size").toLongLong() / 1024;
    };
    qint64 atStart = 0, atEnd = 0, fileAtEnd = 0;
    t.db().bulkWrite([&] {
        atStart = cacheKiB();
        seedDemo(t.db(), {2500, 7, QDate(2026, 11, 22)}); // a part of this bulk write, not one of its own
        atEnd = cacheKiB();
        fileAtEnd = fileKiB();
    });
    CHECK(atStart == 2048); // a new register: the smallest bulk cache, not 64 MiB
    REQUIRE(fileAtEnd > 3 * 2048);
    CHECK(atEnd > 2048); // it grew with the file...
    CHECK(atEnd <= fileAtEnd / 2); // ...to half of it at most
    CHECK(cacheKiB() == 32768); // the everyday cache afterwards

    // A bulk write into a larger register starts at half its size.
    const qint64 size = fileKiB();
    qint64 next = 0;
    t.db().bulkWrite([&] { next = cacheKiB(); });
    CHECK(next == std::clamp<qint64>(size / 2, 2048, 65536));
    CHECK(cacheKiB() == 32768);
}

namespace {
// The statements a connection runs while it lives, as written.
class Statements {
public:
    explicit Statements(Database& db) : m_handle(db.sqlite().getHandle()) {
        sqlite3_trace_v2(m_handle, SQLITE_TRACE_STMT, &Statements::onStatement, this);
    }
    ~Statements() { sqlite3_trace_v2(m_handle, 0, nullptr, nullptr); }
    int containing(const QString& text) const {
        return int(std::count_if(m_run.cbegin(), m_run.cend(), [&](const QString& s) { return s.contains(text); }));
    }

private:
    static int onStatement(unsigned, void* self, void* statement, void*) {
        static_cast<Statements*>(self)->m_run << QString::fromUtf8(sqlite3_sql(static_cast<sqlite3_stmt*>(statement)));
        return 0;
    }
    sqlite3* m_handle;
    QStringList m_run;
};
} // namespace

TEST_CASE("a bulk write that changes no row is rolled back: nothing set aside is built again", "[store][bulk]") {
    cbtest::TempDb t;
    QByteArray ods;
    for (int i = 0; i < 1200; ++i) ods += odsPractice(i); // enough rows for a bulk write
    QFile f(t.file("epraccur.csv"));
    REQUIRE(f.open(QIODevice::WriteOnly));
    f.write(ods);
    f.close();
    {
        Statements first(t.db());
        REQUIRE(exchange::ImportJob::ods({f.fileName()}).commit(t.db()).added() == 1200);
        REQUIRE(first.containing("CREATE INDEX") > 0); // built at the end, as they were set aside
        REQUIRE(first.containing("'rebuild'") > 0);
    }
    const QString definitions = indexDefinitions(t.db());
    const QString triggers = searchTriggers(t.db());
    const qint64 trail = cbtest::count(t.db(), "audit");
    Statements again(t.db());
    const exchange::ImportSummary s = exchange::ImportJob::ods({f.fileName()}).commit(t.db());
    CHECK(s.added() == 0);
    CHECK(s.files.value(0).unchanged == 1200);
    CHECK(again.containing("CREATE INDEX") == 0);
    CHECK(again.containing("'rebuild'") == 0);
    CHECK(again.containing("COMMIT") == 0);
    // Everything is back as it was: indexes, triggers, the trail; searches and the bulk settings.
    CHECK(indexDefinitions(t.db()) == definitions);
    CHECK(searchTriggers(t.db()) == triggers);
    CHECK(cbtest::count(t.db(), "audit") == trail);
    CHECK(found(t.db(), "practice 1199") == 1);
    CHECK(t.db().scalar("PRAGMA cache_size").toInt() == -32768);
    CHECK(t.db().scalar("PRAGMA temp_store").toInt() == 0);
    CHECK(t.db().scalar("PRAGMA integrity_check").toString() == "ok");
    // A write afterwards is kept in step as ever.
    ContractorService(t.db()).create(practice("Y99001", "Hillcrest Surgery"));
    CHECK(found(t.db(), "hillcrest") == 1);
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

TEST_CASE("the indexes a bulk write sets aside are built again, and nothing a seed or an import runs needed them",
          "[store][bulk]") {
    cbtest::TempDb a;
    const QString definitions = indexDefinitions(a.db());
    // Which indexes a bulk write sets aside: those gone while it runs.
    QStringList setAside;
    a.db().bulkWrite([&] {
        const QString during = indexDefinitions(a.db());
        for (const QString& part : definitions.split(" | "))
            if (!during.contains(part)) setAside << part.section(':', 0, 0);
    });
    CHECK(setAside.contains("contractor_name"));
    CHECK(setAside.contains("audit_log_record"));
    CHECK_FALSE(setAside.contains("site_code")); // a site's rules look its code up
    CHECK_FALSE(setAside.contains("contract_contractor")); // a GMS practice's rules look at its other contracts
    CHECK_FALSE(setAside.contains("contract_event_contract")); // a pharmacy's notice needs dispute resolution first
    CHECK_FALSE(setAside.contains("concern_action_concern"));  // a concern closes with no action open
    // The references from the largest tables an import fills: no save reads them.
    CHECK(setAside.contains("contract_service_contract"));
    CHECK(setAside.contains("performer_link_performer"));
    // The seed finds a practice's first performer through it, for 2 % of practices: too few here
    // for the scans below to tell, but at 50,000 practices each lookup without it took 6.6 ms.
    CHECK_FALSE(setAside.contains("performer_link_contractor"));
    {
        FullScans scans(a.db());
        seedDemo(a.db(), {120, 42, QDate(2026, 11, 22)});
        CHECK(scans.needing(a.db(), setAside, 3) == "");
    }
    CHECK(indexDefinitions(a.db()) == definitions);
    CHECK(a.db().scalar("PRAGMA integrity_check").toString() == "ok");

    exchange::ExportOptions everything;
    everything.includeConfidential = true;
    const exchange::ExportResult file = exchange::exportJson(a.db(), a.file("all.json"), everything);
    REQUIRE(file.records >= 1000);
    cbtest::TempDb b;
    {
        FullScans scans(b.db());
        CHECK(exchange::ImportJob::json(file.path).commit(b.db()).added() == file.records);
        CHECK(scans.needing(b.db(), setAside, 3) == "");
        // Imported again: every record is found and compared, none written.
        CHECK(exchange::ImportJob::json(file.path).commit(b.db()).added() == 0);
        CHECK(scans.needing(b.db(), setAside, 3) == "");
        QByteArray ods;
        for (int i = 0; i < 200; ++i) ods += odsPractice(i);
        QFile f(b.file("epraccur.csv"));
        REQUIRE(f.open(QIODevice::WriteOnly));
        f.write(ods);
        f.close();
        CHECK(exchange::ImportJob::ods({f.fileName()}).commit(b.db()).added() == 200);
        CHECK(scans.needing(b.db(), setAside, 3) == "");
        CHECK(exchange::ImportJob::ods({f.fileName()}).commit(b.db()).added() == 0);
        CHECK(scans.needing(b.db(), setAside, 3) == "");
    }
    CHECK(indexDefinitions(b.db()) == definitions);
    CHECK(b.db().scalar("PRAGMA integrity_check").toString() == "ok");
    const QString plan = b.db().query("EXPLAIN QUERY PLAN SELECT id FROM contractor WHERE name = 'x' COLLATE NOCASE")
                             .value(0).value("detail").toString();
    CHECK(plan.contains("contractor_name"));
}

namespace {
// A performer no practice lists, to add and delete.
Performer unlinkedPerformer(const QString& familyName) {
    Performer p;
    p.givenName = "Ann";
    p.familyName = familyName;
    p.profession = "other";
    return p;
}
} // namespace

// A delete looks up the rows that refer to the record (to refuse it while any do) through the
// indexes on their references, which a bulk write sets aside: without them, each delete would read
// the whole of every referring table.
TEST_CASE("a delete inside a bulk write first puts back the indexes set aside, and the end builds the rest",
          "[store][bulk]") {
    cbtest::TempDb t;
    seedDemo(t.db(), {60, 42, QDate(2026, 11, 22)});
    const QString definitions = indexDefinitions(t.db());
    const qint64 links = cbtest::count(t.db(), "performer_link");
    REQUIRE(links > 20);
    const QString deleteSql = "DELETE FROM performer WHERE id = ?";
    FullScans scans(t.db());
    t.db().bulkWrite([&] {
        REQUIRE(indexDefinitions(t.db()) != definitions);
        PerformerService performers(t.db());
        const Performer a = performers.create(unlinkedPerformer("Amber"));
        performers.remove(a.id);
        CHECK(scans.scannedRows(deleteSql) == 0);
        // The first delete put back every index set aside; those no delete needs are back too.
        CHECK(indexDefinitions(t.db()) == definitions);
        const Performer b = performers.create(unlinkedPerformer("Birch"));
        performers.remove(b.id);
        CHECK(scans.scannedRows(deleteSql) == 0);
        // A performer still linked is refused, as outside a bulk write.
        const QString linked = t.db().scalar("SELECT performer_id FROM performer_link LIMIT 1").toString();
        CHECK_THROWS_AS(performers.remove(linked), ValidationError);
    });
    CHECK(indexDefinitions(t.db()) == definitions);
    CHECK(cbtest::count(t.db(), "performer WHERE family_name IN ('Amber', 'Birch')") == 0);
    CHECK(cbtest::count(t.db(), "performer_link") == links);
    CHECK(t.db().scalar("PRAGMA integrity_check").toString() == "ok");
}

TEST_CASE("a delete in a bulk write whose row is then refused leaves the indexes to be built at the end",
          "[store][bulk]") {
    cbtest::TempDb t;
    seedDemo(t.db(), {30, 42, QDate(2026, 11, 22)});
    const QString definitions = indexDefinitions(t.db());
    t.db().bulkWrite([&] {
        // As an import refuses a row: its savepoint, and the index put back inside it, go.
        t.db().execScript("SAVEPOINT import_row");
        PerformerService performers(t.db());
        performers.remove(performers.create(unlinkedPerformer("Cedar")).id);
        CHECK(indexDefinitions(t.db()) == definitions);
        t.db().execScript("ROLLBACK TO import_row; RELEASE import_row");
        CHECK(indexDefinitions(t.db()) != definitions);
    });
    CHECK(indexDefinitions(t.db()) == definitions);
    CHECK(t.db().scalar("PRAGMA integrity_check").toString() == "ok");
}

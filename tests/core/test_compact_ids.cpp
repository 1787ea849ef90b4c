// Record ids since schema version 13 (common/RecordId.h, V013_CompactIds): 22 characters of base64url
// for the same 128 bits a 36-character UUID held; every id and reference rewritten from every older
// version, the same way on every replica; files and team changes with the old form still read.
#include "TestSupport.h"

#include "common/RecordId.h"
#include "exchange/Import.h"
#include "store/AuditTrail.h"
#include "store/IntegrityCheck.h"
#include "store/Migrations.h"
#include "team/Team.h"
#include "team/TeamJson.h"

#include <QFile>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <SQLiteCpp/SQLiteCpp.h>

using namespace cb;

namespace {
const QString kUuid = QStringLiteral("6f1c2a9e-0000-4000-8000-000000000001");
const QString kSiteUuid = QStringLiteral("6f1c2a9e-0000-4000-8000-0000000000a2");
const QString kCompact = QStringLiteral("bxwqngAAQACAAAAAAAAAAQ"); // the same 16 bytes in base64url

// Every value left in a column named id or ..._id (or a team table's record) that still looks like
// a 36-character UUID.
QStringList uuidShapedIds(Database& db) {
    static const QRegularExpression uuid(QStringLiteral("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"));
    QStringList found;
    for (const Row& t : db.query(QStringLiteral("SELECT name FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE "
                                                "'CREATE VIRTUAL%' AND name NOT LIKE '%fts%' AND name NOT LIKE 'sqlite_%'"))) {
        const QString table = t.value("name").toString();
        for (const Row& c : db.query(QStringLiteral("SELECT name FROM pragma_table_info(?)"), {table})) {
            const QString col = c.value("name").toString();
            if (!ident::isIdColumn(col) && col != QLatin1String("record")) continue;
            if (table == QLatin1String("exchange_replica") || table == QLatin1String("exchange_peer")) continue; // replicas, not records
            for (const Row& v : db.query(QStringLiteral("SELECT \"%1\" AS v FROM \"%2\" WHERE typeof(\"%1\") = 'text'").arg(col, table)))
                if (uuid.match(v.value("v").toString()).hasMatch()) found << table + QLatin1Char('.') + col;
        }
    }
    return found;
}
} // namespace

TEST_CASE("a record id is 22 characters of base64url: the same bits as the UUID it replaces", "[store][ids]") {
    const QString id = Database::newId();
    CHECK(id.size() == 22);
    CHECK(ident::idBytes(id).size() == 16);
    CHECK(ident::idFromBytes(ident::idBytes(id)) == id);
    CHECK(Database::newId() != id);

    CHECK(ident::compactId(kUuid) == kCompact);
    CHECK(ident::compactId(kUuid.toUpper()) == kCompact);
    CHECK(ident::idBytes(kUuid) == ident::idBytes(kCompact));
    // Anything that is not a UUID is an id of its own, kept as it is.
    CHECK(ident::compactId(kCompact) == kCompact);
    CHECK(ident::compactId(QStringLiteral("c1")) == QStringLiteral("c1"));
    CHECK(ident::compactId(QStringLiteral("6f1c2a9e-0000-4000-8000-00000000000g")) == QStringLiteral("6f1c2a9e-0000-4000-8000-00000000000g"));
    CHECK(ident::idBytes(QStringLiteral("c1")).isEmpty());
    CHECK(ident::idBytes(QStringLiteral("this is not an id....")).isEmpty());
    CHECK(ident::idBytes(QStringLiteral("bxwqngAAQACAAAAAAAAAAR")).isEmpty()); // not the exact encoding of 16 bytes

    // The audit trail stores the 16 bytes and gives the id back as it was written.
    CHECK(AuditTrail::storedId(id).toByteArray().size() == 16);
    CHECK(AuditTrail::idText(AuditTrail::storedId(id)) == id);
    CHECK(AuditTrail::idText(AuditTrail::storedId(QStringLiteral("c1"))) == QStringLiteral("c1"));
    CHECK(AuditTrail::idText(AuditTrail::storedId(kUuid)) == kUuid);
}

TEST_CASE("a 22-character text is read as a record id's bytes exactly when it encodes 16 bytes", "[store][ids][property]") {
    // Property: idBytes gives the 16 bytes of which the text is the exact base64url encoding, and
    // nothing for any other text, as Qt's decoder followed by encoding the bytes again says.
    const auto expected = [](const QString& text) {
        const QByteArray bytes =
            QByteArray::fromBase64(text.toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
        return bytes.size() == 16 && ident::idFromBytes(bytes) == text ? bytes : QByteArray();
    };
    QRandomGenerator random(20261203);
    const QString alphabet = QStringLiteral("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");
    const QString others = QStringLiteral("=+/ .é\u0000");
    int ids = 0, refused = 0;
    for (int n = 0; n < 20000; ++n) {
        QByteArray raw(16, Qt::Uninitialized);
        for (char& b : raw) b = char(random.bounded(256));
        const QString id = ident::idFromBytes(raw);
        REQUIRE(ident::idBytes(id) == raw);

        // The same text with a character changed: any character of base64url, or another one.
        QString text = id;
        const int at = int(random.bounded(22));
        text[at] = random.bounded(8) == 0 ? others.at(random.bounded(others.size())) : alphabet.at(random.bounded(64));
        const QByteArray want = expected(text);
        INFO(text.toStdString());
        REQUIRE(ident::idBytes(text) == want);
        (want.isEmpty() ? refused : ids) += 1;
    }
    CHECK(ids > 10000);  // most changes still encode 16 bytes...
    CHECK(refused > 1000); // ...and the last character's low bits or another character refuse many
    CHECK(ident::idBytes(QStringLiteral("AAAAAAAAAAAAAAAAAAAAAA")) == QByteArray(16, '\0'));
    CHECK(ident::idBytes(QStringLiteral("_____________________w")) == QByteArray(16, '\xff'));
    CHECK(ident::idBytes(QStringLiteral("_____________________x")).isEmpty());
    CHECK(ident::idBytes(QStringLiteral("AAAAAAAAAAAAAAAAAAAAA=")).isEmpty());
}

TEST_CASE("V013 from every older version: every UUID id and reference in the new form, the audit trail with them",
          "[store][migrations][ids]") {
    for (const Migration& m : migrations()) {
        if (m.version >= 13) continue;
        DYNAMIC_SECTION("from version " << m.version) {
            cbtest::TempDb t;
            t.database.reset();
            QFile::remove(t.path());
            cbtest::makeOldDatabase(t.path(), m.version);
            {
                SQLite::Database raw(t.path().toStdString(), SQLite::OPEN_READWRITE);
                raw.exec(QStringLiteral("INSERT INTO contractor(id, ods_code, contractor_group, name, status, created_at, updated_at) "
                                        "VALUES ('%1', 'A81001', 'general_practice', 'Old Surgery', 'active', 'x', 'x'), "
                                        "('c1', 'A81002', 'general_practice', 'Named Surgery', 'active', 'x', 'x')")
                             .arg(kUuid).toStdString());
                raw.exec(QStringLiteral("INSERT INTO site(id, contractor_id, name) VALUES ('%1', '%2', 'Branch')")
                             .arg(kSiteUuid, kUuid).toStdString());
                raw.exec(QStringLiteral("INSERT INTO audit(at, who, entity, record_id, contractor_id, label, action, "
                                        "old_values, new_values, source) VALUES ('2025-02-01T10:30:00Z', 'bjones', "
                                        "'contractor', '%1', '%1', 'A81001 Old Surgery', 'update', "
                                        "'{\"name\":\"Old\"}', '{\"name\":\"Old Surgery\"}', NULL)").arg(kUuid).toStdString());
                if (m.version >= 7) // V007 and later store a UUID as its 16 bytes
                    raw.exec(QStringLiteral("INSERT INTO audit(at, who, entity, record_id, contractor_id, label, action) "
                                            "VALUES ('2025-03-01T10:30:00Z', 'bjones', 'site', 'x', 'x', 'Branch', 'insert'); "
                                            "UPDATE audit_log SET record_id = x'%1', contractor_id = x'%2' WHERE seq = "
                                            "(SELECT max(seq) FROM audit_log)")
                                 .arg(QString(kSiteUuid).remove(QLatin1Char('-')), QString(kUuid).remove(QLatin1Char('-')))
                                 .toStdString());
                if (m.version >= 10)
                    raw.exec(QStringLiteral("INSERT INTO exchange_field_clock(tbl, record, field, clock, actor, at) VALUES "
                                            "('contractor', '%1', 'name', '0001-000001@r', 'bjones', 'x')").arg(kUuid).toStdString());
            }
            Database db(t.path());
            REQUIRE(db.fileSchemaVersion() == Database::schemaVersion());
            const QString site = ident::compactId(kSiteUuid);
            CHECK(db.scalar("SELECT id FROM contractor WHERE ods_code = 'A81001'").toString() == kCompact);
            CHECK(db.scalar("SELECT id FROM contractor WHERE ods_code = 'A81002'").toString() == "c1");
            CHECK(db.scalar("SELECT id FROM site").toString() == site);
            CHECK(db.scalar("SELECT contractor_id FROM site").toString() == kCompact);
            CHECK(uuidShapedIds(db).isEmpty());
            CHECK(checkIntegrity(db).ok()); // every reference found its record

            AuditTrail trail(db);
            const QList<AuditEntry> history = trail.forContractor(kCompact);
            REQUIRE(history.size() == (m.version >= 7 ? 2 : 1));
            CHECK(history.last().recordId == kCompact);
            CHECK(history.last().changes.value(0).after == "Old Surgery");
            CHECK(trail.forRecord(kUuid).size() == 1); // an id in the old form finds its record's history
            CHECK(db.scalar("SELECT count(*) FROM audit WHERE record_id = ? AND contractor_id = ?", {kCompact, kCompact})
                      .toInt() == 1);
            if (m.version >= 7) {
                CHECK(history.first().recordId == site);
                CHECK(db.scalar("SELECT count(*) FROM audit WHERE record_id = ?", {site}).toInt() == 1);
            }
            if (m.version >= 10)
                CHECK(db.scalar("SELECT record FROM exchange_field_clock").toString() == kCompact);

            // New records get the new form and link to migrated ones.
            const QString added = Database::newId();
            db.save("site", Row{{"id", added}, {"contractor_id", kCompact}, {"name", "New branch"}});
            CHECK(db.scalar("SELECT count(*) FROM site WHERE contractor_id = ?", {kCompact}).toInt() == 2);
            CHECK(trail.forRecord(added).value(0).recordId == added);
        }
    }
}

TEST_CASE("V013 gives every replica the same ids: two copies of one file migrate to the same bytes of records",
          "[store][migrations][ids]") {
    cbtest::TempDb a;
    a.database.reset();
    QFile::remove(a.path());
    cbtest::makeOldDatabase(a.path(), 12);
    {
        SQLite::Database raw(a.path().toStdString(), SQLite::OPEN_READWRITE);
        raw.exec(QStringLiteral("INSERT INTO contractor(id, ods_code, contractor_group, name, status, created_at, updated_at) "
                                "VALUES ('%1', 'A81001', 'general_practice', 'Old Surgery', 'active', 'x', 'x')")
                     .arg(kUuid).toStdString());
    }
    const QString copy = a.file("copy.db");
    REQUIRE(QFile::copy(a.path(), copy));
    Database one(a.path());
    Database two(copy);
    CHECK(one.scalar("SELECT group_concat(id) FROM contractor") == two.scalar("SELECT group_concat(id) FROM contractor"));
    CHECK(one.scalar("SELECT id FROM contractor").toString() == kCompact);
}

TEST_CASE("a team change written before V013 names records by UUIDs: it applies to the same records", "[team][ids]") {
    const QJsonObject old = QJsonDocument::fromJson(
                                QStringLiteral("{\"clock\":\"0001764498000123-000004@%1\",\"actor\":\"alice\",\"table\":\"site\","
                                               "\"record\":\"%2\",\"op\":\"insert\",\"fields\":{"
                                               "\"contractor_id\":{\"new\":\"%1\"},\"name\":{\"new\":\"%1\"},"
                                               "\"code\":{\"old\":null,\"new\":\"A81001001\"}}}")
                                    .arg(kUuid, kSiteUuid).toUtf8())
                                .object();
    const QJsonObject now = team::withCompactIds(old);
    CHECK(now.value("record").toString() == ident::compactId(kSiteUuid));
    CHECK(now.value("fields").toObject().value("contractor_id").toObject().value("new").toString() == kCompact);
    // What a caseworker typed is never rewritten, nor is the clock (it names a replica, not a record).
    CHECK(now.value("fields").toObject().value("name").toObject().value("new").toString() == kUuid);
    CHECK(now.value("clock") == old.value("clock"));
    CHECK(now.value("fields").toObject().value("code") == old.value("fields").toObject().value("code"));
    CHECK(team::withCompactIds(now) == now);
}

TEST_CASE("an exchange file written before V013 (36-character ids) imports with today's ids", "[exchange][ids]") {
    cbtest::TempDb t;
    const QByteArray json = QStringLiteral("{\"format\":\"casebook-exchange\",\"version\":1,\"tables\":{"
                                           "\"contractor\":[{\"id\":\"%1\",\"ods_code\":\"A81001\",\"contractor_group\":"
                                           "\"general_practice\",\"name\":\"THE SURGERY\",\"status\":\"active\"}],"
                                           "\"site\":[{\"id\":\"%2\",\"contractor_id\":\"%1\",\"name\":\"Branch\"}]}}")
                                .arg(kUuid, kSiteUuid)
                                .toUtf8();
    const QString path = t.file("old.json");
    {
        QFile f(path);
        REQUIRE(f.open(QIODevice::WriteOnly));
        f.write(json);
    }
    const auto first = exchange::ImportJob::json(path).commit(t.db());
    INFO(first.toText().toStdString());
    CHECK(first.added() == 2);
    CHECK(t.db().scalar("SELECT id FROM contractor").toString() == kCompact);
    CHECK(t.db().scalar("SELECT contractor_id FROM site").toString() == kCompact);
    CHECK(t.db().scalar("SELECT id FROM site").toString() == ident::compactId(kSiteUuid));
    // Importing it again finds the same records: nothing is added twice.
    const auto again = exchange::ImportJob::json(path).commit(t.db());
    CHECK(again.added() == 0);
    CHECK(cbtest::count(t.db(), "contractor") == 1);

    // The same in a CSV file.
    const QString csv = t.file("old.csv");
    {
        QFile f(csv);
        REQUIRE(f.open(QIODevice::WriteOnly));
        f.write(QStringLiteral("id,contractor_id,name\r\n%1,%2,Second branch\r\n")
                    .arg(QStringLiteral("6f1c2a9e-0000-4000-8000-0000000000a3"), kUuid)
                    .toUtf8());
    }
    const auto sites = exchange::ImportJob::csv("site", csv).commit(t.db());
    INFO(sites.toText().toStdString());
    CHECK(sites.added() == 1);
    CHECK(t.db().scalar("SELECT count(*) FROM site WHERE contractor_id = ?", {kCompact}).toInt() == 2);
}

TEST_CASE("a package from a replica before V013 (36-character ids) applies to the records V013 renamed",
          "[team][ids][migrations]") {
    QTemporaryDir dir;
    FixedClock clock{QDateTime(QDate(2026, 11, 30), QTime(9, 0), QTimeZone::utc())};
    const QString folder = dir.filePath("TEAM");
    Database old(dir.filePath("old.db")); // writes ids as a replica before V013 did
    old.setClock(&clock);
    old.setActor("alice");
    old.save("contractor", Row{{"id", kUuid}, {"ods_code", "A81001"}, {"contractor_group", "general_practice"},
                               {"name", "Oakfield Surgery"}, {"postcode", "TS18 1HU"}, {"open_date", "1990-04-01"}});
    team::initTeam(old, folder, "Alice's desk");
    REQUIRE(team::joinTeam(folder, dir.filePath("new.db"), "Laptop").problems.isEmpty());
    {
        // What V013 did on the upgraded replica: the same record under the new form of its id.
        SQLite::Database raw(dir.filePath("new.db").toStdString(), SQLite::OPEN_READWRITE);
        raw.exec("PRAGMA foreign_keys = OFF");
        for (const char* sql : {"UPDATE contractor SET id = ?1 WHERE id = ?2", "UPDATE exchange_field_clock SET record = ?1 WHERE record = ?2"}) {
            SQLite::Statement st(raw, sql);
            st.bind(1, kCompact.toStdString());
            st.bind(2, kUuid.toStdString());
            st.exec();
        }
    }
    Database upgraded(dir.filePath("new.db"));
    upgraded.setClock(&clock);

    // The old replica adds a site under its practice and changes the practice's telephone.
    old.save("site", Row{{"id", kSiteUuid}, {"contractor_id", kUuid}, {"name", "Branch surgery"}});
    old.save("contractor", Row{{"id", kUuid}, {"telephone", "01642 222222"}});
    clock.set(clock.nowUtc().addSecs(1));
    REQUIRE(team::sync(old).problems.isEmpty());
    clock.set(clock.nowUtc().addSecs(1));
    const team::SyncReport report = team::sync(upgraded);
    INFO(report.problems.join("\n").toStdString());
    REQUIRE(report.problems.isEmpty());
    CHECK(upgraded.fetchRecord("contractor", kCompact)->value("telephone").toString() == "01642 222222");
    const auto site = upgraded.fetchRecord("site", ident::compactId(kSiteUuid));
    REQUIRE(site.has_value());
    CHECK(site->value("contractor_id").toString() == kCompact);
    CHECK(cbtest::count(upgraded, "contractor") == 1);
    CHECK(checkIntegrity(upgraded).ok());
}

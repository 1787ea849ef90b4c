// The one write path: record descriptions, save/remove, row versions, stale saves and their merge,
// the runtime guard against raw writes, and imports checked against the descriptions.
#include "TestSupport.h"
#include "common/Units.h"
#include "concerns/Concern.h"
#include "contractors/Contractor.h"
#include "contracts/Contract.h"
#include "demo/DemoSeeder.h"
#include "exchange/ExchangeTables.h"
#include "exchange/Import.h"
#include "exchange/RecordExchange.h"
#include "performers/Performer.h"
#include "store/AuditTrail.h"
#include "store/IntegrityCheck.h"
#include "store/Migrations.h"
#include "store/RecordMerge.h"
#include "store/RecordType.h"
#include "visits/Visit.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <SQLiteCpp/SQLiteCpp.h>

using namespace cb;

namespace {

Contractor practice(const QString& code = QStringLiteral("A81001")) {
    Contractor c;
    c.odsCode = code;
    c.group = QStringLiteral("general_practice");
    c.name = QStringLiteral("Oakfield Surgery");
    c.postcode = QStringLiteral("TS18 1HU");
    c.telephone = QStringLiteral("01642 000001");
    c.openDate = QDate(1990, 4, 1);
    return c;
}

QString quoted(const QVariant& v) {
    QString s = v.isNull() ? QString() : v.toString();
    if (s.contains(QLatin1Char(',')) || s.contains(QLatin1Char('"')) || s.contains(QLatin1Char('\n')))
        s = QLatin1Char('"') + s.replace(QLatin1Char('"'), QStringLiteral("\"\"")) + QLatin1Char('"');
    return s;
}

// A one-row CSV of a table, as Casebook's CSV export writes it (header of column names).
void writeCsv(const QString& path, const QStringList& columns, const Row& row) {
    QStringList header, values;
    for (const QString& c : columns) {
        header << c;
        values << quoted(row.value(c));
    }
    QFile f(path);
    REQUIRE(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write((header.join(',') + "\r\n" + values.join(',') + "\r\n").toUtf8());
}

// A Casebook exchange file (JSON) of one record of `table`, the record on line 2 as the export writes it.
void writeJson(const QString& path, const QString& table, const QStringList& columns, const Row& row) {
    QJsonObject record;
    for (const QString& c : columns) record.insert(c, QJsonValue::fromVariant(row.value(c)));
    QFile f(path);
    REQUIRE(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write("{\"tables\": {\"" + table.toUtf8() + "\": [\n" + QJsonDocument(record).toJson(QJsonDocument::Compact) +
            "\n]}, \"format\": \"" + exchange::kJsonFormatName + "\", \"version\": " +
            QByteArray::number(exchange::kJsonFormatVersion) + "}\n");
}

// Values no description allows, one kind per field kind.
QList<std::pair<QString, QVariant>> invalidValuesFor(const FieldSpec& f) {
    QList<std::pair<QString, QVariant>> out;
    switch (f.kind) {
    case FieldKind::Code:
        out.append({QStringLiteral("an unknown code"), QStringLiteral("bogus_value")});
        break;
    case FieldKind::Date:
        out.append({QStringLiteral("a date that is not a date"), QStringLiteral("2026-02-31")});
        out.append({QStringLiteral("a date in another format"), QStringLiteral("22/11/2026")});
        break;
    case FieldKind::Integer:
    case FieldKind::Money:
    case FieldKind::Year:
        out.append({QStringLiteral("text in a number"), QStringLiteral("twelve")});
        break;
    case FieldKind::Level:
        out.append({QStringLiteral("a level off the matrix"), QStringLiteral("9")});
        break;
    case FieldKind::Flag:
        out.append({QStringLiteral("a flag that is not 0 or 1"), QStringLiteral("7")});
        break;
    default:
        break;
    }
    if (f.required && f.written && f.column != QLatin1String("id"))
        out.append({QStringLiteral("a required field left empty"), QString()});
    return out;
}

} // namespace

TEST_CASE("every record type is described once, column for column as stored", "[store][records]") {
    cbtest::TempDb t;
    QStringList described;
    for (const RecordType* type : recordTypes()) {
        INFO(type->table.toStdString());
        described << type->table;
        QStringList columns;
        for (const Row& r : t.db().query(QStringLiteral("SELECT name FROM pragma_table_info(?) ORDER BY cid"), {type->table}))
            if (r.value("name").toString() != kRowVersion) columns << r.value("name").toString();
        QStringList fields;
        for (const FieldSpec& f : type->fields) fields << f.column;
        std::sort(columns.begin(), columns.end());
        std::sort(fields.begin(), fields.end());
        CHECK(fields == columns);
        CHECK_FALSE(type->entity.isEmpty());
        CHECK_FALSE(type->recordType.isEmpty());
        for (const FieldSpec& f : type->fields) CHECK_FALSE(f.label.isEmpty());
    }
    // Every user table (all but the audit trail and the search indexes) is described.
    for (const Row& r : t.db().query(QStringLiteral("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT "
                                                    "LIKE 'sqlite_%' AND name NOT LIKE '%fts%' AND name NOT LIKE 'audit%' "
                                                    "AND name NOT LIKE 'exchange_%'"))) // the team exchange's bookkeeping
        CHECK(described.contains(r.value("name").toString()));
    // The exchange tables are the described types, in the same order.
    REQUIRE(exchange::standardTables().size() == recordTypes().size());
    for (int i = 0; i < recordTypes().size(); ++i)
        CHECK(exchange::standardTables().at(i).table == recordTypes().at(i)->table);
}

TEST_CASE("a raw INSERT, UPDATE or DELETE of a record is refused by the database itself", "[store][guard]") {
    cbtest::TempDb t;
    ContractorService(t.db()).create(practice());
    const QString before = t.db().scalar("SELECT name FROM contractor").toString();
    for (const QString& sql : {QStringLiteral("UPDATE contractor SET name = 'Hacked'"), QStringLiteral("DELETE FROM contractor"),
                               QStringLiteral("INSERT INTO setting(id, key, value) VALUES ('x', 'a.b', '1')")}) {
        INFO(sql.toStdString());
        try {
            t.db().write([&] { t.db().exec(sql); });
            FAIL("the raw write was not refused");
        } catch (const DatabaseError& e) {
            CHECK(e.message().contains("did not go through its save path"));
        }
        try {
            t.db().exec(sql); // outside a transaction too
            FAIL("the raw write was not refused");
        } catch (const DatabaseError& e) {
            CHECK(e.message().contains("nothing was changed"));
        }
    }
    CHECK(t.db().scalar("SELECT name FROM contractor").toString() == before);
    CHECK(cbtest::count(t.db(), "contractor") == 1);
    CHECK(cbtest::count(t.db(), "setting") == 0);
    // Reading, and writing through save(), still work.
    CHECK_NOTHROW(t.db().save("setting", Row{{"id", Database::newId()}, {"key", "a.b"}, {"value", "1"}}));
    CHECK(cbtest::count(t.db(), "setting") == 1);
}

TEST_CASE("each save bumps the row version, writes one audit row, and a save that changes nothing writes nothing", "[store][versions]") {
    cbtest::TempDb t;
    ContractorService service(t.db());
    Contractor c = service.create(practice());
    CHECK(c.rowVersion == 1);
    const qint64 audits = cbtest::count(t.db(), "audit");
    c.telephone = "01642 999999";
    service.update(c);
    Contractor now = *service.get(c.id);
    CHECK(now.rowVersion == 2);
    CHECK(now.telephone == "01642 999999");
    CHECK(cbtest::count(t.db(), "audit") == audits + 1);
    service.update(now); // nothing changed
    CHECK(service.get(c.id)->rowVersion == 2);
    CHECK(cbtest::count(t.db(), "audit") == audits + 1);
}

TEST_CASE("a record saved as new whose id is already there is refused in words, and nothing changes", "[store][records]") {
    // A save as new does not look for the id first: the insert's primary key refuses it, and the
    // refusal is then put in words. The stored record, its version and the audit trail stay as they were.
    cbtest::TempDb t;
    const Contractor c = ContractorService(t.db()).create(practice());
    const qint64 audits = cbtest::count(t.db(), "audit");
    Contractor again = practice("B82002");
    again.id = c.id;
    again.name = QStringLiteral("Another Surgery");
    for (const bool inBulk : {false, true}) {
        INFO((inBulk ? "inside a bulk write" : "on its own"));
        try {
            const auto attempt = [&] { t.db().save(contractorRecord(), again.toRow(), Database::SaveMode::New); };
            if (inBulk) t.db().bulkWrite(attempt);
            else attempt();
            FAIL("saved");
        } catch (const ValidationError& e) {
            CHECK(e.message() == QStringLiteral("A contractor record with id %1 already exists.").arg(c.id));
        }
        const Contractor stored = *ContractorService(t.db()).get(c.id);
        CHECK(stored.name == "Oakfield Surgery");
        CHECK(stored.odsCode == "A81001");
        CHECK(stored.rowVersion == 1);
        CHECK(cbtest::count(t.db(), "audit") == audits);
        CHECK(cbtest::count(t.db(), "contractor") == 1);
    }
    // A new id is simply added.
    again.id = Database::newId();
    CHECK(t.db().save(contractorRecord(), again.toRow(), Database::SaveMode::New).added);
    CHECK(cbtest::count(t.db(), "contractor") == 2);
}

TEST_CASE("save refuses a record that breaks its description, field by field, and writes nothing", "[store][records]") {
    cbtest::TempDb t;
    const Contractor c = ContractorService(t.db()).create(practice());
    try {
        t.db().save("contractor", Row{{"id", c.id}, {"contractor_group", "bogus"}, {"open_date", "1st April"}});
        FAIL("saved");
    } catch (const ValidationError& e) {
        CHECK_FALSE(e.messageFor("group").isEmpty());
        CHECK(e.messageFor("openDate").contains("is not a date"));
    }
    try {
        t.db().save("contractor", Row{{"id", c.id}, {"no_such_column", "x"}});
        FAIL("saved");
    } catch (const ValidationError& e) {
        CHECK(e.message().contains("no field \"no_such_column\""));
    }
    CHECK(ContractorService(t.db()).get(c.id)->group == "general_practice");
    CHECK(ContractorService(t.db()).get(c.id)->rowVersion == 1);
}

TEST_CASE("two Casebooks on one file: a stale save is refused with who changed what, nothing is overwritten", "[store][versions][stale]") {
    cbtest::TempDb t;
    Database& alice = t.db();
    Database bob(t.path());
    bob.setActor("bob");
    bob.setClock(&t.clock);

    const Contractor loaded = ContractorService(alice).create(practice()); // Alice opens the form
    Contractor bobs = *ContractorService(bob).get(loaded.id);
    bobs.telephone = "01642 222222";
    ContractorService(bob).update(bobs); // Bob saves first

    Contractor mine = loaded;
    mine.telephone = "01642 333333"; // Alice typed over the same field
    try {
        ContractorService(alice).update(mine);
        FAIL("the stale save was not refused");
    } catch (const StaleRecordError& e) {
        CHECK(e.message().contains("bob"));
        CHECK(e.message().contains("telephone from 01642 000001 to 01642 222222"));
        CHECK(e.message().contains("nothing was overwritten"));
        CHECK(e.expectedVersion() == 1);
        CHECK(e.currentVersion() == 2);
    }
    CHECK(ContractorService(alice).get(loaded.id)->telephone == "01642 222222"); // Bob's number is kept

    // A stale delete is refused too.
    CHECK_THROWS_AS(alice.remove("contractor", loaded.id, 1), StaleRecordError);
    CHECK(ContractorService(alice).get(loaded.id).has_value());
}

TEST_CASE("a stale save that does not clash is offered as a merge keeping both people's changes", "[store][versions][merge]") {
    cbtest::TempDb t;
    Database& alice = t.db();
    Database bob(t.path());
    bob.setActor("bob");
    bob.setClock(&t.clock);

    const Contractor loaded = ContractorService(alice).create(practice());
    Contractor bobs = *ContractorService(bob).get(loaded.id);
    bobs.telephone = "01642 222222";
    ContractorService(bob).update(bobs);

    Contractor mine = loaded;
    mine.email = "oakfield@nhs.net";
    Row theirs;
    try {
        ContractorService(alice).update(mine);
        FAIL("the stale save was not refused");
    } catch (const StaleRecordError& e) {
        theirs = e.current();
    }
    const MergeResult merge = mergeFields(loaded.toRow().toMap(), mine.toRow().toMap(), theirs.toMap());
    CHECK(merge.clean());
    CHECK(merge.mineKept == QStringList{"email"});
    CHECK(merge.theirsTaken.contains("telephone"));
    Contractor merged = Contractor::fromRow(merge.merged);
    CHECK(merged.rowVersion == 2); // now based on Bob's version
    ContractorService(alice).update(merged);
    const Contractor now = *ContractorService(bob).get(loaded.id);
    CHECK(now.telephone == "01642 222222");
    CHECK(now.email == "oakfield@nhs.net");
    CHECK(now.rowVersion == 3);

    // Both changed the same field differently: listed as a clash, my typing kept in the merge.
    Contractor bobs2 = now;
    bobs2.name = "Oakfield Medical Centre";
    ContractorService(bob).update(bobs2);
    Contractor mine2 = now;
    mine2.name = "Oakfield Health Centre";
    const MergeResult clash =
        mergeFields(now.toRow().toMap(), mine2.toRow().toMap(), bob.fetchRecord("contractor", now.id)->toMap());
    REQUIRE(clash.clashes.size() == 1);
    CHECK(clash.clashes.first().field == "name");
    CHECK(clash.clashes.first().theirs.toString() == "Oakfield Medical Centre");
    CHECK(clash.merged.value("name").toString() == "Oakfield Health Centre");
}

TEST_CASE("the audit trail says a concern's stage in words, from the description", "[store][audit]") {
    cbtest::TempDb t;
    const Contractor c = ContractorService(t.db()).create(practice());
    ConcernService concerns(t.db());
    Concern draft = concerns.draft(c.id);
    draft.source = "complaint";
    draft.category = "access";
    draft.summary = "Patients cannot get through on the telephone";
    const Concern made = concerns.create(draft);
    StageChange change;
    change.stage = "triaged";
    change.reason = "Looked at";
    concerns.changeStage(made.id, change);
    QStringList lines;
    for (const AuditEntry& e : AuditTrail(t.db()).forRecord(made.id)) lines << e.text();
    INFO(lines.join("\n").toStdString());
    CHECK(lines.join("\n").contains("stage from Received to Triaged"));
}

TEST_CASE("V009 gives every record of every older file a row version", "[store][migrations][versions]") {
    for (const Migration& step : migrations()) {
        if (step.version >= 9) continue;
        DYNAMIC_SECTION("from version " << step.version) {
            QTemporaryDir dir;
            const QString path = dir.filePath("old.db");
            cbtest::makeOldDatabase(path, step.version);
            {
                SQLite::Database raw(path.toStdString(), SQLite::OPEN_READWRITE);
                raw.exec("INSERT INTO contractor(id, ods_code, contractor_group, name, status, created_at, updated_at) "
                         "VALUES ('c1', 'A81001', 'general_practice', 'Old Surgery', 'active', 'x', 'x')");
            }
            Database db(path);
            REQUIRE(db.fileSchemaVersion() == Database::schemaVersion());
            for (const RecordType* type : recordTypes())
                CHECK(db.scalar(QStringLiteral("SELECT count(*) FROM pragma_table_info(?) WHERE name = 'row_version'"),
                                {type->table}).toInt() == 1);
            Contractor c = *ContractorService(db).get("c1");
            CHECK(c.rowVersion == 1);
            c.telephone = "01642 000001";
            ContractorService(db).update(c);
            CHECK(ContractorService(db).get("c1")->rowVersion == 2);
        }
    }
}

TEST_CASE("imports reject every kind of invalid row for every record type, with line and reason", "[exchange][import][records]") {
    cbtest::TempDb t;
    SeedOptions seed;
    seed.contractors = 40;
    seedDemo(t.db(), seed);
    t.db().save("setting", Row{{"id", Database::newId()}, {"key", "risk.band.low_max"}, {"value", "4"}});
    t.db().save("organisation", Row{{"id", Database::newId()}, {"ods_code", "FA123"}, {"kind", "pharmacy_head_office"},
                                    {"name", "Head Office Ltd"}, {"status", "active"}});
    // A payments year and a data-quality note (issue 13), which the demo does not make.
    const QString contract = t.db().scalar("SELECT id FROM contract ORDER BY rowid LIMIT 1").toString();
    t.db().save("contract_year", Row{{"id", Database::newId()}, {"contract_id", contract}, {"year_start", 2024}, {"list_size", 1000}});
    t.db().save("data_quality_note", Row{{"id", Database::newId()}, {"record_table", "contract"}, {"record_id", contract},
                                         {"field", "endDate"}, {"problem", "End date unknown"}, {"status", "open"}});
    // The random demo may hold no concern action: give it one, so every record type has a sample.
    if (cbtest::count(t.db(), "concern_action") == 0)
        t.db().save("concern_action",
                    Row{{"id", Database::newId()},
                        {"concern_id", t.db().scalar("SELECT id FROM concern ORDER BY rowid LIMIT 1")},
                        {"description", "Send the revised policy"}, {"owner", "Case Worker"}, {"due_date", "2026-12-31"}});
    // One database for every case: each import is refused whole, so nothing changes between them
    // (checked below), and seeding once keeps the test quick.
    for (const RecordType* type : recordTypes()) {
        const auto sample = t.db().queryOne(QStringLiteral("SELECT * FROM %1 ORDER BY rowid LIMIT 1").arg(type->table));
        INFO(type->table.toStdString());
        REQUIRE(sample.has_value()); // the demo data has every record type
        QStringList columns;
        for (const exchange::ColumnInfo& c : exchange::columnsOf(t.db(), type->table)) columns << c.name;
        for (const FieldSpec& f : type->fields) {
            for (const auto& [kind, value] : invalidValuesFor(f)) {
                INFO(type->table.toStdString() << "." << f.column.toStdString() << ": " << kind.toStdString());
                Row row = *sample;
                row.insert(f.column, value);
                // Both importers that take every record type: a CSV of the table, and an exchange
                // file (JSON) holding the one record.
                writeCsv(t.file(type->table + ".csv"), columns, row);
                writeJson(t.file(type->table + ".json"), type->table, columns, row);
                for (const bool json : {false, true}) {
                    INFO((json ? "JSON" : "CSV"));
                    const qint64 audits = cbtest::count(t.db(), "audit");
                    const exchange::ImportSummary done =
                        json ? exchange::ImportJob::json(t.file(type->table + ".json")).commit(t.db())
                             : exchange::ImportJob::csv(type->recordType, t.file(type->table + ".csv")).commit(t.db());
                    REQUIRE(done.rejected() == 1);
                    const exchange::Rejection& r = done.files.first().rejections.first();
                    CHECK(r.line == 2);
                    CHECK_FALSE(r.reason.isEmpty());
                    CHECK(done.added() + done.updated() == 0);
                    CHECK(cbtest::count(t.db(), "audit") == audits);
                    CHECK(t.db().fetchRecord(type->table, sample->value("id").toString()) == sample);
                }
            }
        }
    }
}

TEST_CASE("a concern with a bogus stage or consequence, or about a performer but not confidential, cannot be imported", "[exchange][import][concerns]") {
    cbtest::TempDb t;
    const Contractor c = ContractorService(t.db()).create(practice());
    Performer p;
    p.givenName = "Ann";
    p.familyName = "Smith";
    p.profession = "gp";
    p.listStatus = "included";
    p.registrationBody = "GMC";
    p.registrationNumber = "1234567";
    p = PerformerService(t.db()).create(p);
    const QStringList columns = {"id", "contractor_id", "performer_id", "level", "source", "category", "received_date",
                                 "summary", "owner", "stage", "consequence", "likelihood", "confidential"};
    auto attempt = [&](const Row& changes) {
        Row row{{"id", Database::newId()}, {"contractor_id", c.id}, {"level", "practice"}, {"source", "complaint"},
                {"category", "access"}, {"received_date", "2026-11-01"}, {"summary", "Phones"}, {"owner", "tester"},
                {"stage", "received"}, {"confidential", "0"}};
        for (auto it = changes.begin(); it != changes.end(); ++it) row.insert(it.key(), it.value());
        writeCsv(t.file("concerns.csv"), columns, row);
        return exchange::ImportJob::csv("concerns", t.file("concerns.csv")).commit(t.db());
    };
    const auto bogusStage = attempt({{"stage", "bogus_stage"}});
    REQUIRE(bogusStage.rejected() == 1);
    CHECK(bogusStage.files.first().rejections.first().line == 2);
    INFO(bogusStage.toText().toStdString());
    CHECK(bogusStage.files.first().rejections.first().reason.contains("stage", Qt::CaseInsensitive));
    const auto badConsequence = attempt({{"consequence", "9"}, {"likelihood", "2"}});
    REQUIRE(badConsequence.rejected() == 1);
    INFO(badConsequence.toText().toStdString());
    CHECK(badConsequence.files.first().rejections.first().reason.contains("consequence", Qt::CaseInsensitive));
    const auto open = attempt({{"performer_id", p.id}, {"level", "individual"}, {"contractor_id", QVariant()}});
    REQUIRE(open.rejected() == 1);
    CHECK(open.files.first().rejections.first().reason.contains("must be marked confidential"));
    CHECK(cbtest::count(t.db(), "concern") == 0);
    // The same concern marked confidential is imported.
    const auto secret = attempt({{"performer_id", p.id}, {"level", "individual"}, {"contractor_id", QVariant()}, {"confidential", "1"}});
    CHECK(secret.rejected() == 0);
    CHECK(cbtest::count(t.db(), "concern") == 1);
}

TEST_CASE("the integrity check runs every record type's description", "[store][check][records]") {
    cbtest::TempDb t;
    const Contractor c = ContractorService(t.db()).create(practice());
    {
        // Damage planted by another program: our own connection refuses raw writes.
        SQLite::Database raw(t.path().toStdString(), SQLite::OPEN_READWRITE);
        raw.exec(QStringLiteral("UPDATE contractor SET status = 'bogus' WHERE id = '%1'").arg(c.id).toStdString());
    }
    const IntegrityReport report = checkIntegrity(t.db());
    REQUIRE_FALSE(report.ok());
    CHECK(report.findings.first().table == "contractor");
    CHECK(report.findings.first().message.contains("status", Qt::CaseInsensitive));
}

TEST_CASE("normalising keeps text that needs nothing, trims the rest, and keeps the edges of lines", "[store][records]") {
    // Text with nothing to trim is kept as given (the write path's quick case); every other kind of
    // text goes the long way, with the same outcome as before there was a quick case.
    const Row contractor = contractorRecord().normalised(Row{{"name", "Oak Surgery"},
                                                             {"address1", "  12 High Street  "},
                                                             {"address2", "   "},
                                                             {"address3", ""},
                                                             {"address4", "x"},
                                                             {"postcode", "\tLS1 4AP\n"},
                                                             {"address5", QVariant()}});
    CHECK(contractor.value("name").toString() == "Oak Surgery");
    CHECK(contractor.value("address1").toString() == "12 High Street");
    CHECK(contractor.value("address2").isNull());
    CHECK(contractor.value("address3").isNull());
    CHECK(contractor.value("address4").toString() == "x");
    CHECK(contractor.value("postcode").toString() == "LS1 4AP");
    CHECK(contractor.contains("address5"));
    CHECK(contractor.value("address5").isNull());

    // Lines keep their spaces (an indented second line), and are nothing when blank.
    const Row visit = visitRecord().normalised(Row{{"attendees", "  Dr A\nNurse B  "}});
    CHECK(visit.value("attendees").toString() == "  Dr A\nNurse B  ");
    CHECK(visitRecord().normalised(Row{{"attendees", " \n "}}).value("attendees").isNull());

    // Activity counts become canonical text whether or not they needed trimming.
    const Row plain = contractRecord().normalised(Row{{"uda_target", "1234.50"}});
    const Row spaced = contractRecord().normalised(Row{{"uda_target", " 1,234.50 "}});
    CHECK(plain.value("uda_target").toString() == Units::fromVariant(QStringLiteral("1234.5"))->toText());
    CHECK(spaced.value("uda_target") == plain.value("uda_target"));
}

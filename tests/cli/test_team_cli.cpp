// Team exchange through casebook-cli: journey 4 (a field visit offline on a laptop joined from the
// team folder, a colleague's edit of the same practice, both sync, the conflict shown and decided)
// and kill -9 in the middle of sync.
#include "CliRunner.h"
#include "SpawnCli.h"
#include "TeamSupport.h"
#include "team/Team.h"
#include "visits/Visit.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <csignal>
#include <random>
#include <sys/wait.h>
#include <unistd.h>

using namespace cb;
using cbtest::runCliArgs;

namespace {

QString firstPractice(Database& db) {
    return db.scalar("SELECT id FROM contractor WHERE contractor_group = 'general_practice' ORDER BY ods_code LIMIT 1").toString();
}

} // namespace

TEST_CASE("journey 4: a field visit offline and a colleague's edit merge, the clash is shown and decided", "[team][cli][journey]") {
    QTemporaryDir dir;
    const QString office = dir.filePath("office.db"), laptop = dir.filePath("laptop.db"), folder = dir.filePath("TEAM");
    REQUIRE(runCliArgs({"--db", office, "seed", "--contractors", "5"}).status == 0);
    const auto init = runCliArgs({"--db", office, "team", "init", folder, "--name", "Office"});
    INFO(init.err.toStdString());
    REQUIRE(init.status == 0);
    const auto join = runCliArgs({"--db", laptop, "team", "join", folder, "--name", "Sam's laptop"});
    INFO(join.err.toStdString());
    REQUIRE(join.status == 0);
    CHECK(join.out.contains("Joined the team folder"));

    QString practiceId, visitId;
    { // Offline on the laptop: a visit with a "not met" finding, and a new phone number.
        Database db(laptop);
        db.setActor("sam");
        practiceId = firstPractice(db);
        visitId = Database::newId();
        db.save("visit", Row{{"id", visitId}, {"contractor_id", practiceId}, {"visit_date", "2026-11-20"},
                             {"visit_type", "routine_monitoring"}, {"status", "done"},
                             {"attendees", "Sam Field\nDr Jones"}});
        db.save("visit_finding", Row{{"id", Database::newId()}, {"visit_id", visitId},
                                     {"area", defaultChecklist("general_practice").first()}, {"rating", "not_met"},
                                     {"note", "Fridge temperatures not recorded"}});
        db.save("contractor", Row{{"id", practiceId}, {"telephone", "01642 222222"}});
    }
    { // Meanwhile in the office: the same phone, and the notes.
        Database db(office);
        db.setActor("alex");
        db.save("contractor", Row{{"id", practiceId}, {"telephone", "01642 333333"}, {"notes", "New practice manager"}});
    }
    REQUIRE(runCliArgs({"--db", office, "sync"}).status == 0);
    const auto laptopSync = runCliArgs({"--db", laptop, "sync"});
    REQUIRE(laptopSync.status == 0);
    CHECK(laptopSync.out.contains("1 conflict"));
    REQUIRE(runCliArgs({"--db", office, "sync"}).status == 0);

    const auto listed = runCliArgs({"--db", laptop, "conflicts", "--format", "json"});
    REQUIRE(listed.status == 0);
    const QJsonArray list = QJsonDocument::fromJson(listed.out.toUtf8()).array();
    REQUIRE(list.size() == 1);
    const QJsonObject c = list[0].toObject();
    CHECK(c["fieldLabel"].toString() == "telephone");
    CHECK(c["mine"].toObject()["value"].toString() == "01642 222222");
    CHECK(c["mine"].toObject()["who"].toString() == "sam");
    CHECK(c["theirs"].toObject()["value"].toString() == "01642 333333");
    CHECK(c["theirs"].toObject()["who"].toString() == "alex");
    const auto text = runCliArgs({"--db", office, "conflicts"});
    CHECK(text.out.contains("telephone"));

    // Sam keeps her number; the choice syncs and closes the conflict in the office too.
    const auto resolved = runCliArgs({"--db", laptop, "conflicts", "resolve", c["id"].toString(), "--keep", "mine"});
    INFO(resolved.err.toStdString());
    REQUIRE(resolved.status == 0);
    REQUIRE(runCliArgs({"--db", laptop, "sync"}).status == 0);
    REQUIRE(runCliArgs({"--db", office, "sync"}).status == 0);
    CHECK(runCliArgs({"--db", office, "conflicts"}).out.contains("No conflicts"));

    Database a(office), b(laptop);
    CHECK(cbtest::canonicalDump(a) == cbtest::canonicalDump(b));
    const auto practice = a.fetchRecord("contractor", practiceId);
    CHECK(practice->value("telephone").toString() == "01642 222222");
    CHECK(practice->value("notes").toString() == "New practice manager"); // nothing wiped
    CHECK(a.scalar("SELECT count(*) FROM visit_finding WHERE visit_id = ? AND rating = 'not_met'", {visitId}).toInt() == 1);

    // Wrong words get the usage and change nothing.
    CHECK(runCliArgs({"--db", laptop, "conflicts", "resolve", "nosuchid", "--keep", "mine"}).status == 1);
    CHECK(runCliArgs({"--db", laptop, "conflicts", "resolve", c["id"].toString()}).status == 2);
    CHECK(runCliArgs({"--db", dir.filePath("other.db"), "team", "join", dir.filePath("nowhere")}).status == 1);
}

TEST_CASE("kill -9 during sync, 20 times: the folder and both replicas stay consistent and a later sync completes", "[team][cli][kill]") {
    QTemporaryDir dir;
    const QString a = dir.filePath("a.db"), b = dir.filePath("b.db"), folder = dir.filePath("TEAM");
    REQUIRE(runCliArgs({"--db", a, "seed", "--contractors", "30"}).status == 0);
    REQUIRE(runCliArgs({"--db", a, "team", "init", folder, "--name", "A"}).status == 0);
    REQUIRE(runCliArgs({"--db", b, "team", "join", folder, "--name", "B"}).status == 0);
    std::mt19937 rng(12);
    int killed = 0;
    // A release build syncs in tens of milliseconds: kills land early, and rounds go on until 20
    // of them caught a sync still running.
    for (int round = 0; killed < 20 && round < 200; ++round) {
        { // Both sides make changes: many, so sync has work to be killed in.
            Database da(a), db(b);
            const QList<Row> ids = da.query("SELECT id FROM contractor ORDER BY id");
            for (int i = 0; i < 40; ++i) {
                const QString id = ids[int(rng() % ids.size())].value("id").toString();
                (i % 2 ? da : db).save("contractor", Row{{"id", id}, {"notes", QStringLiteral("round %1 edit %2").arg(round).arg(i)}});
            }
        }
        const QString target = round % 2 ? a : b;
        const pid_t pid = cbtest::spawnCli(target, {"sync"});
        usleep(useconds_t(2000 + rng() % (round < 30 ? 150000 : 40000)));
        ::kill(pid, SIGKILL);
        int status = 0;
        waitpid(pid, &status, 0);
        if (WIFSIGNALED(status)) ++killed;
        // The replica opens cleanly, and every package in the folder is whole.
        {
            Database check(target);
            CHECK(check.scalar("PRAGMA quick_check").toString() == "ok");
        }
        QDirIterator it(folder + "/packages", {"*.cbpkg"}, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile f(it.next());
            REQUIRE(f.open(QIODevice::ReadOnly));
            CHECK(f.size() > 8);
        }
    }
    REQUIRE(killed >= 20);
    // Later syncs complete and the replicas agree.
    for (int i = 0; i < 2; ++i) {
        const auto ra = runCliArgs({"--db", a, "sync"});
        INFO(ra.err.toStdString());
        REQUIRE(ra.status == 0);
        const auto rb = runCliArgs({"--db", b, "sync"});
        INFO(rb.err.toStdString());
        REQUIRE(rb.status == 0);
    }
    Database da(a), db(b);
    CHECK(cbtest::canonicalDump(da) == cbtest::canonicalDump(db));
    CHECK(da.scalar("SELECT count(*) FROM exchange_change WHERE seq IS NULL").toInt() == 0);
}

TEST_CASE("team init --encrypt and join read the passphrase from the environment or a file, and a wrong one changes nothing", "[team][cli][crypt]") {
    QTemporaryDir dir;
    const QString office = dir.filePath("office.db"), laptop = dir.filePath("laptop.db"), folder = dir.filePath("TEAM");
    const QString passFile = dir.filePath("pass.txt"), wrongFile = dir.filePath("wrong.txt");
    auto writeText = [](const QString& path, const QByteArray& text) {
        QFile f(path);
        REQUIRE(f.open(QIODevice::WriteOnly));
        f.write(text);
    };
    writeText(passFile, "kestrel over the moor\n");
    writeText(wrongFile, "kestrel over the moors\n");
    REQUIRE(runCliArgs({"--db", office, "seed", "--contractors", "3"}).status == 0);

    // No passphrase anywhere and no terminal to ask on: a usage error, and no team folder.
    qunsetenv("CASEBOOK_TEAM_PASSPHRASE");
    if (!::isatty(STDIN_FILENO)) { // run from a terminal, it would ask
        const auto none = runCliArgs({"--db", office, "team", "init", folder, "--encrypt"});
        CHECK(none.status == 2);
        CHECK(none.err.contains("CASEBOOK_TEAM_PASSPHRASE"));
        CHECK_FALSE(QFile::exists(folder));
    }

    qputenv("CASEBOOK_TEAM_PASSPHRASE", "kestrel over the moor");
    const auto init = runCliArgs({"--db", office, "team", "init", folder, "--encrypt", "--name", "Office"});
    qunsetenv("CASEBOOK_TEAM_PASSPHRASE");
    INFO(init.err.toStdString());
    REQUIRE(init.status == 0);
    CHECK(init.out.contains("(encrypted)"));

    const auto wrong = runCliArgs({"--db", laptop, "team", "join", folder, "--passphrase-file", wrongFile});
    CHECK(wrong.status == 1);
    CHECK(wrong.err.contains("passphrase is not right"));
    CHECK_FALSE(QFile::exists(laptop));

    const auto join = runCliArgs({"--db", laptop, "team", "join", folder, "--passphrase-file", passFile, "--name", "Laptop"});
    INFO(join.err.toStdString());
    REQUIRE(join.status == 0);
    { // Sync needs no passphrase: the replica keeps the key.
        Database db(laptop);
        db.setActor("sam");
        db.save("contractor", Row{{"id", firstPractice(db)}, {"telephone", "01642 444444"}});
    }
    REQUIRE(runCliArgs({"--db", laptop, "sync"}).status == 0);
    REQUIRE(runCliArgs({"--db", office, "sync"}).status == 0);
    Database a(office), b(laptop);
    CHECK(cbtest::canonicalDump(a) == cbtest::canonicalDump(b));
    CHECK(a.fetchRecord("contractor", firstPractice(a))->value("telephone").toString() == "01642 444444");

    // Both have applied the laptop's package: compaction on the laptop archives it and says so.
    REQUIRE(runCliArgs({"--db", laptop, "sync"}).status == 0);
    const auto compacted = runCliArgs({"--db", laptop, "sync", "--compact"});
    INFO(compacted.err.toStdString());
    REQUIRE(compacted.status == 0);
    CHECK(compacted.out.contains("Wrote the snapshot"));
    CHECK(compacted.out.contains("Moved 2 of your files to the archive folder")); // its package, its older ack
    CHECK(QDir(folder).entryList({"*"}, QDir::Dirs).contains("archive"));
}

TEST_CASE("conflicts resolve --merge makes one practice of two with the same ODS code, and team members and team retire", "[team][cli][merge]") {
    QTemporaryDir dir;
    const QString office = dir.filePath("office.db"), laptop = dir.filePath("laptop.db"), folder = dir.filePath("TEAM");
    REQUIRE(runCliArgs({"--db", office, "init"}).status == 0);
    REQUIRE(runCliArgs({"--db", office, "team", "init", folder, "--name", "Office"}).status == 0);
    REQUIRE(runCliArgs({"--db", laptop, "team", "join", folder, "--name", "Sam's laptop"}).status == 0);
    const auto add = [](const QString& path, const QString& name) {
        Database db(path);
        db.setActor(name.left(5));
        db.save("contractor", Row{{"id", Database::newId()}, {"ods_code", "B82002"}, {"contractor_group", "general_practice"},
                                  {"name", name}, {"postcode", "TS18 1HU"}, {"open_date", "1990-04-01"}});
    };
    add(office, "Brookside Surgery");
    add(laptop, "Brookside Medical Centre");
    for (const QString& db : {office, laptop, office}) REQUIRE(runCliArgs({"--db", db, "sync"}).status == 0);

    const auto listed = runCliArgs({"--db", office, "conflicts", "--format", "json"});
    REQUIRE(listed.status == 0);
    const QJsonArray list = QJsonDocument::fromJson(listed.out.toUtf8()).array();
    REQUIRE(list.size() == 1);
    CHECK(list[0].toObject().value("canMerge").toBool());
    const QString id = list[0].toObject().value("id").toString();
    CHECK(runCliArgs({"--db", office, "conflicts"}).out.contains("conflicts resolve " + id + " --merge"));

    const auto both = runCliArgs({"--db", office, "conflicts", "resolve", id, "--merge", "--keep", "mine"});
    CHECK(both.status == 2);
    const auto merged = runCliArgs({"--db", office, "conflicts", "resolve", id, "--merge"});
    INFO(merged.err.toStdString());
    REQUIRE(merged.status == 0);
    CHECK(merged.out.contains("Merged the two records into B82002 Brookside Surgery"));
    CHECK(merged.out.contains("1 field(s) differed"));
    const auto again = runCliArgs({"--db", office, "conflicts", "resolve", id, "--merge"});
    CHECK(again.status == 1);
    CHECK(again.err.contains("already decided"));
    for (const QString& db : {office, laptop, office}) REQUIRE(runCliArgs({"--db", db, "sync"}).status == 0);
    {
        Database a(office), b(laptop);
        CHECK(a.scalar("SELECT count(*) FROM contractor WHERE ods_code = 'B82002'").toInt() == 1);
        CHECK(cbtest::canonicalDump(a) == cbtest::canonicalDump(b));
    }

    const auto members = runCliArgs({"--db", office, "team", "members"});
    REQUIRE(members.status == 0);
    CHECK(members.out.contains("Office (this database)"));
    CHECK(members.out.contains("Sam's laptop"));
    CHECK(members.out.contains("last synced 20"));
    const auto self = runCliArgs({"--db", office, "team", "retire", "Office"});
    CHECK(self.status == 1);
    CHECK(self.err.contains("cannot retire itself"));
    const auto retired = runCliArgs({"--db", office, "team", "retire", "Sam's laptop"});
    INFO(retired.err.toStdString());
    REQUIRE(retired.status == 0);
    CHECK(retired.out.contains("Retired Sam's laptop"));
    CHECK(runCliArgs({"--db", office, "team", "members"}).out.contains("retired by"));
}

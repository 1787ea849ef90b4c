// Faults (issue 16): casebook-cli killed at random moments, a full disk and a read-only folder, for
// every command that writes. Each runs the real program in a child process and then checks the
// database is intact (no false "damaged"), all-or-nothing, and no partial or temporary files remain.
//
// Running as root: file permissions do not stop root, so the read-only cases run the child as the
// unprivileged user "nobody" (uid 65534) instead; a full disk is simulated with a file-size limit
// (RLIMIT_FSIZE), which applies to root too.
#include "HostileSupport.h"

#include <QDirIterator>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSet>
#include <csignal>
#include <sys/mount.h>
#include <sys/resource.h>
#include <unistd.h>

using namespace hostile;

namespace {

struct ChildOptions {
    qint64 fileSizeLimit = -1; // bytes; -1: none
    bool unprivileged = false; // run as nobody when we are root
};

QProcess* startChild(const QStringList& args, const ChildOptions& options) {
    auto* p = new QProcess;
    p->setProgram(cliExe());
    p->setArguments(args);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("QT_QPA_PLATFORM", "offscreen");
    p->setProcessEnvironment(env);
    const qint64 limit = options.fileSizeLimit;
    const bool drop = options.unprivileged && ::geteuid() == 0;
    p->setChildProcessModifier([limit, drop] {
        if (limit >= 0) {
            ::signal(SIGXFSZ, SIG_IGN); // a write past the limit fails with EFBIG instead of killing
            rlimit rl{rlim_t(limit), rlim_t(limit)};
            ::setrlimit(RLIMIT_FSIZE, &rl);
        }
        if (drop) {
            if (::setgid(65534) != 0 || ::setuid(65534) != 0) ::_exit(99);
        }
    });
    p->start();
    return p;
}

Ran runChild(const QStringList& args, const ChildOptions& options = {}) {
    std::unique_ptr<QProcess> p(startChild(args, options));
    REQUIRE(p->waitForStarted());
    REQUIRE(p->waitForFinished(-1));
    Ran r;
    r.code = p->exitStatus() == QProcess::NormalExit ? p->exitCode() : -1;
    r.out = QString::fromUtf8(p->readAllStandardOutput());
    r.err = QString::fromUtf8(p->readAllStandardError());
    return r;
}

QSet<QString> filesIn(const QString& dir) {
    const QStringList names = QDir(dir).entryList(QDir::Files | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
    return QSet<QString>(names.begin(), names.end());
}

// Files a killed or failed command may leave: the database's own journal files, which SQLite uses
// to recover on the next open. Anything else new is litter.
QSet<QString> litter(const QSet<QString>& before, const QSet<QString>& after, const QString& db) {
    QSet<QString> extra = after - before;
    const QString name = QFileInfo(db).fileName();
    extra.remove(name + "-wal");
    extra.remove(name + "-shm");
    extra.remove(name + "-journal");
    return extra;
}

// Of what a kill left, a finished copy of target that QSaveFile was putting in place ("NAME.XXXXXX").
// QSaveFile writes an unnamed file (Linux's O_TMPFILE), and when the target already exists it must
// name the finished copy first and then rename it over the target (a file cannot be linked over
// another): a kill between those two calls leaves the complete copy beside the target. No writer
// that keeps the old file until the new one is complete can avoid that moment.
QStringList finishedCopies(QSet<QString>& extra, const QString& target) {
    QStringList out;
    static const QRegularExpression pattern(QStringLiteral("^(.+)\\.[A-Za-z0-9]{6}$"));
    for (auto it = extra.begin(); it != extra.end();) {
        const auto m = pattern.match(*it);
        if (m.hasMatch() && m.captured(1) == QFileInfo(target).fileName()) {
            out << *it;
            it = extra.erase(it);
        } else {
            ++it;
        }
    }
    return out;
}

qint64 contractors(const QString& db) {
    SQLite::Database d(db.toStdString(), SQLite::OPEN_READONLY);
    return d.execAndGet("SELECT count(*) FROM contractor").getInt64();
}

QByteArray odsFile(int rows) {
    QByteArray out;
    for (int i = 0; i < rows; ++i)
        out += odsRow(QStringLiteral("Y%1").arg(10000 + i), QStringLiteral("PRACTICE %1").arg(i));
    return out;
}

void copyFile(const QString& from, const QString& to) {
    QFile::remove(to);
    REQUIRE(QFile::copy(from, to));
    REQUIRE(QFile::setPermissions(to, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther));
}

} // namespace

TEST_CASE("faults: casebook-cli killed at random moments leaves an intact database and no litter", "[cli][hostile][crash]") {
    cbtest::TempDb t;
    t.database.reset();
    const QString base = t.file("base.db");
    REQUIRE(runChild({"--db", base, "seed", "--contractors", "30", "--seed", "5"}).code == 0);
    const qint64 baseCount = contractors(base);
    const QString ods = writeBytes(t.file("epraccur.csv"), odsFile(600));
    const QString work = t.file("work.db");
    const QString target = t.file("target.out");
    const QString backup = t.file("backup.db");
    QRandomGenerator rng(1616);

    struct Operation {
        QString name;
        QStringList args;
        bool freshDatabase; // seed starts from nothing
    };
    const QList<Operation> operations = {
        {"import", {"--db", work, "import", "ods", ods}, false},
        {"seed", {"--db", work, "seed", "--contractors", "40", "--seed", "9"}, true},
        {"backup", {"--db", work, "backup", backup}, false},
        {"compact", {"--db", work, "compact"}, false},
        {"export", {"--db", work, "export", "json", target}, false},
    };
    for (const Operation& op : operations) {
        // How long the operation takes when left alone, so the kills land all through it.
        auto prepare = [&] {
            QFile::remove(work);
            QFile::remove(work + "-wal");
            QFile::remove(work + "-shm");
            QFile::remove(target);
            if (!op.freshDatabase) copyFile(base, work);
        };
        prepare();
        QElapsedTimer timer;
        timer.start();
        const Ran whole = runChild(op.args);
        INFO(op.name.toStdString() << ": " << whole.all().toStdString());
        REQUIRE(whole.code == 0);
        const qint64 full = std::max<qint64>(timer.elapsed(), 20);
        const qint64 doneCount = contractors(work);
        // An earlier backup must survive a killed backup untouched.
        copyFile(base, backup);
        const QByteArray oldBackup = readBytes(backup);

        for (int run = 0; run < 20; ++run) {
            prepare();
            if (op.name == "backup") copyFile(base, backup);
            const QSet<QString> before = filesIn(t.dir.path());
            std::unique_ptr<QProcess> p(startChild(op.args, {}));
            REQUIRE(p->waitForStarted());
            const qint64 delay = qint64(rng.bounded(quint32(full + full / 4)));
            p->waitForFinished(int(delay));
            if (p->state() != QProcess::NotRunning) {
                ::kill(pid_t(p->processId()), SIGKILL);
                REQUIRE(p->waitForFinished(-1));
            }
            INFO(op.name.toStdString() << " killed after " << delay << " ms of about " << full << " ms (run " << run << ")");

            // A seed killed before it wrote anything leaves no database, or an empty file that the
            // next seed or init takes over: nothing to check.
            if (op.freshDatabase && (!QFileInfo::exists(work) || QFileInfo(work).size() == 0)) continue;
            // SQLite recovers the journal on the next open; Casebook must then find the file healthy.
            const Ran check = cliDb(work, {"check"});
            INFO(check.all().toStdString());
            CHECK(check.code == 0);
            CHECK_FALSE(check.all().contains("damaged"));
            const qint64 count = contractors(work);
            if (op.name == "import") CHECK((count == baseCount || count == doneCount));
            else if (op.name == "seed") CHECK((count == 0 || count == doneCount));
            else CHECK(count == baseCount);
            if (op.name == "compact") CHECK(dump(work) == dump(base)); // whether or not it got to the end
            if (op.name == "backup") {
                // The old backup, or a complete new one: never half of one.
                const QByteArray now = readBytes(backup);
                if (now != oldBackup) {
                    const Ran b = cliDb(backup, {"check"});
                    CHECK(b.code == 0);
                    CHECK(dump(backup) == dump(work));
                }
            }
            if (op.name == "export" && QFileInfo::exists(target)) {
                QJsonParseError e{};
                QJsonDocument::fromJson(readBytes(target), &e);
                CHECK(e.error == QJsonParseError::NoError);
            }
            QSet<QString> extra = litter(before, filesIn(t.dir.path()), work);
            extra.remove(QFileInfo(target).fileName()); // a complete export (checked above)
            if (op.freshDatabase) extra.remove(QFileInfo(work).fileName());
            // Opening the backup above (read-only) leaves its own -wal/-shm: ours, not the backup's.
            extra.remove(QFileInfo(backup).fileName() + "-wal");
            extra.remove(QFileInfo(backup).fileName() + "-shm");
            QFile::remove(backup + "-wal");
            QFile::remove(backup + "-shm");
            // Killed between naming the finished backup and renaming it over the earlier one: the
            // earlier one is untouched (checked above) and the copy beside it must be whole.
            if (op.name == "backup") {
                for (const QString& f : finishedCopies(extra, backup)) {
                    WARN("backup killed while putting it in place: the finished copy " << f.toStdString()
                                                                                       << " stayed beside it");
                    const Ran b = cliDb(t.dir.filePath(f), {"check"});
                    CHECK(b.code == 0);
                    CHECK(dump(t.dir.filePath(f)) == dump(work));
                    for (const QString& name : {f, f + "-wal", f + "-shm"}) QFile::remove(t.dir.filePath(name));
                }
            }
            INFO("left behind: " << QStringList(extra.begin(), extra.end()).join(", ").toStdString());
            CHECK(extra.isEmpty());
        }
    }
}


namespace {
// One value from the database (tests pick a real code, contract number or network to write about).
QString firstOf(const QString& db, const char* sql) {
    SQLite::Database d(db.toStdString(), SQLite::OPEN_READONLY);
    SQLite::Statement q(d, sql);
    return q.executeStep() ? QString::fromStdString(q.getColumn(0).getString()) : QString();
}

// Every other writing command, each with a file that would change the register (records from
// another seeded database, a list size, a year of dental activity) or an output to write.
QList<QStringList> moreWritingCommands(cbtest::TempDb& t, const QString& db, const QString& outDir) {
    const QString other = t.file("other.db");
    REQUIRE(runChild({"--db", other, "seed", "--contractors", "15", "--seed", "11"}).code == 0);
    const QString json = t.file("other.json"), csv = t.file("other-contractors.csv");
    REQUIRE(runChild({"--db", other, "export", "json", json}).code == 0);
    REQUIRE(runChild({"--db", other, "export", "csv", "contractors", csv}).code == 0);
    const QString gp = firstOf(db, "SELECT ods_code FROM contractor WHERE contractor_group = 'general_practice' AND "
                                   "status = 'active' AND id IN (SELECT contractor_id FROM contract WHERE route IN "
                                   "('gms','pms','apms')) ORDER BY ods_code LIMIT 1");
    REQUIRE_FALSE(gp.isEmpty());
    const QString payments = writeBytes(t.file("payments.csv"), paymentsHeader() + paymentsRow(gp, "GMS", "12345"));
    const QString dental = firstOf(db, "SELECT reference FROM contract WHERE route IN ('gds','pds') ORDER BY reference LIMIT 1");
    REQUIRE_FALSE(dental.isEmpty());
    const QString activity = writeBytes(t.file("activity.csv"),
                                        "Contract number,Financial year,UDA target,UDA delivered,UOA target,UOA delivered,"
                                        "UDA value\r\n" + dental.toUtf8() + ",2019/20,1000,950.5,0,,28.33\r\n");
    const QString network = firstOf(db, "SELECT name FROM lpn_network ORDER BY name LIMIT 1");
    QList<QStringList> out = {
        {"import", "json", json},
        {"import", "csv", "contractors", csv},
        {"import", "payments", payments},
        {"import", "dental-activity", activity},
        {"export", "pdf", gp, outDir + "/practice.pdf"},
    };
    if (!network.isEmpty()) out << QStringList{"export", "roster", "--network", network, outDir + "/roster.csv"};
    return out;
}
} // namespace

TEST_CASE("faults: a full disk stops every writing command cleanly and changes nothing", "[cli][hostile][diskfull]") {
    cbtest::TempDb t;
    t.database.reset();
    const QString db = t.path();
    REQUIRE(runChild({"--db", db, "seed", "--contractors", "200", "--seed", "2"}).code == 0);
    const QString ods = writeBytes(t.file("epraccur.csv"), odsFile(400));
    const QString oldBackup = t.file("old-backup.db");
    copyFile(db, oldBackup);
    const QByteArray oldBackupBytes = readBytes(oldBackup);
    const QString before = dump(db);
    // Seeding creates a database, so it is tried on a new file: afterwards there is none, an empty
    // one, or an intact one without the demo records (all-or-nothing), never a damaged one.
    const QString fresh = t.file("fresh.db");
    {
        ChildOptions full;
        full.fileSizeLimit = 40 * 1024;
        const Ran ran = runChild({"--db", fresh, "seed", "--contractors", "30", "--seed", "4"}, full);
        INFO("seed into a new file: " << ran.all().toStdString());
        CHECK(ran.code > 0);
        CHECK_FALSE(ran.err.contains("damaged"));
        if (QFileInfo(fresh).size() > 0) {
            CHECK(cliDb(fresh, {"check"}).code == 0);
            CHECK(contractors(fresh) == 0);
        }
        for (const QString& f : {fresh, fresh + "-wal", fresh + "-shm"}) QFile::remove(f);
    }
    const QList<QStringList> commands = {
        {"import", "ods", ods},
        {"check", "--repair"},
        {"compact"},
        {"backup", t.file("new-backup.db")},
        {"backup", oldBackup},
        {"export", "json", t.file("out.json")},
        {"export", "csv", "contractors", t.file("out.csv")},
        {"export", "xlsx", t.file("out.xlsx")},
    };
    // The practice-file PDF and the roster are written as the other exports are (AtomicFile), but
    // they are smaller than the limit the database needs to open, so only the imports are added here;
    // the read-only test below refuses those exports too.
    QList<QStringList> more;
    for (const QStringList& c : moreWritingCommands(t, db, t.dir.path()))
        if (c.first() == "import") more << c;
    for (const QStringList& command : commands + more) {
        const QSet<QString> files = filesIn(t.dir.path());
        ChildOptions full;
        // No file may grow past 40 KiB: room for SQLite's 32 KiB shared-memory index, so the
        // database opens, but not for what each command writes.
        full.fileSizeLimit = 40 * 1024;
        const Ran ran = runChild(QStringList{"--db", db} + command, full);
        INFO(command.join(' ').toStdString() << ": " << ran.all().toStdString());
        CHECK(ran.code > 0); // refused with a status, not killed by a signal
        CHECK(ran.code != 2);
        CHECK_FALSE(ran.err.trimmed().isEmpty());
        CHECK_FALSE(ran.err.contains("damaged"));
        CHECK(dump(db) == before);
        CHECK(cliDb(db, {"check"}).code == 0);
        CHECK(readBytes(oldBackup) == oldBackupBytes);
        const QSet<QString> extra = litter(files, filesIn(t.dir.path()), db);
        INFO("left behind: " << QStringList(extra.begin(), extra.end()).join(", ").toStdString());
        CHECK(extra.isEmpty());
    }
}

TEST_CASE("faults: a read-only folder refuses every writing command with a clear message", "[cli][hostile][readonly]") {
    cbtest::TempDb t;
    t.database.reset();
    const QString dir = t.file("shared");
    REQUIRE(QDir().mkpath(dir));
    const QString db = dir + "/casebook.db";
    REQUIRE(runChild({"--db", db, "seed", "--contractors", "20", "--seed", "7"}).code == 0);
    const QString ods = writeBytes(t.file("epraccur.csv"), odsFile(5));
    const QList<QStringList> more = moreWritingCommands(t, db, dir);
    const QString before = dump(db);
    // Readable by everyone (the unprivileged child too), writable by no one but root.
    const auto readable = QFile::ReadOwner | QFile::ReadGroup | QFile::ReadOther | QFile::ExeOwner | QFile::ExeGroup |
                          QFile::ExeOther;
    REQUIRE(QFile::setPermissions(t.dir.path(), readable));
    REQUIRE(QFile::setPermissions(dir, readable));
    REQUIRE(QFile::setPermissions(db, QFile::ReadOwner | QFile::ReadGroup | QFile::ReadOther));
    REQUIRE(QFile::setPermissions(ods, QFile::ReadOwner | QFile::ReadGroup | QFile::ReadOther));
    ChildOptions ro;
    ro.unprivileged = true;
    const QSet<QString> files = filesIn(dir);
    for (const QStringList& command : {QStringList{"seed", "--contractors", "5"}, QStringList{"import", "ods", ods},
                                       QStringList{"check", "--repair"}, QStringList{"compact"}}) {
        const Ran ran = runChild(QStringList{"--db", db} + command, ro);
        INFO(command.join(' ').toStdString() << ": " << ran.all().toStdString());
        CHECK(ran.code == 3);
        CHECK(ran.err.contains("read-only"));
    }
    // The imports are refused as the others are; the exports say the file could not be written.
    for (const QStringList& command : more) {
        const Ran ran = runChild(QStringList{"--db", db} + command, ro);
        INFO(command.join(' ').toStdString() << ": " << ran.all().toStdString());
        if (command.first() == "import") {
            CHECK(ran.code == 3);
            CHECK(ran.err.contains("read-only"));
        } else {
            CHECK(ran.code > 0);
            CHECK(ran.err.contains("could not be"));
        }
    }
    for (const QStringList& command : {QStringList{"backup", dir + "/b.db"}, QStringList{"export", "json", dir + "/o.json"},
                                       QStringList{"export", "csv", "contractors", dir + "/o.csv"},
                                       QStringList{"export", "xlsx", dir + "/o.xlsx"}}) {
        const Ran ran = runChild(QStringList{"--db", db} + command, ro);
        INFO(command.join(' ').toStdString() << ": " << ran.all().toStdString());
        CHECK(ran.code > 0);
        CHECK(ran.err.contains("could not be"));
    }
    // Reading still works on the read-only copy.
    for (const QStringList& command : {QStringList{"stats"}, QStringList{"list", "contractors"}, QStringList{"check"},
                                       QStringList{"report", "worklist"}}) {
        const Ran ran = runChild(QStringList{"--db", db} + command, ro);
        INFO(command.join(' ').toStdString() << ": " << ran.all().toStdString());
        CHECK(ran.code == 0);
    }
    CHECK(filesIn(dir) == files);
    const auto writable = readable | QFile::WriteOwner;
    REQUIRE(QFile::setPermissions(t.dir.path(), writable));
    REQUIRE(QFile::setPermissions(dir, writable));
    REQUIRE(QFile::setPermissions(db, QFile::ReadOwner | QFile::WriteOwner));
    CHECK(dump(db) == before);
}

namespace {
QSet<QString> filesUnder(const QString& dir) {
    QSet<QString> out;
    QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) out << QDir(dir).relativeFilePath(it.next());
    return out;
}

bool isMember(const QString& db) {
    SQLite::Database d(db.toStdString(), SQLite::OPEN_READONLY);
    return d.execAndGet("SELECT count(*) FROM exchange_replica").getInt() > 0;
}

// For everyone: read (r), read and write (rw); folders also open (rx, rwx).
const QFile::Permissions r = QFile::ReadOwner | QFile::ReadGroup | QFile::ReadOther;
const QFile::Permissions rw = r | QFile::WriteOwner | QFile::WriteGroup | QFile::WriteOther;
const QFile::Permissions rx = r | QFile::ExeOwner | QFile::ExeGroup | QFile::ExeOther;
const QFile::Permissions rwx = rx | QFile::WriteOwner | QFile::WriteGroup | QFile::WriteOther;

void setTree(const QString& dir, QFile::Permissions dirs, QFile::Permissions files) {
    QDirIterator it(dir, QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString p = it.next();
        REQUIRE(QFile::setPermissions(p, QFileInfo(p).isDir() ? dirs : files));
    }
    REQUIRE(QFile::setPermissions(dir, dirs));
}
} // namespace

TEST_CASE("faults: team init, team join and sync on a full disk stop cleanly and can be run again", "[cli][hostile][diskfull][team]") {
    cbtest::TempDb t;
    t.database.reset();
    const QString a = t.file("a.db"), b = t.file("b.db"), folder = t.file("TEAM");
    REQUIRE(runChild({"--db", a, "seed", "--contractors", "40", "--seed", "3"}).code == 0);
    ChildOptions full;
    full.fileSizeLimit = 40 * 1024; // the snapshot and the copy are bigger
    {
        const QString before = dump(a);
        const Ran ran = runChild({"--db", a, "team", "init", folder, "--name", "A"}, full);
        INFO("team init on a full disk: " << ran.all().toStdString());
        CHECK(ran.code > 0);
        CHECK_FALSE(ran.err.trimmed().isEmpty());
        CHECK_FALSE(ran.err.contains("damaged"));
        // Nothing half made: the database is not in a team, and team init can simply be run again.
        CHECK_FALSE(isMember(a));
        CHECK(dump(a) == before);
        CHECK(filesUnder(folder).isEmpty());
    }
    const Ran init = runChild({"--db", a, "team", "init", folder, "--name", "A"});
    INFO(init.all().toStdString());
    REQUIRE(init.code == 0);
    {
        const QSet<QString> inFolder = filesUnder(folder), here = filesIn(t.dir.path());
        const Ran ran = runChild({"--db", b, "team", "join", folder, "--name", "B"}, full);
        INFO("team join on a full disk: " << ran.all().toStdString());
        CHECK(ran.code > 0);
        CHECK_FALSE(ran.err.trimmed().isEmpty());
        CHECK_FALSE(QFileInfo::exists(b));
        CHECK(filesUnder(folder) == inFolder);
        CHECK(filesIn(t.dir.path()) == here);
    }
    const Ran join = runChild({"--db", b, "team", "join", folder, "--name", "B"});
    INFO(join.all().toStdString());
    REQUIRE(join.code == 0);
    {
        // Many edits, so the package is bigger than the limit; the sync fails in words and the
        // next one (with room) sends everything.
        const Ran edited = runChild({"--db", a, "import", "ods", writeBytes(t.file("epraccur.csv"), odsFile(400))});
        INFO(edited.all().toStdString());
        REQUIRE(edited.code == 0);
        const QString before = dump(a);
        const Ran ran = runChild({"--db", a, "sync"}, full);
        INFO("sync on a full disk: " << ran.all().toStdString());
        CHECK(ran.code > 0);
        CHECK_FALSE(ran.err.trimmed().isEmpty());
        CHECK_FALSE(ran.err.contains("damaged"));
        CHECK(cliDb(a, {"check"}).code == 0);
        for (const QString& f : filesUnder(folder)) CHECK_FALSE(QFileInfo(f).fileName().startsWith('.'));
    }
    REQUIRE(runChild({"--db", a, "sync"}).code == 0);
    REQUIRE(runChild({"--db", b, "sync"}).code == 0);
    CHECK(contractors(a) == contractors(b));
}

TEST_CASE("faults: team init, team join and sync refuse a read-only folder in words and change nothing", "[cli][hostile][readonly][team]") {
    cbtest::TempDb t;
    t.database.reset();
    const QString home = t.file("home"), shared = t.file("shared");
    REQUIRE(QDir().mkpath(home));
    REQUIRE(QDir().mkpath(shared));
    const QString a = home + "/a.db", b = shared + "/b.db", folder = shared + "/TEAM", team = home + "/TEAM";
    REQUIRE(runChild({"--db", a, "seed", "--contractors", "10", "--seed", "3"}).code == 0);
    REQUIRE(runChild({"--db", a, "team", "init", team, "--name", "A"}).code == 0);
    REQUIRE(runChild({"--db", home + "/c.db", "init"}).code == 0);
    REQUIRE(QFile::setPermissions(t.dir.path(), rx));
    setTree(home, rwx, rw);   // the databases: writable by the unprivileged child
    setTree(shared, rx, r);   // a folder nobody may write in
    ChildOptions ro;
    ro.unprivileged = true;
    const Ran initRo = runChild({"--db", home + "/c.db", "team", "init", folder}, ro);
    INFO("team init into a read-only folder: " << initRo.all().toStdString());
    CHECK(initRo.code > 0);
    CHECK(initRo.err.contains("write"));
    CHECK_FALSE(QFileInfo::exists(folder));
    const Ran joinRo = runChild({"--db", b, "team", "join", team}, ro);
    INFO("team join into a read-only folder: " << joinRo.all().toStdString());
    CHECK(joinRo.code > 0);
    CHECK(joinRo.err.contains("write"));
    CHECK_FALSE(QFileInfo::exists(b));
    // The team folder itself read-only: sync says so; the database stays intact and sends later.
    setTree(team, rx, r);
    const Ran edited = runChild({"--db", a, "import", "ods", writeBytes(home + "/epraccur.csv", odsFile(5))}, ro);
    INFO(edited.all().toStdString());
    REQUIRE(edited.code == 0);
    const Ran syncRo = runChild({"--db", a, "sync"}, ro);
    INFO("sync into a read-only team folder: " << syncRo.all().toStdString());
    CHECK(syncRo.code > 0);
    CHECK(syncRo.err.contains("write"));
    CHECK(cliDb(a, {"check"}).code == 0);
    setTree(team, rwx, rw);
    REQUIRE(QFile::setPermissions(t.dir.path(), rwx));
    setTree(shared, rwx, rw);
    const Ran later = runChild({"--db", a, "sync"}, ro);
    INFO(later.all().toStdString());
    CHECK(later.code == 0);
}

TEST_CASE("faults: a database in a folder this user may not open is out of reach, not missing", "[cli][hostile][readonly]") {
    cbtest::TempDb t;
    t.database.reset();
    const QString dir = t.file("private");
    REQUIRE(QDir().mkpath(dir));
    const QString db = dir + "/casebook.db";
    REQUIRE(runChild({"--db", db, "seed", "--contractors", "5", "--seed", "3"}).code == 0);
    const auto open = QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadGroup | QFile::ExeGroup |
                      QFile::ReadOther | QFile::ExeOther;
    REQUIRE(QFile::setPermissions(t.dir.path(), open));
    REQUIRE(QFile::setPermissions(dir, QFile::Permissions())); // no one but root may open it
    ChildOptions ro;
    ro.unprivileged = true; // as root, the child runs as an ordinary user
    for (const QStringList& command : {QStringList{"stats"}, QStringList{"export", "json", t.file("o.json")}}) {
        const Ran ran = runChild(QStringList{"--db", db} + command, ro);
        INFO(command.join(' ').toStdString() << ": " << ran.all().toStdString());
        CHECK(ran.code == 3);
        CHECK(ran.err.contains("do not have permission to open the folder"));
        CHECK_FALSE(ran.err.contains("init"));
    }
    REQUIRE(QFile::setPermissions(dir, open));
    CHECK(cliDb(db, {"check"}).code == 0);
}

namespace {
// A small disk of its own (a tmpfs mounted on dir), so a command meets a real "no space left" error,
// which a file-size limit cannot give for a command that writes little (team retire writes a few
// hundred bytes; conflicts resolve a few pages). Needs root with the right to mount (CI's container
// and the development machine have it); otherwise the test is skipped, never passed.
struct SmallDisk {
    QString dir;
    bool mounted = false;
    SmallDisk(const QString& where, const char* size) : dir(where) {
        QDir().mkpath(dir);
        mounted = ::geteuid() == 0 && ::mount("tmpfs", QFile::encodeName(dir).constData(), "tmpfs", 0,
                                              QByteArray("size=").append(size).constData()) == 0;
    }
    ~SmallDisk() {
        if (mounted) ::umount2(QFile::encodeName(dir).constData(), MNT_DETACH);
    }
    // Fills the disk with one file, then gives back `room` bytes: what the next command may write.
    void fill(qint64 room) const {
        QFile f(dir + "/filler");
        REQUIRE(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        const QByteArray block(64 * 1024, 'x');
        while (f.write(block) == block.size() && f.flush()) {
        }
        f.close();
        REQUIRE(QFile::resize(dir + "/filler", std::max<qint64>(0, QFileInfo(dir + "/filler").size() - room)));
    }
    void empty() const { REQUIRE(QFile::remove(dir + "/filler")); }
};

// Every file and folder under dir (folders end in '/'): a refused command leaves no new one behind.
QSet<QString> entriesUnder(const QString& dir) {
    QSet<QString> out;
    QDirIterator it(dir, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString p = it.next();
        out << QDir(dir).relativeFilePath(p) + (QFileInfo(p).isDir() ? "/" : "");
    }
    return out;
}

// New entries under dir, less the SQLite journal files of the databases (recovered on the next open).
QSet<QString> newEntries(const QSet<QString>& before, const QString& dir) {
    QSet<QString> extra = entriesUnder(dir) - before;
    for (auto it = extra.begin(); it != extra.end();)
        if (it->endsWith("-wal") || it->endsWith("-shm") || it->endsWith("-journal")) it = extra.erase(it);
        else ++it;
    return extra;
}

// The first conflict still to decide of a field, or (merge) of two records with the same key.
QString conflictId(const QString& db, bool merge) {
    const Ran listed = cliDb(db, {"conflicts", "--format", "json"});
    REQUIRE(listed.code == 0);
    for (const QJsonValue v : QJsonDocument::fromJson(listed.out.toUtf8()).array()) {
        const QJsonObject o = v.toObject();
        if (merge ? o.value("canMerge").toBool() : o.value("kind").toString() == QLatin1String("field"))
            return o.value("id").toString();
    }
    return {};
}

// Two members of a team folder under root, each with a conflict to decide: both changed the same
// practice's telephone (a field conflict, kept with --keep) and both added a practice with the same
// ODS code (two records to merge, with --merge).
struct ConflictTeam {
    QString office, laptop, folder, fieldConflict, mergeConflict;
};

ConflictTeam conflictTeam(const QString& root) {
    ConflictTeam c{root + "/office.db", root + "/laptop.db", root + "/TEAM", {}, {}};
    REQUIRE(cliDb(c.office, {"init"}).code == 0);
    REQUIRE(cliDb(c.office, {"team", "init", c.folder, "--name", "Office"}).code == 0);
    REQUIRE(cliDb(c.laptop, {"team", "join", c.folder, "--name", "Laptop"}).code == 0);
    const auto practice = [](const QString& code, const QString& name) {
        return cb::Row{{"id", cb::Database::newId()}, {"ods_code", code},        {"contractor_group", "general_practice"},
                       {"name", name},                {"postcode", "TS18 1HU"}, {"open_date", "1990-04-01"}};
    };
    const cb::Row shared = practice("B82001", "Oakfield Surgery");
    {
        cb::Database db(c.office);
        db.setActor("office");
        db.save("contractor", shared);
    }
    for (const QString& db : {c.office, c.laptop}) REQUIRE(cliDb(db, {"sync"}).code == 0);
    const auto edit = [&](const QString& path, const QString& telephone, const QString& name) {
        cb::Database db(path);
        db.setActor(name.left(6));
        db.save("contractor", cb::Row{{"id", shared.value("id")}, {"telephone", telephone}});
        db.save("contractor", practice("B82002", name));
    };
    edit(c.office, "01642 111111", "Brookside Surgery");
    edit(c.laptop, "01642 222222", "Brookside Medical Centre");
    for (const QString& db : {c.office, c.laptop, c.office}) REQUIRE(cliDb(db, {"sync"}).code == 0);
    c.fieldConflict = conflictId(c.office, false);
    c.mergeConflict = conflictId(c.office, true);
    return c;
}

bool isRetired(const QString& db, const QString& name) {
    const Ran members = cliDb(db, {"team", "members"});
    const int at = members.out.indexOf(name);
    return at >= 0 && members.out.indexOf("retired by", at) >= 0;
}
} // namespace

TEST_CASE("faults: conflicts resolve and team retire on a full disk refuse in words, change nothing and can be run again", "[cli][hostile][diskfull][team]") {
    cbtest::TempDb t;
    t.database.reset();
    SmallDisk disk(t.file("disk"), "4m");
    if (!disk.mounted) CB_SKIP("cannot mount a small tmpfs here (needs root with CAP_SYS_ADMIN)");
    const ConflictTeam c = conflictTeam(disk.dir);
    REQUIRE_FALSE(c.fieldConflict.isEmpty());
    REQUIRE_FALSE(c.mergeConflict.isEmpty());
    const QList<QStringList> commands = {
        {"conflicts", "resolve", c.fieldConflict, "--keep", "theirs"},
        {"conflicts", "resolve", c.mergeConflict, "--merge"},
        {"team", "retire", "Laptop"},
    };
    for (const QStringList& command : commands) {
        const QString before = dump(c.office);
        const QSet<QString> entries = entriesUnder(disk.dir);
        // Room for SQLite's 32 KiB shared-memory index, so the database opens, and no more (none when
        // the index is still there: a read-only connection, as dump() opens, leaves it behind).
        disk.fill(QFileInfo::exists(c.office + "-shm") ? 0 : 32 * 1024);
        const Ran ran = runChild(QStringList{"--db", c.office} + command);
        INFO(command.join(' ').toStdString() << " on a full disk: " << ran.all().toStdString());
        CHECK(ran.code > 0);
        CHECK(ran.code != 2);
        CHECK(ran.err.contains("space"));
        CHECK_FALSE(ran.err.contains("damaged"));
        disk.empty();
        CHECK(dump(c.office) == before);
        CHECK(cliDb(c.office, {"check"}).code == 0);
        const QSet<QString> extra = newEntries(entries, disk.dir);
        INFO("left behind: " << QStringList(extra.begin(), extra.end()).join(", ").toStdString());
        CHECK(extra.isEmpty());
        CHECK_FALSE(isRetired(c.office, "Laptop"));
        // With room again the same command does what it says.
        const Ran again = runChild(QStringList{"--db", c.office} + command);
        INFO("again with room: " << again.all().toStdString());
        CHECK(again.code == 0);
        if (command.first() == "team") CHECK(isRetired(c.office, "Laptop"));
        else CHECK(dump(c.office) != before);
    }
    CHECK(conflictId(c.office, true).isEmpty()); // decided (the merge's differing fields are new conflicts)
}

TEST_CASE("faults: conflicts resolve and team retire refuse a read-only folder in words and change nothing", "[cli][hostile][readonly][team]") {
    cbtest::TempDb t;
    t.database.reset();
    const QString root = t.file("shared");
    REQUIRE(QDir().mkpath(root));
    const ConflictTeam c = conflictTeam(root);
    REQUIRE_FALSE(c.fieldConflict.isEmpty());
    REQUIRE_FALSE(c.mergeConflict.isEmpty());
    const QString before = dump(c.office);
    const QSet<QString> entries = entriesUnder(root);
    REQUIRE(QFile::setPermissions(t.dir.path(), rx));
    setTree(root, rx, r); // the database and the team folder: nobody may write
    ChildOptions ro;
    ro.unprivileged = true;
    for (const QStringList& command : {QStringList{"conflicts", "resolve", c.fieldConflict, "--keep", "theirs"},
                                       QStringList{"conflicts", "resolve", c.mergeConflict, "--merge"},
                                       QStringList{"team", "retire", "Laptop"}}) {
        const Ran ran = runChild(QStringList{"--db", c.office} + command, ro);
        INFO(command.join(' ').toStdString() << ": " << ran.all().toStdString());
        CHECK(ran.code == 3);
        CHECK(ran.err.contains("read-only"));
    }
    // The database may be written but the team folder may not: retiring a member is recorded in the
    // team folder, so it is refused in words; nothing is left half done.
    setTree(root, rwx, rw);
    setTree(c.folder, rx, r);
    const Ran retire = runChild({"--db", c.office, "team", "retire", "Laptop"}, ro);
    INFO("team retire with a read-only team folder: " << retire.all().toStdString());
    CHECK(retire.code > 0);
    CHECK(retire.code != 2);
    CHECK(retire.err.contains("write"));
    setTree(c.folder, rwx, rw);
    REQUIRE(QFile::setPermissions(t.dir.path(), rwx));
    const QSet<QString> extra = newEntries(entries, root);
    INFO("left behind: " << QStringList(extra.begin(), extra.end()).join(", ").toStdString());
    CHECK(extra.isEmpty());
    CHECK(dump(c.office) == before);
    CHECK_FALSE(isRetired(c.office, "Laptop"));
    CHECK(cliDb(c.office, {"check"}).code == 0);
}

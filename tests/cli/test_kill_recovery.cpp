// A Casebook killed in the middle of writing a checkpoint (power cut, kill -9, a crash) leaves a
// main file half brought up to date and the WAL that completes it. The next open must succeed,
// say nothing about damage, and show all of the work or none of it.
#include "CliRunner.h"
#include "SpawnCli.h"
#include "demo/DemoSeeder.h"
#include "store/IntegrityCheck.h"

#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <csignal>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

using namespace cb;

namespace {

constexpr int kContractors = 200;

qint64 fileSize(const QString& path) {
    QFileInfo info(path);
    info.setCaching(false);
    return info.exists() ? info.size() : -1;
}

// Runs casebook-cli with args and kills it (SIGKILL) as soon as it is seen writing pages from the
// WAL into the main file, i.e. checkpointing. Returns true if it was killed in that state.
bool killDuringCheckpoint(const QString& db, const QStringList& args, int extraDelayUs) {
    const qint64 before = fileSize(db);
    const pid_t pid = cbtest::spawnCli(db, args);
    int status = 0;
    bool killed = false;
    for (;;) {
        if (waitpid(pid, &status, WNOHANG) == pid) break; // finished before we caught it
        if (fileSize(db) > before && fileSize(db + "-wal") > 0) {
            if (extraDelayUs > 0) usleep(useconds_t(extraDelayUs));
            ::kill(pid, SIGKILL);
            waitpid(pid, &status, 0);
            killed = WIFSIGNALED(status);
            break;
        }
        usleep(50);
    }
    // Caught mid-checkpoint: the main file changed and the WAL that completes it is still there.
    return killed && fileSize(db + "-wal") > 0;
}

struct Opened {
    bool ok = false;
    QString message;
    qint64 contractors = -1;
    bool sound = false;
};

Opened openAfterKill(const QString& path) {
    Opened o;
    try {
        Database db(path);
        o.contractors = db.scalar("SELECT count(*) FROM contractor").toLongLong();
        o.sound = quickCheck(db).ok();
        o.ok = true;
    } catch (const Error& e) {
        o.message = e.message();
    }
    return o;
}

// What the CLI says when it next opens the file: nothing about damage.
QString cliCheck(const QString& path, int* status) {
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(QStringLiteral(CASEBOOK_CLI_EXE), {"--db", path, "stats"});
    p.waitForFinished(60000);
    *status = p.exitCode();
    return QString::fromUtf8(p.readAll());
}

void copyFresh(const QString& from, const QString& to) {
    for (const QString& suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")}) QFile::remove(to + suffix);
    REQUIRE(QFile::copy(from, to));
    QFile::setPermissions(to, QFile::ReadOwner | QFile::WriteOwner);
}

// Kills `args` mid-checkpoint until `wanted` kills landed there; every next open must succeed.
void killRepeatedly(const QString& base, const QString& work, const QStringList& args, int wanted) {
    int hits = 0, attempts = 0;
    while (hits < wanted && attempts < wanted * 4) {
        ++attempts;
        copyFresh(base, work);
        const bool hit = killDuringCheckpoint(work, args, (attempts * 37) % 400);
        if (hit) ++hits;
        const Opened o = openAfterKill(work);
        INFO("attempt " << attempts << ": " << o.message.toStdString());
        REQUIRE(o.ok);
        CHECK_FALSE(o.message.contains("damaged"));
        CHECK(o.sound);
        // All or nothing; and the transaction had committed before its checkpoint began.
        CHECK((o.contractors == 0 || o.contractors == kContractors));
        if (hit) CHECK(o.contractors == kContractors);
        int status = 0;
        const QString said = cliCheck(work, &status);
        INFO(said.toStdString());
        CHECK(status == 0);
        CHECK_FALSE(said.contains("damaged"));
    }
    INFO("kills that landed in a checkpoint: " << hits << " of " << attempts);
    CHECK(hits >= wanted);
}

} // namespace

TEST_CASE("kill -9 during the checkpoint after a seed: the next open succeeds with all of it", "[store][crash]") {
    QTemporaryDir dir;
    const QString base = dir.filePath("base.db");
    { Database db(base); }
    killRepeatedly(base, dir.filePath("work.db"),
                   {"seed", "--contractors", QString::number(kContractors), "--seed", "7"}, 12);
}

TEST_CASE("kill -9 during the checkpoint after an import: the next open succeeds with all of it", "[store][crash]") {
    cbtest::TempDb source;
    seedDemo(source.db(), {kContractors, 5, QDate(2026, 11, 22)});
    const QString exported = source.file("register.json");
    const auto out = cbtest::runCli(source, {"export", "json", exported});
    REQUIRE(out.status == 0);
    REQUIRE(QFile::exists(exported));
    QTemporaryDir dir;
    const QString base = dir.filePath("base.db");
    { Database db(base); }
    killRepeatedly(base, dir.filePath("work.db"), {"import", "json", exported}, 12);
}

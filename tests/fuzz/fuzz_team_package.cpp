// libFuzzer target: the team-exchange package reader (docs/exchange.md). An input is the bytes of a
// package file found in a team folder. Each input is
//   1. opened and verified as it is, against a team in clear and an encrypted one (magic, lengths,
//      header JSON, checksum or tag, team, format): a refusal in words is the expected outcome;
//      and read as a team snapshot too (format 1 or 2, chunk by chunk: team/Snapshot.h);
//   2. taken apart loosely (or, when it is no envelope at all, taken whole as a body) and sealed
//      again as a colleague's next package of this process's team, so that the checksum and team
//      checks pass and the body reaches the applier: it is synced into a register through an
//      in-memory team folder, inside a transaction rolled back afterwards, so every input starts
//      from the same state; the encrypted team opens its own re-sealed copy too.
// Setup (two teams, a colleague's replica and its real packages) is done once per process.
//
// CASEBOOK_FUZZ_SEEDS=DIR writes the colleague's real packages (a seeded register, edits and
// deletions, in clear and encrypted) to DIR as a seed corpus; `make fuzz` does so before running.
#include "FuzzSupport.h"

#include "common/Errors.h"
#include "store/RecordType.h"
#include "team/Package.h"
#include "team/Snapshot.h"
#include "team/Team.h"
#include "team/TeamTransport.h"

#include <QBuffer>
#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMap>
#include <QUuid>
#include <cstdint>
#include <cstdlib>

namespace {

using cb::Database;
using cb::Row;
namespace team = cb::team;

// A team folder in memory: what FolderTransport does, without the disk.
class MemoryTransport : public team::TeamTransport {
public:
    QMap<QString, QByteArray> files;
    bool reachable() override { return true; }
    QStringList list(const QString& prefix) override {
        QStringList out;
        for (auto it = files.begin(); it != files.end(); ++it)
            if (it.key().startsWith(prefix + QLatin1Char('/'))) out << it.key();
        return out;
    }
    std::optional<QByteArray> read(const QString& name) override {
        const auto it = files.constFind(name);
        if (it == files.constEnd()) return std::nullopt;
        return *it;
    }
    void writeOnce(const QString& name, const QByteArray& bytes) override {
        if (files.contains(name)) throw cb::Error(QStringLiteral("%1 already exists in the team folder.").arg(name));
        files.insert(name, bytes);
    }
    void archive(const QString& name) override {
        if (!files.contains(name)) throw cb::Error(QStringLiteral("%1 is not in the team folder.").arg(name));
        files.insert(QStringLiteral("archive/") + name, files.take(name));
    }
    QString describe() const override { return QStringLiteral("the fuzz team folder"); }
};

MemoryTransport load(const QString& folder) {
    MemoryTransport t;
    QDirIterator it(folder, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile f(path);
        if (f.open(QIODevice::ReadOnly)) t.files.insert(QDir(folder).relativeFilePath(path), f.readAll());
    }
    return t;
}

Row practice(const QString& code, const QString& name) {
    return Row{{"id", Database::newId()}, {"ods_code", code},        {"contractor_group", "general_practice"},
               {"name", name},           {"postcode", "TS18 1HU"}, {"open_date", "1990-04-01"}};
}

struct Team {
    std::unique_ptr<Database> db; // the replica that receives the fuzzed package
    MemoryTransport folder;       // its team folder, without the colleague's later packages
    QString teamId, peer;         // the colleague's replica id (a member of the folder)
    QString lastHash;             // of the colleague's package the receiver applied
    QByteArray key;               // empty for the team in clear
    QList<QByteArray> seeds;      // the colleague's real packages
};

// A team started by an empty in-memory register and joined by a colleague, who seeds a small demo
// register, then edits a practice, then adds one and deletes it, syncing after each step. The
// receiver applies the first package, so later ones (and the fuzzed one, its next) find records.
Team makeTeam(const QString& name, const QString& passphrase) {
    Team t;
    const QString folder = fuzz::scratchFile(name);
    QDir(folder).removeRecursively();
    t.db = std::make_unique<Database>(QStringLiteral(":memory:"));
    t.db->setActor(QStringLiteral("fuzz"));
    t.teamId = team::initTeam(*t.db, folder, QStringLiteral("Fuzz"), passphrase).teamId;
    t.key = t.db->scalar(QStringLiteral("SELECT team_key FROM exchange_replica")).toByteArray();

    const QString peerPath = fuzz::scratchFile(name + QStringLiteral("-peer.db"));
    QFile::remove(peerPath);
    team::joinTeam(folder, peerPath, QStringLiteral("Colleague"), passphrase);
    {
        Database peer(peerPath);
        peer.setActor(QStringLiteral("colleague"));
        t.peer = team::replicaInfo(peer).replicaId;
        cb::SeedOptions options;
        options.contractors = 1; // a small first package: each run of a mutation of it costs its whole apply
        cb::seedDemo(peer, options);
        team::sync(peer);
        const QString first = peer.scalar(QStringLiteral("SELECT id FROM contractor ORDER BY ods_code LIMIT 1")).toString();
        peer.save(QStringLiteral("contractor"),
                  Row{{"id", first}, {"name", "Oakfield Medical Centre"}, {"telephone", "01642 222222"}});
        team::sync(peer);
        const Row gone = practice(QStringLiteral("Y99001"), QStringLiteral("Brookside Surgery"));
        peer.save(QStringLiteral("contractor"), gone);
        peer.remove(QStringLiteral("contractor"), gone.value("id").toString());
        team::sync(peer);
    }
    t.folder = load(folder);
    QStringList packages = t.folder.list(QStringLiteral("packages/") + t.peer);
    packages.sort();
    for (const QString& n : packages) t.seeds << t.folder.files.value(n);
    for (qsizetype i = 1; i < packages.size(); ++i) t.folder.files.remove(packages.at(i));
    team::sync(*t.db, t.folder); // the colleague's first package
    if (!packages.isEmpty()) t.folder.files.remove(packages.first());
    t.lastHash = t.db->scalar(QStringLiteral("SELECT last_hash FROM exchange_peer WHERE replica_id = ?"), {t.peer})
                     .toString();
    return t;
}

struct Teams {
    Team clear, sealed;
};

Teams& teams() {
    static Teams* t = [] {
        auto* made = new Teams{makeTeam(QStringLiteral("team-clear"), {}),
                               makeTeam(QStringLiteral("team-sealed"), QStringLiteral("fuzz passphrase 16"))};
        return made;
    }();
    return *t;
}

// The header and body of an envelope, read without any check; an input that is no envelope is a body.
void takeApart(const QByteArray& bytes, QJsonObject& header, QByteArray& body) {
    qsizetype pos = 8;
    QByteArray headerBytes;
    if (bytes.size() >= 8 && team::takeBlock(bytes, pos, headerBytes) && team::takeBlock(bytes, pos, body)) {
        header = QJsonDocument::fromJson(headerBytes).object();
        return;
    }
    header = {};
    body = bytes;
}

struct Rollback {};

void openAsIs(const Team& t, const QByteArray& bytes, const QJsonObject& header) {
    const QString what = QStringLiteral("Package 2 from Colleague");
    for (const QString& teamId : {t.teamId, header.value(QStringLiteral("team_id")).toString()}) {
        try {
            const team::Envelope e = team::openEnvelope(team::kPackageMagic, bytes, teamId, what, t.key);
            (void)QJsonDocument::fromJson(e.body);
        } catch (const cb::Error& e) {
            (void)e.message();
        }
    }
}

// The same bytes read as a snapshot (format 1 or 2, team/Snapshot.h) into memory: what comes out is
// never more than went in.
void openAsSnapshot(const Team& t, const QByteArray& bytes, const QJsonObject& header) {
    for (const QString& teamId : {t.teamId, header.value(QStringLiteral("team_id")).toString()}) {
        QBuffer in;
        in.setData(bytes);
        in.open(QIODevice::ReadOnly);
        QBuffer image;
        image.open(QIODevice::WriteOnly);
        try {
            (void)team::openSnapshot(in, teamId, QStringLiteral("The team snapshot S"), t.key, image);
        } catch (const cb::Error& e) {
            (void)e.message();
        }
        if (image.size() > bytes.size()) std::abort();
    }
}

void writeSeed(const QDir& dir, const QString& name, const QByteArray& bytes) {
    QFile f(dir.filePath(name));
    if (f.open(QIODevice::WriteOnly | QIODevice::Truncate)) f.write(bytes);
}

// The colleague's real packages, and small bodies cut from the first one: for each table it
// carries, a body of that table's first two changes. The first package holds the whole seeded
// register (about 180 KB, hundreds of changes), and a run of any mutation of it pays for applying
// all of them; the small bodies reach the same applier code per record type at a few hundred
// bytes each, so `make fuzz` runs this target with a small -max_len.
void writeSeeds(const char* path) {
    const QDir dir(QString::fromLocal8Bit(path));
    QDir().mkpath(dir.path());
    int n = 0;
    for (const Team* t : {&teams().clear, &teams().sealed})
        for (const QByteArray& seed : t->seeds)
            writeSeed(dir, QStringLiteral("package-%1.cbpkg").arg(++n), seed);
    // Snapshots in format 2 of a small image, in 64-byte chunks, from each team.
    for (const Team* t : {&teams().clear, &teams().sealed}) {
        QBuffer image;
        image.setData(QByteArray("SQLite format 3") + QByteArray(200, 'x'));
        image.open(QIODevice::ReadOnly);
        QBuffer out;
        out.open(QIODevice::WriteOnly);
        const QJsonObject header{{QStringLiteral("team_id"), t->teamId}, {QStringLiteral("replica_id"), t->peer},
                                 {QStringLiteral("seq"), 1}, {QStringLiteral("last_hash"), QString()}};
        if (team::sealSnapshot(image, header, t->key, out, 64))
            writeSeed(dir, QStringLiteral("snapshot-%1.cbsnap").arg(++n), out.data());
    }
    if (teams().clear.seeds.isEmpty()) return;
    QJsonObject header;
    QByteArray body;
    takeApart(teams().clear.seeds.first(), header, body);
    QMap<QString, QJsonArray> byTable;
    for (const QJsonValue& change : QJsonDocument::fromJson(body).object().value(QStringLiteral("changes")).toArray()) {
        QJsonArray& some = byTable[change.toObject().value(QStringLiteral("table")).toString()];
        if (some.size() < 2) some.append(change);
    }
    for (auto it = byTable.cbegin(); it != byTable.cend(); ++it)
        writeSeed(dir, QStringLiteral("changes-%1.json").arg(it.key()),
                  QJsonDocument(QJsonObject{{QStringLiteral("changes"), it.value()}}).toJson(QJsonDocument::Compact));
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    teams();
    if (const char* dir = std::getenv("CASEBOOK_FUZZ_SEEDS")) writeSeeds(dir);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    Teams& all = teams();
    const QByteArray bytes(reinterpret_cast<const char*>(data), qsizetype(size));
    QJsonObject header;
    QByteArray body;
    takeApart(bytes, header, body);

    // 1. The file as it is.
    openAsIs(all.clear, bytes, header);
    openAsIs(all.sealed, bytes, header);
    openAsSnapshot(all.clear, bytes, header);
    openAsSnapshot(all.sealed, bytes, header);

    // 2. Sealed again as the colleague's next package: verified, then applied and rolled back.
    header.insert(QStringLiteral("replica_id"), all.clear.peer);
    header.insert(QStringLiteral("seq"), 2);
    header.insert(QStringLiteral("prev_sha256"), all.clear.lastHash);
    header.insert(QStringLiteral("team_id"), all.sealed.teamId);
    try {
        const team::Envelope e = team::openEnvelope(
            team::kPackageMagic, team::sealEnvelope(team::kPackageMagic, header, body, all.sealed.key), all.sealed.teamId,
            QStringLiteral("Package 2"), all.sealed.key);
        (void)QJsonDocument::fromJson(e.body);
    } catch (const cb::Error& e) {
        (void)e.message();
    }
    header.insert(QStringLiteral("team_id"), all.clear.teamId);
    MemoryTransport folder = all.clear.folder;
    folder.files.insert(team::packageName(all.clear.peer, 2), team::sealEnvelope(team::kPackageMagic, header, body));
    Database& db = *all.clear.db;
    try {
        db.write([&] {
            const team::SyncReport report = team::sync(db, folder);
            (void)report.summary(QStringLiteral("10:42"));
            (void)team::conflicts(db, true);
            throw Rollback{};
        });
    } catch (const Rollback&) {
    } catch (const cb::Error& e) {
        (void)e.message();
    }
    return 0;
}

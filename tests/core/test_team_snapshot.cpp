// Team snapshots in format 2 (issue 17: bounded memory; docs/exchange.md "Snapshot format 2"): the
// image is written and checked a chunk at a time, every kind of damage is refused in words with
// nothing left behind, and format-1 snapshots already in team folders are still read.
#include "TeamSupport.h"
#include "TestSupport.h"
#include "common/Errors.h"
#include "team/Package.h"
#include "team/Snapshot.h"
#include "team/Team.h"
#include "team/TeamTransport.h"

#include <QBuffer>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtEndian>
#include <random>
#include <vector>

using namespace cb;

namespace {

const QString kTeam = QStringLiteral("7c4f9a8e-1d2b-4c3a-9e8f-0a1b2c3d4e5f");
const QByteArray kKey(32, 'k');

QByteArray randomImage(qsizetype n, unsigned seed) {
    std::mt19937 rng(seed);
    QByteArray out(n, '\0');
    for (char& c : out) c = char(rng() & 0xff);
    return out;
}

QByteArray seal(const QByteArray& image, const QByteArray& key, qint64 chunk) {
    QBuffer in;
    in.setData(image);
    REQUIRE(in.open(QIODevice::ReadOnly));
    QBuffer out;
    REQUIRE(out.open(QIODevice::WriteOnly));
    const QJsonObject header{{"team_id", kTeam}, {"replica_id", "r"}, {"seq", 3}, {"last_hash", "h"}};
    REQUIRE(team::sealSnapshot(in, header, key, out, chunk));
    return out.data();
}

// The image read back, or the refusal's words (empty when none).
std::pair<QByteArray, QString> open(const QByteArray& file, const QByteArray& key) {
    QBuffer in;
    in.setData(file);
    in.open(QIODevice::ReadOnly);
    QBuffer image;
    image.open(QIODevice::WriteOnly);
    try {
        const QJsonObject header = team::openSnapshot(in, kTeam, "The team snapshot S", key, image);
        CHECK(header.value("seq").toInt() == 3);
        CHECK(header.value("format").toInt() == 2);
        return {image.data(), QString()};
    } catch (const Error& e) {
        return {QByteArray(), e.message()};
    }
}

QStringList filesUnder(const QString& folder) {
    QStringList out;
    QDirIterator it(folder, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) out << QDir(folder).relativeFilePath(it.next());
    out.sort();
    return out;
}

Row practice(const QString& code, const QString& name) {
    return Row{{"id", Database::newId()}, {"ods_code", code},        {"contractor_group", "general_practice"},
               {"name", name},           {"postcode", "TS18 1HU"}, {"open_date", "1990-04-01"}};
}

QString onlySnapshot(const QString& folder) {
    const QStringList snaps = filesUnder(folder).filter(QRegularExpression("^snapshots/.*\\.cbsnap$"));
    REQUIRE(snaps.size() == 1);
    return QDir(folder).filePath(snaps.first());
}

QByteArray readAll(const QString& path) {
    QFile f(path);
    REQUIRE(f.open(QIODevice::ReadOnly));
    return f.readAll();
}

void writeAll(const QString& path, const QByteArray& bytes) {
    QFile f(path);
    REQUIRE(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    REQUIRE(f.write(bytes) == bytes.size());
}

} // namespace

TEST_CASE("a snapshot is written and read back a chunk at a time, in clear and sealed, at every size around a chunk", "[team][snapshot]") {
    const qint64 chunk = 64;
    for (const QByteArray& key : {QByteArray(), kKey}) {
        for (qsizetype size : {0, 1, 63, 64, 65, 127, 128, 129, 1000}) {
            INFO("size " << size << (key.isEmpty() ? " in clear" : " sealed"));
            const QByteArray image = randomImage(size, unsigned(size));
            const QByteArray file = seal(image, key, chunk);
            const auto [back, why] = open(file, key);
            INFO(why.toStdString());
            CHECK(why.isEmpty());
            CHECK(back == image);
            // Sealed, none of the image is in the file as it is.
            if (!key.isEmpty() && size >= 16) CHECK_FALSE(file.contains(image.left(16)));
        }
    }
}

TEST_CASE("every damage to a snapshot is refused in words: cut short, any byte changed, chunks moved, bytes added", "[team][snapshot]") {
    const QByteArray image = randomImage(300, 7);
    for (const QByteArray& key : {QByteArray(), kKey}) {
        INFO(std::string(key.isEmpty() ? "in clear" : "sealed"));
        const QByteArray file = seal(image, key, 64);
        REQUIRE(open(file, key).second.isEmpty());
        // Cut at every length, as a copy still under way leaves it.
        for (qsizetype n = 0; n < file.size(); ++n) {
            const QString why = open(file.left(n), key).second;
            INFO("cut to " << n << " bytes: " << why.toStdString());
            CHECK(why.contains("damaged"));
        }
        // Every byte changed in turn: in clear the checksum covers the magic, the header and the
        // image; sealed, every chunk's tag does.
        for (qsizetype i = 0; i < file.size(); ++i) {
            QByteArray changed = file;
            changed[i] = char(changed.at(i) ^ 0x20);
            const QString why = open(changed, key).second;
            INFO("byte " << i << " changed: " << why.toStdString());
            CHECK_FALSE(why.isEmpty());
        }
        CHECK(open(file + QByteArray(1, '\0'), key).second.contains("damaged"));
        CHECK(open(file + file, key).second.contains("damaged"));
    }
    // Sealed chunks swapped, or the last one left out: each chunk is 4 + 64 + 17 bytes, after the
    // magic, the header block and the stream header block.
    const QByteArray file = seal(image, kKey, 64);
    const qsizetype headerEnd = 8 + 4 + qFromLittleEndian<quint32>(file.constData() + 8);
    const qsizetype first = headerEnd + 4 + 24, size = 4 + 64 + 17;
    QByteArray swapped = file;
    swapped.replace(first, size, file.mid(first + size, size));
    swapped.replace(first + size, size, file.mid(first, size));
    CHECK(open(swapped, kKey).second.contains("not sealed with this team's passphrase"));
    const qsizetype last = file.size() - (4 + (300 % 64) + 17);
    CHECK(open(file.left(last), kKey).second.contains("damaged"));
    CHECK(open(file.left(first) + file.mid(first + size), kKey).second.contains("not sealed with this team's passphrase"));
    // Another key, another team, the other mode, a newer format.
    CHECK(open(file, QByteArray(32, 'x')).second.contains("not sealed with this team's passphrase"));
    CHECK(open(file, QByteArray()).second.contains("is encrypted, but this team folder is not"));
    CHECK(open(seal(image, QByteArray(), 64), kKey).second.contains("is not encrypted, but this team folder is"));
    QByteArray newer = file;
    newer[7] = '\3';
    CHECK(open(newer, kKey).second.contains("newer Casebook"));
    CHECK(open(QByteArray("SQLite format 3\0", 16), kKey).second.contains("not a Casebook team file"));
    QBuffer in;
    in.setData(file);
    in.open(QIODevice::ReadOnly);
    QBuffer image2;
    image2.open(QIODevice::WriteOnly);
    CHECK_THROWS_WITH(team::openSnapshot(in, "another-team", "The team snapshot S", kKey, image2),
                      Catch::Contains("belongs to another team folder"));
}

TEST_CASE("a hostile snapshot header cannot make the reader take a huge chunk or run past its length", "[team][snapshot]") {
    const QByteArray image = randomImage(100, 3);
    const QByteArray file = seal(image, QByteArray(), 64);
    const quint32 headerLength = qFromLittleEndian<quint32>(file.constData() + 8);
    QJsonObject header = QJsonDocument::fromJson(file.mid(12, headerLength)).object();
    const auto withHeader = [&](const QJsonObject& h) {
        const QByteArray bytes = QJsonDocument(h).toJson(QJsonDocument::Compact);
        char len[4];
        qToLittleEndian<quint32>(quint32(bytes.size()), len);
        return file.left(8) + QByteArray(len, 4) + bytes + file.mid(12 + headerLength);
    };
    const std::vector<std::pair<QString, qint64>> hostile{
        {"chunk_bytes", qint64(1) << 40}, {"chunk_bytes", 0}, {"body_bytes", -1}, {"body_bytes", 99}, {"body_bytes", 101}};
    for (const auto& [field, value] : hostile) {
        QJsonObject h = header;
        h.insert(field, value);
        const QString why = open(withHeader(h), QByteArray()).second;
        INFO(field.toStdString() << " = " << value << ": " << why.toStdString());
        CHECK(why.contains("damaged"));
    }
    // A length prefix of 4 GiB is refused from the prefix alone.
    QByteArray huge = file.left(8) + QByteArray("\xff\xff\xff\xff", 4);
    CHECK(open(huge, QByteArray()).second.contains("damaged"));
}

TEST_CASE("a newcomer joins from a snapshot written in format 2, in clear and encrypted", "[team][snapshot]") {
    for (const QString& passphrase : {QString(), QStringLiteral("a long team passphrase")}) {
        INFO(std::string(passphrase.isEmpty() ? "in clear" : "encrypted"));
        QTemporaryDir dir;
        Database a(dir.filePath("a.db"));
        for (int i = 0; i < 50; ++i) a.save("contractor", practice(QStringLiteral("A8%1").arg(1000 + i), "Oakfield Surgery"));
        team::initTeam(a, dir.filePath("TEAM"), "A", passphrase);
        const QByteArray bytes = readAll(onlySnapshot(dir.filePath("TEAM")));
        CHECK(bytes.startsWith(QByteArray(team::kSnapshotMagic2, 8)));
        CHECK(bytes.contains("SQLite format 3") == passphrase.isEmpty());
        const team::SyncReport joined = team::joinTeam(dir.filePath("TEAM"), dir.filePath("b.db"), "B", passphrase);
        CHECK(joined.problems.isEmpty());
        Database b(dir.filePath("b.db"));
        CHECK(cbtest::canonicalDump(b) == cbtest::canonicalDump(a));
        // The snapshot never carries the team key: the joiner derived its own from the passphrase.
        CHECK(b.scalar("SELECT team_key FROM exchange_replica") == a.scalar("SELECT team_key FROM exchange_replica"));
        CHECK(QFileInfo(dir.filePath("b.db")).isFile());
    }
}

TEST_CASE("a snapshot in format 1, as older Casebooks wrote it, is still joined from", "[team][snapshot]") {
    for (const QString& passphrase : {QString(), QStringLiteral("a long team passphrase")}) {
        INFO(std::string(passphrase.isEmpty() ? "in clear" : "encrypted"));
        QTemporaryDir dir;
        Database a(dir.filePath("a.db"));
        a.save("contractor", practice("A81001", "Oakfield Surgery"));
        team::initTeam(a, dir.filePath("TEAM"), "A", passphrase);
        const QByteArray key = a.scalar("SELECT team_key FROM exchange_replica").toByteArray();
        // Written again as format 1: the same image and header in one block.
        const QString path = onlySnapshot(dir.filePath("TEAM"));
        QBuffer in;
        in.setData(readAll(path));
        in.open(QIODevice::ReadOnly);
        QBuffer image;
        image.open(QIODevice::WriteOnly);
        const QString teamId = team::replicaInfo(a).teamId;
        QJsonObject header = team::openSnapshot(in, teamId, "S", key, image);
        for (const char* gone : {"format", "encrypted", "body_bytes", "chunk_bytes"}) header.remove(gone);
        writeAll(path, team::sealEnvelope(team::kSnapshotMagic, header, image.data(), key));
        const team::SyncReport joined = team::joinTeam(dir.filePath("TEAM"), dir.filePath("b.db"), "B", passphrase);
        CHECK(joined.problems.isEmpty());
        Database b(dir.filePath("b.db"));
        CHECK(cbtest::canonicalDump(b) == cbtest::canonicalDump(a));
    }
}

TEST_CASE("joining from a damaged snapshot says so and leaves no database, not even half of one", "[team][snapshot]") {
    QTemporaryDir dir;
    Database a(dir.filePath("a.db"));
    for (int i = 0; i < 200; ++i) a.save("contractor", practice(QStringLiteral("A8%1").arg(1000 + i), "Oakfield Surgery"));
    team::initTeam(a, dir.filePath("TEAM"), "A", QString());
    const QString path = onlySnapshot(dir.filePath("TEAM"));
    const QByteArray whole = readAll(path);
    const QDir mine(dir.filePath("mine"));
    REQUIRE(QDir().mkpath(mine.path()));
    QByteArray flipped = whole;
    flipped[whole.size() / 2] = char(flipped.at(whole.size() / 2) ^ 0x01);
    for (const QByteArray& damaged : {whole.left(whole.size() / 2), whole.left(whole.size() - 1), flipped}) {
        writeAll(path, damaged);
        REQUIRE_THROWS_WITH(team::joinTeam(dir.filePath("TEAM"), mine.filePath("b.db"), "B", QString()),
                            Catch::Contains("is damaged or still being copied"));
        CHECK(filesUnder(mine.path()).isEmpty()); // no database, no temporary file beside it
    }
    writeAll(path, whole);
    CHECK(team::joinTeam(dir.filePath("TEAM"), mine.filePath("b.db"), "B", QString()).problems.isEmpty());
}

TEST_CASE("a team file that cannot be written whole leaves nothing in the team folder", "[team][snapshot]") {
    QTemporaryDir dir;
    team::FolderTransport transport(dir.path());
    // The write fails part way (a full drive), or what feeds it fails: neither the file, its
    // temporary copy nor the folders made for it stay.
    REQUIRE_THROWS_WITH(transport.writeOnceWith("snapshots/deep/x.cbsnap",
                                                [](QIODevice& out) { return out.write("part") == 4 && false; }),
                        Catch::Contains("check there is space"));
    CHECK(filesUnder(dir.path()).isEmpty());
    CHECK_FALSE(QFileInfo::exists(dir.filePath("snapshots")));
    REQUIRE_THROWS_WITH(transport.writeOnceWith("snapshots/x.cbsnap",
                                                [](QIODevice&) -> bool { throw Error("the copy could not be read"); }),
                        Catch::Contains("could not be read"));
    CHECK(filesUnder(dir.path()).isEmpty());
    // Written whole, it is there once, and read back a part at a time.
    transport.writeOnceWith("snapshots/x.cbsnap", [](QIODevice& out) { return out.write("whole") == 5; });
    CHECK(filesUnder(dir.path()) == QStringList{"snapshots/x.cbsnap"});
    const auto in = transport.openRead("snapshots/x.cbsnap");
    REQUIRE(in);
    CHECK(in->readAll() == "whole");
    CHECK_FALSE(transport.openRead("snapshots/none.cbsnap"));
    CHECK_THROWS_WITH(transport.writeOnceWith("snapshots/x.cbsnap", [](QIODevice& out) { return out.write("again") == 5; }),
                      Catch::Contains("never rewritten"));
}

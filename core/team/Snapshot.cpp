#include "team/Snapshot.h"

#include "common/Errors.h"
#include "team/Package.h"
#include "team/TeamCrypto.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QtEndian>

#include <optional>

namespace cb::team {

namespace {

constexpr qint64 kMaxHeaderBytes = 64 * 1024;

bool writeBlock(QIODevice& out, const QByteArray& block) {
    char len[4];
    qToLittleEndian<quint32>(quint32(block.size()), len);
    return out.write(len, 4) == 4 && out.write(block) == block.size();
}

// Exactly n bytes, or false when the device ends (or fails) first.
bool readExactly(QIODevice& in, qint64 n, QByteArray& out) {
    out.resize(qsizetype(n));
    qint64 got = 0;
    while (got < n) {
        const qint64 r = in.read(out.data() + got, n - got);
        if (r <= 0) return false;
        got += r;
    }
    return true;
}

// A length-prefixed block of at most max bytes; false when it is longer or the device ends first.
bool readBlock(QIODevice& in, qint64 max, QByteArray& block) {
    QByteArray len;
    if (!readExactly(in, 4, len)) return false;
    const qint64 n = qFromLittleEndian<quint32>(len.constData());
    return n <= max && readExactly(in, n, block);
}

} // namespace

bool sealSnapshot(QIODevice& image, QJsonObject header, const QByteArray& key, QIODevice& out, qint64 chunkBytes) {
    const QString unreadable = QStringLiteral("Could not read back the team snapshot (%1): check there is space on the "
                                              "drive and try again.");
    const qint64 size = image.size();
    header.insert(QStringLiteral("format"), 2);
    header.insert(QStringLiteral("encrypted"), !key.isEmpty());
    header.insert(QStringLiteral("body_bytes"), size);
    header.insert(QStringLiteral("chunk_bytes"), chunkBytes);
    if (!image.seek(0)) throw Error(unreadable.arg(image.errorString()));
    const QByteArray headerBytes = QJsonDocument(header).toJson(QJsonDocument::Compact);
    const QByteArray ad = QByteArray(kSnapshotMagic2, 8) + headerBytes;
    if (out.write(ad.constData(), 8) != 8 || !writeBlock(out, headerBytes)) return false;
    // In clear, a SHA-256 of the magic, the header bytes and the image follows the last chunk;
    // sealed, every chunk's tag covers the magic and the header bytes as written, as a package's does.
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(ad);
    std::optional<crypto::SealStream> seal;
    if (!key.isEmpty()) {
        seal.emplace(key);
        if (!writeBlock(out, seal->header())) return false;
    }
    qint64 done = 0;
    QByteArray chunk;
    do { // in clear an empty image is no chunk at all; sealed, one empty final chunk
        const qint64 n = std::min(chunkBytes, size - done);
        if (!readExactly(image, n, chunk)) throw Error(unreadable.arg(image.errorString()));
        done += n;
        if (seal) {
            if (!writeBlock(out, seal->push(chunk, ad, done == size))) return false;
        } else if (n > 0) {
            hash.addData(chunk);
            if (!writeBlock(out, chunk)) return false;
        }
    } while (done < size);
    return seal || writeBlock(out, hash.result());
}

QJsonObject openSnapshot(QIODevice& in, const QString& teamId, const QString& what, const QByteArray& key,
                         QIODevice& image) {
    const QString damaged = QStringLiteral("%1 is damaged or still being copied; nothing of it was applied, and it will be "
                                           "tried again at the next sync.").arg(what);
    const auto put = [&](const QByteArray& bytes) {
        if (image.write(bytes) != bytes.size())
            throw Error(QStringLiteral("Could not write the team's records to this computer (%1): check there is space "
                                       "on the drive. Nothing was changed.").arg(image.errorString()));
    };
    QByteArray magic;
    if (!readExactly(in, 8, magic)) throw Error(damaged);
    if (magic == QByteArray(kSnapshotMagic, 8)) { // format 1: one block, read whole
        const Envelope e = openEnvelope(kSnapshotMagic, magic + in.readAll(), teamId, what, key);
        put(e.body);
        return e.header;
    }
    if (magic != QByteArray(kSnapshotMagic2, 8)) {
        if (magic.left(7) == QByteArray(kSnapshotMagic2, 7) && quint8(magic.at(7)) > 2)
            throw Error(QStringLiteral("%1 was written by a newer Casebook; update Casebook to read it. Nothing was "
                                       "applied.").arg(what));
        if (magic.left(5) == QByteArray(kSnapshotMagic2, 5)) throw Error(damaged);
        throw Error(QStringLiteral("%1 is not a Casebook team file; nothing of it was applied.").arg(what));
    }
    QByteArray headerBytes;
    if (!readBlock(in, kMaxHeaderBytes, headerBytes)) throw Error(damaged);
    QJsonParseError parse{};
    const QJsonDocument doc = QJsonDocument::fromJson(headerBytes, &parse);
    if (parse.error != QJsonParseError::NoError || !doc.isObject()) throw Error(damaged);
    const QJsonObject header = doc.object();
    if (header.value(QStringLiteral("format")).toInt() != 2)
        throw Error(QStringLiteral("%1 was written by a newer Casebook; update Casebook to read it. Nothing was applied.")
                        .arg(what));
    checkTeamOf(header, teamId, what, key);
    const qint64 size = header.value(QStringLiteral("body_bytes")).toInteger(-1);
    const qint64 chunkBytes = header.value(QStringLiteral("chunk_bytes")).toInteger(0);
    if (size < 0 || chunkBytes < 1 || chunkBytes > kSnapshotMaxChunkBytes) throw Error(damaged);

    qint64 done = 0;
    QByteArray block;
    const QByteArray ad = QByteArray(kSnapshotMagic2, 8) + headerBytes;
    if (key.isEmpty()) {
        QCryptographicHash hash(QCryptographicHash::Sha256);
        hash.addData(ad);
        while (done < size) {
            if (!readBlock(in, chunkBytes, block) || block.isEmpty() || block.size() > size - done) throw Error(damaged);
            done += block.size();
            hash.addData(block);
            put(block);
        }
        if (!readBlock(in, 32, block) || block != hash.result()) throw Error(damaged);
    } else {
        const QString unsealed = QStringLiteral("%1 is damaged, still being copied, or was not sealed with this team's "
                                                "passphrase; nothing of it was applied, and it will be tried again at the "
                                                "next sync.").arg(what);
        QByteArray streamHeader, plain;
        if (!readBlock(in, crypto::kStreamHeaderBytes, streamHeader)) throw Error(damaged);
        crypto::OpenStream open(key, streamHeader);
        if (!open.ok()) throw Error(unsealed);
        bool final = false;
        while (!final) {
            if (!readBlock(in, chunkBytes + crypto::kStreamChunkOverhead, block)) throw Error(damaged);
            if (!open.pull(block, ad, plain, final)) throw Error(unsealed);
            if (plain.size() > size - done) throw Error(damaged);
            done += plain.size();
            put(plain);
        }
        if (done != size) throw Error(damaged);
    }
    char extra;
    if (in.read(&extra, 1) != 0) throw Error(damaged); // nothing may follow the end
    return header;
}

} // namespace cb::team

#include "team/Package.h"

#include "common/Errors.h"
#include "team/TeamCrypto.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QtEndian>

namespace cb::team {

namespace {
void appendBlock(QByteArray& out, const QByteArray& block) {
    char len[4];
    qToLittleEndian<quint32>(quint32(block.size()), len);
    out.append(len, 4);
    out.append(block);
}
} // namespace

bool takeBlock(const QByteArray& in, qsizetype& pos, QByteArray& block) {
    if (in.size() - pos < 4) return false;
    const quint32 len = qFromLittleEndian<quint32>(in.constData() + pos);
    pos += 4;
    if (qsizetype(len) > in.size() - pos) return false;
    block = in.mid(pos, qsizetype(len));
    pos += qsizetype(len);
    return true;
}

QString sha256(const QByteArray& bytes) {
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

QString packageName(const QString& replicaId, qint64 seq) {
    return QStringLiteral("packages/%1/%2.cbpkg").arg(replicaId).arg(seq, 10, 10, QLatin1Char('0'));
}

QByteArray sealEnvelope(const char magic[8], QJsonObject header, const QByteArray& body, const QByteArray& key) {
    header.insert(QStringLiteral("format"), 1);
    header.insert(QStringLiteral("encrypted"), !key.isEmpty());
    QByteArray out(magic, 8);
    if (key.isEmpty()) {
        header.insert(QStringLiteral("body_sha256"), sha256(body));
        appendBlock(out, QJsonDocument(header).toJson(QJsonDocument::Compact));
        appendBlock(out, body);
        return out;
    }
    // Encrypted: the tag covers the magic and the header bytes as written, so neither the team, the
    // replica, the seq nor the chain hash can be changed without the package being refused.
    header.remove(QStringLiteral("body_sha256"));
    const QByteArray headerBytes = QJsonDocument(header).toJson(QJsonDocument::Compact);
    appendBlock(out, headerBytes);
    appendBlock(out, crypto::seal(key, body, QByteArray(magic, 8) + headerBytes));
    return out;
}

void checkTeamOf(const QJsonObject& header, const QString& teamId, const QString& what, const QByteArray& key) {
    const bool encrypted = header.value(QStringLiteral("encrypted")).toBool();
    if (header.value(QStringLiteral("team_id")).toString() != teamId)
        throw Error(QStringLiteral("%1 belongs to another team folder, not this one; nothing of it was applied. Remove it "
                                   "from the team folder.").arg(what));
    if (!encrypted && !key.isEmpty())
        throw Error(QStringLiteral("%1 is not encrypted, but this team folder is: it was not written by a member of the "
                                   "team. Nothing of it was applied; remove it from the team folder.").arg(what));
    if (encrypted && key.isEmpty())
        throw Error(QStringLiteral("%1 is encrypted, but this team folder is not: it was not written by a member of the "
                                   "team. Nothing of it was applied; remove it from the team folder.").arg(what));
}

Envelope openEnvelope(const char magic[8], const QByteArray& bytes, const QString& teamId, const QString& what,
                      const QByteArray& key) {
    const QString damaged = QStringLiteral("%1 is damaged or still being copied; nothing of it was applied, and it will be "
                                           "tried again at the next sync.").arg(what);
    if (bytes.size() < 8) throw Error(damaged);
    if (bytes.left(8) != QByteArray(magic, 8)) {
        if (bytes.left(5) == QByteArray(magic, 5)) throw Error(damaged);
        throw Error(QStringLiteral("%1 is not a Casebook team file; nothing of it was applied.").arg(what));
    }
    qsizetype pos = 8;
    QByteArray headerBytes, body;
    if (!takeBlock(bytes, pos, headerBytes) || !takeBlock(bytes, pos, body) || pos != bytes.size()) throw Error(damaged);
    QJsonParseError parse{};
    const QJsonDocument doc = QJsonDocument::fromJson(headerBytes, &parse);
    if (parse.error != QJsonParseError::NoError || !doc.isObject()) throw Error(damaged);
    Envelope e{doc.object(), body};
    if (e.header.value(QStringLiteral("format")).toInt() != 1)
        throw Error(QStringLiteral("%1 was written by a newer Casebook; update Casebook to read it. Nothing was applied.")
                        .arg(what));
    const bool encrypted = e.header.value(QStringLiteral("encrypted")).toBool();
    if (!encrypted && e.header.value(QStringLiteral("body_sha256")).toString() != sha256(body)) throw Error(damaged);
    checkTeamOf(e.header, teamId, what, key);
    if (encrypted && !crypto::open(key, body, QByteArray(magic, 8) + headerBytes, e.body))
        throw Error(QStringLiteral("%1 is damaged, still being copied, or was not sealed with this team's passphrase; "
                                   "nothing of it was applied, and it will be tried again at the next sync.").arg(what));
    return e;
}

} // namespace cb::team

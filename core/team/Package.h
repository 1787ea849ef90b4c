#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>

// The file formats of the team folder (docs/exchange.md): a package of one replica's changes and
// a snapshot a new replica starts from. Both are an 8-byte magic, a length-prefixed JSON header
// naming the team and carrying the SHA-256 of the body, and the length-prefixed body.
namespace cb::team {

struct Envelope {
    QJsonObject header;
    QByteArray body;
};

// key: the team key of an encrypted team (the body is then sealed, the header authenticated), or
// empty for a team without a passphrase (the header carries the body's SHA-256).
QByteArray sealEnvelope(const char magic[8], QJsonObject header, const QByteArray& body, const QByteArray& key = {});
// Checks the magic, the lengths, the JSON header, the body's checksum (or, encrypted, its tag) and
// the team, and returns the plain body; throws cb::Error in words ("damaged or still being
// copied", "belongs to another team"). A package whose encryption does not match the team's
// (key empty or not) is refused: in an encrypted team only the passphrase's holders write.
Envelope openEnvelope(const char magic[8], const QByteArray& bytes, const QString& teamId, const QString& what,
                      const QByteArray& key = {});
// The header's team and encryption against this team's (key empty: in clear); throws Error in words.
void checkTeamOf(const QJsonObject& header, const QString& teamId, const QString& what, const QByteArray& key);
QString sha256(const QByteArray& bytes);
// The length-prefixed block at pos (moved past it); false when the bytes end first. No other check.
bool takeBlock(const QByteArray& in, qsizetype& pos, QByteArray& block);

inline constexpr char kPackageMagic[8] = {'C', 'B', 'P', 'K', 'G', '\0', '\0', '\1'};
// Format 1 of a snapshot, still read (team/Snapshot.h writes format 2).
inline constexpr char kSnapshotMagic[8] = {'C', 'B', 'S', 'N', 'P', '\0', '\0', '\1'};

QString packageName(const QString& replicaId, qint64 seq); // packages/<replica>/<seq, 10 digits>.cbpkg

} // namespace cb::team

#pragma once

#include <QByteArray>
#include <QIODevice>
#include <QJsonObject>
#include <QString>

// A team snapshot (docs/exchange.md, "Snapshot format 2"): the SQLite image a new replica starts
// from, written and read a chunk at a time so that neither side holds the image in memory. At
// 50,000 contractors the image is about 150 MiB; format 1 sealed and checked it in one block.
namespace cb::team {

inline constexpr char kSnapshotMagic2[8] = {'C', 'B', 'S', 'N', 'P', '\0', '\0', '\2'};
inline constexpr qint64 kSnapshotChunkBytes = qint64(1) << 20;
inline constexpr qint64 kSnapshotMaxChunkBytes = qint64(16) << 20; // a reader refuses larger chunks

// Writes the image (readable from its start, of a known size) to out as a format-2 snapshot with
// header's entries (team_id, replica_id, seq, ...): in clear, the chunks followed by a SHA-256 of
// the magic, the header and the image; with the team key, sealed chunk by chunk. False when out could not be written (its error says
// why); throws Error when the image cannot be read.
bool sealSnapshot(QIODevice& image, QJsonObject header, const QByteArray& key, QIODevice& out,
                  qint64 chunkBytes = kSnapshotChunkBytes);

// Reads a snapshot of either format from in, checking it as it goes (magic, header, team,
// encryption, every chunk, the length and checksum or the final tag, nothing after the end), and
// writes the image to image. Returns the header. Throws Error in words when the snapshot is
// refused (what names it: "The team snapshot …") or image cannot be written (image's error is
// then set); image may hold part of the snapshot then, and the caller discards it.
QJsonObject openSnapshot(QIODevice& in, const QString& teamId, const QString& what, const QByteArray& key,
                         QIODevice& image);

} // namespace cb::team

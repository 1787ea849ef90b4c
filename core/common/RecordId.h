#pragma once

#include <QByteArray>
#include <QString>

// Record ids (docs/formats.md). A record id is 128 random bits written as 22 characters of
// base64url ("k3Q0cY2oS2ahF1bD0m7xJw"); before schema version 13 the same bits were written as a
// 36-character UUID ("9374...-..."). Ids are otherwise opaque text: anything else is kept as it is.
namespace cb::ident {

QString newRecordId();
// The 22-character form of a 36-character UUID (the same bits, so the same on every replica), and
// any other id unchanged: files and team packages written before version 13 are read through it.
QString compactId(const QString& id);
// The 16 bytes of an id in either form, or empty if it is neither; idFromBytes is the inverse.
QByteArray idBytes(const QString& id);
QString idFromBytes(const QByteArray& bytes);
// Ids travel in columns named "id" or ending in "_id" (values that are not ids are left alone).
bool isIdColumn(const QString& column);

} // namespace cb::ident

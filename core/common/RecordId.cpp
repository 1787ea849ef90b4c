#include "common/RecordId.h"

#include <QUuid>

namespace cb::ident {

namespace {
constexpr auto kIdEncoding = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;

bool isHex(QChar c) {
    const char16_t u = c.unicode();
    return (u >= '0' && u <= '9') || (u >= 'a' && u <= 'f') || (u >= 'A' && u <= 'F');
}

bool isUuidText(const QString& id) {
    if (id.size() != 36) return false;
    for (int i = 0; i < 36; ++i) {
        const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? id.at(i) != QLatin1Char('-') : !isHex(id.at(i))) return false;
    }
    return true;
}
} // namespace

QString idFromBytes(const QByteArray& bytes) { return QString::fromLatin1(bytes.toBase64(kIdEncoding)); }

QString newRecordId() { return idFromBytes(QUuid::createUuid().toRfc4122()); }

QByteArray idBytes(const QString& id) {
    if (isUuidText(id)) return QUuid(id).toRfc4122();
    if (id.size() != 22) return {};
    for (const QChar c : id) {
        const char16_t u = c.unicode();
        const bool ok = (u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') || u == '-' || u == '_';
        if (!ok) return {};
    }
    const QByteArray bytes = QByteArray::fromBase64(id.toLatin1(), kIdEncoding);
    // Only the exact encoding of 16 bytes: any other 22-character text stays text.
    if (bytes.size() != 16 || idFromBytes(bytes) != id) return {};
    return bytes;
}

QString compactId(const QString& id) { return isUuidText(id) ? idFromBytes(QUuid(id).toRfc4122()) : id; }

bool isIdColumn(const QString& column) {
    return column == QLatin1String("id") || column.endsWith(QLatin1String("_id"));
}

} // namespace cb::ident

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

// The value of one character of base64url (RFC 4648 section 5), or -1 for any other.
int sextet(char16_t u) {
    if (u >= 'A' && u <= 'Z') return u - 'A';
    if (u >= 'a' && u <= 'z') return u - 'a' + 26;
    if (u >= '0' && u <= '9') return u - '0' + 52;
    if (u == '-') return 62;
    if (u == '_') return 63;
    return -1;
}
} // namespace

QString idFromBytes(const QByteArray& bytes) { return QString::fromLatin1(bytes.toBase64(kIdEncoding)); }

QString newRecordId() { return idFromBytes(QUuid::createUuid().toRfc4122()); }

QByteArray idBytes(const QString& id) {
    if (id.size() == 22) {
        // Decoded here rather than through QByteArray::fromBase64 and back (three allocations and a
        // second encoding, 2.5 % of a JSON import's CPU: every audited record's id goes through
        // it). 22 characters of base64url hold 132 bits: the 16 bytes, and 4 bits that the exact
        // encoding of 16 bytes leaves at zero. Any other 22-character text stays text.
        QByteArray bytes(16, Qt::Uninitialized);
        char* to = bytes.data();
        quint32 pending = 0; // bits read and not yet given out
        int count = 0;
        for (const QChar c : id) {
            const int v = sextet(c.unicode());
            if (v < 0) return {};
            pending = (pending << 6) | quint32(v);
            count += 6;
            if (count >= 8) {
                count -= 8;
                *to++ = char(pending >> count);
                pending &= (1u << count) - 1;
            }
        }
        return pending == 0 ? bytes : QByteArray();
    }
    if (isUuidText(id)) return QUuid(id).toRfc4122();
    return {};
}

QString compactId(const QString& id) { return isUuidText(id) ? idFromBytes(QUuid(id).toRfc4122()) : id; }

bool isIdColumn(const QString& column) {
    return column == QLatin1String("id") || column.endsWith(QLatin1String("_id"));
}

} // namespace cb::ident

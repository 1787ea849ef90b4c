#include "exchange/Csv.h"

#include "common/FileSafety.h"
#include "common/TextHygiene.h"
#include "exchange/AtomicFile.h"

#include <QStringDecoder>

namespace cb::csv {

QString describe(Encoding e) {
    switch (e) {
    case Encoding::Utf8: return QStringLiteral("UTF-8");
    case Encoding::Utf8WithBom: return QStringLiteral("UTF-8 with BOM");
    case Encoding::Windows1252: return QStringLiteral("Windows-1252 (Latin-1)");
    }
    return {};
}

namespace {

// Windows-1252 differs from Latin-1 only in 0x80-0x9F; unassigned bytes keep their Latin-1 value.
const char16_t kCp1252High[32] = {0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
                                  0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
                                  0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                                  0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

QString fromWindows1252(const QByteArray& bytes) {
    QString out(bytes.size(), Qt::Uninitialized);
    QChar* d = out.data();
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        const auto b = static_cast<unsigned char>(bytes[i]);
        d[i] = (b >= 0x80 && b <= 0x9F) ? QChar(kCp1252High[b - 0x80]) : QChar(b);
    }
    return out;
}

bool isAscii(const QByteArray& bytes) {
    for (char c : bytes)
        if (static_cast<unsigned char>(c) >= 0x80) return false;
    return true;
}

} // namespace

QString decode(const QByteArray& bytes, Encoding* detected) {
    if (bytes.startsWith("\xEF\xBB\xBF")) {
        if (detected) *detected = Encoding::Utf8WithBom;
        return QString::fromUtf8(bytes.constData() + 3, bytes.size() - 3);
    }
    if (isAscii(bytes)) {
        if (detected) *detected = Encoding::Utf8;
        return QString::fromLatin1(bytes);
    }
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = utf8.decode(bytes);
    if (!utf8.hasError()) {
        if (detected) *detected = Encoding::Utf8;
        return text;
    }
    if (detected) *detected = Encoding::Windows1252;
    return fromWindows1252(bytes);
}

QList<Problem> Document::raggedRows(int expected) const {
    QList<Problem> out;
    for (const Record& r : records)
        if (r.size() != expected)
            out.append({r.line, QStringLiteral("Line %1 has %2 field%3; expected %4.")
                                    .arg(r.line).arg(r.size()).arg(r.size() == 1 ? "" : "s").arg(expected)});
    return out;
}

Document parseText(const QString& text, QChar delimiter) {
    Document doc;
    const QChar* p = text.constData();
    const qsizetype n = text.size();
    qsizetype i = 0;
    int line = 1;

    Record rec;
    QString field;
    bool fieldStarted = false; // anything seen for the current record (so blank lines are skipped)
    bool tooBig = false;
    auto refuseSize = [&](int at, const QString& what) {
        doc.problems.append({at, QStringLiteral("Line %1: %2, more than any Casebook or NHS file holds, so the file "
                                                "cannot be read. Check it is the right file.").arg(at).arg(what)});
        tooBig = true;
    };
    auto endField = [&] {
        // An empty field is an empty (not null) string: "missing" is reserved for short rows.
        if (field.isNull()) field = QString(QLatin1String(""));
        if (field.size() > kMaxFieldChars)
            return refuseSize(rec.line, QStringLiteral("a field is %1 characters long (at most %2)")
                                            .arg(field.size()).arg(kMaxFieldChars));
        if (rec.fields.size() >= kMaxFields)
            return refuseSize(rec.line, QStringLiteral("a row has more than %1 fields").arg(kMaxFields));
        rec.fields.append(field);
        field = QString();
    };
    auto endRecord = [&] {
        rec.endLine = line;
        doc.records.append(rec);
        rec = Record();
        fieldStarted = false;
    };
    // Consumes a line break at i (CRLF, LF or lone CR); returns true if there was one.
    auto lineBreak = [&]() -> bool {
        if (p[i] == QLatin1Char('\r')) {
            ++i;
            if (i < n && p[i] == QLatin1Char('\n')) ++i;
            ++line;
            return true;
        }
        if (p[i] == QLatin1Char('\n')) {
            ++i;
            ++line;
            return true;
        }
        return false;
    };

    while (i < n) {
        if (!fieldStarted) {
            if (p[i] == QLatin1Char('\r') || p[i] == QLatin1Char('\n')) { // blank line
                lineBreak();
                continue;
            }
            fieldStarted = true;
            rec.line = line;
        }
        if (p[i] == QLatin1Char('"')) {
            // Quoted field: runs to the next lone quote; "" is a quote; line breaks are kept as LF
            // or CRLF exactly as written.
            const int startLine = line;
            ++i;
            field = QString(QLatin1String(""));
            bool closed = false;
            while (i < n) {
                const QChar c = p[i];
                if (c == QLatin1Char('"')) {
                    if (i + 1 < n && p[i + 1] == QLatin1Char('"')) {
                        field += QLatin1Char('"');
                        i += 2;
                        continue;
                    }
                    ++i;
                    closed = true;
                    break;
                }
                if (c == QLatin1Char('\r')) {
                    field += c;
                    ++i;
                    if (i < n && p[i] == QLatin1Char('\n')) {
                        field += p[i];
                        ++i;
                    }
                    ++line;
                    continue;
                }
                if (c == QLatin1Char('\n')) ++line;
                field += c;
                ++i;
                if (field.size() > kMaxFieldChars) break; // refused below, without reading the rest
            }
            if (field.size() > kMaxFieldChars) {
                endField();
                return doc;
            }
            if (!closed) {
                doc.problems.append({startLine, QStringLiteral("Line %1: a quoted field is never closed (a \" is "
                                                               "missing), so the rest of the file cannot be read.")
                                                    .arg(startLine)});
                field.truncate(kMaxFieldChars); // the rest is unreadable anyway
                endField();
                endRecord();
                return doc;
            }
            // Text between the closing quote and the delimiter: keep it, but say so.
            if (i < n && p[i] != delimiter && p[i] != QLatin1Char('\r') && p[i] != QLatin1Char('\n')) {
                doc.problems.append({line, QStringLiteral("Line %1: unexpected text after a closing quote.").arg(line)});
                while (i < n && p[i] != delimiter && p[i] != QLatin1Char('\r') && p[i] != QLatin1Char('\n'))
                    field += p[i++];
            }
        } else {
            const qsizetype start = i;
            while (i < n && p[i] != delimiter && p[i] != QLatin1Char('\r') && p[i] != QLatin1Char('\n')) ++i;
            field = QString(p + start, i - start);
        }
        endField();
        if (tooBig) return doc;
        if (i >= n) {
            endRecord();
            break;
        }
        if (p[i] == delimiter) {
            ++i;
            if (i >= n) { // trailing delimiter at end of file: one more empty field
                endField();
                endRecord();
            }
            continue;
        }
        lineBreak();
        rec.endLine = line - 1;
        doc.records.append(rec);
        rec = Record();
        fieldStarted = false;
    }
    return doc;
}

Document parse(const QByteArray& bytes, QChar delimiter) {
    Encoding enc = Encoding::Utf8;
    const QString text = decode(bytes, &enc);
    Document doc = parseText(text, delimiter);
    doc.encoding = enc;
    return doc;
}

Document readFile(const QString& path, QChar delimiter) {
    return parse(files::readRegularFile(path, kMaxFileBytes), delimiter);
}

bool needsFormulaGuard(const QString& text) {
    if (text.isEmpty()) return false;
    const QChar c = text.at(0);
    return c == QLatin1Char('=') || c == QLatin1Char('+') || c == QLatin1Char('-') || c == QLatin1Char('@') ||
           c == QLatin1Char('\t') || c == QLatin1Char('\r');
}

QString guarded(const QString& text) { return needsFormulaGuard(text) ? QLatin1Char('\'') + text : text; }

QString encodeField(const QVariant& value, const WriteOptions& options) {
    if (value.isNull() || !value.isValid()) return {};
    QString text;
    switch (value.typeId()) {
    case QMetaType::Int:
    case QMetaType::LongLong:
    case QMetaType::UInt:
    case QMetaType::ULongLong:
        text = QString::number(value.toLongLong());
        break;
    case QMetaType::Double:
        text = QString::number(value.toDouble(), 'g', 17);
        break;
    case QMetaType::Bool:
        text = value.toBool() ? QStringLiteral("1") : QStringLiteral("0");
        break;
    default:
        // Control characters (an escape sequence, a bell) are written visibly, never raw.
        text = text::printable(value.toString(), true);
        if (options.guardFormulas) text = guarded(text);
    }
    const bool quote = text.contains(QLatin1Char(',')) || text.contains(QLatin1Char('"')) ||
                       text.contains(QLatin1Char('\n')) || text.contains(QLatin1Char('\r'));
    if (!quote) return text;
    text.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + text + QLatin1Char('"');
}

QString encodeRow(const QVariantList& row, const WriteOptions& options) {
    QStringList parts;
    parts.reserve(row.size());
    for (const QVariant& v : row) parts << encodeField(v, options);
    return parts.join(QLatin1Char(','));
}

QByteArray encode(const QList<QVariantList>& rows, const WriteOptions& options) {
    QString text;
    for (const QVariantList& row : rows) text += encodeRow(row, options) + options.lineEnd;
    QByteArray out = options.byteOrderMark ? QByteArray("\xEF\xBB\xBF") : QByteArray();
    out += text.toUtf8();
    return out;
}

QByteArray encode(const QList<QStringList>& rows, const WriteOptions& options) {
    QList<QVariantList> values;
    values.reserve(rows.size());
    for (const QStringList& r : rows) {
        QVariantList v;
        for (const QString& s : r) v << QVariant(s);
        values << v;
    }
    return encode(values, options);
}

} // namespace cb::csv

#include "exchange/Csv.h"

#include "common/FileSafety.h"
#include "common/TextHygiene.h"
#include "exchange/AtomicFile.h"

#include <cstring>
#include <QDir>
#include <QtEndian>
#include <QStringDecoder>

#include <limits>

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

Parser::Parser(QChar delimiter) : m_delimiter(delimiter) {}

void Parser::refuse(int at, const QString& what) {
    m_problems.append({at, QStringLiteral("Line %1: %2, more than any Casebook or NHS file holds, so the file "
                                          "cannot be read. Check it is the right file.").arg(at).arg(what)});
    m_state = State::Stopped;
    m_field = QString();
    m_rec = Record();
    m_fields = 0;
}

namespace {
// What the recycling keeps at most: enough lists for the records one slice of text holds (Reader
// feeds kFeedChars at a time), and in them only strings of ordinary fields, so a file of huge
// fields or rows keeps little.
constexpr qsizetype kSpareLists = 256;
constexpr qsizetype kSpareStrings = 8192;
constexpr qsizetype kSpareFieldCapacity = 256;

// A field's text as a new string; an empty field is empty, not null.
QString fieldText(QStringView text) { return text.isEmpty() ? QString(QLatin1String("")) : text.toString(); }
} // namespace

// Whether one more field of `chars` characters keeps the record within bounds; refuses it if not.
bool Parser::admitField(qsizetype chars) {
    if (m_fields >= kMaxFields) {
        refuse(m_rec.line, QStringLiteral("a row has more than %1 fields").arg(kMaxFields));
        return false;
    }
    m_recordChars += chars;
    if (m_recordChars > kMaxRecordChars) {
        refuse(m_rec.line, QStringLiteral("a row is more than %1 characters long").arg(kMaxRecordChars));
        return false;
    }
    return true;
}

// A field read in one step: written over the string a recycled list holds in its place when nobody
// else holds that string (no allocation), made new otherwise. An empty field is an empty (not null)
// string: "missing" is reserved for short rows.
bool Parser::putField(QStringView text) {
    if (!admitField(text.size())) return false;
    QStringList& fields = m_rec.fields;
    if (m_fields < fields.size()) {
        QString& slot = fields[m_fields];
        if (slot.isDetached() && slot.capacity() >= text.size() && slot.capacity() <= kSpareFieldCapacity) {
            slot.resize(text.size());
            if (!text.isEmpty()) std::memcpy(slot.data(), text.data(), size_t(text.size()) * sizeof(QChar));
        } else {
            slot = fieldText(text);
        }
    } else {
        fields.append(fieldText(text));
    }
    ++m_fields;
    m_state = State::FieldStart;
    return true;
}

// The end of a field read in steps (m_field).
void Parser::endField() {
    if (m_field.isNull()) m_field = QString(QLatin1String(""));
    if (m_field.size() > kMaxFieldChars)
        return refuse(m_rec.line, QStringLiteral("a field is %1 characters long (at most %2)")
                                      .arg(m_field.size()).arg(kMaxFieldChars));
    if (!admitField(m_field.size())) return;
    if (m_fields < m_rec.fields.size()) m_rec.fields[m_fields] = std::move(m_field);
    else m_rec.fields.append(std::move(m_field));
    ++m_fields;
    m_field = QString();
    m_state = State::FieldStart;
}

void Parser::appendToField(QStringView text) {
    if (m_field.isEmpty() && m_field.capacity() < text.size()) m_field = text.toString();
    else m_field += text;
}

// `done`'s list, with its strings, is kept for the records to come when nobody else holds it.
// Strings too long to be worth keeping are let go now.
void Parser::recycle(Record& done) {
    QStringList& fields = done.fields;
    if (m_spareLists.size() >= kSpareLists || fields.capacity() == 0 || !fields.isDetached() ||
        m_spareStrings + fields.size() > kSpareStrings)
        return;
    for (QString& f : fields)
        if (f.capacity() > kSpareFieldCapacity) f = QString();
    m_spareStrings += fields.size();
    m_spareLists.append(std::move(fields));
}

void Parser::endRecord(int endLine) {
    if (m_state == State::Stopped) return;
    m_rec.endLine = endLine;
    if (m_rec.fields.size() > m_fields) m_rec.fields.resize(m_fields); // a recycled list held more
    m_lastFields = m_fields;
    m_ready.push_back(std::move(m_rec));
    m_rec = Record();
    if (!m_spareLists.isEmpty()) {
        m_rec.fields = m_spareLists.takeLast();
        m_spareStrings -= m_rec.fields.size();
    }
    m_fields = 0;
    m_inRecord = false;
    m_recordChars = 0;
    m_state = State::FieldStart;
}

// A line break (CR or LF) ended the record.
void Parser::endLine(char16_t lineBreak) {
    ++m_line;
    m_skipLf = lineBreak == u'\r';
    endRecord(m_line - 1);
}

void Parser::feed(QStringView text) {
    const QChar* p = text.data();
    const qsizetype n = text.size();
    const char16_t delim = m_delimiter.unicode();
    const auto ends = [delim](char16_t c) { return c == delim || c == u'\r' || c == u'\n'; };
    qsizetype i = 0;
    while (i < n && m_state != State::Stopped) {
        const char16_t c = p[i].unicode();
        if (m_skipLf) { // the LF of a CRLF line break
            m_skipLf = false;
            if (c == u'\n') {
                ++i;
                continue;
            }
        }
        if (m_quotedCr) { // the LF of a CRLF inside quotes: kept, on the same line
            m_quotedCr = false;
            if (c == u'\n' && m_state == State::Quoted) {
                m_field += QLatin1Char('\n');
                ++i;
                continue;
            }
        }
        switch (m_state) {
        case State::FieldStart: {
            if (!m_inRecord) {
                if (c == u'\r' || c == u'\n') { // blank line
                    ++m_line;
                    m_skipLf = c == u'\r';
                    ++i;
                    continue;
                }
                m_inRecord = true;
                m_rec.line = m_line;
                m_rec.fields.reserve(m_lastFields);
            }
            // Nearly every field lies whole in the piece: unquoted (Unquoted stores it), or quoted
            // with no quote or line break inside, stored here in one step. Any other goes through
            // the states below.
            if (c == u'"') {
                qsizetype j = i + 1;
                while (j < n && p[j].unicode() != u'"' && p[j].unicode() != u'\r' && p[j].unicode() != u'\n') ++j;
                if (j + 1 < n && p[j].unicode() == u'"' && ends(p[j + 1].unicode()) && j - i - 1 <= kMaxFieldChars) {
                    if (!putField(QStringView(p + i + 1, j - i - 1))) return;
                    i = j + 2;
                    if (p[j + 1].unicode() != delim) endLine(p[j + 1].unicode());
                    continue;
                }
            }
            m_field = QString();
            if (c == u'"') {
                // Quoted field: runs to the next lone quote; "" is a quote; line breaks are kept as
                // LF or CRLF exactly as written.
                m_state = State::Quoted;
                m_quoteLine = m_line;
                ++i;
                continue;
            }
            m_state = State::Unquoted;
            [[fallthrough]];
        }
        case State::Unquoted: {
            // Text up to the delimiter or line break (also text after a closing quote, kept as it is).
            const qsizetype start = i;
            while (i < n && !ends(p[i].unicode())) ++i;
            if (i < n && m_field.isNull() && i - start <= kMaxFieldChars) {
                // The whole field lies in this piece: stored in one step.
                if (!putField(QStringView(p + start, i - start))) return;
                const char16_t end = p[i++].unicode();
                if (end != delim) endLine(end);
                continue;
            }
            if (i > start) {
                if (m_field.size() + (i - start) > kMaxFieldChars + 1) {
                    m_field += QStringView(p + start, kMaxFieldChars + 1 - m_field.size());
                    endField(); // refused: the rest is not read
                    return;
                }
                appendToField(QStringView(p + start, i - start));
            }
            if (i >= n) return; // the field may go on in the next piece
            const char16_t end = p[i].unicode();
            ++i;
            endField();
            if (m_state == State::Stopped) return;
            if (end != delim) endLine(end); // else the next field starts (FieldStart, within the record)
            continue;
        }
        case State::Quoted: {
            const qsizetype start = i;
            while (i < n && p[i].unicode() != u'"' && p[i].unicode() != u'\r' && p[i].unicode() != u'\n') ++i;
            if (m_field.size() + (i - start) > kMaxFieldChars) {
                // Refused at the same length however the text was split, without reading the rest.
                m_field += QStringView(p + start, kMaxFieldChars + 1 - m_field.size());
                endField();
                return;
            }
            if (i > start) appendToField(QStringView(p + start, i - start));
            if (i < n) {
                const char16_t q = p[i].unicode();
                ++i;
                if (q == u'"') {
                    m_state = State::QuoteSeen;
                } else {
                    m_field += QChar(q);
                    ++m_line;
                    m_quotedCr = q == u'\r';
                }
            }
            if (m_field.size() > kMaxFieldChars) {
                endField(); // refused, without reading the rest
                return;
            }
            continue;
        }
        case State::QuoteSeen:
            if (c == u'"') { // "" inside quotes: one quote
                m_field += QLatin1Char('"');
                m_state = State::Quoted;
                ++i;
                continue;
            }
            if (c != delim && c != u'\r' && c != u'\n') {
                // Text between the closing quote and the delimiter: keep it, but say so.
                m_problems.append({m_line, QStringLiteral("Line %1: unexpected text after a closing quote.").arg(m_line)});
            }
            m_state = State::Unquoted; // runs to the delimiter or line break
            continue;
        case State::Stopped:
            return;
        }
    }
}

void Parser::finish() {
    m_skipLf = m_quotedCr = false;
    switch (m_state) {
    case State::Stopped:
        return;
    case State::FieldStart:
        if (!m_inRecord) return;
        // A trailing delimiter at the end of the text: one more empty field.
        m_field = QString(QLatin1String(""));
        break;
    case State::Quoted:
        m_problems.append({m_quoteLine, QStringLiteral("Line %1: a quoted field is never closed (a \" is missing), so "
                                                       "the rest of the file cannot be read.").arg(m_quoteLine)});
        m_field.truncate(kMaxFieldChars); // the rest is unreadable anyway
        endField();
        endRecord(m_line);
        m_state = State::Stopped;
        return;
    case State::Unquoted:
    case State::QuoteSeen:
        break;
    }
    endField();
    endRecord(m_line);
}

bool Parser::take(Record& out) {
    if (m_ready.empty()) return false;
    recycle(out); // the record `out` held is done with
    out = std::move(m_ready.front());
    m_ready.pop_front();
    return true;
}

Document parseText(const QString& text, QChar delimiter) {
    Document doc;
    Parser parser(delimiter);
    parser.feed(text);
    parser.finish();
    Record r;
    while (parser.take(r)) doc.records.append(std::move(r));
    doc.problems = parser.problems();
    return doc;
}

namespace {

// Checks UTF-8 a piece at a time (a character may be split between pieces): strict, as Qt decodes
// it (no overlong forms, no surrogates, nothing above U+10FFFF).
class Utf8Check {
public:
    void feed(const char* data, qsizetype n) {
        for (qsizetype i = 0; i < n && m_ok; ++i) {
            const auto b = static_cast<unsigned char>(data[i]);
            if (m_need == 0) {
                if (b < 0x80) continue;
                if (b >= 0xC2 && b <= 0xDF) { m_need = 1; m_lo = 0x80; m_hi = 0xBF; }
                else if (b >= 0xE0 && b <= 0xEF) {
                    m_need = 2;
                    m_lo = b == 0xE0 ? 0xA0 : 0x80;
                    m_hi = b == 0xED ? 0x9F : 0xBF;
                } else if (b >= 0xF0 && b <= 0xF4) {
                    m_need = 3;
                    m_lo = b == 0xF0 ? 0x90 : 0x80;
                    m_hi = b == 0xF4 ? 0x8F : 0xBF;
                } else m_ok = false;
                continue;
            }
            if (b < m_lo || b > m_hi) {
                m_ok = false;
                continue;
            }
            m_lo = 0x80;
            m_hi = 0xBF;
            --m_need;
        }
    }
    bool ok() const { return m_ok && m_need == 0; }

private:
    bool m_ok = true;
    int m_need = 0;
    unsigned char m_lo = 0x80, m_hi = 0xBF;
};

// The next piece of the file, at most kReadChunkBytes, into `into`; false at the end or on an error
// (QFile::error() says which). The buffer is the reader's own, used again for every piece: a fresh
// allocation each time was fresh memory, every page of it a page fault (page faults were about 8 %
// of an ODS import's CPU time). It asks for what is left plus one byte (a file that grew is still
// read to its end), so a small file costs a small buffer.
bool readChunk(QFile& file, QByteArray& into) {
    const qint64 left = file.size() - file.pos();
    into.resize(std::clamp<qint64>(left + 1, 1, kReadChunkBytes));
    const qint64 got = file.read(into.data(), into.size());
    into.resize(std::max<qint64>(got, 0));
    return got > 0;
}

bool isBlankByte(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

// Whether every byte is below 0x80, eight at a time.
bool isAscii(const char* d, qsizetype n) {
    quint64 any = 0;
    qsizetype i = 0;
    for (; i + 8 <= n; i += 8) {
        quint64 w;
        std::memcpy(&w, d + i, 8);
        any |= w;
    }
    for (; i < n; ++i) any |= static_cast<unsigned char>(d[i]);
    return (any & 0x8080808080808080ULL) == 0;
}

quint64 mixWord(quint64 h, quint64 w) {
    h = (h ^ w) * 0x9E3779B97F4A7C15ULL;
    return h ^ (h >> 32);
}

} // namespace

Reader::Reader(const QString& path, QChar delimiter) : m_path(path), m_file(path), m_parser(delimiter) {
    const QString why = files::whyNotReadable(path, std::numeric_limits<qint64>::max());
    if (!why.isEmpty()) throw Error(why);
    if (!m_file.open(QIODevice::ReadOnly))
        throw Error(QStringLiteral("%1 could not be opened (%2).").arg(QDir::toNativeSeparators(path), m_file.errorString()));
    // First read: the encoding and what the bytes are, and a digest to know the file is unchanged
    // when it is read again.
    Utf8Check utf8;
    bool ascii = true;
    QByteArray head;
    QByteArray& chunk = m_chunk;
    while (readChunk(m_file, chunk)) {
        if (m_size == 0) head = chunk.left(3);
        m_size += chunk.size();
        addToDigest(chunk.constData(), chunk.size());
        const char* d = chunk.constData();
        const qsizetype n = chunk.size();
        if (!m_nul && std::memchr(d, 0, size_t(n))) m_nul = true;
        if (ascii) ascii = isAscii(d, n);
        for (qsizetype i = 0; m_blank && i < n; ++i)
            if (!isBlankByte(d[i])) m_blank = false;
        if (!ascii) utf8.feed(d, n);
    }
    if (m_file.error() != QFile::NoError)
        throw Error(QStringLiteral("%1 could not be read (%2).").arg(QDir::toNativeSeparators(path), m_file.errorString()));
    m_digest = currentDigest();
    m_hash = kHashSeed;
    m_tail = 0;
    m_tailBytes = 0;
    const bool bom = head.startsWith("\xEF\xBB\xBF");
    if (bom && m_blank == false) {
        // Only the BOM and blanks: blank too.
        m_file.seek(3);
        m_blank = true;
        while (m_blank && readChunk(m_file, chunk))
            for (char c : chunk)
                if (!isBlankByte(c)) {
                    m_blank = false;
                    break;
                }
    }
    m_utf16 = head.startsWith("\xFF\xFE") || head.startsWith("\xFE\xFF");
    m_encoding = bom ? Encoding::Utf8WithBom : (ascii || utf8.ok()) ? Encoding::Utf8 : Encoding::Windows1252;
    if (m_encoding != Encoding::Windows1252)
        m_decoder = std::make_unique<QStringDecoder>(QStringDecoder::Utf8, QStringDecoder::Flag::ConvertInitialBom);
    m_file.seek(0);
    if (bom) {
        m_file.read(3);
        addToDigest("\xEF\xBB\xBF", 3);
        m_position = 3;
    }
}

Reader::~Reader() = default;

void Reader::addToDigest(const char* bytes, qsizetype size) {
    quint64 h = m_hash;
    qsizetype i = 0;
    for (; m_tailBytes > 0 && i < size; ++i) { // first the word a previous read left unfinished
        m_tail |= quint64(static_cast<unsigned char>(bytes[i])) << (8 * m_tailBytes);
        if (++m_tailBytes == 8) {
            h = mixWord(h, m_tail);
            m_tail = 0;
            m_tailBytes = 0;
        }
    }
    for (; i + 8 <= size; i += 8) {
        h = mixWord(h, qFromLittleEndian<quint64>(bytes + i)); // the same word on any machine
    }
    for (; i < size; ++i) m_tail |= quint64(static_cast<unsigned char>(bytes[i])) << (8 * m_tailBytes++);
    m_hash = h;
}

QByteArray Reader::currentDigest() const {
    return QByteArray::number(mixWord(m_hash, m_tail ^ (quint64(m_tailBytes) << 60)), 16);
}

void Reader::fill() {
    const QByteArray& chunk = m_chunk;
    if (!readChunk(m_file, m_chunk)) {
        if (m_file.error() != QFile::NoError)
            throw Error(QStringLiteral("%1 could not be read (%2).").arg(QDir::toNativeSeparators(m_path), m_file.errorString()));
        m_atEnd = true;
        if (m_decoder) m_parser.feed(QString(m_decoder->decode(QByteArrayView())));
        m_parser.finish();
        if (m_position != m_size || currentDigest() != m_digest)
            throw Error(QStringLiteral("%1 changed while it was being read. Wait until whatever is writing it has "
                                       "finished, then try again.").arg(QDir::toNativeSeparators(m_path)));
        return;
    }
    m_position += chunk.size();
    addToDigest(chunk.constData(), chunk.size());
    if (m_decoder) {
        // Into the same text buffer each time (the parser has taken every slice of the last
        // piece): UTF-8 never takes more UTF-16 units than bytes, plus a character a previous piece
        // left unfinished.
        m_text.resize(m_decoder->requiredSpace(chunk.size()));
        const QChar* end = m_decoder->appendToBuffer(m_text.data(), chunk);
        m_text.resize(end - m_text.constData());
    } else {
        m_text = fromWindows1252(chunk);
    }
    m_fed = 0;
}

bool Reader::next(Record& out) {
    // The parser is given the chunk's text a slice at a time: splitting it anywhere gives the same
    // records (Parser), and fewer wait at once.
    constexpr qsizetype kFeedChars = 8 * 1024;
    while (!m_parser.take(out)) {
        if (m_parser.stopped()) return false;
        if (m_fed < m_text.size()) {
            const qsizetype n = std::min(kFeedChars, m_text.size() - m_fed);
            m_parser.feed(QStringView(m_text).mid(m_fed, n));
            m_fed += n;
            continue;
        }
        if (m_atEnd) return false;
        fill();
    }
    return true;
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
    QByteArray out;
    Writer writer([&](const QByteArray& part) { out += part; }, options);
    for (const QVariantList& row : rows) writer.row(row);
    writer.finish();
    return out;
}

namespace {
constexpr qsizetype kWritePart = 64 << 10;
}

Writer::Writer(std::function<void(const QByteArray&)> write, WriteOptions options)
    : m_write(std::move(write)), m_options(std::move(options)) {
    m_part.reserve(kWritePart + (4 << 10));
    if (m_options.byteOrderMark) m_part += QByteArray("\xEF\xBB\xBF");
}

void Writer::row(const QVariantList& values) {
    m_part += (encodeRow(values, m_options) + m_options.lineEnd).toUtf8();
    if (m_part.size() >= kWritePart) {
        m_write(m_part);
        m_part.resize(0); // empty, keeping its room for the next part
    }
}

void Writer::finish() {
    if (!m_part.isEmpty()) m_write(m_part);
    m_part.clear();
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

#include "exchange/JsonStream.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QStringDecoder>
#include <charconv>
#include <cmath>
#include <cstring>

namespace cb::exchange {

namespace {
constexpr qsizetype kBufferBytes = 256 << 10;

bool space(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

QString shown(char c) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x21 && u < 0x7f) return QStringLiteral("\"%1\"").arg(QLatin1Char(c));
    return QStringLiteral("a byte %1").arg(u, 2, 16, QLatin1Char('0'));
}

void appendUtf8(QByteArray& out, char32_t cp) {
    if (cp < 0x80) {
        out += char(cp);
    } else if (cp < 0x800) {
        out += char(0xc0 | (cp >> 6));
        out += char(0x80 | (cp & 0x3f));
    } else if (cp < 0x10000) {
        out += char(0xe0 | (cp >> 12));
        out += char(0x80 | ((cp >> 6) & 0x3f));
        out += char(0x80 | (cp & 0x3f));
    } else {
        out += char(0xf0 | (cp >> 18));
        out += char(0x80 | ((cp >> 12) & 0x3f));
        out += char(0x80 | ((cp >> 6) & 0x3f));
        out += char(0x80 | (cp & 0x3f));
    }
}
} // namespace

JsonStream::JsonStream(QFile& file) : m_file(file), m_base(file.pos()) { m_buffer.resize(kBufferBytes); }

void JsonStream::fail(const QString& why) const { throw JsonStreamError(why, m_line); }

bool JsonStream::fill() {
    if (m_eof) return false;
    m_base += m_end;
    m_pos = m_end = 0;
    const qint64 n = m_file.read(m_buffer.data(), m_buffer.size());
    if (n < 0) fail(QStringLiteral("the file could not be read (%1)").arg(m_file.errorString()));
    if (n == 0) {
        m_eof = true;
        return false;
    }
    m_end = n;
    return true;
}

void JsonStream::seek(qint64 offset, int line) {
    if (!m_file.seek(offset)) fail(QStringLiteral("the file could not be read again (%1)").arg(m_file.errorString()));
    m_base = offset;
    m_pos = m_end = 0;
    m_eof = false;
    m_line = line;
}

char JsonStream::take() {
    if (m_pos == m_end && !fill()) return 0;
    const char c = m_buffer[m_pos++];
    if (c == '\n') ++m_line;
    return c;
}

char JsonStream::peek() {
    for (;;) {
        if (m_pos == m_end && !fill()) return 0;
        const char c = m_buffer[m_pos];
        if (!space(c)) return c;
        ++m_pos;
        if (c == '\n') ++m_line;
    }
}

void JsonStream::expect(char c, const char* expected) {
    const char got = peek();
    if (got != c)
        fail(got == 0 ? QStringLiteral("the file ends where %1 should be").arg(QLatin1String(expected))
                      : QStringLiteral("%1 where %2 should be").arg(shown(got), QLatin1String(expected)));
    take();
}

bool JsonStream::first(char close) {
    if (peek() != close) return true;
    take();
    return false;
}

bool JsonStream::more(char close) {
    const char c = peek();
    if (c == ',') {
        take();
        return true;
    }
    if (c == close) {
        take();
        return false;
    }
    fail(c == 0 ? QStringLiteral("the file ends inside a %1").arg(close == '}' ? "record { }" : "list [ ]")
                : QStringLiteral("%1 where a comma or \"%2\" should be").arg(shown(c)).arg(QLatin1Char(close)));
}

QByteArray JsonStream::readStringBytes(bool keep) {
    expect('"', "text in quotes");
    QByteArray out;
    qsizetype length = 0;
    for (;;) {
        if (m_pos == m_end && !fill()) fail(QStringLiteral("the file ends inside text that was never closed with \""));
        // The run of plain bytes up to the next quote, backslash or control character, at once.
        const char* begin = m_buffer.constData() + m_pos;
        const char* end = m_buffer.constData() + m_end;
        const char* p = begin;
        while (p < end && *p != '"' && *p != '\\' && static_cast<unsigned char>(*p) >= 0x20 &&
               static_cast<unsigned char>(*p) < 0x80)
            ++p;
        if (p < end && static_cast<unsigned char>(*p) >= 0x80) { // kept from here on, to check it is UTF-8
            keep = true;
            while (p < end && *p != '"' && *p != '\\' && static_cast<unsigned char>(*p) >= 0x20) ++p;
        }
        length += p - begin;
        if (length > kMaxValueBytes)
            fail(QStringLiteral("a text value is longer than %1 MiB, which no Casebook record holds")
                     .arg(kMaxValueBytes >> 20));
        if (keep) out.append(begin, p - begin);
        m_pos += p - begin;
        if (p == end) continue;
        const char c = take();
        if (c == '"') {
            checkUtf8(out);
            return out;
        }
        if (c != '\\') fail(c == '\n' ? QStringLiteral("text runs on to the next line without a closing \"")
                                      : QStringLiteral("text holds a control character (%1)").arg(shown(c)));
        const char e = take();
        ++length;
        switch (e) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
            const auto hex4 = [this] {
                char32_t v = 0;
                for (int i = 0; i < 4; ++i) {
                    const char h = take();
                    v <<= 4;
                    if (h >= '0' && h <= '9') v |= char32_t(h - '0');
                    else if (h >= 'a' && h <= 'f') v |= char32_t(h - 'a' + 10);
                    else if (h >= 'A' && h <= 'F') v |= char32_t(h - 'A' + 10);
                    else fail(QStringLiteral("a \\u escape in text is not four hexadecimal digits"));
                }
                return v;
            };
            char32_t cp = hex4();
            if (cp >= 0xd800 && cp < 0xdc00) { // a surrogate pair: the second half must follow
                if (take() != '\\' || take() != 'u') fail(QStringLiteral("a \\u escape in text is half a character"));
                const char32_t low = hex4();
                if (low < 0xdc00 || low >= 0xe000) fail(QStringLiteral("a \\u escape in text is half a character"));
                cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
            } else if (cp >= 0xdc00 && cp < 0xe000) {
                fail(QStringLiteral("a \\u escape in text is half a character"));
            }
            appendUtf8(out, cp);
            break;
        }
        default:
            fail(e == 0 ? QStringLiteral("the file ends inside text that was never closed with \"")
                        : QStringLiteral("text holds an unknown escape \\%1").arg(QLatin1Char(e)));
        }
    }
}

void JsonStream::checkUtf8(const QByteArray& bytes) const {
    for (const char c : bytes)
        if (static_cast<unsigned char>(c) >= 0x80) {
            QStringDecoder decode(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
            const QString text = decode(bytes);
            if (decode.hasError()) fail(QStringLiteral("text is not valid UTF-8"));
            return;
        }
}

QString JsonStream::readString() { return QString::fromUtf8(readStringBytes(true)); } // checked UTF-8

bool JsonStream::readPlainString(const char*& begin, qsizetype& size) {
    if (peek() != '"') return false;
    const char* data = m_buffer.constData();
    const char* b = data + m_pos + 1;
    const char* e = data + m_end;
    const char* p = b;
    while (p < e && *p != '"' && *p != '\\' && static_cast<unsigned char>(*p) >= 0x20 &&
           static_cast<unsigned char>(*p) < 0x80)
        ++p;
    if (p == e || *p != '"') return false; // an escape, a control, non-ASCII or the buffer's end: the slow path
    begin = b;
    size = p - b;
    m_pos = (p - data) + 1; // no line break can be inside: control characters stopped the run
    return true;
}

QString JsonStream::readKey() {
    const char* begin = nullptr;
    qsizetype size = 0;
    if (!readPlainString(begin, size)) return readString();
    const QByteArrayView name(begin, size);
    // A table's records name their fields in the same order: the key that followed the last one
    // found, last time, is nearly always the next (and after a record's last key, the next
    // record's first).
    const std::size_t last = m_lastKey;
    if (last < m_keys.size()) {
        const std::size_t guess = m_keys[last].next;
        if (guess < m_keys.size() && m_keys[guess].bytes == name) return m_keys[m_lastKey = guess].text;
    }
    std::size_t found = 0;
    while (found < m_keys.size() && m_keys[found].bytes != name) ++found;
    if (found == m_keys.size()) {
        QString key = QString::fromLatin1(begin, size);
        if (m_keys.size() >= 512) return key; // no file Casebook writes has so many names
        m_keys.push_back({QByteArray(begin, size), key, std::size_t(-1)});
    }
    if (last < m_keys.size()) m_keys[last].next = found;
    return m_keys[m_lastKey = found].text;
}

void JsonStream::readWord(const char* word) {
    for (const char* w = word; *w; ++w)
        if (take() != *w) fail(QStringLiteral("a value is not text, a number, true, false or null"));
}

QJsonValue JsonStream::readNumber(bool keep) {
    // -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
    char text[64];
    int n = 0;
    bool integral = true;
    const auto next = [&]() -> char { return m_pos == m_end && !fill() ? 0 : m_buffer[m_pos]; };
    const auto push = [&] {
        const char c = take();
        if (n >= int(sizeof text) - 1) fail(QStringLiteral("a number has more than %1 characters").arg(sizeof text - 1));
        text[n++] = c;
    };
    const auto digits = [&] {
        if (!(next() >= '0' && next() <= '9')) fail(QStringLiteral("a number is not written as JSON numbers are"));
        while (next() >= '0' && next() <= '9') push();
    };
    if (next() == '-') push();
    if (next() == '0') push();
    else digits();
    if (next() == '.') {
        integral = false;
        push();
        digits();
    }
    if (next() == 'e' || next() == 'E') {
        integral = false;
        push();
        if (next() == '+' || next() == '-') push();
        digits();
    }
    if (!keep) return {};
    if (integral) {
        qint64 v = 0;
        const auto r = std::from_chars(text, text + n, v);
        if (r.ec == std::errc() && r.ptr == text + n) return QJsonValue(v);
    }
    double d = 0;
    const auto r = std::from_chars(text, text + n, d);
    if (r.ec == std::errc::result_out_of_range) d = text[0] == '-' ? -HUGE_VAL : HUGE_VAL;
    else if (r.ec != std::errc()) fail(QStringLiteral("a number is not written as JSON numbers are"));
    return QJsonValue(d);
}

QJsonValue JsonStream::readValue(int depth) {
    if (depth > kMaxDepth) fail(QStringLiteral("values are nested more than %1 deep").arg(kMaxDepth));
    const char c = peek();
    switch (c) {
    case '"': return readText();
    case 't': readWord("true"); return true;
    case 'f': readWord("false"); return false;
    case 'n': readWord("null"); return QJsonValue::Null;
    case '{': {
        take();
        QJsonObject o;
        if (first('}')) do {
                const QString key = readString();
                expect(':', "\":\"");
                o.insert(key, readValue(depth + 1));
            } while (more('}'));
        return o;
    }
    case '[': {
        take();
        QJsonArray a;
        if (first(']')) do a.append(readValue(depth + 1));
            while (more(']'));
        return a;
    }
    case 0: fail(QStringLiteral("the file ends where a value should be"));
    default:
        if (c == '-' || (c >= '0' && c <= '9')) return readNumber(true);
        fail(QStringLiteral("%1 where a value should be").arg(shown(c)));
    }
}

void JsonStream::skipValue(int depth) {
    if (depth > kMaxDepth) fail(QStringLiteral("values are nested more than %1 deep").arg(kMaxDepth));
    const char c = peek();
    switch (c) {
    case '"': readStringBytes(false); return;
    case 't': readWord("true"); return;
    case 'f': readWord("false"); return;
    case 'n': readWord("null"); return;
    case '{':
        take();
        if (first('}')) do {
                readStringBytes(false);
                expect(':', "\":\"");
                skipValue(depth + 1);
            } while (more('}'));
        return;
    case '[':
        take();
        if (first(']')) do skipValue(depth + 1);
            while (more(']'));
        return;
    case 0: fail(QStringLiteral("the file ends where a value should be"));
    default:
        if (c == '-' || (c >= '0' && c <= '9')) {
            readNumber(false);
            return;
        }
        fail(QStringLiteral("%1 where a value should be").arg(shown(c)));
    }
}

QString JsonStream::readText() {
    const char* begin = nullptr;
    qsizetype size = 0;
    return readPlainString(begin, size) ? QString::fromLatin1(begin, size) : readString();
}

QVariant JsonStream::readField() {
    if (peek() == '"') return readText(); // nearly every value: no QJsonValue is made for it
    const QJsonValue v = readValue(1);
    switch (v.type()) {
    case QJsonValue::Null: return {};
    case QJsonValue::Bool: return v.toBool();
    case QJsonValue::Double: return v.toDouble();
    default: return QVariant::fromValue(v); // an object or array, which no record field takes
    }
}

void JsonStream::readObject(std::vector<std::pair<QString, QVariant>>& fields, const QString& lineKey, int& keyLine) {
    fields.clear();
    expect('{', "a record in { }");
    keyLine = m_line;
    if (!first('}')) return;
    do {
        peek();
        const int at = m_line;
        QString key = readKey();
        if (key == lineKey) keyLine = at;
        expect(':', "\":\"");
        fields.emplace_back(std::move(key), readField());
    } while (more('}'));
}

} // namespace cb::exchange

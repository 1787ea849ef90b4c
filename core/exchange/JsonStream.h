#pragma once

#include <QByteArray>
#include <QFile>
#include <QJsonValue>
#include <QString>
#include <QVariant>
#include <utility>
#include <vector>

// A pull reader for JSON files too large to hold in memory (a Casebook exchange file of 50,000
// contractors is 145 MiB, and QJsonDocument needed seven times that). It reads a buffered file
// byte by byte, keeps the line number for messages, and hands over one value at a time: the
// caller walks the outer object and arrays itself, and reads each record as a small list of
// fields. Bounded for any input: nesting deeper than kMaxDepth and a single string or number
// longer than kMaxValueBytes are refused as damage, so no file can exhaust the stack or memory.
namespace cb::exchange {

// A JSON syntax or limit error at a place in the file. what() is in plain words; line() from 1.
class JsonStreamError {
public:
    JsonStreamError(QString what, int line) : m_what(std::move(what)), m_line(line) {}
    const QString& what() const { return m_what; }
    int line() const { return m_line; }

private:
    QString m_what;
    int m_line;
};

class JsonStream {
public:
    static constexpr int kMaxDepth = 64;
    static constexpr qsizetype kMaxValueBytes = 16 << 20;

    // Reads `file`, which must be open; it is read from its current position.
    explicit JsonStream(QFile& file);

    // Where the next byte will be read: a byte offset and its line, to come back to with seek().
    qint64 offset() const { return m_base + m_pos; }
    int line() const { return m_line; }
    void seek(qint64 offset, int line);

    // The next byte that is not white space, without taking it; 0 at the end of the file.
    char peek();
    // Takes the next non-space byte, which must be `c`; otherwise fails saying `expected`.
    void expect(char c, const char* expected);
    // After a value in an object or array: true at a ',' (taken), false at `close` (taken).
    bool more(char close);
    // At the start of an object or array: false (and `close` taken) when it is empty.
    bool first(char close);

    QString readString();                  // at a '"'
    QJsonValue readValue(int depth = 0);   // any value, built
    void skipValue(int depth = 0);         // any value, checked but not kept
    // One flat record { "key": value, ... } in file order. `keyLine` is set to the line of the key
    // named `lineKey` when there is one (the line a record's id is on), else the '{' line. Each
    // value as a QVariant: text a QString, a number a double (exact up to 2^53), true and false a
    // bool, null an invalid QVariant, an object or array the QJsonValue it is (which no record
    // field takes). A QJsonValue for every field cost a tenth of reading a record.
    void readObject(std::vector<std::pair<QString, QVariant>>& fields, const QString& lineKey, int& keyLine);
    // True when nothing but white space is left.
    bool atEnd() { return peek() == 0; }

    [[noreturn]] void fail(const QString& why) const;

private:
    bool fill();     // reads more of the file; false at its end
    char take();     // the next byte (0 at the end: JSON text never holds a NUL that matters here)
    QByteArray readStringBytes(bool keep); // kept whole when `keep`, else only what must be checked
    // Plain ASCII text closed within the buffer, taken at once (most keys and values); false, with
    // nothing taken, for anything else, which readString then reads.
    bool readPlainString(const char*& begin, qsizetype& size);
    QString readKey(); // a record's key: the same few names over and over, made into QStrings once
    void checkUtf8(const QByteArray& bytes) const;
    QJsonValue readNumber(bool keep);
    QString readText();   // at a '"': plain ASCII at once, anything else through readString
    QVariant readField(); // a record's value (readObject)
    void readWord(const char* word);

    QFile& m_file;
    QByteArray m_buffer;
    qsizetype m_pos = 0;
    qsizetype m_end = 0;
    qint64 m_base = 0; // file offset of m_buffer[0]
    int m_line = 1;
    bool m_eof = false;
    struct Key {
        QByteArray bytes;
        QString text;
        std::size_t next; // the key that came after it last time
    };
    std::vector<Key> m_keys;               // keys seen so far (a table has a few dozen)
    std::size_t m_lastKey = std::size_t(-1); // the one readKey found last
};

} // namespace cb::exchange

#pragma once

#include "common/Errors.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <QFile>
#include <QStringDecoder>
#include <deque>
#include <functional>
#include <memory>

// RFC 4180 comma-separated values, as they arrive from NHS publications and spreadsheets, and as
// Casebook writes them for Excel. GUI-free; shared by every importer and exporter.
namespace cb::csv {

// Limits that keep a hostile or mistaken file from exhausting memory; each is refused with a message.
// A file read by Reader (row by row) has no size limit: only one row is held at a time.
constexpr qint64 kMaxFileBytes = 256LL * 1024 * 1024; // a CSV file read whole (readFile, a Document)
constexpr int kMaxFieldChars = 1'000'000;               // one field
constexpr int kMaxFields = 10'000;                      // fields in one row
constexpr int kMaxRecordChars = 4'000'000;              // one row, all its fields together

// Reader reads a file this many bytes at a time, into buffers it keeps. Small enough that its
// buffers (the bytes and their text, twice the size) come from the heap that later allocations use
// again, not from memory mapped for them alone and given back when the reader is done: an import
// reads its file twice, and each reader's fresh pages were page faults (see Reader).
constexpr qint64 kReadChunkBytes = 32 * 1024;

enum class Encoding { Utf8, Utf8WithBom, Windows1252 };
QString describe(Encoding e); // "UTF-8", "UTF-8 with BOM", "Windows-1252 (Latin-1)"

// One record of a CSV file. Fields keep their text exactly (codes keep leading zeros; nothing is
// trimmed or typed). A field present but empty is an empty, non-null QString; a field missing
// because the row is short is a null QString (value() past the end).
struct Record {
    int line = 0;    // physical line (1-based) where the record starts, counting CR, LF and CRLF
    int endLine = 0; // physical line where it ends (differs when a quoted field holds newlines)
    QStringList fields;

    int size() const { return int(fields.size()); }
    bool has(int index) const { return index >= 0 && index < fields.size(); }
    QString value(int index) const { return has(index) ? fields.at(index) : QString(); }
};

// A structural problem (not a rule about the data): an unclosed quote, text after a closing quote.
struct Problem {
    int line = 0;
    QString message;
};

struct Document {
    Encoding encoding = Encoding::Utf8;
    QList<Record> records;   // blank lines are skipped (they still count for line numbers)
    QList<Problem> problems; // empty for a well-formed file

    // Records whose field count differs from expected: worded "line 12 has 26 fields, expected 27".
    QList<Problem> raggedRows(int expected) const;
};

// Decodes bytes: a UTF-8 BOM is honoured and removed; otherwise valid UTF-8 is read as UTF-8 and
// anything else as Windows-1252 (a superset of Latin-1 used by NHS extracts and Excel on Windows).
QString decode(const QByteArray& bytes, Encoding* detected = nullptr);

// Parses decoded text. Lenient where RFC 4180 is strict only about layout (a stray quote inside an
// unquoted field is kept as text), strict where data could be lost (an unclosed quote is a problem).
Document parseText(const QString& text, QChar delimiter = QLatin1Char(','));
Document parse(const QByteArray& bytes, QChar delimiter = QLatin1Char(','));

// Reads a whole file. Throws Error (worded for a caseworker) if it cannot be read.
Document readFile(const QString& path, QChar delimiter = QLatin1Char(','));

// The parser behind parseText, fed text a piece at a time: complete records queue up until taken.
// Splitting the text anywhere (inside a quoted field, between CR and LF) gives the same records,
// lines and problems as parsing it whole.
class Parser {
public:
    explicit Parser(QChar delimiter = QLatin1Char(','));
    void feed(QStringView text);
    void finish();                 // the end of the text: completes the last record
    bool take(Record& out);        // the next complete record, if one is waiting
    bool stopped() const { return m_state == State::Stopped; } // a refusal ended the reading
    const QList<Problem>& problems() const { return m_problems; }

private:
    enum class State { FieldStart, Unquoted, Quoted, QuoteSeen, Stopped };
    void endField();
    void endRecord(int endLine);
    void endLine(char16_t lineBreak);
    bool admitField(qsizetype chars);
    bool putField(QStringView text);
    void appendToField(QStringView text);
    void refuse(int at, const QString& what);
    void recycle(Record& done);

    QChar m_delimiter;
    State m_state = State::FieldStart;
    bool m_inRecord = false;  // something of the current record was seen (blank lines are skipped)
    bool m_skipLf = false;    // a CR ended a line: an LF right after it belongs to the same break
    bool m_quotedCr = false;  // a CR inside quotes: an LF right after it is kept, on the same line
    int m_line = 1;
    int m_quoteLine = 0;
    qsizetype m_recordChars = 0;
    qsizetype m_lastFields = 0; // fields of the last record: room for as many in the next
    Record m_rec;
    qsizetype m_fields = 0; // fields of m_rec written so far (its list may hold more, left from a record before)
    QString m_field;        // a field read in several steps (quotes inside, split between pieces)
    std::deque<Record> m_ready;
    // The field lists of records already taken and done with, with the strings still in them: a
    // file's fields are mostly short and alike, so the next records' fields are written over them
    // where nobody else holds them. One allocation (and one free) for each field, then the moving
    // of strings in and out of a pool of spares, were most of reading a file. Bounded (recycle()).
    QList<QStringList> m_spareLists;
    qsizetype m_spareStrings = 0; // strings held by m_spareLists
    QList<Problem> m_problems;
};

// A CSV file read record by record, never whole, so memory stays small however long the file is.
// Opening reads the file once to learn its encoding and what it holds (nothing is kept), then
// next() reads it again a chunk at a time. The file must be a regular file (not a device or pipe).
class Reader {
public:
    // Throws Error (worded for a caseworker) when path cannot be read.
    explicit Reader(const QString& path, QChar delimiter = QLatin1Char(','));
    ~Reader();
    Reader(const Reader&) = delete;
    Reader& operator=(const Reader&) = delete;

    Encoding encoding() const { return m_encoding; }
    // What the first read found: every byte blank (or only a UTF-8 BOM), a UTF-16 byte order mark,
    // a NUL byte (binary data).
    bool blank() const { return m_blank; }
    bool utf16() const { return m_utf16; }
    bool binary() const { return m_nul; }
    qint64 size() const { return m_size; }         // bytes, as first read
    qint64 position() const { return m_position; } // bytes read so far by next()
    QByteArray digest() const { return m_digest; } // of the whole file as first read

    // The next record; false at the end or when the file cannot be read further (see problems()).
    // Throws Error if the file changed since it was opened (its contents would not be what was checked).
    bool next(Record& out);
    const QList<Problem>& problems() const { return m_parser.problems(); }

private:
    void fill();
    QString m_path;
    QFile m_file;
    Encoding m_encoding = Encoding::Utf8;
    bool m_blank = true, m_utf16 = false, m_nul = false, m_atEnd = false;
    qint64 m_size = 0, m_position = 0;
    QByteArray m_digest;
    // A 64-bit hash of the bytes, eight at a time, to know a second read sees the bytes the first
    // did. Not a secure digest, nor needs to be: SHA-1 was a tenth of an ODS import's CPU time (two
    // reads a file), and FNV-1a a byte at a time still 2 %. The bytes short of a whole word wait in
    // m_tail, so where a read ends does not change the hash.
    quint64 m_hash = kHashSeed;
    quint64 m_tail = 0;
    int m_tailBytes = 0;
    static constexpr quint64 kHashSeed = 14695981039346656037ULL;
    void addToDigest(const char* bytes, qsizetype size);
    QByteArray currentDigest() const;
    std::unique_ptr<QStringDecoder> m_decoder;
    Parser m_parser;
    // The text of the last chunk read, given to the parser a slice at a time as records are taken,
    // so that few records wait at once and their buffers can be used again (Parser::recycle).
    QString m_text;
    QByteArray m_chunk; // the piece of the file last read, its buffer used again (readChunk)
    qsizetype m_fed = 0;
};

// Writing. A value is a QVariant: null -> empty field; numbers are written as numbers; text is
// written as text and, when guardFormulas is on, a text cell starting with = + - @ tab or CR gets a
// leading ' so a spreadsheet shows it instead of running it as a formula.
struct WriteOptions {
    bool byteOrderMark = true; // so Excel reads UTF-8 correctly
    bool guardFormulas = true; // for files meant for spreadsheets
    QString lineEnd = QStringLiteral("\r\n");
};

bool needsFormulaGuard(const QString& text);
QString guarded(const QString& text); // text with the leading ' when needed
QString encodeField(const QVariant& value, const WriteOptions& options = {});
QString encodeRow(const QVariantList& row, const WriteOptions& options = {});
QByteArray encode(const QList<QVariantList>& rows, const WriteOptions& options = {});
QByteArray encode(const QList<QStringList>& rows, const WriteOptions& options = {});

// The same bytes as encode(), handed to `write` in parts of about 64 KiB as the rows come, so a
// file of any length is never held whole. finish() writes the last part.
class Writer {
public:
    explicit Writer(std::function<void(const QByteArray&)> write, WriteOptions options = {});
    void row(const QVariantList& values);
    void finish();

private:
    std::function<void(const QByteArray&)> m_write;
    WriteOptions m_options;
    QByteArray m_part;
};

} // namespace cb::csv

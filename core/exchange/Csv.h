#pragma once

#include "common/Errors.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVariant>

// RFC 4180 comma-separated values, as they arrive from NHS publications and spreadsheets, and as
// Casebook writes them for Excel. GUI-free; shared by every importer and exporter.
namespace cb::csv {

// Limits that keep a hostile or mistaken file from exhausting memory; each is refused with a message.
constexpr qint64 kMaxFileBytes = 256LL * 1024 * 1024; // a CSV file
constexpr int kMaxFieldChars = 1'000'000;               // one field
constexpr int kMaxFields = 10'000;                      // fields in one row

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

} // namespace cb::csv

#pragma once

#include "common/Errors.h"

#include <QString>
#include "store/Row.h"

// Hostile or damaged text (NUL bytes, terminal escape sequences, bell, right-to-left overrides, a
// megabyte pasted into an address line) is refused where records are written and made visible,
// never passed through raw, wherever text is shown or written out.
namespace cb::text {

// Longest text Casebook stores in one field: free-text fields (notes, descriptions, summaries...)
// and everything else (names, codes, address lines...).
constexpr int kMaxLongText = 100'000;
constexpr int kMaxShortText = 2'000;

// True for characters that must never be stored or echoed: C0 controls other than tab, line feed
// and carriage return; DEL; C1 controls; bidirectional overrides and isolates; stray BOMs.
bool isHostile(QChar c);

// The first hostile character of text, described for a caseworker ("an escape character (ESC)"),
// or an empty string when there is none.
QString firstHostile(const QString& text);

// The longest text a column may hold.
int maxLength(const QString& column);

// Checks every text value of a record about to be written; throws ValidationError naming each
// field that holds control characters or is too long. Numbers, dates and nulls pass untouched.
void checkRecord(const QString& table, const Row& row);

// Text safe to print on a terminal or write to a file meant for people: hostile characters are
// shown as \x1B-style escapes; tab, line feed and CR+LF are kept, and a lone CR too when
// keepCarriageReturns (a quoted CSV cell holds it safely; a terminal would jump back on it).
QString printable(const QString& text, bool keepCarriageReturns = false);

// Text with hostile characters removed (for values from national files, which are cleaned and
// noted rather than refused). removed counts what went.
QString stripped(const QString& text, int* removed = nullptr);

} // namespace cb::text

#pragma once

#include <QString>
#include <QStringList>

// The smallest RFC 4180 writer for report output: a field containing a comma, quote or line break
// is quoted, with its quotes doubled; lines end with CRLF. Text meant for spreadsheets starting
// with = + - @, tab or carriage return is prefixed with ' so it is never run as a formula.
namespace cb::reportcsv {

QString field(const QString& value, bool guardFormulas = true);
QString line(const QStringList& fields, bool guardFormulas = true); // ends with "\r\n"

} // namespace cb::reportcsv

#pragma once

#include <QDate>
#include <QString>

namespace cb {

// What a caseworker typed into a date field, read the way they meant it. Pure: "today" is passed
// in (from an injectable Clock) so every form can be tested over many dates.
//
// Accepted: 30/11/2026, 30/11/26, 301126, 30112026, 30.11.2026, 30-11-2026, 30 11 2026, 30/11 (this
// year), 2026-11-30 (ISO), t or today, +14 / -7 (days from today), t+14. Two-digit years fall in
// the 100 years that run from 80 years before today to 20 years after it.
struct DateInput {
    enum class Kind { Empty, Date, Invalid };
    Kind kind = Kind::Empty;
    QDate date;      // set when kind == Date
    QString message; // when kind == Invalid: what was wrong and what to type instead

    bool isEmpty() const { return kind == Kind::Empty; }
    bool isDate() const { return kind == Kind::Date; }
    bool isInvalid() const { return kind == Kind::Invalid; }

    static DateInput parse(const QString& text, const QDate& today);

    // The earliest and latest dates a field accepts (a guard against typing slips like 3026).
    static QDate earliest() { return QDate(1900, 1, 1); }
    static QDate latest() { return QDate(2200, 12, 31); }
};

} // namespace cb

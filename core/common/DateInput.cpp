#include "common/DateInput.h"

#include <QLocale>
#include <QRegularExpression>

namespace cb {

namespace {

const QString kHowTo = QStringLiteral("Type it as day/month/year, like 30/11/2026, or t for today, or +14 for two weeks from today.");

DateInput invalid(const QString& message) {
    DateInput d;
    d.kind = DateInput::Kind::Invalid;
    d.message = message;
    return d;
}

DateInput valid(const QDate& date, const QString& text) {
    if (date < DateInput::earliest() || date > DateInput::latest())
        return invalid(QStringLiteral("\"%1\" is %2, outside the years Casebook accepts (%3 to %4). Check the year.")
                           .arg(text, date.toString(QStringLiteral("dd/MM/yyyy")))
                           .arg(DateInput::earliest().year())
                           .arg(DateInput::latest().year()));
    DateInput d;
    d.kind = DateInput::Kind::Date;
    d.date = date;
    return d;
}

// 26 -> 2026 (or 1990 for 90 when today is in 2026): the century that puts the date within
// 80 years before and 20 years after today.
int fullYear(int twoDigits, const QDate& today) {
    const int pivot = today.year() + 20;
    int year = (pivot / 100) * 100 + twoDigits;
    if (year > pivot) year -= 100;
    return year;
}

DateInput dayMonthYear(int day, int month, int year, const QString& text) {
    if (month < 1 || month > 12)
        return invalid(QStringLiteral("\"%1\" is not a date: %2 is not a month (1 to 12). %3").arg(text).arg(month).arg(kHowTo));
    const QDate first(year, month, 1);
    if (day < 1 || day > first.daysInMonth()) {
        const QString monthName = QLocale(QLocale::English, QLocale::UnitedKingdom).monthName(month);
        return invalid(QStringLiteral("\"%1\" is not a date: %2 %3 has %4 days. Check the day.")
                           .arg(text, monthName)
                           .arg(year)
                           .arg(first.daysInMonth()));
    }
    return valid(QDate(year, month, day), text);
}

} // namespace

DateInput DateInput::parse(const QString& raw, const QDate& today) {
    const QString text = raw.trimmed();
    if (text.isEmpty()) return {};
    const QString lower = text.toLower();

    // Today and days from today: t, today, +14, -7, t+14, today - 7, +14d.
    static const QRegularExpression relative(QStringLiteral("^(?:t|today)?\\s*(?:([+-])\\s*(\\d{1,5})\\s*d?)?$"));
    if (const auto m = relative.match(lower); m.hasMatch() && !lower.isEmpty()) {
        if (m.captured(1).isEmpty()) return valid(today, text); // "t" or "today"
        const int days = m.captured(2).toInt();
        return valid(today.addDays(m.captured(1) == QLatin1String("-") ? -days : days), text);
    }

    // ISO: 2026-11-30.
    static const QRegularExpression iso(QStringLiteral("^(\\d{4})-(\\d{1,2})-(\\d{1,2})$"));
    if (const auto m = iso.match(text); m.hasMatch())
        return dayMonthYear(m.captured(3).toInt(), m.captured(2).toInt(), m.captured(1).toInt(), text);

    // Day, month and (optionally) year with separators: 30/11/2026, 30.11.26, 30-11-2026, 30 11 2026, 30/11.
    static const QRegularExpression separated(QStringLiteral("^(\\d{1,2})\\s*[/.\\- ]\\s*(\\d{1,2})(?:\\s*[/.\\- ]\\s*(\\d{2}|\\d{4}))?$"));
    if (const auto m = separated.match(text); m.hasMatch()) {
        const QString y = m.captured(3);
        const int year = y.isEmpty() ? today.year() : (y.size() == 2 ? fullYear(y.toInt(), today) : y.toInt());
        return dayMonthYear(m.captured(1).toInt(), m.captured(2).toInt(), year, text);
    }

    // Digits only: 301126 (ddmmyy), 30112026 (ddmmyyyy), or 20261130 (yyyymmdd) when that is the only reading.
    static const QRegularExpression digits(QStringLiteral("^\\d+$"));
    if (digits.match(text).hasMatch()) {
        if (text.size() == 6)
            return dayMonthYear(text.left(2).toInt(), text.mid(2, 2).toInt(), fullYear(text.mid(4, 2).toInt(), today), text);
        if (text.size() == 8) {
            const DateInput dmy = dayMonthYear(text.left(2).toInt(), text.mid(2, 2).toInt(), text.mid(4).toInt(), text);
            if (dmy.isDate()) return dmy;
            const DateInput ymd = dayMonthYear(text.mid(6, 2).toInt(), text.mid(4, 2).toInt(), text.left(4).toInt(), text);
            return ymd.isDate() ? ymd : dmy;
        }
        return invalid(QStringLiteral("\"%1\" is not a date: type 6 digits (301126) or 8 (30112026), or use slashes "
                                      "like 30/11/2026.")
                           .arg(text));
    }
    return invalid(QStringLiteral("\"%1\" is not a date. %2").arg(text, kHowTo));
}

} // namespace cb

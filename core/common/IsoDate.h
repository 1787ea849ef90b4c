#pragma once

#include <QDate>
#include <QString>

// Dates as Casebook stores them: ISO 8601 text, "2026-11-22". Qt's general date formatting and
// parsing showed in every import's profile (a record's dates are read and written several times on
// their way to the database): a plain four-digit year with two-digit month and day is written and
// read here, and anything else goes to Qt, so the results are always Qt's
// (tests/core/test_identifier_rules.cpp holds them to it).
namespace cb::iso {

inline QString dateText(const QDate& date) {
    int y = 0, m = 0, d = 0;
    date.getDate(&y, &m, &d);
    if (!date.isValid() || y < 1 || y > 9999) return date.toString(Qt::ISODate);
    const char16_t text[10] = {char16_t(u'0' + y / 1000),     char16_t(u'0' + y / 100 % 10), char16_t(u'0' + y / 10 % 10),
                               char16_t(u'0' + y % 10),       u'-',
                               char16_t(u'0' + m / 10),       char16_t(u'0' + m % 10),       u'-',
                               char16_t(u'0' + d / 10),       char16_t(u'0' + d % 10)};
    return QString(reinterpret_cast<const QChar*>(text), 10);
}

inline QDate dateFrom(const QString& text) {
    if (text.size() == 10 && text[4] == u'-' && text[7] == u'-') {
        int digits[8];
        int n = 0;
        for (const int i : {0, 1, 2, 3, 5, 6, 8, 9}) {
            const char16_t c = text[i].unicode();
            if (c < u'0' || c > u'9') return QDate::fromString(text, Qt::ISODate);
            digits[n++] = c - u'0';
        }
        const int y = digits[0] * 1000 + digits[1] * 100 + digits[2] * 10 + digits[3];
        if (y < 1) return {};
        return QDate(y, digits[4] * 10 + digits[5], digits[6] * 10 + digits[7]);
    }
    return QDate::fromString(text, Qt::ISODate);
}

} // namespace cb::iso

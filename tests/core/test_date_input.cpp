#include "TestSupport.h"
#include "common/DateInput.h"

#include <QRandomGenerator>

using namespace cb;

namespace {
const QDate kToday(2026, 11, 30);

QDate parsed(const QString& text, const QDate& today = kToday) {
    const DateInput d = DateInput::parse(text, today);
    INFO("typed " << text.toStdString() << ": " << d.message.toStdString());
    REQUIRE(d.isDate());
    return d.date;
}

QString problem(const QString& text) {
    const DateInput d = DateInput::parse(text, kToday);
    INFO("typed " << text.toStdString());
    REQUIRE(d.isInvalid());
    REQUIRE(!d.date.isValid());
    REQUIRE(!d.message.isEmpty());
    return d.message;
}
} // namespace

TEST_CASE("a date typed the ways caseworkers type it is read as that date", "[dates]") {
    const QDate want(2026, 11, 30);
    for (const char* text : {"30/11/2026", "30/11/26", "301126", "30112026", "30.11.2026", "30-11-2026", "30 11 2026",
                             "2026-11-30", " 30/11/2026 ", "30 / 11 / 2026", "30/11", "20261130"})
        REQUIRE(parsed(QString::fromLatin1(text)) == want);
    REQUIRE(parsed("1/2/2027") == QDate(2027, 2, 1));
    REQUIRE(parsed("01/02/27") == QDate(2027, 2, 1));
}

TEST_CASE("t is today and +N or -N counts days from today", "[dates]") {
    REQUIRE(parsed("t") == kToday);
    REQUIRE(parsed("T") == kToday);
    REQUIRE(parsed("today") == kToday);
    REQUIRE(parsed("+14") == QDate(2026, 12, 14));
    REQUIRE(parsed("-7") == QDate(2026, 11, 23));
    REQUIRE(parsed("t+1") == QDate(2026, 12, 1));
    REQUIRE(parsed("t - 30") == QDate(2026, 10, 31));
    REQUIRE(parsed("+0") == kToday);
    // The same words on other days, across month, year and leap-day boundaries.
    for (const QDate today : {QDate(2024, 2, 28), QDate(2026, 12, 31), QDate(2000, 1, 1), QDate(2099, 6, 15)})
        for (int n = -400; n <= 400; n += 7) {
            REQUIRE(parsed(QStringLiteral("%1%2").arg(n < 0 ? "-" : "+").arg(std::abs(n)), today) == today.addDays(n));
            REQUIRE(parsed(QStringLiteral("t"), today) == today);
        }
}

TEST_CASE("an empty date field stays empty", "[dates]") {
    for (const char* text : {"", "   ", "\t"}) {
        const DateInput d = DateInput::parse(QString::fromLatin1(text), kToday);
        REQUIRE(d.isEmpty());
        REQUIRE(!d.date.isValid());
        REQUIRE(d.message.isEmpty());
    }
}

TEST_CASE("every day over fifty years reads back from every accepted form", "[dates]") {
    // Property: for each day, each way of writing it parses to exactly that day.
    const QStringList forms{"dd/MM/yyyy", "d/M/yyyy", "dd.MM.yyyy", "dd-MM-yyyy", "ddMMyyyy", "yyyy-MM-dd", "dd/MM/yy", "ddMMyy"};
    int checked = 0;
    for (QDate day(1990, 1, 1); day <= QDate(2040, 12, 31); day = day.addDays(1))
        for (const QString& form : forms) {
            const QString text = day.toString(form);
            const DateInput d = DateInput::parse(text, kToday);
            if (!d.isDate() || d.date != day) FAIL_CHECK(text.toStdString() << " read as " << d.date.toString(Qt::ISODate).toStdString());
            ++checked;
        }
    REQUIRE(checked > 100000);
}

TEST_CASE("two-digit years fall within 80 years before and 20 after today", "[dates]") {
    REQUIRE(parsed("01/01/46") == QDate(2046, 1, 1));
    REQUIRE(parsed("01/01/47") == QDate(1947, 1, 1));
    REQUIRE(parsed("150390") == QDate(1990, 3, 15));
    for (int yy = 0; yy < 100; ++yy) {
        const QDate d = parsed(QStringLiteral("01/06/%1").arg(yy, 2, 10, QLatin1Char('0')));
        REQUIRE(d.year() % 100 == yy);
        REQUIRE(d.year() > kToday.year() - 80);
        REQUIRE(d.year() <= kToday.year() + 20);
    }
}

TEST_CASE("an impossible date is refused with a message saying what to fix, never a nearby date", "[dates]") {
    REQUIRE(problem("31/11/2026").contains("November 2026 has 30 days"));
    REQUIRE(problem("29/02/2027").contains("February 2027 has 28 days"));
    REQUIRE(parsed("29/02/2028") == QDate(2028, 2, 29));
    REQUIRE(problem("30/13/2026").contains("13 is not a month"));
    REQUIRE(problem("00/11/2026").contains("has 30 days"));
    REQUIRE(problem("next tuesday").contains("like 30/11/2026"));
    REQUIRE(problem("3011").contains("6 digits"));
    REQUIRE(problem("30/11/3026").contains("Check the year"));
    REQUIRE(problem("+999999").contains("30/11/2026"));
    REQUIRE(problem("1/1/1899").contains("Check the year"));
    // Every day one past the end of each month, over several years, is refused.
    for (int year = 2020; year <= 2030; ++year)
        for (int month = 1; month <= 12; ++month) {
            const int past = QDate(year, month, 1).daysInMonth() + 1;
            if (past <= 31) problem(QStringLiteral("%1/%2/%3").arg(past).arg(month).arg(year));
        }
}

TEST_CASE("whatever is typed, the result is empty, a date in range, or a message", "[dates]") {
    // Property over random keystrokes from the characters people type in date fields.
    QRandomGenerator rng(15);
    const QString alphabet = QStringLiteral("0123456789/.- +-tTodayx");
    for (int i = 0; i < 20000; ++i) {
        QString text;
        const int n = int(rng.bounded(12));
        for (int k = 0; k < n; ++k) text += alphabet.at(int(rng.bounded(alphabet.size())));
        const DateInput d = DateInput::parse(text, kToday);
        if (d.isDate()) {
            REQUIRE(d.date >= DateInput::earliest());
            REQUIRE(d.date <= DateInput::latest());
            // Showing the date and reading it back gives the same day.
            REQUIRE(parsed(d.date.toString("dd/MM/yyyy")) == d.date);
        } else if (d.isInvalid()) {
            REQUIRE(!d.message.isEmpty());
            REQUIRE(d.message.contains(text.trimmed()));
        } else {
            REQUIRE(text.trimmed().isEmpty());
        }
    }
}

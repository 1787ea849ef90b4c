// Postcodes, telephone numbers and code formats are checked by hand-written code (imports check
// every row, and the regular expressions were a tenth of an import's time). These tests hold that
// code to the patterns it replaced, kept here as the definition: the same answer for every input,
// on random strings built from the characters that matter (letters, digits, spaces of every kind,
// brackets, +44, accented and Arabic-Indic characters) and on the real shapes.
#include "TestSupport.h"
#include "common/Identifiers.h"
#include "common/IsoDate.h"

#include <QRandomGenerator>
#include <QRegularExpression>

using namespace cb;

namespace {

// The definitions, as the code said them before.
const QString kPostcodePattern = QStringLiteral("([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})");

QString patternNormalisePostcode(const QString& postcode) {
    QString compact = postcode.toUpper();
    compact.remove(QRegularExpression(QStringLiteral("\\s")));
    const QRegularExpression re(QRegularExpression::anchoredPattern(kPostcodePattern));
    const auto m = re.match(compact);
    if (!m.hasMatch()) return postcode.simplified().toUpper();
    return m.captured(1) + QLatin1Char(' ') + m.captured(2);
}

bool patternIsValidPostcode(const QString& postcode) {
    const QRegularExpression re(QRegularExpression::anchoredPattern(kPostcodePattern));
    return re.match(postcode).hasMatch() && postcode == patternNormalisePostcode(postcode);
}

bool patternIsValidTelephone(const QString& telephone) {
    QString digits = telephone;
    digits.remove(QRegularExpression(QStringLiteral("[\\s()-]")));
    if (digits.startsWith(QLatin1String("+44"))) digits = QLatin1Char('0') + digits.mid(3);
    return QRegularExpression(QRegularExpression::anchoredPattern(QStringLiteral("0[0-9]{9,10}"))).match(digits).hasMatch();
}

// A random string of up to 12 characters drawn from `alphabet`.
QString randomText(QRandomGenerator& rng, const QString& alphabet) {
    QString s;
    const int n = int(rng.bounded(13));
    for (int i = 0; i < n; ++i) s += alphabet.at(int(rng.bounded(alphabet.size())));
    return s;
}

const QString kPostcodeAlphabet = QStringLiteral("ABMNSWZ019aqz \t\n\u00a0\u2009\u00df-");
const QString kTelephoneAlphabet = QStringLiteral("0123456789 +()-\t\u00a0\u0661x");

} // namespace

TEST_CASE("postcodes: the written-out check gives the pattern's answer for every input", "[register][rules][property]") {
    // Real shapes first: every outward form, spaced and not, upper and lower case.
    const QStringList real = {"M1 1AE",   "M11AE",    "m1 1ae",  "B33 8TH",   "CR2 6XH",  "DN55 1PT", "W1A 0AX",
                              "EC1A 1BB", "EC1A1BB",  "SW1A  1AA", " ts181hu ", "TS18",    "TS18 1H",  "1M1 1AE",
                              "MM1A 1AE", "M1A1 1AE", "",         "GIR 0AA",   "M1\t1AE", "M1 1AE\n", "AA99 9AA"};
    for (const QString& p : real) {
        INFO(p.toStdString());
        CHECK(ident::normalisePostcode(p) == patternNormalisePostcode(p));
        CHECK(ident::isValidPostcode(p) == patternIsValidPostcode(p));
        CHECK(ident::looksLikePostcode(p) == patternIsValidPostcode(patternNormalisePostcode(p)));
    }
    QRandomGenerator rng(20261201);
    int valid = 0;
    for (int i = 0; i < 20000; ++i) {
        QString p = randomText(rng, kPostcodeAlphabet);
        // Half of them shaped like a postcode, so the valid side is tried as often as the invalid.
        if (i % 2) p = randomText(rng, QStringLiteral("ABZ")).left(2) + randomText(rng, QStringLiteral("09")).left(1) +
                       randomText(rng, QStringLiteral("A09 ")).left(2) + randomText(rng, QStringLiteral("09")).left(1) +
                       randomText(rng, QStringLiteral("ABz")).left(2);
        INFO(p.toStdString());
        const QString normal = ident::normalisePostcode(p);
        REQUIRE(normal == patternNormalisePostcode(p));
        REQUIRE(ident::isValidPostcode(p) == patternIsValidPostcode(p));
        REQUIRE(ident::isValidPostcode(normal) == patternIsValidPostcode(normal));
        valid += ident::isValidPostcode(normal);
    }
    CHECK(valid > 1000); // the shaped half reached the valid side
}

TEST_CASE("telephone numbers: the written-out check gives the pattern's answer for every input", "[register][rules][property]") {
    const QStringList real = {"01642 123456", "(01642) 123 456", "+44 1642 123456", "+441642123456", "0800 123 4567",
                              "080012345678", "1642 123456",     "01642-12345",     "",               "+44",
                              "0",            "01642 12345x",    "+4401642123456",  "00441642123456", "0207\t946\t0000"};
    for (const QString& t : real) {
        INFO(t.toStdString());
        CHECK(ident::isValidTelephone(t) == patternIsValidTelephone(t));
    }
    QRandomGenerator rng(1642);
    int valid = 0;
    for (int i = 0; i < 20000; ++i) {
        QString t = randomText(rng, kTelephoneAlphabet);
        if (i % 2) t = (i % 4 == 1 ? QStringLiteral("+44") : QStringLiteral("0")) + randomText(rng, QStringLiteral("0123456789 -"));
        INFO(t.toStdString());
        const bool ok = ident::isValidTelephone(t);
        REQUIRE(ok == patternIsValidTelephone(t));
        valid += ok;
    }
    CHECK(valid > 1000);
}

TEST_CASE("a code is normalised the same whether it is already in capitals or not", "[register][rules][property]") {
    // normaliseCode keeps a code that needs nothing done as it is: the answer is always that of
    // trimming, capitals, and spaces taken out.
    QRandomGenerator rng(1203);
    const QString alphabet = QStringLiteral("AZaz09 \t\n\r-_/.~\u007f\u00a0\u00df\u00e9\u01c5\u0661");
    int unchanged = 0;
    for (int i = 0; i < 20000; ++i) {
        QString code = randomText(rng, alphabet);
        if (i % 2) code = randomText(rng, QStringLiteral("ABCFPVZ0189-"));
        INFO(code.toStdString());
        QString expected = code.trimmed().toUpper();
        expected.remove(QLatin1Char(' '));
        const QString got = ident::normaliseCode(code);
        REQUIRE(got == expected);
        unchanged += got == code;
    }
    CHECK(unchanged > 5000);
}

TEST_CASE("code formats: the written-out shapes give the patterns' answers for every code", "[register][rules][property]") {
    const auto pattern = [](const QString& re, const QString& code) {
        return QRegularExpression(QRegularExpression::anchoredPattern(re)).match(ident::normaliseCode(code)).hasMatch();
    };
    const struct {
        const char* group;
        const char* pattern;
    } groups[] = {{"general_practice", "[A-Z][0-9]{5}|[A-Z]{3}[0-9]{3}"},
                  {"dental", "V[0-9]{5,6}"},
                  {"pharmacy", "F[A-Z0-9]{4}"},
                  {"appliance", "F[A-Z0-9]{4}"},
                  {"eye_health", "[A-Z0-9]{3,10}"}};
    QRandomGenerator rng(27);
    const QString alphabet = QStringLiteral("AFPVZ09a -\n\u00c9\u0661");
    for (int i = 0; i < 20000; ++i) {
        QString code = randomText(rng, alphabet);
        if (i % 3 == 1) code = QStringLiteral("AFPV").at(int(rng.bounded(4))) + randomText(rng, QStringLiteral("0123456789"));
        if (i % 3 == 2) code = randomText(rng, QStringLiteral("ABZ")).left(3) + randomText(rng, QStringLiteral("09"));
        INFO(code.toStdString());
        for (const auto& g : groups)
            REQUIRE(ident::checkOdsCode(QString::fromLatin1(g.group), code).isEmpty() ==
                    (!ident::normaliseCode(code).isEmpty() && pattern(QString::fromLatin1(g.pattern), code)));
        REQUIRE(ident::checkBranchCode(code).isEmpty() == pattern(QStringLiteral("[A-Z][0-9]{5}[0-9]{3}"), code));
        REQUIRE(ident::checkCommissionerCode(code).isEmpty() ==
                (ident::normaliseCode(code).isEmpty() || pattern(QStringLiteral("[A-Z0-9]{3}|[A-Z0-9]{5}"), code)));
        REQUIRE(ident::checkParentCode(QStringLiteral("pharmacy"), code).isEmpty() ==
                (ident::normaliseCode(code).isEmpty() || pattern(QStringLiteral("P[A-Z0-9]{3,4}|[A-Z0-9]{5}"), code)));
        REQUIRE(ident::checkParentCode(QStringLiteral("dental"), code).isEmpty() ==
                (ident::normaliseCode(code).isEmpty() || pattern(QStringLiteral("[A-Z0-9]{3,10}"), code)));
    }
}

TEST_CASE("ISO dates: written and read as Qt writes and reads them", "[register][rules][property]") {
    QRandomGenerator rng(20261201);
    // Every day of some years, the ends of the range Qt writes, and dates it cannot write.
    QList<QDate> dates{QDate(), QDate(1, 1, 1), QDate(9999, 12, 31), QDate(10000, 1, 1), QDate(-1, 6, 1),
                       QDate(1948, 7, 5), QDate(2000, 2, 29), QDate(2024, 2, 29)};
    for (QDate d(2023, 1, 1); d.year() < 2025; d = d.addDays(1)) dates << d;
    for (int i = 0; i < 20'000; ++i) dates << QDate(1 + int(rng.bounded(9999)), 1 + int(rng.bounded(12)), 1 + int(rng.bounded(31)));
    for (const QDate& d : dates) {
        INFO(d.toString(Qt::ISODate).toStdString());
        CHECK(iso::dateText(d) == d.toString(Qt::ISODate));
        CHECK(iso::dateFrom(d.toString(Qt::ISODate)) == QDate::fromString(d.toString(Qt::ISODate), Qt::ISODate));
    }
    // Text of every shape near a date: digits, signs, other separators, spaces, Arabic-Indic digits,
    // 10 characters or around, and impossible days and months.
    const QString alphabet = QStringLiteral("0123456789--/. +x\u0663");
    int plain = 0;
    for (int i = 0; i < 60'000; ++i) {
        QString text;
        if (i % 2 == 0) { // half have the fast path's shape, with months to 13 and days to 32
            text = QString::asprintf("%04d-%02d-%02d", int(rng.bounded(10000)), int(rng.bounded(14)), int(rng.bounded(33)));
        } else {
            const int size = 8 + int(rng.bounded(5));
            for (int c = 0; c < size; ++c) text += alphabet.at(int(rng.bounded(alphabet.size())));
        }
        plain += text.size() == 10 && text[4] == u'-' && text[7] == u'-' && QDate::fromString(text, Qt::ISODate).isValid();
        INFO(text.toStdString());
        CHECK(iso::dateFrom(text) == QDate::fromString(text, Qt::ISODate));
    }
    CHECK(plain > 10'000); // valid dates were among them, not only refusals
    for (const QString& text : {QStringLiteral("0000-01-01"), QStringLiteral("2026-02-30"), QStringLiteral("2026-13-01"),
                                QStringLiteral("2026-11-22T10:00"), QStringLiteral(" 2026-11-22"), QString()})
        CHECK(iso::dateFrom(text) == QDate::fromString(text, Qt::ISODate));
}

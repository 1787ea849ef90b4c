#include "common/Identifiers.h"
#include "common/CodeShape.h"
#include "common/IsoDate.h"

#include <QHash>
#include <QLocale>
#include <QRegularExpression>

#include <algorithm>

namespace cb::ident {

namespace {
// Validation runs for every imported or seeded row: compile each pattern once.
bool matches(const QString& pattern, const QString& s) {
    thread_local QHash<QString, QRegularExpression> cache;
    auto it = cache.find(pattern);
    if (it == cache.end()) it = cache.insert(pattern, QRegularExpression(QRegularExpression::anchoredPattern(pattern)));
    return it->match(s).hasMatch();
}
} // namespace

// 3 to 10 letters or digits (optical and other organisation codes).
const std::initializer_list<const char*> kThreeToTen = {"xxx", "xxxx", "xxxxx", "xxxxxx", "xxxxxxx", "xxxxxxxx",
                                                        "xxxxxxxxx", "xxxxxxxxxx"};

QString normaliseCode(const QString& code) {
    // A code as files and forms nearly always give it (capitals, digits, no spaces) is kept as it
    // is, without the three copies below: every row of an ODS import normalises several codes.
    // Printable ASCII other than a space and a-z is what trimmed() and toUpper() leave alone.
    if (std::all_of(code.cbegin(), code.cend(), [](QChar ch) {
            const char16_t c = ch.unicode();
            return c > u' ' && c < 0x7f && !(c >= u'a' && c <= u'z');
        }))
        return code;
    QString c = code.trimmed().toUpper();
    c.remove(QLatin1Char(' '));
    return c;
}

QString checkOdsCode(const QString& group, const QString& rawCode) {
    const QString code = normaliseCode(rawCode);
    if (code.isEmpty()) return QStringLiteral("Enter the ODS code.");
    if (group == QLatin1String("general_practice")) {
        // Letter + 5 digits; crown dependency practices use 3 letters + 3 digits (GUE010, ALD200).
        if (isPracticeCode(code)) return {};
        return QStringLiteral("A GP practice code is a letter followed by 5 digits, like A81001.");
    }
    if (group == QLatin1String("dental")) {
        if (isDentalCode(code)) return {};
        return QStringLiteral("A dental practice code is V followed by 5 or 6 digits, like V00003.");
    }
    if (group == QLatin1String("pharmacy") || group == QLatin1String("appliance")) {
        if (isPharmacyCode(code)) return {};
        return QStringLiteral("A pharmacy or appliance contractor code is F followed by 4 letters or digits, like "
                              "FA002.");
    }
    if (group == QLatin1String("eye_health")) {
        // Optical sites have no single published pattern: letters and digits, 3 to 10 characters.
        if (hasShape(code, kThreeToTen)) return {};
        return QStringLiteral("An eye health contractor code is 3 to 10 letters or digits.");
    }
    return QStringLiteral("Choose the contractor group before entering the ODS code.");
}

QString checkBranchCode(const QString& rawCode) {
    const QString code = normaliseCode(rawCode);
    if (hasShape(code, "a99999999")) return {};
    return QStringLiteral("A branch surgery code is the practice code followed by 3 digits, like A81004001.");
}

QString checkCommissionerCode(const QString& rawCode) {
    const QString code = normaliseCode(rawCode);
    if (code.isEmpty() || hasShape(code, {"xxx", "xxxxx"})) return {};
    return QStringLiteral("A commissioner code has 3 characters (like 00K) or 5 (like W2U3Z).");
}

QString checkParentCode(const QString& group, const QString& rawCode) {
    const QString code = normaliseCode(rawCode);
    if (code.isEmpty()) return {};
    if (group == QLatin1String("pharmacy") || group == QLatin1String("appliance")) {
        // Older head office codes are P + 3 or 4 characters; newer ones are any 5 letters or digits.
        if (isPharmacyHeadOfficeCode(code)) return {};
        return QStringLiteral("A pharmacy head office code is P followed by 3 or 4 letters or digits, like P001, or "
                              "5 letters or digits.");
    }
    if (hasShape(code, kThreeToTen)) return {};
    return QStringLiteral("A parent organisation code is 3 to 10 letters or digits.");
}

namespace {
// The letters and digits of codes and postcodes are ASCII only, as the published patterns say.
bool isAsciiUpper(QChar c) { return c.unicode() >= u'A' && c.unicode() <= u'Z'; }
bool isAsciiDigit(QChar c) { return c.unicode() >= u'0' && c.unicode() <= u'9'; }
bool isAsciiSpace(QChar c) { // what \s matches in a pattern without Unicode properties
    return c.unicode() == u' ' || (c.unicode() >= u'\t' && c.unicode() <= u'\r');
}

// Whether `compact` (upper case, no spaces) is a postcode: an outward code A9, A9X, AA9 or AA9X (X a
// letter or digit), then an inward code 9AA. Its outward code is all but the last three
// characters. Written out rather than matched with a pattern: imports check every row's postcode.
bool isCompactPostcode(QStringView compact) {
    const qsizetype n = compact.size();
    if (n < 5 || n > 7) return false;
    const QStringView out = compact.first(n - 3), in = compact.last(3);
    if (!isAsciiDigit(in[0]) || !isAsciiUpper(in[1]) || !isAsciiUpper(in[2])) return false;
    if (!isAsciiUpper(out[0])) return false;
    const bool letterDigit = isAsciiDigit(out[1]);                                   // A9...
    const bool twoLetters = isAsciiUpper(out[1]) && out.size() > 2 && isAsciiDigit(out[2]); // AA9...
    const auto tail = [](QChar c) { return isAsciiUpper(c) || isAsciiDigit(c); };
    switch (out.size()) {
    case 2: return letterDigit;
    case 3: return (letterDigit && tail(out[2])) || twoLetters;
    case 4: return twoLetters && tail(out[3]);
    }
    return false;
}
} // namespace

QString normalisePostcode(const QString& postcode) {
    QString compact = postcode.toUpper();
    compact.removeIf(isAsciiSpace);
    if (!isCompactPostcode(compact)) return postcode.simplified().toUpper();
    compact.insert(compact.size() - 3, QLatin1Char(' '));
    return compact;
}

// A postcode written as Casebook keeps it: upper case, one space before the inward code.
bool isValidPostcode(const QString& postcode) {
    const qsizetype n = postcode.size();
    if (n < 6 || n > 8 || postcode.at(n - 4) != QLatin1Char(' ')) return false;
    QString compact = postcode;
    compact.remove(n - 4, 1);
    return isCompactPostcode(compact);
}

bool looksLikePostcode(const QString& text) { return isValidPostcode(normalisePostcode(text)); }

bool isValidEmail(const QString& email) {
    return matches(QStringLiteral("[^@\\s]+@[^@\\s]+\\.[^@\\s]+"), email.trimmed());
}

bool isValidTelephone(const QString& telephone) {
    // Written out rather than matched with a pattern (imports check every row): without spaces,
    // brackets and hyphens, 0 (or +44) then 9 or 10 digits.
    QString digits = telephone;
    digits.removeIf([](QChar c) { return isAsciiSpace(c) || c == QLatin1Char('(') || c == QLatin1Char(')') || c == QLatin1Char('-'); });
    QStringView rest(digits);
    if (rest.startsWith(QLatin1String("+44"))) rest = rest.sliced(3);
    else if (rest.startsWith(QLatin1Char('0'))) rest = rest.sliced(1);
    else return false;
    return (rest.size() == 9 || rest.size() == 10) && std::all_of(rest.begin(), rest.end(), isAsciiDigit);
}

QString checkRegistration(const QString& body, const QString& rawNumber, const QString& profession) {
    const QString number = rawNumber.trimmed().toUpper();
    if (number.isEmpty()) return {};
    if (body == QLatin1String("GMC")) {
        if (matches(QStringLiteral("[0-9]{7}"), number)) return {};
        return QStringLiteral("A GMC number is 7 digits, like 1234567.");
    }
    if (body == QLatin1String("GPhC")) {
        if (profession == QLatin1String("pharmacist") && !matches(QStringLiteral("2[0-9]{6}"), number))
            return QStringLiteral("A GPhC pharmacist number is 7 digits starting with 2, like 2012345.");
        if (matches(QStringLiteral("[12][0-9]{6}"), number)) return {};
        return QStringLiteral("A GPhC number is 7 digits: starting with 2 for a pharmacist, 1 for premises.");
    }
    if (body == QLatin1String("GOC")) {
        if (profession == QLatin1String("optometrist") && !matches(QStringLiteral("01-[0-9]{1,6}"), number))
            return QStringLiteral("An optometrist's GOC number is 01- followed by digits, like 01-12345.");
        if (profession == QLatin1String("dispensing_optician") && !matches(QStringLiteral("D-[0-9]{1,6}"), number))
            return QStringLiteral("A dispensing optician's GOC number is D- followed by digits, like D-12345.");
        if (matches(QStringLiteral("(01|D)-[0-9]{1,6}"), number)) return {};
        return QStringLiteral("A GOC number is 01- (optometrist) or D- (dispensing optician) followed by digits.");
    }
    if (body == QLatin1String("GDC")) {
        if (matches(QStringLiteral("[0-9]{1,7}"), number)) return {};
        return QStringLiteral("A GDC number is up to 7 digits, like 123456.");
    }
    return {};
}

} // namespace cb::ident

namespace cb::fmt {

QString date(const QDate& d) { return d.isValid() ? d.toString(QStringLiteral("dd/MM/yyyy")) : QString(); }
QString dateIso(const QDate& d) { return d.isValid() ? d.toString(Qt::ISODate) : QString(); }

QDate parseIsoDate(const QString& s) {
    if (s.isEmpty()) return {};
    return iso::dateFrom(s.left(10));
}

std::optional<QDate> parseUserDate(const QString& raw) {
    const QString s = raw.trimmed();
    if (s.isEmpty()) return QDate();
    for (const char* f : {"dd/MM/yyyy", "d/M/yyyy", "yyyy-MM-dd", "dd-MM-yyyy", "dd.MM.yyyy", "yyyyMMdd"}) {
        const QDate d = QDate::fromString(s, QString::fromLatin1(f));
        if (d.isValid()) return d;
    }
    return std::nullopt;
}

QString money(qint64 pence) {
    static const QLocale uk(QLocale::English, QLocale::UnitedKingdom);
    const bool negative = pence < 0;
    const qint64 abs = negative ? -pence : pence;
    const QString pounds = uk.toString(abs / 100);
    const QString out = QStringLiteral("£%1.%2").arg(pounds).arg(abs % 100, 2, 10, QLatin1Char('0'));
    return negative ? QLatin1Char('-') + out : out;
}

std::optional<qint64> parseMoney(const QString& raw) {
    QString s = raw.trimmed();
    s.remove(QLatin1Char(',')).remove(QChar(0x00A3)).remove(QLatin1Char(' '));
    bool negative = false;
    if (s.startsWith(QLatin1Char('-'))) {
        negative = true;
        s = s.mid(1);
        s.remove(QChar(0x00A3));
    }
    static const QRegularExpression re(QRegularExpression::anchoredPattern(QStringLiteral("([0-9]+)(?:\\.([0-9]{1,2}))?")));
    const auto m = re.match(s);
    if (!m.hasMatch()) return std::nullopt;
    bool ok = false;
    const qint64 pounds = m.captured(1).toLongLong(&ok);
    if (!ok || pounds > 100'000'000'000LL) return std::nullopt;
    QString pence = m.captured(2);
    if (pence.size() == 1) pence += QLatin1Char('0');
    const qint64 value = pounds * 100 + (pence.isEmpty() ? 0 : pence.toLongLong());
    return negative ? -value : value;
}

} // namespace cb::fmt

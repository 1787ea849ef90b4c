#include "common/TextHygiene.h"

#include <QLocale>

namespace cb::text {

namespace {

QString nameOf(char16_t u) {
    switch (u) {
    case 0x00: return QStringLiteral("a NUL byte");
    case 0x07: return QStringLiteral("a bell character (BEL)");
    case 0x08: return QStringLiteral("a backspace character");
    case 0x1B: return QStringLiteral("an escape character (ESC)");
    case 0x7F: return QStringLiteral("a delete character (DEL)");
    case 0x202E: return QStringLiteral("a right-to-left override");
    case 0x202D: return QStringLiteral("a left-to-right override");
    case 0xFEFF: return QStringLiteral("a byte-order mark");
    default: break;
    }
    if (u >= 0x202A && u <= 0x202E) return QStringLiteral("a text-direction control");
    if (u >= 0x2066 && u <= 0x2069) return QStringLiteral("a text-direction isolate");
    return QStringLiteral("a control character (U+%1)").arg(QString::number(uint(u), 16).toUpper().rightJustified(4, QLatin1Char('0')));
}

bool isLongTextColumn(const QString& column) {
    static const char* const kLong[] = {"notes", "note", "description", "summary", "detail", "details", "minutes",
                                        "text", "finding", "findings", "reason", "outcome", "comment", "comments",
                                        "action", "agenda", "value", "body", "narrative", "managed_how", "evidence",
                                        "rationale", "attendees", "result"};
    // Compared in place: every saved field asks, so building "_k" and "k_" here showed in import profiles.
    const qsizetype n = column.size();
    for (const char* k : kLong) {
        const QLatin1String key(k);
        const qsizetype m = key.size();
        if (column == key || (n > m && column.endsWith(key) && column.at(n - m - 1) == QLatin1Char('_')) ||
            (n > m && column.startsWith(key) && column.at(m) == QLatin1Char('_')))
            return true;
    }
    return false;
}

QString readable(const QString& column) {
    QString s = column;
    s.replace(QLatin1Char('_'), QLatin1Char(' '));
    return s;
}

} // namespace

bool isHostile(QChar c) {
    const char16_t u = c.unicode();
    if (u < 0x20) return u != u'\t' && u != u'\n' && u != u'\r';
    if (u >= 0x7F && u <= 0x9F) return true;
    if (u >= 0x202A && u <= 0x202E) return true;
    if (u >= 0x2066 && u <= 0x2069) return true;
    return u == 0xFEFF;
}

QString firstHostile(const QString& text) {
    // Every text field of every save passes here: printable ASCII, nearly all of it, is passed over
    // without a call for each character.
    for (QChar c : text) {
        const char16_t u = c.unicode();
        if (u >= 0x20 && u < 0x7F) continue;
        if (isHostile(c)) return nameOf(u);
    }
    return {};
}

int maxLength(const QString& column) { return isLongTextColumn(column) ? kMaxLongText : kMaxShortText; }

void checkRecord(const QString& table, const Row& row) {
    Q_UNUSED(table);
    QList<FieldIssue> issues;
    for (auto it = row.begin(); it != row.end(); ++it) {
        if (it.value().typeId() != QMetaType::QString) continue;
        const QString value = it.value().toString();
        const QString what = firstHostile(value);
        if (!what.isEmpty())
            issues.append({it.key(), QStringLiteral("The %1 contains %2, which Casebook does not store. Remove it (it "
                                                    "often comes from pasting text from another program) and save "
                                                    "again.").arg(readable(it.key()), what)});
        // Every saved text field passes here: the column's limit is looked up only for text longer
        // than the shorter limit.
        const int max = value.size() > kMaxShortText ? maxLength(it.key()) : kMaxShortText;
        if (value.size() > max)
            issues.append({it.key(), QStringLiteral("The %1 is %2 characters long; at most %3 are allowed. Shorten it "
                                                    "and save again.")
                                         .arg(readable(it.key()), QLocale(QLocale::English).toString(qlonglong(value.size())),
                                              QLocale(QLocale::English).toString(max))});
    }
    if (!issues.isEmpty()) throw ValidationError(issues);
}

QString printable(const QString& text, bool keepCarriageReturns) {
    qsizetype i = 0;
    const qsizetype n = text.size();
    for (; i < n; ++i) {
        const QChar c = text.at(i);
        if (isHostile(c) || (!keepCarriageReturns && c == QLatin1Char('\r') && (i + 1 >= n || text.at(i + 1) != QLatin1Char('\n')))) break;
    }
    if (i == n) return text; // the usual case: nothing to change, no copy
    QString out = text.left(i);
    out.reserve(n + 16);
    for (; i < n; ++i) {
        const QChar c = text.at(i);
        const bool loneCr = !keepCarriageReturns && c == QLatin1Char('\r') && (i + 1 >= n || text.at(i + 1) != QLatin1Char('\n'));
        if (isHostile(c) || loneCr) {
            const uint u = c.unicode();
            out += u <= 0xFF ? QStringLiteral("\\x") + QString::number(u, 16).toUpper().rightJustified(2, QLatin1Char('0'))
                             : QStringLiteral("\\u") + QString::number(u, 16).toUpper().rightJustified(4, QLatin1Char('0'));
        } else {
            out += c;
        }
    }
    return out;
}

QString stripped(const QString& text, int* removed) {
    QString out;
    int gone = 0;
    bool any = false;
    for (QChar c : text)
        if (isHostile(c)) any = true;
    if (!any) {
        if (removed) *removed = 0;
        return text;
    }
    out.reserve(text.size());
    for (QChar c : text) {
        if (isHostile(c)) ++gone;
        else out += c;
    }
    if (removed) *removed = gone;
    return out;
}

} // namespace cb::text

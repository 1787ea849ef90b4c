#include "common/Units.h"

#include <QLocale>

namespace cb {

std::optional<Units> Units::parse(const QString& input, QString* why) {
    QString t = input.trimmed();
    t.remove(QLatin1Char(','));
    const auto fail = [&](const QString& reason) -> std::optional<Units> {
        if (why) *why = reason;
        return std::nullopt;
    };
    if (t.isEmpty()) return fail(QStringLiteral("no number was given"));
    bool negative = false;
    if (t.startsWith(QLatin1Char('-'))) {
        negative = true;
        t.remove(0, 1);
    } else if (t.startsWith(QLatin1Char('+'))) {
        t.remove(0, 1);
    }
    const qsizetype dot = t.indexOf(QLatin1Char('.'));
    const QString whole = dot < 0 ? t : t.left(dot);
    QString fraction = dot < 0 ? QString() : t.mid(dot + 1);
    const auto digitsOnly = [](const QString& s) {
        for (QChar c : s)
            if (c < QLatin1Char('0') || c > QLatin1Char('9')) return false;
        return true;
    };
    if ((whole.isEmpty() && fraction.isEmpty()) || !digitsOnly(whole) || !digitsOnly(fraction))
        return fail(QStringLiteral("\"%1\" is not a number").arg(input.trimmed()));
    while (fraction.size() > 2 && fraction.endsWith(QLatin1Char('0'))) fraction.chop(1);
    if (fraction.size() > 2)
        return fail(QStringLiteral("\"%1\" has more than two decimal places (Casebook keeps hundredths of a unit)")
                        .arg(input.trimmed()));
    if (whole.size() > 13) return fail(QStringLiteral("\"%1\" is too large").arg(input.trimmed()));
    const qint64 w = whole.isEmpty() ? 0 : whole.toLongLong();
    const qint64 f = (fraction + QStringLiteral("00")).left(2).toLongLong();
    const qint64 h = w * 100 + f;
    return fromHundredths(negative ? -h : h);
}

std::optional<Units> Units::fromVariant(const QVariant& v) {
    if (v.isNull() || !v.isValid()) return std::nullopt;
    switch (v.typeId()) {
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
        return Units(v.toLongLong());
    case QMetaType::Double:
    case QMetaType::Float: // a JSON number written by hand: read to the hundredth it shows
        return parse(QString::number(v.toDouble(), 'f', 2));
    default:
        return parse(v.toString());
    }
}

QString Units::toText() const {
    const qint64 a = m_hundredths < 0 ? -m_hundredths : m_hundredths;
    QString s = QString::number(a / 100);
    if (const qint64 f = a % 100) {
        s += QLatin1Char('.') + QStringLiteral("%1").arg(f, 2, 10, QLatin1Char('0'));
        if (s.endsWith(QLatin1Char('0'))) s.chop(1);
    }
    return m_hundredths < 0 ? QLatin1Char('-') + s : s;
}

QString Units::display() const {
    const QLocale uk(QLocale::English, QLocale::UnitedKingdom);
    const qint64 a = m_hundredths < 0 ? -m_hundredths : m_hundredths;
    QString s = uk.toString(a / 100);
    if (const qint64 f = a % 100) {
        QString frac = QStringLiteral("%1").arg(f, 2, 10, QLatin1Char('0'));
        if (frac.endsWith(QLatin1Char('0'))) frac.chop(1);
        s += QLatin1Char('.') + frac;
    }
    return m_hundredths < 0 ? QLatin1Char('-') + s : s;
}

} // namespace cb

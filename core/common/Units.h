#pragma once

#include <QString>
#include <QVariant>
#include <QtGlobal>
#include <compare>
#include <optional>

namespace cb {

// A count of dental activity (UDAs or UOAs) kept exactly, in hundredths of a unit: real figures are
// fractional (urgent care is 1.2 UDAs) and a double would drift. Stored as decimal text ("1234.5"),
// never as a floating-point number. A whole number converts implicitly: `a.udaTarget = 10000`.
class Units {
public:
    constexpr Units() = default;
    constexpr Units(int whole) : m_hundredths(qint64(whole) * 100) {}
    constexpr Units(qint64 whole) : m_hundredths(whole * 100) {}
    static constexpr Units fromHundredths(qint64 h) {
        Units u;
        u.m_hundredths = h;
        return u;
    }
    constexpr qint64 hundredths() const { return m_hundredths; }
    double toDouble() const { return double(m_hundredths) / 100.0; }

    // "1234.5", "1,234.56", "10000", "-3" (the sign is kept: rules decide whether it is allowed).
    // Nullopt when the text is not such a number, with the reason in a caseworker's words in `why`.
    static std::optional<Units> parse(const QString& text, QString* why = nullptr);
    // A stored value: decimal text, or a whole number (files and databases from before schema 14).
    static std::optional<Units> fromVariant(const QVariant& v);
    QString toText() const;  // as stored and exported: "1234.5", "10000", "0.25" (no separators)
    QString display() const; // as read: "1,234.5"

    friend constexpr auto operator<=>(Units a, Units b) = default;
    friend constexpr bool operator==(Units a, Units b) = default;
    friend constexpr Units operator+(Units a, Units b) { return fromHundredths(a.m_hundredths + b.m_hundredths); }
    friend constexpr Units operator-(Units a, Units b) { return fromHundredths(a.m_hundredths - b.m_hundredths); }

private:
    qint64 m_hundredths = 0;
};

// A stored optional count: text, or null.
inline QVariant unitsValue(const std::optional<Units>& u) { return u ? QVariant(u->toText()) : QVariant(); }

} // namespace cb

#pragma once

#include "common/Errors.h"
#include "common/Units.h"

#include <QLineEdit>
#include <optional>

namespace cb::ui {

// A count of UDAs or UOAs typed into a field: "1234.5", "1,234.5"; blank is none. A figure that is
// not one goes to `issues` under `field`, in words, and the typed text stays in the field.
inline std::optional<Units> readUnits(QLineEdit* edit, const QString& field, Issues& issues) {
    if (edit->text().trimmed().isEmpty()) return std::nullopt;
    QString why;
    const auto u = Units::parse(edit->text(), &why);
    if (!u)
        issues.add(field, QStringLiteral("%1: enter the number of units, to at most two decimal places, like 1234.5.")
                              .arg(why.left(1).toUpper() + why.mid(1)));
    return u;
}

// A count as the field shows it for editing: "1234.5", blank for none.
inline QString unitsText(const std::optional<Units>& u) { return u ? u->toText() : QString(); }

} // namespace cb::ui

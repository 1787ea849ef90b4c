#pragma once

#include <QList>
#include <QString>

namespace cb {

// One value of a closed list: the code stored in the database and the words a caseworker reads.
struct Choice {
    QString code;
    QString label;
};

inline QString labelFor(const QList<Choice>& choices, const QString& code) {
    for (const auto& c : choices)
        if (c.code == code) return c.label;
    return code;
}

inline bool hasCode(const QList<Choice>& choices, const QString& code) {
    for (const auto& c : choices)
        if (c.code == code) return true;
    return false;
}

// Finds a code from either its code or its label, case-insensitively ("GMS", "gms", "Dental").
inline QString codeFor(const QList<Choice>& choices, const QString& codeOrLabel) {
    const QString wanted = codeOrLabel.trimmed();
    for (const auto& c : choices)
        if (c.code.compare(wanted, Qt::CaseInsensitive) == 0 || c.label.compare(wanted, Qt::CaseInsensitive) == 0)
            return c.code;
    return {};
}

inline QString describeChoices(const QList<Choice>& choices) {
    QStringList labels;
    for (const auto& c : choices) labels << c.label;
    return labels.join(QStringLiteral(", "));
}

} // namespace cb

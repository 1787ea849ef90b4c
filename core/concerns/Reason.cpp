#include "concerns/Reason.h"

#include "common/Policy.h"

#include <QRegularExpression>

namespace cb {

namespace {
QStringList words(const QString& text) {
    static const QRegularExpression word(QStringLiteral("[\\p{L}\\p{N}][\\p{L}\\p{N}'’-]*"));
    QStringList out;
    for (auto it = word.globalMatch(text); it.hasNext();) out << it.next().captured(0);
    return out;
}

bool isPlaceholder(const QString& text) {
    static const QStringList placeholders = {"na", "n a", "none", "nil", "no", "x", "tbc", "tbd", "test", "reason",
                                             "not applicable", "see above", "see notes", "as above", "no reason",
                                             "nothing", "unknown", "other", "yes", "ok", "dummy", "asdf", "xxx"};
    QString squashed = text.toLower();
    squashed.replace(QRegularExpression(QStringLiteral("[^\\p{L}\\p{N}]+")), QStringLiteral(" "));
    return placeholders.contains(squashed.trimmed());
}
} // namespace

bool isSubstantiveReason(const QString& text) {
    const QString t = text.simplified();
    if (t.isEmpty() || isPlaceholder(t)) return false;
    const QStringList w = words(t);
    if (w.size() < policy::kReasonMinWords) return false;
    // Three copies of one word ("x x x") or single letters are not a reason either.
    int real = 0;
    QStringList seen;
    for (const QString& one : w) {
        if (one.size() < 2 || seen.contains(one.toLower())) continue;
        seen << one.toLower();
        ++real;
    }
    return real >= policy::kReasonMinWords - 1;
}

void requireReason(Issues& issues, const QString& field, const QString& text, const QString& what) {
    if (text.trimmed().isEmpty())
        issues.add(field, QStringLiteral("Write %1.").arg(what));
    else if (!isSubstantiveReason(text))
        issues.add(field, QStringLiteral("Write %1 in at least %2 words: \"%3\" is not a reason a reader can act on.")
                              .arg(what)
                              .arg(policy::kReasonMinWords)
                              .arg(text.simplified().left(40)));
}

} // namespace cb

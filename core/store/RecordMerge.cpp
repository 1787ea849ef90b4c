#include "store/RecordMerge.h"

namespace cb {

bool sameFieldValue(const QVariant& a, const QVariant& b) {
    const bool aBlank = a.isNull() || !a.isValid() || a.toString().isEmpty();
    const bool bBlank = b.isNull() || !b.isValid() || b.toString().isEmpty();
    if (aBlank || bBlank) return aBlank == bBlank;
    return a.toString() == b.toString();
}

MergeResult mergeFields(const QVariantMap& base, const QVariantMap& mine, const QVariantMap& theirs) {
    MergeResult r;
    r.merged = theirs;
    QStringList fields = mine.keys();
    for (const QString& f : theirs.keys())
        if (!fields.contains(f)) fields << f;
    for (const QString& f : fields) {
        const QVariant b = base.value(f), m = mine.value(f), t = theirs.value(f);
        const bool iChanged = mine.contains(f) && !sameFieldValue(b, m);
        const bool theyChanged = theirs.contains(f) && !sameFieldValue(b, t);
        if (iChanged && theyChanged && !sameFieldValue(m, t)) {
            r.clashes.append({f, b, m, t});
            r.merged.insert(f, m);
        } else if (iChanged) {
            r.merged.insert(f, m);
            if (!theyChanged) r.mineKept << f;
        } else if (theyChanged) {
            r.theirsTaken << f;
        }
    }
    return r;
}

} // namespace cb

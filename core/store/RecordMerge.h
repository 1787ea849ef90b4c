#pragma once

#include <QList>
#include <QString>
#include <QVariantMap>

// Field-by-field merge of two edits of one record made from the same starting point: a form saved
// after someone else saved the record, and later records exchanged between replicas. Works on any
// map of field -> value: stored rows (column names) or a form's values (field names).
namespace cb {

// A field both sides changed, to different values: a person decides.
struct FieldClash {
    QString field;
    QVariant base;   // as it was when both started
    QVariant mine;   // this side's value
    QVariant theirs; // the other side's value
};

struct MergeResult {
    QVariantMap merged;      // theirs, with my changes applied where they do not clash; clashing fields keep mine
    QList<FieldClash> clashes;
    QStringList mineKept;    // fields I changed that merged cleanly
    QStringList theirsTaken; // fields they changed that I had not touched
    bool clean() const { return clashes.isEmpty(); }
};

// base: the record as the form loaded it; mine: the form now; theirs: the record as stored now.
// A field changed on one side takes that side's value; changed on both sides to the same value is
// no clash; changed on both sides to different values is a clash (merged keeps mine, so nothing the
// caseworker typed is lost, and the clash is listed for her to decide).
MergeResult mergeFields(const QVariantMap& base, const QVariantMap& mine, const QVariantMap& theirs);

// Whether two stored or typed values are the same ("" and null are the same here: a blank field).
bool sameFieldValue(const QVariant& a, const QVariant& b);

} // namespace cb

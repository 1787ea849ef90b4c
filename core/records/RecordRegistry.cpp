// Every record type Casebook keeps, parents before children (the order imports insert in and
// exports write). Nobody keeps this list: each feature describes its types beside its structs and
// lists each with a CB_RECORD_TYPE line; the build gathers those lines (core/GenerateLists.cmake)
// and the order comes from the schema's foreign keys (read at build time: core/tools/SchemaKeys.cpp).
#include "store/RecordType.h"

#include <QHash>
#include <QSet>
#include <algorithm>
#include <iterator>
#include <limits>

namespace cb {

#include "RecordTypeList.inc"

namespace {

// Settings have no feature file of their own.
const RecordType& settingRecord() {
    static const RecordTable table = [] {
        RecordTable t("setting", "Setting");
        t.column("key", FieldKind::Text).required().column("value", FieldKind::Text).required();
        t.recordType = QStringLiteral("settings");
        t.title = QStringLiteral("Settings");
        t.naturalKey = QStringLiteral("key");
        t.label = [](Database&, const Row& r) { return r.value("key").toString(); };
        return t;
    }();
    return table;
}

// The schema's tables in the order it creates them, each with the tables its foreign keys point at:
// learnt at build time by running the migrations (core/tools/SchemaKeys.cpp), so the foreign keys
// are said once, in SQL, and no process runs the migrations again to learn them.
struct SchemaTable {
    const char* name;
    const char* parents; // separated by spaces
};
#include "SchemaKeys.inc"

// The described tables in the order the schema creates them, each moved after the tables its
// foreign keys point at (a stable topological order).
QList<const RecordType*> parentsFirst(QList<const RecordType*> types) {
    QHash<QString, qint64> position;
    QHash<QString, QStringList> parents;
    for (qsizetype i = 0; i < qsizetype(std::size(kSchemaTables)); ++i) {
        const QString table = QString::fromLatin1(kSchemaTables[i].name);
        position.insert(table, i);
        parents.insert(table, QString::fromLatin1(kSchemaTables[i].parents).split(QLatin1Char(' '), Qt::SkipEmptyParts));
    }
    std::stable_sort(types.begin(), types.end(), [&](const RecordType* a, const RecordType* b) {
        return position.value(a->table, std::numeric_limits<qint64>::max()) <
               position.value(b->table, std::numeric_limits<qint64>::max());
    });

    QList<const RecordType*> ordered;
    QSet<QString> placed;
    QSet<QString> described;
    for (const RecordType* t : types) described.insert(t->table);
    while (!types.isEmpty()) {
        qsizetype next = 0; // a cycle (never in Casebook's schema) keeps the schema's order
        for (qsizetype i = 0; i < types.size(); ++i) {
            bool ready = true;
            for (const QString& p : parents.value(types[i]->table))
                if (described.contains(p) && !placed.contains(p)) ready = false;
            if (ready) {
                next = i;
                break;
            }
        }
        placed.insert(types[next]->table);
        ordered << types.takeAt(next);
    }
    return ordered;
}

} // namespace

CB_RECORD_TYPE(settingRecord)

const QList<const RecordType*>& registeredRecordTypes() {
    static const QList<const RecordType*> listed = [] {
        QList<const RecordType*> out;
        for (const auto registered : kRegisteredRecordTypes) out << &registered();
        return out;
    }();
    return listed;
}

const QList<const RecordType*>& recordTypes() {
    static const QList<const RecordType*> types = parentsFirst(registeredRecordTypes());
    return types;
}

} // namespace cb

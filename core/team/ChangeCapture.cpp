#include "team/ChangeCapture.h"
#include "team/TeamJson.h"

#include "store/Database.h"
#include "store/RecordType.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace cb::team {

namespace {
thread_local int t_applying = 0;

bool isMember(Database& db) {
    return db.scalar(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name = 'exchange_replica'")).toLongLong() > 0 &&
           db.scalar(QStringLiteral("SELECT count(*) FROM exchange_replica")).toLongLong() > 0;
}

void logChange(Database& db, const RecordType& type, const QString& id, const QString& op,
               const QList<FieldChange>& changes) {
    if (t_applying > 0) return;
    const QString clock = nextClock(db);
    const QString at = db.nowStamp();
    QJsonObject fields;
    QJsonObject clocks; // for a deletion's tombstone
    for (const FieldChange& c : changes) {
        if (c.column == QLatin1String("id") || c.column == kRowVersion) continue;
        const auto known = db.queryOne(QStringLiteral("SELECT clock, actor, at FROM exchange_field_clock WHERE tbl = ? "
                                                      "AND record = ? AND field = ?"),
                                       {type.table, id, c.column});
        QJsonObject f{{QStringLiteral("base"), known ? known->value("clock").toString() : QString()}};
        if (op != QLatin1String("insert")) f.insert(QStringLiteral("old"), jsonOf(c.before));
        if (op != QLatin1String("delete")) f.insert(QStringLiteral("new"), jsonOf(c.after));
        fields.insert(c.column, f);
        if (known) clocks.insert(c.column, QJsonObject{{QStringLiteral("clock"), known->value("clock").toString()},
                                                       {QStringLiteral("actor"), known->value("actor").toString()},
                                                       {QStringLiteral("at"), known->value("at").toString()}});
        if (op != QLatin1String("delete"))
            db.exec(QStringLiteral("INSERT OR REPLACE INTO exchange_field_clock(tbl, record, field, clock, actor, at) "
                                   "VALUES (?,?,?,?,?,?)"),
                    {type.table, id, c.column, clock, db.actor(), at});
    }
    if (op == QLatin1String("delete")) {
        Row row;
        for (const FieldChange& c : changes) row.insert(c.column, c.before);
        recordTombstone(db, type.table, id, clock, db.actor(), at, row, clocks);
    }
    db.exec(QStringLiteral("INSERT INTO exchange_change(hlc, actor, at, tbl, record, op, fields) VALUES (?,?,?,?,?,?,?)"),
            {clock, db.actor(), at, type.table, id, op, compactJson(fields)});
}
} // namespace

ApplyingScope::ApplyingScope() { ++t_applying; }
ApplyingScope::~ApplyingScope() { --t_applying; }
bool applying() { return t_applying > 0; }

void attachChangeCapture(Database& db) {
    if (!isMember(db)) {
        db.setChangeObserver({});
        return;
    }
    db.setChangeObserver([&db](const RecordType& type, const QString& id, const QString& op,
                               const QList<FieldChange>& changes) { logChange(db, type, id, op, changes); });
}

QString nextClock(Database& db) {
    const auto r = db.queryOne(QStringLiteral("SELECT replica_id, hlc_ms, hlc_counter FROM exchange_replica"));
    if (!r) throw DatabaseError(QStringLiteral("This database is not part of a team."));
    qint64 ms = r->value("hlc_ms").toLongLong();
    qint64 counter = r->value("hlc_counter").toLongLong();
    const qint64 now = db.clock().nowUtc().toMSecsSinceEpoch();
    if (now > ms) {
        ms = now;
        counter = 0;
    } else {
        ++counter;
    }
    db.exec(QStringLiteral("UPDATE exchange_replica SET hlc_ms = ?, hlc_counter = ?"), {ms, counter});
    return QStringLiteral("%1-%2@%3")
        .arg(ms, 16, 10, QLatin1Char('0'))
        .arg(counter, 6, 10, QLatin1Char('0'))
        .arg(r->value("replica_id").toString());
}

void observeClock(Database& db, const QString& clock) {
    const QString hlc = clock.section(QLatin1Char('@'), 0, 0);
    const qint64 ms = hlc.section(QLatin1Char('-'), 0, 0).toLongLong();
    const qint64 counter = hlc.section(QLatin1Char('-'), 1, 1).toLongLong();
    db.exec(QStringLiteral("UPDATE exchange_replica SET hlc_ms = ?, hlc_counter = ? WHERE hlc_ms < ? OR (hlc_ms = ? AND "
                           "hlc_counter < ?)"),
            {ms, counter, ms, ms, counter});
}

} // namespace cb::team

#include "team/Team.h"

#include "team/ChangeCapture.h"
#include "team/Package.h"
#include "team/Snapshot.h"
#include "team/TeamCrypto.h"
#include "team/TeamJson.h"

#include "store/Database.h"
#include "store/DatabaseCopy.h"
#include "store/RecordMerge.h"
#include "store/RecordType.h"
#include "common/DateInput.h"
#include "common/FileSafety.h"
#include "common/Units.h"
#include "common/Vocabulary.h"

#include <cmath>

#include <algorithm>

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMap>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSet>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QUuid>

#include <SQLiteCpp/SQLiteCpp.h>

namespace cb::team {

namespace {

const QString kTeamFile = QStringLiteral("casebook-team.json");

QString memberName(const QString& replicaId) { return QStringLiteral("members/%1.json").arg(replicaId); }

QString replicaOf(const QString& clock) { return clock.section(QLatin1Char('@'), 1); }

QString conflictId(const QString& a, const QString& b, const QString& field) {
    const QString key = (a < b ? a + QLatin1Char('|') + b : b + QLatin1Char('|') + a) + QLatin1Char('|') + field;
    return sha256(key.toUtf8()).left(12);
}

// casebook-team.json: the team's id and, for a team with a passphrase, the key derivation's
// parameters and a check value sealed with the key (docs/exchange.md, "Encryption").
struct TeamFile {
    QString teamId;
    bool encrypted = false;
    QJsonObject kdf;
    QString keyCheck;
};

TeamFile teamFileOf(TeamTransport& transport) {
    if (!transport.reachable())
        throw Error(QStringLiteral("%1 cannot be reached: check the drive or folder is connected. Your own changes are "
                                   "kept and go out at the next sync.").arg(transport.describe()));
    const auto bytes = transport.read(kTeamFile);
    if (!bytes)
        throw Error(QStringLiteral("%1 is not a Casebook team folder (it has no %2). Check the folder; to start a team "
                                   "there, run team init.").arg(transport.describe(), kTeamFile));
    const QJsonObject o = QJsonDocument::fromJson(*bytes).object();
    TeamFile team{o.value(QStringLiteral("team_id")).toString(), o.value(QStringLiteral("encrypted")).toBool(),
                  o.value(QStringLiteral("kdf")).toObject(), o.value(QStringLiteral("key_check")).toString()};
    if (team.teamId.isEmpty() || (team.encrypted && (team.kdf.isEmpty() || team.keyCheck.isEmpty())))
        throw Error(QStringLiteral("The team file %1 in %2 is damaged: ask whoever set up the team folder to check it.")
                        .arg(kTeamFile, transport.describe()));
    return team;
}

// The key this replica keeps for an encrypted team (never the passphrase); empty without one.
QByteArray teamKey(Database& db) {
    return db.scalar(QStringLiteral("SELECT team_key FROM exchange_replica")).toByteArray();
}

QString defaultName(Database& db) {
    return QStringLiteral("%1 on %2").arg(db.actor(), QSysInfo::machineHostName());
}

QString peerName(TeamTransport& transport, const QString& replicaId) {
    if (const auto bytes = transport.read(memberName(replicaId))) {
        const QString name = QJsonDocument::fromJson(*bytes).object().value(QStringLiteral("name")).toString();
        if (!name.isEmpty()) return name;
    }
    return QStringLiteral("replica %1").arg(replicaId.left(8));
}

void writeMember(Database& db, TeamTransport& transport, const ReplicaInfo& info) {
    const QJsonObject member{{QStringLiteral("replica_id"), info.replicaId},
                             {QStringLiteral("name"), info.name},
                             {QStringLiteral("who"), db.actor()},
                             {QStringLiteral("joined"), db.nowStamp()}};
    transport.writeOnce(memberName(info.replicaId), QJsonDocument(member).toJson());
}

// The database copied into file a page at a time (store/DatabaseCopy.h), the team key emptied.
void copyDatabase(Database& db, const QString& file) {
    try {
        copyDatabaseFile(db.sqlite(), file);
        SQLite::Database copy(file.toStdString(), SQLite::OPEN_READWRITE);
        copy.exec("UPDATE exchange_replica SET team_key = NULL"); // a joiner derives it from the passphrase
    } catch (const SQLite::Exception& e) {
        throw Error(QStringLiteral("Could not copy the records for the team snapshot (%1): check there is space on the "
                                   "drive and try again.").arg(QString::fromUtf8(e.what())));
    }
}

// name: empty for the first snapshot ("snapshots/<replica>-<seq>.cbsnap"); compaction names its
// own with the number of packages it covers, which is how a joiner picks the fullest. Written and
// sealed a chunk at a time (team/Snapshot.h): at 50,000 contractors the image is about 150 MiB.
void writeSnapshot(Database& db, TeamTransport& transport, const ReplicaInfo& info, const QByteArray& key,
                   QString name = {}) {
    QTemporaryDir dir;
    if (!dir.isValid())
        throw Error(QStringLiteral("Could not make a temporary folder for the team snapshot: check there is space."));
    const QString file = dir.filePath(QStringLiteral("snapshot.db"));
    copyDatabase(db, file);
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly)) throw Error(QStringLiteral("Could not read back the team snapshot."));
    const auto r = db.queryOne(QStringLiteral("SELECT packaged_seq, last_hash FROM exchange_replica"));
    const qint64 seq = r->value("packaged_seq").toLongLong();
    const QJsonObject header{{QStringLiteral("team_id"), info.teamId},
                             {QStringLiteral("replica_id"), info.replicaId},
                             {QStringLiteral("seq"), seq},
                             {QStringLiteral("last_hash"), r->value("last_hash").toString()},
                             {QStringLiteral("created_utc"), db.nowStamp()}};
    if (name.isEmpty())
        name = QStringLiteral("snapshots/%1-%2.cbsnap").arg(info.replicaId).arg(seq, 10, 10, QLatin1Char('0'));
    transport.writeOnceWith(name, [&](QIODevice& out) { return sealSnapshot(f, header, key, out); });
}

struct Clocked {
    QString clock, actor, at;
};

// The record a deletion carries (its fields' old values) and the field clocks its author saw.
std::pair<Row, QJsonObject> deletedRow(const QJsonObject& fields, const QString& id, const Clocked& by) {
    Row row;
    QJsonObject clocks;
    for (auto it = fields.begin(); it != fields.end(); ++it) {
        const QJsonObject f = it.value().toObject();
        row.insert(it.key(), valueOf(f.value(QStringLiteral("old"))));
        if (!f.value(QStringLiteral("base")).toString().isEmpty())
            clocks.insert(it.key(), QJsonObject{{QStringLiteral("clock"), f.value(QStringLiteral("base"))},
                                                {QStringLiteral("actor"), by.actor},
                                                {QStringLiteral("at"), by.at}});
    }
    row.insert(QStringLiteral("id"), id);
    return {row, clocks};
}

// Applies colleagues' changes field by field (docs/exchange.md, "Merge rules").
class Applier {
public:
    Applier(Database& db, SyncReport& report) : m_db(db), m_report(report) {}

    // False: the record it changes has not arrived yet; kept for later (exchange_pending).
    bool apply(const QJsonObject& change);

    // Two records with the same natural key merged into one (docs/exchange.md, "Same natural key
    // from two replicas"): the loser's children are re-pointed to the survivor (inserted from the
    // change when this replica does not hold it), the loser is tombstoned with merged_into, fields
    // that differed become field conflicts, and the key clash's rule conflicts close. The same on
    // the replica that merged and on every replica that applies the merge.
    // False: the survivor is not here and a third record holds the key (three machines added it);
    // the merge waits (exchange_pending) until a merge of that one makes room.
    bool merge(const RecordType& type, const QString& loserId, const Row& loserRow, const QJsonObject& loserClocks,
               const QJsonObject& merge, const Clocked& by);
    // The record a merged-away record now lives on (following merges of merges); empty if none.
    QString survivorOf(const QString& table, const QString& id) {
        QString out;
        QString at = id;
        for (int hops = 0; hops < 16; ++hops) {
            const auto t = m_db.queryOne(QStringLiteral("SELECT row FROM exchange_tombstone WHERE tbl = ? AND record = ?"),
                                         {table, at});
            const QString into =
                t ? parseObject(t->value("row").toString()).value(QStringLiteral("merged_into")).toString() : QString();
            if (into.isEmpty()) break;
            out = at = into;
        }
        return out;
    }

private:
    std::optional<Clocked> fieldClock(const QString& table, const QString& id, const QString& field) {
        const auto r = m_db.queryOne(QStringLiteral("SELECT clock, actor, at FROM exchange_field_clock WHERE tbl = ? AND "
                                                    "record = ? AND field = ?"),
                                     {table, id, field});
        if (!r) return std::nullopt;
        return Clocked{r->value("clock").toString(), r->value("actor").toString(), r->value("at").toString()};
    }
    void setClock(const QString& table, const QString& id, const QString& field, const Clocked& c) {
        m_db.exec(QStringLiteral("INSERT OR REPLACE INTO exchange_field_clock(tbl, record, field, clock, actor, at) "
                                 "VALUES (?,?,?,?,?,?)"),
                  {table, id, field, c.clock, c.actor, c.at});
    }
    struct ForeignKey {
        QString from, table;
    };
    const QList<ForeignKey>& foreignKeys(const QString& table) {
        auto it = m_fks.find(table);
        if (it == m_fks.end()) {
            QList<ForeignKey> fks;
            for (const Row& r : m_db.query(QStringLiteral("SELECT \"from\" AS col, \"table\" AS parent FROM "
                                                          "pragma_foreign_key_list(?)"),
                                           {table}))
                fks.append({r.value("col").toString(), r.value("parent").toString()});
            it = m_fks.insert(table, fks);
        }
        return *it;
    }
    int childCount(const QString& table, const QString& id) {
        int n = 0;
        for (const RecordType* t : recordTypes())
            for (const ForeignKey& fk : foreignKeys(t->table))
                if (fk.table == table)
                    n += int(m_db.scalar(QStringLiteral("SELECT count(*) FROM %1 WHERE %2 = ?").arg(t->table, fk.from), {id})
                                 .toLongLong());
        return n;
    }
    void conflict(const QString& id, const QString& kind, const QString& table, const QString& record,
                  const QString& field, const QString& detail, const QVariant& mine, const Clocked& mineBy,
                  const QVariant& theirs, const Clocked& theirsBy) {
        if (m_db.scalar(QStringLiteral("SELECT count(*) FROM exchange_conflict WHERE id = ?"), {id}).toLongLong() > 0)
            return;
        auto text = [](const QVariant& v) {
            return v.isNull() ? QVariant() : QVariant(QString::fromUtf8(QJsonDocument(QJsonArray{jsonOf(v)}).toJson(
                                                 QJsonDocument::Compact)));
        };
        m_db.exec(QStringLiteral("INSERT INTO exchange_conflict(id, kind, tbl, record, field, detail, mine_value, "
                                 "mine_who, mine_at, mine_clock, theirs_value, theirs_who, theirs_at, theirs_clock) "
                                 "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)"),
                  {id, kind, table, record, field, detail, text(mine), mineBy.actor, mineBy.at, mineBy.clock,
                   text(theirs), theirsBy.actor, theirsBy.at, theirsBy.clock});
        ++m_report.newConflicts;
    }
    void saveAs(const Clocked& by, const std::function<void()>& fn) {
        const QString actor = m_db.actor();
        m_db.setActor(by.actor);
        try {
            fn();
        } catch (...) {
            m_db.setActor(actor);
            throw;
        }
        m_db.setActor(actor);
    }
    bool ensureParents(const RecordType& type, const Row& row, const Clocked& by);
    bool resurrect(const RecordType& type, const QString& id, const Clocked& by, const QString& why);
    bool applyFields(const RecordType& type, const Row& current, const QJsonObject& fields, const Clocked& by);

    Database& m_db;
    SyncReport& m_report;
    QHash<QString, QList<ForeignKey>> m_fks;
};

bool Applier::ensureParents(const RecordType& type, const Row& row, const Clocked& by) {
    for (const ForeignKey& fk : foreignKeys(type.table)) {
        const QVariant parent = row.value(fk.from);
        if (parent.isNull() || !row.contains(fk.from)) continue;
        if (m_db.fetchRecord(fk.table, parent.toString())) continue;
        const RecordType* parentType = findRecordType(fk.table);
        if (!parentType) return false;
        if (!resurrect(*parentType, parent.toString(), by,
                       QStringLiteral("%1 was deleted, and a %2 linked to it was added elsewhere at the same time")
                           .arg(parentType->entity, type.entity.toLower())))
            return false;
    }
    return true;
}

bool Applier::resurrect(const RecordType& type, const QString& id, const Clocked& by, const QString& why) {
    const auto tomb = m_db.queryOne(QStringLiteral("SELECT clock, actor, at, row FROM exchange_tombstone WHERE tbl = ? "
                                                   "AND record = ?"),
                                    {type.table, id});
    if (!tomb) return false; // not arrived yet
    const QJsonObject stored = parseObject(tomb->value("row").toString());
    Row row = rowOf(stored.value(QStringLiteral("row")).toObject());
    row.remove(kRowVersion);
    if (!ensureParents(type, row, by)) return false;
    const Clocked deletedBy{tomb->value("clock").toString(), tomb->value("actor").toString(), tomb->value("at").toString()};
    saveAs(deletedBy, [&] { m_db.save(type, row, Database::SaveMode::New); });
    const QJsonObject clocks = stored.value(QStringLiteral("clocks")).toObject();
    for (auto it = clocks.begin(); it != clocks.end(); ++it) {
        const QJsonObject c = it.value().toObject();
        setClock(type.table, id, it.key(),
                 {c.value(QStringLiteral("clock")).toString(), c.value(QStringLiteral("actor")).toString(),
                  c.value(QStringLiteral("at")).toString()});
    }
    m_db.exec(QStringLiteral("DELETE FROM exchange_tombstone WHERE tbl = ? AND record = ?"), {type.table, id});
    // From this replica's side the record was deleted (mine: no value), the colleague's side kept it.
    conflict(conflictId(deletedBy.clock, by.clock, QString()), QStringLiteral("delete"), type.table, id, QString(),
             why + QStringLiteral("; the record was kept."), QVariant(), deletedBy, QStringLiteral("kept"), by);
    return true;
}

bool Applier::applyFields(const RecordType& type, const Row& current, const QJsonObject& fields, const Clocked& by) {
    const QString id = current.value(QStringLiteral("id")).toString();
    Row toSave{{QStringLiteral("id"), id}};
    QStringList clocked;
    for (auto it = fields.begin(); it != fields.end(); ++it) {
        const FieldSpec* spec = type.field(it.key());
        if (!spec || !spec->written || it.key() == QLatin1String("id")) continue;
        const QJsonObject f = it.value().toObject();
        const QVariant incoming = valueOf(f.value(QStringLiteral("new")));
        const QVariant here = current.value(it.key());
        const auto local = fieldClock(type.table, id, it.key());
        if (sameFieldValue(here, incoming)) {
            if (!local || by.clock > local->clock) clocked << it.key();
            continue;
        }
        if (!local || local->clock == f.value(QStringLiteral("base")).toString()) { // a sequential edit
            toSave.insert(it.key(), incoming);
            clocked << it.key();
            continue;
        }
        // Both sides changed the field since they last agreed: the later clock wins for now, on
        // every replica alike, and a person decides.
        if (by.clock > local->clock) {
            toSave.insert(it.key(), incoming);
            clocked << it.key();
        }
        conflict(conflictId(local->clock, by.clock, it.key()), QStringLiteral("field"), type.table, id, it.key(),
                 QStringLiteral("%1 was changed on two machines").arg(spec->label), here, *local, incoming, by);
    }
    if (toSave.size() > 1) {
        if (!ensureParents(type, toSave, by)) return false;
        try {
            saveAs(by, [&] { m_db.save(type, toSave, Database::SaveMode::Existing); });
        } catch (const Error& e) {
            // The combination breaks a rule: the record keeps its last valid state and the incoming
            // fields wait in a conflict.
            Row held = toSave;
            held.remove(QStringLiteral("id"));
            conflict(conflictId(by.clock, by.clock, QStringLiteral("rule")), QStringLiteral("rule"), type.table, id,
                     QStringList(held.keys()).join(QLatin1Char(',')), e.message(), QVariant(), Clocked{},
                     QString::fromUtf8(QJsonDocument(objectOf(held)).toJson(QJsonDocument::Compact)), by);
            return true;
        }
        ++m_report.changesIn;
    }
    for (const QString& field : clocked) setClock(type.table, id, field, by);
    return true;
}

bool Applier::apply(const QJsonObject& received) {
    const QJsonObject change = withCompactIds(received); // a package from before schema version 13
    const Clocked by{change.value(QStringLiteral("clock")).toString(), change.value(QStringLiteral("actor")).toString(),
                     change.value(QStringLiteral("at")).toString()};
    observeClock(m_db, by.clock);
    const QString resolves = change.value(QStringLiteral("resolves")).toString();
    if (!resolves.isEmpty())
        m_db.exec(QStringLiteral("UPDATE exchange_conflict SET resolved_at = ?, resolved_by = ? WHERE id = ? AND "
                                 "resolved_at IS NULL"),
                  {by.at, by.actor, resolves});
    QJsonObject fields = change.value(QStringLiteral("fields")).toObject();
    if (fields.isEmpty()) return true;
    const QString table = change.value(QStringLiteral("table")).toString();
    QString id = change.value(QStringLiteral("record")).toString();
    const QString op = change.value(QStringLiteral("op")).toString();
    const RecordType* type = findRecordType(table);
    if (!type || type->table != table)
        throw Error(QStringLiteral("it changes a kind of record this Casebook does not know (%1): update Casebook")
                        .arg(table));
    if (change.contains(QStringLiteral("merge"))) { // two records with the same natural key made one
        auto [loserRow, loserClocks] = deletedRow(fields, id, by);
        const QJsonObject m = change.value(QStringLiteral("merge")).toObject();
        if (m.contains(QStringLiteral("loser_clocks"))) loserClocks = m.value(QStringLiteral("loser_clocks")).toObject();
        return merge(*type, id, loserRow, loserClocks, m, by);
    }
    // A change made before its author saw a merge: links to the merged-away record go to the
    // survivor, and an edit of the merged-away record is an edit of the survivor.
    for (const ForeignKey& fk : foreignKeys(table)) {
        if (!fields.contains(fk.from)) continue;
        QJsonObject f = fields.value(fk.from).toObject();
        const QString into = survivorOf(fk.table, f.value(QStringLiteral("new")).toString());
        if (into.isEmpty()) continue;
        f.insert(QStringLiteral("new"), into);
        fields.insert(fk.from, f);
    }
    if (op != QLatin1String("insert"))
        if (const QString into = survivorOf(table, id); !into.isEmpty()) {
            if (op == QLatin1String("delete")) return true; // already gone into the survivor
            id = into;
        }
    const auto current = m_db.fetchRecord(table, id);
    const auto tombClock = [&](const QString& field) -> QString {
        const auto t = m_db.queryOne(QStringLiteral("SELECT row FROM exchange_tombstone WHERE tbl = ? AND record = ?"),
                                     {table, id});
        if (!t) return {};
        return parseObject(t->value("row").toString())
            .value(QStringLiteral("clocks")).toObject().value(field).toObject().value(QStringLiteral("clock")).toString();
    };
    const bool tombstoned =
        m_db.scalar(QStringLiteral("SELECT count(*) FROM exchange_tombstone WHERE tbl = ? AND record = ?"), {table, id})
            .toLongLong() > 0;

    if (op == QLatin1String("insert")) {
        if (current) return applyFields(*type, *current, fields, by);
        if (tombstoned) return true; // deleted by someone who had seen it
        Row row{{QStringLiteral("id"), id}};
        for (auto it = fields.begin(); it != fields.end(); ++it)
            if (type->field(it.key())) row.insert(it.key(), valueOf(it.value().toObject().value(QStringLiteral("new"))));
        if (!ensureParents(*type, row, by)) return false;
        try {
            saveAs(by, [&] { m_db.save(*type, row, Database::SaveMode::New); });
        } catch (const Error& e) {
            Row held = row;
            QString why = QStringLiteral("A new %1 from a colleague could not be added: %2").arg(type->entity.toLower(),
                                                                                                e.message());
            // Two machines added the same natural key (an ODS code): say so in words.
            const FieldSpec* key = type->naturalKey.isEmpty() ? nullptr : type->field(type->naturalKey);
            const auto holder = key && !row.value(type->naturalKey).isNull()
                                    ? m_db.queryOne(QStringLiteral("SELECT id FROM %1 WHERE %2 = ? AND id <> ?")
                                                        .arg(table, type->naturalKey),
                                                    {row.value(type->naturalKey), id})
                                    : std::nullopt;
            if (holder)
                if (const auto mine = m_db.fetchRecord(table, holder->value("id").toString()))
                    why = QStringLiteral("Two machines added a %1 with %2 %3: %4 from a colleague was not added, because "
                                         "%5 here has the same %2. Check whether they are the same %1; the colleague's "
                                         "details are kept in this conflict.")
                              .arg(type->entity.toLower(), key->label, row.value(type->naturalKey).toString(),
                                   type->labelOf(m_db, row), type->labelOf(m_db, *mine));
            conflict(conflictId(by.clock, by.clock, QStringLiteral("rule")), QStringLiteral("rule"), table, id, QString(),
                     why,
                     QVariant(), Clocked{}, QString::fromUtf8(QJsonDocument(objectOf(held)).toJson(QJsonDocument::Compact)),
                     by);
            return true;
        }
        for (auto it = fields.begin(); it != fields.end(); ++it) setClock(table, id, it.key(), by);
        ++m_report.changesIn;
        return true;
    }
    if (op == QLatin1String("update")) {
        if (current) return applyFields(*type, *current, fields, by);
        if (!tombstoned) return false; // its record has not arrived yet
        bool unseen = false; // an edit the deleter had not seen: it is kept
        for (auto it = fields.begin(); it != fields.end(); ++it) unseen = unseen || by.clock > tombClock(it.key());
        if (!unseen) return true;
        if (!resurrect(*type, id, by,
                       QStringLiteral("%1 was deleted on one machine and changed on another").arg(type->entity)))
            return false;
        return applyFields(*type, *m_db.fetchRecord(table, id), fields, by);
    }
    // A deletion.
    if (!current) {
        if (!tombstoned) {
            const auto [row, clocks] = deletedRow(fields, id, by);
            recordTombstone(m_db, table, id, by.clock, by.actor, by.at, row, clocks);
        }
        return true;
    }
    std::optional<Clocked> newer;
    for (auto it = fields.begin(); it != fields.end(); ++it) {
        const auto local = fieldClock(table, id, it.key());
        if (local && local->clock > it.value().toObject().value(QStringLiteral("base")).toString() &&
            (!newer || local->clock > newer->clock))
            newer = local;
    }
    const int children = childCount(table, id);
    if (newer || children > 0) {
        conflict(conflictId(by.clock, newer ? newer->clock : by.clock, QString()), QStringLiteral("delete"), table, id,
                 QString(),
                 newer ? QStringLiteral("%1 was deleted on one machine and changed on another; the record was kept.")
                             .arg(type->entity)
                       : QStringLiteral("%1 was deleted on one machine, but %2 linked record(s) were added to it "
                                        "elsewhere; the record was kept.").arg(type->entity).arg(children),
                 QStringLiteral("kept"), newer ? *newer : Clocked{}, QVariant(), by);
        return true;
    }
    QJsonObject clocks;
    for (const Row& r : m_db.query(QStringLiteral("SELECT field, clock, actor, at FROM exchange_field_clock WHERE tbl = ? "
                                                  "AND record = ?"),
                                   {table, id}))
        clocks.insert(r.value("field").toString(), QJsonObject{{QStringLiteral("clock"), r.value("clock").toString()},
                                                               {QStringLiteral("actor"), r.value("actor").toString()},
                                                               {QStringLiteral("at"), r.value("at").toString()}});
    saveAs(by, [&] { m_db.remove(*type, id); });
    Row row = *current;
    row.remove(kRowVersion);
    recordTombstone(m_db, table, id, by.clock, by.actor, by.at, row, clocks);
    ++m_report.changesIn;
    return true;
}

bool Applier::merge(const RecordType& type, const QString& loserId, const Row& loserRow, const QJsonObject& loserClocks,
                    const QJsonObject& merge, const Clocked& by) {
    QString survivorId = merge.value(QStringLiteral("into")).toString();
    // The survivor merged into another meanwhile (three machines added the same key): to that one.
    if (const QString further = survivorOf(type.table, survivorId); !further.isEmpty()) survivorId = further;
    if (survivorId == loserId) return true;
    const QJsonObject survivor = merge.value(QStringLiteral("survivor")).toObject();
    const QJsonObject survivorClocks = survivor.value(QStringLiteral("clocks")).toObject();
    Row survivorRow;
    const Row carried = rowOf(survivor.value(QStringLiteral("row")).toObject());
    for (auto it = carried.begin(); it != carried.end(); ++it)
        if (type.field(it.key()) && it.key() != kRowVersion) survivorRow.insert(it.key(), it.value());
    survivorRow.insert(QStringLiteral("id"), survivorId);
    if (!m_db.fetchRecord(type.table, survivorId) && !type.naturalKey.isEmpty() &&
        m_db.queryOne(QStringLiteral("SELECT id FROM %1 WHERE %2 = ? AND id NOT IN (?, ?)").arg(type.table, type.naturalKey),
                      {survivorRow.value(type.naturalKey), survivorId, loserId}))
        return false;
    // The loser is removed before the survivor is added (they share the key) and its children are
    // re-pointed after: the links are checked when the transaction commits.
    m_db.exec(QStringLiteral("PRAGMA defer_foreign_keys = ON"));
    struct Child {
        const RecordType* type;
        QString id, column;
    };
    QList<Child> children;
    for (const RecordType* t : recordTypes())
        for (const ForeignKey& fk : foreignKeys(t->table))
            if (fk.table == type.table)
                for (const Row& r : m_db.query(QStringLiteral("SELECT id FROM %1 WHERE %2 = ? ORDER BY id").arg(t->table, fk.from),
                                               {loserId}))
                    children.append({t, r.value("id").toString(), fk.from});
    // Edits of the loser made here that the merger had not seen (a later clock than the one the
    // merge carries): applied to the survivor below, as they are on replicas that receive them after
    // the merge (an edit of a merged-away record is an edit of its survivor).
    QMap<QString, std::pair<Clocked, QJsonObject>> unseen; // by clock
    if (const auto held = m_db.fetchRecord(type.table, loserId)) {
        for (const Row& c : m_db.query(QStringLiteral("SELECT field, clock, actor, at FROM exchange_field_clock WHERE tbl "
                                                      "= ? AND record = ?"),
                                       {type.table, loserId})) {
            const QString field = c.value("field").toString();
            const QString seen = loserClocks.value(field).toObject().value(QStringLiteral("clock")).toString();
            if (c.value("clock").toString() <= seen || sameFieldValue(held->value(field), loserRow.value(field))) continue;
            auto& edit = unseen[c.value("clock").toString()];
            edit.first = {c.value("clock").toString(), c.value("actor").toString(), c.value("at").toString()};
            edit.second.insert(field, QJsonObject{{QStringLiteral("new"), jsonOf(held->value(field))},
                                                  {QStringLiteral("base"), seen}});
        }
        saveAs(by, [&] { m_db.remove(type, loserId); });
    }
    if (!m_db.fetchRecord(type.table, survivorId)) {
        ensureParents(type, survivorRow, by);
        saveAs(by, [&] { m_db.save(type, survivorRow, Database::SaveMode::New); });
        for (auto it = survivorClocks.begin(); it != survivorClocks.end(); ++it) {
            const QJsonObject c = it.value().toObject();
            setClock(type.table, survivorId, it.key(),
                     {c.value(QStringLiteral("clock")).toString(), c.value(QStringLiteral("actor")).toString(),
                      c.value(QStringLiteral("at")).toString()});
        }
        m_db.exec(QStringLiteral("DELETE FROM exchange_tombstone WHERE tbl = ? AND record = ?"), {type.table, survivorId});
    }
    // Tables that are not records (no history, no sync of their own) follow by a plain update.
    for (const Row& t : m_db.query(QStringLiteral("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE "
                                                  "'sqlite_%' ORDER BY name"))) {
        const QString table = t.value("name").toString();
        if (findRecordType(table)) continue;
        for (const ForeignKey& fk : foreignKeys(table))
            if (fk.table == type.table)
                m_db.exec(QStringLiteral("UPDATE %1 SET %2 = ? WHERE %2 = ?").arg(table, fk.from), {survivorId, loserId});
    }
    for (const Child& child : children) {
        saveAs(by, [&] {
            m_db.save(*child.type, Row{{QStringLiteral("id"), child.id}, {child.column, survivorId}},
                      Database::SaveMode::Existing);
        });
        setClock(child.type->table, child.id, child.column, by);
    }
    recordTombstone(m_db, type.table, loserId, by.clock, by.actor, by.at, loserRow, loserClocks);
    const auto tomb = m_db.queryOne(QStringLiteral("SELECT row FROM exchange_tombstone WHERE tbl = ? AND record = ?"),
                                    {type.table, loserId});
    QJsonObject stored = parseObject(tomb->value("row").toString());
    stored.insert(QStringLiteral("merged_into"), survivorId);
    m_db.exec(QStringLiteral("UPDATE exchange_tombstone SET row = ? WHERE tbl = ? AND record = ?"),
              {compactJson(stored), type.table, loserId});
    // Nothing typed is lost: each field the two records held differently is a conflict to decide,
    // the survivor's value kept until then. Its id comes from the two records, so two people
    // merging the same pair record the same conflicts.
    const auto clockOf = [&](const QJsonObject& clocks, const QString& field) {
        const QJsonObject c = clocks.value(field).toObject();
        return c.isEmpty() ? by
                           : Clocked{c.value(QStringLiteral("clock")).toString(), c.value(QStringLiteral("actor")).toString(),
                                     c.value(QStringLiteral("at")).toString()};
    };
    for (const FieldSpec& f : type.fields) {
        if (!f.written || f.isBookkeeping() || f.column == type.naturalKey) continue;
        const QVariant lost = loserRow.value(f.column);
        const QVariant kept = survivorRow.value(f.column);
        if (lost.isNull() || (lost.typeId() == QMetaType::QString && lost.toString().isEmpty()) || sameFieldValue(kept, lost))
            continue;
        conflict(conflictId(survivorId, loserId, f.column), QStringLiteral("field"), type.table, survivorId, f.column,
                 QStringLiteral("%1 differed between the two %2 records merged into one").arg(f.label, type.entity.toLower()),
                 kept, clockOf(survivorClocks, f.column), lost, clockOf(loserClocks, f.column));
    }
    m_db.exec(QStringLiteral("UPDATE exchange_conflict SET resolved_at = ?, resolved_by = ? WHERE kind = 'rule' AND tbl = ? "
                             "AND field = '' AND record IN (?, ?) AND resolved_at IS NULL"),
              {by.at, by.actor, type.table, survivorId, loserId});
    for (const auto& [editBy, fields] : std::as_const(unseen))
        if (const auto now = m_db.fetchRecord(type.table, survivorId)) applyFields(type, *now, fields, editBy);
    ++m_report.changesIn;
    return true;
}

// Changes kept because their record had not arrived: tried again after each package, oldest first.
void retryPending(Database& db, Applier& applier, TeamTransport& transport) {
    for (bool progress = true; progress;) {
        progress = false;
        for (const Row& r : db.query(QStringLiteral("SELECT clock, change FROM exchange_pending ORDER BY clock"))) {
            const QJsonObject change = parseObject(r.value("change").toString());
            const Database::SourceScope source(
                db, QStringLiteral("team %1").arg(peerName(transport, replicaOf(r.value("clock").toString()))));
            if (applier.apply(change)) {
                db.exec(QStringLiteral("DELETE FROM exchange_pending WHERE clock = ?"), {r.value("clock")});
                progress = true;
            }
        }
    }
}

QJsonObject changeJson(const Row& r) {
    QJsonObject o{{QStringLiteral("clock"), r.value("hlc").toString()},
                  {QStringLiteral("actor"), r.value("actor").toString()},
                  {QStringLiteral("at"), r.value("at").toString()},
                  {QStringLiteral("table"), r.value("tbl").toString()},
                  {QStringLiteral("record"), r.value("record").toString()},
                  {QStringLiteral("op"), r.value("op").toString()},
                  {QStringLiteral("fields"), parseObject(r.value("fields").toString())}};
    // A merge keeps its survivor in the stored fields under "$merge"; in a package it is the change's "merge".
    if (QJsonObject fields = o.value(QStringLiteral("fields")).toObject(); fields.contains(QStringLiteral("$merge"))) {
        o.insert(QStringLiteral("merge"), fields.take(QStringLiteral("$merge")));
        o.insert(QStringLiteral("fields"), fields);
    }
    if (!r.value("resolves").isNull()) o.insert(QStringLiteral("resolves"), r.value("resolves").toString());
    return o;
}

// Packages in the folder, those in packages/ first, then those compaction moved to archive/
// (docs/exchange.md, "Snapshots and compaction"): a replica that needs one still finds it.
struct PackageFile {
    QString name, replica;
    qint64 seq = 0;
};
QList<PackageFile> listPackages(TeamTransport& transport) {
    static const QRegularExpression packageFile(
        QStringLiteral("^(?:archive/)?packages/([0-9a-f-]{36})/([0-9]{10})\\.cbpkg$"));
    QList<PackageFile> out;
    for (const QString& prefix : {QStringLiteral("packages"), QStringLiteral("archive/packages")}) {
        QStringList names = transport.list(prefix);
        names.sort();
        for (const QString& name : names) {
            const auto m = packageFile.match(name);
            if (m.hasMatch()) out.append({name, m.captured(1), m.captured(2).toLongLong()});
        }
    }
    return out;
}

// What a replica has applied: per replica, the highest package seq (its own: the last it wrote).
using SeqVector = QMap<QString, qint64>;

SeqVector appliedVector(Database& db, const ReplicaInfo& info) {
    SeqVector v;
    for (const Row& r : db.query(QStringLiteral("SELECT replica_id, applied_seq FROM exchange_peer")))
        v.insert(r.value("replica_id").toString(), r.value("applied_seq").toLongLong());
    v.insert(info.replicaId, db.scalar(QStringLiteral("SELECT packaged_seq FROM exchange_replica")).toLongLong());
    return v;
}

QString ackName(const QString& replicaId, qint64 n) {
    return QStringLiteral("acks/%1/%2.json").arg(replicaId).arg(n, 10, 10, QLatin1Char('0'));
}

struct Ack {
    qint64 n = 0;
    SeqVector applied;
};

// The newest ack file of each replica (acks/<replica>/<n>.json, written once each).
QMap<QString, Ack> newestAcks(TeamTransport& transport, const QString& prefix = QStringLiteral("acks")) {
    static const QRegularExpression ackFile(QStringLiteral("^acks/([0-9a-f-]{36})/([0-9]{10})\\.json$"));
    QMap<QString, Ack> out;
    for (const QString& name : transport.list(prefix)) {
        const auto m = ackFile.match(name);
        if (!m.hasMatch()) continue;
        const qint64 n = m.captured(2).toLongLong();
        if (out.contains(m.captured(1)) && out[m.captured(1)].n >= n) continue;
        const auto bytes = transport.read(name);
        if (!bytes) continue;
        Ack ack{n, {}};
        const QJsonObject applied = QJsonDocument::fromJson(*bytes).object().value(QStringLiteral("applied")).toObject();
        for (auto it = applied.begin(); it != applied.end(); ++it) ack.applied.insert(it.key(), it.value().toInteger());
        out.insert(m.captured(1), ack);
    }
    return out;
}

// Members retired by a person (retired/<retiring replica>/<retired replica>.json, each written
// once by the replica whose user retired it): the earliest retirement of each counts.
struct Retirement {
    QString by, who, at;
};
QMap<QString, Retirement> retirements(TeamTransport& transport) {
    static const QRegularExpression retiredFile(QStringLiteral("^retired/([^/]+)/([^/]+)\\.json$"));
    QMap<QString, Retirement> out;
    for (const QString& name : transport.list(QStringLiteral("retired"))) {
        const auto m = retiredFile.match(name);
        if (!m.hasMatch()) continue;
        const auto bytes = transport.read(name);
        if (!bytes) continue;
        const QJsonObject o = QJsonDocument::fromJson(*bytes).object();
        if (o.value(QStringLiteral("replica_id")).toString() != m.captured(2)) continue; // not what its name says
        const Retirement r{m.captured(1), o.value(QStringLiteral("who")).toString(), o.value(QStringLiteral("at")).toString()};
        if (!out.contains(m.captured(2)) || r.at < out[m.captured(2)].at) out.insert(m.captured(2), r);
    }
    return out;
}

// Tells the folder what this replica has applied, when that changed: compaction never archives a
// package some member has not acknowledged.
void writeAck(Database& db, TeamTransport& transport, const ReplicaInfo& info) {
    const SeqVector applied = appliedVector(db, info);
    const Ack last = newestAcks(transport, QStringLiteral("acks/") + info.replicaId).value(info.replicaId);
    if (last.n > 0 && last.applied == applied) return;
    QJsonObject vector;
    for (auto it = applied.begin(); it != applied.end(); ++it) vector.insert(it.key(), it.value());
    const QJsonObject ack{{QStringLiteral("replica_id"), info.replicaId},
                          {QStringLiteral("applied"), vector},
                          {QStringLiteral("written_utc"), db.nowStamp()}};
    transport.writeOnce(ackName(info.replicaId, last.n + 1), QJsonDocument(ack).toJson(QJsonDocument::Compact));
}

// A package holds at most this many changes and stops once its changes' fields pass about this
// many bytes: a replica that imported a whole register sends it as many packages, each written,
// read and applied in bounded memory. (All unsent changes went into one package: 21,639 changes
// from a 2,000-contractor import made an 11 MB package, 192 MiB to write and 172 MiB to apply;
// a 50,000-contractor register would have been one package of about 250 MB.)
int g_packageChanges = 5000;
qsizetype g_packageBytes = qsizetype(8) << 20;

// Writes this replica's unsent changes as its next packages. A package written by a sync that was
// killed before it could note so is recognised and adopted, never written twice.
int sendChanges(Database& db, TeamTransport& transport, const ReplicaInfo& info, const QByteArray& key) {
    const QString unsentSql = QStringLiteral("SELECT n, hlc, actor, at, tbl, record, op, fields, resolves FROM "
                                             "exchange_change WHERE seq IS NULL ORDER BY n LIMIT ?");
    int sent = 0;
    for (;;) {
        if (!db.scalar(QStringLiteral("SELECT EXISTS(SELECT 1 FROM exchange_change WHERE seq IS NULL)")).toBool())
            return sent;
        db.write([&] {
            const auto me = db.queryOne(QStringLiteral("SELECT packaged_seq, last_hash FROM exchange_replica"));
            const qint64 seq = me->value("packaged_seq").toLongLong() + 1;
            const QString name = packageName(info.replicaId, seq);
            QList<Row> unsent;
            qsizetype count = 0;
            QString hash;
            const QString mismatch = QStringLiteral("Your package %1 in the team folder does not match this database's "
                                                    "changes: was this database restored from a backup? Ask for help "
                                                    "before syncing again.").arg(seq);
            if (const auto existing = transport.read(name)) {
                // Written by a sync killed before it could commit: adopted if it holds the oldest unsent
                // changes, in order, however many (an older Casebook put them all in one package).
                const Envelope e = openEnvelope(kPackageMagic, *existing, info.teamId,
                                                QStringLiteral("Your own package %1").arg(seq), key);
                const QJsonArray changes = QJsonDocument::fromJson(e.body).object().value(QStringLiteral("changes")).toArray();
                count = changes.size();
                if (count == 0) throw Error(mismatch);
                unsent = db.query(unsentSql, {count});
                for (qsizetype i = 0; i < count; ++i)
                    if (i >= unsent.size() ||
                        changes[i].toObject().value(QStringLiteral("clock")).toString() != unsent[i].value("hlc").toString())
                        throw Error(mismatch);
                hash = sha256(e.body);
            } else {
                unsent = db.query(unsentSql, {g_packageChanges});
                QJsonArray changes;
                qsizetype bytes = 0;
                for (const Row& r : unsent) {
                    changes.append(changeJson(r));
                    bytes += r.value("fields").toString().size() + 200; // the fields, and the clock, names and ids
                    if (bytes >= g_packageBytes) break;
                }
                count = changes.size();
                const QByteArray body = QJsonDocument(QJsonObject{{QStringLiteral("changes"), changes}})
                                            .toJson(QJsonDocument::Compact);
                const QJsonObject header{{QStringLiteral("team_id"), info.teamId},
                                         {QStringLiteral("replica_id"), info.replicaId},
                                         {QStringLiteral("replica_name"), info.name},
                                         {QStringLiteral("seq"), seq},
                                         {QStringLiteral("count"), changes.size()},
                                         {QStringLiteral("created_utc"), db.nowStamp()},
                                         {QStringLiteral("prev_sha256"), me->value("last_hash").toString()}};
                hash = sha256(body);
                transport.writeOnce(name, sealEnvelope(kPackageMagic, header, body, key));
            }
            db.exec(QStringLiteral("UPDATE exchange_change SET seq = ? WHERE n <= ? AND seq IS NULL"),
                    {seq, unsent[count - 1].value("n")});
            db.exec(QStringLiteral("UPDATE exchange_replica SET packaged_seq = ?, last_hash = ?"), {seq, hash});
            sent += int(count);
        });
    }
}

void receiveChanges(Database& db, TeamTransport& transport, const ReplicaInfo& info, const QByteArray& key,
                    SyncReport& report) {
    QMap<QString, QMap<qint64, QString>> streams; // peer -> seq -> file name
    for (const PackageFile& f : listPackages(transport))
        if (f.replica != info.replicaId && !streams[f.replica].contains(f.seq)) streams[f.replica].insert(f.seq, f.name);
    Applier applier(db, report);
    for (auto it = streams.begin(); it != streams.end(); ++it) {
        const QString peer = it.key();
        const QString who = peerName(transport, peer);
        const auto known = db.queryOne(QStringLiteral("SELECT applied_seq, last_hash FROM exchange_peer WHERE replica_id = ?"),
                                       {peer});
        qint64 next = known ? known->value("applied_seq").toLongLong() + 1 : 1;
        QString lastHash = known ? known->value("last_hash").toString() : QString();
        bool failed = false;
        for (; it->contains(next); ++next) {
            const QString what = QStringLiteral("Package %1 from %2").arg(next).arg(who);
            try {
                const auto bytes = transport.read(it->value(next));
                if (!bytes) throw Error(QStringLiteral("%1 could not be read; it will be tried again at the next sync.").arg(what));
                const Envelope e = openEnvelope(kPackageMagic, *bytes, info.teamId, what, key);
                if (e.header.value(QStringLiteral("replica_id")).toString() != peer ||
                    e.header.value(QStringLiteral("seq")).toInteger() != next)
                    throw Error(QStringLiteral("%1 has been renamed or moved from elsewhere; nothing of it was applied.")
                                    .arg(what));
                if (!lastHash.isEmpty() && e.header.value(QStringLiteral("prev_sha256")).toString() != lastHash)
                    throw Error(QStringLiteral("%1 does not follow the package before it (it was replaced or edited); "
                                               "nothing of it was applied. Ask %2 to sync again.").arg(what, who));
                const QJsonDocument body = QJsonDocument::fromJson(e.body);
                if (!body.isObject()) throw Error(QStringLiteral("%1 is damaged; nothing of it was applied.").arg(what));
                const QJsonArray changes = body.object().value(QStringLiteral("changes")).toArray();
                db.write([&] {
                    const Database::SourceScope source(db, QStringLiteral("team %1").arg(who));
                    const ApplyingScope applying;
                    for (const QJsonValue& v : changes) {
                        const QJsonObject change = v.toObject();
                        try {
                            if (!applier.apply(change))
                                db.exec(QStringLiteral("INSERT OR REPLACE INTO exchange_pending(clock, change) VALUES (?,?)"),
                                        {change.value(QStringLiteral("clock")).toString(), compactJson(change)});
                        } catch (const Error& err) {
                            throw Error(QStringLiteral("%1 could not be applied (%2); nothing of it was applied.")
                                            .arg(what, err.message()));
                        }
                    }
                    retryPending(db, applier, transport);
                    db.exec(QStringLiteral("INSERT OR REPLACE INTO exchange_peer(replica_id, applied_seq, last_hash) "
                                           "VALUES (?,?,?)"),
                            {peer, next, sha256(e.body)});
                });
                lastHash = sha256(e.body);
                ++report.packagesIn;
            } catch (const Error& err) {
                report.problems << err.message();
                failed = true;
                break;
            }
        }
        if (!failed)
            for (qint64 s : it->keys())
                if (s > next) {
                    report.problems << QStringLiteral("Package %1 from %2 is missing (later ones are there): it may still "
                                                     "be copying. Changes from %2 after package %3 wait until it arrives.")
                                           .arg(next).arg(who).arg(next - 1);
                    break;
                }
    }
}

// Marks a conflict decided and, in a team, logs the decision as a change that closes it on every
// replica. Inside the caller's write transaction.
void markDecided(Database& db, const QString& id, const QString& table, const QString& record) {
    db.exec(QStringLiteral("UPDATE exchange_conflict SET resolved_at = ?, resolved_by = ? WHERE id = ?"),
            {db.nowStamp(), db.actor(), id});
    if (isMember(db))
        db.exec(QStringLiteral("INSERT INTO exchange_change(hlc, actor, at, tbl, record, op, fields, resolves) VALUES "
                               "(?,?,?,?,?,'update','{}',?)"),
                {nextClock(db), db.actor(), db.nowStamp(), table, record, id});
}

} // namespace

QString SyncReport::summary(const QString& time) const {
    QString s = QStringLiteral("Synced %1 — %2 change%3 in, %4 out").arg(time).arg(changesIn)
                    .arg(changesIn == 1 ? "" : "s").arg(changesOut);
    if (openConflicts > 0)
        s += QStringLiteral(" — %1 conflict%2").arg(openConflicts).arg(openConflicts == 1 ? "" : "s");
    if (!problems.isEmpty())
        s += QStringLiteral(" — %1 problem%2").arg(problems.size()).arg(problems.size() == 1 ? "" : "s");
    return s;
}

bool isMember(Database& db) { return db.scalar(QStringLiteral("SELECT count(*) FROM exchange_replica")).toLongLong() > 0; }

ReplicaInfo replicaInfo(Database& db) {
    const auto r = db.queryOne(QStringLiteral("SELECT replica_id, name, team_id, folder, team_key IS NOT NULL AS encrypted "
                                              "FROM exchange_replica"));
    if (!r)
        throw Error(QStringLiteral("This database is not in a team. Run team init FOLDER to start one, or make a new "
                                   "database with team join FOLDER."));
    return {r->value("replica_id").toString(), r->value("name").toString(), r->value("team_id").toString(),
            r->value("folder").toString(), r->value("encrypted").toBool()};
}

bool folderIsEncrypted(const QString& folder) {
    FolderTransport transport(QFileInfo(folder).absoluteFilePath());
    if (!transport.reachable() || !transport.read(kTeamFile)) return false;
    return teamFileOf(transport).encrypted;
}

ReplicaInfo initTeam(Database& db, const QString& folder, const QString& name, const QString& passphrase) {
    if (isMember(db))
        throw Error(QStringLiteral("This database is already in the team folder %1.")
                        .arg(QDir::toNativeSeparators(replicaInfo(db).folder)));
    const QString root = QFileInfo(folder).absoluteFilePath();
    if (FolderTransport(root).read(kTeamFile))
        throw Error(QStringLiteral("%1 is already a team folder. To take part, make a new database with team join %1.")
                        .arg(QDir::toNativeSeparators(root)));
    ReplicaInfo info{QUuid::createUuid().toString(QUuid::WithoutBraces), name.isEmpty() ? defaultName(db) : name,
                     QUuid::createUuid().toString(QUuid::WithoutBraces), root, !passphrase.isEmpty()};
    QJsonObject team{{QStringLiteral("team_id"), info.teamId},
                     {QStringLiteral("format"), 1},
                     {QStringLiteral("encrypted"), info.encrypted},
                     {QStringLiteral("created_utc"), db.nowStamp()}};
    QByteArray key;
    if (info.encrypted) { // before anything is written: a passphrase too short leaves nothing behind
        const crypto::NewTeamKey made = crypto::newTeamKey(passphrase, info.teamId);
        key = made.key;
        team.insert(QStringLiteral("kdf"), made.kdf);
        team.insert(QStringLiteral("key_check"), made.keyCheck);
    }
    const bool madeFolder = !QFileInfo::exists(root);
    if (!QDir().mkpath(root))
        throw Error(QStringLiteral("Could not create the team folder %1: check the drive is connected and you may write "
                                   "there.").arg(QDir::toNativeSeparators(root)));
    FolderTransport transport(root);
    bool inserted = false;
    try {
        transport.writeOnce(kTeamFile, QJsonDocument(team).toJson());
        db.write([&] {
            db.exec(QStringLiteral("INSERT INTO exchange_replica(id, replica_id, name, team_id, folder, team_key) VALUES "
                                   "(1,?,?,?,?,?)"),
                    {info.replicaId, info.name, info.teamId, root, key.isEmpty() ? QVariant() : QVariant(key)});
        });
        inserted = true;
        writeMember(db, transport, info);
        writeSnapshot(db, transport, info, key);
    } catch (...) {
        // A team half made (a full disk, a folder that refuses the snapshot) would refuse the next
        // team init for ever: take back what this attempt wrote, its own files only, and say why.
        if (inserted) {
            try {
                db.write([&] { db.exec(QStringLiteral("DELETE FROM exchange_replica")); });
            } catch (const Error&) {
            }
        }
        QStringList mine{kTeamFile, memberName(info.replicaId)};
        for (const QString& f : transport.list(QStringLiteral("snapshots/")))
            if (QFileInfo(f).fileName().startsWith(info.replicaId)) mine << f;
        for (const QString& f : mine) QFile::remove(QDir(root).filePath(f));
        if (madeFolder) { // the folders this attempt made, if nothing else is in them
            QDirIterator dirs(root, QDir::Dirs | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
            QStringList made;
            while (dirs.hasNext()) made.prepend(dirs.next());
            for (const QString& d : made) QDir().rmdir(d);
            QDir().rmdir(root);
        }
        throw;
    }
    attachChangeCapture(db);
    return info;
}

SyncReport joinTeam(const QString& folder, const QString& dbPath, const QString& name, const QString& passphrase) {
    if (const QString why = files::whyNotOrdinaryTarget(dbPath); !why.isEmpty()) throw Error(why);
    if (QFileInfo(dbPath).exists() && QFileInfo(dbPath).size() > 0)
        throw Error(QStringLiteral("%1 already exists. Give a new file name for your copy of the team's records.")
                        .arg(QDir::toNativeSeparators(dbPath)));
    const QString root = QFileInfo(folder).absoluteFilePath();
    FolderTransport transport(root);
    const TeamFile team = teamFileOf(transport);
    const QString& teamId = team.teamId;
    QByteArray key;
    if (team.encrypted) {
        if (passphrase.isEmpty())
            throw Error(QStringLiteral("%1 is encrypted: give the team passphrase to join it (ask whoever set up the team "
                                       "folder). Nothing was changed.").arg(transport.describe()));
        key = crypto::deriveKey(passphrase, team.kdf);
        if (!crypto::keyOpensCheck(key, team.keyCheck, teamId))
            throw Error(QStringLiteral("The team passphrase is not right for %1: nothing was changed. Check it with "
                                       "whoever set up the team folder and try again.").arg(transport.describe()));
    }
    // The snapshot covering the most packages first (compaction writes them: "<replica>-<seq>-<covered>").
    static const QRegularExpression snapshotFile(
        QStringLiteral("^snapshots/[0-9a-f-]{36}-[0-9]{10}(?:-([0-9]{12}))?\\.cbsnap$"));
    QList<std::pair<qint64, QString>> candidates;
    for (const QString& name : transport.list(QStringLiteral("snapshots")))
        if (const auto m = snapshotFile.match(name); m.hasMatch()) candidates.append({m.captured(1).toLongLong(), name});
    std::sort(candidates.begin(), candidates.end());
    QStringList snapshots;
    for (const auto& c : candidates) snapshots << c.second;
    // Each snapshot is checked as it is written to a temporary file beside dbPath, which becomes
    // dbPath only once the whole snapshot has verified: a damaged one leaves nothing behind, and the
    // next fullest is tried.
    std::optional<QJsonObject> header;
    QString why;
    for (auto it = snapshots.crbegin(); it != snapshots.crend() && !header; ++it) {
        QSaveFile out(dbPath);
        out.setDirectWriteFallback(false);
        const auto cannotWrite = [&] {
            return Error(QStringLiteral("Could not write %1 (%2): check the folder exists, you may write there and there "
                                        "is space on the drive. Nothing was changed.")
                             .arg(QDir::toNativeSeparators(dbPath), out.errorString()));
        };
        try {
            const auto in = transport.openRead(*it);
            if (!in) continue;
            if (!out.open(QIODevice::WriteOnly)) throw cannotWrite();
            header = openSnapshot(*in, teamId, QStringLiteral("The team snapshot %1").arg(*it), key, out);
        } catch (const Error& e) {
            if (out.isOpen() && out.error() != QFileDevice::NoError) throw cannotWrite(); // not the snapshot's fault
            why = e.message();
            continue;
        }
        if (!out.commit()) throw cannotWrite();
    }
    if (!header)
        throw Error(why.isEmpty() ? QStringLiteral("%1 has no snapshot to start from: ask whoever set it up to run team "
                                                   "init again.").arg(transport.describe())
                                  : why);
    Database db(dbPath);
    ReplicaInfo info{QUuid::createUuid().toString(QUuid::WithoutBraces), name.isEmpty() ? defaultName(db) : name, teamId,
                     root, team.encrypted};
    db.write([&] {
        const QString origin = header->value(QStringLiteral("replica_id")).toString();
        db.exec(QStringLiteral("UPDATE exchange_replica SET replica_id = ?, name = ?, folder = ?, packaged_seq = 0, "
                               "last_hash = '', last_sync = NULL, last_summary = NULL, team_key = ?"),
                {info.replicaId, info.name, root, key.isEmpty() ? QVariant() : QVariant(key)});
        db.exec(QStringLiteral("DELETE FROM exchange_change"));
        db.exec(QStringLiteral("INSERT OR REPLACE INTO exchange_peer(replica_id, applied_seq, last_hash) VALUES (?,?,?)"),
                {origin, header->value(QStringLiteral("seq")).toInteger(),
                 header->value(QStringLiteral("last_hash")).toString()});
    });
    writeMember(db, transport, info);
    return sync(db);
}

PackageLimitsScope::PackageLimitsScope(int changes, qsizetype bytes)
    : m_changes(g_packageChanges), m_bytes(g_packageBytes) {
    g_packageChanges = changes;
    g_packageBytes = bytes;
}

PackageLimitsScope::~PackageLimitsScope() {
    g_packageChanges = m_changes;
    g_packageBytes = m_bytes;
}

SyncReport sync(Database& db) {
    FolderTransport transport(replicaInfo(db).folder);
    return sync(db, transport);
}

SyncReport sync(Database& db, TeamTransport& transport) {
    const ReplicaInfo info = replicaInfo(db);
    const TeamFile team = teamFileOf(transport);
    if (team.teamId != info.teamId)
        throw Error(QStringLiteral("%1 belongs to another team, not this database's: nothing was exchanged. Check the "
                                   "folder.").arg(transport.describe()));
    const QByteArray key = teamKey(db);
    if (team.encrypted != !key.isEmpty() || (team.encrypted && !crypto::keyOpensCheck(key, team.keyCheck, team.teamId)))
        throw Error(QStringLiteral("This database's team key does not open %1 (was the team folder's passphrase set "
                                   "again?): nothing was exchanged. Make a new copy with team join and the team's "
                                   "passphrase.").arg(transport.describe()));
    SyncReport report;
    report.changesOut = sendChanges(db, transport, info, key);
    receiveChanges(db, transport, info, key, report);
    try {
        writeAck(db, transport, info);
    } catch (const Error& e) {
        report.problems << e.message();
    }
    report.openConflicts =
        int(db.scalar(QStringLiteral("SELECT count(*) FROM exchange_conflict WHERE resolved_at IS NULL")).toLongLong());
    db.write([&] {
        db.exec(QStringLiteral("UPDATE exchange_replica SET last_sync = ?, last_summary = ?"),
                {db.nowStamp(), report.summary(db.clock().nowUtc().toLocalTime().toString(QStringLiteral("HH:mm")))});
    });
    return report;
}

CompactReport compact(Database& db) {
    CompactReport out;
    out.sync = sync(db); // own changes out, colleagues' in, this replica's ack written
    const ReplicaInfo info = replicaInfo(db);
    FolderTransport transport(info.folder);
    const SeqVector covered = appliedVector(db, info);
    // Per replica's stream, the highest package every member has acknowledged applying.
    static const QRegularExpression memberFile(QStringLiteral("^members/([0-9a-f-]{36})\\.json$"));
    const QMap<QString, Ack> acks = newestAcks(transport);
    SeqVector everyone = covered;
    for (const PackageFile& f : listPackages(transport)) everyone.insert(f.replica, everyone.value(f.replica, 0));
    const QMap<QString, Retirement> retired = retirements(transport);
    for (const QString& name : transport.list(QStringLiteral("members"))) {
        const auto m = memberFile.match(name);
        if (!m.hasMatch() || retired.contains(m.captured(1))) continue; // a retired member is not waited for
        const auto ack = acks.constFind(m.captured(1));
        if (ack == acks.constEnd()) out.waitingFor << peerName(transport, m.captured(1));
        for (auto it = everyone.begin(); it != everyone.end(); ++it)
            it.value() = std::min(it.value(), ack == acks.constEnd() ? 0 : ack->applied.value(it.key(), 0));
    }
    qint64 total = 0;
    for (qint64 seq : covered) total += seq;
    out.snapshot = QStringLiteral("snapshots/%1-%2-%3.cbsnap")
                       .arg(info.replicaId)
                       .arg(covered.value(info.replicaId), 10, 10, QLatin1Char('0'))
                       .arg(total, 12, 10, QLatin1Char('0'));
    const QStringList snapshots = transport.list(QStringLiteral("snapshots"));
    if (!snapshots.contains(out.snapshot)) writeSnapshot(db, transport, info, teamKey(db), out.snapshot);
    for (const QString& name : snapshots) // this replica's older snapshots: the new one covers more
        if (name != out.snapshot && name.startsWith(QStringLiteral("snapshots/") + info.replicaId)) {
            transport.archive(name);
            out.archived << name;
        }
    const qint64 newestAck = acks.value(info.replicaId).n; // older own acks no longer count: archived
    static const QRegularExpression ownAck(QStringLiteral("^acks/[0-9a-f-]{36}/([0-9]{10})\\.json$"));
    for (const QString& name : transport.list(QStringLiteral("acks/") + info.replicaId))
        if (const auto m = ownAck.match(name); m.hasMatch() && m.captured(1).toLongLong() < newestAck) {
            transport.archive(name);
            out.archived << name;
        }
    for (const PackageFile& f : listPackages(transport)) {
        if (f.seq > everyone.value(f.replica)) continue;
        if (f.replica == info.replicaId && !f.name.startsWith(QLatin1String("archive/"))) {
            transport.archive(f.name);
            out.archived << f.name;
            out.deletable << QStringLiteral("archive/") + f.name;
        } else {
            out.deletable << f.name;
        }
    }
    return out;
}

// ---- Members and retiring one that never syncs (docs/exchange.md, "Snapshots and compaction") ---

QList<Member> members(Database& db) {
    const ReplicaInfo info = replicaInfo(db);
    FolderTransport transport(info.folder);
    teamFileOf(transport); // reachable and a team folder, or an error in words
    static const QRegularExpression memberFile(QStringLiteral("^members/([^/]+)\\.json$"));
    const QMap<QString, Ack> acks = newestAcks(transport);
    const QMap<QString, Retirement> retired = retirements(transport);
    QList<Member> out;
    for (const QString& name : transport.list(QStringLiteral("members"))) {
        const auto m = memberFile.match(name);
        if (!m.hasMatch()) continue;
        const auto bytes = transport.read(name);
        if (!bytes) continue;
        const QJsonObject o = QJsonDocument::fromJson(*bytes).object();
        Member member;
        member.replicaId = m.captured(1);
        member.name = o.value(QStringLiteral("name")).toString();
        if (member.name.isEmpty()) member.name = QStringLiteral("replica %1").arg(member.replicaId.left(8));
        member.who = o.value(QStringLiteral("who")).toString();
        member.joined = o.value(QStringLiteral("joined")).toString();
        if (acks.contains(member.replicaId)) {
            const auto ack = transport.read(ackName(member.replicaId, acks.value(member.replicaId).n));
            if (ack) member.lastSync = QJsonDocument::fromJson(*ack).object().value(QStringLiteral("written_utc")).toString();
        }
        member.self = member.replicaId == info.replicaId;
        if (const auto r = retired.constFind(member.replicaId); r != retired.constEnd()) {
            member.retired = true;
            member.retiredBy = r->who;
            member.retiredAt = r->at;
        }
        out.append(member);
    }
    std::sort(out.begin(), out.end(), [](const Member& a, const Member& b) {
        return a.name.compare(b.name, Qt::CaseInsensitive) < 0 ||
               (a.name.compare(b.name, Qt::CaseInsensitive) == 0 && a.replicaId < b.replicaId);
    });
    return out;
}

QString retireConsequences(const Member& m) {
    return QStringLiteral("Retire %1? Do this only for a member that will not sync again (a lost laptop, a colleague who "
                          "has left). Compaction stops waiting for it, so the team folder can be tidied; any changes it "
                          "made and never synced stay on that computer and never reach the team. If it does come back, "
                          "it can still sync: nothing is deleted.")
        .arg(m.name);
}

Member retireMember(Database& db, const QString& wanted) {
    const QString w = wanted.trimmed();
    if (w.isEmpty()) throw Error(QStringLiteral("Say which member to retire: its name or id, as team members lists them."));
    const QList<Member> all = members(db);
    QList<Member> found;
    for (const Member& m : all)
        if (m.replicaId == w || m.name.compare(w, Qt::CaseInsensitive) == 0) found = {m};
    if (found.isEmpty())
        for (const Member& m : all)
            if (w.size() >= 4 && m.replicaId.startsWith(w, Qt::CaseInsensitive)) found << m;
    if (found.isEmpty())
        throw Error(QStringLiteral("No member of the team is called \"%1\": run team members to list them.").arg(w));
    if (found.size() > 1)
        throw Error(QStringLiteral("\"%1\" matches %2 members: give more of the id, as team members lists it.")
                        .arg(w).arg(found.size()));
    Member m = found.first();
    if (m.self)
        throw Error(QStringLiteral("%1 is this database: a member cannot retire itself. Nothing was changed.").arg(m.name));
    if (m.retired)
        throw Error(QStringLiteral("%1 was already retired by %2 on %3. Nothing was changed.")
                        .arg(m.name, m.retiredBy, m.retiredAt.left(10)));
    const ReplicaInfo info = replicaInfo(db);
    FolderTransport transport(info.folder);
    const QJsonObject o{{QStringLiteral("replica_id"), m.replicaId},
                        {QStringLiteral("name"), m.name},
                        {QStringLiteral("by_replica"), info.replicaId},
                        {QStringLiteral("who"), db.actor()},
                        {QStringLiteral("at"), db.nowStamp()}};
    try {
        transport.writeOnce(QStringLiteral("retired/%1/%2.json").arg(info.replicaId, m.replicaId),
                            QJsonDocument(o).toJson());
    } catch (const Error&) {
        // A retirement is a file in the team folder, not something a later sync sends: say so.
        throw Error(QStringLiteral("%1 was not retired: Casebook could not record it in the team folder %2. Check the "
                                   "drive is connected, has space, and you may write there, then retire it again. "
                                   "Nothing was changed.")
                        .arg(m.name, QDir::toNativeSeparators(info.folder)));
    }
    m.retired = true;
    m.retiredBy = db.actor();
    m.retiredAt = o.value(QStringLiteral("at")).toString();
    return m;
}

// ---- Merging two records with the same natural key (docs/exchange.md) ------------------------------

namespace {

// The record a key clash refused (held in the rule conflict) and the one here holding its key.
struct KeyClash {
    const RecordType* type = nullptr;
    Row held;    // the colleague's record, as the conflict keeps it
    Row local;   // the record here with the same key
};

std::optional<KeyClash> keyClashOf(Database& db, const Row& c) {
    if (c.value("kind").toString() != QLatin1String("rule") || !c.value("field").toString().isEmpty()) return std::nullopt;
    const RecordType* type = findRecordType(c.value("tbl").toString());
    if (!type || type->naturalKey.isEmpty()) return std::nullopt;
    const QJsonValue v = QJsonDocument::fromJson(c.value("theirs_value").toString().toUtf8()).array().at(0);
    const QJsonObject o = QJsonDocument::fromJson(v.toString().toUtf8()).object();
    if (o.isEmpty()) return std::nullopt;
    Row held = rowOf(o);
    held.insert(QStringLiteral("id"), c.value("record").toString());
    const QVariant key = held.value(type->naturalKey);
    if (key.isNull() || db.fetchRecord(type->table, held.value("id").toString())) return std::nullopt;
    const auto other = db.queryOne(QStringLiteral("SELECT id FROM %1 WHERE %2 = ? AND id <> ?").arg(type->table, type->naturalKey),
                                   {key, held.value("id")});
    if (!other) return std::nullopt;
    const auto local = db.fetchRecord(type->table, other->value("id").toString());
    if (!local) return std::nullopt;
    Row mine = *local;
    mine.remove(kRowVersion);
    return KeyClash{type, held, mine};
}

// When a record was created: its insert's clock as logged here, else the oldest clock of its fields
// (a record that came from a colleague), else "" (it was there before the team: older than any).
QString creationClock(Database& db, const QString& table, const QString& id) {
    const QVariant logged = db.scalar(
        QStringLiteral("SELECT min(hlc) FROM exchange_change WHERE tbl = ? AND record = ? AND op = 'insert'"), {table, id});
    if (!logged.isNull()) return logged.toString();
    return db.scalar(QStringLiteral("SELECT coalesce(min(clock), '') FROM exchange_field_clock WHERE tbl = ? AND record = ?"),
                     {table, id})
        .toString();
}

QJsonObject localClocks(Database& db, const QString& table, const QString& id) {
    QJsonObject clocks;
    for (const Row& r : db.query(QStringLiteral("SELECT field, clock, actor, at FROM exchange_field_clock WHERE tbl = ? "
                                                "AND record = ?"),
                                 {table, id}))
        clocks.insert(r.value("field").toString(), QJsonObject{{QStringLiteral("clock"), r.value("clock").toString()},
                                                               {QStringLiteral("actor"), r.value("actor").toString()},
                                                               {QStringLiteral("at"), r.value("at").toString()}});
    return clocks;
}

} // namespace

MergeResult mergeConflictRecords(Database& db, const QString& id) {
    const auto c = db.queryOne(QStringLiteral("SELECT * FROM exchange_conflict WHERE id = ?"), {id});
    if (!c) throw Error(QStringLiteral("There is no conflict %1: run conflicts to list them with their ids.").arg(id));
    if (!c->value("resolved_at").isNull())
        throw Error(QStringLiteral("Conflict %1 was already decided by %2.").arg(id, c->value("resolved_by").toString()));
    const auto clash = keyClashOf(db, *c);
    if (!clash)
        throw Error(QStringLiteral("Conflict %1 is not about two records with the same key, so there is nothing to merge: "
                                   "choose Keep mine or Keep theirs.").arg(id));
    const RecordType& type = *clash->type;
    const ReplicaInfo info = replicaInfo(db);
    const QString heldId = clash->held.value("id").toString();
    const QString localId = clash->local.value("id").toString();
    // The survivor is the record created first (ties by id): whoever merges, on whichever replica,
    // picks the same one, so two people merging the same pair at once agree.
    const QString heldClock = c->value("theirs_clock").toString();
    const QString localClock = creationClock(db, type.table, localId);
    const bool heldSurvives = heldClock != localClock ? heldClock < localClock : heldId < localId;
    QJsonObject heldClocks;
    for (auto it = clash->held.begin(); it != clash->held.end(); ++it)
        if (it.key() != QLatin1String("id"))
            heldClocks.insert(it.key(), QJsonObject{{QStringLiteral("clock"), heldClock},
                                                    {QStringLiteral("actor"), c->value("theirs_who").toString()},
                                                    {QStringLiteral("at"), c->value("theirs_at").toString()}});
    const QJsonObject ownClocks = localClocks(db, type.table, localId);
    const Row& survivor = heldSurvives ? clash->held : clash->local;
    const Row& loser = heldSurvives ? clash->local : clash->held;
    const QJsonObject& loserClocks = heldSurvives ? ownClocks : heldClocks;
    const QJsonObject merge{{QStringLiteral("into"), survivor.value("id").toString()},
                            {QStringLiteral("survivor"),
                             QJsonObject{{QStringLiteral("row"), objectOf(survivor)},
                                         {QStringLiteral("clocks"), heldSurvives ? heldClocks : ownClocks}}},
                            {QStringLiteral("loser_clocks"), loserClocks}};
    QJsonObject fields;
    for (auto it = loser.begin(); it != loser.end(); ++it) {
        if (it.key() == QLatin1String("id")) continue;
        fields.insert(it.key(), QJsonObject{{QStringLiteral("old"), jsonOf(it.value())},
                                            {QStringLiteral("base"), loserClocks.value(it.key()).toObject()
                                                                         .value(QStringLiteral("clock")).toString()}});
    }
    fields.insert(QStringLiteral("$merge"), merge);
    MergeResult result;
    result.survivor = survivor.value("id").toString();
    result.merged = loser.value("id").toString();
    SyncReport report;
    db.write([&] {
        const Clocked by{nextClock(db), db.actor(), db.nowStamp()};
        {
            const ApplyingScope applying; // logged below as one change, not as its parts
            Applier applier(db, report);
            if (!applier.merge(type, result.merged, loser, loserClocks, merge, by))
                throw Error(QStringLiteral("A third %1 with the same %2 is here: merge that one first, then this.")
                                .arg(type.entity.toLower(), type.naturalKey));
            db.exec(QStringLiteral("INSERT INTO exchange_change(hlc, actor, at, tbl, record, op, fields, resolves) VALUES "
                                   "(?,?,?,?,?,'delete',?,?)"),
                    {by.clock, by.actor, by.at, type.table, result.merged, compactJson(fields), id});
            // Colleagues' records that waited for the merged-away one (its children) now go to the survivor.
            FolderTransport transport(info.folder);
            retryPending(db, applier, transport);
        }
        result.fieldConflicts = int(db.scalar(QStringLiteral("SELECT count(*) FROM exchange_conflict WHERE tbl = ? AND "
                                                             "record = ? AND kind = 'field' AND resolved_at IS NULL"),
                                              {type.table, result.survivor})
                                        .toLongLong());
    });
    const auto kept = db.fetchRecord(type.table, result.survivor);
    result.label = kept ? type.labelOf(db, *kept) : result.survivor;
    return result;
}

QList<Conflict> conflicts(Database& db, bool includeResolved) {
    QList<Conflict> out;
    const auto words = [](const RecordType* type, const QString& field, const QVariant& json) -> QString {
        if (json.isNull()) return QStringLiteral("(deleted)");
        const QJsonValue v = QJsonDocument::fromJson(json.toString().toUtf8()).array().at(0);
        const QVariant value = valueOf(v);
        if (type && !field.isEmpty() && !field.contains(QLatin1Char(',')))
            if (const FieldSpec* f = type->field(field)) return f->words(value);
        return value.toString();
    };
    for (const Row& r : db.query(QStringLiteral("SELECT * FROM exchange_conflict %1 ORDER BY tbl, record, field, id")
                                     .arg(includeResolved ? QString() : QStringLiteral("WHERE resolved_at IS NULL")))) {
        Conflict c;
        c.id = r.value("id").toString();
        c.kind = r.value("kind").toString();
        c.table = r.value("tbl").toString();
        c.record = r.value("record").toString();
        c.field = r.value("field").toString();
        c.detail = r.value("detail").toString();
        const RecordType* type = findRecordType(c.table);
        c.fieldLabel = c.field;
        if (type && type->field(c.field)) c.fieldLabel = type->field(c.field)->label;
        c.recordLabel = c.record;
        if (type)
            if (const auto rec = db.fetchRecord(c.table, c.record)) c.recordLabel = type->entity + QLatin1Char(' ') + type->labelOf(db, *rec);
        c.mineValue = words(type, c.field, r.value("mine_value"));
        c.mineWho = r.value("mine_who").toString();
        c.mineAt = r.value("mine_at").toString();
        c.mineReplica = replicaOf(r.value("mine_clock").toString());
        c.theirsValue = words(type, c.field, r.value("theirs_value"));
        c.theirsWho = r.value("theirs_who").toString();
        c.theirsAt = r.value("theirs_at").toString();
        c.theirsReplica = replicaOf(r.value("theirs_clock").toString());
        c.resolved = !r.value("resolved_at").isNull();
        if (c.kind == QLatin1String("delete")) { // one side deleted the record, the other kept it
            if (c.mineValue != QLatin1String("(deleted)")) c.mineValue = QStringLiteral("(kept)");
            if (c.theirsValue != QLatin1String("(deleted)")) c.theirsValue = QStringLiteral("(kept)");
        } else if (c.kind == QLatin1String("rule") && type) { // the held fields or record, in words
            const auto clash = c.resolved ? std::nullopt : keyClashOf(db, r);
            c.canMerge = clash.has_value();
            if (clash) {
                c.mineValue = type->labelOf(db, clash->local);
                c.theirsValue = type->labelOf(db, clash->held);
            } else {
                const QJsonObject held = QJsonDocument::fromJson(c.theirsValue.toUtf8()).object();
                QStringList parts;
                for (auto it = held.begin(); it != held.end(); ++it)
                    if (const FieldSpec* f = type->field(it.key()); f && !f->isBookkeeping())
                        parts << QStringLiteral("%1: %2").arg(f->label, f->words(valueOf(it.value())));
                if (!parts.isEmpty()) c.theirsValue = parts.join(QStringLiteral("; "));
                if (c.mineValue == QLatin1String("(deleted)")) c.mineValue = QStringLiteral("(as it was)");
            }
        }
        out.append(c);
    }
    return out;
}

void resolveConflict(Database& db, const QString& id, bool keepMine) {
    const auto c = db.queryOne(QStringLiteral("SELECT * FROM exchange_conflict WHERE id = ?"), {id});
    if (!c) throw Error(QStringLiteral("There is no conflict %1: run conflicts to list them with their ids.").arg(id));
    if (!c->value("resolved_at").isNull())
        throw Error(QStringLiteral("Conflict %1 was already decided by %2.").arg(id, c->value("resolved_by").toString()));
    const QString kind = c->value("kind").toString();
    const QString table = c->value("tbl").toString();
    const QString record = c->value("record").toString();
    const RecordType& type = recordTypeOf(table);
    const auto value = [&](const char* column) {
        return valueOf(QJsonDocument::fromJson(c->value(column).toString().toUtf8()).array().at(0));
    };
    db.write([&] {
        const auto current = db.fetchRecord(table, record);
        if (kind == QLatin1String("field")) {
            const QString field = c->value("field").toString();
            const QVariant chosen = value(keepMine ? "mine_value" : "theirs_value");
            if (current && !sameFieldValue(current->value(field), chosen))
                db.save(type, Row{{QStringLiteral("id"), record}, {field, chosen}}, Database::SaveMode::Existing);
        } else if (kind == QLatin1String("delete")) {
            const bool mineDeleted = c->value("mine_value").isNull();
            if (keepMine == mineDeleted && current) db.remove(type, record);
        } else if (!keepMine) { // a rule: take the colleague's held fields after all
            Row held = rowOf(QJsonDocument::fromJson(value("theirs_value").toString().toUtf8()).object());
            held.insert(QStringLiteral("id"), record);
            db.save(type, held, current ? Database::SaveMode::Existing : Database::SaveMode::New);
        }
        markDecided(db, id, table, record);
    });
}

// ---- GUI additions (issue 12): a typed third value, replica names, reachability -------------------

namespace {

// The text a caseworker typed, as a stored value of field f; throws Error in words when it is not one.
QVariant typedFieldValue(Database& db, const FieldSpec& f, const QString& typed) {
    const QString t = typed.trimmed();
    if (t.isEmpty()) {
        if (f.required)
            throw Error(QStringLiteral("%1 cannot be left empty: type a value, or choose one of the two.").arg(f.label));
        return QVariant();
    }
    bool ok = true;
    QVariant v;
    switch (f.kind) {
    case FieldKind::Text:
    case FieldKind::Lines:
        return t;
    case FieldKind::Date: {
        const DateInput d = DateInput::parse(t, db.clock().today());
        if (!d.isDate()) throw Error(QStringLiteral("%1: %2").arg(f.label, d.message));
        return d.date.toString(Qt::ISODate);
    }
    case FieldKind::Code:
        if (f.vocabulary)
            for (const Choice& c : f.vocabulary())
                if (c.code.compare(t, Qt::CaseInsensitive) == 0 || c.label.compare(t, Qt::CaseInsensitive) == 0)
                    return c.code;
        throw Error(QStringLiteral("\"%1\" is not one of the choices for %2: type one of them as the form lists it.")
                        .arg(t, f.label));
    case FieldKind::Money: {
        QString n = t;
        n.remove(QChar(0xA3)).remove(QLatin1Char(',')).remove(QLatin1Char(' '));
        const double pounds = n.toDouble(&ok);
        v = qint64(std::llround(pounds * 100));
        break;
    }
    case FieldKind::Real:
        v = t.toDouble(&ok);
        break;
    case FieldKind::Flag:
        if (t.compare(QLatin1String("yes"), Qt::CaseInsensitive) == 0) return 1;
        if (t.compare(QLatin1String("no"), Qt::CaseInsensitive) == 0) return 0;
        v = t.toInt(&ok);
        ok = ok && (v.toInt() == 0 || v.toInt() == 1);
        break;
    case FieldKind::Integer:
    case FieldKind::Level:
    case FieldKind::Year:
        v = t.toLongLong(&ok);
        break;
    case FieldKind::Units: { // UDAs and UOAs, to the hundredth: "1,234.5"
        QString why;
        if (const auto u = Units::parse(t, &why)) return u->toText();
        throw Error(QStringLiteral("%1: %2").arg(f.label, why.isEmpty() ? QStringLiteral("type a number of units, like 1234.5") : why));
    }
    default:
        ok = false;
    }
    if (!ok)
        throw Error(QStringLiteral("\"%1\" is not a value for %2: type it as the form shows it, or choose one of the two.")
                        .arg(t, f.label));
    return v;
}

} // namespace

void resolveConflictWith(Database& db, const QString& id, const QString& typed) {
    const auto c = db.queryOne(QStringLiteral("SELECT * FROM exchange_conflict WHERE id = ?"), {id});
    if (!c) throw Error(QStringLiteral("There is no conflict %1: it may have been decided already. Sync, then look again.").arg(id));
    if (!c->value("resolved_at").isNull())
        throw Error(QStringLiteral("This conflict was already decided by %1.").arg(c->value("resolved_by").toString()));
    if (c->value("kind").toString() != QLatin1String("field"))
        throw Error(QStringLiteral("A typed value can only decide a conflict about one field: choose Keep mine or Keep "
                                   "theirs for this one."));
    const QString table = c->value("tbl").toString();
    const QString record = c->value("record").toString();
    const QString field = c->value("field").toString();
    const RecordType& type = recordTypeOf(table);
    const FieldSpec* spec = type.field(field);
    if (!spec) throw Error(QStringLiteral("This conflict is about a field this Casebook does not know: choose Keep mine or Keep theirs."));
    const QVariant chosen = typedFieldValue(db, *spec, typed);
    db.write([&] {
        const auto current = db.fetchRecord(table, record);
        if (!current)
            throw Error(QStringLiteral("The record of this conflict has been deleted: choose Keep mine or Keep theirs."));
        if (!sameFieldValue(current->value(field), chosen))
            db.save(type, Row{{QStringLiteral("id"), record}, {field, chosen}}, Database::SaveMode::Existing);
        markDecided(db, id, table, record);
    });
}

QString replicaName(Database& db, const QString& replicaId) {
    try {
        if (!isMember(db)) return QStringLiteral("replica %1").arg(replicaId.left(8));
        const ReplicaInfo own = replicaInfo(db);
        if (replicaId == own.replicaId) return own.name;
        FolderTransport transport(own.folder);
        if (transport.reachable()) return peerName(transport, replicaId);
    } catch (const std::exception&) {
    }
    return QStringLiteral("replica %1").arg(replicaId.left(8));
}

bool folderReachable(Database& db) {
    try {
        if (!isMember(db)) return false;
        FolderTransport transport(replicaInfo(db).folder);
        return transport.reachable() && transport.read(kTeamFile).has_value();
    } catch (const std::exception&) {
        return false;
    }
}

} // namespace cb::team

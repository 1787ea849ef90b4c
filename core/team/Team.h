#pragma once

#include "team/TeamTransport.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <memory>

namespace cb {
class Database;
}

// A team of replicas exchanging change packages through a team folder (docs/exchange.md).
namespace cb::team {

struct SyncReport {
    int changesIn = 0;   // changes applied from colleagues
    int changesOut = 0;  // own changes written to the folder
    int packagesIn = 0;
    int newConflicts = 0;
    int openConflicts = 0;
    QStringList problems; // in words: damaged, missing or foreign packages (nothing of them applied)
    QString summary(const QString& time) const; // "Synced 10:42 — 3 changes in, 1 out — 1 conflict"
};

struct Conflict {
    QString id, kind, table, record, field, fieldLabel, recordLabel, detail;
    QString mineValue, mineWho, mineAt, mineReplica;
    QString theirsValue, theirsWho, theirsAt, theirsReplica;
    bool resolved = false;
    bool canMerge = false; // a 'rule' conflict about two records with the same key: mergeConflictRecords can join them
};

struct ReplicaInfo {
    QString replicaId, name, teamId, folder;
    bool encrypted = false; // the team has a passphrase: packages and snapshots in the folder are sealed
};

bool isMember(Database& db);
ReplicaInfo replicaInfo(Database& db); // throws Error when db is not in a team

// Makes db the first member of a new team folder and writes its snapshot. name: how colleagues see
// this replica ("Alice's laptop"); empty gives "<user> on <machine>". passphrase: empty for a team
// folder in clear; otherwise (8 characters or more) every package and snapshot is encrypted with a
// key derived from it, which this database keeps so that sync needs no passphrase.
ReplicaInfo initTeam(Database& db, const QString& folder, const QString& name = {}, const QString& passphrase = {});
// Creates a new database at dbPath from the folder's snapshot, then syncs it. An encrypted folder
// needs its passphrase: a missing or wrong one throws Error in words and nothing is created.
SyncReport joinTeam(const QString& folder, const QString& dbPath, const QString& name = {},
                    const QString& passphrase = {});
// Whether the team folder's packages are encrypted (false for a folder that is not a team folder
// yet, or cannot be reached; throws Error in words when its team file is damaged); the GUI asks
// for the passphrase only then.
bool folderIsEncrypted(const QString& folder);
// Writes db's new changes as packages (at most 5,000 changes and about 8 MiB each), then applies
// every colleague's packages in order.
SyncReport sync(Database& db);
SyncReport sync(Database& db, TeamTransport& transport);

// Tests: packages of at most changes changes and about bytes bytes of fields while it lives.
class PackageLimitsScope {
public:
    PackageLimitsScope(int changes, qsizetype bytes);
    ~PackageLimitsScope();
    PackageLimitsScope(const PackageLimitsScope&) = delete;
    PackageLimitsScope& operator=(const PackageLimitsScope&) = delete;

private:
    int m_changes;
    qsizetype m_bytes;
};

// Compaction (docs/exchange.md, "Snapshots and compaction"): syncs, writes a snapshot of this
// replica covering everything it has applied, and moves to archive/ its own packages that every
// member has acknowledged (members/ and acks/); readers still find archived packages, so nothing a
// replica has not seen is ever out of reach.
struct CompactReport {
    SyncReport sync;
    QString snapshot;        // the snapshot covering this replica's state (folder-relative name)
    QStringList archived;    // own files moved to archive/ (folder-relative names before the move)
    QStringList deletable;   // packages every member has applied and the snapshot covers
    QStringList waitingFor;  // members with no acknowledgement yet: nothing they need was archived
};
CompactReport compact(Database& db);

// The team's members (members/*.json in the folder), with when each last told the folder what it
// has applied (its newest ack) and whether someone retired it. Throws Error in words when the
// folder cannot be reached.
struct Member {
    QString replicaId, name, who, joined;
    QString lastSync;              // UTC of its newest ack; empty: never synced since joining
    bool self = false;             // this database
    bool retired = false;
    QString retiredBy, retiredAt;  // who retired it, when (UTC)
};
QList<Member> members(Database& db);
// Retires a member that will not sync again (a lost laptop, a leaver): compaction stops waiting
// for it. member: its replica id, the start of it, or its name. Written as a file of this
// replica's own (retired/<own id>/<member id>.json), so it syncs like everything else; a retired
// member that does come back still finds every package (archived ones too). Throws Error in words
// (nothing written) for this database itself, an unknown or ambiguous name, or one already retired.
Member retireMember(Database& db, const QString& member);
// What retiring means, for the confirmation a person sees before doing it.
QString retireConsequences(const Member& m);

QList<Conflict> conflicts(Database& db, bool includeResolved = false);
// Decides a conflict: keepMine keeps this replica's value (or its deletion), else the colleague's.
// The choice is saved as a normal change, so it syncs and closes the conflict everywhere.
void resolveConflict(Database& db, const QString& id, bool keepMine);

// (issue 12) Decides a conflict about two records with the same natural key (two machines added
// practice B82002) by merging them into one (docs/exchange.md, "Same natural key from two
// replicas"): the record created first survives, the other's linked records (contracts, sites,
// visits, ...) move to it, each field the two held differently becomes a field conflict to decide,
// and the merge syncs as one change. Throws Error in words (nothing changed) for any other conflict.
struct MergeResult {
    QString survivor, merged; // record ids: the one kept, the one merged into it
    QString label;            // the kept record in words ("B82002 Brookside Surgery")
    int fieldConflicts = 0;   // fields that differed, now conflicts to decide
};
MergeResult mergeConflictRecords(Database& db, const QString& id);

// (GUI, issue 12) Decides a field conflict with a value the caseworker typed, neither hers nor her
// colleague's: read as the field's type (a date as 30/11/2026, money as £1,234.56, a choice by its
// label), saved through the write path like any edit, and synced so the conflict closes everywhere.
// Throws Error in words (nothing changed) when the conflict is not a field conflict, is already
// decided, or the text is not a value of that field.
void resolveConflictWith(Database& db, const QString& id, const QString& typed);

// How colleagues see a replica ("Alice's laptop"): this database's own name, else the name the
// replica gave in the team folder, else "replica 1a2b3c4d". Never throws.
QString replicaName(Database& db, const QString& replicaId);

// True when this database's team folder can be reached now and is a team folder (it may be a
// drive that is not connected, or a cloud folder not synced to this machine). Never throws.
bool folderReachable(Database& db);

} // namespace cb::team

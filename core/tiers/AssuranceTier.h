#pragma once

#include "common/Errors.h"
#include "store/Database.h"

#include <QDate>
#include <QHash>
#include <optional>

namespace cb {

// One decision about a contractor's assurance tier (PRIMER section 4): the tier, why, when, who.
struct TierDecision {
    QString id;
    QString contractorId;
    QString tier; // assuranceTiers()
    QString rationale;
    QDate decidedOn;
    QString decidedBy; // Database::actor() when recorded
    QString recordedAt;
};

// QOF achievement for a GP practice in one financial year (1 April start).
struct QofAchievement {
    QString id;
    QString contractorId;
    int yearStart = 0; // 2025 means 2025/26
    double percent = 0.0;
    QString indicator = QStringLiteral("qof");
};

// A signal from PRIMER section 4 that points at a tier, in words a caseworker reads.
struct TierSignal {
    QString code;        // cqc_inadequate | cqc_requires_improvement | open_extreme_concern | open_high_concern |
                         // qof_below | list_closure | dental_delivery_below
    QString pointsTo;    // the tier the signal suggests on its own
    QString reason;      // "CQC rated the practice Inadequate on 03/02/2026."
};

struct TierSuggestion {
    QString contractorId;
    QString tier;       // suggested tier code
    QString currentTier; // contractor.assurance_tier ("" if not assessed)
    QList<TierSignal> evidence; // the signals found (named so, since Qt reserves "signals")
    QStringList reasons() const; // the signals' reasons, or why none applied
    bool differsFromCurrent() const { return tier != currentTier; }
};

// The thresholds the suggestion uses (settings with PRIMER defaults).
struct TierThresholds {
    double qofMinPercent = 85.0;     // setting tier.qof_min_percent
    int listClosureMonths = 12;      // setting tier.list_closure_months: "recent" list closure
    double dentalMinPercent = 96.0;  // setting tier.dental_min_percent (PRIMER year-end clawback line)
    int causeForConcernSignals = 3;  // setting tier.cause_for_concern_signals: this many lesser signals add up
};

namespace tiers {
inline constexpr const char* kQofMinPercentKey = "tier.qof_min_percent";
inline constexpr const char* kListClosureMonthsKey = "tier.list_closure_months";
inline constexpr const char* kDentalMinPercentKey = "tier.dental_min_percent";
inline constexpr const char* kCauseForConcernSignalsKey = "tier.cause_for_concern_signals";
} // namespace tiers

// How each record type is stored, shown and checked (store/RecordType.h).
const RecordModel<TierDecision>& tierDecisionRecord();
const RecordModel<QofAchievement>& qofAchievementRecord();

void validate(const TierDecision& d, Issues& issues, const QDate& today);

// The tier on a contractor record changes only through a decision with its rationale
// (TierService::decide), so the badge always agrees with the tier history. `tier` is the tier the
// record would be saved with; `contractorId` empty for a new record. In an import the history may
// follow the contractor in the same file (`historyMayFollow`): then only a tier that disagrees
// with a decision already held is refused.
void checkTierChange(Database& db, const QString& contractorId, const QString& tier, Issues& issues,
                     bool historyMayFollow = false);
void validate(const QofAchievement& q, Issues& issues);

// Assurance tiers: history, the caseworker's decisions, and suggestions that never write.
class TierService {
public:
    explicit TierService(Database& db) : m_db(db) {}

    // Records a decision (tier_history) and, when it is the latest decision, sets the contractor's
    // current tier in the same transaction. decidedBy is the current user.
    TierDecision decide(const QString& contractorId, const QString& tier, const QString& rationale, const QDate& decidedOn);
    QList<TierDecision> history(const QString& contractorId); // newest first

    QofAchievement recordQof(const QString& contractorId, int yearStart, double percent); // insert or replace the year
    QList<QofAchievement> qof(const QString& contractorId); // newest year first

    TierThresholds thresholds();
    TierSuggestion suggest(const QString& contractorId);
    // Every contractor at once (for reports): a few set-based queries, not one per contractor.
    QHash<QString, TierSuggestion> suggestAll();

private:
    QHash<QString, TierSuggestion> gather(const QString& onlyContractorId);
    Database& m_db;
};

} // namespace cb

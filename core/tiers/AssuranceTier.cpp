#include "tiers/AssuranceTier.h"

#include "common/Identifiers.h"
#include "common/Policy.h"
#include "common/Vocabulary.h"
#include "concerns/Reason.h"
#include "concerns/RiskMatrix.h"
#include "store/ExportOrder.h"
#include "store/RecordType.h"
#include "store/RowValues.h"
#include "contractors/Contractor.h"
#include "contracts/Contract.h"
#include "store/Settings.h"

namespace cb {

using namespace rowval;

namespace {
const QString kAssured = QStringLiteral("assurance_based");
const QString kImprove = QStringLiteral("room_for_improvement");
const QString kConcern = QStringLiteral("cause_for_concern");
constexpr int kEarliestQofYear = 2004; // QOF began in April 2004

QString percentText(double p) { return QString::number(p, 'f', 1) + QLatin1Char('%'); }
QString yearLabel(int yearStart) { return QStringLiteral("%1/%2").arg(yearStart).arg((yearStart + 1) % 100, 2, 10, QLatin1Char('0')); }
} // namespace

QStringList TierSuggestion::reasons() const {
    QStringList out;
    for (const TierSignal& s : evidence) out << s.reason;
    if (out.isEmpty())
        out << QStringLiteral("No warning signals: no poor CQC rating, no open high or extreme concerns, QOF, list "
                              "closures and dental delivery within limits.");
    return out;
}

void validate(const TierDecision& d, Issues& issues, const QDate& today) {
    if (!hasCode(assuranceTiers(), d.tier))
        issues.add("tier", QStringLiteral("Choose an assurance tier: %1.").arg(describeChoices(assuranceTiers())));
    if (d.rationale.trimmed().isEmpty())
        issues.add("rationale", QStringLiteral("Write the rationale for the tier: what the decision rests on."));
    if (!d.decidedOn.isValid()) issues.add("decidedOn", QStringLiteral("Enter the date of the decision."));
    else if (d.decidedOn > today) issues.add("decidedOn", QStringLiteral("The date of the decision cannot be in the future."));
    if (d.decidedBy.trimmed().isEmpty()) issues.add("decidedBy", QStringLiteral("Record who decided the tier."));
}

void checkTierChange(Database& db, const QString& contractorId, const QString& tier, Issues& issues,
                     bool historyMayFollow) {
    // Most contractors checked have no decision yet (every row of an import or a seed): the index
    // answers that alone. Only a history is sorted for its latest decision, since that sort needs a
    // temporary table each time (about 7 % of an ODS import's instructions, when every row paid for it).
    const bool anyDecision =
        !contractorId.isEmpty() &&
        !db.scalar(QStringLiteral("SELECT 1 FROM tier_history WHERE contractor_id = ? LIMIT 1"), {contractorId}).isNull();
    const auto latest = !anyDecision
                            ? std::optional<Row>()
                            : db.queryOne(QStringLiteral("SELECT tier, decided_on FROM tier_history WHERE contractor_id = ? "
                                                         "ORDER BY decided_on DESC, recorded_at DESC, rowid DESC LIMIT 1"),
                                          {contractorId});
    const QString decided = latest ? latest->value("tier").toString() : QString();
    if (tier == decided || (!latest && historyMayFollow)) return;
    if (tier.isEmpty())
        issues.add("assuranceTier", QStringLiteral("The assurance tier was decided (%1 on %2) and cannot be cleared: "
                                                   "decide another tier with its rationale instead.")
                                        .arg(labelFor(assuranceTiers(), decided),
                                             fmt::date(dateOf(*latest, "decided_on"))));
    else
        issues.add("assuranceTier",
                   QStringLiteral("The assurance tier changes only with a decision and its rationale: give the "
                                  "rationale for %1 (the tier stays %2 until then).")
                       .arg(labelFor(assuranceTiers(), tier),
                            decided.isEmpty() ? QStringLiteral("not assessed") : labelFor(assuranceTiers(), decided)));
}

void validate(const QofAchievement& q, Issues& issues) {
    if (q.yearStart < kEarliestQofYear || q.yearStart > 2100)
        issues.add("yearStart", QStringLiteral("Choose a QOF year from %1/%2 onwards.").arg(kEarliestQofYear).arg((kEarliestQofYear + 1) % 100, 2, 10, QLatin1Char('0')));
    if (!(q.percent >= 0.0 && q.percent <= 100.0))
        issues.add("percent", QStringLiteral("QOF achievement is a percentage from 0 to 100."));
}

namespace {
QString contractorLabel(Database& db, const QVariant& id) {
    return db.scalar(QStringLiteral("SELECT ods_code || ' ' || name FROM contractor WHERE id = ?"), {id}).toString();
}
} // namespace

const RecordModel<TierDecision>& tierDecisionRecord() {
    static const RecordModel<TierDecision> model = [] {
        RecordModel<TierDecision> t("tier_history", "Assurance tier decision", &TierDecision::id);
        t.ref("contractor_id", &TierDecision::contractorId, "contractor").required()
            .code("tier", &TierDecision::tier, assuranceTiers, "assurance tier").required()
            .text("rationale", &TierDecision::rationale).required()
            .date("decided_on", &TierDecision::decidedOn, "decided on").required()
            .text("decided_by", &TierDecision::decidedBy, "decided by").required()
            .text("recorded_at", &TierDecision::recordedAt, "recorded").required();
        t.recordType = QStringLiteral("tier-history");
        t.orderBy = byPractice();
        t.title = QStringLiteral("Assurance tier decisions");
        t.validate = [](Database& db, const Row& r, Issues& i) {
            validate(tierDecisionRecord().fromRow(r), i, db.clock().today());
        };
        t.owner = [](Database&, const Row& r) { return r.value("contractor_id").toString(); };
        t.label = [](Database& db, const Row& r) { return QStringLiteral("of ") + contractorLabel(db, r.value("contractor_id")); };
        return t;
    }();
    return model;
}
CB_RECORD_TYPE(tierDecisionRecord)

const RecordModel<QofAchievement>& qofAchievementRecord() {
    static const RecordModel<QofAchievement> model = [] {
        RecordModel<QofAchievement> t("quality_indicator", "Quality indicator", &QofAchievement::id);
        t.ref("contractor_id", &QofAchievement::contractorId, "contractor").required()
            .text("indicator", &QofAchievement::indicator).required()
            .year("year_start", &QofAchievement::yearStart, "financial year").required()
            .real("percent", &QofAchievement::percent, "achievement (%)").required();
        t.recordType = QStringLiteral("quality-indicators");
        t.orderBy = byPractice();
        t.title = QStringLiteral("Quality indicators");
        t.validate = [](Database&, const Row& r, Issues& i) { validate(qofAchievementRecord().fromRow(r), i); };
        t.owner = [](Database&, const Row& r) { return r.value("contractor_id").toString(); };
        t.label = [](Database& db, const Row& r) {
            return QStringLiteral("QOF %1 of %2").arg(yearLabel(r.value("year_start").toInt()),
                                                      contractorLabel(db, r.value("contractor_id")));
        };
        return t;
    }();
    return model;
}
CB_RECORD_TYPE(qofAchievementRecord)

TierDecision TierService::decide(const QString& contractorId, const QString& tier, const QString& rationale,
                                 const QDate& decidedOn) {
    TierDecision d;
    d.id = Database::newId();
    d.contractorId = contractorId;
    d.tier = tier;
    d.rationale = rationale.trimmed();
    d.decidedOn = decidedOn;
    d.decidedBy = m_db.actor();
    d.recordedAt = m_db.nowStamp();
    Issues issues;
    const auto k = m_db.queryOne(QStringLiteral("SELECT ods_code, name FROM contractor WHERE id = ?"), {contractorId});
    if (!k) issues.add("contractorId", QStringLiteral("The contractor no longer exists: look it up again."));
    validate(d, issues, m_db.clock().today());
    if (!d.rationale.isEmpty())
        requireReason(issues, "rationale", d.rationale, QStringLiteral("the rationale for the tier: what the decision rests on"));
    issues.throwIfAny();
    m_db.write([&] {
        const QVariant latest = m_db.scalar(QStringLiteral("SELECT max(decided_on) FROM tier_history WHERE contractor_id = ?"),
                                            {contractorId});
        m_db.save(tierDecisionRecord(), tierDecisionRecord().toRow(d), Database::SaveMode::New);
        // An older decision entered late joins the history without overturning a newer one.
        if (latest.isNull() || decidedOn >= fmt::parseIsoDate(latest.toString()))
            m_db.save(contractorRecord(), Row{{"id", contractorId}, {"assurance_tier", tier}}, Database::SaveMode::Existing);
    });
    return d;
}

QList<TierDecision> TierService::history(const QString& contractorId) {
    QList<TierDecision> out;
    for (const Row& r : m_db.query(QStringLiteral("SELECT * FROM tier_history WHERE contractor_id = ? "
                                                  "ORDER BY decided_on DESC, recorded_at DESC, rowid DESC"), {contractorId}))
        out << tierDecisionRecord().fromRow(r);
    return out;
}

QofAchievement TierService::recordQof(const QString& contractorId, int yearStart, double percent) {
    QofAchievement q{QString(), contractorId, yearStart, percent};
    Issues issues;
    const auto k = m_db.queryOne(QStringLiteral("SELECT ods_code, name, contractor_group FROM contractor WHERE id = ?"), {contractorId});
    if (!k) issues.add("contractorId", QStringLiteral("The contractor no longer exists: look it up again."));
    else if (k->value("contractor_group") != QLatin1String("general_practice"))
        issues.add("contractorId", QStringLiteral("QOF applies to GP practices only."));
    validate(q, issues);
    issues.throwIfAny();
    m_db.write([&] {
        const auto existing = m_db.queryOne(QStringLiteral("SELECT id FROM quality_indicator WHERE contractor_id = ? AND "
                                                           "indicator = 'qof' AND year_start = ?"), {contractorId, yearStart});
        q.id = existing ? existing->value("id").toString() : Database::newId();
        m_db.save(qofAchievementRecord(), qofAchievementRecord().toRow(q));
    });
    return q;
}

QList<QofAchievement> TierService::qof(const QString& contractorId) {
    QList<QofAchievement> out;
    for (const Row& r : m_db.query(QStringLiteral("SELECT * FROM quality_indicator WHERE contractor_id = ? AND indicator = 'qof' "
                                                  "ORDER BY year_start DESC"), {contractorId}))
        out << qofAchievementRecord().fromRow(r);
    return out;
}

TierThresholds TierService::thresholds() {
    Settings s(m_db);
    TierThresholds t;
    t.qofMinPercent = s.number(tiers::kQofMinPercentKey, t.qofMinPercent);
    t.listClosureMonths = s.integer(tiers::kListClosureMonthsKey, t.listClosureMonths);
    t.dentalMinPercent = s.number(tiers::kDentalMinPercentKey, policy::kDentalClawbackBelowPercent);
    t.causeForConcernSignals = s.integer(tiers::kCauseForConcernSignalsKey, t.causeForConcernSignals);
    return t;
}

TierSuggestion TierService::suggest(const QString& contractorId) {
    const auto all = gather(contractorId);
    if (!all.contains(contractorId))
        throw ValidationError("contractorId", QStringLiteral("The contractor no longer exists: look it up again."));
    return all.value(contractorId);
}

QHash<QString, TierSuggestion> TierService::suggestAll() { return gather(QString()); }

QHash<QString, TierSuggestion> TierService::gather(const QString& only) {
    const TierThresholds t = thresholds();
    Settings settings(m_db);
    const risk::Bands bands = risk::loadBands(settings);
    const QDate today = m_db.clock().today();
    QHash<QString, TierSuggestion> out;

    for (const Row& r : m_db.query(QStringLiteral("SELECT id, cqc_rating, cqc_rating_date, assurance_tier FROM contractor "
                                                  "WHERE ?1 = '' OR id = ?1"), {only})) {
        TierSuggestion s;
        s.contractorId = str(r, "id");
        s.currentTier = str(r, "assurance_tier");
        const QString rating = str(r, "cqc_rating");
        const QString when = dateOf(r, "cqc_rating_date").isValid() ? QStringLiteral(" on ") + fmt::date(dateOf(r, "cqc_rating_date")) : QString();
        if (rating == QLatin1String("inadequate"))
            s.evidence << TierSignal{"cqc_inadequate", kConcern, QStringLiteral("CQC rated it Inadequate%1.").arg(when)};
        else if (rating == QLatin1String("requires_improvement"))
            s.evidence << TierSignal{"cqc_requires_improvement", kImprove,
                                    QStringLiteral("CQC rated it Requires improvement%1.").arg(when)};
        out.insert(s.contractorId, s);
    }

    // Open high and extreme concerns, counted per band.
    const auto [highLo, highHi] = bands.range(QStringLiteral("high"));
    for (const Row& r : m_db.query(
             QStringLiteral("SELECT contractor_id, sum(consequence * likelihood > ?2) AS extreme, "
                            "sum(consequence * likelihood BETWEEN ?3 AND ?4) AS high FROM concern "
                            "WHERE stage <> 'closed' AND consequence IS NOT NULL AND contractor_id IS NOT NULL "
                            "AND (?1 = '' OR contractor_id = ?1) GROUP BY contractor_id"),
             {only, bands.highMax, highLo, highHi})) {
        auto it = out.find(str(r, "contractor_id"));
        if (it == out.end()) continue;
        const int extreme = integer(r, "extreme"), high = integer(r, "high");
        if (extreme > 0)
            it->evidence << TierSignal{"open_extreme_concern", kConcern,
                                      QStringLiteral("%1 open extreme-risk concern%2.").arg(extreme).arg(extreme == 1 ? "" : "s")};
        if (high > 0)
            it->evidence << TierSignal{"open_high_concern", kImprove,
                                      QStringLiteral("%1 open high-risk concern%2.").arg(high).arg(high == 1 ? "" : "s")};
    }

    // QOF: the latest year recorded.
    for (const Row& r : m_db.query(
             QStringLiteral("SELECT contractor_id, year_start, percent FROM (SELECT contractor_id, year_start, percent, "
                            "row_number() OVER (PARTITION BY contractor_id ORDER BY year_start DESC) AS n "
                            "FROM quality_indicator WHERE indicator = 'qof' AND (?1 = '' OR contractor_id = ?1)) WHERE n = 1"),
             {only})) {
        auto it = out.find(str(r, "contractor_id"));
        const double pct = r.value("percent").toDouble();
        if (it != out.end() && pct < t.qofMinPercent)
            it->evidence << TierSignal{"qof_below", kImprove,
                                      QStringLiteral("QOF achievement %1 in %2, below %3.")
                                          .arg(percentText(pct), yearLabel(integer(r, "year_start")), percentText(t.qofMinPercent))};
    }

    // A list closure applied for within the last N months.
    for (const Row& r : m_db.query(
             QStringLiteral("SELECT k.contractor_id, max(e.event_date) AS latest FROM contract_event e "
                            "JOIN contract k ON k.id = e.contract_id WHERE e.kind = 'list_closure' AND e.status <> 'withdrawn' "
                            "AND e.event_date >= ?2 AND (?1 = '' OR k.contractor_id = ?1) GROUP BY k.contractor_id"),
             {only, today.addMonths(-t.listClosureMonths)})) {
        auto it = out.find(str(r, "contractor_id"));
        if (it != out.end())
            it->evidence << TierSignal{"list_closure", kImprove,
                                      QStringLiteral("List closure applied for on %1, within the last %2 months.")
                                          .arg(fmt::date(dateOf(r, "latest"))).arg(t.listClosureMonths)};
    }

    // Dental delivery: the latest finished year of each contract.
    for (const Row& r : m_db.query(
             QStringLiteral("SELECT contractor_id, reference, route, year_start, uda_target, uda_delivered, uoa_target, uoa_delivered "
                            "FROM (SELECT k.contractor_id, k.reference, k.route, d.*, row_number() OVER "
                            "(PARTITION BY d.contract_id ORDER BY d.year_start DESC) AS n FROM dental_activity d "
                            "JOIN contract k ON k.id = d.contract_id WHERE (d.uda_delivered IS NOT NULL OR d.uoa_delivered IS NOT NULL) "
                            "AND (?1 = '' OR k.contractor_id = ?1)) WHERE n = 1 ORDER BY contractor_id, reference"),
             {only})) {
        auto it = out.find(str(r, "contractor_id"));
        if (it == out.end()) continue;
        const QString contract = str(r, "reference").isEmpty() ? labelFor(contractRoutes(), str(r, "route")) : str(r, "reference");
        for (const char* unit : {"uda", "uoa"}) {
            const QVariant delivered = r.value(QStringLiteral("%1_delivered").arg(QLatin1String(unit)));
            const Units target = Units::fromVariant(r.value(QStringLiteral("%1_target").arg(QLatin1String(unit)))).value_or(Units());
            const DeliveryResult d = yearEndOutcome(target, Units::fromVariant(delivered));
            if (d.percent && *d.percent < t.dentalMinPercent)
                it->evidence << TierSignal{"dental_delivery_below", kImprove,
                                          QStringLiteral("%1 delivery %2 in %3 on %4, below %5.")
                                              .arg(QString::fromLatin1(unit).toUpper(), percentText(*d.percent),
                                                   yearLabel(integer(r, "year_start")), contract, percentText(t.dentalMinPercent))};
        }
    }

    for (TierSuggestion& s : out) {
        int lesser = 0;
        bool serious = false;
        for (const TierSignal& sig : s.evidence) {
            if (sig.pointsTo == kConcern) serious = true;
            else ++lesser;
        }
        s.tier = serious || lesser >= t.causeForConcernSignals ? kConcern : lesser > 0 ? kImprove : kAssured;
        if (!serious && lesser >= t.causeForConcernSignals)
            s.evidence << TierSignal{"signals_add_up", kConcern,
                                    QStringLiteral("%1 warning signals together suggest cause for concern.").arg(lesser)};
    }
    return out;
}

} // namespace cb

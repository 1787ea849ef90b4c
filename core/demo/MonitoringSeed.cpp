#include "demo/MonitoringSeed.h"
#include "common/Policy.h"

#include "concerns/Concern.h"
#include "contracts/Contract.h"
#include "tiers/AssuranceTier.h"
#include "visits/Visit.h"

namespace cb {

namespace {

const char* const kOwners[] = {"Sam Patel", "Alex Morgan", "Jo Clarke", "Priya Shah", "Chris Evans"};
struct Story {
    const char* source;
    const char* category;
    const char* summary;
};
const Story kStories[] = {
    {"complaint", "access", "Patients cannot get through on the telephone in the morning"},
    {"whistleblowing", "governance", "Staff report that incidents are not being recorded"},
    {"regulator", "patient_safety", "CQC inspection found gaps in safeguarding training"},
    {"data", "prescribing", "Antibiotic prescribing well above the local average"},
    {"incident", "patient_safety", "Vaccine fridge failure not reported for two days"},
    {"self_reported", "workforce", "Loss of two partners leaves the practice short of clinicians"},
    {"other_commissioner", "contract_compliance", "Out-of-area patients turned away from urgent care"},
    {"complaint", "clinical_care", "Repeated complaints about delayed referrals"},
    {"data", "access", "Core opening hours not kept on several Saturdays"},
};
constexpr int kOverdueActionsWithinDays = 60; // seeded actions overdue by more than this were done
constexpr int kUnsentReportsWithinDays = 45;  // seeded visits older than this have their report sent
const char* const kStageOrder[] = {"received", "triaged", "investigating", "support_to_improve", "formal_action", "monitoring", "closed"};

class MonitoringSeeder {
public:
    MonitoringSeeder(Database& db, QRandomGenerator& rng, const QDate& today, QMap<QString, qint64>& added)
        : m_db(db), m_rng(rng), m_today(today), m_added(added), m_concerns(db), m_tiers(db), m_visits(db), m_book(db) {}

    void run() {
        const auto contractors = m_db.query(QStringLiteral(
            "SELECT id, contractor_group, assurance_tier, status FROM contractor ORDER BY ods_code"));
        for (const Row& r : contractors) {
            const QString id = r.value("id").toString();
            const QString group = r.value("contractor_group").toString();
            const bool open = r.value("status").toString() != QLatin1String("closed");
            if (group == QLatin1String("general_practice")) addQof(id);
            if (!r.value("assurance_tier").toString().isEmpty()) addTierHistory(id, r.value("assurance_tier").toString());
            if (!open) continue;
            if (chance() < 6) addConcern(id, QString());
            if (chance() < 2) addPerformerConcern(id);
            if (chance() < 8) addVisit(id);
        }
        addComplianceChecks(contractors);
    }

    // Eye health contracts have their compliance checklist every few years: most demo opticians had
    // theirs recently, a few are due, so the worklist reads like a real Monday and not like a backlog
    // of never-checked contracts. Added last and without drawing on the random stream, so every
    // other demo record stays as it was.
    void addComplianceChecks(const QList<Row>& contractors) {
        int n = 0;
        for (const Row& r : contractors) {
            if (r.value("contractor_group").toString() != QLatin1String("eye_health") ||
                r.value("status").toString() == QLatin1String("closed"))
                continue;
            if (++n % 10 == 0) continue; // one in ten is left due
            Visit v;
            v.contractorId = r.value("id").toString();
            v.type = QStringLiteral("contract_compliance");
            v.visitDate = m_today.addDays(-(60 + (n * 97) % 900));
            v.attendees = QStringList{owner(), QStringLiteral("Practice manager")};
            v.status = QStringLiteral("report_sent");
            v.reportSentDate = v.visitDate.addDays(14);
            m_visits.create(v);
            count("visit");
        }
    }

private:
    int chance() { return m_rng.bounded(100); }
    QString owner() { return QString::fromLatin1(kOwners[m_rng.bounded(int(std::size(kOwners)))]); }
    QDate daysAgo(int from, int to) { return m_today.addDays(-(from + m_rng.bounded(std::max(1, to - from)))); }
    QDate after(const QDate& d, int maxDays) {
        const QDate next = d.addDays(1 + m_rng.bounded(maxDays));
        return next > m_today ? m_today : next;
    }
    void count(const QString& table, qint64 n = 1) { m_added[table] += n; }

    void addQof(const QString& id) {
        const int thisYear = m_today.month() >= 4 ? m_today.year() : m_today.year() - 1;
        for (int year = thisYear - 2; year < thisYear; ++year) {
            // Most practices achieve 85% or more; about one in ten falls below.
            const double pct = chance() < 10 ? 70.0 + m_rng.bounded(150) / 10.0 : 85.0 + m_rng.bounded(150) / 10.0;
            m_tiers.recordQof(id, year, pct);
            count("quality_indicator");
        }
    }

    void addTierHistory(const QString& id, const QString& current) {
        if (chance() < 25) {
            const QString earlier = current == QLatin1String("assurance_based") ? "room_for_improvement" : "assurance_based";
            m_tiers.decide(id, earlier, QStringLiteral("Annual review of the practice file."), daysAgo(400, 800));
            count("tier_history");
        }
        const char* why = current == QLatin1String("cause_for_concern")      ? "Poor CQC rating and open concerns; monthly contact agreed."
                            : current == QLatin1String("room_for_improvement") ? "Some indicators below target; support offered."
                                                                               : "No concerns; indicators within range.";
        m_tiers.decide(id, current, QString::fromLatin1(why), daysAgo(1, 360));
        count("tier_history");
    }

    // The breach notice of a formal action, recorded in the same step as the stage change.
    std::optional<ContractEvent> noticeFor(const QString& contractorId, const QDate& by) {
        const auto contract = m_db.queryOne(QStringLiteral("SELECT id FROM contract WHERE contractor_id = ? ORDER BY start_date LIMIT 1"),
                                            {contractorId});
        if (!contract) return std::nullopt;
        ContractEvent e;
        e.contractId = contract->value("id").toString();
        e.kind = QStringLiteral("remedial_notice");
        e.eventDate = by;
        e.deadline = by.addDays(policy::kRemedialNoticeMinDaysPharmacy); // enough for every contract
        e.description = QStringLiteral("Remedial notice following the concern: put the breach right by the deadline.");
        e.status = e.deadline < m_today ? QStringLiteral("completed") : QStringLiteral("in_progress");
        count("contract_event");
        return e;
    }

    void addConcern(const QString& contractorId, const QString& performerId) {
        const Story& story = kStories[m_rng.bounded(int(std::size(kStories)))];
        Concern c = m_concerns.draft(contractorId, performerId);
        c.source = QString::fromLatin1(story.source);
        c.category = performerId.isEmpty() ? QString::fromLatin1(story.category) : QStringLiteral("conduct");
        c.summary = performerId.isEmpty() ? QString::fromLatin1(story.summary)
                                          : QStringLiteral("Concerns about a performer's record keeping and conduct");
        c.details = QStringLiteral("Reported to the commissioner; details in the practice file.");
        c.owner = owner();
        c.receivedDate = daysAgo(20, 540);
        const int target = m_serial++ % int(std::size(kStageOrder)); // the stage reached: every stage is seen
        const Concern created = m_concerns.create(c);
        count("concern");
        QDate d = c.receivedDate;
        const auto step = [&](int maxDays) { return d = after(d, maxDays); };
        m_concerns.grade(created.id, 1 + m_rng.bounded(5), 1 + m_rng.bounded(5), QStringLiteral("Initial grading"), step(5));
        if (chance() < 30) {
            const Concern now = *m_concerns.get(created.id);
            const int likelihood = now.likelihood % 5 + 1; // a different grading: likelihood moves on
            m_concerns.grade(created.id, now.consequence, likelihood, QStringLiteral("Re-graded after more information"), step(10));
        }
        const bool serious = chance() < 20;
        for (int s = 1; s <= target; ++s) {
            const QString stage = QString::fromLatin1(kStageOrder[s]);
            if (stage == QLatin1String("support_to_improve") && serious) continue; // straight to formal action
            StageChange change;
            change.stage = stage;
            change.date = step(20);
            change.reason = QStringLiteral("Reviewed at the fortnightly performance meeting.");
            if (stage == QLatin1String("investigating")) {
                if (chance() < 50) m_concerns.addNote(created.id, QStringLiteral("Spoke to the practice manager."), change.date);
                if (chance() < 20) m_concerns.recordRegulatorReferral(created.id, QStringLiteral("CQC"), change.date);
            }
            if (stage == QLatin1String("formal_action")) {
                m_concerns.recordLrcInformed(created.id, change.date, QStringLiteral("Letter to the committee secretary."));
                if (serious) {
                    change.serious = true;
                    change.seriousReason = QStringLiteral("Patient safety put at immediate risk.");
                }
                if (!serious) {
                    // Support to improve runs its full period first; a concern too recent for that stays there.
                    const QDate supported = m_concerns.get(created.id)->supportStarted.addDays(policy::kSupportToImproveMinDays);
                    if (supported > m_today) return;
                    change.date = d = std::max(change.date, supported);
                }
                if (contractorId.isEmpty()) {
                    m_concerns.recordPagReferral(created.id, change.date);
                } else {
                    change.newNotice = noticeFor(contractorId, change.date);
                    if (!change.newNotice) return;
                }
            }
            if (stage == QLatin1String("support_to_improve") || stage == QLatin1String("monitoring")) {
                ConcernAction a;
                a.concernId = created.id;
                a.description = stage == QLatin1String("monitoring") ? QStringLiteral("Send monthly access figures")
                                                                      : QStringLiteral("Agree and deliver an improvement plan");
                a.owner = owner();
                a.dueDate = change.date.addDays(14 + m_rng.bounded(60)); // some fall before the seed date: overdue
                a = m_concerns.addAction(a);
                count("concern_action");
                // Half of the actions already due were done; so was anything due over a month ago,
                // leaving a few recent overdue actions for Monday morning. (The coin is tossed
                // either way, so the rest of the demo stays the same.)
                const bool done = a.dueDate < m_today && chance() < 50;
                if (done || a.dueDate < m_today.addDays(-kOverdueActionsWithinDays)) {
                    m_concerns.completeAction(a.id, std::min(a.dueDate, m_today), QStringLiteral("Done and evidenced."));
                }
            }
            if (stage == QLatin1String("closed")) {
                change.outcome = QStringLiteral("Improvement sustained over three months.");
                change.cancelOpenActions = QStringLiteral("No longer needed once the improvement was sustained.");
            }
            m_concerns.changeStage(created.id, change);
        }
    }

    void addPerformerConcern(const QString& contractorId) {
        const auto p = m_db.queryOne(QStringLiteral("SELECT performer_id FROM performer_link WHERE contractor_id = ? LIMIT 1"), {contractorId});
        if (p) addConcern(contractorId, p->value("performer_id").toString());
    }

    void addVisit(const QString& contractorId) {
        Visit v;
        v.contractorId = contractorId;
        const bool planned = chance() < 25;
        v.visitDate = planned ? m_today.addDays(1 + m_rng.bounded(30)) : daysAgo(1, 300);
        v.type = visitTypes().at(m_rng.bounded(visitTypes().size())).code;
        v.announced = chance() < 80;
        if (!planned) {
            v.attendees = QStringList{owner(), QStringLiteral("Practice manager")};
            const bool sent = chance() < 60;
            // Reports still to send are for recent visits; older ones went out within a fortnight.
            const bool old = v.visitDate < m_today.addDays(-kUnsentReportsWithinDays);
            v.status = sent || old ? QStringLiteral("report_sent") : QStringLiteral("done");
            if (sent) v.reportSentDate = after(v.visitDate, 20);
            else if (old) v.reportSentDate = v.visitDate.addDays(14);
        }
        v = m_visits.create(v);
        count("visit");
        if (planned) return;
        const QString group = m_db.scalar(QStringLiteral("SELECT contractor_group FROM contractor WHERE id = ?"), {contractorId}).toString();
        const QStringList areas = defaultChecklist(group);
        for (int i = 0; i < 4; ++i) {
            VisitFinding f;
            f.visitId = v.id;
            f.area = areas.at((i * 2 + m_rng.bounded(2)) % areas.size());
            const int r = chance();
            f.rating = r < 70 ? "met" : r < 90 ? "partly_met" : "not_met";
            if (f.rating != QLatin1String("met")) f.note = QStringLiteral("Policy out of date; staff unsure of the procedure.");
            f = m_visits.addFinding(f);
            count("visit_finding");
            if (f.rating == QLatin1String("not_met") && chance() < 50) {
                m_visits.raiseConcernFromFinding(f.id, RaiseConcernOptions{QStringLiteral("contract_compliance"), owner(), 3, 3, {}});
                count("concern");
            } else if (f.rating != QLatin1String("met")) {
                m_visits.addAction(VisitAction{QString(), v.id, QStringLiteral("Update the policy: ") + f.area, owner(),
                                               v.visitDate.addDays(30), {}, {}});
                count("visit_action");
            }
        }
    }

    Database& m_db;
    QRandomGenerator& m_rng;
    QDate m_today;
    QMap<QString, qint64>& m_added;
    ConcernService m_concerns;
    TierService m_tiers;
    VisitService m_visits;
    ContractBook m_book;
    int m_serial = 0;
};

} // namespace

void seedMonitoring(Database& db, QRandomGenerator& rng, const QDate& today, QMap<QString, qint64>& added) {
    MonitoringSeeder(db, rng, std::min(today, db.clock().today()), added).run();
}

} // namespace cb

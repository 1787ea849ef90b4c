#include "worklist/ProcessItems.h"

#include "common/Identifiers.h"
#include "common/Policy.h"
#include "contracts/Contract.h"
#include "store/Database.h"

namespace cb {

namespace {
QString practice(const Row& r) {
    return QStringLiteral("%1 %2").arg(r.value("ods_code").toString(), r.value("name").toString()).trimmed();
}
} // namespace

void suspensionReviewsDue(Database& db, const QDate& today, QList<WorklistItem>& out) {
    const auto rows = db.query(QStringLiteral(
        "SELECT c.id, c.contractor_id, c.suspension_review, c.nhs_resolution_notified, c.panel_date, c.confidential, "
        "       p.given_name, p.family_name, p.list_status, k.ods_code, k.name "
        "FROM concern c JOIN performer p ON p.id = c.performer_id LEFT JOIN contractor k ON k.id = c.contractor_id "
        "WHERE c.panel_outcome = 'suspension' AND c.stage <> 'closed' AND p.list_status = 'suspended' "
        "ORDER BY c.suspension_review, c.id"));
    for (const Row& r : rows) {
        const QDate review = fmt::parseIsoDate(r.value("suspension_review").toString());
        const bool notified = !r.value("nhs_resolution_notified").toString().isEmpty();
        const bool reviewSoon = review.isValid() && review <= today.addDays(policy::kSuspensionReviewDueWithinDays);
        if (!reviewSoon && notified) continue;
        WorklistItem i;
        i.category = QStringLiteral("performers");
        i.confidential = r.value("confidential").toInt() != 0;
        const QString who = i.confidential ? QStringLiteral("a performer (confidential)")
                                           : QStringLiteral("%1 %2").arg(r.value("given_name").toString(),
                                                                         r.value("family_name").toString());
        if (reviewSoon) {
            i.due = review;
            i.overdue = review < today;
            i.title = QStringLiteral("Suspension review due: %1").arg(who);
            i.detail = QStringLiteral("The decision panel reviews the suspension by %1.").arg(fmt::date(review));
        } else {
            i.due = fmt::parseIsoDate(r.value("panel_date").toString());
            i.overdue = true;
            i.title = QStringLiteral("Notify NHS Resolution of a suspension: %1").arg(who);
            i.detail = QStringLiteral("Suspended by the decision panel on %1; NHS Resolution has not been recorded as "
                                      "notified.").arg(fmt::date(i.due));
        }
        if (reviewSoon && !notified) i.detail += QStringLiteral(" NHS Resolution has not been recorded as notified.");
        // The practice is named even when the concern is confidential: only the individual is.
        if (!r.value("ods_code").toString().isEmpty()) {
            i.practice = practice(r);
            i.title += QStringLiteral(" at %1").arg(i.practice);
        }
        i.contractorId = r.value("contractor_id").toString();
        i.table = QStringLiteral("concern");
        i.recordId = r.value("id").toString();
        out << i;
    }
}

void listClosureAcknowledgementsDue(Database& db, const QDate& today, QList<WorklistItem>& out) {
    for (const Row& r : db.query(QStringLiteral(
             "SELECT e.id, e.event_date, c.id AS contractor_id, c.ods_code, c.name FROM contract_event e "
             "JOIN contract k ON k.id = e.contract_id JOIN contractor c ON c.id = k.contractor_id "
             "WHERE e.kind = 'list_closure' AND e.status = 'in_progress' AND e.acknowledged_date IS NULL AND "
             "e.decision IS NULL ORDER BY e.event_date, e.id"))) {
        const QDate applied = fmt::parseIsoDate(r.value("event_date").toString());
        WorklistItem i;
        i.category = QStringLiteral("list_closures");
        i.due = applied.addDays(policy::kListClosureAcknowledgeDays);
        i.overdue = i.due < today;
        i.title = QStringLiteral("Acknowledge the list closure application: %1").arg(practice(r));
        i.detail = QStringLiteral("Applied on %1; acknowledge within %2 days, by %3.")
                       .arg(fmt::date(applied))
                       .arg(policy::kListClosureAcknowledgeDays)
                       .arg(fmt::date(i.due));
        i.contractorId = r.value("contractor_id").toString();
        i.practice = practice(r); // every item about a practice names it
        i.form = QStringLiteral("application"); // Enter opens the procedure where it stands
        i.table = QStringLiteral("contract_event");
        i.recordId = r.value("id").toString();
        out << i;
    }
}

void pharmacyApplicationsAwaitingDecision(Database& db, const QDate& today, QList<WorklistItem>& out) {
    for (const Row& r : db.query(QStringLiteral(
             "SELECT e.id, e.kind, e.event_date, c.id AS contractor_id, c.ods_code, c.name FROM contract_event e "
             "JOIN contract k ON k.id = e.contract_id JOIN contractor c ON c.id = k.contractor_id "
             "WHERE e.kind IN ('market_entry', 'change_of_ownership') AND e.status = 'in_progress' AND "
             "e.decision IS NULL ORDER BY e.event_date, e.id"))) {
        WorklistItem i;
        i.category = QStringLiteral("applications");
        i.due = fmt::parseIsoDate(r.value("event_date").toString());
        i.overdue = false; // waiting for the decision, not a missed deadline
        i.title = QStringLiteral("%1 awaiting a decision: %2")
                      .arg(labelFor(contractEventKinds(), r.value("kind").toString()), practice(r));
        i.detail = QStringLiteral("Received on %1: apply the pharmaceutical needs assessment test and record the "
                                  "decision (appeals go to NHS Resolution).").arg(fmt::date(i.due));
        Q_UNUSED(today);
        i.contractorId = r.value("contractor_id").toString();
        i.practice = practice(r); // every item about a practice names it
        i.form = QStringLiteral("application"); // Enter opens the procedure where it stands
        i.table = QStringLiteral("contract_event");
        i.recordId = r.value("id").toString();
        out << i;
    }
}

void eyeHealthComplianceChecksDue(Database& db, const QDate& today, QList<WorklistItem>& out) {
    const auto rows = db.query(QStringLiteral(
        "SELECT c.id AS contractor_id, c.ods_code, c.name, min(k.start_date) AS since, "
        "       (SELECT max(v.visit_date) FROM visit v WHERE v.contractor_id = c.id AND v.visit_type = 'contract_compliance' "
        "        AND v.status IN ('done', 'report_sent')) AS last_check "
        "FROM contractor c JOIN contract k ON k.contractor_id = c.id "
        "WHERE c.contractor_group = 'eye_health' AND c.status = 'active' AND k.status = 'active' "
        "  AND k.route IN ('gos_mandatory', 'gos_additional') "
        "GROUP BY c.id ORDER BY c.ods_code"));
    for (const Row& r : rows) {
        const QDate last = fmt::parseIsoDate(r.value("last_check").toString());
        const QDate from = last.isValid() ? last : fmt::parseIsoDate(r.value("since").toString());
        if (!from.isValid()) continue;
        WorklistItem i;
        i.due = from.addYears(policy::kEyeHealthComplianceYears);
        if (i.due > today.addDays(30)) continue;
        i.category = QStringLiteral("visits");
        i.overdue = i.due < today;
        i.title = QStringLiteral("Eye health contract compliance check due: %1").arg(practice(r));
        i.detail = last.isValid() ? QStringLiteral("Last compliance check %1; the checklist is due every %2 years.")
                                        .arg(fmt::date(last))
                                        .arg(policy::kEyeHealthComplianceYears)
                                  : QStringLiteral("No compliance check recorded since the contract began (%1); the "
                                                   "checklist is due every %2 years.")
                                        .arg(fmt::date(from))
                                        .arg(policy::kEyeHealthComplianceYears);
        i.contractorId = r.value("contractor_id").toString();
        i.practice = practice(r); // every item about a practice names it
        i.table = QStringLiteral("contractor");
        i.recordId = i.contractorId;
        out << i;
    }
}

void processItems(Database& db, const QDate& today, QList<WorklistItem>& out) {
    suspensionReviewsDue(db, today, out);
    listClosureAcknowledgementsDue(db, today, out);
    pharmacyApplicationsAwaitingDecision(db, today, out);
    if (db.scalar(QStringLiteral("SELECT count(*) FROM sqlite_schema WHERE name = 'visit'")).toInt() > 0)
        eyeHealthComplianceChecksDue(db, today, out);
}

} // namespace cb

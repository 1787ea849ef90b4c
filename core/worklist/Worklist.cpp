#include "worklist/Worklist.h"

#include "common/Identifiers.h"
#include "common/Policy.h"
#include "contracts/Contract.h"

#include <algorithm>

namespace cb {

const QList<WorklistCategory>& worklistCategories() {
    static const QList<WorklistCategory> list = {
        {"concern_actions", "Concern actions due"},
        {"notices", "Notice deadlines"},
        {"procurement", "Contracts ending: start procurement"},
        {"list_closures", "List closures ending"},
        {"dental", "Dental activity"},
        {"lpn", "LPN terms and declarations"},
        {"visits", "Field visits"},
    };
    return list;
}

QString relativeDays(const QDate& today, const QDate& when) {
    const qint64 d = today.daysTo(when);
    if (d == 0) return QStringLiteral("today");
    if (d == 1) return QStringLiteral("tomorrow");
    if (d == -1) return QStringLiteral("yesterday");
    if (d > 0) return QStringLiteral("in %1 days").arg(d);
    return QStringLiteral("%1 days ago").arg(-d);
}

QJsonObject WorklistItem::toJson() const {
    return QJsonObject{{"category", category},    {"title", title},
                       {"detail", detail},        {"due", fmt::dateIso(due)},
                       {"overdue", overdue},      {"contractorId", contractorId},
                       {"table", table},          {"recordId", recordId}};
}

namespace {

bool hasTable(Database& db, const QString& name) {
    return db.scalar(QStringLiteral("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?"), {name}).toInt() > 0;
}

QString contractLabel(const Row& r) {
    Contract k;
    k.route = r.value("route").toString();
    k.reference = r.value("reference").toString();
    return k.label();
}

QString who(const Row& r) {
    return QStringLiteral("%1 %2").arg(r.value("ods_code").toString(), r.value("name").toString());
}

void notices(Database& db, const QDate& today, const WorklistThresholds& t, QList<WorklistItem>& out) {
    const QDate horizon = today.addDays(t.noticeDays);
    // Remedial notices: the period to put the breach right ends. Termination notices: the contract ends.
    const auto rows = db.query(QStringLiteral(
        "SELECT e.id, e.kind, e.deadline, e.effective_date, k.route, k.reference, c.id AS contractor_id, c.ods_code, c.name, "
        "       CASE e.kind WHEN 'termination_notice' THEN e.effective_date ELSE e.deadline END AS due "
        "FROM contract_event e JOIN contract k ON k.id = e.contract_id JOIN contractor c ON c.id = k.contractor_id "
        "WHERE e.status = 'in_progress' AND e.kind IN ('remedial_notice', 'termination_notice') "
        "  AND due IS NOT NULL AND due <= ? ORDER BY due"),
        {fmt::dateIso(horizon)});
    for (const Row& r : rows) {
        WorklistItem i;
        i.category = QStringLiteral("notices");
        i.due = fmt::parseIsoDate(r.value("due").toString());
        i.overdue = i.due < today;
        const bool termination = r.value("kind").toString() == QLatin1String("termination_notice");
        i.title = (termination ? QStringLiteral("Contract terminates: %1") : QStringLiteral("Remedial notice period ends: %1"))
                      .arg(who(r));
        i.detail = QStringLiteral("%1 · %2 %3 (%4)")
                       .arg(contractLabel(r), termination ? QStringLiteral("termination date") : QStringLiteral("deadline"),
                            fmt::date(i.due), relativeDays(today, i.due));
        i.contractorId = r.value("contractor_id").toString();
        i.table = QStringLiteral("contract_event");
        i.recordId = r.value("id").toString();
        out << i;
    }
}

void procurement(Database& db, const QDate& today, const WorklistThresholds& t, QList<WorklistItem>& out) {
    // Fetch a little wide, then keep exactly those whose procurement start (end - N months) has come.
    const QDate horizon = today.addMonths(t.procurementMonths + 1);
    const auto rows = db.query(QStringLiteral(
        "SELECT k.id, k.route, k.reference, k.end_date, c.id AS contractor_id, c.ods_code, c.name "
        "FROM contract k JOIN contractor c ON c.id = k.contractor_id "
        "WHERE k.route IN ('apms', 'pds', 'lps', 'nhs_standard') AND k.status IN ('active', 'notice_served') "
        "  AND k.end_date IS NOT NULL AND k.end_date <= ? ORDER BY k.end_date"),
        {fmt::dateIso(horizon)});
    for (const Row& r : rows) {
        WorklistItem i;
        i.category = QStringLiteral("procurement");
        const QDate end = fmt::parseIsoDate(r.value("end_date").toString());
        const QDate start = end.addMonths(-t.procurementMonths);
        if (start > today) continue;
        i.due = end;
        i.overdue = end < today;
        i.title = QStringLiteral("%1 ends %2: %3").arg(contractLabel(r), fmt::date(end), who(r));
        i.detail = end < today ? QStringLiteral("Ended %1 but still marked active: record its renewal, extension or end.")
                                     .arg(relativeDays(today, end))
                   : start == today ? QStringLiteral("Procurement should start today.")
                                    : QStringLiteral("Procurement should have started on %1 (%2).")
                                          .arg(fmt::date(start), relativeDays(today, start));
        i.contractorId = r.value("contractor_id").toString();
        i.table = QStringLiteral("contract");
        i.recordId = r.value("id").toString();
        out << i;
    }
}

void listClosures(Database& db, const QDate& today, const WorklistThresholds& t, QList<WorklistItem>& out) {
    const auto rows = db.query(QStringLiteral(
        "SELECT e.id, e.deadline, k.route, k.reference, c.id AS contractor_id, c.ods_code, c.name "
        "FROM contract_event e JOIN contract k ON k.id = e.contract_id JOIN contractor c ON c.id = k.contractor_id "
        "WHERE e.kind = 'list_closure' AND e.status = 'in_progress' AND e.deadline IS NOT NULL AND e.deadline <= ? "
        "ORDER BY e.deadline"),
        {fmt::dateIso(today.addDays(t.listClosureDays))});
    for (const Row& r : rows) {
        WorklistItem i;
        i.category = QStringLiteral("list_closures");
        i.due = fmt::parseIsoDate(r.value("deadline").toString());
        i.overdue = i.due < today;
        i.title = QStringLiteral("List closure ends: %1").arg(who(r));
        i.detail = QStringLiteral("The list reopens on %1 (%2).").arg(fmt::date(i.due), relativeDays(today, i.due));
        i.contractorId = r.value("contractor_id").toString();
        i.table = QStringLiteral("contract_event");
        i.recordId = r.value("id").toString();
        out << i;
    }
}

void dental(Database& db, const QDate& today, QList<WorklistItem>& out) {
    // The latest finished year of each active dental contract; and this year's mid-year position.
    const int currentYear = today.month() >= 4 ? today.year() : today.year() - 1;
    const auto rows = db.query(QStringLiteral(
        "SELECT a.*, k.route, k.reference, c.id AS contractor_id, c.ods_code, c.name "
        "FROM dental_activity a JOIN contract k ON k.id = a.contract_id JOIN contractor c ON c.id = k.contractor_id "
        "WHERE k.status IN ('active', 'notice_served') AND a.year_start >= ? ORDER BY c.name, a.year_start"),
        {currentYear - 1});
    for (const Row& r : rows) {
        const DentalActivity a = DentalActivity::fromRow(r);
        if (a.yearStart == currentYear - 1) {
            // Last year's reconciliation: below 96% means clawback and possibly a breach notice.
            for (const auto& [unit, target, delivered] :
                 {std::tuple{QStringLiteral("UDA"), a.udaTarget, a.udaDelivered},
                  std::tuple{QStringLiteral("UOA"), a.uoaTarget, a.uoaDelivered}}) {
                const DeliveryResult res = yearEndOutcome(target, delivered);
                if (res.outcome != YearEndOutcome::Clawback && res.outcome != YearEndOutcome::ShortfallCarriedForward) continue;
                WorklistItem i;
                i.category = QStringLiteral("dental");
                i.due = QDate(a.yearStart + 1, 3, 31);
                i.overdue = res.outcome == YearEndOutcome::Clawback;
                i.title = QStringLiteral("%1 delivered %2% of %3s in %4: %5")
                              .arg(contractLabel(r))
                              .arg(*res.percent, 0, 'f', 1)
                              .arg(unit, a.yearLabel(), who(r));
                i.detail = res.outcome == YearEndOutcome::Clawback
                               ? QStringLiteral("Below 96%: claw back %1 %2s; consider a breach notice.").arg(res.units).arg(unit)
                               : QStringLiteral("96–100%: carry the shortfall of %1 %2s into next year.").arg(res.units).arg(unit);
                i.contractorId = r.value("contractor_id").toString();
                i.table = QStringLiteral("dental_activity");
                i.recordId = a.id;
                out << i;
            }
        } else if (a.yearStart == currentYear) {
            const QDate halfYear(a.yearStart, 9, 30);
            const QDate reviewBy(a.yearStart, policy::kDentalMidYearReviewMonth, policy::kDentalMidYearReviewDay);
            if (today <= halfYear || today > reviewBy.addDays(30)) continue;
            const bool udaLow = midYearReviewDue(a.udaTarget, a.udaDeliveredH1);
            const bool uoaLow = midYearReviewDue(a.uoaTarget, a.uoaDeliveredH1);
            if (!udaLow && !uoaLow) continue;
            WorklistItem i;
            i.category = QStringLiteral("dental");
            i.due = reviewBy;
            i.overdue = today > reviewBy;
            i.title = QStringLiteral("Mid-year review due by %1: %2").arg(fmt::date(reviewBy), who(r));
            i.detail = QStringLiteral("%1 delivered under 30% of its annual %2 by 30 September %3.")
                           .arg(contractLabel(r), udaLow ? QStringLiteral("UDAs") : QStringLiteral("UOAs"))
                           .arg(a.yearStart);
            i.contractorId = r.value("contractor_id").toString();
            i.table = QStringLiteral("dental_activity");
            i.recordId = a.id;
            out << i;
        }
    }
}

} // namespace

QList<WorklistItem> buildWorklist(Database& db, const QDate& today, const WorklistThresholds& t) {
    QList<WorklistItem> out;
    notices(db, today, t, out);
    procurement(db, today, t, out);
    listClosures(db, today, t, out);
    dental(db, today, out);
    Q_UNUSED(hasTable);
    QHash<QString, int> order;
    for (int i = 0; i < worklistCategories().size(); ++i) order.insert(worklistCategories().at(i).code, i);
    std::stable_sort(out.begin(), out.end(), [&](const WorklistItem& a, const WorklistItem& b) {
        if (a.category != b.category) return order.value(a.category) < order.value(b.category);
        return a.due < b.due;
    });
    return out;
}

} // namespace cb

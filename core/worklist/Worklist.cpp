#include "worklist/Worklist.h"

#include <cstdlib>
#include "worklist/ProcessItems.h"
#include "worklist/DataQualityItems.h"
#include "worklist/TeamItems.h"

#include "common/Identifiers.h"
#include "common/Policy.h"
#include "contracts/Contract.h"
#include "lpn/RosterReview.h"
#include "visits/Visit.h"
#include "store/RowValues.h"
#include "store/Settings.h"

#include <QHash>
#include <algorithm>
#include <cstdlib>

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
        {"applications", "Applications awaiting a decision"},
        {"performers", "Performers list: suspensions"},
        {"data_quality", "Data quality"},
        {"team_conflicts", "Team conflicts to decide"},
    };
    return list;
}

const QList<WorklistBandInfo>& worklistBands() {
    static const QList<WorklistBandInfo> list = {
        {WorklistBand::Overdue, "overdue", "Overdue", false},
        {WorklistBand::ThisWeek, "this_week", "Due this week", false},
        {WorklistBand::Later, "later", "Later, or no deadline", false},
        {WorklistBand::Information, "information", "For information", true},
    };
    return list;
}

const WorklistBandInfo& bandInfo(WorklistBand band) { return worklistBands().at(int(band)); }

WorklistBand worklistBand(const WorklistItem& i, const QDate& today) {
    if (i.overdue) return WorklistBand::Overdue;
    if (i.informational) return WorklistBand::Information;
    // A past date that is not "overdue" (a year end, a visit whose report is awaited) is no deadline this week.
    if (i.due.isValid() && i.due >= today && i.due <= today.addDays(kWorklistWeekDays)) return WorklistBand::ThisWeek;
    return WorklistBand::Later;
}

QString relativeDays(const QDate& today, const QDate& when) {
    const qint64 d = today.daysTo(when);
    if (d == 0) return QStringLiteral("today");
    if (d == 1) return QStringLiteral("tomorrow");
    if (d == -1) return QStringLiteral("yesterday");
    // Beyond two months a count of days is noise ("7183 days ago"): whole calendar months up to two
    // years, then whole years. The exact date is always shown beside it.
    if (std::abs(d) > 60) {
        const QDate& from = d > 0 ? today : when;
        const QDate& to = d > 0 ? when : today;
        int months = (to.year() - from.year()) * 12 + (to.month() - from.month());
        if (to.day() < from.day()) --months;
        const QString span = months < 24 ? QStringLiteral("%1 months").arg(months)
                                         : QStringLiteral("%1 years").arg(months / 12);
        return d > 0 ? QStringLiteral("in %1").arg(span) : QStringLiteral("%1 ago").arg(span);
    }
    if (d > 0) return QStringLiteral("in %1 days").arg(d);
    return QStringLiteral("%1 days ago").arg(-d);
}

const QList<WorklistSetting>& worklistSettings() {
    using T = WorklistThresholds;
    static const QList<WorklistSetting> list = {
        {"worklist.actions_due_days", "Concern actions due within", "days", &T::actionsDueDays, 0, 365},
        {"worklist.notice_days", "Notice deadlines and termination dates within", "days", &T::noticeDays, 0, 365},
        {"worklist.procurement_months", "Time-limited contracts ending within", "months", &T::procurementMonths, 1, 60},
        {"worklist.list_closure_days", "List closures ending within", "days", &T::listClosureDays, 0, 365},
        {"worklist.lpn_term_days", "LPN terms ending within", "days", &T::lpnTermDays, 0, 730},
        {"worklist.declaration_review_months", "LPN declarations reviewed every", "months", &T::declarationReviewMonths, 1, 60},
        {"worklist.visit_days", "Visits planned within", "days", &T::visitDays, 0, 365},
    };
    return list;
}

WorklistThresholds loadWorklistThresholds(Settings& settings) {
    WorklistThresholds t;
    for (const WorklistSetting& s : worklistSettings()) {
        const int v = settings.integer(s.key, t.*s.member);
        // A value outside the range (typed into the database by other means) is ignored, not trusted.
        if (v >= s.minimum && v <= s.maximum) t.*s.member = v;
    }
    return t;
}

void saveWorklistThresholds(Settings& settings, const WorklistThresholds& t) {
    Issues issues;
    for (const WorklistSetting& s : worklistSettings()) {
        const int v = t.*s.member;
        if (v < s.minimum || v > s.maximum)
            issues.add(s.key, QStringLiteral("%1: choose between %2 and %3 %4 (not %5).")
                                  .arg(s.label).arg(s.minimum).arg(s.maximum).arg(s.unit).arg(v));
    }
    issues.throwIfAny();
    settings.database().write([&] {
        for (const WorklistSetting& s : worklistSettings()) settings.set(s.key, t.*s.member);
    });
}

QMap<QString, int> countByCategory(const QList<WorklistItem>& items) {
    QMap<QString, int> counts;
    for (const WorklistItem& i : items) ++counts[i.category];
    return counts;
}

QJsonObject WorklistItem::toJson() const {
    QJsonObject o{{"category", category}, {"title", title},         {"detail", detail},
                  {"due", fmt::dateIso(due)}, {"overdue", overdue}, {"table", table},
                  {"recordId", recordId},   {"confidential", confidential}, {"informational", informational},
                  {"practice", practice}};
    // Which practice a confidential concern is about is itself confidential.
    if (!confidential) o.insert(QStringLiteral("contractorId"), contractorId);
    return o;
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

// The name that opens a concern's line: its practice, else its performer.
QString concernSubject(const Row& r) {
    if (!r.value("ods_code").toString().isEmpty()) return who(r);
    return QStringLiteral("%1 %2").arg(r.value("given_name").toString(), r.value("family_name").toString()).trimmed();
}

void concernActions(Database& db, const QDate& today, const WorklistThresholds& t, QList<WorklistItem>& out) {
    const auto rows = db.query(QStringLiteral(
        "SELECT a.id, a.description, a.owner, a.due_date, c.id AS concern_id, c.summary, c.confidential, "
        "       c.contractor_id, k.ods_code, k.name, p.given_name, p.family_name "
        "FROM concern_action a JOIN concern c ON c.id = a.concern_id "
        "LEFT JOIN contractor k ON k.id = c.contractor_id LEFT JOIN performer p ON p.id = c.performer_id "
        "WHERE a.completed_date IS NULL AND c.stage <> 'closed' AND a.due_date <= ? ORDER BY a.due_date, a.id"),
        {fmt::dateIso(today.addDays(t.actionsDueDays))});
    for (const Row& r : rows) {
        WorklistItem i;
        i.category = QStringLiteral("concern_actions");
        i.due = fmt::parseIsoDate(r.value("due_date").toString());
        i.overdue = i.due < today;
        i.confidential = r.value("confidential").toInt() != 0;
        const QString when = QStringLiteral("%1 %2 (%3)")
                                 .arg(i.overdue ? QStringLiteral("was due") : QStringLiteral("due"), fmt::date(i.due),
                                      relativeDays(today, i.due));
        // The practice is named even on a confidential concern: only the individual is confidential.
        if (!r.value("ods_code").toString().isEmpty()) i.practice = who(r);
        if (i.confidential) {
            i.title = i.practice.isEmpty() ? QStringLiteral("Action due on a confidential concern")
                                           : QStringLiteral("Action due on a confidential concern: %1").arg(i.practice);
            i.detail = QStringLiteral("Owner %1 · %2. Open the concern for the details.").arg(r.value("owner").toString(), when);
        } else {
            i.title = QStringLiteral("%1: %2").arg(r.value("description").toString(), concernSubject(r));
            i.detail = QStringLiteral("Concern \"%1\" · owner %2 · %3")
                           .arg(r.value("summary").toString(), r.value("owner").toString(), when);
        }
        i.contractorId = r.value("contractor_id").toString();
        i.table = QStringLiteral("concern");
        i.recordId = r.value("concern_id").toString();
        out << i;
    }
}

void lpnRosters(Database& db, const QDate& today, const WorklistThresholds& t, QList<WorklistItem>& out) {
    // The roster review owns the rules for terms and declarations; the worklist shows its findings
    // about terms ending (or ended) and declarations due for review.
    RosterReviewOptions options;
    options.today = today;
    options.termEndingWithinDays = t.lpnTermDays;
    options.declarationReviewMonths = t.declarationReviewMonths;
    for (const Row& n : db.query(QStringLiteral("SELECT id, name FROM lpn_network ORDER BY name, id"))) {
        const QString network = n.value("name").toString();
        for (const RosterFinding& f : reviewRoster(db, n.value("id").toString(), options)) {
            if (f.kind != RosterFindingKind::TermEnding && f.kind != RosterFindingKind::TermEnded &&
                f.kind != RosterFindingKind::DeclarationStale)
                continue;
            WorklistItem i;
            i.category = QStringLiteral("lpn");
            const bool declaration = f.kind == RosterFindingKind::DeclarationStale;
            // A declaration's date is when it was last confirmed; its review fell due a period later.
            i.due = declaration ? f.date.addMonths(t.declarationReviewMonths) : f.date;
            i.overdue = i.due < today;
            const auto m = db.queryOne(QStringLiteral("SELECT given_name, family_name FROM lpn_member WHERE id = ?"), {f.memberId});
            const QString name = m ? QStringLiteral("%1 %2").arg(m->value("given_name").toString(), m->value("family_name").toString())
                                   : QString();
            i.title = QStringLiteral("%1: %2 (%3)").arg(kindLabel(f.kind), name, network);
            i.detail = f.message;
            i.table = QStringLiteral("lpn_member");
            i.recordId = f.memberId;
            out << i;
        }
    }
}

void visits(Database& db, const QDate& today, const WorklistThresholds& t, QList<WorklistItem>& out) {
    // Planned visits coming up, and planned ones whose date has passed without being recorded.
    const auto planned = db.query(QStringLiteral(
        "SELECT v.id, v.visit_date, v.visit_type, v.announced, c.id AS contractor_id, c.ods_code, c.name "
        "FROM visit v JOIN contractor c ON c.id = v.contractor_id "
        "WHERE v.status = 'planned' AND v.visit_date <= ? ORDER BY v.visit_date, c.ods_code"),
        {fmt::dateIso(today.addDays(t.visitDays))});
    for (const Row& r : planned) {
        WorklistItem i;
        i.category = QStringLiteral("visits");
        i.due = fmt::parseIsoDate(r.value("visit_date").toString());
        i.overdue = i.due < today;
        const QString type = labelFor(visitTypes(), r.value("visit_type").toString());
        i.title = QStringLiteral("Visit %1 %2: %3")
                      .arg(i.due.toString(QStringLiteral("dddd")), fmt::date(i.due), who(r));
        i.detail = i.overdue ? QStringLiteral("%1, planned for %2 (%3): record how it went, or move the date.")
                                   .arg(type, fmt::date(i.due), relativeDays(today, i.due))
                             : QStringLiteral("%1 (%2), %3.")
                                   .arg(type, r.value("announced").toInt() ? QStringLiteral("announced") : QStringLiteral("unannounced"),
                                        relativeDays(today, i.due));
        i.contractorId = r.value("contractor_id").toString();
        i.practice = who(r);
        i.table = QStringLiteral("visit");
        i.recordId = r.value("id").toString();
        out << i;
    }
    // Visits done whose report has not gone to the contractor yet: no deadline, oldest first.
    const auto unsent = db.query(QStringLiteral(
        "SELECT v.id, v.visit_date, v.visit_type, c.id AS contractor_id, c.ods_code, c.name "
        "FROM visit v JOIN contractor c ON c.id = v.contractor_id "
        "WHERE v.status = 'done' AND v.report_sent_date IS NULL ORDER BY v.visit_date, c.ods_code"));
    for (const Row& r : unsent) {
        WorklistItem i;
        i.category = QStringLiteral("visits");
        i.due = fmt::parseIsoDate(r.value("visit_date").toString());
        i.title = QStringLiteral("Visit report not sent: %1").arg(who(r));
        i.detail = QStringLiteral("%1 on %2 (%3): send the report to the contractor and record the date.")
                       .arg(labelFor(visitTypes(), r.value("visit_type").toString()), fmt::date(i.due), relativeDays(today, i.due));
        i.contractorId = r.value("contractor_id").toString();
        i.practice = who(r);
        i.table = QStringLiteral("visit");
        i.recordId = r.value("id").toString();
        out << i;
    }
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
        i.practice = who(r);
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
        i.practice = who(r);
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
        i.practice = who(r);
        i.table = QStringLiteral("contract_event");
        i.recordId = r.value("id").toString();
        out << i;
    }
}

void dental(Database& db, const QDate& today, QList<WorklistItem>& out) {
    // The latest finished year of each active dental contract; and this year's mid-year position.
    const int currentYear = today.month() >= 4 ? today.year() : today.year() - 1;
    const auto rows = db.query(QStringLiteral(
        "SELECT a.*, k.route, k.reference, k.annual_value_pence, c.id AS contractor_id, c.ods_code, c.name "
        "FROM dental_activity a JOIN contract k ON k.id = a.contract_id JOIN contractor c ON c.id = k.contractor_id "
        "WHERE k.status IN ('active', 'notice_served') AND a.year_start >= ? ORDER BY c.name, a.year_start"),
        {currentYear - 1});
    QList<WorklistItem> carried; // 96-100%: listed after the clawbacks, which need action
    for (const Row& r : rows) {
        const DentalActivity a = DentalActivity::fromRow(r);
        if (a.yearStart == currentYear - 1) {
            // Last year's reconciliation: below 96% means clawback and possibly a breach notice.
            for (const auto& [unit, target, delivered] :
                 {std::tuple{QStringLiteral("UDA"), a.udaTarget, a.udaDelivered},
                  std::tuple{QStringLiteral("UOA"), a.uoaTarget, a.uoaDelivered}}) {
                const bool only = (unit == QLatin1String("UDA") ? a.uoaTarget : a.udaTarget) == 0;
                // In pounds at the year's UDA value when known, else at the contract's value when this
                // is its only target.
                const ActivityValue value{unit == QLatin1String("UDA") ? a.udaValuePence : std::nullopt,
                                          only ? rowval::optInt(r, "annual_value_pence") : std::nullopt};
                const DeliveryResult res = yearEndOutcome(target, delivered, value);
                if (res.outcome != YearEndOutcome::Clawback && res.outcome != YearEndOutcome::ShortfallCarriedForward) continue;
                WorklistItem i;
                i.category = QStringLiteral("dental");
                i.due = QDate(a.yearStart + 1, 3, 31);
                // Information for the reconciliation, not a missed deadline: never "overdue".
                i.overdue = false;
                i.title = QStringLiteral("%1 delivered %2% of %3s in %4: %5")
                              .arg(contractLabel(r))
                              .arg(res.percentText.chopped(1))
                              .arg(unit, a.yearLabel(), who(r));
                i.detail = yearEndAdvice(res, unit);
                i.contractorId = r.value("contractor_id").toString();
                i.practice = who(r);
                i.informational = res.outcome == YearEndOutcome::ShortfallCarriedForward;
                i.table = QStringLiteral("dental_activity");
                i.recordId = a.id;
                (res.outcome == YearEndOutcome::Clawback ? out : carried) << i;
            }
        } else if (a.yearStart == currentYear) {
            const QDate halfYear(a.yearStart, 9, 30);
            const QDate reviewBy(a.yearStart, policy::kDentalMidYearReviewMonth, policy::kDentalMidYearReviewDay);
            // Until the review is recorded, however late (it does not vanish on 1 December).
            if (today <= halfYear || a.midYearReviewDate.isValid()) continue;
            const bool udaLow = midYearReviewDue(a.udaTarget, a.udaDeliveredH1);
            const bool uoaLow = midYearReviewDue(a.uoaTarget, a.uoaDeliveredH1);
            if (!udaLow && !uoaLow) continue;
            WorklistItem i;
            i.category = QStringLiteral("dental");
            i.due = reviewBy;
            i.overdue = today > reviewBy;
            i.title = QStringLiteral("Mid-year review due by %1: %2").arg(fmt::date(reviewBy), who(r));
            i.detail = QStringLiteral("%1 delivered under %2% of its annual %3 by 30 September %4.")
                           .arg(contractLabel(r))
                           .arg(policy::kDentalMidYearMinPercent)
                           .arg(udaLow ? QStringLiteral("UDAs") : QStringLiteral("UOAs"))
                           .arg(a.yearStart);
            i.contractorId = r.value("contractor_id").toString();
            i.practice = who(r);
            i.form = QStringLiteral("mid_year_review"); // Enter opens the review form of that year
            i.table = QStringLiteral("dental_activity");
            i.recordId = a.id;
            out << i;
        }
    }
    out << carried;
}

} // namespace

QList<WorklistItem> todaysWorklist(Database& db) {
    Settings settings(db);
    return buildWorklist(db, db.clock().today(), loadWorklistThresholds(settings));
}

ReportTable worklistReport(const QList<WorklistItem>& items) {
    ReportTable t;
    t.columns = {{"category", "Category"}, {"due", "Due"},       {"overdue", "Overdue"}, {"title", "Item"},
                 {"detail", "Detail"},     {"record", "Record"}, {"record_id", "Id"}};
    QHash<QString, QString> labels;
    for (const WorklistCategory& c : worklistCategories()) labels.insert(c.code, c.label);
    int overdue = 0;
    for (const WorklistItem& i : items) {
        t.rows << QStringList{labels.value(i.category, i.category), fmt::date(i.due),
                              i.overdue ? QStringLiteral("yes") : QStringLiteral("no"), i.title, i.detail, i.table, i.recordId};
        overdue += i.overdue ? 1 : 0;
    }
    QStringList parts;
    const QMap<QString, int> counts = countByCategory(items);
    for (const WorklistCategory& c : worklistCategories())
        if (counts.value(c.code) > 0) parts << QStringLiteral("%1: %2").arg(c.label).arg(counts.value(c.code));
    t.notes << QStringLiteral("%1 item%2, %3 overdue.").arg(items.size()).arg(items.size() == 1 ? "" : "s").arg(overdue);
    if (!parts.isEmpty()) t.notes << parts.join(QStringLiteral("; ")) + QLatin1Char('.');
    return t;
}

QList<WorklistItem> buildWorklist(Database& db, const QDate& today, const WorklistThresholds& t) {
    QList<WorklistItem> out;
    if (hasTable(db, QStringLiteral("concern_action"))) concernActions(db, today, t, out);
    notices(db, today, t, out);
    procurement(db, today, t, out);
    listClosures(db, today, t, out);
    dental(db, today, out);
    if (hasTable(db, QStringLiteral("lpn_network"))) lpnRosters(db, today, t, out);
    if (hasTable(db, QStringLiteral("visit"))) visits(db, today, t, out);
    dataQualityItems(db, today, out); // national files: unknown end dates to enter, oddities to confirm
    teamConflictItems(db, today, out); // team exchange: colleagues' edits that clashed with this database's
    processItems(db, today, out); // suspensions, list closure acknowledgements, pharmacy applications, eye health checks
    QHash<QString, int> order;
    for (int i = 0; i < worklistCategories().size(); ++i) order.insert(worklistCategories().at(i).code, i);
    // What is late first, then what falls due this week, then the rest; information last. Within a
    // band the earliest date first, so the caseworker reads the list top down.
    std::stable_sort(out.begin(), out.end(), [&](const WorklistItem& a, const WorklistItem& b) {
        const WorklistBand ba = worklistBand(a, today), bb = worklistBand(b, today);
        if (ba != bb) return ba < bb;
        if (a.due != b.due) return a.due < b.due;
        if (a.category != b.category) return order.value(a.category) < order.value(b.category);
        return a.overdue && !b.overdue; // on the same date, what is already late comes first
    });
    return out;
}

} // namespace cb

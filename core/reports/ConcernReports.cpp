#include "reports/ConcernReports.h"

#include "common/Identifiers.h"
#include "concerns/Concern.h"
#include "contractors/Contractor.h"
#include "tiers/AssuranceTier.h"

namespace cb {

ReportTable concernReport(Database& db, const ConcernReportOptions& options) {
    ConcernService service(db);
    ConcernFilter filter;
    if (!options.includeClosed) filter.stage = QStringLiteral("open");
    if (!options.includeConfidential) filter.confidential = false;
    ReportTable t;
    t.columns = {{"ods_code", "ODS code"},   {"contractor", "Contractor"},  {"performer", "Performer"},
                 {"stage", "Stage"},         {"band", "Band"},              {"score", "Score", true},
                 {"consequence", "C", true}, {"likelihood", "L", true},     {"owner", "Owner"},
                 {"received", "Received"},   {"open_actions", "Open actions", true},
                 {"overdue_actions", "Overdue", true}, {"next_due", "Next due"}, {"confidential", "Confidential"},
                 {"summary", "Summary"},     {"id", "Id"}};
    for (const ConcernListItem& item : service.list(filter)) {
        const Concern& c = item.concern;
        t.rows << QStringList{item.odsCode,
                              item.contractorLabel.mid(item.odsCode.size()).trimmed(),
                              item.performerName,
                              labelFor(concernStages(), c.stage),
                              labelFor(risk::bands(), item.band),
                              c.isGraded() ? QString::number(c.score()) : QString(),
                              c.isGraded() ? QString::number(c.consequence) : QString(),
                              c.isGraded() ? QString::number(c.likelihood) : QString(),
                              c.owner,
                              fmt::date(c.receivedDate),
                              QString::number(item.openActions),
                              QString::number(item.overdueActions),
                              fmt::date(item.nextDue),
                              c.confidential.value_or(false) ? QStringLiteral("yes") : QStringLiteral("no"),
                              c.summary,
                              c.id};
    }
    t.notes << QStringLiteral("%1 concern%2.").arg(t.rows.size()).arg(t.rows.size() == 1 ? "" : "s");
    if (!options.includeConfidential) {
        ConcernFilter hidden = filter;
        hidden.confidential = true;
        const int n = service.count(hidden);
        if (n > 0)
            t.notes << QStringLiteral("%1 confidential concern%2 left out: add --include-confidential to include %3.")
                           .arg(n).arg(n == 1 ? "" : "s", n == 1 ? "it" : "them");
    }
    return t;
}

ReportTable tierReport(Database& db, const TierReportOptions& options) {
    TierService tiers(db);
    const QHash<QString, TierSuggestion> suggestions = tiers.suggestAll();
    ReportTable t;
    t.columns = {{"ods_code", "ODS code"},        {"name", "Name"},           {"group", "Group"},
                 {"current_tier", "Current tier"}, {"decided_on", "Decided"},  {"decided_by", "By"},
                 {"suggested_tier", "Suggested"},  {"differs", "Differs"},     {"reasons", "Reasons"}};
    const auto rows = db.query(
        QStringLiteral("SELECT k.id, k.ods_code, k.name, k.contractor_group, h.decided_on, h.decided_by FROM contractor k "
                       "LEFT JOIN (SELECT contractor_id, decided_on, decided_by, row_number() OVER (PARTITION BY "
                       "contractor_id ORDER BY decided_on DESC, recorded_at DESC) AS n FROM tier_history) h "
                       "ON h.contractor_id = k.id AND h.n = 1 WHERE k.status <> 'closed' AND (?1 = '' OR k.contractor_group = ?1) "
                       "ORDER BY k.ods_code"),
        {options.group});
    int differing = 0;
    for (const Row& r : rows) {
        const TierSuggestion s = suggestions.value(r.value("id").toString());
        if (s.differsFromCurrent()) ++differing;
        if (options.differsOnly && !s.differsFromCurrent()) continue;
        t.rows << QStringList{r.value("ods_code").toString(),
                              r.value("name").toString(),
                              labelFor(contractorGroups(), r.value("contractor_group").toString()),
                              s.currentTier.isEmpty() ? QStringLiteral("not assessed") : labelFor(assuranceTiers(), s.currentTier),
                              fmt::date(fmt::parseIsoDate(r.value("decided_on").toString())),
                              r.value("decided_by").toString(),
                              labelFor(assuranceTiers(), s.tier),
                              s.differsFromCurrent() ? QStringLiteral("yes") : QStringLiteral("no"),
                              s.reasons().join(QStringLiteral(" "))};
    }
    t.notes << QStringLiteral("%1 contractor%2; Casebook suggests a different tier for %3. Suggestions are for the "
                              "caseworker to weigh: nothing has been changed.")
                   .arg(rows.size()).arg(rows.size() == 1 ? "" : "s").arg(differing);
    return t;
}

} // namespace cb

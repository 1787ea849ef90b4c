// Validation of every stored concern, tier, QOF and visit row, for the integrity check.
#include "concerns/Concern.h"
#include "concerns/RiskMatrix.h"
#include "store/RowValues.h"
#include "store/IntegrityCheck.h"
#include "store/Settings.h"
#include "tiers/AssuranceTier.h"
#include "visits/Visit.h"

namespace cb {

namespace {
void addIssues(IntegrityReport& report, const QString& table, const QString& id, const QString& what, const Issues& issues) {
    for (const FieldIssue& i : issues.list()) report.findings.append({table, id, QStringLiteral("%1: %2").arg(what, i.message)});
}
} // namespace

void checkConcernRows(Database& db, IntegrityReport& report) {
    using namespace rowval;
    const QDate today = db.clock().today();
    for (const Row& r : db.query(QStringLiteral("SELECT * FROM concern"))) {
        const Concern c = Concern::fromRow(r);
        Issues issues;
        validate(c, issues, today);
        if (c.stage == QLatin1String("formal_action") && !c.contractorId.isEmpty() && c.noticeEventId.isEmpty())
            issues.add("noticeEventId", QStringLiteral("formal action without a linked remedial or breach notice"));
        addIssues(report, "concern", c.id, QStringLiteral("Concern ") + c.summary.left(40), issues);
        ++report.rowsChecked;
    }
    for (const Row& r : db.query(QStringLiteral("SELECT * FROM concern_event"))) {
        Issues issues;
        if (!hasCode(timelineKinds(), str(r, "kind"))) issues.add("kind", QStringLiteral("unknown timeline entry kind"));
        if (!dateOf(r, "event_date").isValid()) issues.add("eventDate", QStringLiteral("timeline entry without a date"));
        if (str(r, "who").isEmpty()) issues.add("who", QStringLiteral("timeline entry without who"));
        addIssues(report, "concern_event", str(r, "id"), QStringLiteral("Timeline entry"), issues);
        ++report.rowsChecked;
    }
    for (const Row& r : db.query(QStringLiteral("SELECT * FROM concern_action"))) {
        const ConcernAction a = ConcernAction::fromRow(r);
        Issues issues;
        validate(a, issues);
        addIssues(report, "concern_action", a.id, QStringLiteral("Action ") + a.description.left(40), issues);
        ++report.rowsChecked;
    }
    for (const Row& r : db.query(QStringLiteral("SELECT * FROM tier_history"))) {
        const TierDecision d{str(r, "id"), str(r, "contractor_id"), str(r, "tier"), str(r, "rationale"),
                             dateOf(r, "decided_on"), str(r, "decided_by"), str(r, "recorded_at")};
        Issues issues;
        validate(d, issues, today);
        addIssues(report, "tier_history", d.id, QStringLiteral("Tier decision"), issues);
        ++report.rowsChecked;
    }
    for (const Row& r : db.query(QStringLiteral("SELECT * FROM quality_indicator"))) {
        const QofAchievement q{str(r, "id"), str(r, "contractor_id"), integer(r, "year_start"), r.value("percent").toDouble()};
        Issues issues;
        if (str(r, "indicator") != QLatin1String("qof")) issues.add("indicator", QStringLiteral("unknown quality indicator"));
        validate(q, issues);
        addIssues(report, "quality_indicator", q.id, QStringLiteral("QOF"), issues);
        ++report.rowsChecked;
    }
    for (const Row& r : db.query(QStringLiteral("SELECT * FROM visit"))) {
        const Visit v = Visit::fromRow(r);
        Issues issues;
        validate(v, issues, today);
        addIssues(report, "visit", v.id, QStringLiteral("Visit"), issues);
        ++report.rowsChecked;
    }
    for (const Row& r : db.query(QStringLiteral("SELECT * FROM visit_finding"))) {
        const VisitFinding f = VisitFinding::fromRow(r);
        Issues issues;
        validate(f, issues);
        addIssues(report, "visit_finding", f.id, QStringLiteral("Finding ") + f.area, issues);
        ++report.rowsChecked;
    }
    for (const Row& r : db.query(QStringLiteral("SELECT * FROM visit_action"))) {
        const VisitAction a = VisitAction::fromRow(r);
        Issues issues;
        validate(a, issues);
        addIssues(report, "visit_action", a.id, QStringLiteral("Action ") + a.description.left(40), issues);
        ++report.rowsChecked;
    }
    Settings settings(db);
    const risk::Bands stored{settings.integer(risk::kLowMaxKey, risk::kDefaultLowMax),
                             settings.integer(risk::kModerateMaxKey, risk::kDefaultModerateMax),
                             settings.integer(risk::kHighMaxKey, risk::kDefaultHighMax)};
    Issues bandIssues;
    stored.validate(bandIssues);
    addIssues(report, "setting", QString(), QStringLiteral("Risk bands (the defaults are used instead)"), bandIssues);
}

} // namespace cb

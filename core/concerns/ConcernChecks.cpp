// Concern checks beyond each record's own rules (those run for every record type in
// store/IntegrityCheck.cpp, from the record descriptions): formal action notices, risk bands.
#include "concerns/Concern.h"
#include "concerns/RiskMatrix.h"
#include "store/IntegrityCheck.h"
#include "store/Settings.h"

namespace cb {

namespace {
void addIssues(IntegrityReport& report, const QString& table, const QString& id, const QString& what, const Issues& issues) {
    for (const FieldIssue& i : issues.list()) report.findings.append({table, id, QStringLiteral("%1: %2").arg(what, i.message)});
}
} // namespace

void checkConcernRows(Database& db, IntegrityReport& report) {
    for (const Row& r : db.query(QStringLiteral("SELECT * FROM concern WHERE stage = 'formal_action' AND contractor_id IS "
                                                "NOT NULL AND notice_event_id IS NULL"))) {
        const Concern c = Concern::fromRow(r);
        report.findings.append({"concern", c.id, QStringLiteral("Concern %1: formal action without a linked remedial or "
                                                                "breach notice").arg(c.summary.left(40))});
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

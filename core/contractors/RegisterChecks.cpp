// Validation of every stored register row, for the integrity check.
#include "contractors/Contractor.h"
#include "contractors/Site.h"
#include "contracts/Contract.h"
#include "performers/Performer.h"
#include "store/IntegrityCheck.h"

#include <QHash>

namespace cb {

namespace {
void addIssues(IntegrityReport& report, const QString& table, const QString& id, const QString& what, const Issues& issues) {
    for (const FieldIssue& i : issues.list()) report.findings.append({table, id, QStringLiteral("%1: %2").arg(what, i.message)});
}
} // namespace

void checkRegisterRows(Database& db, IntegrityReport& report) {
    const QDate today = db.clock().today();
    QHash<QString, QString> groupOf; // contractor id -> group
    QHash<QString, QString> groupOfContract;
    for (const Row& r : db.query(QStringLiteral("SELECT * FROM contractor"))) {
        Contractor c = Contractor::fromRow(r);
        groupOf.insert(c.id, c.group);
        Issues issues;
        Contractor n = c;
        normalise(n);
        if (n.odsCode != c.odsCode) issues.add("odsCode", QStringLiteral("ODS code is not normalised"));
        validate(c, issues, today);
        addIssues(report, "contractor", c.id, c.label(), issues);
        ++report.rowsChecked;
    }
    for (const Row& r : db.query(QStringLiteral("SELECT * FROM site"))) {
        const Site s = Site::fromRow(r);
        Issues issues;
        validate(s, groupOf.value(s.contractorId), issues);
        addIssues(report, "site", s.id, QStringLiteral("Site ") + s.name, issues);
        ++report.rowsChecked;
    }
    for (const Row& r : db.query(QStringLiteral("SELECT * FROM contract"))) {
        const Contract k = Contract::fromRow(r);
        groupOfContract.insert(k.id, groupOf.value(k.contractorId));
        Issues issues;
        validate(k, groupOf.value(k.contractorId), issues);
        addIssues(report, "contract", k.id, k.label(), issues);
        ++report.rowsChecked;
    }
    for (const Row& r : db.query(QStringLiteral("SELECT * FROM contract_service"))) {
        const ContractedService s = ContractedService::fromRow(r);
        Issues issues;
        validate(s, groupOfContract.value(s.contractId), issues);
        addIssues(report, "contract_service", s.id, QStringLiteral("Service ") + s.name, issues);
        ++report.rowsChecked;
    }
    for (const Row& r : db.query(QStringLiteral("SELECT * FROM contract_event"))) {
        const ContractEvent e = ContractEvent::fromRow(r);
        Issues issues;
        validate(e, groupOfContract.value(e.contractId), issues);
        addIssues(report, "contract_event", e.id, labelFor(contractEventKinds(), e.kind), issues);
        ++report.rowsChecked;
    }
    for (const Row& r : db.query(QStringLiteral("SELECT * FROM dental_activity"))) {
        const DentalActivity a = DentalActivity::fromRow(r);
        Issues issues;
        validate(a, issues);
        addIssues(report, "dental_activity", a.id, QStringLiteral("Dental activity ") + a.yearLabel(), issues);
        ++report.rowsChecked;
    }
    for (const Row& r : db.query(QStringLiteral("SELECT * FROM performer"))) {
        const Performer p = Performer::fromRow(r);
        Issues issues;
        validate(p, issues);
        addIssues(report, "performer", p.id, p.fullName(), issues);
        ++report.rowsChecked;
    }
    for (const Row& r : db.query(QStringLiteral("SELECT * FROM performer_link"))) {
        const PerformerLink l = PerformerLink::fromRow(r);
        Issues issues;
        validate(l, issues);
        addIssues(report, "performer_link", l.id, QStringLiteral("Performer link"), issues);
        ++report.rowsChecked;
    }
}

} // namespace cb

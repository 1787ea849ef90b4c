#include "concerns/Proportionality.h"

#include "common/Policy.h"
#include "concerns/Reason.h"
#include "store/RowValues.h"

namespace cb {

namespace {
QString kindName(const QString& kind) { return labelFor(contractEventKinds(), kind).toLower(); }
QString lrcName(const Concern& c) { return c.lrcCommittee.isEmpty() ? QStringLiteral("LRC") : c.lrcCommittee; }

std::optional<ContractEvent> noticeById(Database& db, const QString& id, QString* contractorId) {
    const auto r = db.queryOne(QStringLiteral("SELECT e.*, k.contractor_id AS k_contractor FROM contract_event e "
                                              "JOIN contract k ON k.id = e.contract_id WHERE e.id = ?"), {id});
    if (!r) return std::nullopt;
    if (contractorId) *contractorId = r->value("k_contractor").toString();
    return ContractEvent::fromRow(*r);
}

bool allowsNotice(const Concern& c, const ContractEvent& e) {
    if (c.stage == QLatin1String("formal_action") || c.stage == QLatin1String("monitoring")) return true;
    if (c.noticeEventId == e.id) return true;
    return c.stage == QLatin1String("closed") && c.closedDate.isValid() && e.eventDate.isValid() && e.eventDate <= c.closedDate;
}
} // namespace

bool isNoticeKind(const QString& kind) {
    return kind == QLatin1String("remedial_notice") || kind == QLatin1String("breach_notice") ||
           kind == QLatin1String("termination_notice");
}

void checkSupportBefore(const Concern& c, const QDate& date, const QString& field, const QString& what, Issues& issues) {
    if (!date.isValid()) return;
    if (c.serious) {
        requireReason(issues, QStringLiteral("seriousReason"), c.seriousReason,
                      QStringLiteral("why the concern is serious enough for %1 without support to improve first").arg(what));
        return;
    }
    if (!c.supportStarted.isValid()) {
        issues.add(field, QStringLiteral("Support to improve comes before %1. Move the concern to support to improve "
                                         "and give it at least %2 days, or mark the concern serious and write why.")
                              .arg(what)
                              .arg(policy::kSupportToImproveMinDays));
    } else if (date < c.supportStarted.addDays(policy::kSupportToImproveMinDays)) {
        issues.add(field, QStringLiteral("Support to improve began on %1 and needs at least %2 days before %3: date it "
                                         "on or after %4, or mark the concern serious and write why.")
                              .arg(fmt::date(c.supportStarted))
                              .arg(policy::kSupportToImproveMinDays)
                              .arg(what, fmt::date(c.supportStarted.addDays(policy::kSupportToImproveMinDays))));
    }
}

void checkLrcBefore(const Concern& c, const QDate& date, const QString& what, Issues& issues) {
    if (!date.isValid() || (c.lrcInformedDate.isValid() && c.lrcInformedDate <= date)) return;
    if (c.lrcReason.trimmed().isEmpty())
        issues.add(QStringLiteral("lrcReason"),
                   QStringLiteral("The %1 has not been recorded as informed by %2. Record when it was told, or give "
                                  "the reason %3 goes ahead first.")
                       .arg(lrcName(c), fmt::date(date), what));
    else
        requireReason(issues, QStringLiteral("lrcReason"), c.lrcReason,
                      QStringLiteral("why %1 goes ahead before the %2 is informed").arg(what, lrcName(c)));
}

void checkNoticeAgainstConcern(const Concern& c, const ContractEvent& n, const QString& noticeContractorId,
                               Issues& issues) {
    const QString what = QStringLiteral("the ") + kindName(n.kind);
    if (c.contractorId.isEmpty()) {
        issues.add(QStringLiteral("concernId"),
                   QStringLiteral("The concern is about a performer, not a contractor: %1 goes to the contractor, so "
                                  "choose a concern about the contractor that holds the contract.").arg(what));
        return;
    }
    if (c.contractorId != noticeContractorId) {
        issues.add(QStringLiteral("concernId"), QStringLiteral("The concern is about another contractor: choose a "
                                                               "concern about the contractor that holds this contract."));
        return;
    }
    if (n.eventDate.isValid() && c.receivedDate.isValid() && n.eventDate < c.receivedDate)
        issues.add(QStringLiteral("eventDate"), QStringLiteral("The %1 is dated before the concern was received (%2).")
                                                    .arg(kindName(n.kind), fmt::date(c.receivedDate)));
    checkSupportBefore(c, n.eventDate, QStringLiteral("eventDate"), what, issues);
    checkLrcBefore(c, n.eventDate, what, issues);
}

void checkConcernProcess(Database& db, const Concern& c, Issues& issues) {
    if (c.stage == QLatin1String("formal_action") && !c.contractorId.isEmpty() && c.noticeEventId.isEmpty())
        issues.add(QStringLiteral("noticeEventId"), QStringLiteral("Formal action on a contractor needs its remedial, "
                                                                   "breach or termination notice: record or link it."));
    if (c.stage == QLatin1String("formal_action") && c.contractorId.isEmpty() && !c.pagReferralDate.isValid())
        issues.add(QStringLiteral("pagReferralDate"), QStringLiteral("Formal action about a performer goes through the "
                                                                     "Performance Advisory Group: record the PAG referral first."));
    if (!c.panelOutcome.isEmpty() && c.panelOutcome != QLatin1String("no_action") &&
        c.stage != QLatin1String("formal_action") && c.stage != QLatin1String("monitoring") &&
        c.stage != QLatin1String("closed"))
        issues.add(QStringLiteral("panelOutcome"),
                   QStringLiteral("The concern is at %1: a decision panel's %2 follows formal action. Record the PAG "
                                  "referral and move the concern to formal action first.")
                       .arg(labelFor(concernStages(), c.stage).toLower(), labelFor(panelOutcomes(), c.panelOutcome).toLower()));
    if (c.nhsResolutionNotified.isValid() && c.panelOutcome.isEmpty())
        issues.add(QStringLiteral("nhsResolutionNotified"), QStringLiteral("Record the decision panel's outcome first: "
                                                                           "NHS Resolution is told of the panel's decision."));
    if (!c.noticeEventId.isEmpty()) {
        QString contractorId;
        const auto n = noticeById(db, c.noticeEventId, &contractorId);
        if (!n)
            issues.add(QStringLiteral("noticeEventId"), QStringLiteral("The linked notice no longer exists: choose it again."));
        else if (!isNoticeKind(n->kind))
            issues.add(QStringLiteral("noticeEventId"), QStringLiteral("Formal action links to a remedial, breach or "
                                                                       "termination notice, not a %1.").arg(kindName(n->kind)));
        else if (!n->concernId.isEmpty() && n->concernId != c.id)
            issues.add(QStringLiteral("noticeEventId"), QStringLiteral("That notice arises from another concern: "
                                                                       "choose this concern's own notice."));
        else
            checkNoticeAgainstConcern(c, *n, contractorId, issues);
    }
    // Other notices naming this concern (a termination after a remedial notice...).
    for (const Row& r : db.query(QStringLiteral("SELECT e.*, k.contractor_id AS k_contractor FROM contract_event e JOIN "
                                                "contract k ON k.id = e.contract_id WHERE e.concern_id = ? AND e.id IS NOT ?"),
                                 {c.id, c.noticeEventId.isEmpty() ? QVariant() : QVariant(c.noticeEventId)})) {
        const ContractEvent n = ContractEvent::fromRow(r);
        if (!allowsNotice(c, n))
            issues.add(QStringLiteral("stage"), QStringLiteral("The %1 dated %2 arises from this concern, which is at %3: "
                                                               "a notice belongs to a concern at formal action.")
                                                    .arg(kindName(n.kind), fmt::date(n.eventDate),
                                                         labelFor(concernStages(), c.stage).toLower()));
        else
            checkNoticeAgainstConcern(c, n, r.value("k_contractor").toString(), issues);
    }
    if (c.stage == QLatin1String("closed")) {
        requireReason(issues, QStringLiteral("outcome"), c.outcome, QStringLiteral("the outcome the concern closed with"));
        const int open = db.scalar(QStringLiteral("SELECT count(*) FROM concern_action WHERE concern_id = ? AND "
                                                  "completed_date IS NULL"), {c.id}).toInt();
        if (open > 0)
            issues.add(QStringLiteral("actions"),
                       QStringLiteral("%1 of the concern's actions %2 still open: complete each, or cancel it with a "
                                      "reason, before closing the concern.")
                           .arg(open)
                           .arg(open == 1 ? QStringLiteral("is") : QStringLiteral("are")));
    }
}

void checkNoticeProcess(Database& db, const ContractEvent& e, Issues& issues, bool concernMayFollow) {
    if (!isNoticeKind(e.kind)) {
        if (!e.concernId.isEmpty())
            issues.add(QStringLiteral("concernId"), QStringLiteral("Only remedial, breach and termination notices arise "
                                                                   "from a concern: clear the concern."));
        return;
    }
    if (e.concernId.isEmpty()) {
        issues.add(QStringLiteral("concernId"),
                   QStringLiteral("A %1 arises from a performance concern, after support to improve and with the LRC "
                                  "informed. Record it from the concern's stage dialog (move it to formal action), or "
                                  "choose the concern at formal action it follows.").arg(kindName(e.kind)));
        return;
    }
    const auto row = db.queryOne(QStringLiteral("SELECT * FROM concern WHERE id = ?"), {e.concernId});
    if (!row) {
        if (!concernMayFollow)
            issues.add(QStringLiteral("concernId"), QStringLiteral("The concern this notice arises from no longer "
                                                                   "exists: choose it again."));
        return;
    }
    const Concern c = Concern::fromRow(*row);
    if (!allowsNotice(c, e)) {
        issues.add(QStringLiteral("concernId"),
                   QStringLiteral("The concern is at %1. Move it to formal action from its stage dialog, which records "
                                  "the %2 in the same step.")
                       .arg(labelFor(concernStages(), c.stage).toLower(), kindName(e.kind)));
        return;
    }
    const QString contractorId =
        db.scalar(QStringLiteral("SELECT contractor_id FROM contract WHERE id = ?"), {e.contractId}).toString();
    checkNoticeAgainstConcern(c, e, contractorId, issues);
}

QStringList noticesWithoutConcern(Database& db) {
    QStringList notices;
    for (const Row& r : db.query(QStringLiteral(
             "SELECT e.kind, e.event_date, k.reference FROM contract_event e JOIN contract k ON k.id = e.contract_id "
             "WHERE e.concern_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM concern c WHERE c.id = e.concern_id) "
             "LIMIT 5")))
        notices << QStringLiteral("the %1 of %2 on contract %3")
                       .arg(kindName(r.value("kind").toString()),
                            fmt::date(fmt::parseIsoDate(r.value("event_date").toString())), r.value("reference").toString());
    return notices;
}

void checkActionOfClosedConcern(Database& db, const Row& row, Issues& issues) {
    const ConcernAction a = ConcernAction::fromRow(row);
    if (!a.completedDate.isValid() &&
        db.scalar(QStringLiteral("SELECT stage FROM concern WHERE id = ?"), {a.concernId}).toString() == QLatin1String("closed"))
        issues.add(QStringLiteral("completedDate"), QStringLiteral("The concern is closed, so its actions are complete "
                                                                   "or cancelled: enter the date this one was done."));
}

void checkContractEventProcess(Database& db, const Row& row, Issues& issues) {
    const ContractEvent e = ContractEvent::fromRow(row);
    checkNoticeProcess(db, e, issues, true);
    checkEventLinks(db, e, issues);
}

} // namespace cb

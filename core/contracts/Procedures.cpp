#include "contracts/Procedures.h"

#include "common/Identifiers.h"
#include "common/Policy.h"
#include "concerns/Reason.h"
#include "store/Database.h"

namespace cb {

// ---- dental mid-year review -----------------------------------------------------------------------

DentalActivity recordMidYearReview(Database& db, DentalActivity a, const QDate& held) {
    ContractBook book(db);
    // One transaction: the figures and the review are saved together or not at all.
    db.write([&] {
        a = book.saveActivity(a);
        book.recordMidYearReview(a.id, held);
    });
    a.midYearReviewDate = held;
    return a;
}

QString midYearDelivery(const QString& unit, Units target, std::optional<Units> deliveredH1) {
    if (target <= 0) return {};
    if (!deliveredH1)
        return QStringLiteral("%1s: enter those delivered by 30 September (target %2).").arg(unit, target.display());
    const DeliveryResult r = yearEndOutcome(target, deliveredH1);
    const bool low = midYearReviewDue(target, deliveredH1);
    return QStringLiteral("%1s: %2 of %3 by 30 September (%4) — %5")
        .arg(unit, deliveredH1->display(), target.display(), r.percentText,
             low ? QStringLiteral("under %1%: agree with the contractor how the year's activity will be delivered.")
                       .arg(policy::kDentalMidYearMinPercent)
                 : QStringLiteral("at least %1%: on track.").arg(policy::kDentalMidYearMinPercent));
}

// ---- applications ----------------------------------------------------------------------------------

const QList<Choice>& needsAssessmentOutcomes() {
    static const QList<Choice> list = {{"meets_need", "Meets a need or improvement identified in the needs assessment"},
                                       {"no_need", "No need identified in the needs assessment"},
                                       {"exempt", "Not tested (exempt: distance selling or excepted application)"}};
    return list;
}

namespace {
const QString kNeedsLine = QStringLiteral("Needs assessment test: ");
const QString kRejectedLine = QStringLiteral("Rejected because: ");
} // namespace

QString ApplicationDetails::describe() const {
    QStringList lines;
    if (!summary.trimmed().isEmpty()) lines << summary.trimmed();
    if (!needsAssessment.isEmpty()) lines << kNeedsLine + labelFor(needsAssessmentOutcomes(), needsAssessment);
    if (!rejectionReason.trimmed().isEmpty()) lines << kRejectedLine + rejectionReason.simplified();
    return lines.join(QLatin1Char('\n'));
}

ApplicationDetails ApplicationDetails::parse(const QString& description) {
    ApplicationDetails d;
    QStringList rest;
    for (const QString& line : description.split(QLatin1Char('\n'))) {
        if (line.startsWith(kNeedsLine)) {
            const QString label = line.mid(kNeedsLine.size()).trimmed();
            for (const Choice& c : needsAssessmentOutcomes())
                if (c.label == label) d.needsAssessment = c.code;
        } else if (line.startsWith(kRejectedLine)) {
            d.rejectionReason = line.mid(kRejectedLine.size()).trimmed();
        } else {
            rest << line;
        }
    }
    d.summary = rest.join(QLatin1Char('\n')).trimmed();
    return d;
}

QDate acknowledgementDue(const ContractEvent& e) {
    return e.eventDate.isValid() ? e.eventDate.addDays(policy::kListClosureAcknowledgeDays) : QDate();
}

void checkApplicationStep(const ContractEvent& e, const ApplicationDetails& d, Issues& issues) {
    if (!isApplicationKind(e.kind)) return;
    const QString what = labelFor(contractEventKinds(), e.kind).toLower();
    if (d.summary.trimmed().isEmpty())
        issues.add("description", QStringLiteral("Describe the %1: what is applied for, and why.").arg(what));
    const bool decided = !e.decision.isEmpty();
    if (e.kind == QLatin1String("list_closure") && decided && !e.acknowledgedDate.isValid())
        issues.add("acknowledgedDate", QStringLiteral("Acknowledge the application before deciding it: enter the date "
                                                      "it was acknowledged (due within %1 days, by %2).")
                                           .arg(policy::kListClosureAcknowledgeDays)
                                           .arg(fmt::date(acknowledgementDue(e))));
    if (e.acknowledgedDate.isValid() && e.decisionDate.isValid() && e.decisionDate < e.acknowledgedDate)
        issues.add("decisionDate", QStringLiteral("The decision is dated before the acknowledgement (%1).")
                                       .arg(fmt::date(e.acknowledgedDate)));
    if (e.kind == QLatin1String("market_entry") && decided && d.needsAssessment.isEmpty())
        issues.add("needsAssessment", QStringLiteral("Apply the pharmaceutical needs assessment test before deciding "
                                                     "a market entry application: choose its outcome."));
    if (!d.needsAssessment.isEmpty() && e.kind != QLatin1String("market_entry"))
        issues.add("needsAssessment", QStringLiteral("Only a market entry application is tested against the "
                                                     "pharmaceutical needs assessment."));
    if (!d.needsAssessment.isEmpty() && !hasCode(needsAssessmentOutcomes(), d.needsAssessment))
        issues.add("needsAssessment", QStringLiteral("Choose the outcome of the needs assessment test."));
    if (e.decision == QLatin1String("rejected"))
        requireReason(issues, "rejectionReason", d.rejectionReason,
                      QStringLiteral("why the application was rejected (the applicant is told, and may appeal)"));
    else if (!d.rejectionReason.trimmed().isEmpty())
        issues.add("rejectionReason", QStringLiteral("Only a rejected application has a reason for rejection: clear "
                                                     "it, or choose Rejected."));
}

ContractEvent saveApplication(Database& db, ContractEvent e, const ApplicationDetails& d) {
    Issues issues;
    checkApplicationStep(e, d, issues);
    issues.throwIfAny();
    e.description = d.describe();
    ContractBook book(db);
    if (e.id.isEmpty()) return book.addEvent(e);
    book.updateEvent(e);
    return e;
}

} // namespace cb

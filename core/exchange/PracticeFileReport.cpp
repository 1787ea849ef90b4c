#include "exchange/PracticeFileReport.h"

#include "exchange/Confidentiality.h"

#include "common/Identifiers.h"
#include "contractors/Contractor.h"
#include "contractors/Site.h"
#include "contracts/Contract.h"
#include "concerns/Concern.h"
#include "exchange/ExchangeTables.h"
#include "visits/Visit.h"
#include "store/Database.h"

#include <QLocale>
#include <QRegularExpression>

#include <algorithm>

namespace cb::exchange {

namespace {

QString esc(const QString& s) { return s.toHtmlEscaped(); }
QString cell(const QString& s) { return QStringLiteral("<td>%1</td>").arg(esc(s)); }
// A header row; a name may end with "|NN" to fix that column at NN% of the width (dates, statuses),
// so short columns do not wrap while long text takes what is left.
QString headRow(const QStringList& names) {
    QString out = QStringLiteral("<tr>");
    for (const QString& n : names) {
        const QString width = n.section(QLatin1Char('|'), 1);
        out += width.isEmpty() ? QStringLiteral("<th>%1</th>").arg(esc(n))
                               : QStringLiteral("<th width=\"%1%\">%2</th>").arg(width, esc(n.section(QLatin1Char('|'), 0, 0)));
    }
    return out + QStringLiteral("</tr>");
}

QString tableStart() { return QStringLiteral("<table width=\"100%\" cellspacing=\"0\" cellpadding=\"3\" border=\"1\">"); }
// Closes a table with a little space below: Qt's rich text ignores the top margin of a heading
// that follows a table, which otherwise sits on the table's bottom border.
QString tableEnd() { return QStringLiteral("</table><p style=\"margin:0;font-size:5pt\">&nbsp;</p>"); }

// Open concerns, most serious first. A confidential concern (one about a named individual) is
// counted but its details never appear in a report meant for colleagues.
QString concernsSection(Database& db, const QString& contractorId) {
    ConcernFilter filter;
    filter.contractorId = contractorId;
    filter.stage = QStringLiteral("open");
    const QList<ConcernListItem> items = ConcernService(db).list(filter);
    QString out = QStringLiteral("<h2>Open concerns (%1)</h2>").arg(items.size());
    if (items.isEmpty()) return out + QStringLiteral("<p>None open.</p>");
    out += tableStart() + headRow({"Received|12", "Concern", "Risk|11", "Stage|15", "Actions|15"});
    for (const ConcernListItem& i : items) {
        const Concern& c = i.concern;
        const bool secret = c.confidential.value_or(false);
        const QString risk = c.isGraded() ? QStringLiteral("%1 (%2)").arg(c.score()).arg(i.band) : QStringLiteral("Not graded");
        const QString actions = i.overdueActions > 0 ? QStringLiteral("%1 open, %2 overdue").arg(i.openActions).arg(i.overdueActions)
                                                      : QStringLiteral("%1 open").arg(i.openActions);
        out += QStringLiteral("<tr>") + cell(fmt::date(c.receivedDate)) +
               cell(confidential::concernSummary(c.summary, secret)) + cell(risk) +
               cell(labelFor(concernStages(), c.stage)) + cell(actions) + QStringLiteral("</tr>");
    }
    return out + tableEnd();
}

QString visitsSection(Database& db, const QString& contractorId) {
    VisitFilter filter;
    filter.contractorId = contractorId;
    QList<Visit> visits = VisitService(db).list(filter);
    std::sort(visits.begin(), visits.end(), [](const Visit& a, const Visit& b) { return a.visitDate > b.visitDate; });
    QString out = QStringLiteral("<h2>Recent visits</h2>");
    if (visits.isEmpty()) return out + QStringLiteral("<p>No visits recorded.</p>");
    out += tableStart() + headRow({"Date|12", "Visit", "Status|15"});
    for (const Visit& v : visits.mid(0, 10))
        out += QStringLiteral("<tr>") + cell(fmt::date(v.visitDate)) +
               cell(labelFor(visitTypes(), v.type) + (v.announced ? QString() : QStringLiteral(" (unannounced)"))) +
               cell(labelFor(visitStatuses(), v.status)) + QStringLiteral("</tr>");
    return out + tableEnd();
}

} // namespace

PracticeFile practiceFile(Database& db, const QString& odsCode) {
    const auto c = ContractorService(db).findByOdsCode(odsCode);
    if (!c)
        throw ValidationError("odsCode", QStringLiteral("No contractor has the ODS code %1. Check the code, or import "
                                                        "the ODS extract first.").arg(ident::normaliseCode(odsCode)));
    PracticeFile file;
    file.title = QStringLiteral("Practice file: %1 %2").arg(c->odsCode, c->name);
    QString h = QStringLiteral(
        "<html><head><meta charset=\"utf-8\"><style>"
        "body{font-family:sans-serif;font-size:9.5pt} h1{font-size:16pt;margin-bottom:2pt} "
        "h2{font-size:12pt;margin-top:12pt;border-bottom:1px solid #888} h3{font-size:10.5pt} "
        "table{border-collapse:collapse;width:100%} th{text-align:left;background:#e6e6e6} "
        "th,td{border:1px solid #aaa;padding:2pt 4pt;vertical-align:top} .meta{color:#555} .caption{font-weight:bold;margin:0 0 2pt 0}"
        "</style></head><body>");
    h += QStringLiteral("<h1>%1</h1>").arg(esc(c->name));
    h += QStringLiteral("<p class=\"meta\">ODS code %1 · %2 · Generated %3 by %4</p>")
             .arg(esc(c->odsCode), esc(labelFor(contractorGroups(), c->group)), fmt::date(db.clock().today()),
                  esc(db.actor()));

    h += QStringLiteral("<h2>Details</h2>") + tableStart();
    auto detail = [&](const QString& label, const QString& value) {
        if (!value.isEmpty()) h += QStringLiteral("<tr><th width=\"32%\">%1</th>%2</tr>").arg(esc(label), cell(value));
    };
    detail("Status", labelFor(contractorStatuses(), c->status));
    detail("Address", c->addressText());
    detail("Postcode", c->postcode);
    detail("Telephone", c->telephone);
    detail("Email", c->email);
    detail("Opened", fmt::date(c->openDate));
    detail("Closed", fmt::date(c->closeDate));
    detail("Commissioner", c->commissionerCode);
    detail("Parent organisation", c->parentCode);
    detail("CQC rating", c->cqcRating.isEmpty() ? QString()
                                                : QStringLiteral("%1 (%2)").arg(labelFor(cqcRatings(), c->cqcRating),
                                                                                fmt::date(c->cqcRatingDate)));
    detail("Assurance tier", labelFor(assuranceTiers(), c->assuranceTier));
    detail(QStringLiteral("Representative committee"), lrcForGroup(c->group));
    h += tableEnd();

    const auto sites = SiteService(db).forContractor(c->id);
    if (!sites.isEmpty()) {
        h += QStringLiteral("<h2>Sites</h2>") + tableStart() + headRow({"Code|12", "Name|28", "Address", "Status|10"});
        for (const Site& s : sites)
            h += QStringLiteral("<tr>") + cell(s.code) + cell(s.name) +
                 cell(QStringList{s.address1, s.address2, s.address3, s.address4, s.postcode}.filter(QRegularExpression(".")).join(", ")) +
                 cell(labelFor(siteStatuses(), s.status)) + QStringLiteral("</tr>");
        h += tableEnd();
    }

    ContractBook book(db);
    const auto contracts = book.forContractor(c->id);
    h += QStringLiteral("<h2>Contracts (%1)</h2>").arg(contracts.size());
    if (contracts.isEmpty()) h += QStringLiteral("<p>No contracts recorded.</p>");
    for (const Contract& k : contracts) {
        h += QStringLiteral("<h3>%1</h3>").arg(esc(k.label())) + tableStart();
        h += headRow({"Start|20", "End|20", "Status|20", "Annual value|20", "List size|20"});
        h += QStringLiteral("<tr>") + cell(fmt::date(k.startDate)) + cell(fmt::date(k.endDate)) +
             cell(labelFor(contractStatuses(), k.status)) +
             cell(k.annualValuePence ? fmt::money(*k.annualValuePence) : QString()) +
             cell(k.listSize ? QLocale(QLocale::English, QLocale::UnitedKingdom).toString(*k.listSize) : QString()) +
             QStringLiteral("</tr>") + tableEnd();
        const auto events = book.events(k.id);
        if (events.isEmpty()) continue;
        h += QStringLiteral("<p class=\"caption\">Events</p>") + tableStart() + headRow({"Date|12", "Event|16", "Description", "Deadline|12", "Status|12"});
        for (const ContractEvent& e : events)
            h += QStringLiteral("<tr>") + cell(fmt::date(e.eventDate)) + cell(labelFor(contractEventKinds(), e.kind)) +
                 cell(e.description) + cell(fmt::date(e.deadline)) + cell(labelFor(contractEventStatuses(), e.status)) +
                 QStringLiteral("</tr>");
        h += tableEnd();
    }
    h += concernsSection(db, c->id);
    h += visitsSection(db, c->id);
    h += QStringLiteral("</body></html>");
    file.html = h;
    return file;
}

} // namespace cb::exchange

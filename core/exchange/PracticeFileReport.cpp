#include "exchange/PracticeFileReport.h"

#include "common/Identifiers.h"
#include "contractors/Contractor.h"
#include "contractors/Site.h"
#include "contracts/Contract.h"
#include "exchange/ExchangeTables.h"
#include "store/Database.h"

#include <QLocale>
#include <QRegularExpression>

namespace cb::exchange {

namespace {

QString esc(const QString& s) { return s.toHtmlEscaped(); }
QString cell(const QString& s) { return QStringLiteral("<td>%1</td>").arg(esc(s)); }
QString headRow(const QStringList& names) {
    QString out = QStringLiteral("<tr>");
    for (const QString& n : names) out += QStringLiteral("<th>%1</th>").arg(esc(n));
    return out + QStringLiteral("</tr>");
}
QString isoToUk(const QVariant& v) { return fmt::date(fmt::parseIsoDate(v.toString())); }

bool hasColumn(const QList<ColumnInfo>& cols, const QString& name) {
    for (const auto& c : cols)
        if (c.name == name) return true;
    return false;
}
QString firstColumn(const QList<ColumnInfo>& cols, const QStringList& candidates) {
    for (const QString& c : candidates)
        if (hasColumn(cols, c)) return c;
    return {};
}

// Concerns and visits belong to other features: their tables are read generically, by the column
// names they are likely to use, and the section is left out when the table does not exist.
QString concernsSection(Database& db, const QString& contractorId) {
    if (!tableExists(db, QStringLiteral("concern"))) return {};
    const auto cols = columnsOf(db, QStringLiteral("concern"));
    if (!hasColumn(cols, QStringLiteral("contractor_id"))) return {};
    const QString stage = firstColumn(cols, {"stage", "status"});
    const QString text = firstColumn(cols, {"title", "summary", "description"});
    const QString risk = firstColumn(cols, {"risk_score", "score", "risk_band", "band"});
    const QString received = firstColumn(cols, {"received_date", "received_on", "opened_date", "created_at"});
    QString sql = QStringLiteral("SELECT * FROM concern WHERE contractor_id = ?");
    if (!stage.isEmpty()) sql += QStringLiteral(" AND %1 <> 'closed'").arg(stage);
    const auto rows = db.query(sql, {contractorId});
    QString out = QStringLiteral("<h2>Open concerns (%1)</h2>").arg(rows.size());
    if (rows.isEmpty()) return out + QStringLiteral("<p>None open.</p>");
    out += QStringLiteral("<table width=\"100%\" cellspacing=\"0\" cellpadding=\"3\" border=\"1\">") + headRow({"Received", "Concern", "Risk", "Stage"});
    for (const Row& r : rows) {
        const bool secret = hasColumn(cols, "confidential") && r.value("confidential").toInt() == 1;
        out += QStringLiteral("<tr>") + cell(received.isEmpty() ? QString() : isoToUk(r.value(received))) +
               cell(secret ? QStringLiteral("Confidential concern (details withheld)")
                           : (text.isEmpty() ? QString() : r.value(text).toString())) +
               cell(risk.isEmpty() ? QString() : r.value(risk).toString()) +
               cell(stage.isEmpty() ? QString() : r.value(stage).toString().replace('_', ' ')) + QStringLiteral("</tr>");
    }
    return out + QStringLiteral("</table>");
}

QString visitsSection(Database& db, const QString& contractorId) {
    for (const QString& table : {QStringLiteral("visit"), QStringLiteral("field_visit")}) {
        if (!tableExists(db, table)) continue;
        const auto cols = columnsOf(db, table);
        const QString when = firstColumn(cols, {"visit_date", "date", "planned_date", "visited_on"});
        if (!hasColumn(cols, "contractor_id") || when.isEmpty()) return {};
        const QString what = firstColumn(cols, {"purpose", "kind", "summary", "notes"});
        const auto rows = db.query(
            QStringLiteral("SELECT * FROM %1 WHERE contractor_id = ? ORDER BY %2 DESC LIMIT 10").arg(table, when),
            {contractorId});
        QString out = QStringLiteral("<h2>Recent visits</h2>");
        if (rows.isEmpty()) return out + QStringLiteral("<p>No visits recorded.</p>");
        out += QStringLiteral("<table width=\"100%\" cellspacing=\"0\" cellpadding=\"3\" border=\"1\">") + headRow({"Date", "Visit"});
        for (const Row& r : rows)
            out += QStringLiteral("<tr>") + cell(isoToUk(r.value(when))) +
                   cell(what.isEmpty() ? QString() : r.value(what).toString()) + QStringLiteral("</tr>");
        return out + QStringLiteral("</table>");
    }
    return {};
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
        "th,td{border:1px solid #aaa;padding:2pt 4pt;vertical-align:top} .meta{color:#555}"
        "</style></head><body>");
    h += QStringLiteral("<h1>%1</h1>").arg(esc(c->name));
    h += QStringLiteral("<p class=\"meta\">ODS code %1 · %2 · Generated %3 by %4</p>")
             .arg(esc(c->odsCode), esc(labelFor(contractorGroups(), c->group)), fmt::date(db.clock().today()),
                  esc(db.actor()));

    h += QStringLiteral("<h2>Details</h2><table width=\"100%\" cellspacing=\"0\" cellpadding=\"3\" border=\"1\">");
    auto detail = [&](const QString& label, const QString& value) {
        if (!value.isEmpty()) h += QStringLiteral("<tr><th>%1</th>%2</tr>").arg(esc(label), cell(value));
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
    h += QStringLiteral("</table>");

    const auto sites = SiteService(db).forContractor(c->id);
    if (!sites.isEmpty()) {
        h += QStringLiteral("<h2>Sites</h2><table width=\"100%\" cellspacing=\"0\" cellpadding=\"3\" border=\"1\">") + headRow({"Code", "Name", "Address", "Status"});
        for (const Site& s : sites)
            h += QStringLiteral("<tr>") + cell(s.code) + cell(s.name) +
                 cell(QStringList{s.address1, s.address2, s.address3, s.address4, s.postcode}.filter(QRegularExpression(".")).join(", ")) +
                 cell(labelFor(siteStatuses(), s.status)) + QStringLiteral("</tr>");
        h += QStringLiteral("</table>");
    }

    ContractBook book(db);
    const auto contracts = book.forContractor(c->id);
    h += QStringLiteral("<h2>Contracts (%1)</h2>").arg(contracts.size());
    if (contracts.isEmpty()) h += QStringLiteral("<p>No contracts recorded.</p>");
    for (const Contract& k : contracts) {
        h += QStringLiteral("<h3>%1</h3><table width=\"100%\" cellspacing=\"0\" cellpadding=\"3\" border=\"1\">").arg(esc(k.label()));
        h += headRow({"Start", "End", "Status", "Annual value", "List size"});
        h += QStringLiteral("<tr>") + cell(fmt::date(k.startDate)) + cell(fmt::date(k.endDate)) +
             cell(labelFor(contractStatuses(), k.status)) +
             cell(k.annualValuePence ? fmt::money(*k.annualValuePence) : QString()) +
             cell(k.listSize ? QLocale(QLocale::English, QLocale::UnitedKingdom).toString(*k.listSize) : QString()) +
             QStringLiteral("</tr></table>");
        const auto events = book.events(k.id);
        if (events.isEmpty()) continue;
        h += QStringLiteral("<table width=\"100%\" cellspacing=\"0\" cellpadding=\"3\" border=\"1\">") + headRow({"Date", "Event", "Description", "Deadline", "Status"});
        for (const ContractEvent& e : events)
            h += QStringLiteral("<tr>") + cell(fmt::date(e.eventDate)) + cell(labelFor(contractEventKinds(), e.kind)) +
                 cell(e.description) + cell(fmt::date(e.deadline)) + cell(labelFor(contractEventStatuses(), e.status)) +
                 QStringLiteral("</tr>");
        h += QStringLiteral("</table>");
    }
    h += concernsSection(db, c->id);
    h += visitsSection(db, c->id);
    h += QStringLiteral("</body></html>");
    file.html = h;
    return file;
}

} // namespace cb::exchange

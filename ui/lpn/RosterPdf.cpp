#include "lpn/RosterPdf.h"

#include "common/FileSafety.h"
#include "common/Identifiers.h"
#include "lpn/NetworkService.h"

#include <QDir>
#include <QFileInfo>
#include <QPageLayout>
#include <QPageSize>
#include <QPdfWriter>
#include <QSaveFile>
#include <QTextDocument>
#include <climits>

namespace cb::ui {

namespace {
QString esc(const QString& s) { return s.toHtmlEscaped(); }

QString cell(const QString& s) { return QStringLiteral("<td>%1</td>").arg(esc(s)); }

// A table's header row; widths (percent) keep every group's table in the same columns.
QString tableStart(const QStringList& headers, const QList<int>& widths = {}) {
    QString h = QStringLiteral("<table width=\"100%\" cellspacing=\"0\" cellpadding=\"3\" border=\"1\" "
                               "style=\"border-collapse: collapse; border-color: #888;\"><tr style=\"background: #e6e6e6;\">");
    for (int i = 0; i < headers.size(); ++i)
        h += QStringLiteral("<th align=\"left\"%1>%2</th>")
                 .arg(i < widths.size() ? QStringLiteral(" width=\"%1%\"").arg(widths[i]) : QString(), esc(headers[i]));
    return h + QStringLiteral("</tr>");
}

struct Counts {
    int seats = 0;
    int declarations = 0;
};

QString build(Database& db, const QString& networkId, const RosterExportOptions& o, Counts& counts) {
    NetworkService service(db);
    const auto network = service.network(networkId);
    if (!network) throw ValidationError("networkId", QStringLiteral("That network no longer exists. Choose another network."));
    const QDate today = o.today.isValid() ? o.today : db.clock().today();
    const Roster roster = service.roster(networkId, today);
    QString html = QStringLiteral("<html><body style=\"font-family: sans-serif; font-size: 9pt;\">");
    if (o.includeDeclarations)
        html += QStringLiteral("<p style=\"color: #a00000; font-weight: bold;\">%1</p>").arg(esc(rosterConfidentialNotice()));
    html += QStringLiteral("<h1 style=\"font-size: 16pt;\">%1 — roster</h1>").arg(esc(network->name));
    QStringList about{labelFor(networkKinds(), network->kind) + QStringLiteral(" network")};
    if (!network->area.isEmpty()) about << network->area;
    if (network->established.isValid()) about << QStringLiteral("established %1").arg(fmt::date(network->established));
    html += QStringLiteral("<p>%1<br/>Roster as at %2</p>").arg(esc(about.join(QStringLiteral(", "))), fmt::date(today));

    for (const RosterGroup& g : roster.groups) {
        html += QStringLiteral("<h2 style=\"font-size: 12pt;\">%1 <span style=\"font-weight: normal;\">(%2)</span></h2>")
                    .arg(esc(g.group.name), esc(labelFor(networkGroupKinds(), g.group.kind)));
        if (g.seats.isEmpty()) {
            html += QStringLiteral("<p>No members.</p>");
            continue;
        }
        html += tableStart({QStringLiteral("Role"), QStringLiteral("Name"), QStringLiteral("Profession"),
                            QStringLiteral("Organisation"), QStringLiteral("Term starts"), QStringLiteral("Term ends")},
                           {19, 17, 17, 23, 12, 12});
        for (const RosterSeat& s : g.seats) {
            html += QStringLiteral("<tr>") + cell(labelFor(memberRoles(), s.membership.role)) + cell(s.member.fullName()) +
                    cell(labelFor(memberProfessions(), s.member.profession)) + cell(s.member.organisation) +
                    cell(fmt::date(s.membership.termStart)) + cell(fmt::date(s.membership.termEnd)) + QStringLiteral("</tr>");
            ++counts.seats;
        }
        html += QStringLiteral("</table>");
    }
    if (!roster.unassigned.isEmpty()) {
        html += QStringLiteral("<h2 style=\"font-size: 12pt;\">Members in no group</h2>");
        html += tableStart({QStringLiteral("Name"), QStringLiteral("Profession"), QStringLiteral("Organisation")});
        for (const NetworkMember& m : roster.unassigned)
            html += QStringLiteral("<tr>") + cell(m.fullName()) + cell(labelFor(memberProfessions(), m.profession)) +
                    cell(m.organisation) + QStringLiteral("</tr>");
        html += QStringLiteral("</table>");
    }
    if (o.includeDeclarations) {
        QHash<QString, QString> names;
        for (const NetworkMember& m : service.members(networkId)) names.insert(m.id, m.fullName());
        html += QStringLiteral("<h2 style=\"font-size: 12pt;\">Declarations of interest (confidential)</h2>");
        html += tableStart({QStringLiteral("Member"), QStringLiteral("Declared"), QStringLiteral("Type"),
                            QStringLiteral("Description"), QStringLiteral("Related contractor"),
                            QStringLiteral("How managed"), QStringLiteral("Reviewed")});
        for (const Declaration& d : service.declarationsInNetwork(networkId)) {
            if (!names.contains(d.memberId)) continue;
            QString contractor;
            if (!d.contractorId.isEmpty())
                if (const auto r = db.queryOne(QStringLiteral("SELECT name, ods_code FROM contractor WHERE id = ?"), {d.contractorId}))
                    contractor = QStringLiteral("%1 (%2)").arg(r->value("name").toString(), r->value("ods_code").toString());
            html += QStringLiteral("<tr>") + cell(names.value(d.memberId)) + cell(fmt::date(d.declaredOn)) +
                    cell(labelFor(declarationKinds(), d.kind)) + cell(d.description) + cell(contractor) + cell(d.managedHow) +
                    cell(fmt::date(d.reviewedOn)) + QStringLiteral("</tr>");
            ++counts.declarations;
        }
        html += QStringLiteral("</table>");
    }
    html += QStringLiteral("</body></html>");
    return html;
}
} // namespace

QString rosterHtml(Database& db, const QString& networkId, const RosterExportOptions& options) {
    Counts counts;
    return build(db, networkId, options, counts);
}

RosterExportResult exportRosterPdf(Database& db, const QString& networkId, const QString& requested,
                                   const RosterExportOptions& options) {
    RosterExportResult result;
    result.path = options.includeDeclarations ? confidentialFileName(requested) : requested;
    Counts counts;
    const QString html = build(db, networkId, options, counts);
    files::checkWritable(result.path); // never over a database or its journal (issue 16)
    QSaveFile file(result.path);
    if (!file.open(QIODevice::WriteOnly))
        throw Error(QStringLiteral("Could not write %1: %2. Choose a folder you can save in.")
                        .arg(QDir::toNativeSeparators(result.path), file.errorString()));
    {
        QPdfWriter pdf(&file);
        pdf.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait, QMarginsF(15, 15, 15, 15),
                                      QPageLayout::Millimeter));
        pdf.setResolution(300);
        pdf.setTitle(options.includeDeclarations ? QStringLiteral("Roster (CONFIDENTIAL)") : QStringLiteral("Roster"));
        pdf.setCreator(QStringLiteral("Casebook"));
        QTextDocument doc;
        doc.setHtml(html);
        // Lay the page out at screen resolution so tables fill the width and 9pt reads as 9pt.
        doc.setPageSize(pdf.pageLayout().paintRectPixels(96).size());
        doc.print(&pdf);
    }
    if (!file.commit())
        throw Error(QStringLiteral("Could not save %1: %2. Check there is space and the folder can be written to.")
                        .arg(QDir::toNativeSeparators(result.path), file.errorString()));
    result.seats = counts.seats;
    result.declarations = counts.declarations;
    return result;
}

} // namespace cb::ui

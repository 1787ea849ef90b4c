#include "lpn/RosterExport.h"

#include "common/FileSafety.h"

#include "common/Identifiers.h"
#include "lpn/NetworkService.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QSaveFile>
#include <QTemporaryDir>
#include <climits>
#include <xlsxwriter.h>

namespace cb {

QString rosterConfidentialNotice() {
    return QStringLiteral("CONFIDENTIAL: this roster includes members' declarations of interest. Share it only with those "
                          "who manage the network's conflicts of interest.");
}

namespace {

const QString kConfidentialNotice = rosterConfidentialNotice();

// One row of the shared roster, in the words of the meeting papers.
struct Line {
    QString group, groupKind, role, member, profession, organisation, email, telephone;
    QDate termStart, termEnd;
    std::optional<int> daysLeft;
    QString memberId;
};

struct Content {
    QString networkName;
    QList<Line> lines;
    QList<Declaration> declarations;
    QHash<QString, QString> memberNames;  // id -> name
    QHash<QString, QString> contractors;  // id -> "Name (ODS)"
};

Content gather(Database& db, const QString& networkId, const RosterExportOptions& o, const QDate& today) {
    NetworkService service(db);
    const Roster roster = service.roster(networkId, today);
    Content c;
    c.networkName = roster.network.name;
    for (const RosterGroup& g : roster.groups) {
        for (const RosterSeat& s : g.seats) {
            Line l{g.group.name,
                   labelFor(networkGroupKinds(), g.group.kind),
                   labelFor(memberRoles(), s.membership.role),
                   s.member.fullName(),
                   labelFor(memberProfessions(), s.member.profession),
                   s.member.organisation,
                   s.member.email,
                   s.member.telephone,
                   s.membership.termStart,
                   s.membership.termEnd,
                   {},
                   s.member.id};
            const int left = s.daysLeft(today);
            if (left != INT_MAX) l.daysLeft = left;
            c.lines << l;
        }
    }
    for (const NetworkMember& m : roster.unassigned)
        c.lines << Line{QStringLiteral("No group"), QString(), QString(), m.fullName(),
                        labelFor(memberProfessions(), m.profession), m.organisation, m.email, m.telephone, {}, {}, {}, m.id};
    for (const NetworkMember& m : service.members(networkId)) c.memberNames.insert(m.id, m.fullName());
    if (o.includeDeclarations) {
        for (const Declaration& d : service.declarationsInNetwork(networkId)) {
            if (!c.memberNames.contains(d.memberId)) continue;
            c.declarations << d;
            if (!d.contractorId.isEmpty() && !c.contractors.contains(d.contractorId)) {
                const auto r = db.queryOne(QStringLiteral("SELECT name, ods_code FROM contractor WHERE id = ?"), {d.contractorId});
                if (r) c.contractors.insert(d.contractorId, QStringLiteral("%1 (%2)").arg(r->value("name").toString(),
                                                                                          r->value("ods_code").toString()));
            }
        }
    }
    return c;
}

QString declarationText(const Declaration& d, const Content& c) {
    QString text = labelFor(declarationKinds(), d.kind);
    if (!d.description.isEmpty()) text += QStringLiteral(": ") + d.description;
    if (!d.contractorId.isEmpty()) text += QStringLiteral(" (%1)").arg(c.contractors.value(d.contractorId));
    return text;
}

QByteArray csvBytes(const Content& c, bool confidential) {
    QStringList header = {"Group", "Group type", "Role", "Member", "Profession", "Organisation",
                          "Email", "Telephone", "Term start", "Term end", "Days left"};
    if (confidential) header << "Declared interests" << "How managed" << "Last reviewed";
    QHash<QString, QList<Declaration>> byMember;
    for (const Declaration& d : c.declarations) byMember[d.memberId] << d;
    QString out;
    auto line = [&out](const QStringList& cells) {
        QStringList quoted;
        for (const QString& cell : cells) quoted << rosterCsvCell(cell);
        out += quoted.join(QLatin1Char(',')) + QStringLiteral("\r\n");
    };
    if (confidential) line({kConfidentialNotice});
    line(header);
    for (const Line& l : c.lines) {
        QStringList cells = {l.group, l.groupKind, l.role, l.member, l.profession, l.organisation, l.email, l.telephone,
                             fmt::date(l.termStart), fmt::date(l.termEnd),
                             l.daysLeft ? QString::number(*l.daysLeft) : QString()};
        if (confidential) {
            QStringList interests, managed;
            QDate reviewed;
            for (const Declaration& d : byMember.value(l.memberId)) {
                interests << declarationText(d, c);
                if (!d.managedHow.isEmpty()) managed << d.managedHow;
                if (!reviewed.isValid() || d.lastConfirmed() > reviewed) reviewed = d.lastConfirmed();
            }
            cells << interests.join(QStringLiteral("; ")) << managed.join(QStringLiteral("; ")) << fmt::date(reviewed);
        }
        line(cells);
    }
    return QByteArray("\xEF\xBB\xBF") + out.toUtf8();
}

// libxlsxwriter wants UTF-8 strings that outlive the call.
class Utf8 {
public:
    const char* operator()(const QString& s) {
        m_keep.append(s.toUtf8());
        return m_keep.last().constData();
    }

private:
    QList<QByteArray> m_keep;
};

QByteArray xlsxBytes(const Content& c, bool confidential, QString& why) {
    QTemporaryDir dir;
    if (!dir.isValid()) {
        why = QStringLiteral("no temporary folder could be created (%1)").arg(dir.errorString());
        return {};
    }
    // libxlsxwriter takes UTF-8 file names on every system (as XlsxExport does); the local 8-bit
    // encoding differs from UTF-8 on Windows.
    const QString tempFile = dir.filePath(QStringLiteral("roster.xlsx"));
    Utf8 u;
    lxw_workbook* wb = workbook_new(tempFile.toUtf8().constData());
    if (!wb) {
        why = QStringLiteral("the spreadsheet could not be started");
        return {};
    }
    lxw_format* bold = workbook_add_format(wb);
    format_set_bold(bold);
    lxw_format* dateFormat = workbook_add_format(wb);
    format_set_num_format(dateFormat, "dd/mm/yyyy");
    auto writeDate = [&](lxw_worksheet* ws, int row, int col, const QDate& d) {
        if (!d.isValid()) return;
        lxw_datetime dt = {d.year(), d.month(), d.day(), 0, 0, 0.0};
        worksheet_write_datetime(ws, row, col, &dt, dateFormat);
    };

    if (confidential) {
        lxw_worksheet* notice = workbook_add_worksheet(wb, "CONFIDENTIAL");
        worksheet_write_string(notice, 0, 0, u(kConfidentialNotice), bold);
        worksheet_write_string(notice, 1, 0, u(QStringLiteral("Network: ") + c.networkName), nullptr);
        worksheet_set_column(notice, 0, 0, 110, nullptr);
    }

    lxw_worksheet* ws = workbook_add_worksheet(wb, "Roster");
    const QStringList header = {"Group", "Group type", "Role", "Member", "Profession", "Organisation",
                                "Email", "Telephone", "Term start", "Term end", "Days left"};
    const double widths[] = {24, 20, 26, 24, 26, 28, 30, 16, 12, 12, 10};
    for (int col = 0; col < header.size(); ++col) {
        worksheet_write_string(ws, 0, col, u(header[col]), bold);
        worksheet_set_column(ws, col, col, widths[col], nullptr);
    }
    int row = 1;
    for (const Line& l : c.lines) {
        const QStringList texts = {l.group, l.groupKind, l.role, l.member, l.profession, l.organisation, l.email, l.telephone};
        for (int col = 0; col < texts.size(); ++col)
            if (!texts[col].isEmpty()) worksheet_write_string(ws, row, col, u(texts[col]), nullptr);
        writeDate(ws, row, 8, l.termStart);
        writeDate(ws, row, 9, l.termEnd);
        if (l.daysLeft) worksheet_write_number(ws, row, 10, *l.daysLeft, nullptr);
        ++row;
    }
    worksheet_freeze_panes(ws, 1, 0);
    worksheet_autofilter(ws, 0, 0, std::max(row - 1, 1), header.size() - 1);

    if (confidential) {
        lxw_worksheet* ds = workbook_add_worksheet(wb, "Declarations");
        const QStringList dh = {"Member", "Type", "Description", "Contractor", "How managed", "Declared on", "Reviewed on"};
        const double dw[] = {24, 26, 40, 34, 34, 12, 12};
        for (int col = 0; col < dh.size(); ++col) {
            worksheet_write_string(ds, 0, col, u(dh[col]), bold);
            worksheet_set_column(ds, col, col, dw[col], nullptr);
        }
        int r = 1;
        for (const Declaration& d : c.declarations) {
            const QStringList texts = {c.memberNames.value(d.memberId), labelFor(declarationKinds(), d.kind), d.description,
                                       c.contractors.value(d.contractorId), d.managedHow};
            for (int col = 0; col < texts.size(); ++col)
                if (!texts[col].isEmpty()) worksheet_write_string(ds, r, col, u(texts[col]), nullptr);
            writeDate(ds, r, 5, d.declaredOn);
            writeDate(ds, r, 6, d.reviewedOn);
            ++r;
        }
        worksheet_freeze_panes(ds, 1, 0);
    }

    const lxw_error err = workbook_close(wb);
    if (err != LXW_NO_ERROR) {
        why = QString::fromUtf8(lxw_strerror(err));
        return {};
    }
    QFile f(tempFile);
    if (!f.open(QIODevice::ReadOnly)) {
        why = f.errorString();
        return {};
    }
    return f.readAll();
}

} // namespace

std::optional<RosterFormat> rosterFormatFor(const QString& path) {
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("csv")) return RosterFormat::Csv;
    if (suffix == QLatin1String("xlsx")) return RosterFormat::Xlsx;
    return std::nullopt;
}

QString confidentialFileName(const QString& path) {
    const QFileInfo info(path);
    if (info.fileName().contains(QLatin1String("CONFIDENTIAL"), Qt::CaseInsensitive)) return path;
    const QString suffix = info.suffix();
    const QString base = info.fileName().left(info.fileName().size() - (suffix.isEmpty() ? 0 : suffix.size() + 1));
    const QString name = base + QStringLiteral("-CONFIDENTIAL") + (suffix.isEmpty() ? QString() : QLatin1Char('.') + suffix);
    const QString dir = QFileInfo(path).path();
    return dir == QLatin1String(".") && !path.startsWith(QLatin1String("./")) ? name : QDir(dir).filePath(name);
}

QString rosterCsvCell(const QString& value) {
    QString v = value;
    if (!v.isEmpty()) {
        const QChar first = v.at(0);
        if (first == QLatin1Char('=') || first == QLatin1Char('+') || first == QLatin1Char('-') || first == QLatin1Char('@') ||
            first == QLatin1Char('\t') || first == QLatin1Char('\r'))
            v.prepend(QLatin1Char('\''));
    }
    if (v.contains(QLatin1Char(',')) || v.contains(QLatin1Char('"')) || v.contains(QLatin1Char('\n')) ||
        v.contains(QLatin1Char('\r')))
        v = QLatin1Char('"') + v.replace(QLatin1Char('"'), QStringLiteral("\"\"")) + QLatin1Char('"');
    return v;
}

RosterExportResult exportRoster(Database& db, const QString& networkId, const QString& requested,
                                const RosterExportOptions& options) {
    const auto format = rosterFormatFor(requested);
    if (!format)
        throw ValidationError("file", QStringLiteral("Choose a file ending in .csv or .xlsx for the roster (not \"%1\").")
                                          .arg(QFileInfo(requested).fileName()));
    const QDate today = options.today.isValid() ? options.today : db.clock().today();
    const Content content = gather(db, networkId, options, today);
    RosterExportResult result;
    result.path = options.includeDeclarations ? confidentialFileName(requested) : requested;
    result.seats = int(content.lines.size());
    result.declarations = int(content.declarations.size());

    QByteArray bytes;
    if (*format == RosterFormat::Csv) {
        bytes = csvBytes(content, options.includeDeclarations);
    } else {
        QString why;
        bytes = xlsxBytes(content, options.includeDeclarations, why);
        if (bytes.isEmpty())
            throw Error(QStringLiteral("The roster could not be exported to %1: %2. No file was written.")
                            .arg(QDir::toNativeSeparators(result.path), why));
    }
    files::checkWritable(result.path); // never over a database or its journal (issue 16)
    QSaveFile out(result.path);
    if (!out.open(QIODevice::WriteOnly) || out.write(bytes) != bytes.size() || !out.commit()) {
        const QString why = out.errorString();
        out.cancelWriting();
        throw Error(QStringLiteral("The roster could not be exported to %1: %2. Check the folder exists and you may "
                                   "write there. No file was written.")
                        .arg(QDir::toNativeSeparators(result.path), why));
    }
    return result;
}

} // namespace cb

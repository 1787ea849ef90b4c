#include "exchange/XlsxExport.h"

#include "exchange/AtomicFile.h"

#include "common/Identifiers.h"
#include "concerns/Concern.h"
#include "concerns/RiskMatrix.h"
#include "contractors/Contractor.h"
#include "contracts/Contract.h"
#include "exchange/Confidentiality.h"
#include "lpn/Network.h"
#include "performers/Performer.h"

#include <QFile>
#include <QTemporaryDir>
#include <algorithm>
#include <xlsxwriter.h>

namespace cb::exchange {

namespace {

bool isDateColumn(const QString& name) {
    return name.endsWith(QLatin1String("_date")) || name == QLatin1String("deadline");
}
bool isMoneyColumn(const QString& name) { return name.endsWith(QLatin1String("_pence")); }

QString sheetName(const QString& title) { return title.left(31); } // Excel's limit

// Column widths that fit the longest value (Excel's width is in characters), within reason.
class Widths {
public:
    void fit(int col, const QString& text) {
        if (m_w.size() <= col) m_w.resize(col + 1, 8);
        m_w[col] = std::clamp(int(text.size()) + 2, m_w[col], 60);
    }
    void apply(lxw_worksheet* ws) const {
        for (int c = 0; c < m_w.size(); ++c) worksheet_set_column(ws, lxw_col_t(c), lxw_col_t(c), m_w[c], nullptr);
    }

private:
    QList<int> m_w;
};

QByteArray utf8(const QString& s) { return s.toUtf8(); }

class Workbook {
public:
    // Constant memory: each row goes to a temporary file in tempDir as soon as the next begins, so a
    // workbook of the whole register is never held in memory (885 MiB at 50,000 contractors). Rows
    // are written in order on every sheet, which is all the mode asks; strings are then stored in
    // their cells rather than in a shared table, which Excel and LibreOffice read alike.
    Workbook(const QString& file, const QString& tempDir) : m_tempDir(tempDir.toUtf8()) {
        lxw_workbook_options options{};
        options.constant_memory = LXW_TRUE;
        options.tmpdir = m_tempDir.data();
        m_wb = workbook_new_opt(file.toUtf8().constData(), &options);
    }
    ~Workbook() {
        if (m_wb) workbook_close(m_wb);
    }
    lxw_workbook* get() const { return m_wb; }
    lxw_error close() {
        lxw_error e = workbook_close(m_wb);
        m_wb = nullptr;
        return e;
    }

private:
    QByteArray m_tempDir;
    lxw_workbook* m_wb = nullptr;
};

} // namespace

ExportResult planXlsx(Database& db, const QString& path, bool includeConfidential, const ContractorScope& scope,
                      const QList<ExchangeTable>& tables) {
    if (scope.isEverything()) return planExport(db, tables, path, includeConfidential);
    return planScoped(db, scopedTables(db, tables, scope, false), path, includeConfidential);
}

namespace {

struct Formats {
    lxw_format* bold = nullptr;
    lxw_format* date = nullptr;
    lxw_format* money = nullptr;
};

// A sheet for people: a bold header, one cell after another, dates as Excel dates and pounds as
// numbers, widths that fit, the header frozen and an autofilter over every column.
class PeopleSheet {
public:
    PeopleSheet(lxw_workbook* wb, const char* name, const QStringList& headers, const Formats& f)
        : m_ws(workbook_add_worksheet(wb, name)), m_columns(int(headers.size())), m_f(f) {
        for (int c = 0; c < headers.size(); ++c) {
            worksheet_write_string(m_ws, 0, lxw_col_t(c), utf8(headers[c]).constData(), f.bold);
            m_widths.fit(c, headers[c]);
        }
    }
    void text(const QString& v) {
        if (!v.isEmpty()) {
            worksheet_write_string(m_ws, m_row, m_col, utf8(v).constData(), nullptr);
            m_widths.fit(int(m_col), v);
        }
        ++m_col;
    }
    void day(const QVariant& v) {
        const QDate d = QDate::fromString(v.toString(), Qt::ISODate);
        if (d.isValid()) {
            lxw_datetime dt{d.year(), d.month(), d.day(), 0, 0, 0.0};
            worksheet_write_datetime(m_ws, m_row, m_col, &dt, m_f.date);
            m_widths.fit(int(m_col), QStringLiteral("00/00/0000"));
        }
        ++m_col;
    }
    void number(const QVariant& v, bool pounds = false) {
        if (!v.isNull()) {
            const double value = pounds ? v.toDouble() / 100.0 : v.toDouble();
            worksheet_write_number(m_ws, m_row, m_col, value, pounds ? m_f.money : nullptr);
            m_widths.fit(int(m_col), pounds ? QStringLiteral("£%L1").arg(value, 0, 'f', 2) : QString::number(value));
        }
        ++m_col;
    }
    // UDAs or UOAs (decimal text, or a whole number from an older file): a number cell, to the hundredth.
    void units(const QVariant& v) {
        if (const auto u = Units::fromVariant(v)) {
            worksheet_write_number(m_ws, m_row, m_col, u->toDouble(), nullptr);
            m_widths.fit(int(m_col), u->toText());
        }
        ++m_col;
    }
    void yesNo(const QVariant& v) { text(v.toInt() != 0 ? QStringLiteral("Yes") : QStringLiteral("No")); }
    void endRow() {
        ++m_row;
        m_col = 0;
    }
    // Widths, frozen header (and the first frozenColumns columns), the autofilter.
    void finish(int frozenColumns) {
        m_widths.apply(m_ws);
        worksheet_freeze_panes(m_ws, 1, lxw_col_t(frozenColumns));
        worksheet_autofilter(m_ws, 0, 0, std::max<lxw_row_t>(1, m_row - 1), lxw_col_t(m_columns - 1));
    }

private:
    lxw_worksheet* m_ws;
    int m_columns;
    Formats m_f;
    Widths m_widths;
    lxw_row_t m_row = 1;
    lxw_col_t m_col = 0;
};

QString inScope(const QString& column, const ContractorScope& scope) {
    return scope.isEverything() ? QString() : QStringLiteral("%1 IN (%2)").arg(column, scope.idsSql);
}

QString addressOf(const Row& row) {
    QStringList address;
    for (const char* k : {"address1", "address2", "address3", "address4", "address5"})
        if (!row.value(k).toString().trimmed().isEmpty()) address << row.value(k).toString().trimmed();
    return address.join(QStringLiteral(", "));
}

QString personName(const QVariant& given, const QVariant& family) {
    return QStringLiteral("%1 %2").arg(given.toString(), family.toString()).trimmed();
}

// "Contractors and contracts": what a commissioning manager asks for, with no VLOOKUP.
void writeContractorsAndContracts(Database& db, lxw_workbook* wb, const ContractorScope& scope, const Formats& f) {
    PeopleSheet s(wb, "Contractors and contracts",
                  {"ODS code", "Contractor", "Type", "Contractor status", "Address", "Postcode", "Contract route",
                   "Reference", "Contract start", "Contract end", "Contract status", "Annual value (£)", "List size",
                   "UDA target", "Contractor id", "Contract id"},
                  f);
    db.each(
        QStringLiteral("SELECT c.id AS contractor_id, c.ods_code, c.name, c.contractor_group, c.status AS contractor_status, "
                       "       c.address1, c.address2, c.address3, c.address4, c.address5, c.postcode, "
                       "       k.id AS contract_id, k.route, k.reference, k.start_date, k.end_date, k.status AS contract_status, "
                       "       k.annual_value_pence, k.list_size, k.uda_target "
                       "FROM contractor c LEFT JOIN contract k ON k.contractor_id = c.id%1 "
                       "ORDER BY c.name COLLATE NOCASE, c.ods_code, k.start_date, k.id")
            .arg(joinWhere({inScope(QStringLiteral("c.id"), scope)})),
        scope.params, [&](const Row& row) {
        const bool hasContract = !row.value("contract_id").isNull();
        s.text(row.value("ods_code").toString());
        s.text(row.value("name").toString());
        s.text(labelFor(contractorGroups(), row.value("contractor_group").toString()));
        s.text(labelFor(contractorStatuses(), row.value("contractor_status").toString()));
        s.text(addressOf(row));
        s.text(row.value("postcode").toString());
        s.text(hasContract ? labelFor(contractRoutes(), row.value("route").toString()) : QStringLiteral("(no contract)"));
        s.text(row.value("reference").toString());
        s.day(row.value("start_date"));
        s.day(row.value("end_date"));
        s.text(hasContract ? labelFor(contractStatuses(), row.value("contract_status").toString()) : QString());
        s.number(row.value("annual_value_pence"), true);
        s.number(row.value("list_size"));
        s.units(row.value("uda_target"));
        s.text(row.value("contractor_id").toString());
        s.text(row.value("contract_id").toString());
        s.endRow();
    });
    s.finish(2); // the header and the practice stay in view
}

// "Performers and practices": one row per performer and practice they work at (a performer who
// works nowhere recorded has one row); with a scope, the performers of those contractors.
void writePerformers(Database& db, lxw_workbook* wb, const ContractorScope& scope, const Formats& f) {
    PeopleSheet s(wb, "Performers and practices",
                  {"Family name", "Given name", "Professional group", "Registration body", "Registration number",
                   "List status", "Practice", "Practice ODS code", "Role", "Works there from", "Works there until",
                   "Performer id", "Contractor id"},
                  f);
    db.each(
        QStringLiteral("SELECT p.id, p.given_name, p.family_name, p.profession, p.registration_body, p.registration_number, "
                       "       p.list_status, c.id AS contractor_id, c.name AS practice, c.ods_code, l.role, l.from_date, l.to_date "
                       "FROM performer p LEFT JOIN performer_link l ON l.performer_id = p.id "
                       "LEFT JOIN contractor c ON c.id = l.contractor_id%1 "
                       "ORDER BY p.family_name COLLATE NOCASE, p.given_name COLLATE NOCASE, p.id, c.name COLLATE NOCASE")
            .arg(joinWhere({inScope(QStringLiteral("l.contractor_id"), scope)})),
        scope.params, [&](const Row& row) {
        s.text(row.value("family_name").toString());
        s.text(row.value("given_name").toString());
        s.text(labelFor(professions(), row.value("profession").toString()));
        s.text(row.value("registration_body").toString());
        s.text(row.value("registration_number").toString());
        s.text(labelFor(performersListStatuses(), row.value("list_status").toString()));
        s.text(row.value("practice").toString());
        s.text(row.value("ods_code").toString());
        s.text(row.value("role").isNull() ? QString() : labelFor(performerRoles(), row.value("role").toString()));
        s.day(row.value("from_date"));
        s.day(row.value("to_date"));
        s.text(row.value("id").toString());
        s.text(row.value("contractor_id").toString());
        s.endRow();
    });
    s.finish(2);
}

// "Open concerns": every concern not closed, with its practice, in words; confidential concerns
// only when the caseworker chose to include them (the one rule of exchange/Confidentiality.h).
void writeOpenConcerns(Database& db, lxw_workbook* wb, const ContractorScope& scope, bool includeConfidential,
                       const Formats& f) {
    PeopleSheet s(wb, "Open concerns",
                  {"Practice", "ODS code", "Assurance tier", "Performer", "Level", "Category", "Summary", "Stage",
                   "Consequence", "Likelihood", "Serious", "Received", "LRC informed", "Owner", "Confidential",
                   "Concern id", "Contractor id"},
                  f);
    const QString secret = confidential::where(QStringLiteral("concern"));
    const QString leaveOut =
        includeConfidential || secret.isEmpty()
            ? QString()
            : QStringLiteral("k.id NOT IN (SELECT id FROM concern WHERE coalesce((%1), 0))").arg(secret);
    db.each(
        QStringLiteral("SELECT k.id, k.contractor_id, c.name AS practice, c.ods_code, c.assurance_tier, p.given_name, p.family_name, "
                       "       k.level, k.category, k.summary, k.stage, k.consequence, k.likelihood, k.serious, "
                       "       k.received_date, k.lrc_informed_date, k.owner, k.confidential "
                       "FROM concern k LEFT JOIN contractor c ON c.id = k.contractor_id "
                       "LEFT JOIN performer p ON p.id = k.performer_id%1 "
                       "ORDER BY k.received_date, c.name COLLATE NOCASE, k.id")
            .arg(joinWhere({QStringLiteral("k.stage <> 'closed'"), leaveOut, inScope(QStringLiteral("k.contractor_id"), scope)})),
        scope.params, [&](const Row& row) {
        s.text(row.value("practice").toString());
        s.text(row.value("ods_code").toString());
        s.text(row.value("assurance_tier").toString().isEmpty() ? QString()
                                                                 : labelFor(assuranceTiers(), row.value("assurance_tier").toString()));
        s.text(personName(row.value("given_name"), row.value("family_name")));
        s.text(labelFor(concernLevels(), row.value("level").toString()));
        s.text(labelFor(concernCategories(), row.value("category").toString()));
        s.text(row.value("summary").toString());
        s.text(labelFor(concernStages(), row.value("stage").toString()));
        s.text(row.value("consequence").isNull() ? QString() : labelFor(risk::consequences(), row.value("consequence").toString()));
        s.text(row.value("likelihood").isNull() ? QString() : labelFor(risk::likelihoods(), row.value("likelihood").toString()));
        s.yesNo(row.value("serious"));
        s.day(row.value("received_date"));
        s.day(row.value("lrc_informed_date"));
        s.text(row.value("owner").toString());
        s.yesNo(row.value("confidential"));
        s.text(row.value("id").toString());
        s.text(row.value("contractor_id").toString());
        s.endRow();
    });
    s.finish(2);
}

// "LPN members": every network member with their current roles, in words. Declarations of interest
// are confidential and stay in their own data sheet.
void writeLpnMembers(Database& db, lxw_workbook* wb, const Formats& f) {
    PeopleSheet s(wb, "LPN members",
                  {"Network", "Family name", "Given name", "Profession", "Organisation", "Status", "Roles now",
                   "Email", "Telephone", "Member id"},
                  f);
    const QString today = db.clock().today().toString(Qt::ISODate);
    db.each(
        QStringLiteral("SELECT m.id, n.name AS network, m.family_name, m.given_name, m.profession, m.organisation, m.status, "
                       "       m.email, m.telephone, "
                       "       (SELECT group_concat(ms.role || char(31) || g.name, char(30)) FROM lpn_membership ms "
                       "          JOIN lpn_group g ON g.id = ms.group_id "
                       "         WHERE ms.member_id = m.id AND ms.term_start <= ?1 AND (ms.term_end IS NULL OR ms.term_end >= ?1)) AS roles "
                       "FROM lpn_member m JOIN lpn_network n ON n.id = m.network_id "
                       "ORDER BY n.name COLLATE NOCASE, m.family_name COLLATE NOCASE, m.given_name COLLATE NOCASE, m.id"),
        {today}, [&](const Row& row) {
        QStringList roles;
        for (const QString& r : row.value("roles").toString().split(QChar(30), Qt::SkipEmptyParts)) {
            const QStringList parts = r.split(QChar(31));
            roles << QStringLiteral("%1, %2").arg(labelFor(memberRoles(), parts.value(0)), parts.value(1));
        }
        s.text(row.value("network").toString());
        s.text(row.value("family_name").toString());
        s.text(row.value("given_name").toString());
        s.text(labelFor(memberProfessions(), row.value("profession").toString()));
        s.text(row.value("organisation").toString());
        s.text(labelFor(memberStatuses(), row.value("status").toString()));
        s.text(roles.join(QStringLiteral("; ")));
        s.text(row.value("email").toString());
        s.text(row.value("telephone").toString());
        s.text(row.value("id").toString());
        s.endRow();
    });
    s.finish(3);
}

void writeAbout(lxw_workbook* wb, const ContractorScope& scope, const ExportResult& result, const QDate& today,
                lxw_format* bold) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, "About this workbook");
    const QStringList lines = {
        QStringLiteral("Exported from Casebook on %1.").arg(fmt::date(today)),
        scope.isEverything() ? QStringLiteral("Covers: every contractor in the register.")
                             : QStringLiteral("Covers: %1.").arg(scope.description),
        result.confidential ? QStringLiteral("Includes confidential records: share only with people entitled to see them.")
                            : QStringLiteral("Confidential records are left out (%L1).").arg(result.confidentialLeftOut),
        QStringLiteral("The first sheets are for reading and filtering: \"Contractors and contracts\" (one row per "
                       "contract), \"Performers and practices\" (one row per performer and practice), \"Open concerns\"%1.")
            .arg(scope.isEverything() ? QStringLiteral(" and \"LPN members\"") : QString()),
        QStringLiteral("The sheets after them hold the records as stored, with their ids: save one as CSV to import it "
                       "back (File > Import)."),
    };
    worksheet_write_string(ws, 0, 0, "About this workbook", bold);
    for (int i = 0; i < lines.size(); ++i) worksheet_write_string(ws, lxw_row_t(i + 2), 0, utf8(lines[i]).constData(), nullptr);
    worksheet_set_column(ws, 0, 0, 100, nullptr);
}

} // namespace

ExportResult exportXlsx(Database& db, const QString& path, const ExportOptions& options,
                        const QList<ExchangeTable>& tables, const ContractorScope& scope) {
    ExportResult result = planXlsx(db, path, options.includeConfidential, scope, tables);
    result.records = 0; // counted again as rows are written
    QTemporaryDir temp;
    if (!temp.isValid()) throw ExportError(QStringLiteral("No temporary folder is available to build the workbook."));
    const QString work = temp.filePath(QStringLiteral("export.xlsx"));
    Workbook wb(work, temp.path());
    if (!wb.get()) throw ExportError(QStringLiteral("The workbook could not be started."));
    lxw_format* bold = workbook_add_format(wb.get());
    format_set_bold(bold);
    lxw_format* date = workbook_add_format(wb.get());
    format_set_num_format(date, "dd/mm/yyyy");
    lxw_format* money = workbook_add_format(wb.get());
    format_set_num_format(money, "\xC2\xA3#,##0.00");

    if (result.confidential) {
        lxw_worksheet* notice = workbook_add_worksheet(wb.get(), "CONFIDENTIAL");
        worksheet_write_string(notice, 0, 0, "CONFIDENTIAL", bold);
        worksheet_write_string(notice, 1, 0,
                               "This workbook includes confidential records (for example concerns about named "
                               "individuals). Do not share it beyond those entitled to see them.",
                               nullptr);
    }
    const Formats formats{bold, date, money};
    if (tableExists(db, QStringLiteral("contractor")) && tableExists(db, QStringLiteral("contract")))
        writeContractorsAndContracts(db, wb.get(), scope, formats);
    if (tableExists(db, QStringLiteral("performer")) && tableExists(db, QStringLiteral("performer_link")))
        writePerformers(db, wb.get(), scope, formats);
    if (tableExists(db, QStringLiteral("concern")))
        writeOpenConcerns(db, wb.get(), scope, options.includeConfidential, formats);
    if (scope.isEverything() && tableExists(db, QStringLiteral("lpn_member")))
        writeLpnMembers(db, wb.get(), formats);
    for (const ScopedTable& s : scopedTables(db, tables, scope, false)) {
        const ExchangeTable& t = s.table;
        lxw_worksheet* ws = workbook_add_worksheet(wb.get(), sheetName(t.title).toUtf8().constData());
        const QList<ColumnInfo> cols = columnsOf(db, t.table);
        // UDAs and UOAs are decimal text in the database, numbers in a spreadsheet.
        const RecordType* type = findRecordType(t.table);
        QList<bool> unitsColumn;
        for (const ColumnInfo& col : cols) {
            const FieldSpec* spec = type ? type->field(col.name) : nullptr;
            unitsColumn << (spec && spec->kind == FieldKind::Units);
        }
        for (int c = 0; c < cols.size(); ++c) {
            QString header = cols[c].name;
            if (isMoneyColumn(header)) header = header.left(header.size() - 6) + QStringLiteral(" (£)");
            worksheet_write_string(ws, 0, lxw_col_t(c), header.toUtf8().constData(), bold);
            worksheet_set_column(ws, lxw_col_t(c), lxw_col_t(c), isDateColumn(cols[c].name) ? 12 : 18, nullptr);
        }
        worksheet_freeze_panes(ws, 1, 0);
        // Each row written as it is read: the table is never held whole.
        lxw_row_t row = 0;
        eachScopedRow(db, s, options.includeConfidential, [&](const Row& record) {
            ++row;
            for (int c = 0; c < cols.size(); ++c) {
                const QVariant v = record.value(cols[c].name);
                if (v.isNull()) continue;
                const lxw_col_t col = lxw_col_t(c);
                const auto units = unitsColumn[c] ? Units::fromVariant(v) : std::nullopt;
                if (units) {
                    worksheet_write_number(ws, row, col, units->toDouble(), nullptr);
                } else if (isMoneyColumn(cols[c].name) && v.typeId() == QMetaType::LongLong) {
                    worksheet_write_number(ws, row, col, v.toLongLong() / 100.0, money);
                } else if (isDateColumn(cols[c].name) && QDate::fromString(v.toString(), Qt::ISODate).isValid()) {
                    const QDate d = QDate::fromString(v.toString(), Qt::ISODate);
                    lxw_datetime dt{d.year(), d.month(), d.day(), 0, 0, 0.0};
                    worksheet_write_datetime(ws, row, col, &dt, date);
                } else if (v.typeId() == QMetaType::LongLong || v.typeId() == QMetaType::Double) {
                    worksheet_write_number(ws, row, col, v.toDouble(), nullptr);
                } else {
                    // Strings are stored as strings: Excel never evaluates them, so no formula guard is needed.
                    worksheet_write_string(ws, row, col, v.toString().toUtf8().constData(), nullptr);
                }
            }
            ++result.records;
        });
    }
    writeAbout(wb.get(), scope, result, db.clock().today(), bold); // last: the data sheets keep their places
    const lxw_error e = wb.close();
    if (e != LXW_NO_ERROR)
        throw ExportError(QStringLiteral("The workbook could not be built (%1). Nothing was saved.")
                              .arg(QString::fromUtf8(lxw_strerror(e))));
    QFile built(work);
    if (!built.open(QIODevice::ReadOnly)) throw ExportError(QStringLiteral("The workbook could not be read back."));
    writeFileAtomically(result.path, [&](const std::function<void(const QByteArray&)>& write) {
        while (!built.atEnd()) {
            const QByteArray part = built.read(1 << 20);
            if (part.isEmpty()) throw ExportError(QStringLiteral("The workbook could not be read back."));
            write(part);
        }
    });
    return result;
}

} // namespace cb::exchange

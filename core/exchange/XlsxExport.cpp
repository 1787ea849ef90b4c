#include "exchange/XlsxExport.h"

#include "exchange/AtomicFile.h"

#include "common/Identifiers.h"
#include "contractors/Contractor.h"
#include "contracts/Contract.h"

#include <QFile>
#include <QHash>
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

// How a table's rows belong to contractors, for a scoped export (%1: the contractor ids). Tables
// not listed here are not about contractors and are left out of a scoped export.
QString scopePredicate(const QString& table) {
    static const QHash<QString, QString> byTable = {
        {"contractor", "id IN (%1)"},
        {"site", "contractor_id IN (%1)"},
        {"contract", "contractor_id IN (%1)"},
        {"contract_service", "contract_id IN (SELECT id FROM contract WHERE contractor_id IN (%1))"},
        {"contract_event", "contract_id IN (SELECT id FROM contract WHERE contractor_id IN (%1))"},
        {"dental_activity", "contract_id IN (SELECT id FROM contract WHERE contractor_id IN (%1))"},
        {"performer_link", "contractor_id IN (%1)"},
        {"quality_indicator", "contractor_id IN (%1)"},
        {"tier_history", "contractor_id IN (%1)"},
        {"concern", "contractor_id IN (%1)"},
        {"concern_event", "concern_id IN (SELECT id FROM concern WHERE contractor_id IN (%1))"},
        {"concern_action", "concern_id IN (SELECT id FROM concern WHERE contractor_id IN (%1))"},
        {"visit", "contractor_id IN (%1)"},
        {"visit_finding", "visit_id IN (SELECT id FROM visit WHERE contractor_id IN (%1))"},
        {"visit_action", "visit_id IN (SELECT id FROM visit WHERE contractor_id IN (%1))"},
    };
    return byTable.value(table);
}

// The tables a scope covers, each with its WHERE clause and parameters.
struct ScopedTable {
    ExchangeTable table;
    QString where; // without "WHERE"; empty: every row
    QVariantList params;
};

QList<ScopedTable> scopedTables(Database& db, const QList<ExchangeTable>& tables, const ContractorScope& scope) {
    QList<ScopedTable> out;
    for (const ExchangeTable& t : tables) {
        if (!tableExists(db, t.table)) continue;
        if (scope.isEverything()) {
            out << ScopedTable{t, {}, {}};
            continue;
        }
        const QString predicate = scopePredicate(t.table);
        if (predicate.isEmpty()) continue;
        out << ScopedTable{t, predicate.arg(scope.idsSql), scope.params};
    }
    return out;
}

QString confidentialFilter(const ExchangeTable& t, bool includeConfidential) {
    // coalesce: a predicate that is NULL for a row means "not confidential" (as exportRows does).
    return includeConfidential || t.confidentialWhere.isEmpty()
               ? QString()
               : QStringLiteral("NOT coalesce((%1), 0)").arg(t.confidentialWhere);
}

QString joinWhere(const QStringList& parts) {
    QStringList kept;
    for (const QString& p : parts)
        if (!p.isEmpty()) kept << QStringLiteral("(%1)").arg(p);
    return kept.isEmpty() ? QString() : QStringLiteral(" WHERE ") + kept.join(QStringLiteral(" AND "));
}

QList<Row> rowsOf(Database& db, const ScopedTable& s, bool includeConfidential) {
    return db.query(QStringLiteral("SELECT * FROM %1%2 ORDER BY %3")
                        .arg(s.table.table, joinWhere({s.where, confidentialFilter(s.table, includeConfidential)}),
                             s.table.orderBy),
                    s.params);
}

int countOf(Database& db, const ScopedTable& s, const QString& extra) {
    return db.scalar(QStringLiteral("SELECT count(*) FROM %1%2").arg(s.table.table, joinWhere({s.where, extra})), s.params).toInt();
}

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
    explicit Workbook(const QString& file) : m_wb(workbook_new(file.toUtf8().constData())) {}
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
    lxw_workbook* m_wb;
};

} // namespace

ContractorScope ContractorScope::ofIds(const QStringList& ids, const QString& description) {
    ContractorScope s;
    QStringList marks;
    for (const QString& id : ids) {
        marks << QStringLiteral("?");
        s.params << id;
    }
    s.idsSql = QStringLiteral("SELECT id FROM contractor WHERE id IN (%1)").arg(marks.isEmpty() ? QStringLiteral("NULL") : marks.join(','));
    s.description = description;
    return s;
}

int contractorCount(Database& db, const ContractorScope& scope) {
    if (scope.isEverything()) return db.scalar(QStringLiteral("SELECT count(*) FROM contractor")).toInt();
    return db.scalar(QStringLiteral("SELECT count(*) FROM (%1)").arg(scope.idsSql), scope.params).toInt();
}

ExportResult planXlsx(Database& db, const QString& path, bool includeConfidential, const ContractorScope& scope,
                      const QList<ExchangeTable>& tables) {
    if (scope.isEverything()) return planExport(db, tables, path, includeConfidential);
    ExportResult r;
    for (const ScopedTable& s : scopedTables(db, tables, scope)) {
        const int secret = s.table.confidentialWhere.isEmpty() ? 0 : countOf(db, s, s.table.confidentialWhere);
        if (includeConfidential) r.confidential = r.confidential || secret > 0;
        else r.confidentialLeftOut += secret;
        r.records += countOf(db, s, confidentialFilter(s.table, includeConfidential));
    }
    r.path = confidentialPath(path, r.confidential);
    return r;
}

namespace {

// "Contractors and contracts": what a commissioning manager asks for, with no VLOOKUP.
void writeContractorsAndContracts(Database& db, lxw_workbook* wb, const ContractorScope& scope, lxw_format* bold,
                                  lxw_format* date, lxw_format* money) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, "Contractors and contracts");
    const QStringList headers = {"ODS code",    "Contractor",      "Type",        "Contractor status", "Address",
                                 "Postcode",    "Contract route",  "Reference",   "Contract start",    "Contract end",
                                 "Contract status", "Annual value (£)", "List size", "UDA target",     "Contractor id",
                                 "Contract id"};
    Widths widths;
    for (int c = 0; c < headers.size(); ++c) {
        worksheet_write_string(ws, 0, lxw_col_t(c), utf8(headers[c]).constData(), bold);
        widths.fit(c, headers[c]);
    }
    const QString where = scope.isEverything() ? QString() : QStringLiteral(" WHERE c.id IN (%1)").arg(scope.idsSql);
    const QList<Row> rows = db.query(
        QStringLiteral("SELECT c.id AS contractor_id, c.ods_code, c.name, c.contractor_group, c.status AS contractor_status, "
                       "       c.address1, c.address2, c.address3, c.address4, c.address5, c.postcode, "
                       "       k.id AS contract_id, k.route, k.reference, k.start_date, k.end_date, k.status AS contract_status, "
                       "       k.annual_value_pence, k.list_size, k.uda_target "
                       "FROM contractor c LEFT JOIN contract k ON k.contractor_id = c.id%1 "
                       "ORDER BY c.name COLLATE NOCASE, c.ods_code, k.start_date, k.id")
            .arg(where),
        scope.params);
    int r = 1;
    for (const Row& row : rows) {
        int c = 0;
        auto text = [&](const QString& v) {
            if (!v.isEmpty()) {
                worksheet_write_string(ws, lxw_row_t(r), lxw_col_t(c), utf8(v).constData(), nullptr);
                widths.fit(c, v);
            }
            ++c;
        };
        auto day = [&](const QVariant& v) {
            const QDate d = QDate::fromString(v.toString(), Qt::ISODate);
            if (d.isValid()) {
                lxw_datetime dt{d.year(), d.month(), d.day(), 0, 0, 0.0};
                worksheet_write_datetime(ws, lxw_row_t(r), lxw_col_t(c), &dt, date);
                widths.fit(c, QStringLiteral("00/00/0000"));
            }
            ++c;
        };
        auto number = [&](const QVariant& v, lxw_format* f, double scale) {
            if (!v.isNull()) {
                worksheet_write_number(ws, lxw_row_t(r), lxw_col_t(c), v.toDouble() / scale, f);
                widths.fit(c, QStringLiteral("£%L1").arg(v.toDouble() / scale, 0, 'f', 2));
            }
            ++c;
        };
        QStringList address;
        for (const char* k : {"address1", "address2", "address3", "address4", "address5"})
            if (!row.value(k).toString().trimmed().isEmpty()) address << row.value(k).toString().trimmed();
        const bool hasContract = !row.value("contract_id").isNull();
        text(row.value("ods_code").toString());
        text(row.value("name").toString());
        text(labelFor(contractorGroups(), row.value("contractor_group").toString()));
        text(labelFor(contractorStatuses(), row.value("contractor_status").toString()));
        text(address.join(QStringLiteral(", ")));
        text(row.value("postcode").toString());
        text(hasContract ? labelFor(contractRoutes(), row.value("route").toString()) : QStringLiteral("(no contract)"));
        text(row.value("reference").toString());
        day(row.value("start_date"));
        day(row.value("end_date"));
        text(hasContract ? labelFor(contractStatuses(), row.value("contract_status").toString()) : QString());
        number(row.value("annual_value_pence"), money, 100.0);
        number(row.value("list_size"), nullptr, 1.0);
        number(row.value("uda_target"), nullptr, 1.0);
        text(row.value("contractor_id").toString());
        text(row.value("contract_id").toString());
        ++r;
    }
    widths.apply(ws);
    worksheet_freeze_panes(ws, 1, 2); // the header and the practice stay in view
    worksheet_autofilter(ws, 0, 0, lxw_row_t(std::max(1, r - 1)), lxw_col_t(headers.size() - 1));
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
        QStringLiteral("\"Contractors and contracts\" is for reading and filtering: one row per contract."),
        QStringLiteral("The sheets after it hold the records as stored, with their ids: save one as CSV to import it "
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
    Workbook wb(work);
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
    if (tableExists(db, QStringLiteral("contractor")) && tableExists(db, QStringLiteral("contract")))
        writeContractorsAndContracts(db, wb.get(), scope, bold, date, money);
    for (const ScopedTable& s : scopedTables(db, tables, scope)) {
        const ExchangeTable& t = s.table;
        lxw_worksheet* ws = workbook_add_worksheet(wb.get(), sheetName(t.title).toUtf8().constData());
        const QList<ColumnInfo> cols = columnsOf(db, t.table);
        for (int c = 0; c < cols.size(); ++c) {
            QString header = cols[c].name;
            if (isMoneyColumn(header)) header = header.left(header.size() - 6) + QStringLiteral(" (£)");
            worksheet_write_string(ws, 0, lxw_col_t(c), header.toUtf8().constData(), bold);
            worksheet_set_column(ws, lxw_col_t(c), lxw_col_t(c), isDateColumn(cols[c].name) ? 12 : 18, nullptr);
        }
        worksheet_freeze_panes(ws, 1, 0);
        const QList<Row> rows = rowsOf(db, s, options.includeConfidential);
        for (int r = 0; r < rows.size(); ++r) {
            const lxw_row_t row = lxw_row_t(r + 1);
            for (int c = 0; c < cols.size(); ++c) {
                const QVariant v = rows[r].value(cols[c].name);
                if (v.isNull()) continue;
                const lxw_col_t col = lxw_col_t(c);
                if (isMoneyColumn(cols[c].name) && v.typeId() == QMetaType::LongLong) {
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
        }
    }
    writeAbout(wb.get(), scope, result, db.clock().today(), bold); // last: the data sheets keep their places
    const lxw_error e = wb.close();
    if (e != LXW_NO_ERROR)
        throw ExportError(QStringLiteral("The workbook could not be built (%1). Nothing was saved.")
                              .arg(QString::fromUtf8(lxw_strerror(e))));
    QFile built(work);
    if (!built.open(QIODevice::ReadOnly)) throw ExportError(QStringLiteral("The workbook could not be read back."));
    writeFileAtomically(result.path, built.readAll());
    return result;
}

} // namespace cb::exchange

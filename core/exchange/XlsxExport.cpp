#include "exchange/XlsxExport.h"

#include "exchange/AtomicFile.h"

#include <QFile>
#include <QTemporaryDir>
#include <xlsxwriter.h>

namespace cb::exchange {

namespace {

bool isDateColumn(const QString& name) {
    return name.endsWith(QLatin1String("_date")) || name == QLatin1String("deadline");
}
bool isMoneyColumn(const QString& name) { return name.endsWith(QLatin1String("_pence")); }

QString sheetName(const QString& title) { return title.left(31); } // Excel's limit

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

ExportResult exportXlsx(Database& db, const QString& path, const ExportOptions& options,
                        const QList<ExchangeTable>& tables) {
    ExportResult result = planExport(db, tables, path, options.includeConfidential);
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
    for (const auto& t : tables) {
        if (!tableExists(db, t.table)) continue;
        lxw_worksheet* ws = workbook_add_worksheet(wb.get(), sheetName(t.title).toUtf8().constData());
        const QList<ColumnInfo> cols = columnsOf(db, t.table);
        for (int c = 0; c < cols.size(); ++c) {
            QString header = cols[c].name;
            if (isMoneyColumn(header)) header = header.left(header.size() - 6) + QStringLiteral(" (£)");
            worksheet_write_string(ws, 0, lxw_col_t(c), header.toUtf8().constData(), bold);
            worksheet_set_column(ws, lxw_col_t(c), lxw_col_t(c), isDateColumn(cols[c].name) ? 12 : 18, nullptr);
        }
        worksheet_freeze_panes(ws, 1, 0);
        const QList<Row> rows = exportRows(db, t, options.includeConfidential);
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

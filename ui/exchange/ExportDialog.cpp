#include "exchange/ExportDialog.h"

#include "common/Ask.h"
#include "common/ExportParts.h"
#include "common/Workspace.h"
#include "exchange/ExchangeFiles.h"
#include "exchange/RecordExchange.h"
#include "exchange/XlsxExport.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace cb::ui {

using namespace cb::exchange;

namespace {
ExportDialog::Runner& runner() {
    static ExportDialog::Runner r;
    return r;
}
} // namespace

ExportDialog::Runner ExportDialog::setRunner(Runner r) {
    Runner old = std::move(runner());
    runner() = std::move(r);
    return old;
}

void ExportDialog::open(Workspace& ws, QWidget* parent) {
    ExportDialog d(ws, parent);
    if (runner()) runner()(d);
    else d.exec();
}

ExportDialog::ExportDialog(Workspace& ws, QWidget* parent) : QDialog(parent), m_ws(ws) {
    setObjectName(QStringLiteral("exportDialog"));
    setWindowTitle(QStringLiteral("Export"));
    setAccessibleName(QStringLiteral("Export the register to a file"));
    auto* v = new QVBoxLayout(this);
    auto* form = new QFormLayout;
    m_format = new QComboBox(this);
    m_format->setObjectName(QStringLiteral("exportFormat"));
    m_format->setAccessibleName(QStringLiteral("Format"));
    m_format->addItem(QStringLiteral("Excel workbook: a sheet per record type (.xlsx)"), int(Format::Xlsx));
    m_format->addItem(QStringLiteral("Casebook exchange file: everything, for another Casebook (.json)"), int(Format::Json));
    m_format->addItem(QStringLiteral("CSV of one record type (.csv)"), int(Format::Csv));
    auto* formatLabel = new QLabel(QStringLiteral("&Format:"), this);
    formatLabel->setBuddy(m_format);
    form->addRow(formatLabel, m_format);
    m_recordType = new QComboBox(this);
    m_recordType->setObjectName(QStringLiteral("exportRecordType"));
    m_recordType->setAccessibleName(QStringLiteral("Record type"));
    for (const ExchangeTable& t : standardTables())
        if (tableExists(ws.db(), t.table)) m_recordType->addItem(t.title, t.recordType);
    m_recordTypeLabel = new QLabel(QStringLiteral("&Record type:"), this);
    m_recordTypeLabel->setBuddy(m_recordType);
    form->addRow(m_recordTypeLabel, m_recordType);
    m_include = new QCheckBox(QStringLiteral("&Include confidential records"), this);
    m_include->setObjectName(QStringLiteral("includeConfidential"));
    m_include->setAccessibleName(QStringLiteral("Include confidential records"));
    m_include->setToolTip(QStringLiteral("Concerns about individuals and declaration details are left out unless this is ticked."));
    form->addRow(QString(), m_include);
    m_warning = new QLabel(this);
    m_warning->setObjectName(QStringLiteral("confidentialWarning"));
    m_warning->setWordWrap(true);
    m_warning->setAccessibleName(QStringLiteral("About confidential records"));
    form->addRow(QString(), m_warning);
    const FileRow file = addFileRow(form, this);
    m_path = file.path;
    m_browse = file.choose;
    m_plan = new QLabel(this);
    m_plan->setObjectName(QStringLiteral("exportPlan"));
    m_plan->setWordWrap(true);
    m_plan->setAccessibleName(QStringLiteral("What will be written"));
    form->addRow(QStringLiteral("Will write:"), m_plan);
    v->addLayout(form);
    v->addStretch(1);
    m_export = addExportButtons(v, this, ws.isReadOnly(), [this] { return exportNow(); });
    connect(m_browse, &QPushButton::clicked, this, &ExportDialog::chooseFile);
    connect(m_format, &QComboBox::currentIndexChanged, this, &ExportDialog::choicesChanged);
    connect(m_recordType, &QComboBox::currentIndexChanged, this, &ExportDialog::choicesChanged);
    connect(m_include, &QCheckBox::toggled, this, &ExportDialog::choicesChanged);
    connect(m_path, &QLineEdit::editingFinished, this, &ExportDialog::choicesChanged);
    m_path->setText(QDir::toNativeSeparators(QDir(ExchangeFiles::documentsFolder())
                                                 .filePath(QStringLiteral("casebook-%1.xlsx")
                                                               .arg(ws.db().clock().today().toString(Qt::ISODate)))));
    setTabOrder(m_format, m_recordType);
    setTabOrder(m_recordType, m_include);
    setTabOrder(m_include, m_path);
    setTabOrder(m_path, m_browse);
    setTabOrder(m_browse, m_export);
    choicesChanged();
    resize(sizeHint().expandedTo(QSize(640, 0)));
}

ExportDialog::Format ExportDialog::format() const { return Format(m_format->currentData().toInt()); }

QString ExportDialog::extension() const {
    switch (format()) {
    case Format::Json: return QStringLiteral("json");
    case Format::Csv: return QStringLiteral("csv");
    case Format::Xlsx: break;
    }
    return QStringLiteral("xlsx");
}

QList<ExchangeTable> ExportDialog::tables() const {
    if (format() != Format::Csv) return standardTables();
    const ExchangeTable* t = findTable(standardTables(), m_recordType->currentData().toString());
    return t ? QList<ExchangeTable>{*t} : QList<ExchangeTable>{};
}

void ExportDialog::choicesChanged() {
    const bool csv = format() == Format::Csv;
    m_recordType->setVisible(csv);
    m_recordTypeLabel->setVisible(csv);
    // The file name follows the format (and, for CSV, the record type).
    QString p = path();
    if (!p.isEmpty()) {
        const QFileInfo fi(p);
        QString base = fi.completeBaseName();
        if (csv) {
            const QString stem = QStringLiteral("casebook-") + m_ws.db().clock().today().toString(Qt::ISODate);
            if (base.startsWith(stem)) base = stem + QLatin1Char('-') + m_recordType->currentData().toString();
        }
        m_path->setText(QDir::toNativeSeparators(QDir(fi.path()).filePath(base + QLatin1Char('.') + extension())));
    }
    const ExportResult plan = planExport(m_ws.db(), tables(), path(), m_include->isChecked());
    QString text = QStringLiteral("%L1 record%2").arg(plan.records).arg(plan.records == 1 ? "" : "s");
    if (plan.confidentialLeftOut > 0)
        text += QStringLiteral("; %L1 confidential record%2 left out").arg(plan.confidentialLeftOut).arg(plan.confidentialLeftOut == 1 ? "" : "s");
    text += QStringLiteral(", to %1").arg(QDir::toNativeSeparators(plan.path));
    m_plan->setText(text);
    if (m_include->isChecked()) {
        m_warning->setText(QStringLiteral("<b>Confidential:</b> the file will include concerns about individuals and "
                                          "declaration details. Its name will start with CONFIDENTIAL- and its first "
                                          "line (in Excel, its first sheet) says it is confidential. Share it only with people entitled to see "
                                          "those records, and store it securely."));
        m_warning->setStyleSheet(QStringLiteral("QLabel { color: #b3261e; }"));
    } else {
        m_warning->setText(QStringLiteral("Confidential records (concerns about individuals, declaration details) are left out."));
        m_warning->setStyleSheet(QString());
    }
}

void ExportDialog::setFormat(Format f, const QString& recordType) {
    m_format->setCurrentIndex(m_format->findData(int(f)));
    if (!recordType.isEmpty()) m_recordType->setCurrentIndex(m_recordType->findData(recordType));
    choicesChanged();
}
void ExportDialog::setIncludeConfidential(bool include) { m_include->setChecked(include); }
void ExportDialog::setPath(const QString& path) {
    m_path->setText(QDir::toNativeSeparators(path));
    choicesChanged();
}
QString ExportDialog::path() const { return QDir::fromNativeSeparators(m_path->text().trimmed()); }
QString ExportDialog::planText() const { return m_plan->text(); }
QString ExportDialog::warningText() const { return m_warning->text(); }

void ExportDialog::chooseFile() {
    const QString filter = format() == Format::Json   ? QStringLiteral("Casebook exchange files (*.json)")
                           : format() == Format::Csv ? QStringLiteral("CSV files (*.csv)")
                                                     : QStringLiteral("Excel workbooks (*.xlsx)");
    const QStringList chosen = ExchangeFiles::choose(this, {FileRequest::Mode::Save, QStringLiteral("Export to"), path(), filter});
    if (chosen.isEmpty()) return;
    setPath(chosen.first());
}

bool ExportDialog::exportNow() {
    QString p = path();
    if (p.isEmpty()) {
        Ask::error(this, QStringLiteral("No file chosen"), QStringLiteral("Choose the file to export to."));
        return false;
    }
    if (QFileInfo(p).suffix().toLower() != extension()) p += QLatin1Char('.') + extension();
    ExportOptions options;
    options.includeConfidential = m_include->isChecked();
    QApplication::setOverrideCursor(Qt::WaitCursor);
    try {
        switch (format()) {
        case Format::Xlsx: m_result = exportXlsx(m_ws.db(), p, options); break;
        case Format::Json: m_result = exportJson(m_ws.db(), p, options); break;
        case Format::Csv: m_result = exportCsv(m_ws.db(), m_recordType->currentData().toString(), p, options); break;
        }
    } catch (const Error& e) {
        QApplication::restoreOverrideCursor();
        Ask::error(this, QStringLiteral("Not exported"), QStringLiteral("%1\n\nNo file was written.").arg(e.message()));
        return false;
    }
    QApplication::restoreOverrideCursor();
    QString text = QStringLiteral("Exported %L1 record%2 to\n%3")
                       .arg(m_result.records)
                       .arg(m_result.records == 1 ? "" : "s")
                       .arg(QDir::toNativeSeparators(m_result.path));
    if (m_result.confidential)
        text += QStringLiteral("\n\nThe file includes confidential records: its name and first line say so. Share it only "
                               "with people entitled to see them.");
    else if (m_result.confidentialLeftOut > 0)
        text += QStringLiteral("\n\n%L1 confidential record%2 left out.")
                    .arg(m_result.confidentialLeftOut)
                    .arg(m_result.confidentialLeftOut == 1 ? " was" : "s were");
    else
        text += QStringLiteral("\n\nNo confidential records were left out.");
    Ask::info(this, QStringLiteral("Exported"), text);
    return true;
}

} // namespace cb::ui

#include "exchange/ExportDialog.h"

#include "common/Ask.h"
#include "common/ExportParts.h"
#include "common/Workspace.h"
#include "contractors/ContractorList.h"
#include "contractors/PracticeFile.h"
#include "exchange/ExchangeFiles.h"
#include "exchange/RecordExchange.h"
#include "exchange/XlsxExport.h"
#include "shell/MainWindow.h"
#include "common/TableModels.h"

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
#include <QItemSelectionModel>
#include <QPushButton>
#include <QRadioButton>
#include <QTableView>

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

ContractorScope ExportDialog::scopeShownIn(QWidget* parent) {
    auto* w = qobject_cast<MainWindow*>(parent ? parent->window() : nullptr);
    if (!w) return {};
    Database& db = w->workspace().db();
    if (w->currentPage() == QLatin1String("practice") && !w->practiceFile()->contractorId().isEmpty())
        return ContractorScope::ofIds({w->practiceFile()->contractorId()},
                                      QStringLiteral("%1, the practice file open").arg(w->practiceFile()->contractor().label()));
    if (w->currentPage() != QLatin1String("contractors")) return {};
    ContractorList* list = w->contractorList();
    const QModelIndexList selected = list->view()->selectionModel()->selectedRows();
    if (selected.size() > 1) {
        QStringList ids;
        for (const QModelIndex& i : selected) ids << list->model()->idAt(i.row());
        return ContractorScope::ofIds(ids, QStringLiteral("the %L1 contractors selected in the list").arg(ids.size()));
    }
    const ContractorFilter f = list->filter();
    QStringList said;
    if (!f.group.isEmpty()) said << labelFor(contractorGroups(), f.group);
    if (!f.status.isEmpty()) said << labelFor(contractorStatuses(), f.status).toLower();
    if (!f.tier.isEmpty()) said << QStringLiteral("tier %1").arg(f.tier == QLatin1String("none") ? QStringLiteral("none") : labelFor(assuranceTiers(), f.tier));
    if (!f.commissioner.isEmpty()) said << QStringLiteral("commissioner %1").arg(f.commissioner);
    if (!f.search.trimmed().isEmpty()) said << QStringLiteral("matching \"%1\"").arg(f.search.trimmed());
    if (said.isEmpty()) return {}; // the list shows everything
    ContractorScope s;
    s.idsSql = QStringLiteral("SELECT c.id FROM contractor c") + ContractorService::whereClause(f, s.params);
    s.description = QStringLiteral("the contractors the list shows: %1").arg(said.join(QStringLiteral(", ")));
    s.description += QStringLiteral(" (%L1)").arg(contractorCount(db, s));
    return s;
}

void ExportDialog::open(Workspace& ws, QWidget* parent) {
    ExportDialog d(ws, parent);
    d.setScope(scopeShownIn(parent));
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
    m_format->addItem(QStringLiteral("Excel workbook: a sheet per purpose, then the records as stored (.xlsx)"), int(Format::Xlsx));
    m_format->addItem(QStringLiteral("Casebook exchange file, for another Casebook (.json)"), int(Format::Json));
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
    // What to export: what the list shows (the default when there is a filter or selection), or everything.
    m_shown = new QRadioButton(this);
    m_shown->setObjectName(QStringLiteral("exportShown"));
    m_everything = new QRadioButton(QStringLiteral("E&verything in the register"), this);
    m_everything->setObjectName(QStringLiteral("exportEverything"));
    m_everything->setAccessibleName(QStringLiteral("Export everything in the register"));
    m_everything->setChecked(true);
    m_scopeLabel = new QLabel(QStringLiteral("&What:"), this);
    m_scopeLabel->setBuddy(m_shown);
    auto* scopeBox = new QWidget(this);
    auto* scopeLayout = new QVBoxLayout(scopeBox);
    scopeLayout->setContentsMargins(0, 0, 0, 0);
    scopeLayout->addWidget(m_shown);
    scopeLayout->addWidget(m_everything);
    form->addRow(m_scopeLabel, scopeBox);
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
    connect(m_shown, &QRadioButton::toggled, this, &ExportDialog::choicesChanged);
    connect(m_path, &QLineEdit::editingFinished, this, &ExportDialog::choicesChanged);
    m_path->setText(QDir::toNativeSeparators(QDir(ExchangeFiles::documentsFolder())
                                                 .filePath(QStringLiteral("casebook-%1.xlsx")
                                                               .arg(ws.db().clock().today().toString(Qt::ISODate)))));
    setTabOrder(m_format, m_recordType);
    setTabOrder(m_recordType, m_shown);
    setTabOrder(m_shown, m_everything);
    setTabOrder(m_everything, m_include);
    setTabOrder(m_include, m_path);
    setTabOrder(m_path, m_browse);
    setTabOrder(m_browse, m_export);
    setScope({});
    resize(sizeHint().expandedTo(QSize(640, 0)));
}

void ExportDialog::setScope(const ContractorScope& scope) {
    m_scope = scope;
    const bool some = !scope.isEverything();
    m_shown->setVisible(some);
    m_shown->setText(some ? QStringLiteral("What you are looking at: %1").arg(scope.description) : QString());
    m_shown->setAccessibleName(m_shown->text());
    (some ? m_shown : m_everything)->setChecked(true);
    m_scopeLabel->setBuddy(some ? static_cast<QWidget*>(m_shown) : m_everything);
    choicesChanged();
}

void ExportDialog::setEverything(bool everything) {
    (everything || m_scope.isEverything() ? m_everything : m_shown)->setChecked(true);
    choicesChanged();
}

ContractorScope ExportDialog::scope() const {
    return m_shown->isChecked() && scopeApplies() ? m_scope : ContractorScope{};
}

bool ExportDialog::scopeApplies() const {
    // Every format is cut to what the list shows, but a CSV of records that belong to no contractor
    // (networks, settings) holds them all.
    if (m_scope.isEverything() || format() != Format::Csv) return true;
    const QString table = tables().isEmpty() ? QString() : tables().first().table;
    if (aboutContractors(table)) return true;
    for (const ScopedTable& s : scopedTables(m_ws.db(), standardTables(), m_scope, true))
        if (s.table.table == table) return true;
    return false;
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
    // Every format is cut to what the list shows (the exchange file adds the performers its records
    // name, so it imports on its own); a CSV of records that belong to no contractor holds them all.
    const bool scoped = !m_scope.isEverything();
    m_shown->setEnabled(scoped && scopeApplies());
    m_shown->setToolTip(scopeApplies() ? QString()
                                       : QStringLiteral("%1 belong to no contractor: the CSV holds all of them.")
                                             .arg(m_recordType->currentText()));
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
    const bool include = m_include->isChecked();
    const ContractorScope cut = scope();
    const ExportResult plan =
        format() == Format::Xlsx ? planXlsx(m_ws.db(), path(), include, cut, tables())
        : cut.isEverything()     ? planExport(m_ws.db(), tables(), path(), include)
        : format() == Format::Json
            ? planScoped(m_ws.db(), scopedTables(m_ws.db(), tables(), cut, true), path(), include)
            : planScopedCsv(m_ws.db(), m_recordType->currentData().toString(), path(), include, cut);
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
        case Format::Xlsx: m_result = exportXlsx(m_ws.db(), p, options, standardTables(), scope()); break;
        case Format::Json: m_result = exportScopedJson(m_ws.db(), p, options, scope()); break;
        case Format::Csv: m_result = exportScopedCsv(m_ws.db(), m_recordType->currentData().toString(), p, options, scope()); break;
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

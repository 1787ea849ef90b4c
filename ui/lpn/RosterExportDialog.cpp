#include "lpn/RosterExportDialog.h"

#include "common/Ask.h"
#include "common/ExportParts.h"
#include "common/Workspace.h"
#include "lpn/NetworkService.h"
#include "lpn/RosterPdf.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QStandardPaths>

namespace cb::ui {

namespace {
RosterExportDialog::FileChooser& chooser() {
    static RosterExportDialog::FileChooser c;
    return c;
}

QString slug(const QString& name) {
    QString s = name.toLower();
    for (QChar& ch : s)
        if (!ch.isLetterOrNumber()) ch = QLatin1Char('-');
    while (s.contains(QLatin1String("--"))) s.replace(QLatin1String("--"), QLatin1String("-"));
    return s.remove(QRegularExpression(QStringLiteral("^-|-$")));
}
} // namespace

RosterExportDialog::FileChooser RosterExportDialog::setFileChooser(FileChooser c) {
    FileChooser old = std::move(chooser());
    chooser() = std::move(c);
    return old;
}

RosterExportDialog::RosterExportDialog(Workspace& ws, const QString& networkId, QWidget* parent)
    : QDialog(parent), m_ws(ws), m_networkId(networkId) {
    setObjectName(QStringLiteral("rosterExportDialog"));
    const auto network = NetworkService(ws.db()).network(networkId);
    const QString name = network ? network->name : QStringLiteral("roster");
    setWindowTitle(QStringLiteral("Export roster: %1").arg(name));
    setAccessibleName(windowTitle());
    auto* v = new QVBoxLayout(this);
    auto* form = new QFormLayout;
    m_format = new QComboBox(this);
    m_format->setObjectName(QStringLiteral("exportFormat"));
    m_format->setAccessibleName(QStringLiteral("Format"));
    m_format->addItem(QStringLiteral("PDF, for meeting papers (.pdf)"), int(Format::Pdf));
    m_format->addItem(QStringLiteral("Excel workbook (.xlsx)"), int(Format::Xlsx));
    m_format->addItem(QStringLiteral("CSV, comma-separated (.csv)"), int(Format::Csv));
    auto* formatLabel = new QLabel(QStringLiteral("&Format:"), this);
    formatLabel->setBuddy(m_format);
    form->addRow(formatLabel, m_format);
    m_include = new QCheckBox(QStringLiteral("&Include declaration details (confidential)"), this);
    m_include->setObjectName(QStringLiteral("includeDeclarations"));
    m_include->setAccessibleName(QStringLiteral("Include declaration details (confidential)"));
    form->addRow(QString(), m_include);
    m_warning = new QLabel(this);
    m_warning->setWordWrap(true);
    m_warning->setObjectName(QStringLiteral("confidentialWarning"));
    form->addRow(QString(), m_warning);
    const FileRow file = addFileRow(form, this);
    m_path = file.path;
    m_browse = file.choose;
    v->addLayout(form);
    m_export = addExportButtons(v, this, ws.isReadOnly(), [this] { return exportNow(); });
    connect(m_browse, &QPushButton::clicked, this, &RosterExportDialog::chooseFile);
    connect(m_format, &QComboBox::currentIndexChanged, this, &RosterExportDialog::formatChanged);
    connect(m_include, &QCheckBox::toggled, this, &RosterExportDialog::formatChanged);
    QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    if (folder.isEmpty()) folder = QDir::homePath();
    m_path->setText(QDir(folder).filePath(slug(name) + QStringLiteral("-roster.pdf")));
    setTabOrder(m_format, m_include);
    setTabOrder(m_include, m_path);
    setTabOrder(m_path, m_browse);
    formatChanged();
    resize(sizeHint().expandedTo(QSize(560, 0)));
}

QString RosterExportDialog::extension() const {
    switch (Format(m_format->currentData().toInt())) {
    case Format::Csv: return QStringLiteral("csv");
    case Format::Xlsx: return QStringLiteral("xlsx");
    case Format::Pdf: break;
    }
    return QStringLiteral("pdf");
}

void RosterExportDialog::formatChanged() {
    // Keep the file name's extension in step with the format.
    QString p = m_path->text().trimmed();
    if (!p.isEmpty()) {
        const QFileInfo fi(p);
        p = QDir(fi.path()).filePath(fi.completeBaseName() + QLatin1Char('.') + extension());
        m_path->setText(QDir::toNativeSeparators(p));
    }
    m_warning->setText(m_include->isChecked()
                           ? QStringLiteral("The file will be marked CONFIDENTIAL (its name gets -CONFIDENTIAL). Share it only "
                                            "with those who manage the network's conflicts of interest.")
                           : QStringLiteral("Declarations of interest are left out."));
}

void RosterExportDialog::setFormat(Format f) { m_format->setCurrentIndex(m_format->findData(int(f))); }
void RosterExportDialog::setIncludeDeclarations(bool include) { m_include->setChecked(include); }
void RosterExportDialog::setPath(const QString& path) { m_path->setText(path); }
QString RosterExportDialog::path() const { return QDir::fromNativeSeparators(m_path->text().trimmed()); }

void RosterExportDialog::chooseFile() {
    const QString filter = extension() == QLatin1String("pdf")    ? QStringLiteral("PDF (*.pdf)")
                           : extension() == QLatin1String("xlsx") ? QStringLiteral("Excel workbook (*.xlsx)")
                                                                  : QStringLiteral("CSV (*.csv)");
    const QString chosen = chooser() ? chooser()(this, path(), filter)
                                     : QFileDialog::getSaveFileName(this, QStringLiteral("Export roster"), path(), filter);
    if (chosen.isEmpty()) return;
    m_path->setText(QDir::toNativeSeparators(chosen));
    formatChanged();
}

bool RosterExportDialog::exportNow() {
    QString p = path();
    if (p.isEmpty()) {
        Ask::error(this, QStringLiteral("No file chosen"), QStringLiteral("Choose the file to write the roster to."));
        return false;
    }
    if (QFileInfo(p).suffix().toLower() != extension()) p += QLatin1Char('.') + extension();
    RosterExportOptions o;
    o.includeDeclarations = m_include->isChecked();
    try {
        m_result = extension() == QLatin1String("pdf") ? exportRosterPdf(m_ws.db(), m_networkId, p, o)
                                                       : exportRoster(m_ws.db(), m_networkId, p, o);
    } catch (const Error& e) {
        Ask::error(this, QStringLiteral("Roster not exported"), e.message());
        return false;
    }
    Ask::info(this, QStringLiteral("Roster exported"),
              QStringLiteral("Wrote %1 seat%2%3 to %4.")
                  .arg(m_result.seats)
                  .arg(m_result.seats == 1 ? "" : "s")
                  .arg(o.includeDeclarations ? QStringLiteral(" and %1 declaration%2").arg(m_result.declarations).arg(m_result.declarations == 1 ? "" : "s")
                                             : QString())
                  .arg(QDir::toNativeSeparators(m_result.path)));
    return true;
}

} // namespace cb::ui

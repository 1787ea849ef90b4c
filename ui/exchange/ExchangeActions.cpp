#include "exchange/ExchangeActions.h"

#include "common/Ask.h"
#include "common/Workspace.h"
#include "contractors/ContractorList.h"
#include "contractors/PracticeFile.h"
#include "exchange/ExchangeFiles.h"
#include "exchange/ExportDialog.h"
#include "exchange/ImportDialog.h"
#include "exchange/PdfReport.h"
#include "exchange/PracticeFileReport.h"
#include "shell/MainWindow.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QMenu>
#include <QStackedWidget>
#include <QTemporaryDir>

namespace cb::ui {

QString savePracticeFilePdf(Workspace& ws, const Contractor& c, QWidget* parent) {
    if (c.id.isEmpty()) return {};
    const QString suggested =
        QDir(ExchangeFiles::documentsFolder()).filePath(QStringLiteral("practice-file-%1.pdf").arg(c.odsCode.isEmpty() ? c.id : c.odsCode));
    const QStringList chosen = ExchangeFiles::choose(
        parent, {FileRequest::Mode::Save, QStringLiteral("Save the practice file as PDF"), suggested, QStringLiteral("PDF (*.pdf)")});
    if (chosen.isEmpty()) return {};
    QString path = chosen.first();
    if (!path.endsWith(QLatin1String(".pdf"), Qt::CaseInsensitive)) path += QStringLiteral(".pdf");
    try {
        QApplication::setOverrideCursor(Qt::WaitCursor);
        writePracticeFilePdf(exchange::practiceFile(ws.db(), c.odsCode), path);
        QApplication::restoreOverrideCursor();
    } catch (const Error& e) {
        QApplication::restoreOverrideCursor();
        Ask::error(parent, QStringLiteral("Practice file not saved"), e.message());
        return {};
    }
    Ask::info(parent, QStringLiteral("Practice file saved"),
              QStringLiteral("The practice file of %1 is in\n%2\nready to print (A4).").arg(c.label(), QDir::toNativeSeparators(path)));
    return path;
}

void installExchange(MainWindow& w) {
    QMenu* file = w.menu(QStringLiteral("file"));
    if (!file) return;
    Workspace& ws = w.workspace();
    auto* import = new QAction(QStringLiteral("&Import…"), &w);
    import->setObjectName(QStringLiteral("importAction"));
    import->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    import->setStatusTip(QStringLiteral("Import ODS extracts, Payments to General Practice or Casebook files, with a preview first"));
    ws.guard(import);
    QObject::connect(import, &QAction::triggered, &w, [&w] { ImportDialog::open(w.workspace(), &w); });
    auto* exportAction = new QAction(QStringLiteral("&Export…"), &w);
    exportAction->setObjectName(QStringLiteral("exportAction"));
    exportAction->setStatusTip(QStringLiteral("Export the register to Excel, CSV or a Casebook exchange file"));
    QObject::connect(exportAction, &QAction::triggered, &w, [&w] { ExportDialog::open(w.workspace(), &w); });
    auto* pdf = new QAction(QStringLiteral("&Practice file as PDF…"), &w);
    pdf->setObjectName(QStringLiteral("practicePdfAction"));
    pdf->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_P));
    pdf->setStatusTip(QStringLiteral("Save the open practice file as an A4 PDF to print or share"));
    QObject::connect(pdf, &QAction::triggered, &w, [&w] {
        if (w.currentPage() == QLatin1String("practice"))
            savePracticeFilePdf(w.workspace(), w.practiceFile()->contractor(), &w);
    });
    // Enabled while a practice file is the page shown.
    auto update = [&w, pdf] {
        const bool open = w.currentPage() == QLatin1String("practice") && !w.practiceFile()->contractorId().isEmpty();
        pdf->setEnabled(open);
        pdf->setToolTip(open ? pdf->statusTip() : QStringLiteral("Open a practice file first"));
    };
    if (auto* pages = w.findChild<QStackedWidget*>(QStringLiteral("pages")))
        QObject::connect(pages, &QStackedWidget::currentChanged, pdf, update);
    QObject::connect(file, &QMenu::aboutToShow, pdf, update);
    update();

    // After the "open" group: Import, Export, PDF, then the database's own Backup and Check.
    const QList<QAction*> actions = file->actions();
    QAction* before = nullptr;
    for (int i = 0; i + 1 < actions.size(); ++i)
        if (actions.at(i)->isSeparator()) {
            before = actions.at(i + 1);
            break;
        }
    file->insertActions(before, {import, exportAction, pdf});
    file->insertSeparator(before);
}

QStringList renderExchangeScreenshots(MainWindow& w, const QString& dir) {
    QStringList files;
    Workspace& ws = w.workspace();
    auto shot = [&](QWidget* widget, const QString& name) {
        for (int i = 0; i < 3; ++i) QApplication::processEvents();
        const QString file = QDir(dir).filePath(name + QStringLiteral(".png"));
        if (widget->grab().save(file)) files << file;
    };
    // A small practices extract: two new practices, one the register already holds with a new
    // telephone, a row whose status is unknown, one with a broken open date and an out-of-hours service.
    QTemporaryDir tmp;
    if (!ws.isReadOnly() && tmp.isValid()) {
        auto row = [](const QString& code, const QString& name, const QString& town, const QString& postcode, const QString& open,
                      const QString& status, const QString& phone, const QString& setting) {
            QStringList f(27);
            f[0] = code, f[1] = name, f[2] = "Y63", f[3] = "Q74", f[4] = "THE HEALTH CENTRE", f[5] = "HIGH STREET",
            f[6] = town, f[9] = postcode, f[10] = open, f[12] = status, f[13] = "B", f[14] = "00K", f[15] = "20130401",
            f[17] = phone, f[21] = "0", f[23] = "00K", f[25] = setting;
            for (QString& s : f) s = QLatin1Char('"') + s + QLatin1Char('"');
            return f.join(QLatin1Char(',')) + QStringLiteral("\r\n");
        };
        QString text = row("Y90001", "ABBEY ROAD SURGERY", "STOCKTON-ON-TEES", "TS18 1HU", "19990401", "A", "01642 000001", "4") +
                       row("Y90002", "RIVERSIDE MEDICAL CENTRE", "HARTLEPOOL", "TS26 8DB", "20050101", "A", "01429 000002", "4");
        const auto existing = ws.db().queryOne(QStringLiteral("SELECT * FROM contractor WHERE contractor_group = 'general_practice' "
                                                              "AND status = 'active' ORDER BY ods_code LIMIT 1"));
        if (existing) {
            const Contractor c = Contractor::fromRow(*existing);
            text += row(c.odsCode, c.name, c.address4, c.postcode, c.openDate.toString(QStringLiteral("yyyyMMdd")), "A",
                        QStringLiteral("0300 000 0000"), "4");
        }
        text += row("Y90003", "MARKET STREET PRACTICE", "DARLINGTON", "DL1 1AA", "20100101", "X", "01325 000003", "4") +
                row("Y90004", "STATION ROAD SURGERY", "YARM", "TS15 9AA", "2010-01-01", "A", "01642 000004", "4") +
                row("Y90005", "NORTH TEES OUT OF HOURS", "STOCKTON-ON-TEES", "TS19 8PE", "20120401", "A", "01642 000005", "1");
        const QString sample = tmp.filePath(QStringLiteral("epraccur.csv"));
        QFile out(sample);
        if (out.open(QIODevice::WriteOnly)) {
            out.write(text.toLatin1());
            out.close();
            ImportDialog d(ws, &w);
            d.setSource(ImportDialog::Source::Ods);
            d.setFiles({sample});
            d.show();
            d.preview();
            shot(&d, QStringLiteral("import-preview"));
            d.setFiles({QDir(dir).filePath(QStringLiteral("no-such-file.csv"))});
            d.preview();
            shot(&d, QStringLiteral("import-refused"));
            d.hide();
        }
    }
    {
        ExportDialog d(ws, &w);
        // As the guide tells it: Community pharmacy chosen in the contractor list, then File > Export.
        const QString page = w.currentPage();
        if (auto* group = w.contractorList()->findChild<QComboBox*>(QStringLiteral("groupFilter")); group && w.showPage(QStringLiteral("contractors"))) {
            const int all = group->currentIndex();
            group->setCurrentIndex(group->findData(QStringLiteral("pharmacy")));
            w.contractorList()->applyFilter();
            d.setScope(ExportDialog::scopeShownIn(&w));
            group->setCurrentIndex(all);
            w.contractorList()->applyFilter();
            w.showPage(page);
        }
        d.setPath(QDir(dir).filePath(QStringLiteral("casebook-export.xlsx")));
        d.show();
        shot(&d, QStringLiteral("export"));
        d.setIncludeConfidential(true);
        shot(&d, QStringLiteral("export-confidential"));
        d.hide();
    }
    // The open practice file as printed, to look at beside the screens.
    if (!w.practiceFile()->contractorId().isEmpty()) {
        try {
            writePracticeFilePdf(exchange::practiceFile(ws.db(), w.practiceFile()->contractor().odsCode),
                                 QDir(dir).filePath(QStringLiteral("practice-file.pdf")));
        } catch (const Error&) {
            // A screenshot run shows screens; a PDF that cannot be written is not worth failing it.
        }
    }
    return files;
}

} // namespace cb::ui

#include "exchange/PdfReport.h"

#include "common/FileSafety.h"
#include "exchange/AtomicFile.h"

#include <QDir>
#include <QFileInfo>
#include <QGuiApplication>
#include <QMarginsF>
#include <QPageLayout>
#include <QPageSize>
#include <QPdfWriter>
#include <QSaveFile>
#include <QAbstractTextDocumentLayout>
#include <QTextDocument>

namespace cb::ui {

void writePracticeFilePdf(const exchange::PracticeFile& file, const QString& path) {
    const QString name = QDir::toNativeSeparators(path);
    if (!qobject_cast<QGuiApplication*>(QCoreApplication::instance()))
        throw ExportError(QStringLiteral("PDF reports need the graphical libraries; run from Casebook or "
                                         "casebook-cli export pdf."));
    if (QFileInfo(path).isDir()) throw ExportError(QStringLiteral("%1 is a folder: choose a file name.").arg(name));
    if (!QFileInfo(QFileInfo(path).absolutePath()).isDir())
        throw ExportError(QStringLiteral("The folder for %1 does not exist. Choose an existing folder.").arg(name));
    // Never over a database, its journal, or a backup being written (issue 16): QSaveFile would
    // rename the PDF into its place and the open database would be lost when Casebook closes.
    if (const QString why = files::whyNotWritable(path); !why.isEmpty()) throw ExportError(why);
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly))
        throw ExportError(QStringLiteral("%1 could not be written (%2).").arg(name, out.errorString()));
    {
        QPdfWriter pdf(&out);
        pdf.setTitle(file.title);
        pdf.setCreator(QStringLiteral("Casebook"));
        pdf.setResolution(300);
        pdf.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait, QMarginsF(15, 15, 15, 15),
                                      QPageLayout::Millimeter));
        QTextDocument doc;
        // Lay text out at the PDF's resolution, so point sizes are points on paper.
        doc.documentLayout()->setPaintDevice(&pdf);
        doc.setHtml(file.html);
        doc.setPageSize(pdf.pageLayout().paintRectPixels(pdf.resolution()).size());
        doc.print(&pdf);
    }
    if (out.error() != QFileDevice::NoError) {
        const QString why = out.errorString();
        out.cancelWriting();
        throw ExportError(QStringLiteral("%1 could not be written (%2). Nothing was saved.").arg(name, why));
    }
    if (!out.commit())
        throw ExportError(QStringLiteral("%1 could not be saved (%2). Nothing was saved.").arg(name, out.errorString()));
}

} // namespace cb::ui

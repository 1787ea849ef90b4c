#pragma once
// What the export tests share: the contractors a list filtered to Community pharmacy shows, and
// the parts of an .xlsx the exports write (a zip of XML), read through the unzip command.
#include "contractors/Contractor.h"
#include "exchange/ExportScope.h"

#include <QByteArray>
#include <QProcess>
#include <QRegularExpression>
#include <QString>
#include <optional>

namespace cbtest {

// The scope of a contractor list showing Community pharmacy.
inline cb::exchange::ContractorScope pharmacyScope() {
    cb::exchange::ContractorScope scope;
    cb::ContractorFilter f;
    f.group = QStringLiteral("pharmacy");
    scope.idsSql = QStringLiteral("SELECT c.id FROM contractor c") + cb::ContractorService::whereClause(f, scope.params);
    scope.description = QStringLiteral("the contractors the list shows: Community pharmacy");
    return scope;
}

// One part of the workbook's zip ("xl/workbook.xml"), or nullopt when unzip is not installed.
inline std::optional<QByteArray> workbookPart(const QString& file, const QString& name) {
    QProcess unzip;
    unzip.start(QStringLiteral("unzip"), {QStringLiteral("-p"), file, name});
    if (!unzip.waitForFinished(20000) || unzip.exitStatus() != QProcess::NormalExit || unzip.exitCode() != 0)
        return std::nullopt;
    return unzip.readAllStandardOutput();
}

// Every text of a workbook: its shared strings, if it has any, and every sheet. Casebook's export
// writes strings in their cells (constant memory: no shared table), the roster export shares them.
inline QByteArray workbookText(const QString& file) {
    QProcess unzip;
    // Exit status 11 (a name that matched nothing: no shared strings) still gives the sheets.
    unzip.start(QStringLiteral("unzip"), {QStringLiteral("-p"), file, QStringLiteral("xl/sharedStrings.xml"),
                                          QStringLiteral("xl/worksheets/*.xml")});
    if (!unzip.waitForFinished(20000) || unzip.exitStatus() != QProcess::NormalExit) return {};
    return unzip.readAllStandardOutput();
}

// The XML of the sheet named sheetName, or nullopt when unzip is missing or there is no such sheet.
inline std::optional<QByteArray> sheetXml(const QString& file, const QString& sheetName) {
    const auto workbook = workbookPart(file, QStringLiteral("xl/workbook.xml"));
    if (!workbook) return std::nullopt;
    const auto m = QRegularExpression(QStringLiteral("<sheet name=\"%1\" sheetId=\"(\\d+)\"").arg(QRegularExpression::escape(sheetName)))
                       .match(QString::fromUtf8(*workbook));
    if (!m.hasMatch()) return std::nullopt;
    return workbookPart(file, QStringLiteral("xl/worksheets/sheet%1.xml").arg(m.captured(1)));
}

} // namespace cbtest

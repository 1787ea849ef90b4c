#pragma once

#include <QJsonArray>
#include <QString>
#include <QStringList>

namespace cb {

// A report as rows of text under named columns, written as aligned text, CSV or JSON. Shared by
// the CLI's `report` subcommands and any screen that previews a report.
struct ReportColumn {
    QString key;   // JSON key and CSV header: snake_case
    QString label; // text header
    bool numeric = false; // written as a JSON number (empty stays null)
};

struct ReportTable {
    QList<ReportColumn> columns;
    QList<QStringList> rows;
    QStringList notes; // lines printed after a text report ("3 confidential concerns left out...")

    QString toText() const;
    QString toCsv() const; // header row of keys, RFC 4180, CRLF
    QJsonArray toJson() const;
};

} // namespace cb

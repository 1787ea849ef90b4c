#pragma once

#include <QDate>
#include <QString>

namespace cb {
class Database;
}

// The one confidentiality rule, asked by every output path (exports, reports, PDFs, the CLI's
// lists, the worklist). Which records are confidential is declared once per table, in its exchange
// descriptor (ExchangeTable::confidentialWhere): concerns marked confidential and everything hanging
// off them, and every declaration of interests. Outputs meant for sharing leave those records out,
// or name them without their details, unless the user explicitly includes them.
namespace cb::confidential {

// SQL predicate selecting the confidential rows of table; empty when nothing in it is confidential.
QString where(const QString& table);
// True when the record is confidential under that rule.
bool isConfidential(Database& db, const QString& table, const QString& id);

// How an output that may be seen by anyone names confidential things: never their details.
QString concernSummary(const QString& summary, bool confidential); // "Confidential concern (details withheld)"
// A declaration of interests, without what was declared: "declaration of interests made on 01/02/2025".
QString declarationMention(const QString& kind, const QDate& declaredOn);

} // namespace cb::confidential

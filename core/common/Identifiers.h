#pragma once

#include <QDate>
#include <QString>
#include <optional>

// Identifier formats from PRIMER section 6, and en-GB display of dates and money.
namespace cb::ident {

QString normaliseCode(const QString& code); // trimmed, upper case, inner spaces removed

// ODS code format for a contractor group; returns an empty string when valid, else the message.
QString checkOdsCode(const QString& group, const QString& code);
QString checkBranchCode(const QString& code); // GP branch: parent code + 3 digits
QString checkCommissionerCode(const QString& code);
QString checkParentCode(const QString& group, const QString& code);

// "ts181hu" -> "TS18 1HU". Returns the input trimmed and upper-cased if it is not a postcode.
QString normalisePostcode(const QString& postcode);
bool isValidPostcode(const QString& postcode);
bool looksLikePostcode(const QString& text); // full postcode, any spacing

bool isValidEmail(const QString& email);
bool isValidTelephone(const QString& telephone);

// Registration numbers: empty string when valid, else the message.
QString checkRegistration(const QString& body, const QString& number, const QString& profession);

} // namespace cb::ident

namespace cb::fmt {

QString date(const QDate& d);                  // "22/11/2026", "" for null
QString dateIso(const QDate& d);               // "2026-11-22", "" for null
QDate parseIsoDate(const QString& s);          // null when empty or invalid
std::optional<QDate> parseUserDate(const QString& s); // dd/MM/yyyy, d/M/yyyy or ISO; nullopt if not a date
QString money(qint64 pence);                   // "£1,234.56", "-£5.00"
std::optional<qint64> parseMoney(const QString& s); // "£1,234.56", "1234.5", "1234" -> pence

} // namespace cb::fmt

#include "reports/ReportCsv.h"

namespace cb::reportcsv {

QString field(const QString& value, bool guardFormulas) {
    QString v = value;
    if (guardFormulas && !v.isEmpty() && QStringLiteral("=+-@\t\r").contains(v.front())) v.prepend(QLatin1Char('\''));
    if (v.contains(QLatin1Char(',')) || v.contains(QLatin1Char('"')) || v.contains(QLatin1Char('\n')) || v.contains(QLatin1Char('\r')))
        return QLatin1Char('"') + v.replace(QLatin1Char('"'), QStringLiteral("\"\"")) + QLatin1Char('"');
    return v;
}

QString line(const QStringList& fields, bool guardFormulas) {
    QStringList out;
    for (const QString& f : fields) out << field(f, guardFormulas);
    return out.join(QLatin1Char(',')) + QStringLiteral("\r\n");
}

} // namespace cb::reportcsv

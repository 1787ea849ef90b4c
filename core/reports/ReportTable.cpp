#include "reports/ReportTable.h"

#include "reports/ReportCsv.h"

#include <QJsonObject>

namespace cb {

namespace {
constexpr int kMaxTextWidth = 60; // long summaries are cut in the text layout (CSV and JSON keep all)

QString cell(const QString& s) {
    QString one = s.simplified();
    return one.size() > kMaxTextWidth ? one.left(kMaxTextWidth - 3) + QStringLiteral("...") : one;
}
} // namespace

QString ReportTable::toText() const {
    QList<int> widths;
    for (const ReportColumn& c : columns) widths << c.label.size();
    for (const QStringList& r : rows)
        for (int i = 0; i < columns.size(); ++i) widths[i] = std::max<int>(widths[i], cell(r.value(i)).size());
    const auto layout = [&](const QStringList& values) {
        QStringList parts;
        for (int i = 0; i < columns.size(); ++i)
            parts << (columns[i].numeric ? cell(values.value(i)).rightJustified(widths[i]) : cell(values.value(i)).leftJustified(widths[i]));
        return parts.join(QStringLiteral("  ")).trimmed() + QLatin1Char('\n');
    };
    QStringList header;
    for (const ReportColumn& c : columns) header << c.label;
    QString out = layout(header);
    for (const QStringList& r : rows) out += layout(r);
    for (const QString& n : notes) out += n + QLatin1Char('\n');
    return out;
}

QString ReportTable::toCsv() const {
    QStringList header;
    for (const ReportColumn& c : columns) header << c.key;
    QString out = reportcsv::line(header);
    for (const QStringList& r : rows) out += reportcsv::line(r);
    return out;
}

QJsonArray ReportTable::toJson() const {
    QJsonArray out;
    for (const QStringList& r : rows) {
        QJsonObject o;
        for (int i = 0; i < columns.size(); ++i) {
            const QString v = r.value(i);
            if (columns[i].numeric) o.insert(columns[i].key, v.isEmpty() ? QJsonValue() : QJsonValue(v.toDouble()));
            else o.insert(columns[i].key, v);
        }
        out.append(o);
    }
    return out;
}

} // namespace cb

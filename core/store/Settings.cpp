#include "store/Settings.h"

#include <QRegularExpression>

namespace cb {

bool Settings::isValidKey(const QString& key) {
    static const QRegularExpression re(QStringLiteral("^[a-z][a-z0-9_]*(\\.[a-z0-9_]+)*$"));
    return re.match(key).hasMatch();
}

std::optional<QString> Settings::value(const QString& key) {
    const QVariant v = m_db.scalar(QStringLiteral("SELECT value FROM setting WHERE key = ?"), {key});
    if (v.isNull()) return std::nullopt;
    return v.toString();
}

QString Settings::text(const QString& key, const QString& fallback) { return value(key).value_or(fallback); }

int Settings::integer(const QString& key, int fallback) {
    const auto v = value(key);
    if (!v) return fallback;
    bool ok = false;
    const int n = v->toInt(&ok);
    return ok ? n : fallback;
}

double Settings::number(const QString& key, double fallback) {
    const auto v = value(key);
    if (!v) return fallback;
    bool ok = false;
    const double n = v->toDouble(&ok);
    return ok ? n : fallback;
}

void Settings::set(const QString& key, const QString& value) {
    if (!isValidKey(key))
        throw ValidationError("key", QStringLiteral("\"%1\" is not a setting name: use lower-case words joined by dots, "
                                                    "like risk.band.low_max.").arg(key));
    m_db.write([&] {
        const auto existing = m_db.queryOne(QStringLiteral("SELECT id FROM setting WHERE key = ?"), {key});
        m_db.save(QStringLiteral("setting"), Row{{"id", existing ? existing->value("id").toString() : Database::newId()},
                                                 {"key", key},
                                                 {"value", value}});
    });
}

void Settings::reset(const QString& key) {
    m_db.write([&] {
        const auto existing = m_db.queryOne(QStringLiteral("SELECT id FROM setting WHERE key = ?"), {key});
        if (existing) m_db.remove(QStringLiteral("setting"), existing->value("id").toString());
    });
}

} // namespace cb

#pragma once
// Helpers for the process-rule tests (issue 14): a refusal with its message, and an exchange file
// exported, edited and imported again to show an import refuses what the services refuse.
#include "TestSupport.h"
#include "common/Errors.h"
#include "exchange/Import.h"
#include "exchange/RecordExchange.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <catch2/catch.hpp>
#include <functional>

namespace cbtest {

// Runs fn, expecting a ValidationError whose message for `field` contains `text`.
template <class F> void refused(F&& fn, const QString& field, const QString& text) {
    try {
        fn();
    } catch (const cb::ValidationError& e) {
        INFO(e.message().toStdString());
        REQUIRE(e.messageFor(field).contains(text));
        return;
    }
    FAIL("expected a ValidationError on " << field.toStdString());
}

// Exports everything (confidential records included); the file written (its name says CONFIDENTIAL
// when it holds confidential records).
inline QString exportAll(cb::Database& db, const QString& path) {
    cb::exchange::ExportOptions all;
    all.includeConfidential = true;
    return cb::exchange::exportJson(db, path, all).path;
}

// Edits the tables of an exchange file in place.
inline void editJson(const QString& path, const std::function<void(QJsonObject& tables)>& fn) {
    QFile f(path);
    REQUIRE(f.open(QIODevice::ReadOnly));
    QJsonObject doc = QJsonDocument::fromJson(f.readAll()).object();
    f.close();
    QJsonObject tables = doc.value("tables").toObject();
    fn(tables);
    doc.insert("tables", tables);
    REQUIRE(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(QJsonDocument(doc).toJson());
}

// Sets field `key` of record `id` of `table` in an exchange file.
inline void tamper(const QString& path, const QString& table, const QString& id, const QString& key, const QJsonValue& value) {
    editJson(path, [&](QJsonObject& tables) {
        QJsonArray rows = tables.value(table).toArray();
        bool found = false;
        for (int i = 0; i < rows.size(); ++i) {
            QJsonObject r = rows.at(i).toObject();
            if (r.value("id").toString() != id) continue;
            r.insert(key, value);
            rows.replace(i, r);
            found = true;
        }
        REQUIRE(found);
        tables.insert(table, rows);
    });
}

// Imports an exchange file; the rejection reasons, one a line.
// What an import refused: each refused row's reason, or the whole file's when nothing was imported.
inline QString importReasons(cb::Database& into, const QString& path) {
    auto job = cb::exchange::ImportJob::json(path);
    cb::exchange::ImportSummary done;
    try {
        done = job.commit(into);
    } catch (const cb::ValidationError& e) {
        return e.message();
    }
    QStringList reasons;
    for (const auto& f : done.files)
        for (const auto& r : f.rejections) reasons << r.reason;
    return reasons.join('\n');
}

} // namespace cbtest

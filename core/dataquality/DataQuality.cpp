#include "dataquality/DataQuality.h"

#include "exchange/Import.h"
#include "store/Database.h"
#include "store/ExportOrder.h"

namespace cb {

namespace {
constexpr int kPreviewLinesPerProblem = 20;
}

const QList<Choice>& dataQualityStatuses() {
    static const QList<Choice> list = {{"open", "Open: to confirm"}, {"confirmed", "Confirmed"}};
    return list;
}

const RecordModel<DataQualityNote>& dataQualityRecord() {
    static const RecordModel<DataQualityNote> model = [] {
        RecordModel<DataQualityNote> t("data_quality_note", "Data-quality note", &DataQualityNote::id);
        t.text("record_table", &DataQualityNote::recordTable, "kind of record").required()
            .text("record_id", &DataQualityNote::recordId, "record").required()
            .ref("contractor_id", &DataQualityNote::contractorId, "practice file")
            .text("field", &DataQualityNote::field).required()
            .text("value", &DataQualityNote::value, "value in the file")
            .text("file", &DataQualityNote::file)
            .integer("line", &DataQualityNote::line)
            .text("problem", &DataQualityNote::problem, "what is odd").required()
            .code("status", &DataQualityNote::status, dataQualityStatuses).required()
            .stamps(&DataQualityNote::createdAt, &DataQualityNote::updatedAt)
            .version(&DataQualityNote::rowVersion);
        t.recordType = QStringLiteral("data_quality_notes");
        t.orderBy = byPractice();
        t.title = QStringLiteral("Data-quality notes");
        t.owner = [](Database&, const Row& r) { return r.value("contractor_id").toString(); };
        t.label = [](Database&, const Row& r) {
            return QStringLiteral("Data-quality note on %1 %2").arg(r.value("record_table").toString(),
                                                                     r.value("field").toString());
        };
        return t;
    }();
    return model;
}
CB_RECORD_TYPE(dataQualityRecord)

bool noteDataQuality(Database& db, exchange::FileResult& result, const DataQualityNote& note) {
    // The preview counts each kind of oddity and lists the first lines of each (a national file
    // may hold thousands of the same: every contract's unknown start date).
    int& seen = result.qualityNotes[note.problem];
    if (++seen <= kPreviewLinesPerProblem) {
        const QString where = note.line > 0 ? QStringLiteral("line %1").arg(note.line) : QStringLiteral("the file");
        result.notes << QStringLiteral("data quality, %1%2: %3%4")
                            .arg(where, note.value.isEmpty() ? QString() : QStringLiteral(" (\"%1\")").arg(note.value.left(40)),
                                 note.problem, seen == kPreviewLinesPerProblem ? QStringLiteral(" (further rows counted only)") : QString());
    }
    const auto existing = db.queryOne(
        QStringLiteral("SELECT id FROM data_quality_note WHERE record_table = ? AND record_id = ? AND field = ? "
                       "AND problem = ? LIMIT 1"),
        {note.recordTable, note.recordId, note.field, note.problem});
    if (existing) return false;
    DataQualityNote n = note;
    n.id = Database::newId();
    if (n.status.isEmpty()) n.status = QStringLiteral("open");
    db.save(dataQualityRecord(), n.toRow(), Database::SaveMode::New);
    return true;
}

QList<DataQualityNote> openNotesFor(Database& db, const QString& table, const QString& recordId) {
    return DataQualityNote::fromRows(db.query(QStringLiteral("SELECT * FROM data_quality_note WHERE record_table = ? AND record_id = ? "
                                                             "AND status = 'open' ORDER BY created_at DESC, id"),
                                              {table, recordId}));
}

} // namespace cb

// Schema version 14: dental activity kept exactly (issue 13). Real UDA and UOA figures are
// fractional (urgent care is 1.2 UDAs); the counts were whole numbers in INTEGER columns, where
// SQLite would turn "1234.5" into a floating-point number. They become decimal text ("1234.5",
// hundredths at most: common/Units.h), each column replaced by a TEXT one of the same name (the table
// is not rebuilt, so its id column and references stay as the schema before left them). Existing
// whole numbers are copied exactly ("10000"). uda_value_pence: the value of one UDA in the year, in
// pence, from the contract or a dental activity file: the clawback in pounds is shortfall × value.
namespace cb {
extern const char* const kMigrationExactActivity = R"SQL(
ALTER TABLE dental_activity ADD COLUMN uda_target_v14 TEXT NOT NULL DEFAULT '0';
ALTER TABLE dental_activity ADD COLUMN uoa_target_v14 TEXT NOT NULL DEFAULT '0';
ALTER TABLE dental_activity ADD COLUMN uda_delivered_v14 TEXT;
ALTER TABLE dental_activity ADD COLUMN uda_delivered_h1_v14 TEXT;
ALTER TABLE dental_activity ADD COLUMN uoa_delivered_v14 TEXT;
ALTER TABLE dental_activity ADD COLUMN uoa_delivered_h1_v14 TEXT;
UPDATE dental_activity SET
    uda_target_v14 = CAST(coalesce(uda_target, 0) AS TEXT),
    uoa_target_v14 = CAST(coalesce(uoa_target, 0) AS TEXT),
    uda_delivered_v14 = CAST(uda_delivered AS TEXT),
    uda_delivered_h1_v14 = CAST(uda_delivered_h1 AS TEXT),
    uoa_delivered_v14 = CAST(uoa_delivered AS TEXT),
    uoa_delivered_h1_v14 = CAST(uoa_delivered_h1 AS TEXT);
ALTER TABLE dental_activity DROP COLUMN uda_target;
ALTER TABLE dental_activity DROP COLUMN uoa_target;
ALTER TABLE dental_activity DROP COLUMN uda_delivered;
ALTER TABLE dental_activity DROP COLUMN uda_delivered_h1;
ALTER TABLE dental_activity DROP COLUMN uoa_delivered;
ALTER TABLE dental_activity DROP COLUMN uoa_delivered_h1;
ALTER TABLE dental_activity RENAME COLUMN uda_target_v14 TO uda_target;
ALTER TABLE dental_activity RENAME COLUMN uoa_target_v14 TO uoa_target;
ALTER TABLE dental_activity RENAME COLUMN uda_delivered_v14 TO uda_delivered;
ALTER TABLE dental_activity RENAME COLUMN uda_delivered_h1_v14 TO uda_delivered_h1;
ALTER TABLE dental_activity RENAME COLUMN uoa_delivered_v14 TO uoa_delivered;
ALTER TABLE dental_activity RENAME COLUMN uoa_delivered_h1_v14 TO uoa_delivered_h1;
ALTER TABLE dental_activity ADD COLUMN uda_value_pence INTEGER;
)SQL";
} // namespace cb

// Schema version 15: a dental contract's own UDA and UOA targets kept exactly (issue 13), as
// schema 14 did for the yearly dental activity. A GDS or PDS contract may be for 3,500.5 UDAs; the
// targets were whole numbers in INTEGER columns, where SQLite would turn "3500.5" into a
// floating-point number. They become decimal text (hundredths at most: common/Units.h), each column
// replaced by a nullable TEXT one of the same name (the table is not rebuilt, so its id column and
// the references to it stay as they were). A contract without a target keeps none (null); existing
// whole numbers are copied exactly ("10000").
namespace cb {
extern const char* const kMigrationExactContractTargets = R"SQL(
ALTER TABLE contract ADD COLUMN uda_target_v15 TEXT;
ALTER TABLE contract ADD COLUMN uoa_target_v15 TEXT;
UPDATE contract SET
    uda_target_v15 = CAST(uda_target AS TEXT),
    uoa_target_v15 = CAST(uoa_target AS TEXT)
WHERE uda_target IS NOT NULL OR uoa_target IS NOT NULL;
ALTER TABLE contract DROP COLUMN uda_target;
ALTER TABLE contract DROP COLUMN uoa_target;
ALTER TABLE contract RENAME COLUMN uda_target_v15 TO uda_target;
ALTER TABLE contract RENAME COLUMN uoa_target_v15 TO uoa_target;
)SQL";
} // namespace cb

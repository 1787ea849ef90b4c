// Schema version 18: a leaner search index and one index fewer (issue 17: the 50,000-contractor
// register was 157 MiB after V017, against a goal of 150).
//
// - The two search indexes no longer keep each column's length in tokens (`columnsize=0`): only
//   ranking by relevance (bm25) reads it, and Casebook lists matches in the order a caseworker
//   picks, never by relevance. That was 1.6 MiB at 50,000 contractors. Every query that worked
//   before works the same (phrases too: `detail=column` would have saved 1.4 MiB more, but refuses
//   the phrase the postcode search is).
// - contractor_parent indexed parent_code, which no query looks up (0.5 MiB).
// The triggers that keep the indexes in step name them, and work on the new tables unchanged.
namespace cb {
extern const char* const kMigrationLeanSearch = R"SQL(
DROP TABLE contractor_fts;
CREATE VIRTUAL TABLE contractor_fts USING fts5(
    ods_code, name, postcode, address1, address2, address3, address4, address5,
    content='contractor', content_rowid='rowid', tokenize="unicode61 remove_diacritics 2", columnsize=0);
INSERT INTO contractor_fts(contractor_fts) VALUES ('rebuild');

DROP TABLE performer_fts;
CREATE VIRTUAL TABLE performer_fts USING fts5(
    given_name, family_name, registration_number,
    content='performer', content_rowid='rowid', tokenize="unicode61 remove_diacritics 2", columnsize=0);
INSERT INTO performer_fts(performer_fts) VALUES ('rebuild');

DROP INDEX contractor_parent;
)SQL";
} // namespace cb

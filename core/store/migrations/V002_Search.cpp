// Schema version 2: FTS5 indexes for global search (contractors by code, name, postcode and
// address; performers by name and registration number), kept in step by triggers. Both are
// external-content tables over real columns, so 'rebuild' works if an index is ever damaged.
namespace cb {
extern const char* const kMigrationSearch = R"SQL(
CREATE VIRTUAL TABLE contractor_fts USING fts5(
    ods_code, name, postcode, address1, address2, address3, address4, address5,
    content='contractor', content_rowid='rowid', tokenize="unicode61 remove_diacritics 2");
CREATE TRIGGER contractor_fts_ai AFTER INSERT ON contractor BEGIN
    INSERT INTO contractor_fts(rowid, ods_code, name, postcode, address1, address2, address3, address4, address5)
    VALUES (new.rowid, new.ods_code, new.name, new.postcode, new.address1, new.address2, new.address3,
            new.address4, new.address5);
END;
CREATE TRIGGER contractor_fts_ad AFTER DELETE ON contractor BEGIN
    INSERT INTO contractor_fts(contractor_fts, rowid, ods_code, name, postcode, address1, address2, address3,
                               address4, address5)
    VALUES ('delete', old.rowid, old.ods_code, old.name, old.postcode, old.address1, old.address2, old.address3,
            old.address4, old.address5);
END;
CREATE TRIGGER contractor_fts_au AFTER UPDATE ON contractor BEGIN
    INSERT INTO contractor_fts(contractor_fts, rowid, ods_code, name, postcode, address1, address2, address3,
                               address4, address5)
    VALUES ('delete', old.rowid, old.ods_code, old.name, old.postcode, old.address1, old.address2, old.address3,
            old.address4, old.address5);
    INSERT INTO contractor_fts(rowid, ods_code, name, postcode, address1, address2, address3, address4, address5)
    VALUES (new.rowid, new.ods_code, new.name, new.postcode, new.address1, new.address2, new.address3,
            new.address4, new.address5);
END;

CREATE VIRTUAL TABLE performer_fts USING fts5(
    given_name, family_name, registration_number,
    content='performer', content_rowid='rowid', tokenize="unicode61 remove_diacritics 2");
CREATE TRIGGER performer_fts_ai AFTER INSERT ON performer BEGIN
    INSERT INTO performer_fts(rowid, given_name, family_name, registration_number)
    VALUES (new.rowid, new.given_name, new.family_name, new.registration_number);
END;
CREATE TRIGGER performer_fts_ad AFTER DELETE ON performer BEGIN
    INSERT INTO performer_fts(performer_fts, rowid, given_name, family_name, registration_number)
    VALUES ('delete', old.rowid, old.given_name, old.family_name, old.registration_number);
END;
CREATE TRIGGER performer_fts_au AFTER UPDATE ON performer BEGIN
    INSERT INTO performer_fts(performer_fts, rowid, given_name, family_name, registration_number)
    VALUES ('delete', old.rowid, old.given_name, old.family_name, old.registration_number);
    INSERT INTO performer_fts(rowid, given_name, family_name, registration_number)
    VALUES (new.rowid, new.given_name, new.family_name, new.registration_number);
END;
-- Index records written before this version.
INSERT INTO contractor_fts(contractor_fts) VALUES ('rebuild');
INSERT INTO performer_fts(performer_fts) VALUES ('rebuild');
)SQL";
} // namespace cb

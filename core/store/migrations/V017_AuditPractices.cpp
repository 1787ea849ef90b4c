// Schema version 17: the audit trail names each practice file once (issue 17: the 50,000-contractor
// register was 167 MiB against a goal of 150; the trail was 50 MiB of it).
//
// - audit_practice lists the practice files the trail has seen, each once, with a small number.
//   An audit row keeps that number (`practice`, 1 to 3 bytes) instead of the practice's 16-byte id:
//   nine rows in ten belong to a practice file. The view `audit` still shows the id.
// - The record index holds only the rows a practice file's index does not find: changes and
//   deletions, and rows that belong to no practice file (performers, LPN rosters). A record's
//   creation, nine rows in ten, is found through its practice file (AuditTrail::forRecord).
// Nothing recorded is lost or reworded: every row keeps who, when, what and the values it had.
// Rows are copied in their order; the old table goes.
namespace cb {
// (Several literals: MSVC takes at most 16 KB in one.)
extern const char* const kMigrationAuditPractices = R"SQL(
CREATE TABLE audit_practice (
    n  INTEGER PRIMARY KEY,
    id ANY NOT NULL UNIQUE                  -- the practice file's record id, as the view `audit` showed it
) STRICT;

-- Each practice id audit_log holds (16 bytes, or text for an id that is not a record id), with its
-- id as text (worked out by the view, once for each practice) and its new number.
CREATE TEMP TABLE v017_practice (raw ANY PRIMARY KEY, first INTEGER NOT NULL, id ANY, n INTEGER) STRICT;
INSERT INTO temp.v017_practice(raw, first)
    SELECT contractor_id, min(seq) FROM audit_log WHERE contractor_id IS NOT NULL GROUP BY contractor_id;
UPDATE temp.v017_practice SET id = (SELECT v.contractor_id FROM audit v WHERE v.seq = temp.v017_practice.first);
INSERT OR IGNORE INTO audit_practice(id) SELECT id FROM temp.v017_practice ORDER BY first;
UPDATE temp.v017_practice SET n = (SELECT p.n FROM audit_practice p WHERE p.id = temp.v017_practice.id);

DROP VIEW audit; -- and its trigger; both are made again below
DROP INDEX audit_log_record;
DROP INDEX audit_log_contractor;
CREATE TABLE audit_log_v017 (
    seq           INTEGER PRIMARY KEY,      -- rows are never deleted, so seq only grows
    at            ANY NOT NULL,             -- UTC seconds since 1970
    who           INTEGER NOT NULL REFERENCES audit_name(id),
    entity        INTEGER NOT NULL REFERENCES audit_name(id),
    action        INTEGER NOT NULL,         -- 1 insert | 2 update | 3 delete
    record_id     ANY NOT NULL,             -- 16-byte record id, or the id as text
    practice      INTEGER REFERENCES audit_practice(n), -- the practice file the change belongs to, if any
    label         TEXT,                     -- human name of the record at the time (none on inserts since V016)
    source        INTEGER REFERENCES audit_name(id),
    old_values    TEXT,                     -- update: changed fields before; delete: the whole record
    new_values    TEXT                      -- update: changed fields after; insert: null (rows before V007: the record)
) STRICT;
INSERT INTO audit_log_v017(seq, at, who, entity, action, record_id, practice, label, source, old_values, new_values)
    SELECT a.seq, a.at, a.who, a.entity, a.action, a.record_id, p.n, a.label, a.source, a.old_values, a.new_values
    FROM audit_log a LEFT JOIN temp.v017_practice p ON p.raw = a.contractor_id ORDER BY a.seq;
DROP TABLE audit_log;
ALTER TABLE audit_log_v017 RENAME TO audit_log;
DROP TABLE temp.v017_practice;

-- An id's first 4 bytes (V016). A record's creation with a practice file is found through that file.
CREATE INDEX audit_log_record ON audit_log(substr(record_id, 1, 4)) WHERE action <> 1 OR practice IS NULL;
CREATE INDEX audit_log_practice ON audit_log(practice) WHERE practice IS NOT NULL;

CREATE VIEW audit AS
    SELECT a.seq,
           CASE typeof(a.at) WHEN 'integer' THEN strftime('%Y-%m-%dT%H:%M:%SZ', a.at, 'unixepoch') ELSE a.at END AS at,
           w.name AS who, e.name AS entity,
           CASE WHEN typeof(a.record_id) = 'blob' AND length(a.record_id) = 16 THEN
               (SELECT substr(b64, (((instr('0123456789abcdef', substr(hex, 1, 1)) - 1) * 256 + (instr('0123456789abcdef', substr(hex, 2, 1)) - 1) * 16 + (instr('0123456789abcdef', substr(hex, 3, 1)) - 1)) >> 6) + 1, 1) || substr(b64, (((instr('0123456789abcdef', substr(hex, 1, 1)) - 1) * 256 + (instr('0123456789abcdef', substr(hex, 2, 1)) - 1) * 16 + (instr('0123456789abcdef', substr(hex, 3, 1)) - 1)) & 63) + 1, 1) ||
                   substr(b64, (((instr('0123456789abcdef', substr(hex, 4, 1)) - 1) * 256 + (instr('0123456789abcdef', substr(hex, 5, 1)) - 1) * 16 + (instr('0123456789abcdef', substr(hex, 6, 1)) - 1)) >> 6) + 1, 1) || substr(b64, (((instr('0123456789abcdef', substr(hex, 4, 1)) - 1) * 256 + (instr('0123456789abcdef', substr(hex, 5, 1)) - 1) * 16 + (instr('0123456789abcdef', substr(hex, 6, 1)) - 1)) & 63) + 1, 1) ||
                   substr(b64, (((instr('0123456789abcdef', substr(hex, 7, 1)) - 1) * 256 + (instr('0123456789abcdef', substr(hex, 8, 1)) - 1) * 16 + (instr('0123456789abcdef', substr(hex, 9, 1)) - 1)) >> 6) + 1, 1) || substr(b64, (((instr('0123456789abcdef', substr(hex, 7, 1)) - 1) * 256 + (instr('0123456789abcdef', substr(hex, 8, 1)) - 1) * 16 + (instr('0123456789abcdef', substr(hex, 9, 1)) - 1)) & 63) + 1, 1) ||
                   substr(b64, (((instr('0123456789abcdef', substr(hex, 10, 1)) - 1) * 256 + (instr('0123456789abcdef', substr(hex, 11, 1)) - 1) * 16 + (instr('0123456789abcdef', substr(hex, 12, 1)) - 1)) >> 6) + 1, 1) || substr(b64, (((instr('0123456789abcdef', substr(hex, 10, 1)) - 1) * 256 + (instr('0123456789abcdef', substr(hex, 11, 1)) - 1) * 16 + (instr('0123456789abcdef', substr(hex, 12, 1)) - 1)) & 63) + 1, 1) ||
                   substr(b64, (((instr('0123456789abcdef', substr(hex, 13, 1)) - 1) * 256 + (instr('0123456789abcdef', substr(hex, 14, 1)) - 1) * 16 + (instr('0123456789abcdef', substr(hex, 15, 1)) - 1)) >> 6) + 1, 1) || substr(b64, (((instr('0123456789abcdef', substr(hex, 13, 1)) - 1) * 256 + (instr('0123456789abcdef', substr(hex, 14, 1)) - 1) * 16 + (instr('0123456789abcdef', substr(hex, 15, 1)) - 1)) & 63) + 1, 1) ||
                   substr(b64, (((instr('0123456789abcdef', substr(hex, 16, 1)) - 1) * 256 + (instr('0123456789abcdef', substr(hex, 17, 1)) - 1) * 16 + (instr('0123456789abcdef', substr(hex, 18, 1)) - 1)) >> 6) + 1, 1) || substr(b64, (((instr('0123456789abcdef', substr(hex, 16, 1)) - 1) * 256 + (instr('0123456789abcdef', substr(hex, 17, 1)) - 1) * 16 + (instr('0123456789abcdef', substr(hex, 18, 1)) - 1)) & 63) + 1, 1) ||
                   substr(b64, (((instr('0123456789abcdef', substr(hex, 19, 1)) - 1) * 256 + (instr('0123456789abcdef', substr(hex, 20, 1)) - 1) * 16 + (instr('0123456789abcdef', substr(hex, 21, 1)) - 1)) >> 6) + 1, 1) || substr(b64, (((instr('0123456789abcdef', substr(hex, 19, 1)) - 1) * 256 + (instr('0123456789abcdef', substr(hex, 20, 1)) - 1) * 16 + (instr('0123456789abcdef', substr(hex, 21, 1)) - 1)) & 63) + 1, 1) ||
                   substr(b64, (((instr('0123456789abcdef', substr(hex, 22, 1)) - 1) * 256 + (instr('0123456789abcdef', substr(hex, 23, 1)) - 1) * 16 + (instr('0123456789abcdef', substr(hex, 24, 1)) - 1)) >> 6) + 1, 1) || substr(b64, (((instr('0123456789abcdef', substr(hex, 22, 1)) - 1) * 256 + (instr('0123456789abcdef', substr(hex, 23, 1)) - 1) * 16 + (instr('0123456789abcdef', substr(hex, 24, 1)) - 1)) & 63) + 1, 1) ||
                   substr(b64, (((instr('0123456789abcdef', substr(hex, 25, 1)) - 1) * 256 + (instr('0123456789abcdef', substr(hex, 26, 1)) - 1) * 16 + (instr('0123456789abcdef', substr(hex, 27, 1)) - 1)) >> 6) + 1, 1) || substr(b64, (((instr('0123456789abcdef', substr(hex, 25, 1)) - 1) * 256 + (instr('0123456789abcdef', substr(hex, 26, 1)) - 1) * 16 + (instr('0123456789abcdef', substr(hex, 27, 1)) - 1)) & 63) + 1, 1) ||
                   substr(b64, (((instr('0123456789abcdef', substr(hex, 28, 1)) - 1) * 256 + (instr('0123456789abcdef', substr(hex, 29, 1)) - 1) * 16 + (instr('0123456789abcdef', substr(hex, 30, 1)) - 1)) >> 6) + 1, 1) || substr(b64, (((instr('0123456789abcdef', substr(hex, 28, 1)) - 1) * 256 + (instr('0123456789abcdef', substr(hex, 29, 1)) - 1) * 16 + (instr('0123456789abcdef', substr(hex, 30, 1)) - 1)) & 63) + 1, 1) ||
                   substr(b64, (((instr('0123456789abcdef', substr(hex, 31, 1)) - 1) * 16 + (instr('0123456789abcdef', substr(hex, 32, 1)) - 1)) >> 2) + 1, 1) || substr(b64, ((((instr('0123456789abcdef', substr(hex, 31, 1)) - 1) * 16 + (instr('0123456789abcdef', substr(hex, 32, 1)) - 1)) & 3) << 4) + 1, 1)
                FROM (SELECT lower(hex(a.record_id)) AS hex, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_' AS b64))
               ELSE a.record_id END AS record_id,
           p.id AS contractor_id,
           a.label,
           CASE a.action WHEN 1 THEN 'insert' WHEN 2 THEN 'update' ELSE 'delete' END AS action,
           a.old_values, a.new_values, s.name AS source
    FROM audit_log a JOIN audit_name w ON w.id = a.who JOIN audit_name e ON e.id = a.entity
         LEFT JOIN audit_name s ON s.id = a.source LEFT JOIN audit_practice p ON p.n = a.practice;
)SQL" R"SQL(
-- Writers that still insert into the old table name (as V013: ids arrive as text and stay text).
CREATE TRIGGER audit_insert INSTEAD OF INSERT ON audit BEGIN
    INSERT OR IGNORE INTO audit_name(name) VALUES (new.who), (new.entity);
    INSERT OR IGNORE INTO audit_name(name) SELECT new.source WHERE new.source IS NOT NULL;
    INSERT OR IGNORE INTO audit_practice(id) SELECT new.contractor_id WHERE new.contractor_id IS NOT NULL;
    INSERT INTO audit_log(at, who, entity, action, record_id, practice, label, source, old_values, new_values)
    VALUES (coalesce(unixepoch(new.at), new.at), (SELECT id FROM audit_name WHERE name = new.who),
            (SELECT id FROM audit_name WHERE name = new.entity),
            CASE new.action WHEN 'insert' THEN 1 WHEN 'update' THEN 2 ELSE 3 END, new.record_id,
            (SELECT n FROM audit_practice WHERE id = new.contractor_id), new.label,
            (SELECT id FROM audit_name WHERE name = new.source), new.old_values, new.new_values);
END;
)SQL";
} // namespace cb

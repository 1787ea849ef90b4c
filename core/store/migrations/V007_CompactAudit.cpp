// Schema version 7: a compact audit trail. Up to version 6 every audit row spelt out its time,
// user, table and source as text, its record and practice ids as 36-character text, and an insert
// copied the whole new record as JSON: at 50,000 contractors that was most of a 436 MiB file.
//
// audit_log keeps the same information in fewer bytes:
//   at            seconds since 1970 UTC (an integer; text only if an old row's time was unreadable)
//   who, entity, source   small integer references into audit_name (one row per distinct name)
//   action        1 insert, 2 update, 3 delete
//   record_id, contractor_id   a UUID as its 16 bytes (ids that are not UUIDs stay text)
//   old_values, new_values      JSON of the changed fields only. An insert stores no values: the
//                 record itself holds them, and what it was created with is its current values
//                 with every later update's old values put back (AuditTrail::createdWith); a delete
//                 keeps the whole record in old_values, so that still works after it has gone.
// Rows written before this version keep their values as they were (inserts keep their JSON).
//
// The view `audit` shows audit_log with the old columns spelt out (ISO time, names, ids as text),
// and an insert into it is stored compactly, so queries written for the old table keep working.
// It cannot use the indexes: code that reads a practice file's history uses AuditTrail.
namespace cb {
extern const char* const kMigrationCompactAudit = R"SQL(
CREATE TABLE audit_name (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE               -- an OS user, a table name or a source such as "import epraccur.csv"
) STRICT;

CREATE TABLE audit_log (
    seq           INTEGER PRIMARY KEY,      -- rows are never deleted, so seq only grows
    at            ANY NOT NULL,             -- UTC seconds since 1970
    who           INTEGER NOT NULL REFERENCES audit_name(id),
    entity        INTEGER NOT NULL REFERENCES audit_name(id),
    action        INTEGER NOT NULL,         -- 1 insert | 2 update | 3 delete
    record_id     ANY NOT NULL,             -- 16-byte UUID blob, or the id as text
    contractor_id ANY,                      -- the practice file the change belongs to, if any
    label         TEXT,                     -- human name of the record at the time
    source        INTEGER REFERENCES audit_name(id),
    old_values    TEXT,                     -- update: changed fields before; delete: the whole record
    new_values    TEXT                      -- update: changed fields after; insert: null (rows before V007: the record)
) STRICT;

INSERT INTO audit_name(name)
    SELECT who FROM audit UNION SELECT entity FROM audit UNION SELECT source FROM audit WHERE source IS NOT NULL;
INSERT INTO audit_log(seq, at, who, entity, action, record_id, contractor_id, label, source, old_values, new_values)
    SELECT a.seq, coalesce(unixepoch(a.at), a.at),
           (SELECT id FROM audit_name WHERE name = a.who), (SELECT id FROM audit_name WHERE name = a.entity),
           CASE a.action WHEN 'insert' THEN 1 WHEN 'update' THEN 2 ELSE 3 END,
           a.record_id, a.contractor_id, a.label, (SELECT id FROM audit_name WHERE name = a.source),
           a.old_values, a.new_values
    FROM audit a ORDER BY a.seq;
DROP TABLE audit;

-- A rowid table's index ends with the rowid, so (record_id) already orders by seq: the old
-- (record_id, seq) indexes stored seq twice.
CREATE INDEX audit_log_record ON audit_log(record_id);
CREATE INDEX audit_log_contractor ON audit_log(contractor_id) WHERE contractor_id IS NOT NULL;

CREATE VIEW audit AS
    SELECT a.seq,
           CASE typeof(a.at) WHEN 'integer' THEN strftime('%Y-%m-%dT%H:%M:%SZ', a.at, 'unixepoch') ELSE a.at END AS at,
           w.name AS who, e.name AS entity,
           CASE typeof(a.record_id) WHEN 'blob' THEN lower(substr(hex(a.record_id), 1, 8) || '-' ||
               substr(hex(a.record_id), 9, 4) || '-' || substr(hex(a.record_id), 13, 4) || '-' ||
               substr(hex(a.record_id), 17, 4) || '-' || substr(hex(a.record_id), 21)) ELSE a.record_id END AS record_id,
           CASE typeof(a.contractor_id) WHEN 'blob' THEN lower(substr(hex(a.contractor_id), 1, 8) || '-' ||
               substr(hex(a.contractor_id), 9, 4) || '-' || substr(hex(a.contractor_id), 13, 4) || '-' ||
               substr(hex(a.contractor_id), 17, 4) || '-' || substr(hex(a.contractor_id), 21))
               ELSE a.contractor_id END AS contractor_id,
           a.label,
           CASE a.action WHEN 1 THEN 'insert' WHEN 2 THEN 'update' ELSE 'delete' END AS action,
           a.old_values, a.new_values, s.name AS source
    FROM audit_log a JOIN audit_name w ON w.id = a.who JOIN audit_name e ON e.id = a.entity
         LEFT JOIN audit_name s ON s.id = a.source;

-- Writers that still insert into the old table name (ids arrive as text and stay text).
CREATE TRIGGER audit_insert INSTEAD OF INSERT ON audit BEGIN
    INSERT OR IGNORE INTO audit_name(name) VALUES (new.who), (new.entity);
    INSERT OR IGNORE INTO audit_name(name) SELECT new.source WHERE new.source IS NOT NULL;
    INSERT INTO audit_log(at, who, entity, action, record_id, contractor_id, label, source, old_values, new_values)
    VALUES (coalesce(unixepoch(new.at), new.at), (SELECT id FROM audit_name WHERE name = new.who),
            (SELECT id FROM audit_name WHERE name = new.entity),
            CASE new.action WHEN 'insert' THEN 1 WHEN 'update' THEN 2 ELSE 3 END, new.record_id,
            new.contractor_id, new.label, (SELECT id FROM audit_name WHERE name = new.source),
            new.old_values, new.new_values);
END;

)SQL";
} // namespace cb

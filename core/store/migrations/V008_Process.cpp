// Schema version 8: the proportionate process (issue 14). A concern remembers when support to
// improve began and why formal action went ahead before the LRC was told, so its rules can be
// checked from the record alone (by the editor, an import or a team exchange); a notice names
// the concern it arises from.
namespace cb {
extern const char* const kMigrationProcess = R"SQL(
ALTER TABLE concern ADD COLUMN support_started TEXT;      -- first day of support to improve
ALTER TABLE concern ADD COLUMN lrc_reason TEXT;           -- why formal action went ahead before the LRC was informed
ALTER TABLE concern ADD COLUMN nhs_resolution_notified TEXT; -- a panel decision notified to NHS Resolution
ALTER TABLE contract_event ADD COLUMN concern_id TEXT;    -- the concern a remedial, breach or termination notice arises from

UPDATE concern SET support_started = (
    SELECT min(e.event_date) FROM concern_event e
    WHERE e.concern_id = concern.id AND e.kind = 'stage' AND e.to_stage = 'support_to_improve');
UPDATE contract_event SET concern_id = (
    SELECT c.id FROM concern c WHERE c.notice_event_id = contract_event.id ORDER BY c.received_date LIMIT 1)
WHERE kind IN ('remedial_notice', 'breach_notice', 'termination_notice');
ALTER TABLE dental_activity ADD COLUMN mid_year_review_date TEXT; -- the worklist asks for the review until then
ALTER TABLE contract_event ADD COLUMN related_contract_id TEXT; -- a merger: the contract it absorbs
ALTER TABLE contract_event ADD COLUMN acknowledged_date TEXT;   -- application acknowledged
ALTER TABLE contract_event ADD COLUMN decision TEXT;            -- approved | rejected
ALTER TABLE contract_event ADD COLUMN decision_date TEXT;
ALTER TABLE contract_event ADD COLUMN lrc_copied_date TEXT;     -- list closure decision copied to the LMC
ALTER TABLE contract_event ADD COLUMN appeal_date TEXT;         -- pharmacy application appealed to NHS Resolution
ALTER TABLE contract_event ADD COLUMN withheld_pence INTEGER;   -- pharmacy breach notice: payment withheld
ALTER TABLE contract ADD COLUMN hundred_hour INTEGER NOT NULL DEFAULT 0; -- pharmacy under the 100-hour exemption
-- Dispensing doctor arrangements become an attribute of the practice's GP contract. A practice with
-- another GP contract carries the flag there, and its old "dispensing doctor" record ends; one with
-- none keeps the record, as the GMS contract it is.
ALTER TABLE contract ADD COLUMN dispensing INTEGER NOT NULL DEFAULT 0;
UPDATE contract SET dispensing = 1
WHERE route IN ('gms', 'pms', 'apms') AND contractor_id IN (SELECT contractor_id FROM contract WHERE route = 'dispensing_doctor');
UPDATE contract SET dispensing = 1,
    status = CASE WHEN status = 'active' AND EXISTS (SELECT 1 FROM contract g WHERE g.contractor_id = contract.contractor_id
                  AND g.route IN ('gms', 'pms', 'apms') AND g.status = 'active') THEN 'merged' ELSE status END,
    notes = trim(coalesce(notes, '') || char(10) || 'Was recorded as dispensing doctor arrangements (Casebook 8 records dispensing on the GP contract).'),
    route = 'gms'
WHERE route = 'dispensing_doctor';
-- List closures recorded before the procedure existed were dealt with: not awaiting acknowledgement.
UPDATE contract_event SET acknowledged_date = event_date WHERE kind = 'list_closure';
CREATE INDEX contract_event_concern ON contract_event(concern_id);
)SQL";
} // namespace cb

-- Approving an assessment records the decision and freezes its analysis:
-- its findings (the needs and gaps, the catalogue's offer, the plan before)
-- are kept as they were read that day (JSON), so that the approved
-- document does not change as the catalogue and the referrals move on.
-- The plan of measures is still kept up to date. The vision and goals
-- open the proposal part (the Czech SPRSS, the Polish programme).
ALTER TABLE assessments ADD COLUMN approval_body TEXT NOT NULL DEFAULT '';
ALTER TABLE assessments ADD COLUMN decision_number TEXT NOT NULL DEFAULT '';
ALTER TABLE assessments ADD COLUMN decision_date TEXT NOT NULL DEFAULT '';
ALTER TABLE assessments ADD COLUMN approved_at TEXT NOT NULL DEFAULT '';
ALTER TABLE assessments ADD COLUMN findings_frozen TEXT NOT NULL DEFAULT '';
ALTER TABLE assessments ADD COLUMN vision TEXT NOT NULL DEFAULT '';

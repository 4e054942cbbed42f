-- Approving an assessment records the decision and freezes its analysis:
-- the needs and gaps table is kept as it was computed that day (JSON), so
-- that the approved document does not change as the catalogue and the
-- referrals move on. The plan of measures is still kept up to date.
ALTER TABLE assessments ADD COLUMN approval_body TEXT NOT NULL DEFAULT '';
ALTER TABLE assessments ADD COLUMN decision_number TEXT NOT NULL DEFAULT '';
ALTER TABLE assessments ADD COLUMN decision_date TEXT NOT NULL DEFAULT '';
ALTER TABLE assessments ADD COLUMN approved_at TEXT NOT NULL DEFAULT '';
ALTER TABLE assessments ADD COLUMN gaps_frozen TEXT NOT NULL DEFAULT '';

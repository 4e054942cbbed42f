-- The statistics read the referrals sent in a period: who sent and who
-- received them, the situation, urgency, status, the service asked for and
-- the first time each step of the protocol was reached. The table's rows
-- are wide (the texts of the request and the answers), so all of that is
-- kept in one index in order of sending: a year of 100 000 referrals is
-- read from a fifth of the pages, and the events are not read at all.

-- The first time a referral was received, accepted and done, and the
-- deadlines its sending and its first acceptance set ('' where none).
ALTER TABLE referrals ADD COLUMN sent_due_at TEXT NOT NULL DEFAULT '';
ALTER TABLE referrals ADD COLUMN first_received_at TEXT NOT NULL DEFAULT '';
ALTER TABLE referrals ADD COLUMN first_accepted_at TEXT NOT NULL DEFAULT '';
ALTER TABLE referrals ADD COLUMN accepted_due_at TEXT NOT NULL DEFAULT '';
ALTER TABLE referrals ADD COLUMN first_done_at TEXT NOT NULL DEFAULT '';

-- Events are written in the order they happened (a step is never dated
-- before the one before it), so the first event of a status is its first.
CREATE TRIGGER referral_first_steps AFTER INSERT ON referral_events
WHEN new.to_status IN ('sent', 'received', 'accepted', 'done') BEGIN
    UPDATE referrals SET
        sent_due_at = CASE WHEN new.to_status = 'sent' AND sent_due_at = '' THEN new.due_at ELSE sent_due_at END,
        first_received_at = CASE WHEN new.to_status = 'received' AND first_received_at = '' THEN new.at ELSE first_received_at END,
        accepted_due_at = CASE WHEN new.to_status = 'accepted' AND first_accepted_at = '' THEN new.due_at ELSE accepted_due_at END,
        first_accepted_at = CASE WHEN new.to_status = 'accepted' AND first_accepted_at = '' THEN new.at ELSE first_accepted_at END,
        first_done_at = CASE WHEN new.to_status = 'done' AND first_done_at = '' THEN new.at ELSE first_done_at END
    WHERE id = new.referral_id;
END;

UPDATE referrals SET
    sent_due_at = coalesce((SELECT due_at FROM referral_events e WHERE e.referral_id = referrals.id AND e.to_status = 'sent' ORDER BY e.at, e.id LIMIT 1), ''),
    first_received_at = coalesce((SELECT min(at) FROM referral_events e WHERE e.referral_id = referrals.id AND e.to_status = 'received'), ''),
    first_accepted_at = coalesce((SELECT min(at) FROM referral_events e WHERE e.referral_id = referrals.id AND e.to_status = 'accepted'), ''),
    accepted_due_at = coalesce((SELECT due_at FROM referral_events e WHERE e.referral_id = referrals.id AND e.to_status = 'accepted' ORDER BY e.at, e.id LIMIT 1), ''),
    first_done_at = coalesce((SELECT min(at) FROM referral_events e WHERE e.referral_id = referrals.id AND e.to_status = 'done'), '');

CREATE INDEX referrals_statistics ON referrals(sent_at, case_id, from_org, to_org, situation_key, situation_name, urgency, status,
    service_id, sent_due_at, first_received_at, first_accepted_at, accepted_due_at, first_done_at);
DROP INDEX referrals_sent;
-- It served the backfill above; nothing else reads the steps from events.
DROP INDEX referral_events_steps;

-- Cases are counted by the day they were opened, by age, settlement and
-- specialist; and by the day they were closed (the index cases_closed).
CREATE INDEX cases_statistics ON cases(opened_on, birth_year, settlement, specialist);
DROP INDEX cases_opened;

-- Each status change keeps the deadline it set (sent: to be received by;
-- accepted: the work to be done by), so that statistics can tell whether a
-- referral was received, and its work done, within the protocol's
-- deadline after later moves have replaced referrals.due_at. Before this
-- migration only the current deadline was kept: it is given to each
-- referral's last event; earlier events stay without one ("unknown").
ALTER TABLE referral_events ADD COLUMN due_at TEXT NOT NULL DEFAULT '';
UPDATE referral_events SET due_at = (SELECT r.due_at FROM referrals r WHERE r.id = referral_events.referral_id)
WHERE id IN (SELECT max(id) FROM referral_events GROUP BY referral_id);
CREATE INDEX referral_events_step ON referral_events(referral_id, to_status);
-- Statistics count cases by the day they were opened.
CREATE INDEX cases_opened ON cases(opened_on);

-- The sending organization's own registration of a referral letter
-- ("Вих. № 01-12/345 від 24.11.2026"): kept so that a reprint carries the
-- same number and a reply quoting it finds the referral.
ALTER TABLE referrals ADD COLUMN outgoing_number TEXT NOT NULL DEFAULT '';
ALTER TABLE referrals ADD COLUMN outgoing_date TEXT NOT NULL DEFAULT '';
-- How a letter addresses a contact person, in the case the language needs,
-- as organizations.letter_addressee does for the head.
ALTER TABLE organization_contacts ADD COLUMN letter_addressee TEXT NOT NULL DEFAULT '';
-- Whether the organization's letters carry the community's letterhead
-- (its coat of arms and parent body, from the settings): the council's own
-- departments and institutions do, the police or a hospital do not.
ALTER TABLE organizations ADD COLUMN community_letterhead INTEGER NOT NULL DEFAULT 0;

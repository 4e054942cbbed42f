-- How a letter addresses an organization's head, as the user writes it:
-- Ukrainian letters put the position and the name in the dative
-- ("Начальниці служби у справах дітей … Наталії БОНДАР"), which cannot be
-- derived reliably from the nominative the organization's record holds.
ALTER TABLE organizations ADD COLUMN letter_addressee TEXT NOT NULL DEFAULT '';

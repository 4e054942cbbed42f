-- Catalogue exchange (Open Referral HSDS, the Czech register of providers).
-- A service read from a register remembers where it came from, so that a
-- newer file can say which of them it no longer has.
ALTER TABLE services ADD COLUMN origin TEXT NOT NULL DEFAULT '';
CREATE INDEX services_origin ON services(origin) WHERE origin <> '';

-- How a term of another system's taxonomy maps onto the country's
-- classifier, as the user chose it once.
CREATE TABLE exchange_terms (
    source          TEXT NOT NULL,   -- hsds, rpss
    term            TEXT NOT NULL,   -- the term's code, else its name, folded
    service_type_id INTEGER NOT NULL REFERENCES service_types(id) ON DELETE CASCADE,
    PRIMARY KEY (source, term)
) STRICT;

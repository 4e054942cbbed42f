-- Public holidays per country profile, for working-day deadlines; editable.
CREATE TABLE holidays (
    country TEXT NOT NULL,
    date    TEXT NOT NULL,               -- YYYY-MM-DD
    name    TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (country, date)
) STRICT;

-- Vulnerability factors of a case: an editable list.
CREATE TABLE vulnerability_factors (
    id      INTEGER PRIMARY KEY,
    country TEXT NOT NULL,
    name    TEXT NOT NULL CHECK (name <> ''),
    retired INTEGER NOT NULL DEFAULT 0,
    UNIQUE (country, name)
) STRICT;

-- A case: the family or child, with the least personal data that works.
-- Columns marked SENSITIVE are cleared by anonymisation.
CREATE TABLE cases (
    id               INTEGER PRIMARY KEY,
    number           TEXT NOT NULL UNIQUE,
    subject          TEXT NOT NULL,          -- SENSITIVE: initials or pseudonym
    birth_year       INTEGER,                -- SENSITIVE
    settlement       TEXT NOT NULL DEFAULT '', -- SENSITIVE
    consent_given_on TEXT NOT NULL DEFAULT '',
    consent_by       TEXT NOT NULL DEFAULT '', -- SENSITIVE
    specialist       TEXT NOT NULL DEFAULT '',
    opened_on        TEXT NOT NULL,
    closed_on        TEXT NOT NULL DEFAULT '',
    notes            TEXT NOT NULL DEFAULT '', -- SENSITIVE
    anonymised_at    TEXT NOT NULL DEFAULT '',
    search_text      TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
) STRICT;
CREATE INDEX cases_closed ON cases(closed_on);

CREATE TABLE case_factors (
    case_id   INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    factor_id INTEGER NOT NULL REFERENCES vulnerability_factors(id),
    PRIMARY KEY (case_id, factor_id)
) STRICT;

CREATE TABLE referrals (
    id               INTEGER PRIMARY KEY,
    number           TEXT NOT NULL UNIQUE,
    case_id          INTEGER NOT NULL REFERENCES cases(id),
    from_org         TEXT NOT NULL REFERENCES organizations(id),
    from_person      TEXT NOT NULL DEFAULT '',
    to_org           TEXT NOT NULL REFERENCES organizations(id),
    to_person        TEXT NOT NULL DEFAULT '',
    protocol_version INTEGER,                -- the protocol in force when it was made
    situation_key    TEXT NOT NULL DEFAULT '',
    situation_name   TEXT NOT NULL DEFAULT '',
    reason           TEXT NOT NULL DEFAULT '',
    urgency          TEXT NOT NULL,
    service_id       TEXT REFERENCES services(id),
    status           TEXT NOT NULL,
    sent_at          TEXT NOT NULL DEFAULT '',
    received_at      TEXT NOT NULL DEFAULT '',
    due_at           TEXT NOT NULL DEFAULT '', -- the deadline of the current status; overdue is derived
    reject_reason    TEXT NOT NULL DEFAULT '',
    outcome          TEXT NOT NULL DEFAULT '',
    feedback         TEXT NOT NULL DEFAULT '',
    closed_at        TEXT NOT NULL DEFAULT '',
    search_text      TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
) STRICT;
CREATE INDEX referrals_status_due ON referrals(status, due_at);
CREATE INDEX referrals_case ON referrals(case_id);
CREATE INDEX referrals_to ON referrals(to_org);
CREATE INDEX referrals_from ON referrals(from_org);
CREATE INDEX referrals_sent ON referrals(sent_at);

-- Every status change, written with the change.
CREATE TABLE referral_events (
    id          INTEGER PRIMARY KEY,
    referral_id INTEGER NOT NULL REFERENCES referrals(id) ON DELETE CASCADE,
    at          TEXT NOT NULL,
    operator    TEXT NOT NULL,
    from_status TEXT NOT NULL,
    to_status   TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX referral_events_referral ON referral_events(referral_id);

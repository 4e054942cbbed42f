-- Classifier of service types, per country profile; shipped rows are loaded
-- on first use, and users add, rename, retire and import their own.
CREATE TABLE service_types (
    id          INTEGER PRIMARY KEY,
    country     TEXT NOT NULL,
    code        TEXT NOT NULL CHECK (code <> ''),
    name        TEXT NOT NULL CHECK (name <> ''),
    parent_code TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    retired     INTEGER NOT NULL DEFAULT 0,
    UNIQUE (country, code)
) STRICT;

-- Who a service is for: an editable list, in the community's language.
CREATE TABLE target_groups (
    id      INTEGER PRIMARY KEY,
    country TEXT NOT NULL,
    name    TEXT NOT NULL CHECK (name <> ''),
    retired INTEGER NOT NULL DEFAULT 0,
    UNIQUE (country, name)
) STRICT;

-- The public list of social services (Open Referral HSDS "service").
CREATE TABLE services (
    id              TEXT PRIMARY KEY,     -- UUID
    organization_id TEXT NOT NULL REFERENCES organizations(id),
    service_type_id INTEGER NOT NULL REFERENCES service_types(id),
    name            TEXT NOT NULL CHECK (name <> ''),
    description     TEXT NOT NULL DEFAULT '',
    status          TEXT NOT NULL,        -- active, temporarily_closed, inactive, defunct
    age_min         INTEGER,              -- NULL: no lower limit
    age_max         INTEGER,
    forms           TEXT NOT NULL DEFAULT '', -- comma-separated keys: at_home, day, residential, outreach, remote
    address         TEXT NOT NULL DEFAULT '',
    area_served     TEXT NOT NULL DEFAULT '',
    schedule        TEXT NOT NULL DEFAULT '', -- weekday hours, e.g. "1 08:00-17:00;5 08:00-15:45"
    schedule_note   TEXT NOT NULL DEFAULT '',
    capacity        INTEGER,
    capacity_unit   TEXT NOT NULL DEFAULT '',
    waiting_time    TEXT NOT NULL DEFAULT '',
    cost            TEXT NOT NULL DEFAULT '', -- free, partly_paid, paid
    cost_note       TEXT NOT NULL DEFAULT '',
    funding         TEXT NOT NULL DEFAULT '',
    languages       TEXT NOT NULL DEFAULT '',
    how_to_apply    TEXT NOT NULL DEFAULT '',
    phone           TEXT NOT NULL DEFAULT '',
    email           TEXT NOT NULL DEFAULT '',
    verified_on     TEXT,                 -- YYYY-MM-DD, HSDS assured_date
    notes           TEXT NOT NULL DEFAULT '',
    search_text     TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
) STRICT;
CREATE INDEX services_organization ON services(organization_id);
CREATE INDEX services_type ON services(service_type_id);

CREATE TABLE service_target_groups (
    service_id      TEXT NOT NULL REFERENCES services(id) ON DELETE CASCADE,
    target_group_id INTEGER NOT NULL REFERENCES target_groups(id),
    PRIMARY KEY (service_id, target_group_id)
) STRICT;
CREATE INDEX service_target_groups_group ON service_target_groups(target_group_id);

-- The inter-sector interaction protocol, one row per version. An approved
-- version is read-only; a new version starts as a copy in draft.
CREATE TABLE protocols (
    id                 INTEGER PRIMARY KEY,
    version            INTEGER NOT NULL UNIQUE,
    title              TEXT NOT NULL,
    community          TEXT NOT NULL DEFAULT '',
    status             TEXT NOT NULL,         -- draft, approved, superseded
    approval_body      TEXT NOT NULL DEFAULT '',
    decision_number    TEXT NOT NULL DEFAULT '',
    decision_date      TEXT NOT NULL DEFAULT '', -- YYYY-MM-DD
    effective_from     TEXT NOT NULL DEFAULT '', -- YYYY-MM-DD
    purpose            TEXT NOT NULL DEFAULT '',
    general_provisions TEXT NOT NULL DEFAULT '',
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL
) STRICT;

CREATE TABLE protocol_participants (
    id                      INTEGER PRIMARY KEY,
    protocol_id             INTEGER NOT NULL REFERENCES protocols(id) ON DELETE CASCADE,
    organization_id         TEXT NOT NULL REFERENCES organizations(id),
    sort_order              INTEGER NOT NULL,
    role                    TEXT NOT NULL DEFAULT '',
    representative_name     TEXT NOT NULL DEFAULT '',
    representative_position TEXT NOT NULL DEFAULT '',
    representative_phone    TEXT NOT NULL DEFAULT '',
    UNIQUE (protocol_id, organization_id)
) STRICT;

-- Situations (routes); key stays the same across versions, for comparison.
CREATE TABLE protocol_situations (
    id          INTEGER PRIMARY KEY,
    protocol_id INTEGER NOT NULL REFERENCES protocols(id) ON DELETE CASCADE,
    key         TEXT NOT NULL,
    sort_order  INTEGER NOT NULL,
    name        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    urgency     TEXT NOT NULL,             -- emergency, urgent, routine
    UNIQUE (protocol_id, key)
) STRICT;

-- Steps of a situation, or of every situation when situation_id is NULL.
CREATE TABLE protocol_steps (
    id                 INTEGER PRIMARY KEY,
    protocol_id        INTEGER NOT NULL REFERENCES protocols(id) ON DELETE CASCADE,
    situation_id       INTEGER REFERENCES protocol_situations(id) ON DELETE CASCADE,
    key                TEXT NOT NULL,
    sort_order         INTEGER NOT NULL,
    title              TEXT NOT NULL,
    action             TEXT NOT NULL DEFAULT '',
    responsible_org    TEXT REFERENCES organizations(id),
    responsible_sector TEXT NOT NULL DEFAULT '',
    co_executors       TEXT NOT NULL DEFAULT '',
    deadline_amount    INTEGER NOT NULL DEFAULT 0,
    deadline_unit      TEXT NOT NULL DEFAULT '',  -- hours, calendar_days, working_days, immediately
    deadline_from      TEXT NOT NULL DEFAULT '',  -- report_received, previous_step, ...
    deadline_to_check  INTEGER NOT NULL DEFAULT 0, -- a template default to check against local rules
    output_document    TEXT NOT NULL DEFAULT '',
    UNIQUE (protocol_id, key)
) STRICT;
CREATE INDEX protocol_steps_situation ON protocol_steps(situation_id);

-- Settings of this community's database (operator, country profile, backups).
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

-- Every change, written in the same transaction as the change.
CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,            -- UTC RFC 3339
    operator  TEXT NOT NULL,
    entity    TEXT NOT NULL,            -- organization, settings, ...
    entity_id TEXT NOT NULL,
    action    TEXT NOT NULL,            -- create, update, delete
    summary   TEXT NOT NULL
) STRICT;
CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);

CREATE TABLE organizations (
    id            TEXT PRIMARY KEY,     -- UUID
    name          TEXT NOT NULL CHECK (name <> ''),
    short_name    TEXT NOT NULL DEFAULT '',
    sector        TEXT NOT NULL,
    legal_type    TEXT NOT NULL DEFAULT '',
    registry_id   TEXT NOT NULL DEFAULT '',
    address       TEXT NOT NULL DEFAULT '',
    phone         TEXT NOT NULL DEFAULT '',
    email         TEXT NOT NULL DEFAULT '',
    web           TEXT NOT NULL DEFAULT '',
    head_name     TEXT NOT NULL DEFAULT '',
    head_position TEXT NOT NULL DEFAULT '',
    search_text   TEXT NOT NULL,        -- folded in Go: SQLite folds ASCII only
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
) STRICT;

-- Contact persons belong to their organization and go with it.
CREATE TABLE organization_contacts (
    organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    sort_order      INTEGER NOT NULL,
    name            TEXT NOT NULL,
    position        TEXT NOT NULL DEFAULT '',
    phone           TEXT NOT NULL DEFAULT '',
    email           TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (organization_id, sort_order)
) STRICT;

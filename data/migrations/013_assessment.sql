-- The assessment of the community's needs (Ukraine: order № 130-Н, once in
-- three years; Czechia: the analysis of community planning; Poland: the
-- diagnosis of needs and potential) and the plan of measures that follows.
CREATE TABLE assessments (
    id           INTEGER PRIMARY KEY,
    title        TEXT NOT NULL CHECK (title <> ''),
    period_from  TEXT NOT NULL,          -- the period whose referrals show demand
    period_to    TEXT NOT NULL,
    status       TEXT NOT NULL,          -- draft, approved
    order_number TEXT NOT NULL DEFAULT '', -- the order that formed the working group
    order_date   TEXT NOT NULL DEFAULT '',
    method       TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
) STRICT;

CREATE TABLE assessment_members (
    assessment_id   INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    organization_id TEXT REFERENCES organizations(id),
    person          TEXT NOT NULL DEFAULT '',
    role            TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (assessment_id, position)
) STRICT;

-- The socio-demographic table: indicator, number, as of, source.
CREATE TABLE assessment_indicators (
    assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    name          TEXT NOT NULL CHECK (name <> ''),
    value         REAL,
    as_of         TEXT NOT NULL DEFAULT '',
    source        TEXT NOT NULL DEFAULT '',
    to_check      INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (assessment_id, position)
) STRICT;

-- Needs per service type and target group; what the catalogue and the
-- referrals give is computed when read, and kept here only when the group
-- overrides it.
CREATE TABLE assessment_needs (
    assessment_id     INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
    position          INTEGER NOT NULL,
    service_type_id   INTEGER NOT NULL REFERENCES service_types(id),
    target_group_id   INTEGER REFERENCES target_groups(id),
    in_need           INTEGER,
    need_source       TEXT NOT NULL DEFAULT '', -- survey, register, estimate
    unit              TEXT NOT NULL DEFAULT '', -- the capacity unit the need is counted in
    capacity_override INTEGER,
    served_override   INTEGER,
    override_note     TEXT NOT NULL DEFAULT '',
    priority          TEXT NOT NULL DEFAULT '', -- high, medium, low
    rationale         TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (assessment_id, position)
) STRICT;

-- SWOT, and PEST where the plans use it: one row per point.
CREATE TABLE assessment_points (
    assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    kind          TEXT NOT NULL, -- strength, weakness, opportunity, threat, political, economic, social, technological
    text          TEXT NOT NULL CHECK (text <> ''),
    PRIMARY KEY (assessment_id, position)
) STRICT;

-- The plan of measures. A measure keeps its id across saves: its progress
-- and the dashboard point at it.
CREATE TABLE assessment_measures (
    id                INTEGER PRIMARY KEY,
    assessment_id     INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
    position          INTEGER NOT NULL,
    title             TEXT NOT NULL CHECK (title <> ''),
    service_type_id   INTEGER REFERENCES service_types(id),
    target_group_id   INTEGER REFERENCES target_groups(id),
    organization_id   TEXT REFERENCES organizations(id),
    deadline          TEXT NOT NULL DEFAULT '',
    funding_source    TEXT NOT NULL DEFAULT '',
    amount            REAL,
    success_indicator TEXT NOT NULL DEFAULT '',
    status            TEXT NOT NULL -- planned, in_progress, done, cancelled
) STRICT;
CREATE INDEX assessment_measures_due ON assessment_measures(deadline) WHERE status IN ('planned', 'in_progress');

CREATE TABLE assessment_progress (
    measure_id INTEGER NOT NULL REFERENCES assessment_measures(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    on_date    TEXT NOT NULL,
    note       TEXT NOT NULL CHECK (note <> ''),
    PRIMARY KEY (measure_id, position)
) STRICT;

-- A survey's tabulation. The respondents' rows are kept (answers, JSON)
-- only when the user asks; otherwise only the counts are.
CREATE TABLE assessment_surveys (
    id            INTEGER PRIMARY KEY,
    assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
    title         TEXT NOT NULL CHECK (title <> ''),
    file_name     TEXT NOT NULL DEFAULT '',
    imported_at   TEXT NOT NULL,
    respondents   INTEGER NOT NULL,
    questions     TEXT NOT NULL,          -- JSON: the tabulated questions
    cross_by      INTEGER NOT NULL DEFAULT -1, -- the question the documents split the answers by
    answers       TEXT NOT NULL DEFAULT '' -- JSON: the rows, when kept
) STRICT;

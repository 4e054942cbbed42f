package data

import (
	"context"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"spilno/assets"
)

// AssessmentSummary is one line of the list of assessments.
type AssessmentSummary struct {
	ID              int64
	Title           string
	Period          Period
	Status          AssessmentStatus
	Measures        int
	OverdueMeasures int // as of the moment the list was read
	UpdatedAt       string
}

// Assessments lists every assessment, the newest period first.
func (s *Store) Assessments(ctx context.Context, now time.Time) ([]AssessmentSummary, error) {
	list, err := queryAll(ctx, s.db, func(row scanner, a *AssessmentSummary) error {
		return row.Scan(&a.ID, &a.Title, &a.Period.From, &a.Period.To, &a.Status, &a.Measures, &a.OverdueMeasures, &a.UpdatedAt)
	}, `SELECT a.id, a.title, a.period_from, a.period_to, a.status,
		(SELECT count(*) FROM assessment_measures m WHERE m.assessment_id = a.id),
		(SELECT count(*) FROM assessment_measures m WHERE m.assessment_id = a.id AND `+measureOverdue+`),
		a.updated_at FROM assessments a ORDER BY a.period_to DESC, a.id DESC`, now.Format(time.DateOnly))
	if err != nil {
		return nil, classify("list assessments", s.path, err)
	}
	return list, nil
}

// measureOverdue is Measure.Overdue in SQL, on m, with today as argument.
const measureOverdue = `m.status IN ('planned', 'in_progress') AND m.deadline <> '' AND m.deadline < ?`

// Assessment reads one assessment whole.
func (s *Store) Assessment(ctx context.Context, id int64) (Assessment, error) {
	var a Assessment
	err := s.inReadTx(ctx, func(tx *sql.Tx) error { return readAssessment(ctx, tx, id, &a) })
	if err != nil {
		return a, classify("read assessment", s.path, err)
	}
	return a, nil
}

func readAssessment(ctx context.Context, tx *sql.Tx, id int64, a *Assessment) error {
	err := tx.QueryRowContext(ctx, `SELECT id, title, period_from, period_to, status, order_number, order_date, method, vision,
		approval_body, decision_number, decision_date, approved_at, updated_at FROM assessments WHERE id = ?`, id).Scan(&a.ID,
		&a.Title, &a.Period.From, &a.Period.To, &a.Status, &a.OrderNumber, &a.OrderDate, &a.Method, &a.Vision, &a.Approval.Body,
		&a.Approval.Number, &a.Approval.Date, &a.ApprovedAt, &a.UpdatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return &Error{Code: ENotFound}
	}
	if err != nil {
		return err
	}
	for _, read := range []func(context.Context, *sql.Tx, *Assessment) error{readMembers, readIndicators, readNeeds, readPoints, readMeasures} {
		if err := read(ctx, tx, a); err != nil {
			return err
		}
	}
	return nil
}

func readMembers(ctx context.Context, tx *sql.Tx, a *Assessment) (err error) {
	a.Members, err = queryAll(ctx, tx, func(row scanner, m *Member) error {
		return row.Scan(&m.OrganizationID, &m.OrganizationName, &m.Person, &m.Role)
	}, `SELECT coalesce(m.organization_id, ''), coalesce(o.name, ''), m.person, m.role FROM assessment_members m
		LEFT JOIN organizations o ON o.id = m.organization_id WHERE m.assessment_id = ? ORDER BY m.position`, a.ID)
	return err
}

func readIndicators(ctx context.Context, tx *sql.Tx, a *Assessment) (err error) {
	a.Indicators, err = queryAll(ctx, tx, func(row scanner, i *Indicator) error {
		var v sql.NullFloat64
		if err := row.Scan(&i.Name, &v, &i.AsOf, &i.Source, &i.ToCheck); err != nil {
			return err
		}
		if v.Valid {
			i.Value = &v.Float64
		}
		return nil
	}, `SELECT name, value, as_of, source, to_check FROM assessment_indicators WHERE assessment_id = ? ORDER BY position`, a.ID)
	return err
}

func readNeeds(ctx context.Context, tx *sql.Tx, a *Assessment) (err error) {
	a.Needs, err = queryAll(ctx, tx, func(row scanner, n *Need) error {
		var inNeed, capacity, served sql.NullInt64
		if err := row.Scan(&n.ServiceTypeID, &n.TypeCode, &n.TypeName, &n.TargetGroupID, &n.TargetGroupName, &inNeed, &n.Source,
			&n.Unit, &capacity, &served, &n.OverrideNote, &n.Priority, &n.Rationale); err != nil {
			return err
		}
		n.InNeed, n.CapacityOverride, n.ServedOverride = intPtr(inNeed), intPtr(capacity), intPtr(served)
		return nil
	}, `SELECT n.service_type_id, t.code, t.name, coalesce(n.target_group_id, 0), coalesce(g.name, ''), n.in_need, n.need_source,
		n.unit, n.capacity_override, n.served_override, n.override_note, n.priority, n.rationale
		FROM assessment_needs n JOIN service_types t ON t.id = n.service_type_id LEFT JOIN target_groups g ON g.id = n.target_group_id
		WHERE n.assessment_id = ? ORDER BY n.position`, a.ID)
	return err
}

func readPoints(ctx context.Context, tx *sql.Tx, a *Assessment) (err error) {
	a.Points, err = queryAll(ctx, tx, func(row scanner, p *Point) error { return row.Scan(&p.Kind, &p.Text) },
		`SELECT kind, text FROM assessment_points WHERE assessment_id = ? ORDER BY position`, a.ID)
	return err
}

const measureColumns = `m.id, m.title, coalesce(m.service_type_id, 0), coalesce(t.name, ''), coalesce(m.target_group_id, 0),
	coalesce(g.name, ''), coalesce(m.organization_id, ''), coalesce(o.name, ''), m.deadline, m.funding_source, m.amount,
	m.success_indicator, m.status FROM assessment_measures m LEFT JOIN service_types t ON t.id = m.service_type_id
	LEFT JOIN target_groups g ON g.id = m.target_group_id LEFT JOIN organizations o ON o.id = m.organization_id`

func scanMeasure(row scanner, m *Measure) error {
	var amount sql.NullFloat64
	if err := row.Scan(&m.ID, &m.Title, &m.ServiceTypeID, &m.TypeName, &m.TargetGroupID, &m.TargetGroupName, &m.OrganizationID,
		&m.OrganizationName, &m.Deadline, &m.FundingSource, &amount, &m.SuccessIndicator, &m.Status); err != nil {
		return err
	}
	if amount.Valid {
		m.Amount = &amount.Float64
	}
	return nil
}

func readMeasures(ctx context.Context, tx *sql.Tx, a *Assessment) (err error) {
	if a.Measures, err = queryAll(ctx, tx, scanMeasure, `SELECT `+measureColumns+` WHERE m.assessment_id = ? ORDER BY m.position`, a.ID); err != nil {
		return err
	}
	for i := range a.Measures {
		m := &a.Measures[i]
		if m.Progress, err = queryAll(ctx, tx, func(row scanner, p *Progress) error { return row.Scan(&p.On, &p.Note) },
			`SELECT on_date, note FROM assessment_progress WHERE measure_id = ? ORDER BY position`, m.ID); err != nil {
			return err
		}
	}
	return nil
}

// SaveAssessment creates (ID 0) a draft or updates a draft whole, in one
// transaction: its rows are written again as given; measures keep their
// IDs. An approved assessment is refused (EFrozen): its plan is saved with
// SavePlan. The status changes only by ApproveAssessment and
// ReopenAssessment.
func (s *Store) SaveAssessment(ctx context.Context, a *Assessment) error {
	err := s.inTx(ctx, func(tx *sql.Tx, now time.Time) error {
		if a.ID == 0 {
			a.Status = AssessmentDraft
		} else if err := checkDraft(ctx, tx, a.ID); err != nil {
			return err
		}
		if err := a.Validate(); err != nil {
			return err
		}
		if err := writeAssessment(ctx, tx, now, a); err != nil {
			return err
		}
		return audit(ctx, tx, now, "assessment", strconv.FormatInt(a.ID, 10), "save", a.Title)
	})
	if err != nil {
		return classify("save assessment", s.path, err)
	}
	return nil
}

func writeAssessment(ctx context.Context, tx *sql.Tx, now time.Time, a *Assessment) error {
	a.UpdatedAt = utc(now)
	cols := []any{a.Title, a.Period.From, a.Period.To, a.OrderNumber, a.OrderDate, a.Method, a.Vision, a.UpdatedAt}
	if a.ID == 0 {
		res, err := tx.ExecContext(ctx, `INSERT INTO assessments (title, period_from, period_to, order_number, order_date,
			method, vision, updated_at, created_at, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'draft')`, append(cols, a.UpdatedAt)...)
		if err != nil {
			return err
		}
		if a.ID, err = res.LastInsertId(); err != nil {
			return err
		}
	} else {
		res, err := tx.ExecContext(ctx, `UPDATE assessments SET title = ?, period_from = ?, period_to = ?, order_number = ?,
			order_date = ?, method = ?, vision = ?, updated_at = ? WHERE id = ?`, append(cols, a.ID)...)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return &Error{Code: ENotFound}
		}
	}
	for _, table := range []string{"assessment_members", "assessment_indicators", "assessment_needs", "assessment_points"} {
		if _, err := tx.ExecContext(ctx, `DELETE FROM `+table+` WHERE assessment_id = ?`, a.ID); err != nil {
			return err
		}
	}
	for _, write := range []func(context.Context, *sql.Tx, *Assessment) error{writeRows, writeMeasures} {
		if err := write(ctx, tx, a); err != nil {
			return err
		}
	}
	return nil
}

// writeRows writes the members, indicators, needs and points in order.
func writeRows(ctx context.Context, tx *sql.Tx, a *Assessment) error {
	c := newStmtCache(tx)
	defer c.close()
	var err error
	exec := func(q string, args ...any) {
		if err == nil {
			_, err = c.ExecContext(ctx, q, args...)
		}
	}
	for i, m := range a.Members {
		exec(`INSERT INTO assessment_members (assessment_id, position, organization_id, person, role) VALUES (?, ?, ?, ?, ?)`,
			a.ID, i, nullText(m.OrganizationID), m.Person, m.Role)
	}
	for i, ind := range a.Indicators {
		exec(`INSERT INTO assessment_indicators (assessment_id, position, name, value, as_of, source, to_check) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			a.ID, i, ind.Name, ind.Value, ind.AsOf, ind.Source, ind.ToCheck)
	}
	for i, n := range a.Needs {
		exec(`INSERT INTO assessment_needs (assessment_id, position, service_type_id, target_group_id, in_need, need_source, unit,
			capacity_override, served_override, override_note, priority, rationale) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			a.ID, i, n.ServiceTypeID, nullID(n.TargetGroupID), n.InNeed, string(n.Source), string(n.Unit), n.CapacityOverride,
			n.ServedOverride, n.OverrideNote, string(n.Priority), n.Rationale)
	}
	for i, p := range a.Points {
		exec(`INSERT INTO assessment_points (assessment_id, position, kind, text) VALUES (?, ?, ?, ?)`, a.ID, i, string(p.Kind), p.Text)
	}
	return err
}

// writeMeasures updates the measures that have an ID, inserts the new ones
// and deletes those no longer listed, with their progress written again.
func writeMeasures(ctx context.Context, tx *sql.Tx, a *Assessment) error {
	kept := []string{"0"}
	for i := range a.Measures {
		m := &a.Measures[i]
		cols := []any{i, m.Title, nullID(m.ServiceTypeID), nullID(m.TargetGroupID), nullText(m.OrganizationID), m.Deadline,
			m.FundingSource, m.Amount, m.SuccessIndicator, string(m.Status)}
		res, err := tx.ExecContext(ctx, `UPDATE assessment_measures SET position = ?, title = ?, service_type_id = ?, target_group_id = ?,
			organization_id = ?, deadline = ?, funding_source = ?, amount = ?, success_indicator = ?, status = ?
			WHERE id = ? AND assessment_id = ?`, append(cols, m.ID, a.ID)...)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			res, err = tx.ExecContext(ctx, `INSERT INTO assessment_measures (position, title, service_type_id, target_group_id,
				organization_id, deadline, funding_source, amount, success_indicator, status, assessment_id)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, append(cols, a.ID)...)
			if err != nil {
				return err
			}
			if m.ID, err = res.LastInsertId(); err != nil {
				return err
			}
		}
		kept = append(kept, strconv.FormatInt(m.ID, 10))
		if err := writeProgress(ctx, tx, m); err != nil {
			return err
		}
	}
	_, err := tx.ExecContext(ctx, `DELETE FROM assessment_measures WHERE assessment_id = ? AND id NOT IN (`+strings.Join(kept, ",")+`)`, a.ID)
	return err
}

func writeProgress(ctx context.Context, tx *sql.Tx, m *Measure) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM assessment_progress WHERE measure_id = ?`, m.ID); err != nil {
		return err
	}
	for i, p := range m.Progress {
		if _, err := tx.ExecContext(ctx, `INSERT INTO assessment_progress (measure_id, position, on_date, note) VALUES (?, ?, ?, ?)`,
			m.ID, i, p.On, p.Note); err != nil {
			return err
		}
	}
	return nil
}

// nullText and nullID store "no reference" as NULL, as foreign keys need.
func nullText(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// DeleteAssessment deletes an assessment with its surveys and plan.
func (s *Store) DeleteAssessment(ctx context.Context, id int64) error {
	err := s.inTx(ctx, func(tx *sql.Tx, now time.Time) error {
		var title string
		err := tx.QueryRowContext(ctx, `DELETE FROM assessments WHERE id = ? RETURNING title`, id).Scan(&title)
		if errors.Is(err, sql.ErrNoRows) {
			return &Error{Code: ENotFound}
		}
		if err != nil {
			return err
		}
		return audit(ctx, tx, now, "assessment", strconv.FormatInt(id, 10), "delete", title)
	})
	if err != nil {
		return classify("delete assessment", s.path, err)
	}
	return nil
}

// OverdueMeasure is a measure of a plan past its deadline, for the dashboard.
type OverdueMeasure struct {
	AssessmentID    int64
	AssessmentTitle string
	Measure
}

// OverdueMeasures lists the measures of every plan still to be done whose
// deadline passed before the day of now, the oldest deadline first.
func (s *Store) OverdueMeasures(ctx context.Context, now time.Time) ([]OverdueMeasure, error) {
	list, err := queryAll(ctx, s.db, func(row scanner, o *OverdueMeasure) error {
		return scanMeasure(prefixed{row, []any{&o.AssessmentID, &o.AssessmentTitle}}, &o.Measure)
	}, `SELECT a.id, a.title, `+measureColumns+` JOIN assessments a ON a.id = m.assessment_id
		WHERE `+measureOverdue+` ORDER BY m.deadline, m.id`, now.Format(time.DateOnly))
	if err != nil {
		return nil, classify("overdue measures", s.path, err)
	}
	return list, nil
}

// prefixed scans its own columns first, then the rest of a row into what
// another scan function asks for.
type prefixed struct {
	row   scanner
	first []any
}

func (p prefixed) Scan(dest ...any) error { return p.row.Scan(append(p.first, dest...)...) }

// StartingIndicators are the country's shipped rows of the
// socio-demographic table, each marked to check unless it was confirmed
// from a source text: a new assessment starts from them.
func StartingIndicators(country Country) ([]Indicator, error) {
	raw, err := assets.Classifier("indicators_" + string(country) + ".csv")
	if err != nil {
		return nil, fmt.Errorf("starting indicators: %w", err)
	}
	rows, err := csv.NewReader(strings.NewReader(string(raw))).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("starting indicators: %w", err)
	}
	var out []Indicator
	for _, r := range rows[1:] { // name, source, confirmed
		out = append(out, Indicator{Name: r[0], Source: r[1], ToCheck: r[2] != "yes"})
	}
	return out, nil
}

// SaveSurvey keeps a survey's tabulation with an assessment, and the
// respondents' rows only when keepAnswers.
func (s *Store) SaveSurvey(ctx context.Context, assessmentID int64, sv *Survey, keepAnswers bool) error {
	sv.Title = strings.TrimSpace(sv.Title)
	err := s.inTx(ctx, func(tx *sql.Tx, now time.Time) error {
		if sv.Title == "" {
			return Problems{{Field: "assessment.survey_title", Rule: "required"}}.Err()
		}
		if err := checkDraft(ctx, tx, assessmentID); err != nil {
			return err
		}
		questions, err := json.Marshal(sv.Questions)
		if err != nil {
			return err
		}
		answers := []byte{}
		if keepAnswers {
			if answers, err = json.Marshal(sv.Answers); err != nil {
				return err
			}
		} else {
			sv.Answers = nil
		}
		sv.ImportedAt = utc(now)
		res, err := tx.ExecContext(ctx, `INSERT INTO assessment_surveys (assessment_id, title, file_name, imported_at, respondents,
			questions, cross_by, answers) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, assessmentID, sv.Title, sv.FileName, sv.ImportedAt,
			sv.Respondents, string(questions), sv.CrossBy, string(answers))
		if err != nil {
			return err
		}
		if sv.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		return audit(ctx, tx, now, "assessment", strconv.FormatInt(assessmentID, 10), "survey", sv.Title)
	})
	if err != nil {
		return classify("save survey", s.path, err)
	}
	return nil
}

// Surveys reads the surveys of an assessment in the order imported.
func (s *Store) Surveys(ctx context.Context, assessmentID int64) ([]Survey, error) {
	list, err := queryAll(ctx, s.db, func(row scanner, sv *Survey) error {
		var questions, answers string
		if err := row.Scan(&sv.ID, &sv.Title, &sv.FileName, &sv.ImportedAt, &sv.Respondents, &questions, &sv.CrossBy, &answers); err != nil {
			return err
		}
		if err := json.Unmarshal([]byte(questions), &sv.Questions); err != nil {
			return fmt.Errorf("survey %d: %w", sv.ID, err)
		}
		if answers != "" {
			return json.Unmarshal([]byte(answers), &sv.Answers)
		}
		return nil
	}, `SELECT id, title, file_name, imported_at, respondents, questions, cross_by, answers FROM assessment_surveys
		WHERE assessment_id = ? ORDER BY id`, assessmentID)
	if err != nil {
		return nil, classify("read surveys", s.path, err)
	}
	return list, nil
}

// SetSurveyCrossBy chooses the question the survey's answers are split
// by in the documents (-1: none).
func (s *Store) SetSurveyCrossBy(ctx context.Context, id int64, by int) error {
	err := s.inTx(ctx, func(tx *sql.Tx, now time.Time) error {
		if err := checkSurveyDraft(ctx, tx, id); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE assessment_surveys SET cross_by = ? WHERE id = ?`, by, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return &Error{Code: ENotFound}
		}
		return nil
	})
	if err != nil {
		return classify("survey cross-table", s.path, err)
	}
	return nil
}

// DeleteSurvey deletes a survey's tabulation (and its rows, if kept).
func (s *Store) DeleteSurvey(ctx context.Context, id int64) error {
	err := s.inTx(ctx, func(tx *sql.Tx, now time.Time) error {
		if err := checkSurveyDraft(ctx, tx, id); err != nil {
			return err
		}
		var assessment int64
		var title string
		err := tx.QueryRowContext(ctx, `DELETE FROM assessment_surveys WHERE id = ? RETURNING assessment_id, title`, id).Scan(&assessment, &title)
		if errors.Is(err, sql.ErrNoRows) {
			return &Error{Code: ENotFound}
		}
		if err != nil {
			return err
		}
		return audit(ctx, tx, now, "assessment", strconv.FormatInt(assessment, 10), "delete_survey", title)
	})
	if err != nil {
		return classify("delete survey", s.path, err)
	}
	return nil
}

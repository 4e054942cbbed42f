package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"

	"spilno/assets"
)

// ProtocolSummary is one line of the version history.
type ProtocolSummary struct {
	Version        int
	Title          string
	Status         ProtocolStatus
	DecisionNumber string
	DecisionDate   string
	UpdatedAt      string
}

// ProtocolVersions lists every version, newest first.
func (s *Store) ProtocolVersions(ctx context.Context) ([]ProtocolSummary, error) {
	list, err := protocolVersions(ctx, s.db)
	if err != nil {
		return nil, classify("list protocol versions", s.path, err)
	}
	return list, nil
}

func protocolVersions(ctx context.Context, q querier) ([]ProtocolSummary, error) {
	return queryAll(ctx, q, func(r scanner, p *ProtocolSummary) error {
		return r.Scan(&p.Version, &p.Title, &p.Status, &p.DecisionNumber, &p.DecisionDate, &p.UpdatedAt)
	}, `SELECT version, title, status, decision_number, decision_date, updated_at FROM protocols ORDER BY version DESC`)
}

// versionInForce is the summary of the version in force, if there is one.
func versionInForce(ctx context.Context, q querier) (ProtocolSummary, bool, error) {
	list, err := protocolVersions(ctx, q)
	if err != nil {
		return ProtocolSummary{}, false, err
	}
	v, ok := VersionInForce(list)
	return v, ok, nil
}

// ProtocolInForce reads the version in force whole; ENotFound when no
// version has been approved yet.
func (s *Store) ProtocolInForce(ctx context.Context) (Protocol, error) {
	var p Protocol
	err := s.inReadTx(ctx, func(tx *sql.Tx) error {
		v, ok, err := versionInForce(ctx, tx)
		if err != nil {
			return err
		}
		if !ok {
			return &Error{Code: ENotFound}
		}
		p, err = loadProtocol(ctx, tx, v.Version)
		return err
	})
	if err != nil {
		return p, classify("read protocol in force", s.path, err)
	}
	return p, nil
}

// Protocol reads one version whole.
func (s *Store) Protocol(ctx context.Context, version int) (Protocol, error) {
	var p Protocol
	err := s.inReadTx(ctx, func(tx *sql.Tx) error {
		var err error
		p, err = loadProtocol(ctx, tx, version)
		return err
	})
	if err != nil {
		return p, classify("read protocol", s.path, err)
	}
	return p, nil
}

func loadProtocol(ctx context.Context, tx dbtx, version int) (Protocol, error) {
	var p Protocol
	err := tx.QueryRowContext(ctx, `SELECT id, version, title, community, status, approval_body, decision_number,
		decision_date, effective_from, purpose, general_provisions FROM protocols WHERE version = ?`, version).Scan(
		&p.ID, &p.Version, &p.Title, &p.Community, &p.Status, &p.ApprovalBody, &p.DecisionNumber, &p.DecisionDate,
		&p.EffectiveFrom, &p.Purpose, &p.GeneralProvisions)
	if errors.Is(err, sql.ErrNoRows) {
		return p, &Error{Code: ENotFound}
	}
	if err != nil {
		return p, err
	}
	if p.Participants, err = queryAll(ctx, tx, func(r scanner, part *Participant) error {
		return r.Scan(&part.OrganizationID, &part.Role, &part.RepresentativeName, &part.RepresentativePosition,
			&part.RepresentativePhone, &part.OrganizationName, &part.HeadName, &part.HeadPosition)
	}, `SELECT pp.organization_id, pp.role, pp.representative_name, pp.representative_position,
		pp.representative_phone, o.name, o.head_name, o.head_position FROM protocol_participants pp
		JOIN organizations o ON o.id = pp.organization_id WHERE pp.protocol_id = ? ORDER BY pp.sort_order`, p.ID); err != nil {
		return p, err
	}
	type situation struct {
		id int64
		Situation
	}
	situations, err := queryAll(ctx, tx, func(r scanner, s *situation) error {
		return r.Scan(&s.id, &s.Key, &s.Name, &s.Description, &s.Urgency)
	}, `SELECT id, key, name, description, urgency FROM protocol_situations WHERE protocol_id = ? ORDER BY sort_order`, p.ID)
	if err != nil {
		return p, err
	}
	index := map[int64]int{}
	for i, s := range situations {
		index[s.id] = i
		p.Situations = append(p.Situations, s.Situation)
	}
	return p, loadSteps(ctx, tx, &p, index)
}

// loadSteps reads the steps of p into its situations (by their row IDs in
// index) and its common steps.
func loadSteps(ctx context.Context, tx dbtx, p *Protocol, index map[int64]int) error {
	type step struct {
		situation sql.NullInt64
		Step
	}
	steps, err := queryAll(ctx, tx, func(r scanner, st *step) error {
		return r.Scan(&st.situation, &st.Key, &st.Title, &st.Action, &st.ResponsibleOrganizationID, &st.ResponsibleSector,
			&st.CoExecutors, &st.Deadline.Amount, &st.Deadline.Unit, &st.Deadline.From, &st.DeadlineToCheck, &st.OutputDocument)
	}, `SELECT situation_id, key, title, action, coalesce(responsible_org, ''), responsible_sector,
		co_executors, deadline_amount, deadline_unit, deadline_from, deadline_to_check, output_document
		FROM protocol_steps WHERE protocol_id = ? ORDER BY sort_order`, p.ID)
	if err != nil {
		return err
	}
	names := map[string]string{}
	for _, part := range p.Participants {
		names[part.OrganizationID] = part.OrganizationName
	}
	for _, st := range steps {
		st.ResponsibleName = names[st.ResponsibleOrganizationID]
		if !st.situation.Valid {
			p.CommonSteps = append(p.CommonSteps, st.Step)
		} else if i, ok := index[st.situation.Int64]; ok {
			p.Situations[i].Steps = append(p.Situations[i].Steps, st.Step)
		}
	}
	return nil
}

// writeProtocolBody replaces the participants, situations and steps of the
// protocol row id with those of p.
func writeProtocolBody(ctx context.Context, tx *sql.Tx, id int64, p *Protocol) error {
	for _, table := range []string{"protocol_steps", "protocol_situations", "protocol_participants"} {
		if _, err := tx.ExecContext(ctx, "DELETE FROM "+table+" WHERE protocol_id = ?", id); err != nil {
			return err
		}
	}
	for i, part := range p.Participants {
		if _, err := tx.ExecContext(ctx, `INSERT INTO protocol_participants(protocol_id, organization_id, sort_order, role,
			representative_name, representative_position, representative_phone) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			id, part.OrganizationID, i, part.Role, part.RepresentativeName, part.RepresentativePosition, part.RepresentativePhone); err != nil {
			return err
		}
	}
	order := 0
	insertSteps := func(sitID any, steps []Step) error {
		for i := range steps {
			st := &steps[i]
			if st.Key == "" {
				st.Key = uuid.NewString()
			}
			order++
			var org any
			if st.ResponsibleOrganizationID != "" {
				org = st.ResponsibleOrganizationID
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO protocol_steps(protocol_id, situation_id, key, sort_order, title, action,
				responsible_org, responsible_sector, co_executors, deadline_amount, deadline_unit, deadline_from, deadline_to_check,
				output_document) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				id, sitID, st.Key, order, st.Title, st.Action, org, st.ResponsibleSector, st.CoExecutors,
				st.Deadline.Amount, st.Deadline.Unit, st.Deadline.From, st.DeadlineToCheck, st.OutputDocument); err != nil {
				return err
			}
		}
		return nil
	}
	if err := insertSteps(nil, p.CommonSteps); err != nil {
		return err
	}
	for i := range p.Situations {
		sit := &p.Situations[i]
		if sit.Key == "" {
			sit.Key = uuid.NewString()
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO protocol_situations(protocol_id, key, sort_order, name, description, urgency)
			VALUES (?, ?, ?, ?, ?, ?)`, id, sit.Key, i, sit.Name, sit.Description, sit.Urgency)
		if err != nil {
			return err
		}
		sitID, _ := res.LastInsertId()
		if err := insertSteps(sitID, sit.Steps); err != nil {
			return err
		}
	}
	return nil
}

// fillKeys gives new situations and steps their keys before validation.
func (p *Protocol) fillKeys() {
	for i := range p.Situations {
		if p.Situations[i].Key == "" {
			p.Situations[i].Key = uuid.NewString()
		}
	}
}

// SaveProtocol stores a draft version whole: its header, participants,
// situations and steps. Approved and superseded versions are refused.
func (s *Store) SaveProtocol(ctx context.Context, p *Protocol) error {
	const op = "save protocol"
	p.fillKeys()
	if err := p.Validate(); err != nil {
		return classify(op, "", err)
	}
	err := s.inTx(ctx, func(tx *sql.Tx, now time.Time) error {
		var id int64
		var status ProtocolStatus
		err := tx.QueryRowContext(ctx, `SELECT id, status FROM protocols WHERE version = ?`, p.Version).Scan(&id, &status)
		if errors.Is(err, sql.ErrNoRows) {
			return &Error{Code: ENotFound}
		}
		if err != nil {
			return err
		}
		if status != ProtocolDraft {
			return &Error{Code: EApproved}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE protocols SET title = ?, community = ?, approval_body = ?, decision_number = ?,
			decision_date = ?, effective_from = ?, purpose = ?, general_provisions = ?, updated_at = ? WHERE id = ?`,
			p.Title, p.Community, p.ApprovalBody, p.DecisionNumber, p.DecisionDate, p.EffectiveFrom, p.Purpose,
			p.GeneralProvisions, utc(now), id); err != nil {
			return err
		}
		if err := writeProtocolBody(ctx, tx, id, p); err != nil {
			return err
		}
		p.ID, p.Status = id, ProtocolDraft
		return audit(ctx, tx, now, "protocol", strconv.Itoa(p.Version), "update", auditNote("protocol_update",
			strconv.Itoa(p.Version), p.Title, strconv.Itoa(len(p.Situations)), strconv.Itoa(p.StepCount())))
	})
	if err != nil {
		return classify(op, s.path, err)
	}
	return nil
}

// ApproveProtocol records the executive committee's decision on a draft:
// the version becomes approved and read-only, and the version approved
// before it is superseded.
func (s *Store) ApproveProtocol(ctx context.Context, version int, body, number, date string) error {
	const op = "approve protocol"
	err := s.inTx(ctx, func(tx *sql.Tx, now time.Time) error {
		p, err := loadProtocol(ctx, tx, version)
		if err != nil {
			return err
		}
		if p.Status != ProtocolDraft {
			return &Error{Code: EApproved}
		}
		p.ApprovalBody, p.DecisionNumber, p.DecisionDate = strings.TrimSpace(body), strings.TrimSpace(number), strings.TrimSpace(date)
		if err := p.ValidateApproval(); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE protocols SET status = 'superseded', updated_at = ? WHERE status = 'approved'`, utc(now)); err != nil {
			return err
		}
		if p.EffectiveFrom == "" {
			p.EffectiveFrom = p.DecisionDate
		}
		if _, err := tx.ExecContext(ctx, `UPDATE protocols SET status = 'approved', approval_body = ?, decision_number = ?,
			decision_date = ?, effective_from = ?, updated_at = ? WHERE id = ?`,
			p.ApprovalBody, p.DecisionNumber, p.DecisionDate, p.EffectiveFrom, utc(now), p.ID); err != nil {
			return err
		}
		return audit(ctx, tx, now, "protocol", strconv.Itoa(version), "approve",
			auditNote("protocol_approve", strconv.Itoa(version), p.ApprovalBody, p.DecisionNumber, p.DecisionDate))
	})
	if err != nil {
		return classify(op, s.path, err)
	}
	return nil
}

// NewProtocolVersion copies a version into a new draft with the next
// number; the keys of situations and steps are kept, so that the two can
// be compared. Only one draft exists at a time.
func (s *Store) NewProtocolVersion(ctx context.Context, from int) (int, error) {
	const op = "new protocol version"
	var next int
	err := s.inTx(ctx, func(tx *sql.Tx, now time.Time) error {
		var err error
		if next, err = nextDraftVersion(ctx, tx); err != nil {
			return err
		}
		p, err := loadProtocol(ctx, tx, from)
		if err != nil {
			return err
		}
		p.Version = next
		p.DecisionNumber, p.DecisionDate, p.EffectiveFrom = "", "", "" // the approving body usually stays
		id, err := insertProtocol(ctx, tx, now, &p)
		if err != nil {
			return err
		}
		if err := writeProtocolBody(ctx, tx, id, &p); err != nil {
			return err
		}
		return audit(ctx, tx, now, "protocol", strconv.Itoa(next), "create", auditNote("protocol_new_version", strconv.Itoa(next), strconv.Itoa(from)))
	})
	if err != nil {
		return 0, classify(op, s.path, err)
	}
	return next, nil
}

// nextDraftVersion is the number a new draft gets; it refuses while a
// draft exists, since only one version is prepared at a time.
func nextDraftVersion(ctx context.Context, tx dbtx) (int, error) {
	var drafts, next int
	err := tx.QueryRowContext(ctx, `SELECT count(*) FILTER (WHERE status = 'draft'), coalesce(max(version), 0) + 1 FROM protocols`).Scan(&drafts, &next)
	if err != nil {
		return 0, err
	}
	if drafts > 0 {
		return 0, &Error{Code: EInvalid, Fields: []FieldError{{Field: "version", Rule: "draft_exists"}}}
	}
	return next, nil
}

func insertProtocol(ctx context.Context, tx *sql.Tx, now time.Time, p *Protocol) (int64, error) {
	res, err := tx.ExecContext(ctx, `INSERT INTO protocols(version, title, community, status, approval_body, decision_number,
		decision_date, effective_from, purpose, general_provisions, created_at, updated_at)
		VALUES (?, ?, ?, 'draft', ?, ?, ?, ?, ?, ?, ?, ?)`, p.Version, p.Title, p.Community, p.ApprovalBody, p.DecisionNumber,
		p.DecisionDate, p.EffectiveFrom, p.Purpose, p.GeneralProvisions, utc(now), utc(now))
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

// protocolTemplate is the shape of assets/templates/protocol_XX.json.
type protocolTemplate struct {
	Title             string         `json:"title"`
	Purpose           string         `json:"purpose"`
	GeneralProvisions string         `json:"general_provisions"`
	CommonSteps       []templateStep `json:"common_steps"`
	Situations        []struct {
		Name        string         `json:"name"`
		Description string         `json:"description"`
		Urgency     Urgency        `json:"urgency"`
		Steps       []templateStep `json:"steps"`
	} `json:"situations"`
}

type templateStep struct {
	Title       string        `json:"title"`
	Action      string        `json:"action"`
	Sector      Sector        `json:"sector"`
	CoExecutors string        `json:"co_executors"`
	Amount      int           `json:"amount"`
	Unit        DeadlineUnit  `json:"unit"`
	From        DeadlineEvent `json:"from"`
	Output      string        `json:"output"`
	Confirmed   bool          `json:"confirmed"` // the deadline is confirmed from the law (domain.md)
}

func (t templateStep) step() Step {
	return Step{Title: t.Title, Action: t.Action, ResponsibleSector: t.Sector, CoExecutors: t.CoExecutors,
		Deadline: Deadline{Amount: t.Amount, Unit: t.Unit, From: t.From}, DeadlineToCheck: !t.Confirmed, OutputDocument: t.Output}
}

// ProtocolTemplate is the starting protocol of a country profile: its
// situations and steps with default deadlines, those not confirmed from
// the law marked to be checked.
func ProtocolTemplate(country Country) (Protocol, error) {
	raw, err := assets.Template("protocol_" + string(country) + ".json")
	if err != nil {
		return Protocol{}, fmt.Errorf("protocol template %s: %w", country, err)
	}
	var t protocolTemplate
	if err := json.Unmarshal(raw, &t); err != nil {
		return Protocol{}, fmt.Errorf("protocol template %s: %w", country, err)
	}
	p := Protocol{Title: t.Title, Purpose: t.Purpose, GeneralProvisions: t.GeneralProvisions, Status: ProtocolDraft}
	for _, st := range t.CommonSteps {
		p.CommonSteps = append(p.CommonSteps, st.step())
	}
	for _, sit := range t.Situations {
		s := Situation{Name: sit.Name, Description: sit.Description, Urgency: sit.Urgency}
		for _, st := range sit.Steps {
			s.Steps = append(s.Steps, st.step())
		}
		p.Situations = append(p.Situations, s)
	}
	return p, nil
}

// CreateProtocol stores p as a new draft version (the first, or the next
// when every earlier one is approved) and returns its number.
func (s *Store) CreateProtocol(ctx context.Context, p *Protocol) (int, error) {
	const op = "create protocol"
	p.fillKeys()
	if err := p.Validate(); err != nil {
		return 0, classify(op, "", err)
	}
	err := s.inTx(ctx, func(tx *sql.Tx, now time.Time) error {
		var err error
		if p.Version, err = nextDraftVersion(ctx, tx); err != nil {
			return err
		}
		id, err := insertProtocol(ctx, tx, now, p)
		if err != nil {
			return err
		}
		if err := writeProtocolBody(ctx, tx, id, p); err != nil {
			return err
		}
		p.ID, p.Status = id, ProtocolDraft
		return audit(ctx, tx, now, "protocol", strconv.Itoa(p.Version), "create", auditNote("protocol_create", strconv.Itoa(p.Version), p.Title))
	})
	if err != nil {
		return 0, classify(op, s.path, err)
	}
	return p.Version, nil
}

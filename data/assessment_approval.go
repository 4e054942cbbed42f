package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"math"
	"slices"
	"strconv"
	"time"
)

// checkDraft refuses a change to the analysis of an approved assessment
// (EFrozen) or of one that is not there (ENotFound).
func checkDraft(ctx context.Context, tx *sql.Tx, id int64) error {
	return draftStatus(ctx, tx, `SELECT status FROM assessments WHERE id = ?`, id)
}

// checkSurveyDraft is checkDraft for the assessment a survey belongs to.
func checkSurveyDraft(ctx context.Context, tx *sql.Tx, surveyID int64) error {
	return draftStatus(ctx, tx, `SELECT a.status FROM assessments a JOIN assessment_surveys s ON s.assessment_id = a.id
		WHERE s.id = ?`, surveyID)
}

func draftStatus(ctx context.Context, tx *sql.Tx, query string, id int64) error {
	var status AssessmentStatus
	err := tx.QueryRowContext(ctx, query, id).Scan(&status)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return &Error{Code: ENotFound}
	case err != nil:
		return err
	case status != AssessmentDraft:
		return &Error{Code: EFrozen}
	}
	return nil
}

// SaveProgress writes how the measures of an approved assessment go:
// their statuses and progress lines, the one thing that moves on after
// approval. A measure added, removed or changed otherwise is refused
// (EFrozen): the plan itself is part of the approved document.
func (s *Store) SaveProgress(ctx context.Context, a *Assessment) error {
	err := s.inTx(ctx, func(tx *sql.Tx, now time.Time) error {
		if err := a.ValidatePlan(); err != nil {
			return err
		}
		var stored Assessment
		if err := readAssessment(ctx, tx, a.ID, &stored); err != nil {
			return err
		}
		if !samePlan(stored.Measures, a.Measures) {
			return &Error{Code: EFrozen}
		}
		a.UpdatedAt = utc(now)
		if _, err := tx.ExecContext(ctx, `UPDATE assessments SET updated_at = ? WHERE id = ?`, a.UpdatedAt, a.ID); err != nil {
			return err
		}
		for i := range a.Measures {
			m := &a.Measures[i]
			if _, err := tx.ExecContext(ctx, `UPDATE assessment_measures SET status = ? WHERE id = ?`, string(m.Status), m.ID); err != nil {
				return err
			}
			if err := writeProgress(ctx, tx, m); err != nil {
				return err
			}
		}
		return audit(ctx, tx, now, "assessment", strconv.FormatInt(a.ID, 10), "plan", strconv.Itoa(len(a.Measures)))
	})
	if err != nil {
		return classify("save progress", s.path, err)
	}
	return nil
}

// samePlan tells whether two lists hold the same measures but for their
// statuses and progress.
func samePlan(was, is []Measure) bool {
	return slices.EqualFunc(was, is, func(x, y Measure) bool {
		amount := func(m Measure) float64 {
			if m.Amount == nil {
				return math.NaN()
			}
			return *m.Amount
		}
		ax, ay := amount(x), amount(y)
		return x.ID == y.ID && x.Title == y.Title && x.ServiceTypeID == y.ServiceTypeID && x.TargetGroupID == y.TargetGroupID &&
			x.OrganizationID == y.OrganizationID && x.Deadline == y.Deadline && x.FundingSource == y.FundingSource &&
			x.SuccessIndicator == y.SuccessIndicator && (ax == ay || math.IsNaN(ax) && math.IsNaN(ay))
	})
}

// ApproveAssessment records the decision that approves a draft and
// freezes its analysis: its findings (the gaps, the catalogue's offer, the
// plan before) are read once more and kept as they are that day, for the approved document to show.
func (s *Store) ApproveAssessment(ctx context.Context, id int64, d Decision) error {
	err := s.inTx(ctx, func(tx *sql.Tx, now time.Time) error {
		if err := checkDraft(ctx, tx, id); err != nil {
			return err
		}
		var a Assessment
		if err := readAssessment(ctx, tx, id, &a); err != nil {
			return err
		}
		var p Problems
		if err := a.Validate(); err != nil {
			p = AsError(err).Fields
		}
		d.check(&p)
		if d.Date > now.Format(time.DateOnly) {
			p.Add("decision_date", "not_future", "")
		}
		if err := p.Err(); err != nil {
			return err
		}
		found, err := findingsIn(ctx, tx, a)
		if err != nil {
			return err
		}
		frozen, err := json.Marshal(freeze(found))
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE assessments SET status = 'approved', approval_body = ?, decision_number = ?,
			decision_date = ?, approved_at = ?, findings_frozen = ?, updated_at = ? WHERE id = ?`,
			d.Body, d.Number, d.Date, utc(now), string(frozen), utc(now), id); err != nil {
			return err
		}
		return audit(ctx, tx, now, "assessment", strconv.FormatInt(id, 10), "approve",
			auditNote("assessment_approve", a.Title, d.Body, d.Number, d.Date))
	})
	if err != nil {
		return classify("approve assessment", s.path, err)
	}
	return nil
}

// ReopenAssessment returns an approved assessment to draft: its analysis
// can be changed again and the gaps follow the catalogue again. The
// decision is kept to be offered when it is approved anew.
func (s *Store) ReopenAssessment(ctx context.Context, id int64) error {
	err := s.inTx(ctx, func(tx *sql.Tx, now time.Time) error {
		var title string
		err := tx.QueryRowContext(ctx, `UPDATE assessments SET status = 'draft', approved_at = '', findings_frozen = '', updated_at = ?
			WHERE id = ? AND status = 'approved' RETURNING title`, utc(now), id).Scan(&title)
		if errors.Is(err, sql.ErrNoRows) {
			return &Error{Code: ENotFound}
		}
		if err != nil {
			return err
		}
		return audit(ctx, tx, now, "assessment", strconv.FormatInt(id, 10), "reopen", title)
	})
	if err != nil {
		return classify("reopen assessment", s.path, err)
	}
	return nil
}

// keptFindings are Findings as kept at approval: JSON has no NaN, so a
// median wait that is not there is kept as null.
type keptFindings struct {
	Gaps     []frozenGap
	Offer    []TypeOffer
	Previous *PreviousPlan
}

type frozenGap struct {
	Gap
	Wait *float64
}

func freeze(f Findings) keptFindings {
	out := keptFindings{Gaps: make([]frozenGap, len(f.Gaps)), Offer: f.Offer, Previous: f.Previous}
	for i, g := range f.Gaps {
		out.Gaps[i].Gap = g
		if !math.IsNaN(g.WaitDays) {
			out.Gaps[i].Wait = &g.WaitDays
		}
		out.Gaps[i].WaitDays = 0
	}
	return out
}

// frozenFindings reads the findings kept when the assessment was
// approved; false when none were kept (a draft).
func frozenFindings(ctx context.Context, tx *sql.Tx, id int64) (Findings, bool, error) {
	var raw string
	err := tx.QueryRowContext(ctx, `SELECT findings_frozen FROM assessments WHERE id = ? AND status = 'approved'`, id).Scan(&raw)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return Findings{}, false, err
	}
	if raw == "" { // a draft, or approved before findings were kept
		return Findings{}, false, nil
	}
	var kept keptFindings
	if err := json.Unmarshal([]byte(raw), &kept); err != nil {
		return Findings{}, false, err
	}
	f := Findings{Gaps: make([]Gap, len(kept.Gaps)), Offer: kept.Offer, Previous: kept.Previous}
	for i, k := range kept.Gaps {
		f.Gaps[i] = k.Gap
		f.Gaps[i].WaitDays = math.NaN()
		if k.Wait != nil {
			f.Gaps[i].WaitDays = *k.Wait
		}
	}
	return f, true, nil
}

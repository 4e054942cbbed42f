package data

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"
)

// AssessmentStatus is where an assessment stands: a draft the working group
// still fills in, or approved.
type AssessmentStatus string

const (
	AssessmentDraft    AssessmentStatus = "draft"
	AssessmentApproved AssessmentStatus = "approved"
)

// AssessmentStatuses lists the statuses in their order.
var AssessmentStatuses = []AssessmentStatus{AssessmentDraft, AssessmentApproved}

// Assessment is one assessment of the community's needs for social services
// with the plan of measures that follows from it.
type Assessment struct {
	ID     int64
	Title  string // "Assessment 2026"
	Period Period // the period whose referrals show the demand
	Status AssessmentStatus
	// OrderNumber and OrderDate (YYYY-MM-DD) name the order that formed the
	// working group.
	OrderNumber, OrderDate string
	Method                 string // how the needs were studied
	Vision                 string // the vision and goals the plan works towards
	Members                []Member
	Indicators             []Indicator
	Needs                  []Need
	Points                 []Point // SWOT and PEST
	Measures               []Measure
	// Approval is the decision that approved the assessment; ApprovedAt
	// when it was recorded. Approving freezes the analysis (see Frozen).
	Approval   Decision
	ApprovedAt string
	UpdatedAt  string
}

// Frozen tells whether the assessment's analysis is read-only: once
// approved, only its plan of measures is kept up to date, until it is
// returned to draft.
func (a *Assessment) Frozen() bool { return a.Status == AssessmentApproved }

// Decision is the decision of a body that approves a document: "рішення
// виконавчого комітету № 112 від 20.02.2026".
type Decision struct {
	Body, Number string
	Date         string // YYYY-MM-DD
}

// check adds the problems of a decision: its fields are "approval_body",
// "decision_number" and "decision_date" whatever it approves.
func (d *Decision) check(p *Problems) {
	d.Body, d.Number, d.Date = strings.TrimSpace(d.Body), strings.TrimSpace(d.Number), strings.TrimSpace(d.Date)
	for _, f := range []struct{ field, value string }{{"approval_body", d.Body}, {"decision_number", d.Number}, {"decision_date", d.Date}} {
		if f.value == "" {
			p.Add(f.field, "required", "")
		}
	}
	checkDate(func(field, rule, param string) { p.Add(field, rule, param) }, "decision_date", d.Date)
}

// Member is one member of the working group.
type Member struct {
	OrganizationID   string // "" for a person not of an organization on the list
	OrganizationName string // read
	Person, Role     string
}

// Indicator is one row of the socio-demographic table: "children 0–17:
// 4 210 as of 01.01.2026, source: the register of residents".
type Indicator struct {
	Name    string
	Value   *float64
	AsOf    string // YYYY-MM-DD
	Source  string
	ToCheck bool // the row was not confirmed from a source text
}

// NeedSource is where a number of persons in need comes from.
type NeedSource string

// NeedSources lists the sources offered.
var NeedSources = []NeedSource{"survey", "register", "estimate"}

// Priority is the working group's priority of a need.
type Priority string

// Priorities lists the priorities, highest first.
var Priorities = []Priority{"high", "medium", "low"}

// Need is one row of the needs and gaps table as the working group sets
// it: how many persons or families need a type of service, counted in one
// capacity unit. What the catalogue and the referrals give is computed
// (see Gap); CapacityOverride and ServedOverride replace it when the group
// knows better, and OverrideNote says why.
type Need struct {
	ServiceTypeID    int64
	TypeCode         string // read
	TypeName         string // read
	TargetGroupID    int64  // 0: every group
	TargetGroupName  string // read
	InNeed           *int
	Source           NeedSource
	Unit             CapacityUnit // "" when the need is not set against a capacity
	CapacityOverride *int
	ServedOverride   *int
	OverrideNote     string
	Priority         Priority
	Rationale        string
}

// PointKind is which list of SWOT or PEST a point belongs to.
type PointKind string

// SWOTKinds and PESTKinds are the four lists of each analysis.
var (
	SWOTKinds = []PointKind{"strength", "weakness", "opportunity", "threat"}
	PESTKinds = []PointKind{"political", "economic", "social", "technological"}
)

// Point is one point of the SWOT or PEST analysis.
type Point struct {
	Kind PointKind
	Text string
}

// MeasureStatus is where a measure of the plan stands.
type MeasureStatus string

const (
	MeasurePlanned    MeasureStatus = "planned"
	MeasureInProgress MeasureStatus = "in_progress"
	MeasureDone       MeasureStatus = "done"
	MeasureCancelled  MeasureStatus = "cancelled"
)

// MeasureStatuses lists the statuses in their order.
var MeasureStatuses = []MeasureStatus{MeasurePlanned, MeasureInProgress, MeasureDone, MeasureCancelled}

// Measure is one measure of the plan (план дій, akční plán, program usług
// społecznych).
type Measure struct {
	ID               int64 // kept across saves
	Title            string
	ServiceTypeID    int64 // 0: none
	TypeName         string
	TargetGroupID    int64 // 0: none
	TargetGroupName  string
	OrganizationID   string // responsible; "" none
	OrganizationName string
	Deadline         string // YYYY-MM-DD
	FundingSource    string
	Amount           *float64
	SuccessIndicator string
	Status           MeasureStatus
	Progress         []Progress
}

// Progress is one dated note on how a measure goes.
type Progress struct {
	On   string // YYYY-MM-DD
	Note string
}

// Overdue tells whether the measure is still to be done and its deadline
// passed before the day of now.
func (m *Measure) Overdue(now time.Time) bool {
	open := m.Status == MeasurePlanned || m.Status == MeasureInProgress
	return open && m.Deadline != "" && m.Deadline < now.Format(time.DateOnly)
}

// Validate checks an assessment; every field is named "assessment.…" and
// a row's as "assessment.indicator.3.value" (rows counted from 1).
func (a *Assessment) Validate() error {
	a.trim()
	var p Problems
	add := func(field, rule, param string) { p.Add("assessment."+field, rule, param) }
	if a.Title == "" {
		add("title", "required", "")
	}
	if err := a.Period.Validate(); err != nil {
		for _, f := range AsError(err).Fields {
			add(f.Field, f.Rule, f.Param)
		}
	}
	if !slices.Contains(AssessmentStatuses, a.Status) {
		add("status", "unknown", "")
	}
	checkDate(add, "order_date", a.OrderDate)
	for i, m := range a.Members {
		if m.OrganizationID == "" && m.Person == "" {
			add(row("member", i, "person"), "required", "")
		}
	}
	for i, ind := range a.Indicators {
		a.validateIndicator(add, i, ind)
	}
	for i, n := range a.Needs {
		validateNeed(add, i, n)
	}
	for i, pt := range a.Points {
		if !slices.Contains(SWOTKinds, pt.Kind) && !slices.Contains(PESTKinds, pt.Kind) {
			add(row("point", i, "kind"), "unknown", "")
		}
	}
	a.validatePlan(add)
	return p.Err()
}

// ValidatePlan checks the plan of measures alone: what may still change
// once the assessment is approved.
func (a *Assessment) ValidatePlan() error {
	a.trimPlan()
	var p Problems
	a.validatePlan(func(field, rule, param string) { p.Add("assessment."+field, rule, param) })
	return p.Err()
}

func (a *Assessment) validatePlan(add func(field, rule, param string)) {
	for i, m := range a.Measures {
		validateMeasure(add, i, m)
	}
}

func (a *Assessment) validateIndicator(add func(field, rule, param string), i int, ind Indicator) {
	if ind.Name == "" {
		add(row("indicator", i, "name"), "required", "")
	}
	if ind.Value != nil && (*ind.Value < 0 || math.IsNaN(*ind.Value) || math.IsInf(*ind.Value, 0)) {
		add(row("indicator", i, "value"), "not_negative", "")
	}
	checkDate(add, row("indicator", i, "as_of"), ind.AsOf)
}

func validateNeed(add func(field, rule, param string), i int, n Need) {
	if n.ServiceTypeID == 0 {
		add(row("need", i, "service_type"), "required", "")
	}
	for _, v := range []struct {
		field string
		n     *int
	}{{"in_need", n.InNeed}, {"capacity", n.CapacityOverride}, {"served", n.ServedOverride}} {
		if v.n != nil && *v.n < 0 {
			add(row("need", i, v.field), "not_negative", "")
		}
	}
	if n.Source != "" && !slices.Contains(NeedSources, n.Source) {
		add(row("need", i, "source"), "unknown", "")
	}
	if n.Unit != "" && !slices.Contains(CapacityUnits, n.Unit) {
		add(row("need", i, "unit"), "unknown", "")
	}
	if n.Priority != "" && !slices.Contains(Priorities, n.Priority) {
		add(row("need", i, "priority"), "unknown", "")
	}
	if (n.CapacityOverride != nil || n.ServedOverride != nil) && n.OverrideNote == "" {
		add(row("need", i, "override_note"), "override_note", "")
	}
	if n.CapacityOverride != nil && n.Unit == "" {
		add(row("need", i, "unit"), "required", "")
	}
}

func validateMeasure(add func(field, rule, param string), i int, m Measure) {
	if m.Title == "" {
		add(row("measure", i, "title"), "required", "")
	}
	if !slices.Contains(MeasureStatuses, m.Status) {
		add(row("measure", i, "status"), "unknown", "")
	}
	checkDate(add, row("measure", i, "deadline"), m.Deadline)
	if m.Amount != nil && (*m.Amount < 0 || math.IsNaN(*m.Amount) || math.IsInf(*m.Amount, 0)) {
		add(row("measure", i, "amount"), "not_negative", "")
	}
	for j, pr := range m.Progress {
		field, line := fmt.Sprintf("measure.%d.progress", i+1), fmt.Sprint(j+1)
		if _, err := time.Parse(time.DateOnly, pr.On); err != nil {
			add(field, "progress_date", line)
		}
		if pr.Note == "" {
			add(field, "progress_note", line)
		}
	}
}

// row names field of the i-th row (from 0) of a section, counted from 1.
func row(section string, i int, field string) string {
	return fmt.Sprintf("%s.%d.%s", section, i+1, field)
}

// checkDate adds "date" for a day that is given and is not one.
func checkDate(add func(field, rule, param string), field, day string) {
	if day == "" {
		return
	}
	if _, err := time.Parse(time.DateOnly, day); err != nil {
		add(field, "date", "")
	}
}

// trim drops the spaces around what was typed, and the rows left wholly
// empty: a blank line added and never filled is not a mistake.
func (a *Assessment) trim() {
	a.Title, a.OrderNumber, a.Method = strings.TrimSpace(a.Title), strings.TrimSpace(a.OrderNumber), strings.TrimSpace(a.Method)
	a.Vision = strings.TrimSpace(a.Vision)
	for i := range a.Members {
		a.Members[i].Person, a.Members[i].Role = strings.TrimSpace(a.Members[i].Person), strings.TrimSpace(a.Members[i].Role)
	}
	a.Members = slices.DeleteFunc(a.Members, func(m Member) bool { return m.OrganizationID == "" && m.Person == "" && m.Role == "" })
	for i := range a.Indicators {
		ind := &a.Indicators[i]
		ind.Name, ind.Source = strings.TrimSpace(ind.Name), strings.TrimSpace(ind.Source)
	}
	a.Indicators = slices.DeleteFunc(a.Indicators, func(i Indicator) bool {
		return i.Name == "" && i.Value == nil && i.AsOf == "" && i.Source == ""
	})
	for i := range a.Needs {
		n := &a.Needs[i]
		n.OverrideNote, n.Rationale = strings.TrimSpace(n.OverrideNote), strings.TrimSpace(n.Rationale)
	}
	for i := range a.Points {
		a.Points[i].Text = strings.TrimSpace(a.Points[i].Text)
	}
	a.Points = slices.DeleteFunc(a.Points, func(p Point) bool { return p.Text == "" })
	a.trimPlan()
}

func (a *Assessment) trimPlan() {
	for i := range a.Measures {
		m := &a.Measures[i]
		m.Title, m.FundingSource, m.SuccessIndicator = strings.TrimSpace(m.Title), strings.TrimSpace(m.FundingSource), strings.TrimSpace(m.SuccessIndicator)
		for j := range m.Progress {
			m.Progress[j].Note = strings.TrimSpace(m.Progress[j].Note)
		}
	}
}

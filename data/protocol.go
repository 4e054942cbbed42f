package data

import (
	"slices"
	"strconv"
	"strings"
	"time"
)

// ProtocolStatus is where a protocol version stands.
type ProtocolStatus string

const (
	ProtocolDraft      ProtocolStatus = "draft"
	ProtocolApproved   ProtocolStatus = "approved"
	ProtocolSuperseded ProtocolStatus = "superseded"
)

// Urgency of a situation (and, later, of a referral).
type Urgency string

const (
	UrgencyEmergency Urgency = "emergency"
	UrgencyUrgent    Urgency = "urgent"
	UrgencyRoutine   Urgency = "routine"
)

// Urgencies lists the urgency classes, most urgent first.
var Urgencies = []Urgency{UrgencyEmergency, UrgencyUrgent, UrgencyRoutine}

// DeadlineUnit is what a step's deadline counts.
type DeadlineUnit string

const (
	DeadlineImmediately  DeadlineUnit = "immediately"
	DeadlineHours        DeadlineUnit = "hours"
	DeadlineCalendarDays DeadlineUnit = "calendar_days"
	DeadlineWorkingDays  DeadlineUnit = "working_days"
)

// DeadlineUnits lists the units in the order forms offer them.
var DeadlineUnits = []DeadlineUnit{DeadlineImmediately, DeadlineHours, DeadlineCalendarDays, DeadlineWorkingDays}

// DeadlineEvent is the event a deadline is counted from.
type DeadlineEvent string

// DeadlineEvents lists the events a deadline can count from.
var DeadlineEvents = []DeadlineEvent{"report_received", "previous_step", "case_opened", "assessment_done", "decision_made"}

// Deadline is "within Amount Unit of From".
type Deadline struct {
	Amount int
	Unit   DeadlineUnit
	From   DeadlineEvent
}

// Protocol is one version of the community's inter-sector interaction
// protocol.
type Protocol struct {
	ID                int64
	Version           int
	Title             string
	Community         string
	Status            ProtocolStatus
	ApprovalBody      string
	DecisionNumber    string
	DecisionDate      string // YYYY-MM-DD
	EffectiveFrom     string // YYYY-MM-DD
	Purpose           string
	GeneralProvisions string
	Participants      []Participant
	Situations        []Situation
	CommonSteps       []Step // steps that apply in every situation
}

// Participant is an organization taking part, with its role.
type Participant struct {
	OrganizationID         string
	Role                   string
	RepresentativeName     string
	RepresentativePosition string
	RepresentativePhone    string

	// Read from the organization, for lists and the approval sheet.
	OrganizationName string
	HeadName         string
	HeadPosition     string
}

// Situation is a route of the protocol: what happens when a case of this
// kind is reported. Key stays the same across versions.
type Situation struct {
	Key         string
	Name        string
	Description string
	Urgency     Urgency
	Steps       []Step
}

// Step is one action of a situation's route. Key stays the same across
// versions.
type Step struct {
	Key                       string
	Title                     string
	Action                    string
	ResponsibleOrganizationID string // one of the participants, or empty when a sector answers
	ResponsibleSector         Sector
	CoExecutors               string
	Deadline                  Deadline
	DeadlineToCheck           bool // a template default, to be checked against local rules
	OutputDocument            string

	ResponsibleName string // read: the responsible organization's name
}

// Situation finds a situation by its key.
func (p *Protocol) Situation(key string) (Situation, bool) {
	for _, s := range p.Situations {
		if s.Key == key {
			return s, true
		}
	}
	return Situation{}, false
}

// VersionInForce is the version in force among versions: the approved one.
// A draft is only being prepared, and a superseded one is history.
func VersionInForce(versions []ProtocolSummary) (ProtocolSummary, bool) {
	for _, v := range versions {
		if v.Status == ProtocolApproved {
			return v, true
		}
	}
	return ProtocolSummary{}, false
}

// Clone is a copy of p that shares nothing with it: a draft being edited
// on screen is saved from a clone, while the user may go on typing.
func (p *Protocol) Clone() Protocol {
	c := *p
	c.Participants = slices.Clone(p.Participants)
	c.CommonSteps = slices.Clone(p.CommonSteps)
	c.Situations = slices.Clone(p.Situations)
	for i := range c.Situations {
		c.Situations[i].Steps = slices.Clone(c.Situations[i].Steps)
	}
	return c
}

// ReadOnly tells whether the version can no longer be edited.
func (p *Protocol) ReadOnly() bool { return p.Status != ProtocolDraft }

// Validate checks the rules a protocol must meet to be saved.
func (p *Protocol) Validate() error {
	var pr Problems
	if strings.TrimSpace(p.Title) == "" {
		pr.Add("title", "required", "")
	}
	for _, d := range []struct{ field, v string }{{"decision_date", p.DecisionDate}, {"effective_from", p.EffectiveFrom}} {
		if d.v != "" {
			if _, err := time.Parse(time.DateOnly, d.v); err != nil {
				pr.Add(d.field, "date", "")
			}
		}
	}
	inProtocol := map[string]bool{}
	for i, part := range p.Participants {
		prefix := "participant." + strconv.Itoa(i+1) + "."
		switch {
		case part.OrganizationID == "":
			pr.Add(prefix+"organization", "required", "")
		case inProtocol[part.OrganizationID]:
			pr.Add(prefix+"organization", "duplicate_participant", "")
		}
		inProtocol[part.OrganizationID] = true
		validatePhone(&pr, prefix+"representative_phone", part.RepresentativePhone)
	}
	validateSteps(&pr, "common.", p.CommonSteps, inProtocol)
	keys := map[string]bool{}
	for i, s := range p.Situations {
		prefix := "situation." + strconv.Itoa(i+1) + "."
		if strings.TrimSpace(s.Name) == "" {
			pr.Add(prefix+"name", "required", "")
		}
		if !contains(Urgencies, s.Urgency) {
			pr.Add(prefix+"urgency", "required", "")
		}
		if s.Key == "" || keys[s.Key] {
			pr.Add(prefix+"name", "unknown", "")
		}
		keys[s.Key] = true
		validateSteps(&pr, prefix, s.Steps, inProtocol)
	}
	return pr.Err()
}

func validateSteps(pr *Problems, prefix string, steps []Step, inProtocol map[string]bool) {
	for j, st := range steps {
		f := prefix + "step." + strconv.Itoa(j+1) + "."
		if strings.TrimSpace(st.Title) == "" {
			pr.Add(f+"title", "required", "")
		}
		switch {
		case st.ResponsibleOrganizationID == "" && st.ResponsibleSector == "":
			pr.Add(f+"responsible", "required", "")
		case st.ResponsibleOrganizationID != "" && !inProtocol[st.ResponsibleOrganizationID]:
			pr.Add(f+"responsible", "not_participant", "")
		case st.ResponsibleSector != "" && !contains(Sectors, st.ResponsibleSector):
			pr.Add(f+"responsible", "unknown", "")
		}
		switch {
		case !contains(DeadlineUnits, st.Deadline.Unit):
			pr.Add(f+"deadline", "required", "")
		case st.Deadline.Unit != DeadlineImmediately && st.Deadline.Amount <= 0:
			pr.Add(f+"deadline", "positive", "")
		case st.Deadline.From != "" && !contains(DeadlineEvents, st.Deadline.From):
			pr.Add(f+"deadline", "unknown", "")
		}
	}
}

// ValidateApproval checks what approving needs beyond a valid draft: the
// body, the decision's number and date.
func (p *Protocol) ValidateApproval() error {
	var pr Problems
	if err := p.Validate(); err != nil {
		pr = AsError(err).Fields
	}
	d := Decision{p.ApprovalBody, p.DecisionNumber, p.DecisionDate}
	d.check(&pr)
	p.ApprovalBody, p.DecisionNumber, p.DecisionDate = d.Body, d.Number, d.Date
	if len(p.Participants) == 0 {
		pr.Add("participants", "required", "")
	}
	return pr.Err()
}

// allSteps lists the common steps and every situation's steps.
func (p *Protocol) allSteps() []Step {
	steps := append([]Step(nil), p.CommonSteps...)
	for _, s := range p.Situations {
		steps = append(steps, s.Steps...)
	}
	return steps
}

// StepCount is the number of steps in the protocol.
func (p *Protocol) StepCount() int { return len(p.allSteps()) }

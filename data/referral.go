package data

import (
	"strings"
	"time"
)

// ReferralStatus is where a referral stands.
type ReferralStatus string

const (
	RefDraft    ReferralStatus = "draft"
	RefSent     ReferralStatus = "sent"
	RefReceived ReferralStatus = "received"
	RefAccepted ReferralStatus = "accepted"
	RefRejected ReferralStatus = "rejected"
	RefDone     ReferralStatus = "done"
	RefClosed   ReferralStatus = "closed"
	RefRevoked  ReferralStatus = "revoked"
)

// ReferralStatuses lists the statuses in the order of the flow.
var ReferralStatuses = []ReferralStatus{RefDraft, RefSent, RefReceived, RefAccepted, RefRejected, RefDone, RefClosed, RefRevoked}

// transitions is the graph of allowed status changes: draft → sent →
// received → accepted | rejected; accepted → done → closed; rejected →
// closed; the sender may revoke until the work is done.
var transitions = map[ReferralStatus][]ReferralStatus{
	RefDraft:    {RefSent, RefRevoked},
	RefSent:     {RefReceived, RefRevoked},
	RefReceived: {RefAccepted, RefRejected, RefRevoked},
	RefAccepted: {RefDone, RefRevoked},
	RefRejected: {RefClosed},
	RefDone:     {RefClosed},
}

// NextStatuses lists the statuses a referral in status s may move to.
func NextStatuses(s ReferralStatus) []ReferralStatus { return transitions[s] }

// CanMove tells whether the graph allows from → to.
func CanMove(from, to ReferralStatus) bool { return contains(transitions[from], to) }

// OpenStatuses are those of a referral still being worked on: each has a
// deadline, and the register's "open" filter shows them.
var OpenStatuses = []ReferralStatus{RefSent, RefReceived, RefAccepted}

// Open tells whether a referral is still being worked on (has a deadline).
func (s ReferralStatus) Open() bool { return contains(OpenStatuses, s) }

// Case is the family or child a referral is about, with the least
// personal data that works. Fields marked sensitive are cleared by
// anonymisation.
type Case struct {
	ID             int64
	Number         string
	Subject        string // sensitive: initials or a pseudonym
	BirthYear      *int   // sensitive
	Settlement     string // sensitive
	FactorIDs      []int64
	ConsentGivenOn string // YYYY-MM-DD
	ConsentBy      string // sensitive
	Specialist     string
	OpenedOn       string // YYYY-MM-DD
	ClosedOn       string // YYYY-MM-DD
	Notes          string // sensitive
	AnonymisedAt   string

	FactorNames []string // read
}

// Validate checks a case.
func (c *Case) Validate(now time.Time) error {
	var p Problems
	if strings.TrimSpace(c.Subject) == "" {
		p.Add("subject", "required", "")
	}
	if c.BirthYear != nil && (*c.BirthYear < 1900 || *c.BirthYear > now.Year()) {
		p.Add("birth_year", "range", "1900–"+now.Format("2006"))
	}
	for _, d := range []struct{ field, v string }{{"opened_on", c.OpenedOn}, {"closed_on", c.ClosedOn}, {"consent_given_on", c.ConsentGivenOn}} {
		if d.v != "" {
			if _, err := time.Parse(time.DateOnly, d.v); err != nil {
				p.Add(d.field, "date", "")
			}
		}
	}
	if c.OpenedOn == "" {
		p.Add("opened_on", "required", "")
	}
	if c.ClosedOn != "" && c.OpenedOn != "" && c.ClosedOn < c.OpenedOn {
		p.Add("closed_on", "date_order", "")
	}
	return p.Err()
}

// Referral is a family or child referred from one organization to another.
type Referral struct {
	ID              int64
	Number          string
	CaseID          int64
	FromOrg         string
	FromPerson      string
	ToOrg           string
	ToPerson        string
	ProtocolVersion int
	SituationKey    string
	SituationName   string
	Reason          string
	Urgency         Urgency
	ServiceID       string
	Status          ReferralStatus
	SentAt          string // RFC 3339 UTC
	ReceivedAt      string
	DueAt           string
	RejectReason    string
	Outcome         string
	Feedback        string
	ClosedAt        string
	// OutgoingNumber and OutgoingDate (YYYY-MM-DD) are the sender's own
	// registration of the letter ("Вих. № … від …"), empty until given.
	OutgoingNumber, OutgoingDate string

	// Read with the referral, for lists and letters.
	CaseNumber, CaseSubject string
	FromName, ToName        string
	ServiceName             string
}

// Validate checks what a referral needs before it is saved.
func (r *Referral) Validate() error {
	var p Problems
	if r.CaseID == 0 {
		p.Add("case", "required", "")
	}
	if r.FromOrg == "" {
		p.Add("from_org", "required", "")
	}
	if r.ToOrg == "" {
		p.Add("to_org", "required", "")
	}
	if r.FromOrg != "" && r.FromOrg == r.ToOrg {
		p.Add("to_org", "same_as_sender", "")
	}
	if !contains(Urgencies, r.Urgency) {
		p.Add("urgency", "required", "")
	}
	if strings.TrimSpace(r.Reason) == "" {
		p.Add("reason", "required", "")
	}
	return p.Err()
}

// Due is the deadline of the referral's current status, zero when none.
func (r *Referral) Due() time.Time {
	t, err := time.Parse(time.RFC3339, r.DueAt)
	if err != nil {
		return time.Time{}
	}
	return t
}

// Overdue tells whether the referral is open and past its deadline at now.
// It is derived here, at read time, never stored.
func (r *Referral) Overdue(now time.Time) bool {
	due := r.Due()
	return r.Status.Open() && !due.IsZero() && now.After(due)
}

// DueToday tells whether an open referral falls due later on now's day.
func (r *Referral) DueToday(now time.Time) bool {
	due := r.Due().In(now.Location())
	y1, m1, d1 := due.Date()
	y2, m2, d2 := now.Date()
	return r.Status.Open() && !r.Overdue(now) && y1 == y2 && m1 == m2 && d1 == d2
}

// DaysLeft is the number of whole days until the deadline (negative when
// overdue), counted in calendar days of now's time zone.
func (r *Referral) DaysLeft(now time.Time) (int, bool) {
	due := r.Due()
	if due.IsZero() || !r.Status.Open() {
		return 0, false
	}
	day := func(t time.Time) time.Time {
		t = t.In(now.Location())
		return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	}
	return int(day(due).Sub(day(now)).Hours() / 24), true
}

// TimeLeft is how an open referral stands against its deadline, in the
// unit people count it in; the register says it in words.
type TimeLeft struct {
	Kind TimeLeftKind
	N    int // the hours or days Kind counts; 0 for DueLaterToday
}

// TimeLeftKind says what a TimeLeft counts.
type TimeLeftKind int

const (
	DaysToGo      TimeLeftKind = iota // N calendar days until the deadline
	DueLaterToday                     // due later on today's date
	OverdueHours                      // past the deadline by N whole hours (at least 1), less than a day
	OverdueDays                       // past the deadline by N calendar days, as the list of overdue referrals counts them
)

// TimeLeft says how the referral stands against its deadline at now;
// false when it is closed or has no deadline. Being overdue is decided as
// Overdue decides it: a referral an hour late on its due date is late, not
// due today.
func (r *Referral) TimeLeft(now time.Time) (TimeLeft, bool) {
	days, ok := r.DaysLeft(now)
	if !ok {
		return TimeLeft{}, false
	}
	late := now.Sub(r.Due())
	switch {
	case late > 0 && late < 24*time.Hour:
		return TimeLeft{OverdueHours, max(1, int(late.Hours()))}, true
	case late > 0:
		return TimeLeft{OverdueDays, max(1, -days)}, true // a day late even on the 25-hour day when clocks go back
	case days == 0:
		return TimeLeft{DueLaterToday, 0}, true
	}
	return TimeLeft{DaysToGo, days}, true
}

// Event is one status change of a referral.
type Event struct {
	At       string
	Operator string
	From, To ReferralStatus
	Note     string
}

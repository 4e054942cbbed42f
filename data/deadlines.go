package data

import (
	"context"
	"slices"
	"time"
)

// ReportStep is the step by whose deadline a referral on the situation
// must be received, counted from sending: the situation's first step.
func (s Situation) ReportStep() (Step, bool) {
	if len(s.Steps) == 0 {
		return Step{}, false
	}
	return s.Steps[0], true
}

// RecipientStep is the step the recipient of a referral acts by, counted
// from receipt: the first its organization answers for, else the first its
// sector answers for, else the step after the report.
func (s Situation) RecipientStep(org string, sector Sector) (Step, bool) {
	if len(s.Steps) == 0 {
		return Step{}, false
	}
	for _, st := range s.Steps {
		if st.ResponsibleOrganizationID == org {
			return st, true
		}
	}
	for _, st := range s.Steps {
		if st.ResponsibleSector != "" && st.ResponsibleSector == sector {
			return st, true
		}
	}
	if len(s.Steps) > 1 {
		return s.Steps[1], true
	}
	return s.Steps[0], true
}

// ProposedRecipient is the first body the situation's steps after the
// first make responsible that is none of exclude (the sender; on a
// referral made again, the body that rejected it): the protocol may name
// several, and a referral never goes back to where it came from.
func (s Situation) ProposedRecipient(exclude ...string) string {
	if len(s.Steps) < 2 {
		return ""
	}
	for _, st := range s.Steps[1:] {
		if org := st.ResponsibleOrganizationID; org != "" && !slices.Contains(exclude, org) {
			return org
		}
	}
	return ""
}

// DueIfSent is the deadline a referral would get if sent at: the date the
// new-referral form shows while the situation and recipient are chosen.
func (s *Store) DueIfSent(ctx context.Context, r Referral, at time.Time) (time.Time, error) {
	r.Status, r.SentAt = RefSent, utc(at)
	due, err := dueFor(ctx, s.db, &r, at, &txCache{})
	if err != nil {
		return due, classify("work out the deadline", s.path, err)
	}
	return due, nil
}

// dueFor derives the deadline of the referral's current status from the
// protocol version it was made under:
//   - sent: the recipient must receive it by the deadline of the
//     situation's report step, counted from sending;
//   - received and accepted: the recipient acts by the deadline of its
//     step (Situation.RecipientStep), counted from receipt;
//   - any other status has no deadline.
//
// Working days skip weekends and the country profile's public holidays.
// Without a protocol version or a situation, or when the version is gone,
// there is no deadline; a database that cannot be read is an error.
func dueFor(ctx context.Context, tx dbtx, r *Referral, clock time.Time, cache *txCache) (time.Time, error) {
	if !r.Status.Open() || r.SituationKey == "" || r.ProtocolVersion == 0 {
		return time.Time{}, nil
	}
	p, err := cache.protocol(ctx, tx, r.ProtocolVersion)
	if err != nil || p == nil {
		return time.Time{}, err
	}
	sit, ok := p.Situation(r.SituationKey)
	if !ok {
		return time.Time{}, nil
	}
	cal, err := cache.loadCalendar(ctx, tx)
	if err != nil {
		return time.Time{}, err
	}
	local := func(stamp string) time.Time {
		t, err := time.Parse(time.RFC3339, stamp)
		if err != nil {
			return clock.In(time.Local)
		}
		return t.In(time.Local)
	}
	if r.Status == RefSent {
		step, ok := sit.ReportStep()
		if !ok {
			return time.Time{}, nil
		}
		return cal.Due(local(r.SentAt), step.Deadline), nil
	}
	sector, err := cache.sector(ctx, tx, r.ToOrg)
	if err != nil {
		return time.Time{}, err
	}
	step, ok := sit.RecipientStep(r.ToOrg, sector)
	if !ok {
		return time.Time{}, nil
	}
	return cal.Due(local(r.ReceivedAt), step.Deadline), nil
}

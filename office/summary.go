package office

import (
	"context"
	"time"

	"spilno/data"
)

// SummarySource is what the dashboard's summary counts. Every count is a
// query of its own: nothing is read whole.
type SummarySource interface {
	Settings(ctx context.Context) (data.Settings, error)
	CountReferrals(ctx context.Context, f data.ReferralFilter) (int, error)
	CountByStatus(ctx context.Context) (map[data.ReferralStatus]int, error)
	ProtocolVersions(ctx context.Context) ([]data.ProtocolSummary, error)
	ServiceCounts(ctx context.Context, now time.Time) (total, unverified int, err error)
	CountOrganizations(ctx context.Context) (int, error)
	OverdueMeasures(ctx context.Context, now time.Time) ([]data.OverdueMeasure, error)
	Path() string
}

// ReferralCount is a number of referrals and the register filter that
// lists exactly them, so that a number on the dashboard opens its list.
type ReferralCount struct {
	Key    string // "overdue", "due_today", "not_accepted", or a status
	Filter data.ReferralFilter
	N      int
}

// Summary is the community at a glance, as the dashboard shows it.
type Summary struct {
	Settings data.Settings
	// NeedAction are the referrals someone must act on now: overdue, due
	// today, received but not yet accepted or rejected.
	NeedAction []ReferralCount
	ByStatus   []ReferralCount // one per status, in the order of the flow
	// InForce is the approved version, if any; Draft a newer draft being prepared.
	InForce, Draft       *data.ProtocolSummary
	Services, Unverified int // services in the catalogue, and those due for a check
	Organizations        int
	OverdueMeasures      []data.OverdueMeasure // of the plans of measures, past their deadline and not done
	LastBackup           time.Time             // zero when there is none
}

// Summarize counts what the dashboard shows, as of now.
func Summarize(ctx context.Context, st SummarySource, now time.Time) (Summary, error) {
	var s Summary
	var err error
	if s.Settings, err = st.Settings(ctx); err != nil {
		return s, err
	}
	for _, c := range []ReferralCount{
		{Key: "overdue", Filter: data.ReferralFilter{Overdue: true}},
		{Key: "due_today", Filter: data.ReferralFilter{DueToday: true}},
		{Key: "not_accepted", Filter: data.ReferralFilter{Statuses: []data.ReferralStatus{data.RefReceived}}},
	} {
		f := c.Filter
		f.Now = now
		if c.N, err = st.CountReferrals(ctx, f); err != nil {
			return s, err
		}
		s.NeedAction = append(s.NeedAction, c)
	}
	byStatus, err := st.CountByStatus(ctx)
	if err != nil {
		return s, err
	}
	for _, status := range data.ReferralStatuses {
		s.ByStatus = append(s.ByStatus, ReferralCount{Key: string(status),
			Filter: data.ReferralFilter{Statuses: []data.ReferralStatus{status}}, N: byStatus[status]})
	}
	versions, err := st.ProtocolVersions(ctx)
	if err != nil {
		return s, err
	}
	if v, ok := data.VersionInForce(versions); ok {
		s.InForce = &v
	}
	if len(versions) > 0 && versions[0].Status == data.ProtocolDraft {
		s.Draft = &versions[0]
	}
	if s.Services, s.Unverified, err = st.ServiceCounts(ctx, now); err != nil {
		return s, err
	}
	if s.Organizations, err = st.CountOrganizations(ctx); err != nil {
		return s, err
	}
	if s.OverdueMeasures, err = st.OverdueMeasures(ctx, now); err != nil {
		return s, err
	}
	backups, err := data.ListBackups(st.Path())
	if err != nil {
		return s, err
	}
	if len(backups) > 0 {
		s.LastBackup = backups[0].At
	}
	return s, nil
}

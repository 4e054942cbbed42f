package office

import (
	"context"
	"io"
	"strings"
	"time"

	"spilno/data"
	"spilno/i18n"
	"spilno/reports"
)

// LetterSource is what a referral letter is assembled from.
type LetterSource interface {
	Referral(ctx context.Context, id int64) (data.Referral, []data.Event, error)
	Case(ctx context.Context, id int64) (data.Case, error)
	Organization(ctx context.Context, id string) (data.Organization, error)
	Protocol(ctx context.Context, version int) (data.Protocol, error)
	Settings(ctx context.Context) (data.Settings, error)
	SetLetterOutgoing(ctx context.Context, id int64, g data.LetterOutgoing) error
	Auditor
}

// Letter assembles the letter of a referral: its case (only the details in
// show), both organizations, and the deadline the recipient has, in words
// from the protocol the referral was made under and, while it is open, as
// a date.
func Letter(ctx context.Context, st LetterSource, id int64, show reports.LetterCase, lang string) (reports.Letter, error) {
	r, _, err := st.Referral(ctx, id)
	if err != nil {
		return reports.Letter{}, err
	}
	l := reports.Letter{Referral: r, Show: show}
	if l.Case, err = st.Case(ctx, r.CaseID); err != nil {
		return l, err
	}
	if l.From, err = st.Organization(ctx, r.FromOrg); err != nil {
		return l, err
	}
	if l.To, err = st.Organization(ctx, r.ToOrg); err != nil {
		return l, err
	}
	if r.ProtocolVersion != 0 {
		p, err := st.Protocol(ctx, r.ProtocolVersion)
		if err != nil && data.ErrorCode(err) != data.ENotFound {
			return l, err
		}
		l.Deadline = SituationDeadline(&p, r.SituationKey, lang)
	}
	if due := r.Due(); !due.IsZero() && r.Status.Open() {
		l.Deadline = strings.TrimSpace(l.Deadline + " (" + i18n.FormatDateTimeIn(lang, due) + ")")
	}
	return l, nil
}

// SituationDeadline is, in words, the deadline by which a referral on the
// situation must be received: that of its report step ("" when the
// protocol has no such situation).
func SituationDeadline(p *data.Protocol, key, lang string) string {
	sit, ok := p.Situation(key)
	if !ok {
		return ""
	}
	step, ok := sit.ReportStep()
	if !ok {
		return ""
	}
	return reports.DeadlineText(lang, step.Deadline)
}

// ExportReferralLetter writes the letter of one referral as PDF. An
// outgoing registration, when given, is kept with the referral first, so
// that the letter and a reprint carry it; nil prints the one kept.
func ExportReferralLetter(ctx context.Context, st LetterSource, id int64, show reports.LetterCase, outgoing *data.LetterOutgoing, doc Document) error {
	if outgoing != nil {
		if err := st.SetLetterOutgoing(ctx, id, *outgoing); err != nil {
			return err
		}
	}
	l, err := Letter(ctx, st, id, show, doc.Lang)
	if err != nil {
		return err
	}
	set, err := st.Settings(ctx)
	if err != nil {
		return err
	}
	o := doc.options(set.Community, time.Now())
	o.Country, o.Letterhead, o.Operator = set.Country, set.Letterhead, set.Operator
	if err := doc.write(func(w io.Writer) error { return reports.ReferralLetterPDF(ctx, w, l, o) }); err != nil {
		return err
	}
	return doc.audited(ctx, st, data.ExportRecord{Document: "letter", Records: 1, Fields: show.Fields()})
}

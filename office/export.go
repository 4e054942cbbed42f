package office

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"spilno/data"
	"spilno/i18n"
	"spilno/reports"
)

// Document is where and how an export is written.
type Document struct {
	Path     string                // the file; it appears whole or not at all
	Lang     string                // uk, en, cs or pl
	Progress func(done, total int) // told as rows are written; may be nil
	Password string                // encrypts a spreadsheet of personal data; "" leaves it open
}

func (d Document) options(community string, now time.Time) reports.Options {
	return reports.Options{Lang: d.Lang, Community: community, Now: now, Progress: d.Progress, Password: d.Password}
}

// write renders the document into a temporary file beside its path and
// renames it into place, so that a cancelled or failed export never leaves
// a half-written file where the user expects a good one.
func (d Document) write(render func(io.Writer) error) error {
	const op = "write file"
	tmp, err := os.CreateTemp(filepath.Dir(d.Path), "."+filepath.Base(d.Path)+".*")
	if err != nil {
		return data.FileError(op, filepath.Dir(d.Path), err) // the folder is missing or cannot be written
	}
	defer os.Remove(tmp.Name()) // private (0600) as CreateTemp makes it: exports carry personal data
	bw := bufio.NewWriterSize(tmp, 1<<16)
	if err := render(bw); err != nil {
		tmp.Close()
		if errors.Is(err, context.Canceled) {
			return err
		}
		return data.FileError(op, d.Path, err)
	}
	if err := bw.Flush(); err != nil {
		tmp.Close()
		return data.FileError(op, d.Path, err)
	}
	if err := tmp.Close(); err != nil {
		return data.FileError(op, d.Path, err)
	}
	return data.FileError(op, d.Path, os.Rename(tmp.Name(), d.Path))
}

// audited records a written document of personal data in the audit log;
// a document that cannot be recorded is removed again.
func (d Document) audited(ctx context.Context, st Auditor, what data.ExportRecord) error {
	what.File, what.Protected = d.Path, d.Password != ""
	if err := st.RecordExport(ctx, what); err != nil {
		os.Remove(d.Path)
		return err
	}
	return nil
}

// CatalogueSource is what a catalogue export reads.
type CatalogueSource interface {
	Services(ctx context.Context, f data.ServiceFilter) ([]data.Service, error)
	Settings(ctx context.Context) (data.Settings, error)
}

// ExportCatalogue writes the services that pass filter as "xlsx" (the
// public list as a spreadsheet, every status) or "pdf" (the booklet for
// the public: active services, unless the filter asks for a status).
func ExportCatalogue(ctx context.Context, st CatalogueSource, filter data.ServiceFilter, format string, doc Document) error {
	render, err := pick(format, reports.CatalogueXLSX, reports.CataloguePDF)
	if err != nil {
		return fmt.Errorf("export catalogue: %w", err)
	}
	services, err := st.Services(ctx, filter)
	if err != nil {
		return err
	}
	if strings.EqualFold(format, "pdf") { // the public list: what is provided, from the window and the command line alike
		services = slices.DeleteFunc(services, func(s data.Service) bool { return !s.Provided() })
	}
	data.SortServices(services, doc.Lang)
	set, err := st.Settings(ctx)
	if err != nil {
		return err
	}
	o := doc.options(set.Community, time.Now())
	return doc.write(func(w io.Writer) error { return render(ctx, w, services, o) })
}

// pick chooses the writer of a format.
func pick[T any](format string, xlsx, pdf T) (T, error) {
	switch strings.ToLower(format) {
	case "xlsx":
		return xlsx, nil
	case "pdf":
		return pdf, nil
	}
	var none T
	return none, fmt.Errorf("unknown format %q (xlsx or pdf)", format)
}

// ProtocolSource is what a protocol export reads.
type ProtocolSource interface {
	Protocol(ctx context.Context, version int) (data.Protocol, error)
	Settings(ctx context.Context) (data.Settings, error)
}

// ExportProtocol writes a protocol version as "pdf" (for the executive
// committee) or "xlsx" (the responsibility matrix).
func ExportProtocol(ctx context.Context, st ProtocolSource, version int, format string, doc Document) error {
	render, err := pick(format, reports.ProtocolXLSX, reports.ProtocolPDF)
	if err != nil {
		return fmt.Errorf("export protocol: %w", err)
	}
	p, err := st.Protocol(ctx, version)
	if err != nil {
		return err
	}
	set, err := st.Settings(ctx)
	if err != nil {
		return err
	}
	o := doc.options(p.Community, time.Now())
	o.Letterhead = set.Letterhead
	return doc.write(func(w io.Writer) error { return render(ctx, w, &p, o) })
}

// ExportProtocolDiff writes the comparison table of two versions as PDF.
// With reasons, the table has a column for the reason of each change, to
// be filled in by hand; the operator signs as the one who prepared it.
func ExportProtocolDiff(ctx context.Context, st ProtocolSource, from, to int, reasons bool, doc Document) error {
	// The older version is always the current wording, the newer the
	// proposed one, whichever way round they were asked for.
	from, to = min(from, to), max(from, to)
	a, err := st.Protocol(ctx, from)
	if err != nil {
		return err
	}
	b, err := st.Protocol(ctx, to)
	if err != nil {
		return err
	}
	set, err := st.Settings(ctx)
	if err != nil {
		return err
	}
	o := doc.options(b.Community, time.Now())
	o.Operator, o.ReasonColumn = set.Operator, reasons
	return doc.write(func(w io.Writer) error { return reports.ProtocolDiffPDF(ctx, w, &a, &b, o) })
}

// RegisterSource is what the referral lists read.
type RegisterSource interface {
	Referrals(ctx context.Context, f data.ReferralFilter) ([]data.Referral, error)
	ReadReferrals(ctx context.Context, f data.ReferralFilter, use func(data.ReferralRows) error) error
	Settings(ctx context.Context) (data.Settings, error)
	ScopeSource
	Auditor
}

// Auditor records exports of personal data in the audit log.
type Auditor interface {
	RecordExport(ctx context.Context, e data.ExportRecord) error
}

// The personal fields each document shows, as the audit log names them.
var (
	registerFields = []string{"case_number", "reason", "reject_reason", "outcome", "feedback"}
	overdueFields  = []string{"case_number"}
)

// ExportRegister writes the referrals that pass filter as the register (XLSX).
func ExportRegister(ctx context.Context, st RegisterSource, filter data.ReferralFilter, doc Document) error {
	what := data.ExportRecord{Document: "register", Fields: registerFields}
	return exportReferrals(ctx, st, filter, doc, what, reports.RegisterXLSX)
}

// ExportOverdue writes the list of overdue referrals (PDF), most overdue
// first, among those that pass filter.
func ExportOverdue(ctx context.Context, st RegisterSource, filter data.ReferralFilter, doc Document) error {
	filter.Overdue = true
	// Grouped by the recipient, who has to act; most overdue first in each.
	filter.SortBy, filter.Desc = "to_due", false
	what := data.ExportRecord{Document: "overdue", Fields: overdueFields}
	return exportReferrals(ctx, st, filter, doc, what, reports.OverduePDF)
}

func exportReferrals(ctx context.Context, st RegisterSource, filter data.ReferralFilter, doc Document, what data.ExportRecord,
	render func(context.Context, io.Writer, reports.Rows[data.Referral], reports.Options) error) error {
	if filter.Now.IsZero() {
		filter.Now = time.Now()
	}
	filter.Limit, filter.Offset = 0, 0
	set, err := st.Settings(ctx)
	if err != nil {
		return err
	}
	o := doc.options(set.Community, filter.Now)
	o.Operator = set.Operator
	if o.Scope, err = FilterScope(ctx, st, filter, doc.Lang); err != nil {
		return err
	}
	// The document is written while the rows are read, from one snapshot.
	err = st.ReadReferrals(ctx, filter, func(rows data.ReferralRows) error {
		what.Records = rows.Len()
		return doc.write(func(w io.Writer) error { return render(ctx, w, rows, o) })
	})
	if err != nil {
		return err
	}
	return doc.audited(ctx, st, what)
}

// AuditSource is what an export of the audit log reads.
type AuditSource interface {
	AuditEntries(ctx context.Context, f data.AuditFilter) ([]data.AuditEntry, error)
}

// ExportAudit writes every row of the audit log that f chooses (XLSX).
func ExportAudit(ctx context.Context, st AuditSource, f data.AuditFilter, doc Document) error {
	f.Limit = 0
	entries, err := st.AuditEntries(ctx, f)
	if err != nil {
		return err
	}
	o := doc.options("", time.Now())
	return doc.write(func(w io.Writer) error { return reports.AuditXLSX(ctx, w, entries, o) })
}

// FilterScope says in words which referrals a filter chooses, for the top
// of a list (the reader of paper sees no filter bar) and for the
// register's line of conditions its bar has no field for: organizations
// and the situation by name, the situation as the protocol in force
// names it.
func FilterScope(ctx context.Context, st ScopeSource, f data.ReferralFilter, lang string) (string, error) {
	var parts []string
	for _, org := range []struct{ id, key string }{{f.OrgID, "scope.organization"}, {f.FromOrg, "scope.from"}, {f.ToOrg, "scope.to"}} {
		if org.id == "" {
			continue
		}
		o, err := st.Organization(ctx, org.id)
		if err != nil {
			return "", err
		}
		parts = append(parts, i18n.In(lang, org.key, "name", o.Name))
	}
	if f.FromSector != "" {
		parts = append(parts, i18n.In(lang, "scope.sector", "sector", i18n.In(lang, "sector."+string(f.FromSector))))
	}
	if f.SituationKey != "" {
		situation := f.SituationKey
		p, err := st.ProtocolInForce(ctx)
		if err != nil && data.ErrorCode(err) != data.ENotFound {
			return "", err
		}
		if sit, ok := p.Situation(f.SituationKey); ok {
			situation = sit.Name
		}
		parts = append(parts, i18n.In(lang, "scope.situation", "name", situation))
	}
	return strings.Join(append(parts, statusScope(f, lang)...), " · "), nil
}

// ScopeSource is what FilterScope names organizations and situations from.
type ScopeSource interface {
	Organization(ctx context.Context, id string) (data.Organization, error)
	ProtocolInForce(ctx context.Context) (data.Protocol, error)
}

// statusScope words the rest of the filter: status, urgency, dates, search.
func statusScope(f data.ReferralFilter, lang string) []string {
	var parts []string
	if len(f.Statuses) > 0 && !slices.Equal(f.Statuses, data.OpenStatuses) {
		var names []string
		for _, s := range f.Statuses {
			names = append(names, i18n.In(lang, "status.referral."+string(s)))
		}
		parts = append(parts, i18n.In(lang, "scope.statuses", "list", strings.Join(names, ", ")))
	}
	if f.Urgency != "" {
		parts = append(parts, i18n.In(lang, "scope.urgency", "urgency", i18n.In(lang, "urgency."+string(f.Urgency))))
	}
	if f.SentFrom != "" || f.SentTo != "" {
		parts = append(parts, i18n.In(lang, "scope.sent", "from", i18n.FormatDayIn(lang, f.SentFrom), "to", i18n.FormatDayIn(lang, f.SentTo)))
	}
	if q := strings.TrimSpace(f.Query); q != "" {
		parts = append(parts, i18n.In(lang, "scope.query", "query", q))
	}
	return parts
}

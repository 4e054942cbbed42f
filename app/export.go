package app

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"spilno/data"
	"spilno/i18n"
	"spilno/reports"
)

// catalogueSource is what a catalogue export reads.
type catalogueSource interface {
	Services(ctx context.Context, f data.ServiceFilter) ([]data.Service, error)
	Settings(ctx context.Context) (data.Settings, error)
}

// ExportCatalogue writes the services that pass filter to path as "xlsx"
// or "pdf", in lang. The window and `spilno export catalogue` both use it.
func ExportCatalogue(ctx context.Context, st catalogueSource, filter data.ServiceFilter, format, path, lang string, progress func(done, total int)) error {
	services, err := st.Services(ctx, filter)
	if err != nil {
		return err
	}
	data.SortServices(services, lang)
	set, err := st.Settings(ctx)
	if err != nil {
		return err
	}
	o := reports.Options{Lang: lang, Community: set.Community, Now: time.Now(), Progress: progress}
	var write func(context.Context, io.Writer, []data.Service, reports.Options) error
	switch strings.ToLower(format) {
	case "xlsx":
		write = reports.CatalogueXLSX
	case "pdf":
		write = reports.CataloguePDF
	default:
		return fmt.Errorf("export catalogue: unknown format %q (xlsx or pdf)", format)
	}
	return writeFileAtomically(path, func(w io.Writer) error { return write(ctx, w, services, o) })
}

// writeFileAtomically writes through a temporary file beside path and
// renames it into place, so that a cancelled or failed export never leaves
// a half-written file where the user expects a good one.
func writeFileAtomically(path string, write func(io.Writer) error) error {
	const op = "write file"
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return data.FileError(op, path, err)
	}
	defer os.Remove(tmp.Name())
	_ = tmp.Chmod(0o644) // CreateTemp makes it private; an export is an ordinary document
	bw := bufio.NewWriterSize(tmp, 1<<16)
	if err := write(bw); err != nil {
		tmp.Close()
		if errors.Is(err, context.Canceled) {
			return err
		}
		return data.FileError(op, path, err)
	}
	if err := bw.Flush(); err != nil {
		tmp.Close()
		return data.FileError(op, path, err)
	}
	if err := tmp.Close(); err != nil {
		return data.FileError(op, path, err)
	}
	return data.FileError(op, path, os.Rename(tmp.Name(), path))
}

// protocolSource is what a protocol export reads.
type protocolSource interface {
	Protocol(ctx context.Context, version int) (data.Protocol, error)
}

// ExportProtocol writes a protocol version to path as "pdf" or "xlsx".
func ExportProtocol(ctx context.Context, st protocolSource, version int, format, path, lang string) error {
	p, err := st.Protocol(ctx, version)
	if err != nil {
		return err
	}
	o := reports.Options{Lang: lang, Community: p.Community, Now: time.Now()}
	var write func(context.Context, io.Writer, *data.Protocol, reports.Options) error
	switch strings.ToLower(format) {
	case "xlsx":
		write = reports.ProtocolXLSX
	case "pdf":
		write = reports.ProtocolPDF
	default:
		return fmt.Errorf("export protocol: unknown format %q (xlsx or pdf)", format)
	}
	return writeFileAtomically(path, func(w io.Writer) error { return write(ctx, w, &p, o) })
}

// ExportProtocolDiff writes the comparison table of two versions as PDF.
func ExportProtocolDiff(ctx context.Context, st protocolSource, from, to int, path, lang string) error {
	a, err := st.Protocol(ctx, from)
	if err != nil {
		return err
	}
	b, err := st.Protocol(ctx, to)
	if err != nil {
		return err
	}
	o := reports.Options{Lang: lang, Community: b.Community, Now: time.Now()}
	return writeFileAtomically(path, func(w io.Writer) error { return reports.ProtocolDiffPDF(ctx, w, &a, &b, o) })
}

// referralSource is what the referral exports read.
type referralSource interface {
	Referrals(ctx context.Context, f data.ReferralFilter) ([]data.Referral, error)
	Referral(ctx context.Context, id int64) (data.Referral, []data.Event, error)
	Case(ctx context.Context, id int64) (data.Case, error)
	Organization(ctx context.Context, id string) (data.Organization, error)
	Protocol(ctx context.Context, version int) (data.Protocol, error)
	Settings(ctx context.Context) (data.Settings, error)
}

// ExportReferrals writes the referrals that pass filter as the register
// ("register", XLSX) or as the list of overdue ones ("overdue", PDF).
func ExportReferrals(ctx context.Context, st referralSource, filter data.ReferralFilter, kind, path, lang string) error {
	if filter.Now.IsZero() {
		filter.Now = time.Now()
	}
	list, err := st.Referrals(ctx, filter)
	if err != nil {
		return err
	}
	set, err := st.Settings(ctx)
	if err != nil {
		return err
	}
	o := reports.Options{Lang: lang, Community: set.Community, Now: filter.Now}
	switch kind {
	case "register":
		return writeFileAtomically(path, func(w io.Writer) error { return reports.RegisterXLSX(ctx, w, list, o) })
	case "overdue":
		return writeFileAtomically(path, func(w io.Writer) error { return reports.OverduePDF(ctx, w, list, o) })
	}
	return fmt.Errorf("export referrals: unknown report %q (register or overdue)", kind)
}

// ExportReferralLetter writes the letter of one referral, showing only the
// case details in show.
func ExportReferralLetter(ctx context.Context, st referralSource, id int64, show reports.LetterCase, path, lang string) error {
	r, _, err := st.Referral(ctx, id)
	if err != nil {
		return err
	}
	l := reports.Letter{Referral: r, Show: show}
	if l.Case, err = st.Case(ctx, r.CaseID); err != nil {
		return err
	}
	if l.From, err = st.Organization(ctx, r.FromOrg); err != nil {
		return err
	}
	if l.To, err = st.Organization(ctx, r.ToOrg); err != nil {
		return err
	}
	if r.ProtocolVersion != 0 {
		if p, err := st.Protocol(ctx, r.ProtocolVersion); err == nil {
			for _, sit := range p.Situations {
				if sit.Key == r.SituationKey && len(sit.Steps) > 0 {
					l.Deadline = reports.DeadlineText(lang, sit.Steps[0].Deadline)
				}
			}
		}
	}
	if due := r.Due(); !due.IsZero() && r.Status.Open() {
		l.Deadline = strings.TrimSpace(l.Deadline + " (" + i18n.FormatDateIn(lang, due.In(time.Local)) + " " + due.In(time.Local).Format("15:04") + ")")
	}
	set, err := st.Settings(ctx)
	if err != nil {
		return err
	}
	o := reports.Options{Lang: lang, Community: set.Community, Now: time.Now()}
	return writeFileAtomically(path, func(w io.Writer) error { return reports.ReferralLetterPDF(ctx, w, l, o) })
}

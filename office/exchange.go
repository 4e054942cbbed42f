package office

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"spilno/data"
	"spilno/hsds"
	"spilno/i18n"
	"spilno/rpss"
)

// ExchangeSource is what an HSDS export reads.
type ExchangeSource interface {
	Services(ctx context.Context, f data.ServiceFilter) ([]data.Service, error)
	Organization(ctx context.Context, id string) (data.Organization, error)
	ServiceTypes(ctx context.Context, country data.Country) ([]data.ServiceType, error)
	Settings(ctx context.Context) (data.Settings, error)
}

// ExportHSDS writes the whole catalogue as Open Referral HSDS 3.0: "json"
// (the API's paged list) or "csv" (the tabular data package: a zip when
// the path ends in .zip, else a folder). An export that breaks the HSDS
// schema is not written (hsds.InvalidError names the record and field).
func ExportHSDS(ctx context.Context, st ExchangeSource, format string, doc Document) error {
	format = strings.ToLower(format)
	if format != "json" && format != "csv" {
		return fmt.Errorf("export hsds: unknown format %q (json or csv)", format)
	}
	c, err := readCatalogue(ctx, st)
	if err != nil {
		return err
	}
	e := hsds.Build(c)
	if err := hsds.Check(ctx, e); err != nil { // before any file is made
		return err
	}
	switch {
	case format == "json":
		return doc.write(func(w io.Writer) error { return hsds.WriteJSON(ctx, w, e) })
	case strings.EqualFold(filepath.Ext(doc.Path), ".zip"):
		return doc.write(func(w io.Writer) error { return hsds.WriteZip(ctx, w, e) })
	}
	return writeFolder(doc.Path, func(f hsds.Files) error { return hsds.WriteCSV(ctx, f, e) })
}

// folderFiles writes each file of a package beside its place, to be moved
// in when all are written.
type folderFiles struct {
	dir   string
	files []*os.File
}

func (f *folderFiles) Create(name string) (io.Writer, error) {
	file, err := os.Create(filepath.Join(f.dir, name))
	if err == nil {
		f.files = append(f.files, file)
	}
	return file, err
}

// writeFolder writes a data package into a new folder beside dir and
// moves its files into dir once all are written: a failed export leaves
// the folder as it was.
func writeFolder(dir string, write func(hsds.Files) error) error {
	const op = "write folder"
	// A folder of other files is not a package's: the export would mix in
	// with them and replace what has the same name.
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		if _, err := os.Stat(filepath.Join(dir, "datapackage.json")); err != nil {
			return &data.Error{Code: data.EInvalid, Op: "export hsds", Path: dir,
				Fields: []data.FieldError{{Field: "folder", Rule: "folder_not_empty", Param: dir}}}
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return data.FileError(op, dir, err)
	}
	tmp, err := os.MkdirTemp(filepath.Dir(dir), "."+filepath.Base(dir)+".*")
	if err != nil {
		return data.FileError(op, dir, err)
	}
	defer os.RemoveAll(tmp)
	f := &folderFiles{dir: tmp}
	err = write(f)
	for _, file := range f.files {
		if cerr := file.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		if _, invalid := err.(*hsds.InvalidError); invalid || errors.Is(err, context.Canceled) {
			return err
		}
		return data.FileError(op, dir, err)
	}
	for _, file := range f.files {
		name := filepath.Base(file.Name())
		if err := os.Rename(file.Name(), filepath.Join(dir, name)); err != nil {
			return data.FileError(op, filepath.Join(dir, name), err)
		}
	}
	return nil
}

// readCatalogue reads every service, its providers with their contacts and
// the country's classifier.
func readCatalogue(ctx context.Context, st ExchangeSource) (hsds.Catalogue, error) {
	set, err := st.Settings(ctx)
	if err != nil {
		return hsds.Catalogue{}, err
	}
	c := hsds.Catalogue{Country: set.Country, Now: time.Now()}
	if c.Types, err = st.ServiceTypes(ctx, set.Country); err != nil {
		return c, err
	}
	if c.Services, err = st.Services(ctx, data.ServiceFilter{}); err != nil {
		return c, err
	}
	seen := map[string]bool{}
	for _, s := range c.Services {
		if seen[s.OrganizationID] {
			continue
		}
		seen[s.OrganizationID] = true
		o, err := st.Organization(ctx, s.OrganizationID)
		if err != nil {
			return c, err
		}
		c.Organizations = append(c.Organizations, o)
	}
	return c, nil
}

// ReadHSDS reads an HSDS file, folder or zip for import into the store's
// country profile.
func ReadHSDS(ctx context.Context, st ExchangeSource, path string) (*data.Incoming, error) {
	set, err := st.Settings(ctx)
	if err != nil {
		return nil, err
	}
	return hsds.Read(path, set.Country)
}

// Register is what to read of the Czech register of providers.
type Register struct {
	File, CodeLists string    // rpss.json and the folder of its code lists ("" for none)
	Area            rpss.Area // the services provided there
}

// ReadRegister streams the Czech register of providers for import; a
// database whose country profile is not CZ is refused.
func ReadRegister(ctx context.Context, st ExchangeSource, r Register, progress func(done, total int64)) (*data.Incoming, error) {
	set, err := st.Settings(ctx)
	if err != nil {
		return nil, err
	}
	if set.Country != data.CountryCZ {
		return nil, &data.Error{Code: data.EInvalid, Op: "read register",
			Fields: []data.FieldError{{Field: "country", Rule: "register_cz", Param: string(set.Country)}}}
	}
	lists, err := rpss.LoadCodeLists(r.CodeLists)
	if err != nil {
		return nil, err
	}
	return rpss.Read(ctx, r.File, lists, r.Area, time.Now(), progress)
}

// RejectionText says in the user's language what is refused and why:
// "services.csv, 3: «Counselling»: organization_id: points to …".
func RejectionText(r data.Rejection) string {
	what := r.Where
	if r.Name != "" {
		what += ": «" + r.Name + "»"
	}
	if r.Field == "" {
		return what + ": " + RuleMessage(r.FieldError)
	}
	if r.Raw { // a column or JSON field of the file: its own name says most
		return what + ": " + r.Field + ": " + RuleMessage(r.FieldError)
	}
	return what + ": " + FieldMessage(r.FieldError)
}

// PlanSummary is the preview in a few lines: what is added, updated,
// unchanged and refused, the terms to map and what the register no
// longer has.
func PlanSummary(p data.ExchangePlan) []string {
	return summary(p, "exchange.summary_")
}

// DoneSummary says what an import did.
func DoneSummary(p data.ExchangePlan) []string {
	return summary(p, "exchange.done_")[:2]
}

func summary(p data.ExchangePlan, prefix string) []string {
	lines := []string{
		i18n.T(prefix+"organizations", "added", i18n.FormatInt(p.Count("organization", data.ActionAdd)),
			"updated", i18n.FormatInt(p.Count("organization", data.ActionUpdate)), "unchanged", i18n.FormatInt(p.Count("organization", data.ActionUnchanged))),
		i18n.T(prefix+"services", "added", i18n.FormatInt(p.Count("service", data.ActionAdd)),
			"updated", i18n.FormatInt(p.Count("service", data.ActionUpdate)), "unchanged", i18n.FormatInt(p.Count("service", data.ActionUnchanged))),
		i18n.Plural("exchange.summary_rejected", len(p.Rejected)),
	}
	if len(p.Unmapped) > 0 {
		lines = append(lines, i18n.Plural("exchange.summary_unmapped", len(p.Unmapped)))
	}
	if len(p.TargetGroups) > 0 {
		lines = append(lines, i18n.T("exchange.summary_groups", "list", strings.Join(p.TargetGroups, ", ")))
	}
	if len(p.Gone) > 0 {
		lines = append(lines, i18n.Plural("exchange.summary_gone", len(p.Gone)))
	}
	return lines
}

// CreateDatabase makes a new, empty database of a country profile, as
// the window's welcome does; a database that cannot be completed is
// removed again.
func CreateDatabase(ctx context.Context, path string, country data.Country, community string) error {
	st, err := data.Open(path, data.Options{})
	if err != nil {
		return err
	}
	set, err := st.Settings(ctx)
	if err == nil {
		set.Country, set.Community = country, strings.TrimSpace(community)
		err = st.SaveSettings(ctx, set)
	}
	st.Close()
	if err != nil {
		data.Discard(path)
	}
	return err
}

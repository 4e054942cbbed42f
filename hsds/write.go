package hsds

import (
	"archive/zip"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// InvalidError says which record of an export breaks the HSDS schema, and
// where: the export is then not written.
type InvalidError struct {
	Table, ID, Name string
	Violation
}

func (e *InvalidError) Error() string {
	return fmt.Sprintf("%s %q (%s): %s: %s", e.Table, e.Name, e.ID, e.Field, e.Message)
}

// Check validates every record of the export against the schemas and
// returns the first that fails.
func Check(ctx context.Context, e Export) error {
	for _, s := range e.Services {
		if err := checkOne(ctx, "service", s.ID, s.Name, s); err != nil {
			return err
		}
	}
	for _, t := range e.Taxonomies {
		if err := checkOne(ctx, "taxonomy", t.ID, t.Name, t); err != nil {
			return err
		}
	}
	for _, t := range e.Terms {
		if err := checkOne(ctx, "taxonomy_term", t.ID, t.Name, t); err != nil {
			return err
		}
	}
	return nil
}

func checkOne(ctx context.Context, table, id, name string, record any) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	v, err := Validate(table, record)
	if err != nil {
		return fmt.Errorf("validate %s %s: %w", table, id, err)
	}
	if len(v) > 0 {
		return &InvalidError{Table: table, ID: id, Name: name, Violation: v[0]}
	}
	return nil
}

// WriteJSON writes the services as the HSDS API's paged list, one page.
func WriteJSON(ctx context.Context, w io.Writer, e Export) error {
	if err := Check(ctx, e); err != nil {
		return err
	}
	page := Page{TotalItems: len(e.Services), TotalPages: 1, PageNumber: 1, Size: len(e.Services),
		FirstPage: true, LastPage: true, Empty: len(e.Services) == 0, Contents: e.Services}
	if page.Contents == nil {
		page.Contents = []Service{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", " ")
	return enc.Encode(page)
}

// Files is where a data package's files are written: a zip, or a folder.
type Files interface {
	Create(name string) (io.Writer, error)
}

// zipFiles writes the files into a zip.
type zipWriter struct {
	z    *zip.Writer
	when time.Time
}

func (z zipWriter) Create(name string) (io.Writer, error) {
	return z.z.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: z.when})
}

// WriteZip writes the tabular data package as one zip file.
func WriteZip(ctx context.Context, w io.Writer, e Export) error {
	z := zip.NewWriter(w)
	if err := WriteCSV(ctx, zipWriter{z, e.Written}, e); err != nil {
		return err
	}
	return z.Close()
}

// WriteCSV writes the tabular data package: a CSV file per table with the
// columns of the HSDS datapackage, and datapackage.json listing the files
// written.
func WriteCSV(ctx context.Context, files Files, e Export) error {
	if err := Check(ctx, e); err != nil {
		return err
	}
	pkg, err := shippedPackage()
	if err != nil {
		return err
	}
	tables := e.tables()
	var written []resource
	for _, r := range pkg.Resources {
		rows, ok := tables[r.Name]
		if !ok {
			continue
		}
		f, err := files.Create(r.Path)
		if err != nil {
			return err
		}
		if err := writeTable(f, r, rows); err != nil {
			return fmt.Errorf("%s: %w", r.Path, err)
		}
		written = append(written, r)
	}
	f, err := files.Create("datapackage.json")
	if err != nil {
		return err
	}
	return pkg.write(f, written)
}

// tables lays the records out as the data package's tables, each record
// once, children pointing at their parents by ID.
func (e Export) tables() map[string][]any {
	t := tableSet{seen: map[string]bool{}, rows: map[string][]any{}}
	for _, s := range e.Services {
		if o := s.Organization; o != nil {
			t.organization(*o)
		}
		flat := s
		flat.Phones, flat.Schedules, flat.ServiceAreas, flat.ServiceAtLocations = nil, nil, nil, nil
		flat.Languages, flat.Organization, flat.Funding, flat.CostOptions, flat.Attributes = nil, nil, nil, nil, nil
		t.add("service", s.ID, flat)
		for _, p := range s.Phones {
			t.add("phone", p.ID, p)
		}
		for _, x := range s.Schedules {
			t.add("schedule", x.ID, x)
		}
		for _, x := range s.ServiceAreas {
			t.add("service_area", x.ID, x)
		}
		for _, x := range s.Languages {
			t.add("language", x.ID, x)
		}
		for _, x := range s.Funding {
			t.add("funding", x.ID, x)
		}
		for _, x := range s.ServiceAtLocations {
			if x.Location != nil {
				t.location(*x.Location)
			}
			x.Location = nil
			t.add("service_at_location", x.ID, x)
		}
		for _, a := range s.Attributes {
			a.TaxonomyTerm = nil
			t.add("attribute", a.ID, a)
		}
	}
	for _, x := range e.Taxonomies {
		t.add("taxonomy", x.ID, x)
	}
	for _, x := range e.Terms {
		x.TaxonomyDetail = nil
		t.add("taxonomy_term", x.ID, x)
	}
	return t.rows
}

type tableSet struct {
	seen map[string]bool
	rows map[string][]any
}

func (t *tableSet) add(table, id string, row any) {
	if t.seen[table+id] {
		return
	}
	t.seen[table+id] = true
	t.rows[table] = append(t.rows[table], row)
}

func (t *tableSet) organization(o Organization) {
	for _, p := range o.Phones {
		t.add("phone", p.ID, p)
	}
	for _, l := range o.Locations {
		t.location(l)
	}
	for _, i := range o.Identifiers {
		t.add("organization_identifier", i.ID, i)
	}
	for _, c := range o.Contacts {
		for _, p := range c.Phones {
			t.add("phone", p.ID, p)
		}
		c.Phones = nil
		t.add("contact", c.ID, c)
	}
	o.Phones, o.Locations, o.Identifiers, o.Contacts, o.Attributes = nil, nil, nil, nil, nil
	t.add("organization", o.ID, o)
}

func (t *tableSet) location(l Location) {
	for _, a := range l.Addresses {
		t.add("address", a.ID, a)
	}
	l.Addresses = nil
	t.add("location", l.ID, l)
}

// writeTable writes rows under the resource's columns: each row is
// turned into its JSON fields, nested lists having been taken out.
func writeTable(w io.Writer, r resource, rows []any) error {
	cw := csv.NewWriter(w)
	cols := r.columns()
	if err := cw.Write(cols); err != nil {
		return err
	}
	for _, row := range rows {
		raw, err := json.Marshal(row)
		if err != nil {
			return err
		}
		var fields map[string]any
		if err := json.Unmarshal(raw, &fields); err != nil {
			return err
		}
		line := make([]string, len(cols))
		for i, c := range cols {
			line[i] = cell(fields[c])
		}
		if err := cw.Write(line); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func cell(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return v
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(v)
	}
	raw, _ := json.Marshal(v)
	return strings.TrimSpace(string(raw))
}

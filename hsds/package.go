package hsds

import (
	"archive/zip"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/google/uuid"

	"spilno/data"
)

// packageFiles opens the CSV files of a data package by their names.
type packageFiles map[string]func() (io.ReadCloser, error)

func dirFiles(dir string) packageFiles {
	files := packageFiles{}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if !e.IsDir() && strings.EqualFold(filepath.Ext(e.Name()), ".csv") {
			path := filepath.Join(dir, e.Name())
			files[e.Name()] = func() (io.ReadCloser, error) { return os.Open(path) }
		}
	}
	return files
}

// zipFiles lists the CSV files of a zip, at its top or in one folder.
func zipFiles(path string) (packageFiles, func(), error) {
	z, err := zip.OpenReader(path)
	if err != nil {
		return nil, nil, err
	}
	files := packageFiles{}
	for _, f := range z.File {
		if strings.EqualFold(filepath.Ext(f.Name), ".csv") {
			files[filepath.Base(f.Name)] = f.Open
		}
	}
	return files, func() { z.Close() }, nil
}

// row is one line of a CSV file: its cells by column, and where it is.
type row struct {
	cells map[string]string
	where string
}

func (r row) get(col string) string { return strings.TrimSpace(r.cells[col]) }

// table is one CSV file of the package, its rows kept in order.
type table struct {
	res  resource
	rows []row
	ids  map[string]bool
}

// readPackage reads the tables, reports what breaks the schema's required
// fields, UUIDs and foreign keys (file, row, field), and maps the rest.
func readPackage(op, path string, files packageFiles, country data.Country) (*data.Incoming, error) {
	pkg, err := shippedPackage()
	if err != nil {
		return nil, err
	}
	known := false
	for name := range files {
		_, ok := pkg.byPath(name)
		known = known || ok
	}
	if !known { // an empty catalogue's package still has its taxonomy
		return nil, &data.Error{Code: data.EBadFile, Op: op, Path: path, Err: fmt.Errorf("no HSDS table")}
	}
	tables := map[string]*table{}
	for name, open := range files {
		res, ok := pkg.byPath(name)
		if !ok {
			continue // a file HSDS does not define: not ours to read
		}
		t, err := readTable(res, open)
		if err != nil {
			return nil, &data.Error{Code: data.EBadFile, Op: op, Path: filepath.Join(path, name), Err: err}
		}
		tables[res.Name] = t
	}
	r := newReader(country)
	bad := r.checkTables(tables)
	r.assemble(tables, bad)
	return r.in, nil
}

func readTable(res resource, open func() (io.ReadCloser, error)) (*table, error) {
	f, err := open()
	if err != nil {
		return nil, err
	}
	defer f.Close()
	cr := csv.NewReader(f)
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		return nil, err
	}
	if len(header) > 0 {
		header[0] = strings.TrimPrefix(header[0], "\ufeff")
	}
	t := &table{res: res, ids: map[string]bool{}}
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if err == io.EOF {
			return t, nil
		}
		if err != nil {
			return nil, err
		}
		r := row{cells: map[string]string{}, where: res.Path + ", " + strconv.Itoa(line)}
		for i, h := range header {
			if i < len(rec) {
				r.cells[strings.TrimSpace(h)] = rec[i]
			}
		}
		t.rows = append(t.rows, r)
		t.ids[r.get("id")] = true
	}
}

// tableRules are what the schema of a table asks of its columns.
type tableRules struct {
	required []string
	uuids    []string
}

func rulesOf(table string) tableRules {
	raw, err := schemaFiles.ReadFile("schema/" + table + ".json")
	if err != nil {
		return tableRules{}
	}
	var s struct {
		Required   []string `json:"required"`
		Properties map[string]struct {
			Format string `json:"format"`
		} `json:"properties"`
	}
	if json.Unmarshal(raw, &s) != nil {
		return tableRules{}
	}
	rules := tableRules{required: s.Required}
	for name, p := range s.Properties {
		if p.Format == "uuid" {
			rules.uuids = append(rules.uuids, name)
		}
	}
	slices.Sort(rules.uuids)
	return rules
}

// checkTables reports each row that lacks a required field, holds a bad
// UUID or points at a record the package does not have; it returns the
// rows left out, by table and ID.
func (r *reader) checkTables(tables map[string]*table) map[string]bool {
	bad := map[string]bool{}
	for _, name := range sortedKeys(tables) {
		t := tables[name]
		rules := rulesOf(name)
		for _, rw := range t.rows {
			ok := true
			fail := func(field, rule, param string) {
				r.reject(rw.where, rw.get("name"), field, rule, param)
				ok = false
			}
			// In a CSV file a required field is a column: its cell may be
			// empty, as a JSON string may; an ID never is.
			for _, c := range rules.required {
				if _, present := rw.cells[c]; !present || (c == "id" && rw.get(c) == "") {
					fail(c, "required", "")
				}
			}
			for _, c := range rules.uuids {
				if v := rw.get(c); v != "" && uuid.Validate(v) != nil {
					fail(c, "uuid", v)
				}
			}
			for _, fk := range t.res.Schema.ForeignKeys {
				v := rw.get(fk.Fields)
				if v == "" || uuid.Validate(v) != nil {
					continue
				}
				if target, ok := tables[fk.Reference.Resource]; !ok || !target.ids[v] {
					fail(fk.Fields, "dangling", v)
				}
			}
			for _, c := range t.res.columns() {
				if v := rw.get(c); v != "" && t.res.fieldType(c) == "number" {
					if _, err := strconv.ParseFloat(v, 64); err != nil {
						fail(c, "number", v)
					}
				}
			}
			if !ok {
				bad[name+"/"+rw.get("id")] = true
			}
		}
	}
	return bad
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// decode reads a row into a record of this package through its JSON
// fields, numbers as numbers.
func decode[T any](t *table, rw row) T {
	fields := map[string]any{}
	for c, v := range rw.cells {
		v = strings.TrimSpace(v)
		if v == "" {
			continue
		}
		fields[c] = v
		if t.res.fieldType(c) == "number" {
			if f, err := strconv.ParseFloat(v, 64); err == nil {
				fields[c] = f
			}
		}
	}
	var rec T
	raw, _ := json.Marshal(fields)
	_ = json.Unmarshal(raw, &rec) // the row was checked; a field of another type stays empty
	return rec
}

// links finds the good rows of a table by the value of a column, each
// column indexed once: a package of thousands of services is not read
// table by table for every one of them.
type links struct {
	tables map[string]*table
	bad    map[string]bool
	index  map[string]map[string][]row // "table/column" → value → rows
}

func (l *links) rows(name, column, value string) []row {
	key := name + "/" + column
	idx, ok := l.index[key]
	if !ok {
		idx = map[string][]row{}
		if t := l.tables[name]; t != nil {
			for _, rw := range t.rows {
				if !l.bad[name+"/"+rw.get("id")] {
					idx[rw.get(column)] = append(idx[rw.get(column)], rw)
				}
			}
		}
		l.index[key] = idx
	}
	if value == "" {
		return nil
	}
	return idx[value]
}

// children are the good rows of a table whose column points at parent.
func children[T any](l *links, name, column, parent string) []T {
	var out []T
	for _, rw := range l.rows(name, column, parent) {
		out = append(out, decode[T](l.tables[name], rw))
	}
	return out
}

// assemble nests the good rows as the JSON records are nested, and maps
// them.
func (r *reader) assemble(tables map[string]*table, bad map[string]bool) {
	r.termByID = map[string]*TaxonomyTerm{}
	if t := tables["taxonomy_term"]; t != nil {
		for _, rw := range t.rows {
			term := decode[TaxonomyTerm](t, rw)
			r.termByID[term.ID] = &term
		}
	}
	l := &links{tables: tables, bad: bad, index: map[string]map[string][]row{}}
	location := func(id string) *Location {
		for _, loc := range children[Location](l, "location", "id", id) {
			loc.Addresses = children[Address](l, "address", "location_id", id)
			return &loc
		}
		return nil
	}
	if t := tables["organization"]; t != nil {
		for _, rw := range t.rows {
			if bad["organization/"+rw.get("id")] {
				continue
			}
			o := decode[Organization](t, rw)
			o.Phones = children[Phone](l, "phone", "organization_id", o.ID)
			o.Identifiers = children[Identifier](l, "organization_identifier", "organization_id", o.ID)
			for _, l := range children[Location](l, "location", "organization_id", o.ID) {
				if full := location(l.ID); full != nil {
					o.Locations = append(o.Locations, *full)
				}
			}
			for _, c := range children[Contact](l, "contact", "organization_id", o.ID) {
				c.Phones = children[Phone](l, "phone", "contact_id", c.ID)
				o.Contacts = append(o.Contacts, c)
			}
			r.organization(o, rw.where)
		}
	}
	t := tables["service"]
	if t == nil {
		return
	}
	for _, rw := range t.rows {
		if bad["service/"+rw.get("id")] {
			continue
		}
		s := decode[Service](t, rw)
		s.Phones = children[Phone](l, "phone", "service_id", s.ID)
		s.Schedules = children[Schedule](l, "schedule", "service_id", s.ID)
		s.ServiceAreas = children[ServiceArea](l, "service_area", "service_id", s.ID)
		s.Languages = children[Language](l, "language", "service_id", s.ID)
		s.Funding = children[Funding](l, "funding", "service_id", s.ID)
		s.Attributes = children[Attribute](l, "attribute", "link_id", s.ID)
		for _, sl := range children[ServiceAtLocation](l, "service_at_location", "service_id", s.ID) {
			sl.Location = location(sl.LocationID)
			s.ServiceAtLocations = append(s.ServiceAtLocations, sl)
		}
		r.service(s, rw.where)
	}
}

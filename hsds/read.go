package hsds

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"spilno/data"
)

// maxJSON is the largest HSDS JSON file read: a community's catalogue is
// far smaller; a bigger file is not one.
const maxJSON = 200 << 20

// Read reads an HSDS file for import: a JSON service or organization, the
// API's paged list, or a tabular data package (a folder or a zip). What
// breaks the schema, or points at nothing, is in Incoming.Rejected.
func Read(path string, country data.Country) (*data.Incoming, error) {
	const op = "read hsds"
	fi, err := os.Stat(path)
	if err != nil {
		return nil, data.ReadError(op, path, err)
	}
	if fi.IsDir() {
		return readPackage(op, path, dirFiles(path), country)
	}
	if strings.EqualFold(filepath.Ext(path), ".zip") {
		files, closeZip, err := zipFiles(path)
		if err != nil {
			return nil, &data.Error{Code: data.EBadFile, Op: op, Path: path}
		}
		defer closeZip()
		return readPackage(op, path, files, country)
	}
	if fi.Size() > maxJSON {
		return nil, &data.Error{Code: data.ETooBig, Op: op, Path: path}
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, data.ReadError(op, path, err)
	}
	in, err := readJSON(raw, country)
	if err != nil {
		return nil, &data.Error{Code: data.EBadFile, Op: op, Path: path, Err: err}
	}
	return in, nil
}

// reader gathers what is read into an Incoming.
type reader struct {
	in       *data.Incoming
	country  data.Country             // whose registry IDs are kept
	termByID map[string]*TaxonomyTerm // a data package's terms, which attributes name by ID
}

func newReader(country data.Country) *reader {
	// Spilno's own notes on a service are not in HSDS: an update keeps them.
	return &reader{in: &data.Incoming{Source: "hsds", Keep: []string{"notes"}}, country: country}
}

// readJSON tells the three JSON shapes apart by their keys.
func readJSON(raw []byte, country data.Country) (*data.Incoming, error) {
	var probe map[string]json.RawMessage
	if err := json.Unmarshal(raw, &probe); err != nil {
		return nil, fmt.Errorf("not an HSDS JSON object: %w", err)
	}
	r := newReader(country)
	switch {
	case probe["contents"] != nil:
		var list []json.RawMessage
		if err := json.Unmarshal(probe["contents"], &list); err != nil {
			return nil, fmt.Errorf("contents: %w", err)
		}
		for i, raw := range list {
			r.jsonRecord("service", raw, "contents["+strconv.Itoa(i+1)+"]")
		}
	case probe["status"] != nil || probe["organization_id"] != nil:
		r.jsonRecord("service", raw, "service")
	case probe["name"] != nil:
		r.jsonRecord("organization", raw, "organization")
	default:
		return nil, fmt.Errorf("neither a service, an organization nor a paged list")
	}
	return r.in, nil
}

// jsonRecord checks one record against its schema and, when it holds,
// maps it.
func (r *reader) jsonRecord(table string, raw json.RawMessage, where string) {
	var doc any
	if err := json.Unmarshal(raw, &doc); err != nil {
		r.reject(where, "", "", "schema", err.Error())
		return
	}
	name := ""
	if m, ok := doc.(map[string]any); ok {
		name, _ = m["name"].(string)
	}
	violations, err := Validate(table, doc)
	if err != nil {
		r.reject(where, name, "", "schema", err.Error())
		return
	}
	for _, v := range violations {
		r.reject(where, name, v.Field, "schema", v.Message)
	}
	if len(violations) > 0 {
		return
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	if table == "organization" {
		var o Organization
		if err := dec.Decode(&o); err == nil {
			r.organization(o, where)
		}
		return
	}
	var s Service
	if err := dec.Decode(&s); err == nil {
		if s.Organization != nil {
			r.organization(*s.Organization, where+".organization")
			if s.OrganizationID == "" {
				s.OrganizationID = s.Organization.ID
			}
		}
		r.service(s, where)
	}
}

func (r *reader) reject(where, name, field, rule, param string) {
	r.in.Rejected = append(r.in.Rejected, data.Rejection{Where: where, Name: name,
		FieldError: data.FieldError{Field: field, Rule: rule, Param: param}, Raw: true})
}

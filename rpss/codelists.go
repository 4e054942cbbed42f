package rpss

import (
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"spilno/data"
)

// CodeLists are the register's code lists: code → Czech name. Each is
// optional; without one, the codes of that list stay unnamed.
type CodeLists struct {
	Kinds, TargetGroups, Forms, CapacityKinds, AgeGroups map[string]string
	Regions, Districts, Municipalities                   map[string]string
}

// codeListFiles are the file names the ministry publishes them under.
var codeListFiles = map[string]func(*CodeLists) *map[string]string{
	"druhy-socialni-sluzby.json":         func(c *CodeLists) *map[string]string { return &c.Kinds },
	"cilove-skupiny-osoby.json":          func(c *CodeLists) *map[string]string { return &c.TargetGroups },
	"formy-soc-sluzby.json":              func(c *CodeLists) *map[string]string { return &c.Forms },
	"typy-kapacity-socialni-sluzby.json": func(c *CodeLists) *map[string]string { return &c.CapacityKinds },
	"vekove-skupiny-osoby.json":          func(c *CodeLists) *map[string]string { return &c.AgeGroups },
	"kraje.json":                         func(c *CodeLists) *map[string]string { return &c.Regions },
	"okresy.json":                        func(c *CodeLists) *map[string]string { return &c.Districts },
	"obce.json":                          func(c *CodeLists) *map[string]string { return &c.Municipalities },
}

// LoadCodeLists reads the code lists found in dir ("" reads none).
func LoadCodeLists(dir string) (*CodeLists, error) {
	c := &CodeLists{}
	if dir == "" {
		return c, nil
	}
	for name, list := range codeListFiles {
		raw, err := os.ReadFile(filepath.Join(dir, name))
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, data.FileError("read code list", filepath.Join(dir, name), err)
		}
		var doc struct {
			Items []struct {
				ID   text `json:"id"`
				Name text `json:"nazev"`
			} `json:"polozky"`
		}
		if err := json.Unmarshal(raw, &doc); err != nil {
			return nil, &data.Error{Code: data.EBadFile, Op: "read code list", Path: filepath.Join(dir, name), Err: err}
		}
		m := map[string]string{}
		for _, it := range doc.Items {
			m[code(string(it.ID))] = string(it.Name)
		}
		*list(c) = m
	}
	return c, nil
}

func (c *CodeLists) name(list map[string]string, id string) string {
	return list[id]
}

// Area is where the services are to be taken from: a region (kraj), a
// district (okres) or a municipality (obec), by name or code.
type Area struct {
	Region, District, Municipality string
}

func (a Area) empty() bool { return a.Region == "" && a.District == "" && a.Municipality == "" }

// String is the area as the user gave it.
func (a Area) String() string {
	return strings.TrimSpace(strings.Join([]string{a.Region, a.District, a.Municipality}, " "))
}

// matcher tells whether an address lies in the area.
type matcher struct {
	field func(address) ref
	codes map[string]bool // codes whose name is the one given, or the code itself
	name  string          // folded
}

func (c *CodeLists) matcher(a Area) (*matcher, error) {
	var m matcher
	var list map[string]string
	switch {
	case a.Municipality != "":
		m.field, m.name, list = func(x address) ref { return x.Municipality }, data.Fold(a.Municipality), c.Municipalities
	case a.District != "":
		m.field, m.name, list = func(x address) ref { return x.District }, data.Fold(a.District), c.Districts
	case a.Region != "":
		m.field, m.name, list = func(x address) ref { return x.Region }, data.Fold(a.Region), c.Regions
	default:
		return nil, nil
	}
	m.codes = map[string]bool{m.name: true}
	for id, n := range list {
		if data.Fold(n) == m.name {
			m.codes[data.Fold(id)] = true
		}
	}
	if len(list) > 0 && len(m.codes) == 1 && !hasCode(list, m.name) {
		return nil, &data.Error{Code: data.EInvalid, Op: "read register",
			Fields: []data.FieldError{{Field: "area", Rule: "unknown_value", Param: a.String()}}}
	}
	return &m, nil
}

func hasCode(list map[string]string, folded string) bool {
	for id := range list {
		if data.Fold(id) == folded {
			return true
		}
	}
	return false
}

func (m *matcher) matches(a address) bool {
	r := m.field(a)
	return m.codes[data.Fold(r.ID)] || (r.Name != "" && data.Fold(r.Name) == m.name)
}

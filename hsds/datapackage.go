package hsds

import (
	"encoding/json"
	"fmt"
	"io"
)

// dataPackage is HSDS's datapackage.json: the tables, their columns and
// their foreign keys.
type dataPackage struct {
	head      map[string]json.RawMessage // everything but the resources, kept as published
	Resources []resource
}

type resource struct {
	raw    json.RawMessage
	Name   string `json:"name"`
	Path   string `json:"path"`
	Schema struct {
		Fields []struct {
			Name string `json:"name"`
			Type string `json:"type"`
		} `json:"fields"`
		ForeignKeys []struct {
			Fields    string `json:"fields"`
			Reference struct {
				Resource string `json:"resource"`
			} `json:"reference"`
		} `json:"foreignKeys"`
	} `json:"schema"`
}

func (r resource) columns() []string {
	cols := make([]string, len(r.Schema.Fields))
	for i, f := range r.Schema.Fields {
		cols[i] = f.Name
	}
	return cols
}

// fieldType is the datapackage type of a column ("string", "number", …).
func (r resource) fieldType(col string) string {
	for _, f := range r.Schema.Fields {
		if f.Name == col {
			return f.Type
		}
	}
	return ""
}

func shippedPackage() (*dataPackage, error) {
	raw, err := schemaFiles.ReadFile("schema/datapackage.json")
	if err != nil {
		return nil, err
	}
	var p dataPackage
	if err := json.Unmarshal(raw, &p.head); err != nil {
		return nil, fmt.Errorf("datapackage.json: %w", err)
	}
	var list []json.RawMessage
	if err := json.Unmarshal(p.head["resources"], &list); err != nil {
		return nil, fmt.Errorf("datapackage.json resources: %w", err)
	}
	delete(p.head, "resources")
	for _, r := range list {
		var res resource
		if err := json.Unmarshal(r, &res); err != nil {
			return nil, fmt.Errorf("datapackage.json resources: %w", err)
		}
		res.raw = r
		p.Resources = append(p.Resources, res)
	}
	return &p, nil
}

// byPath finds the resource of a CSV file name.
func (p *dataPackage) byPath(path string) (resource, bool) {
	for _, r := range p.Resources {
		if r.Path == path {
			return r, true
		}
	}
	return resource{}, false
}

// write writes the package as published, listing only the given tables.
func (p *dataPackage) write(w io.Writer, resources []resource) error {
	out := map[string]any{}
	for k, v := range p.head {
		out[k] = v
	}
	list := make([]json.RawMessage, len(resources))
	for i, r := range resources {
		list[i] = r.raw
	}
	out["resources"] = list
	enc := json.NewEncoder(w)
	enc.SetIndent("", " ")
	return enc.Encode(out)
}

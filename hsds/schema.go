package hsds

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// The HSDS 3.0 schemas as Open Referral publishes them (CC BY-SA 4.0, see
// schema/LICENSE): every export is checked against them before it is
// written, and every record read is checked before it is mapped.
//
//go:embed schema/*.json schema/LICENSE
var schemaFiles embed.FS

const schemaBase = "https://spilno.invalid/hsds/"

var (
	compileOnce sync.Once
	schemas     map[string]*jsonschema.Schema
	compileErr  error
)

// schemaFor is the compiled schema of one HSDS table ("service",
// "organization", "taxonomy_term", …).
func schemaFor(table string) (*jsonschema.Schema, error) {
	compileOnce.Do(func() {
		c := jsonschema.NewCompiler()
		c.AssertFormat() // uuid, email, uri and dates are checked, not only noted
		names, err := fs.Glob(schemaFiles, "schema/*.json")
		if err != nil {
			compileErr = err
			return
		}
		for _, n := range names {
			raw, _ := schemaFiles.ReadFile(n)
			doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
			if err != nil {
				compileErr = fmt.Errorf("schema %s: %w", n, err)
				return
			}
			if err := c.AddResource(schemaBase+strings.TrimPrefix(n, "schema/"), doc); err != nil {
				compileErr = err
				return
			}
		}
		schemas = map[string]*jsonschema.Schema{}
		for _, t := range []string{"service", "organization", "taxonomy", "taxonomy_term"} {
			if schemas[t], err = c.Compile(schemaBase + t + ".json"); err != nil {
				compileErr = fmt.Errorf("schema %s: %w", t, err)
				return
			}
		}
	})
	if compileErr != nil {
		return nil, compileErr
	}
	s, ok := schemas[table]
	if !ok {
		return nil, fmt.Errorf("no schema for %q", table)
	}
	return s, nil
}

// Violation is one place where a record breaks the schema.
type Violation struct {
	Field   string // JSON pointer in the record, e.g. "/phones/0/number"
	Message string // the schema library's words, in English
}

// Validate checks a record (a struct of this package, or decoded JSON)
// against the schema of its table.
func Validate(table string, record any) ([]Violation, error) {
	s, err := schemaFor(table)
	if err != nil {
		return nil, err
	}
	raw, err := json.Marshal(record)
	if err != nil {
		return nil, err
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		return nil, err
	}
	err = s.Validate(inst)
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		return nil, err
	}
	var out []Violation
	collect(ve, &out)
	return out, nil
}

var english = message.NewPrinter(language.English)

// collect gathers the innermost errors: they name the field at fault.
func collect(e *jsonschema.ValidationError, out *[]Violation) {
	if len(e.Causes) == 0 {
		*out = append(*out, Violation{Field: "/" + strings.Join(e.InstanceLocation, "/"), Message: e.ErrorKind.LocalizedString(english)})
		return
	}
	for _, c := range e.Causes {
		collect(c, out)
	}
}

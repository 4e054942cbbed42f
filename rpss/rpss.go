// Package rpss reads the Czech register of providers of social services
// (registr poskytovatelů sociálních služeb), which the ministry publishes
// as open data: rpss.json and its code lists. The file is about 100 MB, so
// it is read one service at a time and never held whole.
//
// The field names follow the published descriptions of the file; those
// not confirmed from a sample are read tolerantly: an absent field or one
// of another shape is left empty, never an error.
package rpss

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
)

// text reads a value that may be a string, a number, or an object with
// the text under "cs", "nazev", "hodnota", "email", "telefon" or "url".
type text string

func (t *text) UnmarshalJSON(raw []byte) error {
	*t = text(firstString(raw))
	return nil
}

func firstString(raw []byte) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return ""
	}
	switch raw[0] {
	case '"':
		var s string
		_ = json.Unmarshal(raw, &s)
		return strings.TrimSpace(s)
	case '{':
		var m map[string]json.RawMessage
		if json.Unmarshal(raw, &m) != nil {
			return ""
		}
		for _, k := range []string{"cs", "nazev", "hodnota", "email", "telefon", "url", "adresa", "text"} {
			if v, ok := m[k]; ok {
				if s := firstString(v); s != "" {
					return s
				}
			}
		}
		return ""
	case '[':
		return ""
	}
	return strings.TrimSpace(string(raw)) // a number
}

// ref is a reference into a code list: "DruhSocialniSluzby/13", or an
// object with such an "id" (and perhaps its "nazev").
type ref struct {
	ID   string // the code, without the list's name: "13"
	Name string // when the file gives it
}

func (r *ref) UnmarshalJSON(raw []byte) error {
	raw = bytes.TrimSpace(raw)
	if len(raw) > 0 && raw[0] == '{' {
		var m struct {
			ID    text `json:"id"`
			Kod   text `json:"kod"`
			Nazev text `json:"nazev"`
		}
		_ = json.Unmarshal(raw, &m)
		r.ID, r.Name = code(string(m.ID)), string(m.Nazev)
		if r.ID == "" {
			r.ID = code(string(m.Kod))
		}
		return nil
	}
	r.ID = code(firstString(raw))
	return nil
}

// code is the last part of "List/code".
func code(s string) string {
	if i := strings.LastIndex(s, "/"); i >= 0 {
		return s[i+1:]
	}
	return s
}

// texts reads a list of texts, or a single one.
type texts []string

func (t *texts) UnmarshalJSON(raw []byte) error {
	raw = bytes.TrimSpace(raw)
	if len(raw) > 0 && raw[0] == '[' {
		var list []json.RawMessage
		_ = json.Unmarshal(raw, &list)
		for _, r := range list {
			if s := firstString(r); s != "" {
				*t = append(*t, s)
			}
		}
		return nil
	}
	if s := firstString(raw); s != "" {
		*t = texts{s}
	}
	return nil
}

func (t texts) first() string {
	if len(t) == 0 {
		return ""
	}
	return t[0]
}

// address is an address of the register: its parts and the municipality,
// district and region it lies in.
type address struct {
	Text                      string
	Street, Number, Orient    string
	Part, Postcode            string
	Municipality, District    ref
	Region                    ref
	municipalityName, regionN string
}

func (a *address) UnmarshalJSON(raw []byte) error {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || raw[0] != '{' {
		a.Text = firstString(raw)
		return nil
	}
	var m struct {
		Text      text `json:"adresaText"`
		Full      text `json:"plnaAdresa"`
		Street    text `json:"ulice"`
		Street2   text `json:"nazevUlice"`
		House     text `json:"cisloDomovni"`
		House2    text `json:"cisloPopisne"`
		Orient    text `json:"cisloOrientacni"`
		Part      text `json:"castObce"`
		Post      text `json:"psc"`
		Obec      ref  `json:"obec"`
		Okres     ref  `json:"okres"`
		Kraj      ref  `json:"kraj"`
		ObecNazev text `json:"nazevObce"`
	}
	_ = json.Unmarshal(raw, &m)
	a.Text = string(m.Text)
	if a.Text == "" {
		a.Text = string(m.Full)
	}
	a.Street, a.Number, a.Orient = string(m.Street)+string(m.Street2), string(m.House)+string(m.House2), string(m.Orient)
	a.Part, a.Postcode = string(m.Part), string(m.Post)
	a.Municipality, a.District, a.Region = m.Obec, m.Okres, m.Kraj
	if a.Municipality.Name == "" {
		a.Municipality.Name = string(m.ObecNazev)
	}
	return nil
}

// line writes the address as one line, as Spilno keeps addresses:
// "Nádražní 123/4, 602 00 Brno".
func (a address) line(lists *CodeLists) string {
	if a.Text != "" {
		return a.Text
	}
	street := a.Street
	if street == "" {
		street = a.Part
	}
	number := a.Number
	if a.Orient != "" {
		number = strings.Trim(number+"/"+a.Orient, "/")
	}
	town := a.Municipality.Name
	if town == "" {
		town = lists.name(lists.Municipalities, a.Municipality.ID)
	}
	var parts []string
	for _, p := range []string{strings.TrimSpace(street + " " + number), strings.TrimSpace(postcode(a.Postcode) + " " + town)} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, ", ")
}

// postcode writes "60200" as "602 00".
func postcode(p string) string {
	p = strings.ReplaceAll(p, " ", "")
	if len(p) == 5 {
		if _, err := strconv.Atoi(p); err == nil {
			return p[:3] + " " + p[3:]
		}
	}
	return p
}

// item is one registered service.
type item struct {
	ID           text       `json:"id"`
	Identifier   text       `json:"identifikator"`
	Name         text       `json:"nazev"`
	From         text       `json:"datumPoskytovaniOd"`
	To           text       `json:"datumPoskytovaniDo"`
	Kind         ref        `json:"druhSocialniSluzby"`
	Provider     provider   `json:"poskytovatel"`
	Facilities   []facility `json:"zarizeni"`
	Forms        []form     `json:"formy"`
	TargetGroups []ref      `json:"ciloveSkupiny"`
	AgeGroups    []ref      `json:"vekoveSkupiny"`
	Contacts     []address  `json:"kontaktniAdresy"`
	Emails       texts      `json:"emaily"`
	Phones       texts      `json:"telefony"`
	Webs         texts      `json:"weby"`
}

type provider struct {
	ICO     text    `json:"ico"`
	Name    text    `json:"nazev"`
	Address address `json:"adresa"`
	Emails  texts   `json:"emaily"`
	Phones  texts   `json:"telefony"`
	Webs    texts   `json:"weby"`
}

type facility struct {
	Name   text    `json:"nazev"`
	Addr   address `json:"adresa"`
	From   text    `json:"poskytujeOd"`
	To     text    `json:"poskytujeDo"`
	Hidden flag    `json:"utajenaAdresa"`
}

type form struct {
	Form       ref        `json:"forma"`
	Capacities []capacity `json:"kapacity"`
}

type capacity struct {
	Count text `json:"pocet"`
	Kind  ref  `json:"typ"`
}

// flag reads true, "true", 1 or "ano" as true.
type flag bool

func (f *flag) UnmarshalJSON(raw []byte) error {
	switch strings.ToLower(strings.Trim(string(bytes.TrimSpace(raw)), `"`)) {
	case "true", "1", "ano", "yes":
		*f = true
	}
	return nil
}

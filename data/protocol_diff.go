package data

// ChangeKind says how an item differs between two versions.
type ChangeKind string

const (
	Added   ChangeKind = "added"
	Removed ChangeKind = "removed"
	Changed ChangeKind = "changed"
)

// Change is one difference between two protocol versions, as a row of the
// comparison table (порівняльна таблиця): the current wording and the
// proposed one. Exactly the pair that fits the change is set.
type Change struct {
	Section   string // "header", "participants", "common", or the situation's key
	Situation string // the situation's name, in the proposed version if it exists there
	Kind      ChangeKind
	Field     string // for header and situation fields: the field key

	OldText, NewText               string
	OldParticipant, NewParticipant *Participant
	OldStep, NewStep               *Step
	OldStepNumber, NewStepNumber   int
}

// DiffProtocols lists what changed from one version to the next: header
// text, participants, situations and their steps, in the order of the
// proposed version; only what differs.
func DiffProtocols(from, to *Protocol) []Change {
	var out []Change
	header := []struct{ key, a, b string }{
		{"title", from.Title, to.Title},
		{"community", from.Community, to.Community},
		{"effective_from", from.EffectiveFrom, to.EffectiveFrom},
		{"purpose", from.Purpose, to.Purpose},
		{"general_provisions", from.GeneralProvisions, to.GeneralProvisions},
	}
	for _, h := range header {
		if h.a != h.b {
			out = append(out, Change{Section: "header", Kind: kindOf(h.a, h.b), Field: h.key, OldText: h.a, NewText: h.b})
		}
	}
	out = append(out, diffParticipants(from.Participants, to.Participants)...)
	out = append(out, diffSteps("common", "", from.CommonSteps, to.CommonSteps)...)

	old := map[string]Situation{}
	for _, s := range from.Situations {
		old[s.Key] = s
	}
	seen := map[string]bool{}
	for _, s := range to.Situations {
		seen[s.Key] = true
		prev, ok := old[s.Key]
		if !ok {
			out = append(out, Change{Section: s.Key, Situation: s.Name, Kind: Added, Field: "situation", NewText: s.Name})
			out = append(out, diffSteps(s.Key, s.Name, nil, s.Steps)...)
			continue
		}
		for _, f := range []struct{ key, a, b string }{
			{"name", prev.Name, s.Name}, {"description", prev.Description, s.Description},
			{"urgency", string(prev.Urgency), string(s.Urgency)},
		} {
			if f.a != f.b {
				out = append(out, Change{Section: s.Key, Situation: s.Name, Kind: Changed, Field: f.key, OldText: f.a, NewText: f.b})
			}
		}
		out = append(out, diffSteps(s.Key, s.Name, prev.Steps, s.Steps)...)
	}
	for _, s := range from.Situations {
		if !seen[s.Key] {
			out = append(out, Change{Section: s.Key, Situation: s.Name, Kind: Removed, Field: "situation", OldText: s.Name})
		}
	}
	return out
}

func kindOf(a, b string) ChangeKind {
	switch {
	case a == "":
		return Added
	case b == "":
		return Removed
	}
	return Changed
}

func diffParticipants(from, to []Participant) []Change {
	var out []Change
	old := map[string]int{}
	for i, p := range from {
		old[p.OrganizationID] = i
	}
	seen := map[string]bool{}
	for i := range to {
		p := &to[i]
		seen[p.OrganizationID] = true
		j, ok := old[p.OrganizationID]
		switch {
		case !ok:
			out = append(out, Change{Section: "participants", Kind: Added, NewParticipant: p})
		case !sameParticipant(from[j], *p):
			out = append(out, Change{Section: "participants", Kind: Changed, OldParticipant: &from[j], NewParticipant: p})
		}
	}
	for i := range from {
		if !seen[from[i].OrganizationID] {
			out = append(out, Change{Section: "participants", Kind: Removed, OldParticipant: &from[i]})
		}
	}
	return out
}

func sameParticipant(a, b Participant) bool {
	return a.Role == b.Role && a.RepresentativeName == b.RepresentativeName &&
		a.RepresentativePosition == b.RepresentativePosition && a.RepresentativePhone == b.RepresentativePhone
}

// diffSteps compares steps by key; a step that only moved is not a change,
// but its number in each version is given with every change.
func diffSteps(section, situation string, from, to []Step) []Change {
	var out []Change
	old := map[string]int{}
	for i, s := range from {
		old[s.Key] = i
	}
	seen := map[string]bool{}
	for i := range to {
		s := &to[i]
		seen[s.Key] = true
		j, ok := old[s.Key]
		switch {
		case !ok:
			out = append(out, Change{Section: section, Situation: situation, Kind: Added, NewStep: s, NewStepNumber: i + 1})
		case !sameStep(from[j], *s):
			out = append(out, Change{Section: section, Situation: situation, Kind: Changed, OldStep: &from[j], NewStep: s,
				OldStepNumber: j + 1, NewStepNumber: i + 1})
		}
	}
	for j := range from {
		if !seen[from[j].Key] {
			out = append(out, Change{Section: section, Situation: situation, Kind: Removed, OldStep: &from[j], OldStepNumber: j + 1})
		}
	}
	return out
}

func sameStep(a, b Step) bool {
	a.ResponsibleName, b.ResponsibleName = "", ""
	return a == b
}

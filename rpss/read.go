package rpss

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"

	"spilno/data"
)

// OriginPrefix marks the services that came from the register.
const OriginPrefix = "rpss:"

// space is the namespace of the IDs given to the register's services and
// providers: a newer file updates the same records.
var space = uuid.MustParse("0c7e9f7e-5d2b-4d0a-8f7c-2b9a4e61d3a5")

// Read streams rpss.json and keeps the services provided now in the area:
// ended services and facilities are skipped, and so are facilities whose
// address is kept secret. An empty area keeps all. progress, if not nil,
// is told how many bytes of the file were read.
func Read(ctx context.Context, path string, lists *CodeLists, area Area, now time.Time, progress func(read, size int64)) (*data.Incoming, error) {
	const op = "read register"
	f, err := os.Open(path)
	if err != nil {
		return nil, data.ReadError(op, path, err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, data.ReadError(op, path, err)
	}
	m, err := lists.matcher(area)
	if err != nil {
		return nil, err
	}
	in := &data.Incoming{Source: "rpss", GoneOrigin: OriginPrefix,
		// The register says nothing of these: an update keeps what the clerk wrote.
		Keep: []string{"description", "notes", "schedule", "how_to_apply", "cost", "waiting_time", "funding", "languages", "verified_on"}}
	counter := &countingReader{r: f}
	dec := json.NewDecoder(counter)
	if err := seekItems(dec); err != nil {
		return nil, &data.Error{Code: data.EBadFile, Op: op, Path: path, Err: err}
	}
	b := builder{lists: lists, in: in, today: now.Format(time.DateOnly), orgs: map[string]bool{}}
	services := 0 // items that are services: a code list has "polozky" too
	for n := 0; dec.More(); n++ {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		var it item
		if err := dec.Decode(&it); err != nil {
			return nil, &data.Error{Code: data.EBadFile, Op: op, Path: path, Err: fmt.Errorf("item %d: %w", n+1, err)}
		}
		if it.Kind.ID != "" || it.Provider.Name != "" || it.Provider.ICO != "" {
			services++
		}
		b.add(&it, m, n+1)
		if progress != nil && n%200 == 0 {
			progress(counter.n, fi.Size())
		}
	}
	if services == 0 {
		return nil, &data.Error{Code: data.EBadFile, Op: op, Path: path, Err: fmt.Errorf("no registered services")}
	}
	return in, nil
}

// seekItems moves the decoder into the array under the root key
// "polozky", skipping whatever comes before it.
func seekItems(dec *json.Decoder) error {
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return fmt.Errorf("not a JSON object: %v", err)
	}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return err
		}
		if t == "polozky" {
			if t, err := dec.Token(); err != nil || t != json.Delim('[') {
				return fmt.Errorf("polozky is not a list")
			}
			return nil
		}
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return err
		}
	}
	return fmt.Errorf("no polozky")
}

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// builder maps the register's items onto incoming services and providers.
type builder struct {
	lists *CodeLists
	in    *data.Incoming
	today string
	orgs  map[string]bool
}

func (b *builder) add(it *item, m *matcher, n int) {
	if ended(string(it.To), b.today) {
		return
	}
	var places []address
	for _, f := range it.Facilities {
		if !bool(f.Hidden) && !ended(string(f.To), b.today) {
			places = append(places, f.Addr)
		}
	}
	if m != nil && !b.inArea(m, places, it) {
		return
	}
	id := string(it.Identifier)
	if id == "" {
		id = string(it.ID)
	}
	where := "polozky[" + strconv.Itoa(n) + "]"
	if id != "" {
		where += " " + id
	}
	org := b.provider(it, where)
	sv := data.Service{ID: uuid.NewSHA1(space, []byte("service:"+id)).String(), OrganizationID: org,
		Status: data.StatusActive, Origin: OriginPrefix + id, Email: it.Emails.first(), Phone: it.Phones.first()}
	kind := b.lists.name(b.lists.Kinds, it.Kind.ID)
	if kind == "" {
		kind = it.Kind.Name
	}
	sv.Name = string(it.Name)
	if sv.Name == "" {
		sv.Name = strings.TrimSpace(kind + " – " + string(it.Provider.Name))
	}
	if len(places) > 0 {
		sv.Address = places[0].line(b.lists)
	} else if len(it.Contacts) > 0 {
		sv.Address = it.Contacts[0].line(b.lists)
	}
	b.forms(&sv, it.Forms)
	sv.AgeMin, sv.AgeMax = b.ages(it.AgeGroups)
	is := data.IncomingService{Service: sv, Where: where, Term: data.Term{Code: it.Kind.ID, Name: kind}}
	for _, g := range it.TargetGroups {
		if name := b.lists.name(b.lists.TargetGroups, g.ID); name != "" {
			is.TargetGroups = append(is.TargetGroups, name)
		} else if g.Name != "" {
			is.TargetGroups = append(is.TargetGroups, g.Name)
		}
	}
	b.in.Services = append(b.in.Services, is)
}

// ended tells whether a date ("2024-12-31" or "2024-12-31T00:00:00") is
// before today.
func ended(date, today string) bool {
	return len(date) >= 10 && date[:10] < today
}

// inArea: a service is in the area where one of its facilities is, or,
// without facilities (a field service), where its contact address is.
func (b *builder) inArea(m *matcher, places []address, it *item) bool {
	if len(it.Facilities) == 0 {
		places = it.Contacts
	}
	for _, p := range places {
		if m.matches(p) {
			return true
		}
	}
	return false
}

// provider adds the provider once; its ID follows from its IČO, which the
// store also matches existing organizations by.
func (b *builder) provider(it *item, where string) string {
	p := it.Provider
	ico := strings.ReplaceAll(string(p.ICO), " ", "")
	if n, err := strconv.Atoi(ico); err == nil && len(ico) < 8 {
		ico = fmt.Sprintf("%08d", n) // an IČO written as a number loses its leading zeros
	}
	key := ico
	if key == "" {
		key = string(p.Name)
	}
	id := uuid.NewSHA1(space, []byte("provider:"+key)).String()
	if !b.orgs[id] {
		b.orgs[id] = true
		b.in.Organizations = append(b.in.Organizations, data.IncomingOrganization{Where: where + " poskytovatel",
			Organization: data.Organization{ID: id, Name: string(p.Name), RegistryID: ico, Address: p.Address.line(b.lists),
				Email: p.Emails.first(), Phone: p.Phones.first(), Web: p.Webs.first()}})
	}
	return id
}

// units maps the register's kinds of capacity onto Spilno's units.
var units = map[string]data.CapacityUnit{"luzka": "beds", "klient": "places", "kontakt": "contacts_per_month",
	"interv": "interventions_per_month", "hovor": "calls_per_month"}

// formsOf maps the register's forms: residential, outpatient, field.
var formsOf = map[string]data.ServiceForm{"pob": data.FormResidential, "amb": data.FormDay, "ter": data.FormOutreach}

// forms keeps the forms and one capacity: Spilno has one number with one
// unit, so beds come first, then clients, contacts, interventions and
// calls; capacities of different units are never added up, and those of
// a unit that was not chosen are not kept.
func (b *builder) forms(sv *data.Service, list []form) {
	best := -1
	for _, f := range list {
		if sf, ok := formsOf[f.Form.ID]; ok && !contains(sv.Forms, sf) {
			sv.Forms = append(sv.Forms, sf)
		}
		for _, c := range f.Capacities {
			unit, ok := units[c.Kind.ID]
			n, err := strconv.Atoi(string(c.Count))
			if !ok || err != nil {
				continue
			}
			rank := unitRank(unit)
			switch {
			case best < 0 || rank < best:
				best = rank
				sv.Capacity, sv.CapacityUnit = &n, unit
			case rank == best: // the same unit in another form of the same service: those add up
				total := *sv.Capacity + n
				sv.Capacity = &total
			}
		}
	}
}

func unitRank(u data.CapacityUnit) int {
	for i, k := range []string{"luzka", "klient", "kontakt", "interv", "hovor"} {
		if units[k] == u {
			return i
		}
	}
	return 99
}

func contains[T comparable](list []T, v T) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

var yearsIn = regexp.MustCompile(`(\d+)\s*[–-]\s*(\d+)|nad\s+(\d+)|od\s+(\d+)|do\s+(\d+)`)

// ages reads the age groups' names ("děti předškolního věku (1–7 let)",
// "senioři (nad 80 let)") into the youngest and oldest age served; a
// group whose name gives no years leaves the ages open.
func (b *builder) ages(groups []ref) (*int, *int) {
	lo, hi := 200, -1
	for _, g := range groups {
		name := b.lists.name(b.lists.AgeGroups, g.ID)
		if name == "" {
			name = g.Name
		}
		m := yearsIn.FindStringSubmatch(name)
		if m == nil {
			return nil, nil
		}
		from, to := 0, 120
		switch {
		case m[1] != "":
			from, _ = strconv.Atoi(m[1])
			to, _ = strconv.Atoi(m[2])
		case m[3] != "":
			from, _ = strconv.Atoi(m[3])
			from++
		case m[4] != "":
			from, _ = strconv.Atoi(m[4])
		case m[5] != "":
			to, _ = strconv.Atoi(m[5])
		}
		lo, hi = min(lo, from), max(hi, to)
	}
	if hi < 0 {
		return nil, nil
	}
	var minAge, maxAge *int
	if lo > 0 {
		minAge = &lo
	}
	if hi < 120 {
		maxAge = &hi
	}
	return minAge, maxAge
}

package reports

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"spilno/data"
	"spilno/i18n"
)

// Options are what every report needs besides its data.
type Options struct {
	Lang      string       // uk, en, cs, pl
	Community string       // printed in titles
	Operator  string       // who prepared the document, where it says so
	Country   data.Country // names the registry code ("Код ЄДРПОУ", "IČO", "NIP")
	// Letterhead heads the protocol (when it says so) and a letter (when
	// its sender uses it).
	Letterhead data.Letterhead
	// Scope says which referrals a list holds (its filter), at the top.
	Scope string
	// Approved, when it has a number, is the decision that approved a
	// report, stamped at its top.
	Approved data.Decision
	// ReasonColumn adds to the comparison table a column for the reason
	// of each change.
	ReasonColumn bool
	Now          time.Time // the date printed, and "not verified for a year" is counted from
	Strict       bool      // fail on a letter the fonts cannot draw (tests)
	// Password, when set, encrypts a document of personal data: AES as
	// Excel does for a workbook, AES-256 for a PDF.
	Password string
	// Progress, if set, is told how many of total items are done.
	Progress func(done, total int)
}

func (o Options) t(key string, pairs ...string) string { return i18n.In(o.Lang, key, pairs...) }

func (o Options) progress(done, total int) {
	if o.Progress != nil && (done%200 == 0 || done == total) {
		o.Progress(done, total)
	}
}

// FormatSchedule writes opening hours compactly: consecutive days with the
// same hours share one span, "Пн–Пт 08:00–17:00; Сб 09:00–13:00".
func FormatSchedule(lang string, hours []data.OpeningHours) string {
	byDay := map[int][]string{}
	for _, h := range hours {
		byDay[h.Day] = append(byDay[h.Day], h.Opens+"–"+h.Closes)
	}
	var parts []string
	for day := 1; day <= 7; {
		spans := strings.Join(byDay[day], ", ")
		if spans == "" {
			day++
			continue
		}
		last := day
		for last+1 <= 7 && strings.Join(byDay[last+1], ", ") == spans {
			last++
		}
		days := i18n.In(lang, "weekday.short."+strconv.Itoa(day))
		if last > day {
			days += "–" + i18n.In(lang, "weekday.short."+strconv.Itoa(last))
		}
		parts = append(parts, days+" "+spans)
		day = last + 1
	}
	return strings.Join(parts, "; ")
}

// ageRange writes "6–18", "від 60", "до 18" or "".
func ageRange(o Options, s *data.Service) string {
	switch {
	case s.AgeMin != nil && s.AgeMax != nil:
		return o.t("age.range", "min", strconv.Itoa(*s.AgeMin), "max", strconv.Itoa(*s.AgeMax))
	case s.AgeMin != nil:
		return o.t("age.from", "min", strconv.Itoa(*s.AgeMin))
	case s.AgeMax != nil:
		return o.t("age.to", "max", strconv.Itoa(*s.AgeMax))
	}
	return ""
}

func labels[K ~string](o Options, prefix string, keys []K) string {
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = o.t(prefix + string(k))
	}
	return strings.Join(out, ", ")
}

func capacityText(o Options, s *data.Service) string {
	if s.Capacity == nil {
		return ""
	}
	return i18n.FormatIntIn(o.Lang, *s.Capacity) + " " + o.t("capacity_unit."+string(s.CapacityUnit))
}

func costText(o Options, s *data.Service) string {
	parts := []string{}
	if s.Cost != "" {
		parts = append(parts, o.t("cost."+string(s.Cost)))
	}
	if s.CostNote != "" {
		parts = append(parts, s.CostNote)
	}
	return strings.Join(parts, "; ")
}

// contact is where the public reaches a service: its own phone and
// e-mail, else its provider's.
func contact(s *data.Service) (phone, email string) {
	if s.Phone == "" && s.Email == "" {
		return s.ProviderPhone, s.ProviderEmail
	}
	return s.Phone, s.Email
}

// contacts is the contact in one line.
func contacts(s *data.Service) string {
	phone, email := contact(s)
	return strings.Join(nonEmpty(phone, email), ", ")
}

// catalogueColumn is one column of the XLSX public list.
type catalogueColumn struct {
	key   string // field.<key> is its header
	width float64
	value func(o Options, s *data.Service) any
}

func optionalInt(p *int) any {
	if p == nil {
		return nil
	}
	return *p
}

var catalogueColumns = []catalogueColumn{
	{"type_code", 9, func(o Options, s *data.Service) any { return s.TypeCode }},
	{"type", 28, func(o Options, s *data.Service) any { return s.TypeName }},
	{"name", 40, func(o Options, s *data.Service) any { return s.Name }},
	{"provider", 36, func(o Options, s *data.Service) any { return s.ProviderName }},
	{"status", 16, func(o Options, s *data.Service) any { return o.t("status." + string(s.Status)) }},
	{"target_groups", 32, func(o Options, s *data.Service) any { return strings.Join(s.TargetGroupNames, ", ") }},
	{"age_min", 8, func(o Options, s *data.Service) any { return optionalInt(s.AgeMin) }},
	{"age_max", 8, func(o Options, s *data.Service) any { return optionalInt(s.AgeMax) }},
	{"forms", 24, func(o Options, s *data.Service) any { return labels(o, "form.", s.Forms) }},
	{"address", 30, func(o Options, s *data.Service) any { return s.Address }},
	{"area_served", 20, func(o Options, s *data.Service) any { return s.AreaServed }},
	{"schedule", 28, func(o Options, s *data.Service) any { return FormatSchedule(o.Lang, s.Schedule) }},
	{"schedule_note", 20, func(o Options, s *data.Service) any { return s.ScheduleNote }},
	{"capacity", 10, func(o Options, s *data.Service) any { return optionalInt(s.Capacity) }},
	{"capacity_unit", 18, func(o Options, s *data.Service) any {
		if s.CapacityUnit == "" {
			return ""
		}
		return o.t("capacity_unit." + string(s.CapacityUnit))
	}},
	{"waiting_time", 16, func(o Options, s *data.Service) any { return s.WaitingTime }},
	{"cost", 16, func(o Options, s *data.Service) any {
		if s.Cost == "" {
			return ""
		}
		return o.t("cost." + string(s.Cost))
	}},
	{"cost_note", 20, func(o Options, s *data.Service) any { return s.CostNote }},
	{"funding", 20, func(o Options, s *data.Service) any { return s.Funding }},
	{"languages", 14, func(o Options, s *data.Service) any { return s.Languages }},
	{"how_to_apply", 36, func(o Options, s *data.Service) any { return s.HowToApply }},
	{"phone", 18, func(o Options, s *data.Service) any { phone, _ := contact(s); return phone }},
	{"email", 24, func(o Options, s *data.Service) any { _, email := contact(s); return email }},
	{"verified_on", 12, func(o Options, s *data.Service) any {
		d, err := time.Parse(time.DateOnly, s.VerifiedOn)
		if err != nil {
			return nil
		}
		return d
	}},
	{"description", 50, func(o Options, s *data.Service) any { return s.Description }},
	{"notes", 30, func(o Options, s *data.Service) any { return s.Notes }},
}

// CatalogueXLSX writes the public list as a workbook: one row per service
// with every field as a typed cell, a frozen, filterable header; and a
// second sheet with the number of services per type and per target group.
func CatalogueXLSX(ctx context.Context, w io.Writer, services []data.Service, o Options) error {
	f := excelize.NewFile()
	defer f.Close()
	sheet := o.t("report.catalogue.sheet")
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return fmt.Errorf("catalogue xlsx: %w", err)
	}
	header, err := headerStyle(f)
	if err != nil {
		return fmt.Errorf("catalogue xlsx: %w", err)
	}
	dateStyle, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	if err != nil {
		return fmt.Errorf("catalogue xlsx: %w", err)
	}
	widths, titles := catalogueSheet(o)
	sw, err := startSheet(f, sheet, o.t("report.catalogue.title"), widths, titles, len(services), o)
	if err != nil {
		return fmt.Errorf("catalogue xlsx: %w", err)
	}
	row := make([]any, len(catalogueColumns))
	for n := range services {
		if n%100 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		s := &services[n]
		for i, c := range catalogueColumns {
			v := c.value(o, s)
			if d, ok := v.(time.Time); ok {
				v = excelize.Cell{StyleID: dateStyle, Value: d}
			}
			row[i] = v
		}
		if err := streamRow(sw, n, row); err != nil {
			return fmt.Errorf("catalogue xlsx: %w", err)
		}
		o.progress(n+1, len(services))
	}
	if err := finishStream(f, sw, len(catalogueColumns), len(services)); err != nil {
		return fmt.Errorf("catalogue xlsx: %w", err)
	}
	if err := writeSummarySheet(f, services, o, header); err != nil {
		return fmt.Errorf("catalogue xlsx: %w", err)
	}
	if err := writeBook(f, w, o.Password); err != nil {
		return fmt.Errorf("catalogue xlsx: %w", err)
	}
	return nil
}

// catalogueSheet is the catalogue's column widths and titles.
func catalogueSheet(o Options) (widths []float64, titles []string) {
	for _, c := range catalogueColumns {
		widths, titles = append(widths, c.width), append(titles, o.t("field."+c.key))
	}
	return widths, titles
}

// writeSummarySheet counts services per type and per target group.
func writeSummarySheet(f *excelize.File, services []data.Service, o Options, header int) error {
	sheet := o.t("report.catalogue.summary_sheet")
	if _, err := f.NewSheet(sheet); err != nil {
		return err
	}
	type count struct {
		key, label string
		n          int
	}
	tally := func(keys func(s *data.Service) [][2]string) []count {
		var order []string
		seen := map[string]*count{}
		for i := range services {
			for _, kl := range keys(&services[i]) {
				c, ok := seen[kl[0]]
				if !ok {
					c = &count{key: kl[0], label: kl[1]}
					seen[kl[0]] = c
					order = append(order, kl[0])
				}
				c.n++
			}
		}
		out := make([]count, len(order))
		for i, k := range order {
			out[i] = *seen[k]
		}
		return out
	}
	byType := tally(func(s *data.Service) [][2]string { return [][2]string{{s.TypeCode, s.TypeName}} })
	byGroup := tally(func(s *data.Service) [][2]string {
		var out [][2]string
		for _, g := range s.TargetGroupNames {
			out = append(out, [2]string{g, ""})
		}
		return out
	})
	data.SortByName(byGroup, o.Lang, func(c count) string { return c.key })
	var err error
	check := func(e error) {
		if err == nil {
			err = e
		}
	}
	for col, width := range map[string]float64{"A": 12, "B": 50, "C": 12, "E": 40, "F": 12} {
		check(f.SetColWidth(sheet, col, col, width))
	}
	put := func(cell string, v any, style int) {
		check(f.SetCellValue(sheet, cell, v))
		if style != 0 {
			check(f.SetCellStyle(sheet, cell, cell, style))
		}
	}
	put("A1", o.t("field.type_code"), header)
	put("B1", o.t("field.type"), header)
	put("C1", o.t("report.catalogue.count"), header)
	for i, c := range byType {
		r := strconv.Itoa(i + 2)
		put("A"+r, c.key, 0)
		put("B"+r, c.label, 0)
		put("C"+r, c.n, 0)
	}
	total := strconv.Itoa(len(byType) + 2)
	put("B"+total, o.t("report.catalogue.total"), header)
	put("C"+total, len(services), header)
	put("E1", o.t("field.target_groups"), header)
	put("F1", o.t("report.catalogue.count"), header)
	for i, c := range byGroup {
		r := strconv.Itoa(i + 2)
		put("E"+r, c.key, 0)
		put("F"+r, c.n, 0)
	}
	return err
}

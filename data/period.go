package data

import (
	"fmt"
	"time"
)

// Period is a span of whole days in the office's local time, both ends
// included, as reports to the executive committee count them.
type Period struct {
	From, To string // YYYY-MM-DD
}

// MonthOf, QuarterOf and YearOf are the calendar month, quarter and year
// that hold the day t.
func MonthOf(t time.Time) Period { return months(t.Year(), t.Month(), 1) }

func QuarterOf(t time.Time) Period {
	return months(t.Year(), time.Month((int(t.Month())-1)/3*3+1), 3)
}

func YearOf(t time.Time) Period { return months(t.Year(), time.January, 12) }

// months is the period of n calendar months from the first of month.
func months(year int, month time.Month, n int) Period {
	first := time.Date(year, month, 1, 0, 0, 0, 0, time.Local)
	return Period{From: first.Format(time.DateOnly), To: first.AddDate(0, n, -1).Format(time.DateOnly)}
}

// Validate checks that both ends are days and in order.
func (p Period) Validate() error {
	var pr Problems
	from, errFrom := time.Parse(time.DateOnly, p.From)
	to, errTo := time.Parse(time.DateOnly, p.To)
	for _, end := range []struct {
		field, day string
		err        error
	}{{"period_from", p.From, errFrom}, {"period_to", p.To, errTo}} {
		switch {
		case end.day == "":
			pr.Add(end.field, "required", "")
		case end.err != nil:
			pr.Add(end.field, "date", "")
		}
	}
	if errFrom == nil && errTo == nil && to.Before(from) {
		pr.Add("period_to", "period_order", "")
	}
	if err := pr.Err(); err != nil {
		err.(*Error).Op = "period" // nothing is saved: the message asks to correct, not "not saved"
		return err
	}
	return nil
}

// days are the period's first and last days at local midnight.
func (p Period) days() (from, to time.Time) {
	from, _ = time.ParseInLocation(time.DateOnly, p.From, time.Local)
	to, _ = time.ParseInLocation(time.DateOnly, p.To, time.Local)
	return from, to
}

// span is the period as stored moments: from the local midnight that
// starts it (included) to the one that ends it (excluded), in UTC as the
// store writes times. A day that changes the clock is still one day.
func (p Period) span() (from, to string) {
	from, _ = dayStart(p.From, 0)
	to, _ = dayStart(p.To, 1)
	return from, to
}

// dayStart is the local midnight that starts the day plus days after
// day (YYYY-MM-DD), as a stored moment; false when day is not a day. The
// statistics and the register's "sent from – to" count days so both.
func dayStart(day string, plus int) (string, bool) {
	t, err := time.ParseInLocation(time.DateOnly, day, time.Local)
	if err != nil {
		return "", false
	}
	return utc(time.Date(t.Year(), t.Month(), t.Day()+plus, 0, 0, 0, 0, time.Local)), true
}

// calendarMonths is how many whole calendar months the period is, 0 when
// it is not whole months.
func (p Period) calendarMonths() int {
	from, to := p.days()
	if from.Day() != 1 || to.AddDate(0, 0, 1).Day() != 1 {
		return 0
	}
	return (to.Year()-from.Year())*12 + int(to.Month()-from.Month()) + 1
}

// Previous is the period just before, as long: the previous month,
// quarter or year for calendar periods, else as many days.
func (p Period) Previous() Period {
	from, to := p.days()
	if n := p.calendarMonths(); n > 0 {
		return months(from.Year(), from.Month()-time.Month(n), n)
	}
	days := int(to.Sub(from).Hours()/24+0.5) + 1
	return Period{From: from.AddDate(0, 0, -days).Format(time.DateOnly), To: from.AddDate(0, 0, -1).Format(time.DateOnly)}
}

// Next is the period just after, as long.
func (p Period) Next() Period {
	from, to := p.days()
	if n := p.calendarMonths(); n > 0 {
		return months(from.Year(), from.Month()+time.Month(n), n)
	}
	days := int(to.Sub(from).Hours()/24+0.5) + 1
	return Period{From: to.AddDate(0, 0, 1).Format(time.DateOnly), To: to.AddDate(0, 0, days).Format(time.DateOnly)}
}

// YearBefore is the same period a year earlier.
func (p Period) YearBefore() Period {
	from, to := p.days()
	if n := p.calendarMonths(); n > 0 {
		return months(from.Year()-1, from.Month(), n)
	}
	return Period{From: from.AddDate(-1, 0, 0).Format(time.DateOnly), To: to.AddDate(-1, 0, 0).Format(time.DateOnly)}
}

func (p Period) String() string { return fmt.Sprintf("%s – %s", p.From, p.To) }

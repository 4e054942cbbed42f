package data

import "time"

// Calendar knows which days are public holidays in a country profile.
type Calendar struct {
	holidays map[string]bool // YYYY-MM-DD
}

// NewCalendar makes a calendar from holiday dates (YYYY-MM-DD).
func NewCalendar(dates []string) Calendar {
	c := Calendar{holidays: map[string]bool{}}
	for _, d := range dates {
		c.holidays[d] = true
	}
	return c
}

// WorkingDay tells whether d is neither a weekend day nor a holiday.
func (c Calendar) WorkingDay(d time.Time) bool {
	if wd := d.Weekday(); wd == time.Saturday || wd == time.Sunday {
		return false
	}
	return !c.holidays[d.Format(time.DateOnly)]
}

// Due computes when a deadline counted from start ends. The rule, as the
// protocol's deadlines are read by clerks:
//   - immediately: within one hour of start;
//   - N hours: start plus N hours, whatever the day;
//   - N calendar days: the end (23:59:59) of the N-th day after start's day;
//   - N working days: the end of the N-th working day after start's day,
//     weekends and the country's public holidays not counting (a report that
//     comes on Friday, with 1 working day, is due at the end of Monday).
//
// Days are counted in start's own time zone, the office's local time.
func (c Calendar) Due(start time.Time, d Deadline) time.Time {
	endOfDay := func(t time.Time) time.Time {
		return time.Date(t.Year(), t.Month(), t.Day(), 23, 59, 59, 0, t.Location())
	}
	switch d.Unit {
	case DeadlineImmediately:
		return start.Add(time.Hour)
	case DeadlineHours:
		return start.Add(time.Duration(d.Amount) * time.Hour)
	case DeadlineCalendarDays:
		return endOfDay(start.AddDate(0, 0, d.Amount))
	case DeadlineWorkingDays:
		day := start
		for n := 0; n < d.Amount; {
			day = day.AddDate(0, 0, 1)
			if c.WorkingDay(day) {
				n++
			}
		}
		return endOfDay(day)
	}
	return time.Time{}
}

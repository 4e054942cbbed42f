package demo

import (
	"context"
	"fmt"
	"math/rand"
	"sort"
	"time"

	"spilno/data"
)

// DefaultReferrals is how many cases and referrals the demo writes.
const DefaultReferrals = 300

var (
	initials    = []string{"О. К.", "М. С.", "А. Т.", "Д. В.", "І. П.", "Н. Р.", "В. Л.", "С. Б.", "Ю. Г.", "К. М.", "Т. Ш.", "Р. Ф."}
	settlements = []string{"м. Вишнів", "с. Гірки", "с. Лісове", "с. Озерне", "с. Зелений Гай", "с. Ставки"}
	specialists = []string{"Ірина Коваль", "Андрій Ткачук", "Віктор Савчук"}
	// reasons per situation of the template, in its order.
	reasons = [][]string{
		{"Дитина повідомила вчителю про побиття вдома", "Лікар помітив синці у дитини під час огляду"},
		{"Сусіди повідомили, що малолітні діти кілька днів самі вдома", "Мати госпіталізована, дитина залишилася без догляду"},
		{"Сім'я з трьома дітьми втратила годувальника, бракує коштів на харчування", "Батьки просять допомоги з вихованням підлітка"},
		{"Дитина не відвідує школу понад два тижні", "Учень систематично пропускає уроки без поважних причин"},
		{"Людина похилого віку не може себе обслуговувати після інсульту", "Самотня жінка з інвалідністю потребує догляду вдома"},
		{"Учень зазнає цькування в класі", "Батьки повідомили про булінг у месенджерах"},
	}
	senders    = []string{"Ліцей № 1", "Гімназія с. Гірки", "ЦПМД", "АЗПСМ Гірки", "Ювенальна превенція", "ЦНАП", "ГО «Родина разом»"}
	recipients = []string{"ЦНСП", "ССД"}
)

// Seeds makes n cases with a referral each, spread over the 18 months
// before now, in every status, so that some are overdue at now. The same n
// gives the same seeds.
func Seeds(ctx context.Context, s *data.Store, n int, now time.Time) ([]data.ReferralSeed, error) {
	orgs, err := s.Organizations(ctx, "")
	if err != nil {
		return nil, err
	}
	byShort := map[string]string{}
	for _, o := range orgs {
		byShort[o.ShortName] = o.ID
	}
	versions, err := s.ProtocolVersions(ctx)
	if err != nil {
		return nil, err
	}
	inForce := 0
	if v, ok := data.VersionInForce(versions); ok {
		inForce = v.Version
	}
	var situations []data.Situation
	if inForce > 0 {
		p, err := s.Protocol(ctx, inForce)
		if err != nil {
			return nil, err
		}
		situations = p.Situations
	}
	factors, err := s.VulnerabilityFactors(ctx, data.CountryUA)
	if err != nil {
		return nil, err
	}
	services, err := s.Services(ctx, data.ServiceFilter{})
	if err != nil {
		return nil, err
	}
	offered := map[string][]string{} // the services of each organization, by ID
	for _, sv := range services {
		offered[sv.OrganizationID] = append(offered[sv.OrganizationID], sv.ID)
	}
	rnd := rand.New(rand.NewSource(int64(n)))
	pick := func(list []string) string { return list[rnd.Intn(len(list))] }
	seeds := make([]data.ReferralSeed, 0, n)
	for i := 0; i < n; i++ {
		created := now.Add(-time.Duration(rnd.Int63n(int64(540 * 24 * time.Hour))))
		created = time.Date(created.Year(), created.Month(), created.Day(), 8+rnd.Intn(9), rnd.Intn(60), 0, 0, time.Local)
		birth := now.Year() - 1 - rnd.Intn(17)
		sd := data.ReferralSeed{CreatedAt: created}
		sd.Case = data.Case{Subject: pick(initials), BirthYear: &birth, Settlement: pick(settlements), Specialist: pick(specialists),
			OpenedOn: created.Format(time.DateOnly), ConsentGivenOn: created.Format(time.DateOnly), ConsentBy: "мати"}
		for _, f := range factors {
			if rnd.Intn(4) == 0 {
				sd.Case.FactorIDs = append(sd.Case.FactorIDs, f.ID)
			}
		}
		r := data.Referral{FromOrg: byShort[pick(senders)], ToOrg: byShort[pick(recipients)], ProtocolVersion: inForce,
			Urgency: data.UrgencyRoutine, Reason: pick(reasons[2])}
		if len(situations) > 0 {
			k := rnd.Intn(len(situations))
			sit := situations[k]
			r.SituationKey, r.SituationName, r.Urgency = sit.Key, sit.Name, sit.Urgency
			r.Reason = pick(reasons[k%len(reasons)])
		}
		if list := offered[r.ToOrg]; len(list) > 0 && rnd.Intn(3) > 0 { // most name the service asked for
			r.ServiceID = list[rnd.Intn(len(list))]
		}
		sd.Referral = r
		sd.Moves, sd.MovedAt = demoMoves(rnd, created, now)
		at := created
		if len(sd.MovedAt) > 0 {
			at = sd.MovedAt[len(sd.MovedAt)-1]
		}
		if len(sd.Moves) > 0 && sd.Moves[len(sd.Moves)-1].To == data.RefClosed {
			sd.Case.ClosedOn = at.Format(time.DateOnly)
		}
		seeds = append(seeds, sd)
	}
	// Numbers follow time, as they would in an office.
	sort.SliceStable(seeds, func(i, j int) bool { return seeds[i].CreatedAt.Before(seeds[j].CreatedAt) })
	return seeds, nil
}

// demoPaths are the ways a demo referral may have gone.
var demoPaths = [][]data.Move{
	nil,
	{{To: data.RefSent}},
	{{To: data.RefSent}, {To: data.RefReceived}},
	{{To: data.RefSent}, {To: data.RefReceived}, {To: data.RefAccepted}},
	{{To: data.RefSent}, {To: data.RefReceived}, {To: data.RefRejected}}, // the reason: one of demoRejections
	{{To: data.RefSent}, {To: data.RefReceived}, {To: data.RefAccepted}, {To: data.RefDone, Outcome: "Проведено оцінку потреб, сім'ю взято на супровід"}},
	{{To: data.RefSent}, {To: data.RefReceived}, {To: data.RefAccepted}, {To: data.RefDone, Outcome: "Послугу надано"}, {To: data.RefClosed, Feedback: "Ініціатора поінформовано листом"}},
	{{To: data.RefSent}, {To: data.RefRevoked, Note: "Надіслано помилково"}},
}

// demoRejections are the reasons a demo referral was rejected for.
var demoRejections = []string{"Не відповідає профілю закладу; перенаправлено до ССД", "Недостатньо відомостей у направленні",
	"Сім'я вже отримує цю послугу"}

// demoMoves picks the path a referral made at created went along, and
// when each move came, as far as now allows.
func demoMoves(rnd *rand.Rand, created, now time.Time) ([]data.Move, []time.Time) {
	weights := []int{3, 8, 8, 14, 7, 20, 35, 5}
	if now.Sub(created) > 60*24*time.Hour {
		// Older referrals have mostly run their course.
		weights = []int{1, 1, 1, 3, 9, 20, 58, 7}
	}
	w := rnd.Intn(100)
	path := demoPaths[len(demoPaths)-1]
	for k, acc := 0, 0; k < len(weights); k++ {
		if acc += weights[k]; w < acc {
			path = demoPaths[k]
			break
		}
	}
	gaps := map[data.ReferralStatus]time.Duration{data.RefSent: 2 * time.Hour, data.RefReceived: 3 * 24 * time.Hour,
		data.RefAccepted: 4 * 24 * time.Hour, data.RefRejected: 3 * 24 * time.Hour, data.RefDone: 40 * 24 * time.Hour,
		data.RefClosed: 10 * 24 * time.Hour, data.RefRevoked: 24 * time.Hour}
	var moves []data.Move
	var at []time.Time
	t := created
	for _, m := range path {
		t = t.Add(time.Duration(rnd.Int63n(int64(gaps[m.To]))) + time.Minute)
		if t.After(now) {
			break
		}
		if m.To == data.RefRejected {
			m.RejectReason = demoRejections[t.Minute()%len(demoRejections)] // not from rnd: the rest of the demo stays as it was
		}
		moves, at = append(moves, m), append(at, t)
	}
	return moves, at
}

// WriteReferrals adds n demo cases and referrals (the community must be
// written first).
func WriteReferrals(ctx context.Context, s *data.Store, n int, now time.Time, progress func(done int)) error {
	seeds, err := Seeds(ctx, s, n, now)
	if err != nil {
		return fmt.Errorf("demo referrals: %w", err)
	}
	return s.AddReferrals(ctx, seeds, progress)
}

package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"spilno/data"
)

// demoNeeds are the needs of the demo assessment, one a line:
// type code | target group key (- every) | in need | source | unit | priority | rationale
const demoNeeds = `
К-4|families|60|register|clients_per_month|high|Черга на супровід у ЦНСП: фахівців бракує, сім'ї чекають тижнями
П-4|violence|14|estimate|places|high|Притулок лише один, місць менше, ніж звернень за рік
015.1|seniors|85|survey|clients_per_month|medium|Анкетування: кожен п'ятий респондент 60+ потребує догляду вдома
002.0|-|120|survey|clients_per_month|medium|Консультування є, але далеко для сіл
К-7|idp|45|register|clients_per_month|low|Кількість ВПО стабілізувалася`

// demoPoints are the SWOT of the demo assessment: kind | text.
const demoPoints = `
strength|Працює ЦНСП з мобільною бригадою
strength|Налагоджена взаємодія школи, ССД і поліції за протоколом
weakness|Бракує психологів і фахівців із соціальної роботи
weakness|Немає транспорту для виїздів у віддалені села
opportunity|Грантові програми для громад (до 250 000 грн)
opportunity|Партнерство з ГО «Родина разом» і «Карітас-Вишнів»
threat|Відтік фахівців до обласного центру
threat|Зростання кількості сімей у складних життєвих обставинах`

// writeAssessment writes the approved assessment of the year before now:
// indicators, a survey of 200 made-up respondents, needs set against the
// demo catalogue, a SWOT and a plan of measures in several statuses.
func writeAssessment(ctx context.Context, s *data.Store, now time.Time) error {
	year := now.Year() - 1
	a := data.Assessment{Title: fmt.Sprintf("Оцінка потреб громади у соціальних послугах %d", year),
		Period:      data.Period{From: fmt.Sprintf("%d-01-01", year), To: fmt.Sprintf("%d-12-31", year)},
		OrderNumber: "45-р", OrderDate: fmt.Sprintf("%d-01-15", year),
		Method: "Анкетування мешканців (онлайн і паперові анкети), фокус-групи з батьками та людьми похилого віку, " +
			"інтерв'ю з надавачами послуг, аналіз направлень і звернень за рік.",
		Vision: "Кожна сім'я з дітьми і кожна літня людина громади отримує потрібну соціальну послугу поруч із домом, " +
			"без черг і довгих поїздок; фахівців вистачає і в місті, і в селах."}
	orgs, err := s.Organizations(ctx, "")
	if err != nil {
		return err
	}
	byShort := map[string]data.Organization{}
	for _, o := range orgs {
		byShort[o.ShortName] = o
	}
	for _, m := range [][3]string{{"Виконком", "О. В. Петренко", "голова робочої групи, заступниця міського голови"},
		{"ЦНСП", "Н. І. Бондар", "секретар, директорка ЦНСП"}, {"ССД", "Т. М. Кравець", "начальниця служби"},
		{"УСЗН", "В. П. Олійник", "начальник управління"}, {"Ліцей № 1", "І. С. Мороз", "соціальна педагогиня"},
		{"ЦПМД", "Л. А. Шевчук", "лікарка загальної практики"}, {"Ювенальна превенція", "А. Р. Ткачук", "інспектор ювенальної превенції"},
		{"ГО «Родина разом»", "М. Д. Гнатюк", "голова організації"}} {
		a.Members = append(a.Members, data.Member{OrganizationID: byShort[m[0]].ID, Person: m[1], Role: m[2]})
	}
	if a.Indicators, err = demoIndicators(year); err != nil {
		return err
	}
	if err := demoNeedRows(ctx, s, &a); err != nil {
		return err
	}
	for _, line := range strings.Split(strings.TrimSpace(demoPoints), "\n") {
		kind, text, _ := strings.Cut(line, "|")
		a.Points = append(a.Points, data.Point{Kind: data.PointKind(kind), Text: text})
	}
	a.Measures = demoMeasures(a, byShort, now)
	if err := s.SaveAssessment(ctx, &a); err != nil {
		return err
	}
	sv, err := data.TabulateSurvey(demoSurvey(200))
	if err != nil {
		return err
	}
	sv.Title, sv.FileName = fmt.Sprintf("Анкета мешканців %d", year), "anketa.xlsx"
	if err := s.SaveSurvey(ctx, a.ID, &sv, false); err != nil {
		return err
	}
	approved := time.Date(now.Year(), 2, 20, 0, 0, 0, 0, now.Location())
	if approved.After(now) {
		approved = now
	}
	return s.ApproveAssessment(ctx, a.ID, data.Decision{Body: "виконавчого комітету міської ради", Number: "112",
		Date: approved.Format(time.DateOnly)})
}

// demoIndicators are the shipped Ukrainian rows with made-up numbers as of
// the first of January.
func demoIndicators(year int) ([]data.Indicator, error) {
	list, err := data.StartingIndicators(data.CountryUA)
	if err != nil {
		return nil, err
	}
	values := []float64{18_420, 3_915, 610, 1_240, 96, 1_830, 74, 38, 6, 212, 385, 540, 1_120}
	for i := range list {
		if i < len(values) {
			v := values[i]
			list[i].Value, list[i].AsOf = &v, fmt.Sprintf("%d-01-01", year)
		}
	}
	return list, nil
}

func demoNeedRows(ctx context.Context, s *data.Store, a *data.Assessment) error {
	typeByCode, err := typeIDs(ctx, s)
	if err != nil {
		return err
	}
	groups, err := targetGroupIDs(ctx, s)
	if err != nil {
		return err
	}
	for _, line := range strings.Split(strings.TrimSpace(demoNeeds), "\n") {
		f := strings.Split(line, "|")
		var n int
		fmt.Sscan(f[2], &n)
		a.Needs = append(a.Needs, data.Need{ServiceTypeID: typeByCode[f[0]], TargetGroupID: groups[f[1]], InNeed: &n,
			Source: data.NeedSource(f[3]), Unit: data.CapacityUnit(f[4]), Priority: data.Priority(f[5]), Rationale: f[6]})
	}
	return nil
}

// demoMeasures is the plan: done, under way, one past its deadline, one
// planned for next year.
func demoMeasures(a data.Assessment, byShort map[string]data.Organization, now time.Time) []data.Measure {
	amount := func(v float64) *float64 { return &v }
	day := func(months int) string { return now.AddDate(0, months, 0).Format(time.DateOnly) }
	need := func(i int) (int64, int64) { return a.Needs[i].ServiceTypeID, a.Needs[i].TargetGroupID }
	m := []data.Measure{
		{Title: "Ввести в штат ЦНСП дві посади фахівців із соціальної роботи", OrganizationID: byShort["ЦНСП"].ID,
			Deadline: day(-8), FundingSource: "місцевий бюджет", Amount: amount(420_000), SuccessIndicator: "супровід 60 сімей на місяць",
			Status: data.MeasureDone, Progress: []data.Progress{{On: day(-9), Note: "Штатний розпис змінено рішенням сесії"},
				{On: day(-8), Note: "Обидві посади заповнено"}}},
		{Title: "Облаштувати кризову кімнату для жінок з дітьми в с. Гірки", OrganizationID: byShort["ЦНСП"].ID,
			Deadline: day(-1), FundingSource: "грант міжнародної організації", Amount: amount(250_000),
			SuccessIndicator: "4 додаткові місця", Status: data.MeasureInProgress,
			Progress: []data.Progress{{On: day(-3), Note: "Приміщення передано, триває ремонт"}}},
		{Title: "Запровадити догляд вдома в селах через мобільну бригаду", OrganizationID: byShort["ЦНСП"].ID,
			Deadline: day(4), FundingSource: "місцевий бюджет", Amount: amount(180_000), SuccessIndicator: "25 отримувачів у селах",
			Status: data.MeasurePlanned},
		{Title: "Групи батьківської підтримки у школах громади", OrganizationID: byShort["Ліцей № 1"].ID,
			Deadline: day(2), FundingSource: "без додаткових витрат", SuccessIndicator: "4 групи, 40 батьків", Status: data.MeasureInProgress},
		{Title: "Придбати службовий автомобіль для виїздів", OrganizationID: byShort["Виконком"].ID,
			Deadline: day(-2), FundingSource: "місцевий бюджет", Amount: amount(900_000), Status: data.MeasureCancelled,
			Progress: []data.Progress{{On: day(-4), Note: "Перенесено: кошти спрямовано на посади фахівців"}}},
	}
	m[0].ServiceTypeID, m[0].TargetGroupID = need(0)
	m[1].ServiceTypeID, m[1].TargetGroupID = need(1)
	m[2].ServiceTypeID, m[2].TargetGroupID = need(2)
	m[3].ServiceTypeID, _ = need(3)
	return m
}

// demoSurvey is an export of a questionnaire as Google Forms writes it:
// n respondents, a time stamp, a multiple choice with ";" and free text.
func demoSurvey(n int) data.Table {
	rng := rand.New(rand.NewPCG(2025, 3))
	t := data.Table{Header: []string{"Позначка часу", "Де ви проживаєте?", "Ваш вік", "Чи є у вашій сім'ї діти до 18 років?",
		"Яких соціальних послуг бракує вашій сім'ї?", "Наскільки доступні послуги у громаді (1 – зовсім недоступні, 5 – цілком доступні)?",
		"Ваші пропозиції"}}
	places := []string{"м. Вишнів", "м. Вишнів", "с. Гірки", "с. Липове", "с. Заріччя"}
	ages := []string{"до 18", "18–35", "36–59", "60 і більше"}
	needs := []string{"Догляд вдома", "Психологічна підтримка", "Соціальний супровід сім'ї", "Транспорт до послуг",
		"Денний центр для дітей", "Юридична консультація"}
	comments := []string{"Потрібен автобус до центру громади", "Більше гуртків для дітей у селах", "Психолог у школі хоча б раз на тиждень",
		"Допомога з доглядом за літньою мамою", "Консультації онлайн"}
	for i := range n {
		place, age := places[rng.IntN(len(places))], ages[rng.IntN(len(ages))]
		children := "Ні"
		if age != "60 і більше" && rng.IntN(3) > 0 {
			children = "Так"
		}
		var chosen []string
		for k, nd := range needs {
			p := 4
			if (k == 0 && age == "60 і більше") || (k == 3 && place != "м. Вишнів") || (k == 4 && children == "Так") {
				p = 2
			}
			if rng.IntN(p) == 0 {
				chosen = append(chosen, nd)
			}
		}
		rating := 1 + rng.IntN(5)
		if place != "м. Вишнів" && rating > 1 {
			rating--
		}
		comment := ""
		if i%4 == 0 {
			comment = comments[rng.IntN(len(comments))]
		}
		t.Rows = append(t.Rows, []string{fmt.Sprintf("%d.03.2025 %02d:%02d", 1+i%28, 8+i%10, i%60), place, age, children,
			strings.Join(chosen, ";"), fmt.Sprint(rating), comment})
	}
	return t
}

package demo

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"strconv"
	"strings"
	"time"

	"spilno/assets"
	"spilno/data"
)

// demoServices is the demo catalogue, one service a line:
// provider short name | type code | name | target groups | forms | age from | age to |
// months since verified (- never) | status | cost | hours (wd: Mon–Fri 08:00–17:00, 24: every day all day, -: none)
const demoServices = `
ЦНСП|001.0|Інформування з питань соціальних послуг і допомог|difficult_circumstances,families,seniors|day,remote|||2|active|free|wd
ЦНСП|002.0|Консультування батьків з питань виховання дітей|families|day,remote|||3|active|free|wd
ЦНСП|002.0|Психологічне консультування підлітків|youth,children|day|12|17|5|active|free|wd
ЦНСП|К-4|Соціальний супровід сімей з дітьми у складних життєвих обставинах|families,children,difficult_circumstances|at_home,outreach|||1|active|free|wd
ЦНСП|К-4|Соціальний супровід прийомних сімей і дитячих будинків сімейного типу|families,children|at_home,outreach|||14|active|free|wd
ЦНСП|012.0|Кризове втручання для постраждалих від домашнього насильства|violence,families|outreach,remote|||4|active|free|24
ЦНСП|П-4|Тимчасовий притулок для жінок з дітьми|violence,families|residential|||6|active|free|24
ЦНСП|015.1|Догляд вдома за людьми похилого віку|seniors,disability|at_home|60||2|active|partly_paid|wd
ЦНСП|015.1|Догляд вдома для осіб з інвалідністю I групи|disability|at_home|18||16|active|partly_paid|wd
ЦНСП|К-7|Соціальна адаптація внутрішньо переміщених осіб|idp|day,outreach|||7|active|free|wd
ЦНСП|К-8|Реінтеграція ветеранів та членів їхніх сімей|veterans|day,outreach|||2|active|free|wd
ЦНСП|П-3|Посередництво (медіація) у сімейних конфліктах|families|day|||19|temporarily_closed|free|wd
ЦНСП|К-6|Підтримане проживання молоді, яка виходить з закладів|youth|residential|18|23|8|active|free|-
ЦНСП|П-5|Представництво інтересів отримувачів у державних органах|difficult_circumstances,disability|day|||11|active|free|wd
ССД|001.0|Інформування з питань усиновлення, опіки та піклування|families,children|day,remote|||2|active|free|wd
ССД|002.0|Консультування кандидатів у прийомні батьки|families|day|||13|active|free|wd
ССД|П-5|Представництво інтересів дитини у суді|children|day|0|17|5|active|free|wd
УСЗН|001.0|Інформування про державні соціальні допомоги|difficult_circumstances,idp,veterans,disability|day,remote|||1|active|free|wd
УСЗН|002.0|Консультування з питань пільг ветеранам|veterans|day|||3|active|free|wd
УСЗН|П-3|Посередництво в оформленні допомог через ЦНАП|seniors,disability|day|||26|active|free|wd
Ліцей № 1|002.0|Консультації соціального педагога для учнів і батьків|children,youth,families|day|6|17|4|active|free|wd
Ліцей № 1|К-7|Група продовженого дня для дітей з сімей у СЖО|children,difficult_circumstances|day|6|10|9|active|free|wd
Ліцей № 1|К-2|Гурток позитивного батьківства|families|day|||15|active|free|wd
Гімназія с. Гірки|002.0|Консультації практичного психолога|children,youth|day|6|15|6|active|free|wd
Гімназія с. Гірки|К-7|Шкільний підвіз і супровід дітей з віддалених сіл|children|outreach|6|15|20|active|free|wd
ІРЦ|002.0|Консультування батьків дітей з особливими освітніми потребами|families,disability,children|day,remote|2|18|2|active|free|wd
ІРЦ|К-7|Корекційно-розвиткові заняття з логопедом|children,disability|day|3|12|5|active|free|wd
ІРЦ|К-7|Ранній розвиток дітей з інвалідністю|children,disability|day,at_home|0|6|13|active|free|wd
ЦПМД|001.0|Інформування з питань вакцинації дітей|families,children|day,remote|||3|active|free|wd
ЦПМД|002.0|Консультування підлітків щодо репродуктивного здоров'я|youth|day|14|19|7|active|free|wd
ЦПМД|К-1|Паліативний догляд вдома|seniors,disability|at_home|||2|active|free|wd
ЦПМД|012.0|Цілодобова екстрена медична допомога дітям|children|day|0|17|4|active|free|24
АЗПСМ Гірки|002.0|Патронаж новонароджених|families,children|at_home|0|1|5|active|free|wd
АЗПСМ Гірки|К-1|Догляд за самотніми людьми похилого віку в селі|seniors|at_home|65||22|active|free|wd
Ювенальна превенція|002.0|Профілактичні бесіди з підлітками|youth,children|outreach|10|17|3|active|free|wd
Ювенальна превенція|012.0|Виїзд на повідомлення про насильство щодо дитини|children,violence|outreach|0|17|1|active|free|24
ЦНАП|001.0|Прийом заяв на соціальні послуги та допомоги|difficult_circumstances,seniors,idp|day,remote|||2|active|free|wd
ЦНАП|П-3|Виїзний адміністратор у старостинських округах|seniors,disability|outreach|||10|active|free|wd
Виконком|001.0|Гаряча лінія міського голови|difficult_circumstances|remote|||18|active|free|wd
Виконком|П-4|Кімната тимчасового перебування для бездомних осіб|homeless|residential|||9|temporarily_closed|free|24
ГО «Родина разом»|К-2|Школа відповідального батьківства|families|day|||2|active|free|wd
ГО «Родина разом»|К-7|Клуб підтримки для батьків дітей з інвалідністю|families,disability|day|||4|active|free|wd
ГО «Родина разом»|002.0|Група взаємопідтримки для сімей ВПО|idp,families|day,remote|||6|active|free|wd
ГО «Родина разом»|К-4|Наставництво для дітей з інтернатних закладів|children,youth|outreach|10|18|12|active|free|wd
ГО «Родина разом»|К-7|Табір життєстійкості для підлітків|youth|residential|12|17|28|inactive|partly_paid|-
ГО «Родина разом»|002.0|Онлайн-консультації психолога для ветеранів|veterans|remote|||3|active|free|wd
Карітас-Вишнів|П-4|Нічліжка для бездомних осіб|homeless|residential|18||5|active|free|24
Карітас-Вишнів|К-1|Доставка гарячих обідів самотнім людям|seniors,disability|at_home|||2|active|free|wd
Карітас-Вишнів|002.0|Душпастирська та психологічна підтримка|difficult_circumstances,veterans|day|||17|active|free|wd
Карітас-Вишнів|К-7|Денний центр для дітей «Світлиця»|children,difficult_circumstances|day|6|14|3|active|free|wd
Карітас-Вишнів|001.0|Гуманітарний пункт для ВПО|idp|day|||30|defunct|free|-
Карітас-Вишнів|К-3|Спільне проживання для матерів з немовлятами|families,violence|residential|||8|active|free|24
Центр зайнятості|002.0|Профорієнтація молоді|youth|day,remote|15|29|4|active|free|wd
Центр зайнятості|К-8|Професійна реінтеграція ветеранів|veterans|day|||5|active|free|wd
Центр зайнятості|К-7|Курси перекваліфікації для ВПО|idp|day|18||14|active|free|wd
«Сонечко»|015.1|Денний догляд за дітьми з інвалідністю|children,disability|day|3|12|2|active|paid|wd
«Сонечко»|К-1|Відпочинковий догляд (заміна для батьків на кілька годин)|families,disability|day,at_home|3|17|11|active|partly_paid|wd
«Сонечко»|К-2|Ранкова група розвитку для дошкільнят|children|day|3|6|25|temporarily_closed|paid|wd
ССД|К-4|Супровід дітей, які повертаються з інтернатних закладів у сім'ї|children,families|at_home,outreach|0|17|1|active|free|wd
ЦНСП|002.0|Телефон довіри для підлітків|youth,children|remote|10|18|3|active|free|24
`

// writeServices fills the catalogue with demoServices; verification dates
// count back from now, so some services are always overdue for a check.
func writeServices(ctx context.Context, s *data.Store, now time.Time) error {
	orgs, err := s.Organizations(ctx, "")
	if err != nil {
		return err
	}
	orgByShort := map[string]data.Organization{}
	for _, o := range orgs {
		orgByShort[o.ShortName] = o
	}
	typeByCode, err := typeIDs(ctx, s)
	if err != nil {
		return err
	}
	groupByKey, err := targetGroupIDs(ctx, s)
	if err != nil {
		return err
	}
	for n, line := range strings.Split(strings.TrimSpace(demoServices), "\n") {
		f := strings.Split(line, "|")
		if len(f) != 11 {
			return fmt.Errorf("demo service line %d: %d fields", n+1, len(f))
		}
		org, ok := orgByShort[f[0]]
		if !ok {
			return fmt.Errorf("demo service line %d: no provider %q", n+1, f[0])
		}
		sv := demoService(n, f, org, typeByCode[f[1]], groupByKey, now)
		if err := s.SaveService(ctx, &sv); err != nil {
			return fmt.Errorf("demo service %q: %w", sv.Name, err)
		}
	}
	return nil
}

// demoService is the service of line n of demoServices (split in f),
// given by org, its checks spread over the months before now.
func demoService(n int, f []string, org data.Organization, typeID int64, groupByKey map[string]int64, now time.Time) data.Service {
	sv := data.Service{
		OrganizationID: org.ID, TypeID: typeID, Name: f[2], Status: data.ServiceStatus(f[8]),
		Cost: data.CostKind(f[9]), Address: org.Address, AreaServed: "Вишнівська громада", Languages: "українська",
		HowToApply: "Звернутися особисто, телефоном або через ЦНАП; потрібні паспорт і, за потреби, довідка про склад сім'ї.",
	}
	for _, g := range strings.Split(f[3], ",") {
		sv.TargetGroupIDs = append(sv.TargetGroupIDs, groupByKey[g])
	}
	for _, fm := range strings.Split(f[4], ",") {
		sv.Forms = append(sv.Forms, data.ServiceForm(fm))
	}
	if v, err := strconv.Atoi(f[5]); err == nil {
		sv.AgeMin = &v
	}
	if v, err := strconv.Atoi(f[6]); err == nil {
		sv.AgeMax = &v
	}
	if months, err := strconv.Atoi(f[7]); err == nil {
		sv.VerifiedOn = now.AddDate(0, -months, -n%20).Format(time.DateOnly)
	}
	sv.Schedule, sv.ScheduleNote = demoSchedule(f[10])
	if sv.Cost == data.CostPartlyPaid {
		sv.CostNote = "безоплатно для отримувачів з доходом нижче двох прожиткових мінімумів"
	}
	if n%3 == 0 {
		capacity := 10 + n%7*5
		sv.Capacity, sv.CapacityUnit = &capacity, "clients_per_month"
		if len(sv.Forms) > 0 && (sv.Forms[0] == data.FormResidential || sv.Forms[0] == data.FormDay) {
			capacity = 6 + n%5*2 // a shelter or a day centre counts places
			sv.CapacityUnit = "places"
		}
	}
	if n%4 == 1 {
		sv.WaitingTime = "до 5 робочих днів"
	}
	return sv
}

// demoSchedule is the hours of "wd" (working days) or "24" (round the clock).
func demoSchedule(kind string) ([]data.OpeningHours, string) {
	var hours []data.OpeningHours
	switch kind {
	case "wd":
		for d := 1; d <= 5; d++ {
			closes := "17:00"
			if d == 5 {
				closes = "15:45"
			}
			hours = append(hours, data.OpeningHours{Day: d, Opens: "08:00", Closes: closes})
		}
	case "24":
		for d := 1; d <= 7; d++ {
			hours = append(hours, data.OpeningHours{Day: d, Opens: "00:00", Closes: "24:00"})
		}
		return hours, "цілодобово"
	}
	return hours, ""
}

// typeIDs maps the Ukrainian classifier's codes to the store's IDs.
func typeIDs(ctx context.Context, s *data.Store) (map[string]int64, error) {
	types, err := s.ServiceTypes(ctx, data.CountryUA)
	byCode := map[string]int64{}
	for _, t := range types {
		byCode[t.Code] = t.ID
	}
	return byCode, err
}

// targetGroupIDs maps the shipped target-group keys to the store's IDs.
func targetGroupIDs(ctx context.Context, s *data.Store) (map[string]int64, error) {
	raw, err := assets.Classifier("target_groups.csv")
	if err != nil {
		return nil, err
	}
	rows, err := csv.NewReader(bytes.NewReader(raw)).ReadAll()
	if err != nil {
		return nil, err
	}
	groups, err := s.TargetGroups(ctx, data.CountryUA)
	if err != nil {
		return nil, err
	}
	byName := map[string]int64{}
	for _, g := range groups {
		byName[g.Name] = g.ID
	}
	out := map[string]int64{}
	for _, r := range rows[1:] {
		out[r[0]] = byName[r[1]]
	}
	return out, nil
}

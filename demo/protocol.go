package demo

import (
	"context"
	"fmt"
	"time"

	"spilno/data"
)

// demoParticipants are the demo protocol's participants, by short name, with
// their role.
var demoParticipants = []struct{ short, role string }{
	{"Виконком", "затверджує Протокол, контролює його виконання"},
	{"ССД", "координує дії щодо захисту прав дитини, скликає міждисциплінарну команду"},
	{"ЦНСП", "оцінює потреби, надає соціальні послуги, здійснює супровід"},
	{"УСЗН", "ухвалює рішення про надання соціальних послуг і допомог"},
	{"Ліцей № 1", "виявляє дітей у складних життєвих обставинах, повідомляє про них"},
	{"ЦПМД", "виявляє ознаки насильства й занедбаності, надає медичну допомогу"},
	{"Ювенальна превенція", "реагує на повідомлення про насильство, забезпечує безпеку"},
	{"ЦНАП", "приймає заяви та звернення мешканців"},
	{"ГО «Родина разом»", "надає послуги підтримки сімей за договором"},
}

// writeProtocol writes an approved version 1 and a draft version 2 with a
// few changes, so that the comparison has something to show.
func writeProtocol(ctx context.Context, s *data.Store, now time.Time) error {
	orgs, err := s.Organizations(ctx, "")
	if err != nil {
		return err
	}
	byShort := map[string]data.Organization{}
	for _, o := range orgs {
		byShort[o.ShortName] = o
	}
	p, err := protocolOfTheDemo(ctx, s, byShort)
	if err != nil {
		return err
	}
	if _, err := s.CreateProtocol(ctx, &p); err != nil {
		return fmt.Errorf("demo protocol: %w", err)
	}
	decided := now.AddDate(0, -8, 0).Format(time.DateOnly)
	if err := s.ApproveProtocol(ctx, 1, "виконавчого комітету Вишнівської міської ради", "125", decided); err != nil {
		return fmt.Errorf("approve demo protocol: %w", err)
	}
	if _, err := s.NewProtocolVersion(ctx, 1); err != nil {
		return err
	}
	v2, err := s.Protocol(ctx, 2)
	if err != nil {
		return err
	}
	proposeChanges(&v2, byShort)
	if err := s.SaveProtocol(ctx, &v2); err != nil {
		return fmt.Errorf("demo protocol v2: %w", err)
	}
	return nil
}

// protocolOfTheDemo is the Ukrainian template with the demo's participants,
// each step answered by a sector given to that sector's participant.
func protocolOfTheDemo(ctx context.Context, s *data.Store, byShort map[string]data.Organization) (data.Protocol, error) {
	p, err := data.ProtocolTemplate(data.CountryUA)
	if err != nil {
		return p, err
	}
	p.Community = Community
	bySector := map[data.Sector]string{}
	for _, dp := range demoParticipants {
		o, ok := byShort[dp.short]
		if !ok {
			return p, fmt.Errorf("demo participant %q missing", dp.short)
		}
		var rep data.Contact
		if full, err := s.Organization(ctx, o.ID); err == nil && len(full.Contacts) > 0 {
			rep = full.Contacts[0]
		}
		p.Participants = append(p.Participants, data.Participant{OrganizationID: o.ID, Role: dp.role,
			RepresentativeName: rep.Name, RepresentativePosition: rep.Position, RepresentativePhone: rep.Phone})
		if _, taken := bySector[o.Sector]; !taken {
			bySector[o.Sector] = o.ID
		}
	}
	assign := func(steps []data.Step) {
		for i := range steps {
			if id, ok := bySector[steps[i].ResponsibleSector]; ok {
				steps[i].ResponsibleOrganizationID, steps[i].ResponsibleSector = id, ""
			}
		}
	}
	assign(p.CommonSteps)
	for i := range p.Situations {
		assign(p.Situations[i].Steps)
	}
	return p, nil
}

// proposeChanges makes the draft of version 2: a new provision, a shorter
// deadline, a step removed, a step and a situation added.
func proposeChanges(v2 *data.Protocol, byShort map[string]data.Organization) {
	v2.GeneralProvisions += "\nУчасники взаємодії щокварталу інформують виконавчий комітет про виконання Протоколу."
	v2.Situations[0].Steps[1].Deadline = data.Deadline{Amount: 12, Unit: data.DeadlineHours, From: "report_received"}
	v2.Situations[3].Steps = append(v2.Situations[3].Steps[:1], v2.Situations[3].Steps[2:]...)
	v2.Situations[2].Steps = append(v2.Situations[2].Steps, data.Step{Title: "Перегляд індивідуального плану",
		Action:                    "Переглянути індивідуальний план сім'ї разом із сім'єю та учасниками супроводу.",
		ResponsibleOrganizationID: byShort["ЦНСП"].ID, CoExecutors: "заклад освіти, громадські організації",
		Deadline:        data.Deadline{Amount: 90, Unit: data.DeadlineCalendarDays, From: "decision_made"},
		DeadlineToCheck: true, OutputDocument: "Оновлений індивідуальний план"})
	v2.Situations = append(v2.Situations, data.Situation{Name: "Булінг (цькування) у закладі освіти",
		Description: "Учасник освітнього процесу зазнає систематичного цькування.", Urgency: data.UrgencyUrgent,
		Steps: []data.Step{
			{Title: "Заява та розслідування", Action: "Керівник закладу освіти розглядає заяву, скликає комісію з розгляду випадку булінгу.",
				ResponsibleOrganizationID: byShort["Ліцей № 1"].ID, CoExecutors: "ССД, ювенальна превенція",
				Deadline: data.Deadline{Amount: 1, Unit: data.DeadlineWorkingDays, From: "report_received"}, DeadlineToCheck: true,
				OutputDocument: "Рішення комісії"},
			{Title: "Психологічна підтримка", Action: "Надати психологічну підтримку постраждалому, свідкам і кривднику.",
				ResponsibleOrganizationID: byShort["ЦНСП"].ID, Deadline: data.Deadline{Amount: 5, Unit: data.DeadlineWorkingDays, From: "decision_made"},
				DeadlineToCheck: true, OutputDocument: "План підтримки"},
		}})
}

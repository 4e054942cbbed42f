// Package demo writes a fictional Ukrainian community into an empty
// database, so that a newcomer, a test or a benchmark sees real-looking
// content. Every name, code and number in it is made up.
package demo

import (
	"context"
	"errors"
	"fmt"
	"time"

	"spilno/data"
)

// ErrNotEmpty is returned when the database already holds organizations:
// the demo is never mixed with real data.
var ErrNotEmpty = errors.New("the database already holds data; the demo is written only into a new file")

// Community is the name of the demo community.
const Community = "Вишнівська міська територіальна громада"

// Write fills an empty store with the demo community.
func Write(ctx context.Context, s *data.Store) error { return WriteWith(ctx, s, DefaultReferrals) }

// WriteWith fills an empty store with the demo community and the given
// number of cases and referrals.
func WriteWith(ctx context.Context, s *data.Store, referrals int) error {
	existing, err := s.Organizations(ctx, "")
	if err != nil {
		return fmt.Errorf("write demo: %w", err)
	}
	if len(existing) > 0 {
		return ErrNotEmpty
	}
	set := data.DefaultSettings()
	set.Operator = "Демонстраційний оператор"
	set.Community = Community
	set.Country = data.CountryUA
	if err := s.SaveSettings(ctx, set); err != nil {
		return fmt.Errorf("write demo settings: %w", err)
	}
	for i := range organizations {
		o := organizations[i]
		o.Contacts = append([]data.Contact(nil), o.Contacts...)
		if err := s.SaveOrganization(ctx, &o); err != nil {
			return fmt.Errorf("write demo organization %q: %w", o.Name, err)
		}
	}
	if err := writeServices(ctx, s, time.Now()); err != nil {
		return fmt.Errorf("write demo catalogue: %w", err)
	}
	if err := writeProtocol(ctx, s, time.Now()); err != nil {
		return fmt.Errorf("write demo protocol: %w", err)
	}
	if err := WriteReferrals(ctx, s, referrals, time.Now(), nil); err != nil {
		return fmt.Errorf("write demo referrals: %w", err)
	}
	if err := writeAssessment(ctx, s, time.Now()); err != nil {
		return fmt.Errorf("write demo assessment: %w", err)
	}
	return nil
}

var organizations = []data.Organization{
	{
		Name: "Центр надання соціальних послуг Вишнівської міської ради", ShortName: "ЦНСП",
		Sector: data.SectorSocialServices, LegalType: data.LegalMunicipalInstitution, RegistryID: "41234567",
		Address: "вул. Шевченка, 12, м. Вишнів, 45200", Phone: "+380 3342 2-15-07", Email: "cnsp@vyshniv-rada.example.ua",
		Web: "vyshniv-rada.example.ua/cnsp", HeadName: "Оксана Мельник", HeadPosition: "директорка",
		Contacts: []data.Contact{
			{Name: "Ірина Коваль", Position: "фахівчиня із соціальної роботи", Phone: "+380 67 123 45 67", Email: "koval@vyshniv-rada.example.ua"},
			{Name: "Андрій Ткачук", Position: "психолог", Phone: "+380 50 765 43 21"},
		},
	},
	{
		Name: "Служба у справах дітей Вишнівської міської ради", ShortName: "ССД",
		Sector: data.SectorChildService, LegalType: data.LegalPublicAuthority, RegistryID: "41234568",
		Address: "вул. Соборна, 3, м. Вишнів, 45200", Phone: "+380 3342 2-11-40", Email: "ssd@vyshniv-rada.example.ua",
		HeadName: "Наталія Бондар", HeadPosition: "начальниця служби",
		Contacts: []data.Contact{{Name: "Віктор Савчук", Position: "головний спеціаліст", Phone: "+380 96 222 33 44"}},
	},
	{
		Name: "Управління соціального захисту населення Вишнівської міської ради", ShortName: "УСЗН",
		Sector: data.SectorSocialProtection, LegalType: data.LegalPublicAuthority, RegistryID: "41234569",
		Address: "вул. Соборна, 3, м. Вишнів, 45200", Phone: "+380 3342 2-12-01", Email: "uszn@vyshniv-rada.example.ua",
		HeadName: "Петро Гнатюк", HeadPosition: "начальник управління",
	},
	{
		Name: "Вишнівський ліцей № 1", ShortName: "Ліцей № 1",
		Sector: data.SectorEducation, LegalType: data.LegalMunicipalInstitution, RegistryID: "21345670",
		Address: "вул. Лесі Українки, 8, м. Вишнів, 45200", Phone: "+380 3342 2-20-15", Email: "lyceum1@vyshniv-osvita.example.ua",
		HeadName: "Галина Романюк", HeadPosition: "директорка",
		Contacts: []data.Contact{{Name: "Марія Поліщук", Position: "соціальна педагогиня", Phone: "+380 63 111 22 33"}},
	},
	{
		Name: "Гірківська гімназія", ShortName: "Гімназія с. Гірки",
		Sector: data.SectorEducation, LegalType: data.LegalMunicipalInstitution, RegistryID: "21345671",
		Address: "вул. Центральна, 40, с. Гірки, 45211", Phone: "+380 3342 9-41-10",
		HeadName: "Юрій Климчук", HeadPosition: "директор",
	},
	{
		Name: "Інклюзивно-ресурсний центр Вишнівської міської ради", ShortName: "ІРЦ",
		Sector: data.SectorEducation, LegalType: data.LegalMunicipalInstitution, RegistryID: "42345672",
		Address: "вул. Лесі Українки, 10, м. Вишнів, 45200", Phone: "+380 3342 2-31-90", Email: "irc@vyshniv-osvita.example.ua",
		HeadName: "Світлана Олійник", HeadPosition: "директорка",
	},
	{
		Name: "КНП «Центр первинної медичної допомоги» Вишнівської міської ради", ShortName: "ЦПМД",
		Sector: data.SectorHealth, LegalType: data.LegalMunicipalInstitution, RegistryID: "38456781",
		Address: "вул. Лікарняна, 1, м. Вишнів, 45200", Phone: "+380 3342 2-40-03", Email: "cpmd@vyshniv-med.example.ua",
		HeadName: "Роман Дмитрук", HeadPosition: "генеральний директор",
		Contacts: []data.Contact{{Name: "Людмила Кравець", Position: "лікарка-педіатриня", Phone: "+380 97 555 66 77"}},
	},
	{
		Name: "Амбулаторія загальної практики – сімейної медицини с. Гірки", ShortName: "АЗПСМ Гірки",
		Sector: data.SectorHealth, LegalType: data.LegalMunicipalInstitution,
		Address: "вул. Центральна, 38, с. Гірки, 45211", Phone: "+380 3342 9-41-03",
		HeadName: "Тетяна Сидорук", HeadPosition: "завідувачка амбулаторії",
	},
	{
		Name: "Вишнівський відділ поліції ГУНП у Волинській області (сектор ювенальної превенції)", ShortName: "Ювенальна превенція",
		Sector: data.SectorPolice, LegalType: data.LegalStateInstitution, RegistryID: "40108646",
		Address: "вул. Незалежності, 21, м. Вишнів, 45200", Phone: "102", Email: "juv.vyshniv@police.example.ua",
		HeadName: "Олег Марчук", HeadPosition: "начальник сектору",
		Contacts: []data.Contact{{Name: "Інна Павлюк", Position: "інспекторка ювенальної превенції", Phone: "+380 66 444 55 66"}},
	},
	{
		Name: "Центр надання адміністративних послуг Вишнівської міської ради", ShortName: "ЦНАП",
		Sector: data.SectorAdminServices, LegalType: data.LegalPublicAuthority, RegistryID: "41234570",
		Address: "пл. Героїв, 1, м. Вишнів, 45200", Phone: "+380 3342 2-00-10", Email: "cnap@vyshniv-rada.example.ua",
		Web: "cnap.vyshniv-rada.example.ua", HeadName: "Василь Кушнір", HeadPosition: "начальник відділу",
	},
	{
		Name: "Виконавчий комітет Вишнівської міської ради", ShortName: "Виконком",
		Sector: data.SectorLocalGovernment, LegalType: data.LegalPublicAuthority, RegistryID: "04051234",
		Address: "пл. Героїв, 1, м. Вишнів, 45200", Phone: "+380 3342 2-00-01", Email: "rada@vyshniv-rada.example.ua",
		Web: "vyshniv-rada.example.ua", HeadName: "Микола Левчук", HeadPosition: "міський голова",
	},
	{
		Name: "Громадська організація «Родина разом»", ShortName: "ГО «Родина разом»",
		Sector: data.SectorNGO, LegalType: data.LegalPublicAssociation, RegistryID: "43987654",
		Address: "вул. Миру, 5, оф. 2, м. Вишнів, 45200", Phone: "+380 99 888 77 66", Email: "info@rodyna-razom.example.org",
		Web: "rodyna-razom.example.org", HeadName: "Христина Вовк", HeadPosition: "голова правління",
		Contacts: []data.Contact{{Name: "Дмитро Панчук", Position: "координатор волонтерів", Phone: "+380 93 123 00 11"}},
	},
	{
		Name: "Благодійна організація «Карітас-Вишнів» УГКЦ", ShortName: "Карітас-Вишнів",
		Sector: data.SectorReligious, LegalType: data.LegalCharity, RegistryID: "39876543",
		Address: "вул. Церковна, 2, м. Вишнів, 45200", Phone: "+380 3342 2-55-17", Email: "caritas.vyshniv@example.org",
		HeadName: "о. Степан Гуменюк", HeadPosition: "директор",
	},
	{
		Name: "Вишнівський міський центр зайнятості (філія)", ShortName: "Центр зайнятості",
		Sector: data.SectorOther, LegalType: data.LegalStateInstitution,
		Address: "вул. Незалежності, 14, м. Вишнів, 45200", Phone: "+380 3342 2-60-60",
		HeadName: "Алла Приходько", HeadPosition: "директорка філії",
	},
	{
		Name: "ФОП Ковальчук Л. М. (денний догляд «Сонечко»)", ShortName: "«Сонечко»",
		Sector: data.SectorPrivateProvider, LegalType: data.LegalSoleProprietor,
		Address: "вул. Садова, 17, м. Вишнів, 45200", Phone: "+380 68 321 12 21",
		HeadName: "Людмила Ковальчук", HeadPosition: "фізична особа – підприємець",
	},
}

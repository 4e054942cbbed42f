package demo

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"spilno/data"
)

func TestWriteFillsAnEmptyDatabaseOnce(t *testing.T) {
	ctx := context.Background()
	s, err := data.Open(filepath.Join(t.TempDir(), "demo.db"), data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := Write(ctx, s); err != nil {
		t.Fatal(err)
	}
	orgs, err := s.Organizations(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(orgs) != len(organizations) {
		t.Fatalf("%d organizations, want %d", len(orgs), len(organizations))
	}
	sectors := map[data.Sector]bool{}
	for _, o := range orgs {
		sectors[o.Sector] = true
	}
	for _, want := range []data.Sector{data.SectorSocialServices, data.SectorChildService, data.SectorEducation,
		data.SectorHealth, data.SectorPolice, data.SectorNGO, data.SectorReligious} {
		if !sectors[want] {
			t.Errorf("no demo organization in sector %s", want)
		}
	}
	if got, _ := s.Organizations(ctx, "ссд"); len(got) != 1 {
		t.Errorf("search ССД found %d", len(got))
	}
	set, _ := s.Settings(ctx)
	if set.Community != Community || set.Country != data.CountryUA {
		t.Errorf("settings %+v", set)
	}
	if err := Write(ctx, s); !errors.Is(err, ErrNotEmpty) {
		t.Fatalf("second write: %v", err)
	}
}

package data

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

// After anonymisation no cleared text is left anywhere in the database
// file or its log: not in the case, its factors, its referrals' free
// texts and event notes, nor in the search indexes or freed pages.
func TestAnonymisationLeavesNoTraceInTheFile(t *testing.T) {
	f := newReferrals(t)
	factors, err := f.s.VulnerabilityFactors(ctx, CountryUA)
	if err != nil || len(factors) == 0 {
		t.Fatalf("factors %v %v", factors, err)
	}
	secrets := []string{"Коваленківна", "вул. Садова, 17", "Оксана Петрук", "мама сама виховує трьох дітей",
		"батько повернувся з фронту", "телефонувала бабуся вночі", "відмовилися від послуги"}
	year := 2012
	c := Case{Subject: secrets[0], BirthYear: &year, Settlement: secrets[1], ConsentBy: secrets[2], Notes: secrets[3],
		OpenedOn: "2019-03-01", ClosedOn: "2019-12-20", FactorIDs: []int64{factors[0].ID}}
	if err := f.s.SaveCase(ctx, &c); err != nil {
		t.Fatal(err)
	}
	r := Referral{CaseID: c.ID, FromOrg: f.school.ID, ToOrg: f.cnsp.ID, Urgency: UrgencyUrgent, Reason: secrets[4]}
	if err := f.s.SaveReferral(ctx, &r); err != nil {
		t.Fatal(err)
	}
	for _, m := range []Move{{To: RefSent, Note: secrets[5]}, {To: RefReceived}, {To: RefRejected, RejectReason: secrets[6]}} {
		if _, err := f.s.MoveReferral(ctx, r.ID, m); err != nil {
			t.Fatal(err)
		}
	}
	// A bulk write before, on the one connection there is, must leave
	// secure_delete on for the anonymisation after it.
	f.s.db.SetMaxOpenConns(1)
	seed := ReferralSeed{CreatedAt: f.clock, Case: Case{Subject: "Д. В.", OpenedOn: "2026-11-01"},
		Referral: Referral{FromOrg: f.school.ID, ToOrg: f.cnsp.ID, SituationKey: f.situation, Urgency: UrgencyRoutine}}
	if err := f.s.AddReferrals(ctx, []ReferralSeed{seed}, nil); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(fileAndLog(t, f.s.Path())), secrets[0]) {
		t.Fatal("the test cannot see the text it looks for in the file")
	}
	if n, err := f.s.AnonymiseClosedCases(ctx, 5); err != nil || n != 1 {
		t.Fatalf("anonymised %d, %v", n, err)
	}
	if got, _ := f.s.Case(ctx, c.ID); len(got.FactorIDs) != 0 || got.ConsentBy != "" || got.BirthYear != nil {
		t.Errorf("the anonymised case keeps %+v", got)
	}
	raw := fileAndLog(t, f.s.Path())
	for _, secret := range secrets {
		for _, form := range []string{secret, Fold(secret)} {
			if bytes.Contains(raw, []byte(form)) {
				t.Errorf("the database file still holds %q", form)
			}
		}
	}
}

// fileAndLog is the database file and its WAL, byte for byte.
func fileAndLog(t *testing.T, path string) []byte {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	wal, _ := os.ReadFile(path + "-wal")
	return append(raw, wal...)
}

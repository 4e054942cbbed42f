package app

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"spilno/data"
	"spilno/i18n"
)

// The keys the code asks for exist: literal T("…") calls in the sources and
// the keys built from domain values.
func TestEveryKeyTheCodeUsesExists(t *testing.T) {
	var files []string
	for _, dir := range []string{".", "../office", "../cli", "../reports", "../data"} {
		found, _ := filepath.Glob(dir + "/*.go")
		files = append(files, found...)
	}
	literal := regexp.MustCompile(`\b(?:T|Plural)\("([a-z_.]+)"`)
	plural := regexp.MustCompile(`\bPlural\("([a-z_.]+)"`)
	var want []string
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, _ := os.ReadFile(f)
		for _, m := range literal.FindAllStringSubmatch(string(src), -1) {
			if !plural.MatchString(m[0]) && !strings.HasSuffix(m[1], ".") && !strings.HasSuffix(m[1], "_") {
				want = append(want, m[1])
			}
		}
		for _, m := range plural.FindAllStringSubmatch(string(src), -1) {
			if strings.HasSuffix(m[1], ".") {
				continue // a key built from a value: listed below
			}
			for _, form := range []string{"one", "few", "many", "other"} {
				want = append(want, m[1]+"."+form)
			}
		}
	}
	for _, s := range data.Sectors {
		want = append(want, "sector."+string(s))
	}
	for _, l := range data.LegalTypes {
		want = append(want, "legal."+string(l))
	}
	for _, c := range data.Countries {
		want = append(want, "country."+string(c), "registry."+strings.ToLower(string(c)))
	}
	for _, v := range data.ServiceStatuses {
		want = append(want, "status."+string(v))
	}
	for _, v := range data.ServiceForms {
		want = append(want, "form."+string(v))
	}
	for _, v := range data.CostKinds {
		want = append(want, "cost."+string(v))
	}
	for _, v := range data.CapacityUnits {
		want = append(want, "capacity_unit."+string(v))
	}
	for _, v := range data.ImportFields {
		want = append(want, "field."+string(v))
	}
	for _, v := range data.DeadlineUnits {
		want = append(want, "deadline.unit."+string(v))
	}
	for _, v := range data.DeadlineEvents {
		want = append(want, "deadline.event."+string(v), "deadline.from."+string(v), "deadline.upon."+string(v))
	}
	for _, v := range data.Urgencies {
		want = append(want, "urgency."+string(v))
	}
	for _, v := range []data.ProtocolStatus{data.ProtocolDraft, data.ProtocolApproved, data.ProtocolSuperseded} {
		want = append(want, "protocol.status."+string(v))
	}
	for _, f := range []string{"title", "community", "effective_from", "purpose", "general_provisions", "name", "description",
		"urgency", "situation", "responsible", "deadline", "organization", "representative_phone"} {
		want = append(want, "protocol.field."+f)
	}
	for _, v := range data.ReferralStatuses {
		want = append(want, "status.referral."+string(v))
		if v != data.RefDraft {
			want = append(want, "referrals.move."+string(v))
		}
	}
	for _, f := range []string{"number", "case", "from_org", "to_org", "situation", "urgency", "status", "sent_at", "received_at",
		"due_at", "days_left", "time_left", "overdue", "reason", "reject_reason", "outcome", "feedback", "closed_at", "service", "sheet", "yes", "no"} {
		want = append(want, "register."+f)
	}
	for _, f := range []string{"number", "subject", "birth_year", "settlement", "factors", "consent_given_on", "consent_by", "specialist",
		"opened_on", "closed_on", "notes", "case", "from_org", "from_person", "to_org", "to_person", "situation", "service", "reason",
		"reject_reason", "outcome", "feedback", "note", "case_prefix", "retention_years", "urgency", "deadline"} {
		want = append(want, "field."+f)
	}
	for d := 1; d <= 7; d++ {
		want = append(want, fmt.Sprintf("field.schedule.%d", d), fmt.Sprintf("weekday.short.%d", d))
	}
	for _, r := range []string{"required", "too_long", "unknown", "digits_only", "registry_length", "phone", "email", "web", "range", "whole_number",
		"age_order", "not_negative", "clock", "clock_order", "date", "taken", "duplicate_row", "unknown_code", "self_parent", "unknown_value", "column_required",
		"not_participant", "positive", "duplicate_participant", "draft_exists", "same_as_sender", "not_draft", "transition", "date_order"} {
		want = append(want, "rule."+r)
	}
	for _, f := range []string{"name", "short_name", "sector", "legal_type", "registry_id", "address", "phone", "email", "web",
		"head_name", "head_position", "contact_name", "contact_position", "contact_phone", "contact_email", "operator", "community", "country", "backup_keep", "language"} {
		want = append(want, "field."+f)
	}
	for _, r := range []string{"daily", "manual", "migration", "restore"} {
		want = append(want, "backup."+r)
	}
	for _, k := range []string{"overdue", "due_today", "not_accepted"} {
		for _, form := range []string{"one", "few", "many", "other"} {
			want = append(want, "dashboard."+k+"."+form)
		}
	}
	if len(want) < 50 {
		t.Fatalf("found only %d keys: the scan is broken", len(want))
	}
	for _, k := range want {
		if !i18n.Has(k) {
			t.Errorf("key %q is used but not translated", k)
		}
	}
}

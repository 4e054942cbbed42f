package data

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"time"
)

// ReferralSeed is a case with one referral and the status changes it went
// through, each at its own time: what the demo and benchmarks write.
type ReferralSeed struct {
	Case      Case
	Referral  Referral
	CreatedAt time.Time
	Moves     []Move
	MovedAt   []time.Time
}

// AddReferrals writes many cases and referrals in one transaction, along
// the same status flow as MoveReferral, with one audit row for the lot.
// It stops, changing nothing, when ctx is cancelled.
func (s *Store) AddReferrals(ctx context.Context, seeds []ReferralSeed, progress func(done int)) error {
	err := s.inBulkTx(ctx, func(sqlTx *sql.Tx, now time.Time) error {
		cases, err := added(ctx, sqlTx, caseSearch)
		if err != nil {
			return err
		}
		referrals, err := added(ctx, sqlTx, referralSearch)
		if err != nil {
			return err
		}
		add := func() error { return addSeeds(ctx, sqlTx, seeds, progress) }
		if err := reindexing(ctx, sqlTx, add, cases, referrals); err != nil {
			return err
		}
		return audit(ctx, sqlTx, now, "referral", "", "import", auditNote("referrals_import", strconv.Itoa(len(seeds))))
	})
	if err != nil {
		return classify("add referrals", s.path, err)
	}
	return nil
}

func addSeeds(ctx context.Context, sqlTx *sql.Tx, seeds []ReferralSeed, progress func(done int)) error {
	tx := newStmtCache(sqlTx)
	defer tx.close()
	cache := &txCache{}
	for i := range seeds {
		if i%1000 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
			if progress != nil {
				progress(i)
			}
		}
		if err := addSeed(ctx, tx, &seeds[i], cache); err != nil {
			return fmt.Errorf("referral %d: %w", i, err)
		}
	}
	return nil
}

// addSeed writes the seed's case, and its referral as it stands after its
// moves, with an event for each of them.
func addSeed(ctx context.Context, tx dbtx, sd *ReferralSeed, cache *txCache) error {
	c := sd.Case
	if err := saveCaseQuiet(ctx, tx, sd.CreatedAt, &c, cache); err != nil {
		return fmt.Errorf("case: %w", err)
	}
	r := sd.Referral
	r.CaseID, r.Status = c.ID, RefDraft
	if err := fillSituation(ctx, tx, &r); err != nil {
		return err
	}
	events := []statusEvent{{at: sd.CreatedAt, to: RefDraft}}
	changed := sd.CreatedAt
	for j, m := range sd.Moves {
		from := r.Status
		if err := applyMove(ctx, tx, sd.MovedAt[j], &r, m, cache); err != nil {
			return fmt.Errorf("move %d: %w", j, err)
		}
		events = append(events, statusEvent{sd.MovedAt[j], from, m.To, m.Note, r.DueAt})
		changed = sd.MovedAt[j]
	}
	if err := insertReferral(ctx, tx, sd.CreatedAt, changed, &r, cache); err != nil {
		return err
	}
	return addEvents(ctx, tx, r.ID, events)
}

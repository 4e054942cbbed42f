package data

import (
	"context"
	"database/sql"
	"fmt"
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
	err := s.inTx(ctx, func(sqlTx *sql.Tx, now time.Time) error {
		tx := newStmtCache(sqlTx)
		defer tx.close()
		cache := &flowCache{}
		for i := range seeds {
			if i%1000 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
				if progress != nil {
					progress(i)
				}
			}
			sd := &seeds[i]
			c := sd.Case
			if err := saveCaseQuiet(ctx, tx, sd.CreatedAt, &c); err != nil {
				return fmt.Errorf("case %d: %w", i, err)
			}
			r := sd.Referral
			r.CaseID = c.ID
			if err := saveReferral(ctx, tx, sd.CreatedAt, &r, false); err != nil {
				return fmt.Errorf("referral %d: %w", i, err)
			}
			for j, m := range sd.Moves {
				if err := moveReferral(ctx, tx, sd.MovedAt[j], &r, m, cache, false); err != nil {
					return fmt.Errorf("referral %d, move %d: %w", i, j, err)
				}
			}
		}
		return audit(ctx, tx, now, "referral", "", "import", fmt.Sprintf("%d cases and referrals", len(seeds)))
	})
	if err != nil {
		return classify("add referrals", s.path, err)
	}
	return nil
}

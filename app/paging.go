package app

import (
	"context"
	"maps"

	"fyne.io/fyne/v2/widget"
)

// pageSize is how many rows a long list reads at a time.
const pageSize = 200

// pagedRows is a long list (the register, the cases) read a page at a
// time off the UI goroutine as its rows scroll into view, so that 100 000
// rows scroll as 100 do. The count is read beside the first page: up to
// countFirst, then "more than" and the exact number in the background,
// since counting every match of a broad search takes longer than reading
// the rows.
type pagedRows[R any] struct {
	runner     *runner
	countFirst int
	count      *widget.Label
	refresh    func() // shows the rows anew
	// countKey words the count ("cases.count"); countKey+"_over" words
	// "more than n".
	countKey string

	read     func(ctx context.Context, limit, offset int) ([]R, error)
	total    int
	pages    map[int][]R
	before   map[int][]R // pages as they were before an edit, shown until read again
	reading  map[int]bool
	counting slot
	gen      int // counts restarts: a page read before the latest is dropped
}

// restart reads the list from the start with read and countUp (upTo 0
// counts all); keep shows
// the rows held so far until their pages come again (after an edit, so
// that the list stays where the user scrolled it).
func (p *pagedRows[R]) restart(read func(context.Context, int, int) ([]R, error), countUp func(context.Context, int) (int, error), keep bool) {
	p.gen++
	p.read = read
	if keep {
		maps.Copy(p.before, p.pages)
	} else {
		p.total, p.before = 0, map[int][]R{}
	}
	p.pages, p.reading = map[int][]R{}, map[int]bool{}
	p.refresh()
	p.readPage(0)
	first := p.countFirst
	load(p.runner, &p.counting, p.count, func(ctx context.Context) (int, error) {
		return countUp(ctx, first)
	}, func(n int) {
		if n <= first {
			p.showCount(n, false)
			return
		}
		p.showCount(first, true)
		load(p.runner, &p.counting, nil, func(ctx context.Context) (int, error) {
			return countUp(ctx, 0)
		}, func(n int) { p.showCount(n, false) })
	})
}

func (p *pagedRows[R]) showCount(n int, over bool) {
	p.total = n
	key := p.countKey
	if over {
		key += "_over"
	}
	p.count.SetText(Plural(key, n))
	p.refresh()
}

// length is how many rows the list has; the first page may come before
// the count.
func (p *pagedRows[R]) length() int { return max(p.total, len(p.pages[0])) }

// row returns row i, or nil while its page is being read for the first
// time.
func (p *pagedRows[R]) row(i int) *R {
	page := i / pageSize
	list, ok := p.pages[page]
	if !ok {
		p.readPage(page)
		list = p.before[page]
	}
	if i-page*pageSize >= len(list) {
		return nil
	}
	return &list[i-page*pageSize]
}

// readPage reads one page and shows it when it comes.
func (p *pagedRows[R]) readPage(page int) {
	if p.reading[page] {
		return
	}
	p.reading[page] = true
	read, gen := p.read, p.gen
	load(p.runner, nil, nil, func(ctx context.Context) ([]R, error) {
		return read(ctx, pageSize, page*pageSize)
	}, func(list []R) {
		if gen != p.gen {
			return // the search or filter changed while the page was read
		}
		p.pages[page] = list
		delete(p.before, page)
		p.refresh()
	})
}

package app

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"spilno/office"
)

// task is work to run off the UI goroutine: every load, search, count,
// save, import, export, backup and restore of the window is one.
type task struct {
	// title, when set, makes it long work: a dialog with the title, a
	// progress bar and a Cancel button stays up until it ends.
	title string
	// slot, when set, keeps only the newest run of one kind of work: a new
	// run cancels the one before, so typing in a search field never shows
	// an older query's result.
	slot *slot
	// lasting work belongs to the window, not to the screen: leaving the
	// screen does not cancel it (the daily backup).
	lasting bool
	// work runs off the UI goroutine; progress may be called as it goes.
	work func(ctx context.Context, progress func(done, total int)) error
	// done runs on the UI goroutine after work succeeded.
	done func()
	// failed runs on the UI goroutine after work failed; nil shows the
	// error in a dialog. A cancelled task reports neither.
	failed func(err error)
}

// slot holds the newest run of one kind of work.
type slot struct{ cancel context.CancelFunc }

// runner runs tasks. Results come back through do (fyne.Do in the window),
// so that widgets are only ever touched on the UI goroutine.
type runner struct {
	win  fyne.Window
	do   func(func())
	show func(error) // says what went wrong, in a dialog

	mu      sync.Mutex
	life    context.Context // the window's lifetime
	end     context.CancelFunc
	scope   context.Context // the screen on show: leaving it cancels its work
	leave   context.CancelFunc
	pending atomic.Int64   // tasks whose end has not been applied yet
	working sync.WaitGroup // tasks whose work still runs
	idle    []func()       // to run once no task is pending (UI goroutine only)
}

func newRunner(w fyne.Window, show func(error)) *runner {
	r := &runner{win: w, do: fyne.Do, show: show}
	r.life, r.end = context.WithCancel(context.Background())
	r.scope, r.leave = context.WithCancel(r.life)
	return r
}

// stop cancels all work when the window closes and waits a while for it
// to return, so that the store is not closed under a running query.
func (r *runner) stop(wait time.Duration) {
	r.end()
	stopped := make(chan struct{})
	go func() {
		r.working.Wait()
		close(stopped)
	}()
	select {
	case <-stopped:
	case <-time.After(wait):
	}
}

// enter starts the work scope of a newly shown screen, cancelling what the
// screen before it still had running.
func (r *runner) enter() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.leave()
	r.scope, r.leave = context.WithCancel(r.life)
}

// run starts t; see task for what happens when it ends.
func (r *runner) run(t task) {
	r.mu.Lock()
	parent := r.scope
	if t.lasting {
		parent = r.life
	}
	r.mu.Unlock()
	ctx, cancel := context.WithCancel(parent)
	if t.slot != nil {
		if t.slot.cancel != nil {
			t.slot.cancel()
		}
		t.slot.cancel = cancel
	}
	var bar *progressDialog
	if t.title != "" {
		bar = showProgress(r, t.title, cancel)
	}
	r.pending.Add(1)
	r.working.Add(1)
	go func() {
		err := t.work(ctx, bar.report)
		r.working.Done()
		r.do(func() {
			defer r.ended()
			stale := ctx.Err() != nil // cancelled, superseded, or its screen was left
			cancel()
			bar.close()
			r.finish(t, err, stale)
		})
	}()
}

// ended counts a task's end applied, and runs what waited for no task to
// be pending.
func (r *runner) ended() {
	if r.pending.Add(-1) > 0 {
		return
	}
	idle := r.idle
	r.idle = nil
	for _, f := range idle {
		f()
	}
}

// whenIdle runs f on the UI goroutine once every task started so far has
// ended: "save, then go on" waits for the save whatever its screen.
func (r *runner) whenIdle(f func()) {
	if r.pending.Load() == 0 {
		f()
		return
	}
	r.idle = append(r.idle, f)
}

// finish applies the end of a task on the UI goroutine.
func (r *runner) finish(t task, err error, stale bool) {
	switch {
	case err == nil && (!stale || t.title != ""):
		// Long work that ended before its Cancel took effect did its job
		// (the file is written): say so.
		if t.done != nil {
			t.done()
		}
	case err == nil, stale, errors.Is(err, context.Canceled):
		// Nobody waits for this result any more.
	case t.failed != nil:
		t.failed(err)
	default:
		r.show(err)
	}
}

// load reads a value off the UI goroutine and shows it. While it reads,
// status (if any) says so; when the read fails, status says why and a
// dialog too, so that a failed read never looks like an empty list.
func load[V any](r *runner, sl *slot, status *widget.Label, read func(context.Context) (V, error), show func(V)) {
	var v V
	setStatus(status, T("common.loading"), widget.LowImportance)
	r.run(task{slot: sl,
		work: func(ctx context.Context, _ func(int, int)) (err error) {
			v, err = read(ctx)
			return err
		},
		done: func() {
			setStatus(status, "", widget.MediumImportance)
			show(v)
			if status != nil && status.Text != "" {
				status.Show() // a count that show wrote into the status line
			}
		},
		failed: func(err error) {
			setStatus(status, office.ErrorMessage(err), widget.DangerImportance)
			r.show(err)
		},
	})
}

// setStatus shows a line of status text, hiding the line when it is empty.
func setStatus(l *widget.Label, text string, imp widget.Importance) {
	if l == nil {
		return
	}
	l.Importance = imp
	l.SetText(text)
	if text == "" {
		l.Hide()
	} else {
		l.Show()
	}
}

// progressDialog shows long work: its title, a bar that moves as the work
// reports how far it is, and a Cancel that stops it.
type progressDialog struct {
	r        *runner
	dialog   *dialog.CustomDialog
	bar      *widget.ProgressBar
	waiting  *widget.ProgressBarInfinite
	mu       sync.Mutex
	reported float64 // the last fraction sent to the UI goroutine
}

func showProgress(r *runner, title string, cancel context.CancelFunc) *progressDialog {
	p := &progressDialog{r: r, bar: widget.NewProgressBar(), waiting: widget.NewProgressBarInfinite(), reported: -1}
	p.bar.Hide()
	var stop *widget.Button
	stop = widget.NewButton(T("button.cancel"), func() {
		cancel()
		stop.SetText(T("common.cancelling"))
		stop.Disable()
	})
	p.dialog = dialog.NewCustomWithoutButtons(title, container.NewVBox(p.waiting, p.bar, container.NewCenter(stop)), r.win)
	p.dialog.Resize(fyne.NewSize(420, 0))
	showWithKeys(r.win, p.dialog, dialogKeys{cancel: func() {
		if !stop.Disabled() {
			stop.OnTapped()
		}
	}})
	return p
}

// report is called by the work, off the UI goroutine; the bar moves in
// steps of a percent, so that a long export does not flood the UI.
func (p *progressDialog) report(done, total int) {
	if p == nil || total <= 0 {
		return
	}
	f := float64(done) / float64(total)
	p.mu.Lock()
	if f-p.reported < 0.01 && f < 1 {
		p.mu.Unlock()
		return
	}
	p.reported = f
	p.mu.Unlock()
	p.r.do(func() {
		p.waiting.Stop()
		p.waiting.Hide()
		p.bar.Show()
		p.bar.SetValue(f)
	})
}

// close hides the dialog and stops its animation, which would otherwise
// go on redrawing the window (and using the processor) until Fyne drops
// the widget.
func (p *progressDialog) close() {
	if p != nil {
		p.waiting.Stop()
		p.dialog.Hide()
	}
}

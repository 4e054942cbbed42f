package app

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"spilno/data"
	"spilno/office"
	"spilno/reports"
)

// planningScreen keeps the assessments of the community's needs: pick one
// (or start one), fill in its parts on tabs, save it whole; the gaps and
// the survey tables are computed from the store and shown beside them.
type planningScreen struct {
	ui    *UI
	store *data.Store
	now   func() time.Time

	list    []data.AssessmentSummary
	chosen  int64 // the assessment on show; 0 none
	pick    *selectBox
	status  *widget.Label
	body    *fyne.Container
	actions []*widget.Button // disabled while no assessment is on show
	approve *widget.Button   // Approve… a draft, Return to draft an approved one
	frozen  []*widget.Button // disabled while the one on show is approved
	form    *assessmentForm  // the one on show
	view    office.Planning  // what it was read as (for tests)
	loading slot
	notice  string // said once the assessment read again is on show
	onPlan  bool   // open on the plan of measures (from the dashboard)

	approval *decisionForm // the approval dialog last opened (for tests)
}

func newPlanningScreen(ui *UI, st *data.Store) *planningScreen {
	return &planningScreen{ui: ui, store: st, now: time.Now}
}

func (s *planningScreen) titleKey() string    { return "nav.planning" }
func (s *planningScreen) icon() fyne.Resource { return theme.ListIcon() }
func (s *planningScreen) unsaved() bool       { return s.form != nil && s.form.dirty }
func (s *planningScreen) saveKey()            { s.save() }

func (s *planningScreen) build(at place) fyne.CanvasObject {
	s.form = nil
	if at.assessment != 0 {
		s.chosen, s.onPlan = at.assessment, true
	}
	s.pick = newSelect(nil, nil)
	s.pick.PlaceHolder = T("planning.choose")
	s.status = widget.NewLabel("")
	s.status.Wrapping = fyne.TextWrapWord
	s.body = container.NewStack(wrapped(T("planning.loading"), widget.LowImportance))
	add := widget.NewButtonWithIcon(T("planning.new"), theme.ContentAddIcon(), s.create)
	save := widget.NewButtonWithIcon(T("button.save"), theme.DocumentSaveIcon(), s.save)
	remove := widget.NewButtonWithIcon(T("button.delete"), theme.DeleteIcon(), s.remove)
	survey := widget.NewButtonWithIcon(T("planning.import_survey"), theme.UploadIcon(), s.importSurvey)
	pdf := widget.NewButtonWithIcon(T("stats.export_pdf"), theme.DocumentPrintIcon(), func() { s.export("pdf") })
	xlsx := widget.NewButtonWithIcon(T("stats.export_xlsx"), theme.DownloadIcon(), func() { s.export("xlsx") })
	s.approve = widget.NewButtonWithIcon(T("protocol.approve"), theme.ConfirmIcon(), nil)
	s.actions, s.frozen = []*widget.Button{save, s.approve, remove, survey, pdf, xlsx}, []*widget.Button{remove, survey}
	s.enable(nil)
	top := container.NewVBox(heading(T("nav.planning")), container.NewBorder(nil, nil, nil, add, s.pick),
		actionRow(save, s.approve, survey, pdf, xlsx, remove), s.status)
	s.reloadList(s.chosen)
	return container.NewBorder(top, nil, nil, nil, s.body)
}

// enable turns the actions on for the assessment on show (a, nil: none):
// an approved one offers Return to draft, and no change to its analysis.
func (s *planningScreen) enable(a *data.Assessment) {
	for _, b := range s.actions {
		setEnabled(b, a != nil)
	}
	if a == nil {
		return
	}
	for _, b := range s.frozen {
		setEnabled(b, !a.Frozen())
	}
	if a.Frozen() {
		s.approve.SetText(T("planning.reopen"))
		s.approve.SetIcon(theme.ContentUndoIcon())
		s.approve.OnTapped = s.reopenDraft
	} else {
		s.approve.SetText(T("protocol.approve"))
		s.approve.SetIcon(theme.ConfirmIcon())
		s.approve.OnTapped = s.showApprove
	}
}

func setEnabled(b *widget.Button, on bool) {
	if on {
		b.Enable()
	} else {
		b.Disable()
	}
}

// planTab is the index of the plan of measures among the form's tabs.
const planTab = 5

// reloadList reads the assessments and opens id, or the newest.
func (s *planningScreen) reloadList(id int64) {
	now := s.now()
	load(s.ui.runner, &s.loading, s.status, func(ctx context.Context) ([]data.AssessmentSummary, error) {
		return s.store.Assessments(ctx, now)
	}, func(list []data.AssessmentSummary) {
		s.list = list
		var options []string
		chosen := -1
		for i, a := range list {
			options = append(options, s.summaryLine(a))
			if a.ID == id || (chosen < 0 && id == 0) {
				chosen = i
			}
		}
		s.pick.OnChanged = nil
		s.pick.SetOptions(options)
		if chosen < 0 {
			s.pick.ClearSelected()
			s.body.Objects = []fyne.CanvasObject{wrapped(T("planning.none"), widget.MediumImportance)}
			s.body.Refresh()
			setStatus(s.status, s.notice, widget.MediumImportance)
			s.notice = ""
			return
		}
		s.pick.SetSelectedIndex(chosen)
		s.pick.OnChanged = func(string) { s.choose(s.pick.SelectedIndex()) }
		s.open(list[chosen].ID)
	})
}

func (s *planningScreen) summaryLine(a data.AssessmentSummary) string {
	line := fmt.Sprintf("%s · %s · %s", a.Title, office.PeriodText(a.Period, Language()), T("assessment_status."+string(a.Status)))
	if a.OverdueMeasures > 0 {
		line += " · " + Plural("planning.overdue_n", a.OverdueMeasures)
	}
	return line
}

// choose opens the i-th assessment of the list, once the typed changes
// are saved or given up.
func (s *planningScreen) choose(i int) {
	if i < 0 || i >= len(s.list) || s.list[i].ID == s.chosen {
		return
	}
	s.ui.confirmDiscard(func() { s.open(s.list[i].ID) })
}

// open reads an assessment with its gaps, surveys and charts off the UI
// goroutine and lays it out.
func (s *planningScreen) open(id int64) {
	lang := Language()
	dpi := int(72 * max(1, s.ui.win.Canvas().Scale()) * 2)
	load(s.ui.runner, &s.loading, s.status, func(ctx context.Context) (office.Planning, error) {
		return office.ReadPlanning(ctx, s.store, id, lang, chartWidth, dpi)
	}, func(p office.Planning) {
		tab := 0
		switch {
		case s.onPlan:
			tab, s.onPlan = planTab, false
		case s.form != nil && s.chosen == id: // the same assessment again: stay on the tab
			tab = s.form.tabs.SelectedIndex()
		}
		s.chosen, s.view = id, p
		s.form = newAssessmentForm(s, p)
		s.form.tabs.SelectIndex(tab)
		s.body.Objects = []fyne.CanvasObject{s.form.tabs}
		s.body.Refresh()
		s.enable(&p.Assessment)
		if s.notice != "" {
			setStatus(s.status, s.notice, widget.SuccessImportance)
			s.notice = ""
		}
	})
}

// create starts a draft assessment of last year and opens it.
func (s *planningScreen) create() {
	s.ui.confirmDiscard(func() {
		now := s.now()
		title := T("planning.new_title", "year", fmt.Sprint(now.Year()-1)) // the year it assesses
		var a data.Assessment
		s.ui.run(task{
			work: func(ctx context.Context, _ func(int, int)) error {
				set, err := s.store.Settings(ctx)
				if err != nil {
					return err
				}
				if a, err = office.NewAssessment(set.Country, now, title); err != nil {
					return err
				}
				return s.store.SaveAssessment(ctx, &a)
			},
			done: func() {
				s.notice = T("planning.created")
				s.reloadList(a.ID)
			},
		})
	})
}

// save writes the assessment as typed; a refusal keeps what was typed and
// names each field under it.
func (s *planningScreen) save() {
	if s.form == nil {
		return
	}
	a, problems := s.form.collect()
	frozen := a.Frozen() // only the plan moves on once approved
	validate := a.Validate
	if frozen {
		validate = a.ValidatePlan
	}
	if err := validate(); err != nil { // every problem at once, not the numbers first
		problems = append(problems, data.AsError(err).Fields...)
	}
	s.form.showProblems(problems)
	if len(problems) > 0 {
		setStatus(s.status, office.ErrorMessage(&data.Error{Code: data.EInvalid, Op: "save assessment", Fields: problems}), widget.DangerImportance)
		return
	}
	s.ui.run(task{
		work: func(ctx context.Context, _ func(int, int)) error {
			if frozen {
				return s.store.SaveProgress(ctx, &a)
			}
			return s.store.SaveAssessment(ctx, &a)
		},
		done: func() {
			s.form.dirty = false
			s.notice = T("planning.saved")
			if frozen {
				s.notice = T("planning.progress_saved")
			}
			s.reloadList(a.ID) // the gaps are computed again from what was saved
		},
		failed: func(err error) { setStatus(s.status, office.ErrorMessage(err), widget.DangerImportance) },
	})
}

// showApprove asks for the decision that approves the assessment on show,
// saving first what is typed; approving freezes the analysis and its gaps.
func (s *planningScreen) showApprove() {
	if s.form == nil {
		return
	}
	given := s.view.Assessment.Approval
	hint, unchecked := T("planning.approve_hint"), 0
	for _, ind := range s.view.Assessment.Indicators {
		if ind.ToCheck {
			unchecked++
		}
	}
	if unchecked > 0 { // approving is allowed, but the paper will say "to check"
		hint += "\n\n" + Plural("planning.unchecked_n", unchecked)
	}
	s.approval = askDecision(s.ui.win, T("planning.approve_title"), hint, given,
		func(dec data.Decision, done func(), fail func(error)) {
			a, problems := s.form.collect()
			if len(problems) > 0 {
				fail(&data.Error{Code: data.EInvalid, Op: "approve assessment", Fields: problems})
				return
			}
			dirty := s.form.dirty
			s.ui.run(task{
				work: func(ctx context.Context, _ func(int, int)) error {
					if dirty { // what is on screen is what gets approved
						if err := s.store.SaveAssessment(ctx, &a); err != nil {
							return err
						}
					}
					return s.store.ApproveAssessment(ctx, a.ID, dec)
				},
				done: func() {
					s.form.dirty = false
					done()
					s.notice = T("planning.approved")
					s.reloadList(a.ID)
				},
				failed: fail,
			})
		})
}

// reopenDraft returns the approved assessment on show to draft, once
// confirmed: its analysis can be changed again, and its gaps follow the
// catalogue again.
func (s *planningScreen) reopenDraft() {
	if s.form == nil {
		return
	}
	id := s.chosen
	s.ui.confirmDiscard(func() {
		confirm(s.ui.win, T("planning.reopen"), T("planning.reopen_text", "title", s.view.Assessment.Title), T("planning.reopen"), func() {
			s.ui.run(task{
				work: func(ctx context.Context, _ func(int, int)) error { return s.store.ReopenAssessment(ctx, id) },
				done: func() {
					s.form.dirty = false
					s.notice = T("planning.reopened")
					s.reloadList(id)
				},
			})
		}, nil)
	})
}

// remove deletes the assessment on show, once confirmed.
func (s *planningScreen) remove() {
	id, title := s.chosen, s.view.Assessment.Title
	confirm(s.ui.win, T("planning.delete_title"), T("planning.delete_text", "title", title), T("button.delete"), func() {
		s.ui.run(task{
			work: func(ctx context.Context, _ func(int, int)) error { return s.store.DeleteAssessment(ctx, id) },
			done: func() {
				s.form, s.chosen = nil, 0
				s.enable(nil)
				s.notice = T("planning.deleted", "title", title)
				s.reloadList(0)
			},
		})
	}, nil)
}

// export writes the assessment on show, as last saved.
func (s *planningScreen) export(format string) {
	if s.form == nil {
		return
	}
	if s.form.dirty {
		setStatus(s.status, T("planning.save_first"), widget.WarningImportance)
		return
	}
	id := s.chosen
	name := strings.NewReplacer("/", "-", "\\", "-", ":", "-").Replace(s.view.Assessment.Title) + "." + format
	s.ui.exportTo(name, func(ctx context.Context, doc office.Document) error {
		return office.ExportAssessment(ctx, s.store, id, format, doc)
	})
}

// importSurvey asks for a questionnaire's export, then for its title and
// whether to keep the respondents' rows, and tabulates it.
func (s *planningScreen) importSurvey() {
	if s.form == nil {
		return
	}
	s.ui.files.open(tables, func(path string) {
		title := textEntry(strings.TrimSuffix(filepath.Base(path), filepath.Ext(path)), 0)
		keep := newCheck(T("planning.keep_rows"), nil)
		note := wrapped(T("planning.keep_rows_hint"), widget.LowImportance)
		form := container.NewVBox(widget.NewLabel(T("planning.survey_title")), title, keep, note)
		id := s.chosen
		d := dialog.NewCustomConfirm(T("planning.import_survey"), T("planning.import"), T("button.cancel"), form, func(ok bool) {
			if !ok {
				return
			}
			var sv data.Survey
			s.ui.run(task{title: T("planning.importing"),
				work: func(ctx context.Context, _ func(int, int)) (err error) {
					sv, err = office.ImportSurvey(ctx, s.store, id, path, title.Text, keep.Checked)
					return err
				},
				done: func() {
					s.notice = T("planning.survey_done", "title", sv.Title, "n", fmt.Sprint(sv.Respondents), "q", fmt.Sprint(len(sv.Questions)))
					s.reopen()
				},
			})
		}, s.ui.win)
		d.Resize(fyne.NewSize(460, 300))
		d.Show()
	})
}

// reopen reads the assessment on show again, keeping typed changes only
// when there are none.
func (s *planningScreen) reopen() {
	if s.form != nil && s.form.dirty {
		setStatus(s.status, strings.TrimSpace(s.notice+" "+T("planning.save_to_refresh")), widget.SuccessImportance)
		s.notice = ""
		return
	}
	s.reloadList(s.chosen)
}

// setCrossBy chooses the question a survey's answers are split by.
func (s *planningScreen) setCrossBy(survey int64, by int) {
	s.ui.run(task{
		work: func(ctx context.Context, _ func(int, int)) error { return s.store.SetSurveyCrossBy(ctx, survey, by) },
		done: s.reopen,
	})
}

// deleteSurvey removes a survey's tabulation, once confirmed.
func (s *planningScreen) deleteSurvey(sv data.Survey) {
	confirm(s.ui.win, T("planning.delete_survey"), T("planning.delete_survey_text", "title", sv.Title), T("button.delete"), func() {
		s.ui.run(task{
			work: func(ctx context.Context, _ func(int, int)) error { return s.store.DeleteSurvey(ctx, sv.ID) },
			done: s.reopen,
		})
	}, nil)
}

// sectionsView shows document sections of texts: a heading, the
// paragraphs, each table a wrapped line per row under its column names
// (long texts would not fit a grid), the closing lines.
func sectionsView(sections []reports.Section) fyne.CanvasObject {
	box := container.NewVBox()
	lang := Language()
	for _, s := range sections {
		box.Add(widget.NewSeparator())
		box.Add(heading(s.Title))
		for _, p := range s.Paragraphs {
			box.Add(wrapped(p, widget.MediumImportance))
		}
		for _, t := range s.Tables {
			box.Add(widget.NewLabelWithStyle(t.Title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
			if len(t.Rows) == 0 {
				box.Add(wrapped(t.Empty, widget.MediumImportance))
				continue
			}
			box.Add(wrapped(strings.Join(t.Columns, " · "), widget.LowImportance))
			for r := range t.Rows {
				var cells []string
				for c := range t.Columns {
					if text := t.CellText(r, c, lang); text != "" {
						cells = append(cells, text)
					}
				}
				box.Add(wrapped(strings.Join(cells, " · "), widget.MediumImportance))
			}
		}
		for _, p := range s.Closing {
			box.Add(wrapped(p, widget.MediumImportance))
		}
	}
	return box
}

// maxListed is how many free-text answers the window lists: a survey of
// thousands would make as many labels on the UI goroutine.
const maxListed = 50

// tableView shows a document table: its title, basis, grid and chart.
func tableView(t office.TableView) fyne.CanvasObject {
	title := widget.NewLabelWithStyle(t.Title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Wrapping = fyne.TextWrapWord
	objects := []fyne.CanvasObject{title}
	if t.Basis != "" {
		objects = append(objects, wrapped(t.Basis, widget.LowImportance))
	}
	if len(t.Rows) == 0 {
		return container.NewVBox(append(objects, widget.NewLabel(T("stats.no_data")))...)
	}
	if len(t.Columns) == 1 { // a list of texts: each wraps in full, the first of them (all are in the documents)
		for r := range min(len(t.Rows), maxListed) {
			objects = append(objects, wrapped("• "+t.CellText(r, 0, Language()), widget.MediumImportance))
		}
		if more := len(t.Rows) - maxListed; more > 0 {
			objects = append(objects, wrapped(T("planning.more_answers", "n", FormatInt(more)), widget.LowImportance))
		}
		return container.NewVBox(objects...)
	}
	var cells []fyne.CanvasObject
	for _, c := range t.Columns {
		cells = append(cells, widget.NewLabelWithStyle(c, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	}
	lang := Language()
	for r, row := range t.Rows {
		for c := range row {
			align := fyne.TextAlignLeading
			if c > 0 {
				align = fyne.TextAlignTrailing
			}
			l := widget.NewLabelWithStyle(t.CellText(r, c, lang), align, fyne.TextStyle{})
			if c == 0 { // the label takes the width the numbers leave
				l.Truncation = fyne.TextTruncateEllipsis
			}
			cells = append(cells, l)
		}
	}
	objects = append(objects, container.New(statGrid{columns: len(t.Columns)}, cells...))
	if t.Chart.PNG != nil {
		objects = append(objects, chartImage(t.Title+".png", t.Chart))
	}
	return container.NewVBox(objects...)
}

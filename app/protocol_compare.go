package app

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"spilno/data"
	"spilno/office"
	"spilno/reports"
)

// showCompare picks the other version, then shows the comparison table
// on screen or writes it as PDF.
func (s *protocolScreen) showCompare() {
	var labels []string
	var others []int
	for _, v := range s.versions {
		if v.Version != s.doc.Version {
			labels = append(labels, versionLabel(v))
			others = append(others, v.Version)
		}
	}
	pick := newSelect(labels, nil)
	pick.SetSelectedIndex(0)
	reasons := newCheck(T("protocol.compare_reasons"), func(on bool) { s.compareReasons = on })
	reasons.SetChecked(s.compareReasons)
	d := dialog.NewCustomWithoutButtons(T("protocol.compare"),
		container.NewVBox(widget.NewLabel(T("protocol.compare_with")), pick, reasons), s.ui.win)
	with := func(then func(from, to int)) func() {
		return func() {
			if i := pick.SelectedIndex(); i >= 0 {
				d.Hide()
				then(olderFirst(others[i], s.doc.Version))
			}
		}
	}
	show := with(s.showComparison)
	d.SetButtons([]fyne.CanvasObject{
		widget.NewButton(T("button.cancel"), d.Hide),
		widget.NewButtonWithIcon(T("protocol.compare_write"), theme.DocumentPrintIcon(), with(s.writeComparison)),
		&widget.Button{Text: T("protocol.compare_show"), Icon: theme.VisibilityIcon(), Importance: widget.HighImportance,
			OnTapped: show},
	})
	showWithKeys(s.ui.win, d, dialogKeys{cancel: d.Hide, confirm: show})
}

// olderFirst orders two versions as the comparison table has them: the
// older is the current wording, the newer the proposed one, whichever of
// the two is open on the screen.
func olderFirst(a, b int) (from, to int) {
	return min(a, b), max(a, b)
}

// writeComparison writes the comparison table of two saved versions as PDF.
func (s *protocolScreen) writeComparison(from, to int) {
	s.exportTo(fmt.Sprintf("%s-%d-%d.pdf", T("protocol.diff_file"), from, to), func(ctx context.Context, doc office.Document) error {
		return office.ExportProtocolDiff(ctx, s.store, from, to, s.compareReasons, doc)
	})
}

// comparison is the comparison table of two saved versions, worked out
// off the UI goroutine, ready to be shown.
type comparison struct {
	from, to int
	rows     []comparisonRow
}

// comparisonRow is one change: its wording in both versions, word by word.
type comparisonRow struct {
	heading string // the section or situation, on the first row under it
	words   []data.WordChange
}

// readComparison reads both versions and compares them, in the language
// of the screen.
func readComparison(ctx context.Context, st protocolStore, lang string, from, to int) (comparison, error) {
	a, err := st.Protocol(ctx, from)
	if err != nil {
		return comparison{}, fmt.Errorf("compare protocol: version %d: %w", from, err)
	}
	b, err := st.Protocol(ctx, to)
	if err != nil {
		return comparison{}, fmt.Errorf("compare protocol: version %d: %w", to, err)
	}
	c := comparison{from: from, to: to}
	group := ""
	for _, change := range data.DiffProtocols(&a, &b) {
		var row comparisonRow
		if h := reports.ChangeHeading(lang, &change); h != group {
			row.heading, group = h, h
		}
		row.words = data.DiffWords(reports.ChangeTexts(lang, &change))
		c.rows = append(c.rows, row)
	}
	return c, nil
}

// showComparison shows the comparison table of two saved versions in a
// dialog: current wording on the left, proposed on the right.
func (s *protocolScreen) showComparison(from, to int) {
	st, lang, unsaved := s.store, Language(), s.dirty
	load(s.ui.runner, nil, nil, func(ctx context.Context) (comparison, error) {
		return readComparison(ctx, st, lang, from, to)
	}, func(c comparison) { s.comparisonDialog(c, unsaved) })
}

// comparisonDialog shows a comparison worked out; two versions that do not
// differ get a sentence saying so, not an empty table.
func (s *protocolScreen) comparisonDialog(c comparison, unsaved bool) {
	from, to := strconv.Itoa(c.from), strconv.Itoa(c.to)
	top := container.NewVBox()
	if unsaved {
		top.Add(wrapped(T("protocol.compare_saved_only"), widget.WarningImportance))
	}
	content := fyne.CanvasObject(top)
	if len(c.rows) == 0 {
		top.Add(wrapped(T("protocol.diff_none"), widget.MediumImportance))
	} else {
		top.Add(wrapped(T("protocol.compare_legend"), widget.MediumImportance))
		top.Add(container.NewGridWithColumns(2, heading(T("protocol.diff_current", "n", from)),
			heading(T("protocol.diff_proposed", "n", to))))
		content = container.NewBorder(top, nil, nil, nil, container.NewVScroll(comparisonRows(c.rows)))
	}
	// The buttons are the dialog's own, below the scrolling rows: they
	// stay in sight however long the table is.
	d := dialog.NewCustomWithoutButtons(T("protocol.diff_title")+" — "+T("protocol.diff_versions", "from", from, "to", to),
		content, s.ui.win)
	d.SetButtons([]fyne.CanvasObject{
		widget.NewButton(T("button.close"), d.Hide),
		widget.NewButtonWithIcon(T("protocol.compare_print"), theme.DocumentPrintIcon(), func() { s.writeComparison(c.from, c.to) }),
	})
	win := s.ui.win.Canvas().Size()
	d.Resize(fyne.NewSize(min(960, win.Width*0.95), win.Height*0.9))
	showWithKeys(s.ui.win, d, dialogKeys{cancel: d.Hide})
}

// comparisonRows lays the changes out in two columns, under the headings
// of their sections and situations.
func comparisonRows(rows []comparisonRow) *fyne.Container {
	box := container.NewVBox()
	for _, r := range rows {
		if r.heading != "" {
			box.Add(heading(r.heading))
		}
		box.Add(container.NewGridWithColumns(2,
			wordingText(r.words, data.WordRemoved, T("protocol.diff_absent")),
			wordingText(r.words, data.WordAdded, T("protocol.diff_removed"))))
		box.Add(widget.NewSeparator())
	}
	return box
}

// Fyne draws no strike-through, so a removed word is red, bold and italic
// and an added one green and bold: bold marks changed words as paper
// comparison tables do, and the italics tell removed from added to a
// reader who does not see the colours.
var (
	removedStyle = widget.RichTextStyle{ColorName: theme.ColorNameError, Inline: true, SizeName: theme.SizeNameText,
		TextStyle: fyne.TextStyle{Bold: true, Italic: true}}
	addedStyle = widget.RichTextStyle{ColorName: theme.ColorNameSuccess, Inline: true, SizeName: theme.SizeNameText,
		TextStyle: widget.RichTextStyleStrong.TextStyle}
	absentStyle = widget.RichTextStyle{ColorName: theme.ColorNamePlaceHolder, Inline: true, SizeName: theme.SizeNameText,
		TextStyle: fyne.TextStyle{Italic: true}}
)

// wordingText is one side of a change: the words both versions share
// plain, the side's own words (own: removed on the left, added on the
// right) marked; a side with no wording says absent instead.
func wordingText(words []data.WordChange, own data.WordMark, absent string) *widget.RichText {
	ownStyle := addedStyle
	if own == data.WordRemoved {
		ownStyle = removedStyle
	}
	var segments []widget.RichTextSegment
	for _, w := range words {
		style := widget.RichTextStyleInline
		switch w.Mark {
		case data.WordSame:
		case own:
			style = ownStyle
		default:
			continue
		}
		// A segment ends after each line break: Fyne 2.7 wraps the line
		// after a segment's leading break to the width left on the line
		// before it, which cut a marked line short.
		for _, line := range strings.SplitAfter(w.Text, "\n") {
			if line != "" {
				segments = append(segments, &widget.TextSegment{Text: line, Style: style})
			}
		}
	}
	if len(segments) == 0 {
		segments = append(segments, &widget.TextSegment{Text: absent, Style: absentStyle})
	}
	text := widget.NewRichText(segments...)
	text.Wrapping = fyne.TextWrapWord
	return text
}

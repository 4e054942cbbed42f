package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// licences are the works Spilno is made of whose licences ask to be named
// where the program tells about itself.
var licences = []struct{ name, licence string }{
	{"Fyne (fyne.io/fyne)", "BSD 3-Clause"},
	{"SQLite, modernc.org/sqlite", "Public domain, BSD 3-Clause"},
	{"Excelize (github.com/xuri/excelize)", "BSD 3-Clause"},
	{"gopdf (github.com/signintech/gopdf)", "MIT"},
	{"pdfcpu (github.com/pdfcpu/pdfcpu)", "Apache 2.0"},
	{"Go, golang.org/x/sys, golang.org/x/text", "BSD 3-Clause"},
	{"google/uuid, go-locale", "BSD 3-Clause, MIT"},
	{"Liberation Sans, Liberation Serif (PDF)", "SIL Open Font License 1.1"},
	{"Noto Sans (Fyne)", "SIL Open Font License 1.1"},
}

// showAbout tells the version, the database file and the licences.
func (ui *UI) showAbout() {
	var lines []string
	for _, l := range licences {
		lines = append(lines, "- "+l.name+" — "+l.licence)
	}
	text := "**Spilno " + ui.version + "**\n\n" + T("about.text") + "\n\n" +
		T("about.database", "file", "`"+ui.store.Path()+"`") + "\n\n**" + T("about.licences") + "**\n\n" + strings.Join(lines, "\n")
	ui.showText(T("menu.about"), text, fyne.NewSize(620, 480))
}

// showGuide is the short user guide, in the user's language.
func (ui *UI) showGuide() {
	ui.showText(T("menu.guide"), T("guide.text"), fyne.NewSize(760, 560))
}

// showText shows Markdown text in a scrolling dialog with Close below.
func (ui *UI) showText(title, markdown string, size fyne.Size) {
	text := widget.NewRichTextFromMarkdown(markdown)
	text.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom(title, T("button.close"), container.NewVScroll(text), ui.win)
	d.Resize(size)
	showWithKeys(ui.win, d, dialogKeys{cancel: d.Hide, confirm: d.Hide})
}

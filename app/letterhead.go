package app

import (
	"context"
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"spilno/data"
	"spilno/i18n"
)

// letterheadForm edits the community's letterhead in the settings: the
// parent bodies, the coat of arms (chosen from a file, shown as it will
// print) and where the letterhead goes.
type letterheadForm struct {
	screen          *settingsScreen
	parentBody      *entry
	arms            []byte
	preview         *canvas.Image
	armsNote        *widget.Label
	remove          *widget.Button
	protocol, annex *checkBox
	fields          []*field
	armsField       *field // where a refused image is said
	changed         func()
}

func newLetterheadForm(s *settingsScreen, l data.Letterhead, changed func()) *letterheadForm {
	f := &letterheadForm{screen: s, arms: l.CoatOfArms, changed: changed}
	f.parentBody = textEntry(l.ParentBody, 3)
	f.parentBody.SetPlaceHolder(T("settings.parent_body_hint"))
	f.parentBody.OnChanged = func(string) { changed() }
	f.preview = &canvas.Image{FillMode: canvas.ImageFillContain}
	f.preview.SetMinSize(fyne.NewSize(36, 51)) // 12×17 mm, as printed
	f.armsNote = widget.NewLabel("")
	f.remove = widget.NewButtonWithIcon(T("settings.remove_arms"), theme.DeleteIcon(), func() { f.setArms(nil); changed() })
	choose := widget.NewButtonWithIcon(T("settings.choose_arms"), theme.FileImageIcon(), f.chooseArms)
	f.protocol = newCheck(T("field.protocol_letterhead"), func(bool) { changed() })
	f.protocol.SetChecked(l.ProtocolLetterhead)
	f.annex = newCheck(T("field.annex_line"), func(bool) { changed() })
	f.annex.SetChecked(l.AnnexLine)
	f.armsField = newField("coat_of_arms", container.NewBorder(nil, nil, f.preview, nil, container.NewVBox(f.armsNote, actionRow(choose, f.remove))))
	f.fields = []*field{newField("parent_body", f.parentBody), f.armsField}
	f.setArms(l.CoatOfArms)
	return f
}

func (f *letterheadForm) build() fyne.CanvasObject {
	return container.NewVBox(wrapped(T("settings.letterhead_hint"), widget.MediumImportance),
		formGrid(f.fields...), f.protocol, f.annex)
}

// setArms shows the image chosen (nil: none).
func (f *letterheadForm) setArms(img []byte) {
	f.arms = img
	if len(img) == 0 {
		f.preview.Resource = nil
		f.armsNote.SetText(T("settings.no_arms"))
		f.remove.Disable()
	} else {
		f.preview.Resource = fyne.NewStaticResource("coat-of-arms", img)
		f.armsNote.SetText(i18n.FormatSize(int64(len(img))))
		f.remove.Enable()
	}
	f.preview.Refresh()
}

// chooseArms reads an image file off the UI goroutine; one that is not a
// PNG or JPEG, or too large, is refused under the field.
func (f *letterheadForm) chooseArms() {
	f.screen.ui.files.open([]string{".png", ".jpg", ".jpeg"}, func(path string) {
		var img []byte
		f.screen.ui.run(task{
			work: func(ctx context.Context, _ func(int, int)) error {
				var err error
				if img, err = os.ReadFile(path); err != nil {
					return data.FileError("read coat of arms", path, err)
				}
				l := data.Letterhead{CoatOfArms: img}
				return l.Validate()
			},
			done: func() {
				f.armsField.setProblem("")
				f.setArms(img)
				f.changed()
			},
			failed: func(err error) {
				if problems := data.AsError(err).Fields; len(problems) > 0 {
					f.armsField.setProblem(problemsFor(problems, "coat_of_arms"))
					return
				}
				f.screen.ui.showError(err)
			},
		})
	})
}

// collect reads the form.
func (f *letterheadForm) collect() data.Letterhead {
	return data.Letterhead{ParentBody: f.parentBody.Text, CoatOfArms: f.arms,
		ProtocolLetterhead: f.protocol.Checked, AnnexLine: f.annex.Checked}
}

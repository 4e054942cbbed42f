// Package assets holds the files Spilno carries inside its binary: the
// icon, the fonts of the PDF reports and the classifier data. It imports
// no Fyne, so data/ and reports/ can use it.
package assets

import (
	"embed"
	_ "embed"
)

// IconSVG is the application icon.
//
//go:embed icon.svg
var IconSVG []byte

//go:embed fonts/*.ttf
var fonts embed.FS

// Font returns an embedded TTF font by file name, e.g. "LiberationSans-Regular.ttf".
func Font(name string) ([]byte, error) { return fonts.ReadFile("fonts/" + name) }

//go:embed classifiers/*.csv
var classifiers embed.FS

// Classifier returns a shipped classifier CSV, e.g. "service_types_UA.csv".
func Classifier(name string) ([]byte, error) { return classifiers.ReadFile("classifiers/" + name) }

//go:embed templates/*.json
var templates embed.FS

// Template returns a shipped document template, e.g. "protocol_UA.json".
func Template(name string) ([]byte, error) { return templates.ReadFile("templates/" + name) }

package app

import "spilno/i18n"

// The window speaks through package i18n; these short names keep screens readable.
var (
	T              = i18n.T
	Plural         = i18n.Plural
	Language       = i18n.Language
	SetLanguage    = i18n.SetLanguage
	Languages      = i18n.Languages
	FormatInt      = i18n.FormatInt
	FormatSize     = i18n.FormatSize
	FormatDate     = i18n.FormatDate
	FormatDateTime = i18n.FormatDateTime
	FormatDay      = i18n.FormatDay
	FormatStamp    = i18n.FormatStamp
)

package data

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// Table is a spreadsheet read for import: a header row and the rows under it.
type Table struct {
	Header []string
	Rows   [][]string
}

// maxImportBytes guards against a wrong file (a video, a disk image) being
// read into memory whole.
const maxImportBytes = 64 << 20

// ReadTable reads the first sheet of an XLSX file, or a CSV file (comma,
// semicolon or tab separated, UTF-8 with or without BOM, or Windows-1251
// as Ukrainian Excel writes it), chosen by the file name's extension.
func ReadTable(r io.Reader, name string) (Table, error) {
	raw, err := io.ReadAll(io.LimitReader(r, maxImportBytes+1))
	if err != nil {
		return Table{}, fmt.Errorf("read %s: %w", name, err)
	}
	if len(raw) > maxImportBytes {
		return Table{}, &Error{Code: EBadFile, Op: "read table", Path: name, Err: fmt.Errorf("larger than %d MB", maxImportBytes>>20)}
	}
	var rows [][]string
	switch strings.ToLower(filepath.Ext(name)) {
	case ".xlsx", ".xlsm":
		rows, err = readXLSX(raw)
	case ".csv", ".txt":
		rows, err = readDelimited(raw)
	default:
		err = fmt.Errorf("unknown file type %q", filepath.Ext(name))
	}
	if err != nil {
		return Table{}, &Error{Code: EBadFile, Op: "read table", Path: name, Err: err}
	}
	// Drop empty rows (spreadsheets keep formatted blank lines).
	var kept [][]string
	for _, row := range rows {
		for _, c := range row {
			if strings.TrimSpace(c) != "" {
				kept = append(kept, row)
				break
			}
		}
	}
	if len(kept) == 0 {
		return Table{}, &Error{Code: EBadFile, Op: "read table", Path: name, Err: fmt.Errorf("no rows")}
	}
	return Table{Header: kept[0], Rows: kept[1:]}, nil
}

func readXLSX(raw []byte) ([][]string, error) {
	f, err := excelize.OpenReader(bytes.NewReader(raw))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, fmt.Errorf("no sheets")
	}
	// Raw values, so that a date comes as its serial number whatever the
	// cell's display format; parseImportDate reads both.
	return f.GetRows(sheets[0], excelize.Options{RawCellValue: true})
}

func readDelimited(raw []byte) ([][]string, error) {
	raw = bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf"))
	if binary(raw) {
		return nil, fmt.Errorf("not a text table")
	}
	if !utf8.Valid(raw) {
		raw = decodeWindows1251(raw)
	}
	firstLine, _, _ := bytes.Cut(raw, []byte("\n"))
	sep := ','
	best := bytes.Count(firstLine, []byte(","))
	for _, c := range []rune{';', '\t'} {
		if n := bytes.Count(firstLine, []byte(string(c))); n > best {
			sep, best = c, n
		}
	}
	r := csv.NewReader(bytes.NewReader(raw))
	r.Comma = sep
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	return r.ReadAll()
}

// binary tells whether raw holds control characters a table of text never
// has: a document, an image or an archive renamed .csv or .txt.
func binary(raw []byte) bool {
	for _, c := range raw[:min(len(raw), 8192)] {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
			return true
		}
	}
	return false
}

// decodeWindows1251 turns the Cyrillic code page of older Ukrainian Excel
// CSV exports into UTF-8.
func decodeWindows1251(b []byte) []byte {
	const high = "ЂЃ‚ѓ„…†‡€‰Љ‹ЊЌЋЏђ‘’“”•–—\ufffd™љ›њќћџ\u00a0ЎўЈ¤Ґ¦§Ё©Є«¬\u00ad®Ї°±Ііґµ¶·ё№є»јЅѕї" +
		"АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдежзийклмнопрстуфхцчшщъыьэюя"
	table := []rune(high)
	var out bytes.Buffer
	for _, c := range b {
		if c < 0x80 {
			out.WriteByte(c)
		} else {
			out.WriteRune(table[c-0x80])
		}
	}
	return out.Bytes()
}

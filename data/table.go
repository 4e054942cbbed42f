package data

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// Table is a spreadsheet read for import: a header row and the rows under it.
type Table struct {
	Header []string
	Rows   [][]string
}

// Limits of an import, far above any community's catalogue (a few
// thousand rows, a few MB), that keep a wrong or hostile file (a video, a
// spreadsheet that unpacks 1 MB into 300 MB) from filling the memory.
const (
	maxImportBytes   = 64 << 20 // the file as it is
	maxUnpackedBytes = 32 << 20 // an XLSX file's parts, unpacked
	MaxImportRows    = 20_000
	MaxUnpackedMB    = maxUnpackedBytes >> 20
)

// tooBig is the error of a file beyond the limits.
func tooBig(name string, err error) error {
	return &Error{Code: ETooBig, Op: "read table", Path: name, Count: MaxImportRows, Err: err}
}

// ReadTable reads the first sheet of an XLSX file, or a CSV file (comma,
// semicolon or tab separated, UTF-8 with or without BOM, or Windows-1251
// as Ukrainian Excel writes it), chosen by the file name's extension.
func ReadTable(r io.Reader, name string) (Table, error) {
	raw, err := io.ReadAll(io.LimitReader(r, maxImportBytes+1))
	if err != nil {
		return Table{}, fmt.Errorf("read %s: %w", name, err)
	}
	if len(raw) > maxImportBytes {
		return Table{}, tooBig(name, fmt.Errorf("larger than %d MB", maxImportBytes>>20))
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
	if errors.Is(err, errTooManyRows) || errors.Is(err, errUnpacksTooBig) {
		return Table{}, tooBig(name, err)
	}
	if err == nil && len(rows) > MaxImportRows+1 {
		return Table{}, tooBig(name, errTooManyRows)
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

var errTooManyRows = fmt.Errorf("more than %d rows", MaxImportRows)

var errUnpacksTooBig = fmt.Errorf("unpacks to more than %d MB", MaxUnpackedMB)

// readXLSX reads the first sheet row by row, stopping past the row limit,
// of a file whose parts unpack to no more than maxUnpackedBytes (as their
// sizes say; excelize holds them to it while it unpacks).
func readXLSX(raw []byte) ([][]string, error) {
	if zr, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw))); err == nil {
		var unpacked uint64
		for _, part := range zr.File {
			unpacked += part.UncompressedSize64
		}
		if unpacked > maxUnpackedBytes {
			return nil, errUnpacksTooBig
		}
	}
	f, err := excelize.OpenReader(bytes.NewReader(raw), excelize.Options{UnzipSizeLimit: maxUnpackedBytes})
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, fmt.Errorf("no sheets")
	}
	it, err := f.Rows(sheets[0])
	if err != nil {
		return nil, err
	}
	defer it.Close()
	var rows [][]string
	for it.Next() {
		if len(rows) > MaxImportRows {
			return nil, errTooManyRows
		}
		// Raw values, so that a date comes as its serial number whatever
		// the cell's display format; parseImportDate reads both.
		row, err := it.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, err
		}
		rows = append(rows, row)
	}
	return rows, it.Error()
}

func readDelimited(raw []byte) ([][]string, error) {
	raw, err := decodeText(raw)
	if err != nil {
		return nil, err
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

// decodeText turns a text table into UTF-8: UTF-16 with its BOM (Excel's
// "Unicode text", SurveyMonkey), UTF-8 with or without BOM, and else the
// Windows code page older Excel writes: Cyrillic (1251) when most letters
// are high bytes, as Ukrainian text is, Central European (1250) when most
// are ASCII with a few accented ones, as Czech and Polish text is.
func decodeText(raw []byte) ([]byte, error) {
	if bytes.HasPrefix(raw, []byte{0xff, 0xfe}) || bytes.HasPrefix(raw, []byte{0xfe, 0xff}) {
		out, err := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder().Bytes(raw)
		if err != nil {
			return nil, fmt.Errorf("UTF-16 text: %w", err)
		}
		raw = out
	}
	raw = bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf"))
	if binary(raw) {
		return nil, fmt.Errorf("not a text table")
	}
	if utf8.Valid(raw) {
		return raw, nil
	}
	page := charmap.Windows1250
	if mostlyHigh(raw) {
		page = charmap.Windows1251
	}
	return page.NewDecoder().Bytes(raw)
}

// mostlyHigh tells whether more than a third of the letters of raw are
// bytes above ASCII.
func mostlyHigh(raw []byte) bool {
	var high, ascii int
	for _, c := range raw {
		switch {
		case c >= 0xc0:
			high++
		case c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z':
			ascii++
		}
	}
	return high*2 > ascii
}

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

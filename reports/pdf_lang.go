package reports

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
)

// errNoCatalog is a PDF whose catalog or trailer is not where gopdf puts
// them: the language cannot be added without rewriting it.
var errNoCatalog = errors.New("pdf language: no catalog or trailer as gopdf writes them")

// withLanguage gives a PDF written by gopdf its language, /Lang in the
// catalog, which screen readers and the document's properties read and
// gopdf cannot write. It appends an incremental update — the catalog
// again with /Lang, and a trailer that points back to the original
// cross-reference table — so that nothing gopdf wrote moves.
func withLanguage(pdf []byte, lang string) ([]byte, error) {
	if lang == "" {
		return pdf, nil
	}
	const head = "\n1 0 obj\n" // gopdf's catalog is always object 1
	start := bytes.Index(pdf, []byte(head))
	tr := bytes.LastIndex(pdf, []byte("\ntrailer\n<<\n"))
	sx := bytes.LastIndex(pdf, []byte("\nstartxref\n"))
	if start < 0 || tr < 0 || sx < tr {
		return nil, errNoCatalog
	}
	catalog := pdf[start+len(head):]
	end := bytes.Index(catalog, []byte("endobj"))
	if end < 0 {
		return nil, errNoCatalog
	}
	dict := bytes.TrimSpace(catalog[:end])
	if !bytes.HasPrefix(dict, []byte("<<")) || !bytes.HasSuffix(dict, []byte(">>")) || bytes.Contains(dict, []byte("/Lang")) {
		return nil, errNoCatalog
	}
	prev := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(string(pdf[sx+len("\nstartxref\n"):])), "%%EOF"))
	trailer := pdf[tr+len("\ntrailer\n<<\n") : sx] // the trailer's entries and its closing ">>"
	var out bytes.Buffer
	out.Grow(len(pdf) + len(dict) + len(trailer) + 200)
	out.Write(pdf)
	catalogAt := out.Len()
	fmt.Fprintf(&out, "1 0 obj\n%s\n  /Lang (%s)\n>>\nendobj\n", dict[:len(dict)-2], lang)
	xrefAt := out.Len()
	fmt.Fprintf(&out, "xref\n1 1\n%010d 00000 n \ntrailer\n<<\n/Prev %s\n%s\nstartxref\n%d\n%%%%EOF\n", catalogAt, prev, bytes.TrimSpace(trailer), xrefAt)
	return out.Bytes(), nil
}

// Package readback reads documents Spilno wrote, for tests: what a reader
// of the document gets, not what the writer meant to put in it.
package readback

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// PDFText extracts the text of a PDF file with pdftotext (Debian's
// poppler-utils, which ./test.sh installs). Without it the content of a
// PDF cannot be checked, and that is a failure, never a silent pass.
// options are more pdftotext flags, such as -upw PASSWORD.
func PDFText(t testing.TB, path string, options ...string) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Fatal("pdftotext is not installed, so the PDF's text cannot be read back: install poppler-utils (apt-get install poppler-utils)")
	}
	out, err := exec.Command("pdftotext", append(append([]string{"-layout"}, options...), path, "-")...).Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", filepath.Base(path), err)
	}
	return string(out)
}

// PDFImages counts the pictures in a PDF file with pdfimages (also
// poppler-utils).
func PDFImages(t testing.TB, path string) int {
	t.Helper()
	out, err := exec.Command("pdfimages", "-list", path).Output()
	if err != nil {
		t.Fatalf("pdfimages %s: %v", filepath.Base(path), err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	return len(lines) - 2 // the header and the line under it
}

// PDFBytesText is PDFText of a PDF held in memory.
func PDFBytesText(t testing.TB, pdf []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "out.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	return PDFText(t, path)
}

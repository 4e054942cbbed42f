package reports

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"

	"spilno/data"
)

// Every PDF says its language in its catalog, encrypted or not, and
// stays a valid PDF that a real client reads.
func TestEveryPDFSaysItsLanguage(t *testing.T) {
	for _, password := range []string{"", "Таємниця2026"} {
		var buf bytes.Buffer
		l := Letter{Referral: sampleReferral(data.RefSent, now), From: data.Organization{Name: "Obec Lhota"}, To: data.Organization{Name: "Centrum"}}
		if err := ReferralLetterPDF(context.Background(), &buf, l, Options{Lang: "cs", Now: now, Password: password}); err != nil {
			t.Fatal(err)
		}
		conf := model.NewDefaultConfiguration()
		conf.UserPW, conf.OwnerPW = password, password
		ctx, err := api.ReadValidateAndOptimize(bytes.NewReader(buf.Bytes()), conf)
		if err != nil {
			t.Fatalf("pdfcpu reads the letter (password %q): %v", password, err)
		}
		root, err := ctx.Catalog()
		if err != nil {
			t.Fatal(err)
		}
		if lang := root.StringEntry("Lang"); lang == nil || *lang != "cs" {
			t.Errorf("password %q: the catalog's language is %v", password, lang)
		}
		if password == "" {
			path := filepath.Join(t.TempDir(), "dopis.pdf")
			if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			if out, err := exec.Command("pdfinfo", path).CombinedOutput(); err != nil || !bytes.Contains(out, []byte("Doporučení")) {
				t.Errorf("pdfinfo reads the letter: %v\n%s", err, out)
			}
		}
	}
}

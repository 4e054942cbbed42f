package reports

import (
	"bytes"
	"image"
	"image/png"
	"math"
	"strings"
	"testing"
)

// A chart is drawn from the table: bars in the period's colour, the
// labels in the language's letters, a suppressed count without a bar.
func TestChartsAreDrawnFromTheTable(t *testing.T) {
	table := StatTable{Title: "Kto identyfikuje", Columns: []string{"Organizacja", "Okres", "Poprzedni"}, Series: []int{1, 2},
		Rows: [][]any{{"Szkoła podstawowa nr 1 w Łodzi", 12, 7}, {"Ośrodek pomocy społecznej", "<5", 3}}}
	w, h := ChartSize(table, 400)
	img, err := ChartPNG(table, "pl", w, h, 96)
	if err != nil {
		t.Fatal(err)
	}
	decoded, err := png.Decode(bytes.NewReader(img))
	if err != nil {
		t.Fatal(err)
	}
	if dark := pixelsLike(decoded, 0x1f, 0x4e, 0x79); dark < 200 {
		t.Errorf("%d pixels of the period's bars", dark)
	}
	svg, err := ChartSVG(table, "pl", w, h)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Szkoła podstawowa nr 1 w Łodzi", "Ośrodek pomocy społecznej (&lt;5)", "Poprzedni"} {
		if !strings.Contains(string(svg), want) {
			t.Errorf("the chart has no text %q", want)
		}
	}
	line := StatTable{Columns: []string{"Місяць", "Кількість"}, Series: []int{1}, Line: true, Rows: [][]any{{"жовт. 2026", 3}, {"лист. 2026", 5}}}
	svg, err = ChartSVG(line, "uk", 300, 150)
	if err != nil || !strings.Contains(string(svg), "лист. 2026") {
		t.Errorf("the line chart: %v", err)
	}
	line.Rows = append(line.Rows, []any{"груд. 2026", "<5"}, []any{"січ. 2027", 7})
	if _, err := ChartPNG(line, "uk", 300, 150, 96); err != nil {
		t.Errorf("a line broken by a hidden month: %v", err)
	}
	if runs := lineRuns(line, 1); len(runs) != 2 || len(runs[0]) != 2 || runs[1][0].X != 3 {
		t.Errorf("the hidden month does not break the line: %v", runs)
	}
	if _, err := ChartPNG(StatTable{Title: "empty", Series: []int{1}}, "en", 100, 100, 96); err == nil {
		t.Error("a chart of no rows was drawn")
	}
}

// pixelsLike counts the pixels of about the colour r, g, b.
func pixelsLike(img image.Image, r, g, b uint8) int {
	n := 0
	bounds := img.Bounds()
	for y := bounds.Min.Y; y < bounds.Max.Y; y++ {
		for x := bounds.Min.X; x < bounds.Max.X; x++ {
			pr, pg, pb, _ := img.At(x, y).RGBA()
			if math.Abs(float64(pr>>8)-float64(r)) < 8 && math.Abs(float64(pg>>8)-float64(g)) < 8 && math.Abs(float64(pb>>8)-float64(b)) < 8 {
				n++
			}
		}
	}
	return n
}

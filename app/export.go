package app

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"spilno/data"
	"spilno/reports"
)

// catalogueSource is what a catalogue export reads.
type catalogueSource interface {
	Services(ctx context.Context, f data.ServiceFilter) ([]data.Service, error)
	Settings(ctx context.Context) (data.Settings, error)
}

// ExportCatalogue writes the services that pass filter to path as "xlsx"
// or "pdf", in lang. The window and `spilno export catalogue` both use it.
func ExportCatalogue(ctx context.Context, st catalogueSource, filter data.ServiceFilter, format, path, lang string, progress func(done, total int)) error {
	services, err := st.Services(ctx, filter)
	if err != nil {
		return err
	}
	data.SortServices(services, lang)
	set, err := st.Settings(ctx)
	if err != nil {
		return err
	}
	o := reports.Options{Lang: lang, Community: set.Community, Now: time.Now(), Progress: progress}
	var write func(context.Context, io.Writer, []data.Service, reports.Options) error
	switch strings.ToLower(format) {
	case "xlsx":
		write = reports.CatalogueXLSX
	case "pdf":
		write = reports.CataloguePDF
	default:
		return fmt.Errorf("export catalogue: unknown format %q (xlsx or pdf)", format)
	}
	return writeFileAtomically(path, func(w io.Writer) error { return write(ctx, w, services, o) })
}

// writeFileAtomically writes through a temporary file beside path and
// renames it into place, so that a cancelled or failed export never leaves
// a half-written file where the user expects a good one.
func writeFileAtomically(path string, write func(io.Writer) error) error {
	const op = "write file"
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return data.FileError(op, path, err)
	}
	defer os.Remove(tmp.Name())
	_ = tmp.Chmod(0o644) // CreateTemp makes it private; an export is an ordinary document
	bw := bufio.NewWriterSize(tmp, 1<<16)
	if err := write(bw); err != nil {
		tmp.Close()
		if errors.Is(err, context.Canceled) {
			return err
		}
		return data.FileError(op, path, err)
	}
	if err := bw.Flush(); err != nil {
		tmp.Close()
		return data.FileError(op, path, err)
	}
	if err := tmp.Close(); err != nil {
		return data.FileError(op, path, err)
	}
	return data.FileError(op, path, os.Rename(tmp.Name(), path))
}

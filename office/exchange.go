package office

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"spilno/data"
	"spilno/hsds"
)

// ExchangeSource is what an HSDS export reads.
type ExchangeSource interface {
	Services(ctx context.Context, f data.ServiceFilter) ([]data.Service, error)
	Organization(ctx context.Context, id string) (data.Organization, error)
	ServiceTypes(ctx context.Context, country data.Country) ([]data.ServiceType, error)
	Settings(ctx context.Context) (data.Settings, error)
}

// ExportHSDS writes the whole catalogue as Open Referral HSDS 3.0: "json"
// (the API's paged list) or "csv" (the tabular data package, zipped). An
// export that breaks the HSDS schema is not written (hsds.InvalidError
// names the record and the field).
func ExportHSDS(ctx context.Context, st ExchangeSource, format string, doc Document) error {
	write, err := hsdsWriter(format)
	if err != nil {
		return err
	}
	c, err := readCatalogue(ctx, st)
	if err != nil {
		return err
	}
	e := hsds.Build(c)
	return doc.write(func(w io.Writer) error { return write(ctx, w, e) })
}

func hsdsWriter(format string) (func(context.Context, io.Writer, hsds.Export) error, error) {
	switch strings.ToLower(format) {
	case "json":
		return hsds.WriteJSON, nil
	case "csv":
		return hsds.WriteCSV, nil
	}
	return nil, fmt.Errorf("export hsds: unknown format %q (json or csv)", format)
}

// readCatalogue reads every service, its providers with their contacts and
// the country's classifier.
func readCatalogue(ctx context.Context, st ExchangeSource) (hsds.Catalogue, error) {
	set, err := st.Settings(ctx)
	if err != nil {
		return hsds.Catalogue{}, err
	}
	c := hsds.Catalogue{Country: set.Country, Now: time.Now()}
	if c.Types, err = st.ServiceTypes(ctx, set.Country); err != nil {
		return c, err
	}
	if c.Services, err = st.Services(ctx, data.ServiceFilter{}); err != nil {
		return c, err
	}
	seen := map[string]bool{}
	for _, s := range c.Services {
		if seen[s.OrganizationID] {
			continue
		}
		seen[s.OrganizationID] = true
		o, err := st.Organization(ctx, s.OrganizationID)
		if err != nil {
			return c, err
		}
		c.Organizations = append(c.Organizations, o)
	}
	return c, nil
}

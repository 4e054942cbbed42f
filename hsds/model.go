// Package hsds writes and reads the catalogue as Open Referral's Human
// Services Data Specification 3.0: the JSON the HSDS API returns and the
// tabular data package (CSV files with datapackage.json). Domain values
// come in and go out; the store is not touched here.
package hsds

// The records below carry the HSDS fields Spilno writes or reads. A field
// the schema requires has no omitempty: an empty value is still present.

type Service struct {
	ID                  string              `json:"id"`
	OrganizationID      string              `json:"organization_id,omitempty"`
	Name                string              `json:"name"`
	Description         string              `json:"description,omitempty"`
	Email               string              `json:"email,omitempty"`
	Status              string              `json:"status"`
	ApplicationProcess  string              `json:"application_process,omitempty"`
	FeesDescription     string              `json:"fees_description,omitempty"`
	WaitTime            string              `json:"wait_time,omitempty"`
	MinimumAge          *float64            `json:"minimum_age,omitempty"`
	MaximumAge          *float64            `json:"maximum_age,omitempty"`
	AssuredDate         string              `json:"assured_date,omitempty"`
	LastModified        string              `json:"last_modified,omitempty"`
	Phones              []Phone             `json:"phones,omitempty"`
	Schedules           []Schedule          `json:"schedules,omitempty"`
	ServiceAreas        []ServiceArea       `json:"service_areas,omitempty"`
	ServiceAtLocations  []ServiceAtLocation `json:"service_at_locations,omitempty"`
	Languages           []Language          `json:"languages,omitempty"`
	Organization        *Organization       `json:"organization,omitempty"`
	Funding             []Funding           `json:"funding,omitempty"`
	CostOptions         []CostOption        `json:"cost_options,omitempty"`
	Attributes          []Attribute         `json:"attributes,omitempty"`
	EligibilityDescript string              `json:"eligibility_description,omitempty"`
}

type Organization struct {
	ID            string       `json:"id"`
	Name          string       `json:"name"`
	AlternateName string       `json:"alternate_name,omitempty"`
	Description   string       `json:"description"`
	Email         string       `json:"email,omitempty"`
	Website       string       `json:"website,omitempty"`
	LegalStatus   string       `json:"legal_status,omitempty"`
	Phones        []Phone      `json:"phones,omitempty"`
	Contacts      []Contact    `json:"contacts,omitempty"`
	Locations     []Location   `json:"locations,omitempty"`
	Identifiers   []Identifier `json:"organization_identifiers,omitempty"`
	Attributes    []Attribute  `json:"attributes,omitempty"`
}

type Identifier struct {
	ID             string `json:"id"`
	OrganizationID string `json:"organization_id,omitempty"`
	Scheme         string `json:"identifier_scheme,omitempty"`
	Type           string `json:"identifier_type"`
	Identifier     string `json:"identifier"`
}

type Phone struct {
	ID             string `json:"id"`
	ServiceID      string `json:"service_id,omitempty"`
	OrganizationID string `json:"organization_id,omitempty"`
	ContactID      string `json:"contact_id,omitempty"`
	Number         string `json:"number"`
}

type Contact struct {
	ID             string  `json:"id"`
	OrganizationID string  `json:"organization_id,omitempty"`
	Name           string  `json:"name,omitempty"`
	Title          string  `json:"title,omitempty"`
	Email          string  `json:"email,omitempty"`
	Phones         []Phone `json:"phones,omitempty"`
}

type Schedule struct {
	ID          string `json:"id"`
	ServiceID   string `json:"service_id,omitempty"`
	Freq        string `json:"freq,omitempty"`
	ByDay       string `json:"byday,omitempty"`
	OpensAt     string `json:"opens_at,omitempty"`
	ClosesAt    string `json:"closes_at,omitempty"`
	Description string `json:"description,omitempty"`
}

type ServiceArea struct {
	ID        string `json:"id"`
	ServiceID string `json:"service_id,omitempty"`
	Name      string `json:"name,omitempty"`
}

type ServiceAtLocation struct {
	ID         string    `json:"id"`
	ServiceID  string    `json:"service_id,omitempty"`
	LocationID string    `json:"location_id,omitempty"`
	Location   *Location `json:"location,omitempty"`
}

type Location struct {
	ID             string    `json:"id"`
	LocationType   string    `json:"location_type"`
	OrganizationID string    `json:"organization_id,omitempty"`
	Name           string    `json:"name,omitempty"`
	Addresses      []Address `json:"addresses,omitempty"`
}

type Address struct {
	ID            string `json:"id"`
	LocationID    string `json:"location_id,omitempty"`
	Address1      string `json:"address_1"`
	Address2      string `json:"address_2,omitempty"`
	City          string `json:"city"`
	StateProvince string `json:"state_province"`
	PostalCode    string `json:"postal_code"`
	Country       string `json:"country"`
	AddressType   string `json:"address_type"`
}

type Language struct {
	ID        string `json:"id"`
	ServiceID string `json:"service_id,omitempty"`
	Name      string `json:"name,omitempty"`
	Code      string `json:"code,omitempty"`
}

type Funding struct {
	ID        string `json:"id"`
	ServiceID string `json:"service_id,omitempty"`
	Source    string `json:"source,omitempty"`
}

type CostOption struct {
	ID                string `json:"id"`
	ServiceID         string `json:"service_id,omitempty"`
	Option            string `json:"option,omitempty"`
	AmountDescription string `json:"amount_description,omitempty"`
}

// Attribute links a record to a taxonomy term, with a value where the
// term needs one (a capacity's number).
type Attribute struct {
	ID             string        `json:"id"`
	LinkID         string        `json:"link_id,omitempty"`
	TaxonomyTermID string        `json:"taxonomy_term_id,omitempty"`
	LinkType       string        `json:"link_type,omitempty"`
	LinkEntity     string        `json:"link_entity,omitempty"`
	Value          string        `json:"value,omitempty"`
	TaxonomyTerm   *TaxonomyTerm `json:"taxonomy_term,omitempty"`
}

type TaxonomyTerm struct {
	ID             string    `json:"id"`
	Code           string    `json:"code,omitempty"`
	Name           string    `json:"name"`
	Description    string    `json:"description"`
	ParentID       string    `json:"parent_id,omitempty"`
	Taxonomy       string    `json:"taxonomy,omitempty"`
	TaxonomyDetail *Taxonomy `json:"taxonomy_detail,omitempty"`
	Language       string    `json:"language,omitempty"`
	TaxonomyID     string    `json:"taxonomy_id,omitempty"`
}

type Taxonomy struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Description string `json:"description"`
}

// Page is the paged list the HSDS API returns; the export is one page.
type Page struct {
	TotalItems int       `json:"total_items"`
	TotalPages int       `json:"total_pages"`
	PageNumber int       `json:"page_number"`
	Size       int       `json:"size"`
	FirstPage  bool      `json:"first_page"`
	LastPage   bool      `json:"last_page"`
	Empty      bool      `json:"empty"`
	Contents   []Service `json:"contents"`
}

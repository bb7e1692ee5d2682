package abk

import (
	"math"

	"github.com/seimbang/seimbang/core"
)

// DefaultEffectiveMinutes is the national guideline's effective working time
// per person and year: 1,250 hours.
const DefaultEffectiveMinutes = 75000

// DefaultShortRatio is the staffing ratio below which a unit counts as
// critically short-staffed in Imbalance.ShortShare.
const DefaultShortRatio = 0.8

// Band is a job-efficiency (EJ) band of the guideline, "A" to "E", or
// BandNone when EJ is undefined (no staff and no workload).
type Band string

// The EJ bands.
const (
	BandA    Band = "A" // overloaded: EJ above Bands.A
	BandB    Band = "B"
	BandC    Band = "C"
	BandD    Band = "D"
	BandE    Band = "E" // underloaded: EJ below Bands.D
	BandNone Band = ""
)

// Bands holds the lower limits of the EJ bands: EJ > A is band A, EJ ≥ B is
// band B, EJ ≥ C is band C, EJ ≥ D is band D, anything lower is band E.
type Bands struct {
	A float64 `json:"a"`
	B float64 `json:"b"`
	C float64 `json:"c"`
	D float64 `json:"d"`
}

// DefaultBands are the guideline's bands: A > 1.00, B 0.90–1.00,
// C 0.70–0.89, D 0.50–0.69, E < 0.50.
var DefaultBands = Bands{A: 1.00, B: 0.90, C: 0.70, D: 0.50}

// Of returns the band of ej.
func (b Bands) Of(ej float64) Band {
	switch {
	case ej > b.A:
		return BandA
	case ej >= b.B:
		return BandB
	case ej >= b.C:
		return BandC
	case ej >= b.D:
		return BandD
	}
	return BandE
}

// Config holds the ABK parameters of a regency.
type Config struct {
	// EffectiveMinutes is the effective working time per person and year.
	EffectiveMinutes float64 `json:"effective_minutes"`
	Bands            Bands   `json:"bands"`
	// ShortRatio is the staffing ratio below which a unit counts as
	// critically short-staffed.
	ShortRatio float64 `json:"short_ratio"`
}

// DefaultConfig returns the guideline's figures.
func DefaultConfig() Config {
	return Config{EffectiveMinutes: DefaultEffectiveMinutes, Bands: DefaultBands, ShortRatio: DefaultShortRatio}
}

// Validate returns a *core.ValidationError when the effective time is not a
// positive number, the band limits do not descend (A ≥ B ≥ C ≥ D ≥ 0) or the
// short ratio is negative.
func (c Config) Validate() error {
	v := &core.ValidationError{}
	c.check(v)
	return v.Err()
}

func (c Config) check(v *core.ValidationError) {
	if !(c.EffectiveMinutes > 0) || math.IsInf(c.EffectiveMinutes, 0) {
		v.Add("effective_minutes", "abk.effective_time", c.EffectiveMinutes)
	}
	b := c.Bands
	if !(b.A >= b.B && b.B >= b.C && b.C >= b.D && b.D >= 0) {
		v.Add("bands", "abk.bands")
	}
	if !(c.ShortRatio >= 0) {
		v.Add("short_ratio", "abk.short_ratio", c.ShortRatio)
	}
}

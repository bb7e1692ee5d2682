package demo

import (
	"fmt"
	"math"
	"math/rand/v2"
	"time"

	"github.com/seimbang/seimbang/core"
)

// generator draws the regency from one random source. It iterates over
// slices only, so that the same seed gives the same Dataset. It draws
// numbers from the PCG source itself rather than through rand.Rand, whose
// algorithms a Go release may change: the NIPs must stay the same for Load
// to recognise a regency it loaded before.
type generator struct {
	src    *rand.PCG
	nips   map[string]bool
	phones map[string]bool
	// staff lists the indexes into Dataset.Employees of each position's
	// holders, for choosing who has stated a preference.
	staff map[string][]int
}

func (g *generator) dataset() Dataset {
	var ds Dataset
	g.staff = map[string][]int{}
	factors := map[string]float64{}
	for _, im := range imbalances {
		factors[im.PositionCode] = im.Factor
	}
	for _, u := range units {
		d := districtByCode(u.district)
		spread := 3.0
		if u.kind == core.UnitOffice {
			spread = 1.5
		}
		lat, lng := g.near(d.lat, d.lng, g.between(0.2, spread))
		ds.Units = append(ds.Units, Unit{ParentCode: u.parent, Unit: core.Unit{
			Code:     u.code,
			Name:     u.name,
			Kind:     u.kind,
			Address:  fmt.Sprintf("Jl. %s No. %d, Kecamatan %s, Kabupaten Sukamaju", pick(g, streets), 1+g.intN(120), d.name),
			Lat:      &lat,
			Lng:      &lng,
			TimeZone: d.zone,
		}})
		for _, ps := range u.positions {
			f, ok := families[ps.family]
			if !ok {
				panic("demo: unknown job family " + ps.family)
			}
			pos := g.position(u, ps, f)
			tasks, required := g.workload(pos, ps, f, u.size)
			ds.Positions = append(ds.Positions, pos)
			ds.WorkloadTasks = append(ds.WorkloadTasks, tasks...)
			factor, ok := factors[pos.Code]
			switch {
			case ok:
			case f.kind == core.Structural:
				factor = 1
			default:
				factor = g.between(0.88, 1.12)
			}
			n := max(1, int(math.Round(required*factor)))
			for range n {
				g.staff[pos.Code] = append(g.staff[pos.Code], len(ds.Employees))
				ds.Employees = append(ds.Employees, g.employee(pos, ps, f, lat, lng))
			}
		}
	}
	ds.Preferences = g.preferences(ds)
	return ds
}

// position builds a position from its spec and job family.
func (g *generator) position(u unitSpec, ps posSpec, f family) Position {
	p := core.Position{
		Code:         u.code + "." + ps.suffix,
		Name:         ps.name,
		Kind:         f.kind,
		JobFamily:    ps.family,
		MinEducation: f.min,
	}
	if !f.anyField {
		for _, o := range offersOf(ps, f) {
			if !contains(p.AcceptedFields, o.field) {
				p.AcceptedFields = append(p.AcceptedFields, o.field)
			}
		}
	}
	n := min(len(f.comps), 2)
	p.Competencies = append([]string(nil), f.comps[:n]...)
	return Position{Position: p, UnitCode: u.code}
}

// workload returns the position's ABK tasks and the staff they require:
// yearly volumes are set so that the tasks fill the required staff's
// effective working time.
func (g *generator) workload(p Position, ps posSpec, f family, size float64) ([]WorkloadTask, float64) {
	target := ps.required
	if f.kind != core.Structural {
		target *= size * g.between(0.9, 1.1)
	}
	total := 0.0
	for _, t := range f.tasks {
		total += t.share
	}
	var out []WorkloadTask
	minutes := 0.0
	for _, t := range f.tasks {
		share := t.share / total * g.between(0.95, 1.05)
		volume := math.Max(1, math.Round(share*target*effectiveMinutes/t.minutes))
		minutes += volume * t.minutes
		out = append(out, WorkloadTask{PositionCode: p.Code, WorkloadTask: core.WorkloadTask{
			Period: Period, Task: t.name, YearlyVolume: volume, StandardMinutes: t.minutes,
		}})
	}
	return out, minutes / effectiveMinutes
}

// Appointment ages by education: people join the service after school or
// university, later with a higher degree.
var appointmentAge = map[core.EducationLevel][2]int{
	"SMA": {19, 27}, "D3": {21, 29}, "D4": {22, 30}, "S1": {23, 32}, "S2": {26, 36},
}

// employee draws one holder of position p.
func (g *generator) employee(p Position, ps posSpec, f family, unitLat, unitLng float64) Employee {
	female := g.intN(100) < f.female
	offers := offersOf(ps, f)
	o := offers[g.weighted(weightsOf(offers))]

	ages := appointmentAge[o.level]
	minService := max(1, f.minService)
	age := min(ages[0]+g.intN(ages[1]-ages[0]+1), 56-minService)
	maxService := min(34, 56-age)
	service := g.serviceYears(f.kind, float64(minService), float64(maxService))

	start := AsOf.AddDate(0, -int(service*12), 0)
	start.Day = 1
	birth := start.AddDate(-age, 0, -g.intN(365))
	gender := core.Male
	if female {
		gender = core.Female
	}
	nip := g.nip(birth, start, gender)

	tmt := g.tmt(f.kind, service, start)
	lat, lng := g.near(unitLat, unitLng, g.homeDistance())
	name := g.titled(g.personName(female), o.level, o.field)
	return Employee{PositionCode: p.Code, Employee: core.Employee{
		NIP:            nip,
		Name:           name,
		Golongan:       golongan(f.kind, o.level, service),
		TMTJabatan:     tmt,
		BirthDate:      birth,
		Gender:         gender,
		EducationLevel: o.level,
		EducationField: o.field,
		Competencies:   g.competencies(f.comps),
		Performance:    core.Predikats[g.weighted([]int{15, 70, 10, 4, 1})],
		Phone:          g.phone(),
		HomeLat:        &lat,
		HomeLng:        &lng,
		Language:       "id",
		Active:         true,
	}}
}

// serviceYears draws years in the civil service: many recent recruits, a
// broad middle and a tail of seniors. Structural posts go to seniors.
func (g *generator) serviceYears(kind core.PositionKind, lo, hi float64) float64 {
	var s float64
	switch x := g.float(); {
	case kind == core.Structural:
		s = g.between(lo, hi)
	case x < 0.25:
		s = g.between(1, 5)
	case x < 0.7:
		s = g.between(5, 18)
	default:
		s = g.between(18, hi)
	}
	return math.Max(lo, math.Min(hi, s))
}

// tmt draws the start date in the current position: about a fifth started
// less than two years ago; nobody before joining the service.
func (g *generator) tmt(kind core.PositionKind, service float64, start core.Date) core.Date {
	var years float64
	switch x := g.float(); {
	case kind == core.Structural:
		years = g.between(0.2, 6)
	case x < 0.22:
		years = g.between(0.1, 1.9)
	case x < 0.7:
		years = g.between(2, 5)
	default:
		years = g.between(5, 12)
	}
	days := int(math.Min(years, service) * 365.25)
	sinceStart := int(AsOf.In(time.UTC).Sub(start.In(time.UTC)).Hours() / 24)
	days = max(1, min(days, sinceStart-1))
	return AsOf.AddDate(0, 0, -days)
}

// Ranks by education: the rank a graduate is appointed at, and the highest
// an executor (pelaksana), functional or structural official reaches with it.
var (
	entryRank     = map[core.EducationLevel]int{"SMA": 5, "D3": 7, "D4": 9, "S1": 9, "S2": 10}
	executorCap   = map[core.EducationLevel]int{"SMA": 10, "D3": 11, "D4": 12, "S1": 12, "S2": 13}
	functionalCap = map[core.EducationLevel]int{"SMA": 11, "D3": 12, "D4": 14, "S1": 14, "S2": 15}
	structuralCap = map[core.EducationLevel]int{"SMA": 11, "D3": 12, "D4": 14, "S1": 14, "S2": 16}
)

// golongan returns the rank after service years of regular promotions,
// one every four years, up to the cap for the education and position kind.
func golongan(kind core.PositionKind, level core.EducationLevel, service float64) core.Golongan {
	limit := executorCap[level]
	switch kind {
	case core.Functional:
		limit = functionalCap[level]
	case core.Structural:
		limit = structuralCap[level]
	}
	rank := min(entryRank[level]+int(service/4), limit)
	return core.Golongans[rank-1]
}

// nip returns a new, unique NIP for the birth date, start month and gender.
func (g *generator) nip(birth, start core.Date, gender core.Gender) string {
	digit := 1
	if gender == core.Female {
		digit = 2
	}
	for {
		n := fmt.Sprintf("%04d%02d%02d%04d%02d%d%03d", birth.Year, birth.Month, birth.Day,
			start.Year, start.Month, digit, 1+g.intN(999))
		if !g.nips[n] {
			g.nips[n] = true
			return n
		}
	}
}

// mobilePrefixes are Indonesian mobile network prefixes, without the 0.
var mobilePrefixes = []string{"811", "812", "813", "821", "822", "823", "852", "853", "814", "815", "816",
	"855", "856", "857", "858", "817", "818", "819", "859", "877", "878", "831", "832", "838", "895", "896",
	"897", "898", "899", "881", "882", "887"}

// phone returns a new, unique mobile number as +62….
func (g *generator) phone() string {
	for {
		p := fmt.Sprintf("+62%s%08d", pick(g, mobilePrefixes), 10000000+g.intN(90000000))
		if !g.phones[p] {
			g.phones[p] = true
			return p
		}
	}
}

func (g *generator) competencies(all []string) []string {
	n := 1 + g.intN(min(3, len(all)))
	out := make([]string, 0, n)
	for _, i := range g.perm(len(all))[:n] {
		out = append(out, all[i])
	}
	return out
}

// homeDistance draws how far from work someone lives, in kilometres.
func (g *generator) homeDistance() float64 {
	switch x := g.float(); {
	case x < 0.7:
		return g.between(0.3, 5)
	case x < 0.95:
		return g.between(5, 15)
	default:
		return g.between(15, 25)
	}
}

// near returns a point km kilometres from lat, lng in a random direction,
// rounded to six decimals (about 10 cm).
func (g *generator) near(lat, lng, km float64) (float64, float64) {
	bearing := g.float() * 2 * math.Pi
	dLat := km / 111.32 * math.Cos(bearing)
	dLng := km / (111.32 * math.Cos(lat*math.Pi/180)) * math.Sin(bearing)
	round := func(x float64) float64 { return math.Round(x*1e6) / 1e6 }
	return round(lat + dLat), round(lng + dLng)
}

// intN returns a number in [0, n). Its slight bias does not matter here.
func (g *generator) intN(n int) int { return int(g.src.Uint64() % uint64(n)) }

// float returns a number in [0, 1).
func (g *generator) float() float64 { return float64(g.src.Uint64()>>11) / (1 << 53) }

func (g *generator) between(lo, hi float64) float64 { return lo + g.float()*(hi-lo) }

// perm returns a random permutation of [0, n).
func (g *generator) perm(n int) []int {
	p := make([]int, n)
	for i := range p {
		p[i] = i
	}
	for i := n - 1; i > 0; i-- {
		j := g.intN(i + 1)
		p[i], p[j] = p[j], p[i]
	}
	return p
}

// weighted returns an index into weights, drawn in proportion to them.
func (g *generator) weighted(weights []int) int {
	total := 0
	for _, w := range weights {
		total += w
	}
	x := g.intN(total)
	for i, w := range weights {
		if x < w {
			return i
		}
		x -= w
	}
	return len(weights) - 1
}

func pick[T any](g *generator, xs []T) T { return xs[g.intN(len(xs))] }

func offersOf(ps posSpec, f family) []offer {
	if ps.offers != nil {
		return ps.offers
	}
	return f.offers
}

func weightsOf(offers []offer) []int {
	w := make([]int, len(offers))
	for i, o := range offers {
		w[i] = o.weight
	}
	return w
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

var streets = []string{"Ahmad Yani", "Jenderal Sudirman", "Pangeran Antasari", "Pahlawan", "Merdeka", "Pendidikan",
	"Kesehatan", "Pramuka", "Bhayangkara", "Gatot Subroto", "Hasan Basri", "Lambung Mangkurat", "Tjilik Riwut",
	"Sungai Kelam", "Batu Ampar Raya", "Poros Riam Hulu"}

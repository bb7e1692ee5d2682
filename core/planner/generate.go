package planner

import (
	"fmt"
	"math"
	"math/rand/v2"
	"time"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/abk"
)

// template is a position every unit of a kind has.
type template struct {
	family string
	name   string
	kind   core.PositionKind
	edu    core.EducationLevel
	fields []string
	comps  []string
	weight float64 // relative headcount
}

var (
	teacherComps = []string{"pedagogik", "kurikulum-merdeka", "asesmen"}
	healthComps  = []string{"bls", "pelayanan-prima", "pencegahan-infeksi"}
	officeComps  = []string{"tata-naskah", "aplikasi-perkantoran", "pengelolaan-anggaran"}
	adminFields  = []string{"administrasi", "manajemen", "ekonomi", "hukum", "umum"}
)

// templates by unit kind; each kind has ten positions.
var templates = map[core.UnitKind][]template{
	core.UnitSchool: {
		{"kepala-sekolah", "Kepala Sekolah", core.Structural, "S1", nil, teacherComps[:1], 1},
		{"guru-kelas", "Guru Kelas", core.Functional, "S1", []string{"pgsd", "pendidikan-guru-sd"}, teacherComps[:2], 6},
		{"guru-matematika", "Guru Matematika", core.Functional, "S1", []string{"pendidikan-matematika", "matematika"}, teacherComps[:2], 2},
		{"guru-bahasa-indonesia", "Guru Bahasa Indonesia", core.Functional, "S1", []string{"pendidikan-bahasa-indonesia", "sastra-indonesia"}, teacherComps[:2], 2},
		{"guru-ipa", "Guru IPA", core.Functional, "S1", []string{"pendidikan-ipa", "pendidikan-biologi", "pendidikan-fisika"}, teacherComps[:2], 2},
		{"guru-ips", "Guru IPS", core.Functional, "S1", []string{"pendidikan-ips", "pendidikan-sejarah", "pendidikan-ekonomi"}, teacherComps[1:], 1.5},
		{"guru-bahasa-inggris", "Guru Bahasa Inggris", core.Functional, "S1", []string{"pendidikan-bahasa-inggris", "sastra-inggris"}, teacherComps[1:], 1.5},
		{"guru-pjok", "Guru PJOK", core.Functional, "S1", []string{"pendidikan-jasmani"}, teacherComps[:1], 1},
		{"guru-agama", "Guru Pendidikan Agama", core.Functional, "S1", []string{"pendidikan-agama-islam", "pendidikan-agama"}, teacherComps[:1], 1.5},
		{"pengadministrasi-umum", "Pengadministrasi Umum", core.Executor, "SMA", nil, officeComps[:1], 1.5},
	},
	core.UnitHealthCentre: {
		{"kepala-puskesmas", "Kepala Puskesmas", core.Structural, "S1", nil, healthComps[1:2], 1},
		{"dokter", "Dokter", core.Functional, "S1", []string{"kedokteran"}, healthComps[:2], 2},
		{"dokter-gigi", "Dokter Gigi", core.Functional, "S1", []string{"kedokteran-gigi"}, healthComps[:2], 1},
		{"perawat", "Perawat", core.Functional, "D3", []string{"keperawatan", "ners"}, healthComps, 6},
		{"bidan", "Bidan", core.Functional, "D3", []string{"kebidanan"}, healthComps, 5},
		{"tenaga-kefarmasian", "Asisten Apoteker", core.Functional, "D3", []string{"farmasi"}, healthComps[1:], 1.5},
		{"sanitarian", "Sanitarian", core.Functional, "D3", []string{"kesehatan-lingkungan"}, healthComps[1:], 1},
		{"nutrisionis", "Nutrisionis", core.Functional, "D3", []string{"gizi"}, healthComps[1:], 1},
		{"pranata-laboratorium", "Pranata Laboratorium Kesehatan", core.Functional, "D3", []string{"analis-kesehatan"}, healthComps[2:], 1},
		{"pengadministrasi-umum", "Pengadministrasi Umum", core.Executor, "SMA", nil, officeComps[:1], 2},
	},
	core.UnitOffice: {
		{"kepala-dinas", "Kepala Dinas", core.Structural, "S2", nil, officeComps[2:], 1},
		{"sekretaris", "Sekretaris", core.Structural, "S1", nil, officeComps[2:], 1},
		{"analis-kebijakan", "Analis Kebijakan", core.Functional, "S1", []string{"administrasi-publik", "ilmu-pemerintahan", "hukum"}, officeComps[:2], 3},
		{"perencana", "Perencana", core.Functional, "S1", []string{"ekonomi", "perencanaan-wilayah", "statistika"}, officeComps[1:], 2},
		{"pranata-komputer", "Pranata Komputer", core.Functional, "D3", []string{"teknik-informatika", "sistem-informasi"}, officeComps[1:2], 1.5},
		{"arsiparis", "Arsiparis", core.Functional, "D3", []string{"kearsipan", "administrasi"}, officeComps[:1], 1},
		{"auditor", "Auditor", core.Functional, "S1", []string{"akuntansi"}, officeComps[2:], 1.5},
		{"pengadministrasi-umum", "Pengadministrasi Umum", core.Executor, "SMA", nil, officeComps[:1], 4},
		{"pengelola-keuangan", "Pengelola Keuangan", core.Executor, "D3", []string{"akuntansi", "ekonomi", "manajemen"}, officeComps[2:], 2},
		{"pengelola-kepegawaian", "Pengelola Kepegawaian", core.Executor, "D3", []string{"administrasi", "manajemen", "hukum", "psikologi"}, officeComps[:2], 2},
	},
	core.UnitDistrict: {
		{"camat", "Camat", core.Structural, "S1", nil, officeComps[2:], 1},
		{"sekretaris-kecamatan", "Sekretaris Kecamatan", core.Structural, "S1", nil, officeComps[2:], 1},
		{"penyuluh-pertanian", "Penyuluh Pertanian", core.Functional, "D3", []string{"pertanian", "agribisnis"}, nil, 3},
		{"penyuluh-kb", "Penyuluh KB", core.Functional, "D3", []string{"kesehatan-masyarakat", "sosiologi"}, nil, 2},
		{"pranata-komputer", "Pranata Komputer", core.Functional, "D3", []string{"teknik-informatika", "sistem-informasi"}, officeComps[1:2], 1},
		{"analis-kebijakan", "Analis Kebijakan", core.Functional, "S1", []string{"administrasi-publik", "ilmu-pemerintahan", "hukum"}, officeComps[:2], 1.5},
		{"pengadministrasi-umum", "Pengadministrasi Umum", core.Executor, "SMA", nil, officeComps[:1], 4},
		{"pengelola-keuangan", "Pengelola Keuangan", core.Executor, "D3", []string{"akuntansi", "ekonomi", "manajemen"}, officeComps[2:], 1.5},
		{"pengelola-layanan", "Pengelola Layanan Kependudukan", core.Executor, "SMA", nil, officeComps[:1], 2},
		{"pengemudi", "Pengemudi", core.Executor, "SMP", nil, nil, 1},
	},
}

var (
	firstNames = []string{"Agus", "Budi", "Siti", "Dewi", "Rina", "Eko", "Sri", "Wahyu", "Nur", "Indah", "Joko", "Ratna", "Yusuf", "Fitri", "Hendra", "Lestari", "Made", "Putu", "Yohanes", "Maria"}
	lastNames  = []string{"Santoso", "Wibowo", "Rahayu", "Saputra", "Hidayat", "Kusuma", "Pratama", "Nugroho", "Utami", "Siregar", "Harahap", "Wijaya", "Setiawan", "Purba", "Manurung"}
)

// GenerateDate is the date of every generated instance.
var GenerateDate = core.Date{Year: 2026, Month: time.July, Day: 1}

// GenerateInstance returns a synthetic regency of about the given number
// of employees in the given number of units (at least 4), the same for the
// same arguments. The first three units are parent offices (education,
// health, the secretariat); the others are schools (55%), health centres
// (20%), offices (15%) and district offices (10%), each with ten positions
// of its kind, so 60 units have 600 positions. Remote units are short of
// staff and central ones have a surplus; requirements come from generated
// ABK tasks. Some employees are new in their position, near retirement, in
// an active transfer, unwilling, or have preferences; one leaf unit in 40
// is excluded and a few objections are upheld.
func GenerateInstance(seed int64, employees, units int) *Instance {
	units = max(units, 4)
	g := &generator{rng: rand.New(rand.NewPCG(uint64(seed), 0x5e1b4a6)), in: &Instance{Date: GenerateDate}}
	g.units(units)
	g.positions(employees)
	g.employees()
	return g.in
}

type generator struct {
	rng    *rand.Rand
	in     *Instance
	kinds  []core.UnitKind
	remote []float64 // 0 at the centre, 1 at the edge
	staff  []int     // headcount per position
	tmpl   []template
	byKind map[core.UnitKind][]int64
	nips   map[string]bool
}

const centreLat, centreLng = -7.0, 110.4

func (g *generator) units(count int) {
	radiusKm := 25 * math.Sqrt(float64(count)/60)
	parents := []struct {
		name string
		kind core.UnitKind
	}{{"Dinas Pendidikan", core.UnitOffice}, {"Dinas Kesehatan", core.UnitOffice}, {"Sekretariat Daerah", core.UnitOffice}}
	g.byKind = map[core.UnitKind][]int64{}
	for i := range count {
		u := Unit{ID: int64(i + 1), Code: fmt.Sprintf("U%04d", i+1), Located: true}
		kind := core.UnitOffice
		if i < len(parents) {
			u.Name = parents[i].name
		} else {
			switch x := g.rng.Float64(); {
			case x < 0.55:
				kind, u.ParentID, u.Name = core.UnitSchool, 1, fmt.Sprintf("SD Negeri %d", i+1)
			case x < 0.75:
				kind, u.ParentID, u.Name = core.UnitHealthCentre, 2, fmt.Sprintf("Puskesmas %d", i+1)
			case x < 0.90:
				kind, u.ParentID, u.Name = core.UnitOffice, 3, fmt.Sprintf("Bagian %d", i+1)
			default:
				kind, u.Name = core.UnitDistrict, fmt.Sprintf("Kecamatan %d", i+1)
			}
			u.Excluded = g.rng.IntN(40) == 0
		}
		r := radiusKm * math.Sqrt(g.rng.Float64())
		if i < len(parents) {
			r = radiusKm * 0.05 * g.rng.Float64()
		}
		a := 2 * math.Pi * g.rng.Float64()
		u.Lat = centreLat + r*math.Cos(a)/111
		u.Lng = centreLng + r*math.Sin(a)/(111*math.Cos(centreLat*math.Pi/180))
		g.in.Units = append(g.in.Units, u)
		g.kinds = append(g.kinds, kind)
		g.remote = append(g.remote, r/radiusKm)
		g.byKind[kind] = append(g.byKind[kind], u.ID)
	}
}

// positions creates every unit's positions, shares the employees among
// them and gives each a workload that leaves remote units short.
func (g *generator) positions(employees int) {
	var weights []float64
	var total float64
	for i, u := range g.in.Units {
		size := math.Exp(g.rng.NormFloat64() * 0.35)
		for _, t := range templates[g.kinds[i]] {
			g.in.Positions = append(g.in.Positions, Position{
				ID: int64(len(g.in.Positions) + 1), Code: fmt.Sprintf("%s-%s", u.Code, t.family), Name: t.name, UnitID: u.ID,
				Kind: t.kind, Family: t.family, MinEducation: t.edu, AcceptedFields: t.fields, Competencies: t.comps,
			})
			g.tmpl = append(g.tmpl, t)
			w := t.weight * size
			if t.kind == core.Structural {
				w = 0
			}
			weights = append(weights, w)
			total += w
		}
	}
	// Share the employees by largest remainder; structural posts have one.
	g.staff = make([]int, len(weights))
	left := employees
	for i, t := range g.tmpl {
		if t.kind == core.Structural && left > 0 {
			g.staff[i], left = 1, left-1
		}
	}
	type rem struct {
		i int
		r float64
	}
	var rems []rem
	given := 0
	for i, w := range weights {
		x := float64(left) * w / total
		g.staff[i] += int(x)
		given += int(x)
		rems = append(rems, rem{i, x - math.Floor(x)})
	}
	for k := 0; k < left-given; k++ {
		best := k % len(rems)
		for j := range rems {
			if rems[j].r > rems[best].r {
				best = j
			}
		}
		g.staff[rems[best].i]++
		rems[best].r = -1
	}
	for i := range g.in.Positions {
		p := &g.in.Positions[i]
		u := int(p.UnitID - 1)
		need := float64(g.staff[i]) * math.Exp(0.5*(g.remote[u]-0.45)+0.22*g.rng.NormFloat64())
		if g.tmpl[i].kind == core.Structural {
			need = 1
		} else if g.rng.IntN(25) == 0 {
			need += 1 + 2*g.rng.Float64() // a new need nobody fills yet
		}
		if g.rng.IntN(60) == 0 && g.tmpl[i].kind != core.Structural {
			continue // no workload data
		}
		p.Tasks = g.tasks(need)
	}
}

var standardMinutes = []float64{15, 30, 45, 60, 90, 120, 240}

// tasks returns two to four tasks whose workload needs about need people.
func (g *generator) tasks(need float64) []abk.Task {
	k := 2 + g.rng.IntN(3)
	out := make([]abk.Task, k)
	left := need * abk.DefaultEffectiveMinutes
	for i := range out {
		share := left
		if i < k-1 {
			share = left * (0.3 + 0.4*g.rng.Float64())
		}
		left -= share
		m := standardMinutes[g.rng.IntN(len(standardMinutes))]
		out[i] = abk.Task{Name: fmt.Sprintf("Tugas %d", i+1), YearlyVolume: math.Round(share / m), StandardMinutes: m}
	}
	return out
}

func (g *generator) employees() {
	in, rng := g.in, g.rng
	seq := 0
	for i, p := range in.Positions {
		u := &in.Units[p.UnitID-1]
		for range g.staff[i] {
			seq++
			e := Employee{ID: int64(seq), PositionID: p.ID, Name: firstNames[rng.IntN(len(firstNames))] + " " + lastNames[rng.IntN(len(lastNames))]}
			age := 23 + rng.IntN(36)
			e.BirthDate = in.Date.AddDate(-age, -rng.IntN(12), -rng.IntN(28))
			start := e.BirthDate.AddDate(23+rng.IntN(5), rng.IntN(12), 0)
			e.NIP = g.nip(e.BirthDate, start, 1+rng.IntN(2))
			e.TMT = in.Date.AddDate(0, 0, -rng.IntN(10*365))
			if e.TMT.Before(start) {
				e.TMT = start
			}
			e.Education = p.MinEducation
			if rng.IntN(5) == 0 && p.MinEducation.Rank() < len(core.EducationLevels) {
				e.Education = core.EducationLevels[min(p.MinEducation.Rank()+1, len(core.EducationLevels)-1)]
			}
			fields := p.AcceptedFields
			if len(fields) == 0 || rng.IntN(20) == 0 {
				fields = adminFields
			}
			e.Field = fields[rng.IntN(len(fields))]
			for _, c := range p.Competencies {
				if rng.IntN(10) < 7 {
					e.Competencies = append(e.Competencies, c)
				}
			}
			e.Performance = performance(rng)
			e.HasHome = true
			r := 6 * rng.ExpFloat64()
			if rng.IntN(10) == 0 {
				r = 40 * rng.Float64()
			}
			a := 2 * math.Pi * rng.Float64()
			e.HomeLat = u.Lat + r*math.Cos(a)/111
			e.HomeLng = u.Lng + r*math.Sin(a)/111
			switch x := rng.IntN(20); {
			case x < 11:
				e.Willingness = core.WillingYes
			case x < 17:
				e.Willingness = core.WillingConditional
			default:
				e.Willingness = core.WillingNo
			}
			if same := g.byKind[g.kinds[p.UnitID-1]]; rng.IntN(100) < 35 {
				for range 1 + rng.IntN(3) {
					if id := same[rng.IntN(len(same))]; !containsID(e.Preferences, id) {
						e.Preferences = append(e.Preferences, id)
					}
				}
			}
			e.InActiveTransfer = rng.IntN(100) == 0
			switch rng.IntN(1000) {
			case 0:
				in.Objections = append(in.Objections, Objection{EmployeeID: e.ID})
			case 1, 2:
				in.Objections = append(in.Objections, Objection{EmployeeID: e.ID, PositionID: 1 + rng.Int64N(int64(len(in.Positions)))})
			}
			in.Employees = append(in.Employees, e)
		}
	}
}

// nip returns an unused NIP for the birth date, start and gender digit.
func (g *generator) nip(birth, start core.Date, gender int) string {
	if g.nips == nil {
		g.nips = map[string]bool{}
	}
	for {
		for s := 1; s < 1000; s++ {
			n := fmt.Sprintf("%04d%02d%02d%04d%02d%d%03d", birth.Year, birth.Month, birth.Day, start.Year, start.Month, gender, s)
			if !g.nips[n] {
				g.nips[n] = true
				return n
			}
		}
		start = start.AddDate(0, 1, 0)
	}
}

func performance(rng *rand.Rand) core.Predikat {
	switch x := rng.IntN(100); {
	case x < 15:
		return "Sangat Baik"
	case x < 80:
		return "Baik"
	case x < 92:
		return "Butuh Perbaikan"
	case x < 97:
		return "Kurang"
	case x < 98:
		return "Sangat Kurang"
	}
	return ""
}

func containsID(ids []int64, id int64) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

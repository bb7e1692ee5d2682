// Package demo builds Kabupaten Sukamaju, a fictitious regency to try
// Seimbang with, and loads it into a store.
//
// Sukamaju lies on the (equally fictitious) border between Indonesia's
// western and central time zones: its capital and eastern districts keep
// WITA, the two western districts WIB. It has 40 work units (the regional
// secretariat, nine offices, the regional hospital, five district offices,
// seven health centres and seventeen schools), about 230 positions with their
// workload analysis (ABK) and about 3,000 civil servants.
//
// Most positions are staffed close to their workload. Some are not, so that
// the dashboard and the planner have something to show (see Imbalances):
// the remote health centre of Riam Hulu is short of nurses while the town
// health centre has too many, the remote schools of Riam Hulu are short of
// teachers while two town schools have too many, and the regional secretariat
// has far more administrative staff than its workload needs while the
// district offices of Riam Hulu and Batu Ampar lack them.
//
// The data is plain and deterministic: Generate returns the same Dataset for
// the same seed on every machine. Records refer to each other by natural key
// (unit code, position code, NIP); Load resolves them to store IDs.
package demo

import (
	"math/rand/v2"
	"time"

	"github.com/seimbang/seimbang/core"
)

// AsOf is the date the demo regency describes: tenures, ages and ranks are
// as of this day. It is fixed so that Generate is deterministic; the NIPs it
// produces encode birth and appointment dates and must not move.
var AsOf = core.Date{Year: 2026, Month: time.November, Day: 1}

// Period is the ABK period of every demo workload task.
const Period = "2026"

// Seat is the demo regency's seat, where its decrees are signed.
const Seat = "Sukamaju"

// effectiveMinutes is the effective working time of one person in a year in
// the national ABK guideline: 1,250 hours.
const effectiveMinutes = 75000

// Dataset is a whole demo regency. Units come parents first.
type Dataset struct {
	Units         []Unit
	Positions     []Position
	WorkloadTasks []WorkloadTask
	Employees     []Employee
	Preferences   []Preference
}

// Unit is a work unit and the code of its parent.
type Unit struct {
	core.Unit
	ParentCode string // empty for a top unit
}

// Position is a position and the code of its unit. Its UnitID is zero until
// Load resolves UnitCode.
type Position struct {
	core.Position
	UnitCode string
}

// WorkloadTask is an ABK task and the code of its position. Its PositionID
// is zero until Load resolves PositionCode.
type WorkloadTask struct {
	core.WorkloadTask
	PositionCode string
}

// Employee is an employee and the code of their position. PositionID and
// UnitID are nil until Load resolves PositionCode.
type Employee struct {
	core.Employee
	PositionCode string
}

// Preference is an employee's preference by NIP and ranked unit codes. Its
// EmployeeID and UnitIDs are empty until Load resolves them.
type Preference struct {
	core.Preference
	NIP       string
	UnitCodes []string
}

// Imbalance is a position the demo staffs clearly away from its workload.
type Imbalance struct {
	PositionCode string
	// Factor is the intended staffing ratio (actual / required staff).
	Factor float64
	Story  string
}

// Imbalances lists the positions staffed clearly away from their workload,
// short (Factor below 0.7) or in surplus (above 1.3).
func Imbalances() []Imbalance {
	return append([]Imbalance(nil), imbalances...)
}

var imbalances = []Imbalance{
	{"PKM-RHU.PERAWAT", 0.45, "the remote health centre of Riam Hulu is short of nurses"},
	{"SDN-1-RHU.GURU-KELAS", 0.5, "a remote primary school is short of class teachers"},
	{"SDN-2-RHU.GURU-KELAS", 0.5, "a remote primary school is short of class teachers"},
	{"SDN-LBT.GURU-KELAS", 0.4, "the primary school of Long Batu, upriver, is short of class teachers"},
	{"SMPN-1-RHU.GURU-MTK", 0.5, "the remote junior high school lacks mathematics teachers"},
	{"SMPN-1-RHU.GURU-IPA", 0.5, "the remote junior high school lacks science teachers"},
	{"DINKES.EPIDEMIOLOG", 0.55, "the health office is overloaded by a vaccination drive"},
	{"KEC-RHU.PENGADM", 0.55, "the remote district office lacks administrative staff"},
	{"KEC-BTA.PENGADM", 0.6, "a western district office lacks administrative staff"},
	{"PKM-SKM.PERAWAT", 1.45, "the town health centre has more nurses than it needs"},
	{"SDN-1-SKM.GURU-KELAS", 1.5, "a town primary school has more class teachers than classes"},
	{"SDN-3-SKM.GURU-KELAS", 1.45, "a town primary school has more class teachers than classes"},
	{"SMPN-1-SKM.GURU-MTK", 1.45, "the town junior high school has surplus mathematics teachers"},
	{"SMPN-1-SKM.GURU-IPA", 1.4, "the town junior high school has surplus science teachers"},
	{"SETDA.PENGADM", 1.7, "the regional secretariat has far more administrative staff than its workload needs"},
}

// Generate builds the demo regency from seed. The same seed gives the same
// Dataset; every record passes its core Validate once Load has resolved its
// references.
func Generate(seed uint64) Dataset {
	g := &generator{
		src:    rand.NewPCG(seed, seed^0x5e1b4a96),
		nips:   map[string]bool{},
		phones: map[string]bool{},
	}
	return g.dataset()
}

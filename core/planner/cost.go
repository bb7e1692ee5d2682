package planner

import "math"

// Cost is the soft cost of one move in points, and its weighted parts.
type Cost struct {
	Total       int `json:"total"`
	Move        int `json:"move"`
	Preference  int `json:"preference"`
	Distance    int `json:"distance"`
	Competency  int `json:"competency"`
	Performance int `json:"performance"`
	Seniority   int `json:"seniority"`
}

const earthRadiusKm = 6371.0

// distanceLimitsKm are the upper limits of distance classes 0–4; farther is
// class 5. An unknown distance is class unknownDistanceClass.
var distanceLimitsKm = [...]float64{5, 15, 30, 60, 120}

const unknownDistanceClass = 2

// chordLimits are distanceLimitsKm as squared chord lengths on the unit
// sphere, so that classes are found without trigonometry.
var chordLimits = func() (c [len(distanceLimitsKm)]float64) {
	for i, km := range distanceLimitsKm {
		s := 2 * math.Sin(km/(2*earthRadiusKm))
		c[i] = s * s
	}
	return c
}()

// point is a location as a unit vector; the zero point is unknown.
type point struct {
	x, y, z float64
	known   bool
}

func pointOf(lat, lng float64) point {
	la, lo := lat*math.Pi/180, lng*math.Pi/180
	return point{math.Cos(la) * math.Cos(lo), math.Cos(la) * math.Sin(lo), math.Sin(la), true}
}

// chord2 returns the squared chord between two unit vectors.
func chord2(a, b point) float64 {
	dx, dy, dz := a.x-b.x, a.y-b.y, a.z-b.z
	return dx*dx + dy*dy + dz*dz
}

// distanceClass returns the distance class between two points.
func distanceClass(a, b point) int {
	if !a.known || !b.known {
		return unknownDistanceClass
	}
	c := chord2(a, b)
	for i, lim := range chordLimits {
		if c <= lim {
			return i
		}
	}
	return len(chordLimits)
}

// Haversine returns the great-circle distance in kilometres between two
// points given in degrees.
func Haversine(lat1, lng1, lat2, lng2 float64) float64 {
	la1, la2 := lat1*math.Pi/180, lat2*math.Pi/180
	dla, dlo := la2-la1, (lng2-lng1)*math.Pi/180
	h := math.Sin(dla/2)*math.Sin(dla/2) + math.Cos(la1)*math.Cos(la2)*math.Sin(dlo/2)*math.Sin(dlo/2)
	return 2 * earthRadiusKm * math.Asin(math.Min(1, math.Sqrt(h)))
}

// preferenceClass returns 0–2 for the employee's ranked units, 3 for a
// unit not ranked, 6 when the employee is unwilling to move.
func (e *empNode) preferenceClass(u int32) int {
	for i, p := range e.prefs[:e.nprefs] {
		if p == u {
			return i
		}
	}
	if e.unwilling {
		return 6
	}
	return 3
}

// The soft cost of a move has three parts: one that depends on the
// employee alone, one on the target unit, one on the target position.

// baseCost returns the move, performance and seniority parts.
func (n *net) baseCost(e int32) (move, performance, seniority int) {
	em, w := &n.emp[e], &n.p.Weights
	return w.Move, w.Performance * int(em.rating), w.Seniority * int(em.tenure)
}

// unitCost returns the preference and distance parts of a move to unit u.
func (n *net) unitCost(e, u int32) (preference, distance int) {
	em, w := &n.emp[e], &n.p.Weights
	return w.Preference * em.preferenceClass(u), w.Distance * distanceClass(em.home, n.units[u].at)
}

// competencyCost returns the competency part for a position requiring
// comps: the required competencies the employee lacks, at most 3.
func (n *net) competencyCost(e int32, comps set) int {
	return n.p.Weights.Competency * min(comps.missing(n.emp[e].comps), 3)
}

// costTo returns the soft cost of moving employee e into a position of unit
// u that requires the competencies comps, with its parts.
func (n *net) costTo(e int32, u int32, comps set) Cost {
	var c Cost
	c.Move, c.Performance, c.Seniority = n.baseCost(e)
	c.Preference, c.Distance = n.unitCost(e, u)
	c.Competency = n.competencyCost(e, comps)
	c.Total = c.Move + c.Preference + c.Distance + c.Competency + c.Performance + c.Seniority
	return c
}

// soft returns the soft cost in points of moving employee e to position q.
func (n *net) soft(e, q int32) int64 {
	qp := &n.pos[q]
	return int64(n.costTo(e, qp.unit, qp.comps).Total)
}

// arcCost returns the model cost of moving employee e to position q:
// the soft cost scaled, plus the Lagrangian price of a move.
func (n *net) arcCost(e, q int32) int64 { return n.wSoft*n.soft(e, q) + n.lambda }

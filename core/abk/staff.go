package abk

// Task is one ABK task of a position: how often it happens in a year and
// the standard minutes it takes each time.
type Task struct {
	Name            string  `json:"name"`
	YearlyVolume    float64 `json:"yearly_volume"`
	StandardMinutes float64 `json:"standard_minutes"`
}

// WorkloadMinutes returns Σ volume × standard minutes over tasks.
func WorkloadMinutes(tasks []Task) float64 {
	var w float64
	for _, t := range tasks {
		w += t.YearlyVolume * t.StandardMinutes
	}
	return w
}

// RequiredStaff returns the staff the tasks need: Σ(volume × minutes) /
// effectiveMinutes. It returns 0 when effectiveMinutes is not positive;
// Config.Validate refuses such a configuration.
func RequiredStaff(tasks []Task, effectiveMinutes float64) float64 {
	if !(effectiveMinutes > 0) {
		return 0
	}
	return WorkloadMinutes(tasks) / effectiveMinutes
}

// EJ returns the job efficiency workload / (actual × effective minutes) and
// whether it is defined (actual > 0 and effective minutes > 0).
func (c Config) EJ(workloadMinutes float64, actual int) (float64, bool) {
	if actual <= 0 || !(c.EffectiveMinutes > 0) {
		return 0, false
	}
	return workloadMinutes / (float64(actual) * c.EffectiveMinutes), true
}

// Figures are the ABK figures of a position or of a group of positions.
type Figures struct {
	WorkloadMinutes float64 `json:"workload_minutes"`
	Required        float64 `json:"required"`
	Actual          int     `json:"actual"`
	// Gap is Actual − Required: negative when short-staffed. For a group it
	// is the net sum; Imbalance keeps the under- and over-staffing apart.
	Gap float64 `json:"gap"`
	// EJ is WorkloadMinutes / (Actual × effective minutes); it is 0 when
	// Actual is 0, and Band then is A if there is any workload (the work has
	// nobody to do it) and BandNone otherwise.
	EJ   float64 `json:"ej"`
	Band Band    `json:"band"`
	// Ratio is Actual / Required, the staffing ratio; 0 when Required is 0.
	Ratio float64 `json:"ratio"`
}

// Figures returns the figures of a workload in minutes held by actual staff.
func (c Config) Figures(workloadMinutes float64, actual int) Figures {
	f := Figures{WorkloadMinutes: workloadMinutes, Actual: actual}
	if c.EffectiveMinutes > 0 {
		f.Required = workloadMinutes / c.EffectiveMinutes
	}
	f.Gap = float64(actual) - f.Required
	if ej, ok := c.EJ(workloadMinutes, actual); ok {
		f.EJ, f.Band = ej, c.Bands.Of(ej)
	} else if workloadMinutes > 0 {
		f.Band = BandA
	}
	if f.Required > 0 {
		f.Ratio = float64(actual) / f.Required
	}
	return f
}

// add returns the figures of f and g together.
func (c Config) add(f, g Figures) Figures {
	return c.Figures(f.WorkloadMinutes+g.WorkloadMinutes, f.Actual+g.Actual)
}

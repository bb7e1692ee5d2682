package core_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/seimbang/seimbang/core"
)

func date(y int, m time.Month, d int) core.Date { return core.Date{Year: y, Month: m, Day: d} }

func TestParseDate(t *testing.T) {
	tests := []struct {
		in      string
		want    core.Date
		wantErr bool
	}{
		{in: "2026-11-23", want: date(2026, time.November, 23)},
		{in: "2024-02-29", want: date(2024, time.February, 29)},
		{in: "1970-01-01", want: date(1970, time.January, 1)},
		{in: "2023-02-29", wantErr: true},
		{in: "2023-02-30", wantErr: true},
		{in: "2026-04-31", wantErr: true},
		{in: "2026-13-01", wantErr: true},
		{in: "2026-00-10", wantErr: true},
		{in: "23-11-2026", wantErr: true},
		{in: "23 November 2026", wantErr: true},
		{in: "2026-1-5", wantErr: true},
		{in: "2026/11/23", wantErr: true},
		{in: "", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := core.ParseDate(tt.in)
			if tt.wantErr {
				if err == nil {
					t.Fatalf("ParseDate(%q) = %v, want an error", tt.in, got)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseDate(%q) = %v", tt.in, err)
			}
			if got != tt.want {
				t.Errorf("ParseDate(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestMakeDate(t *testing.T) {
	tests := []struct {
		y      int
		m      time.Month
		d      int
		wantOK bool
	}{
		{2024, time.February, 29, true},
		{2000, time.February, 29, true}, // divisible by 400
		{1900, time.February, 29, false},
		{2023, time.February, 29, false},
		{2026, time.April, 31, false},
		{2026, time.December, 31, true},
		{2026, 13, 1, false},
		{2026, 0, 1, false},
		{2026, time.January, 0, false},
	}
	for _, tt := range tests {
		got, ok := core.MakeDate(tt.y, tt.m, tt.d)
		if ok != tt.wantOK {
			t.Errorf("MakeDate(%d, %d, %d) ok = %v, want %v", tt.y, tt.m, tt.d, ok, tt.wantOK)
			continue
		}
		want := core.Date{}
		if ok {
			want = date(tt.y, tt.m, tt.d)
		}
		if got != want {
			t.Errorf("MakeDate(%d, %d, %d) = %v, want %v", tt.y, tt.m, tt.d, got, want)
		}
	}
}

func TestDateOfUsesTheTimesOwnZone(t *testing.T) {
	wita := time.FixedZone("WITA", 8*3600)
	// 23:30 UTC on 31 December is already New Year's Day in Makassar.
	utc := time.Date(2026, time.December, 31, 23, 30, 0, 0, time.UTC)
	if got, want := core.DateOf(utc), date(2026, time.December, 31); got != want {
		t.Errorf("DateOf(UTC) = %v, want %v", got, want)
	}
	if got, want := core.DateOf(utc.In(wita)), date(2027, time.January, 1); got != want {
		t.Errorf("DateOf(WITA) = %v, want %v", got, want)
	}
}

func TestDateInIsMidnightInTheZone(t *testing.T) {
	wit := time.FixedZone("WIT", 9*3600)
	got := date(2026, time.November, 23).In(wit)
	want := time.Date(2026, time.November, 22, 15, 0, 0, 0, time.UTC)
	if !got.Equal(want) {
		t.Errorf("In(WIT) = %v, want %v", got, want)
	}
}

func TestDateString(t *testing.T) {
	tests := []struct {
		d    core.Date
		want string
	}{
		{date(2026, time.November, 23), "2026-11-23"},
		{date(1985, time.March, 2), "1985-03-02"},
		{core.Date{}, ""},
	}
	for _, tt := range tests {
		if got := tt.d.String(); got != tt.want {
			t.Errorf("%#v.String() = %q, want %q", tt.d, got, tt.want)
		}
	}
	if !(core.Date{}).IsZero() || date(2026, 1, 1).IsZero() {
		t.Error("IsZero is wrong")
	}
}

func TestDateOrder(t *testing.T) {
	a, b := date(2026, time.January, 31), date(2026, time.February, 1)
	tests := []struct {
		name          string
		d, e          core.Date
		before, after bool
	}{
		{"day before across a month", a, b, true, false},
		{"day after", b, a, false, true},
		{"same day", a, a, false, false},
		{"earlier year, later month", date(2025, time.December, 31), date(2026, time.January, 1), true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.d.Before(tt.e); got != tt.before {
				t.Errorf("%v.Before(%v) = %v, want %v", tt.d, tt.e, got, tt.before)
			}
			if got := tt.d.After(tt.e); got != tt.after {
				t.Errorf("%v.After(%v) = %v, want %v", tt.d, tt.e, got, tt.after)
			}
		})
	}
}

func TestDateAddDate(t *testing.T) {
	tests := []struct {
		name                string
		d                   core.Date
		years, months, days int
		want                core.Date
	}{
		{"one year", date(2024, time.March, 12), 1, 0, 0, date(2025, time.March, 12)},
		{"leap day plus a year rolls over", date(2024, time.February, 29), 1, 0, 0, date(2025, time.March, 1)},
		{"31 January plus a month rolls over", date(2026, time.January, 31), 0, 1, 0, date(2026, time.March, 3)},
		{"days across a year", date(2026, time.December, 30), 0, 0, 3, date(2027, time.January, 2)},
		{"backwards", date(2026, time.March, 1), 0, 0, -1, date(2026, time.February, 28)},
		{"fifteen years", date(1985, time.March, 12), 15, 0, 0, date(2000, time.March, 12)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.d.AddDate(tt.years, tt.months, tt.days); got != tt.want {
				t.Errorf("%v.AddDate(%d, %d, %d) = %v, want %v", tt.d, tt.years, tt.months, tt.days, got, tt.want)
			}
		})
	}
}

func TestDateYearsUntil(t *testing.T) {
	tests := []struct {
		name string
		from core.Date
		to   core.Date
		want int
	}{
		{"the day before a birthday", date(1985, time.March, 12), date(2026, time.March, 11), 40},
		{"on the birthday", date(1985, time.March, 12), date(2026, time.March, 12), 41},
		{"earlier month", date(1985, time.March, 12), date(2026, time.February, 28), 40},
		{"leap-day birthday in a common year", date(2000, time.February, 29), date(2001, time.February, 28), 0},
		{"leap-day birthday, first of March", date(2000, time.February, 29), date(2001, time.March, 1), 1},
		{"tenure under two years", date(2025, time.January, 2), date(2026, time.November, 23), 1},
		{"same day", date(2026, time.November, 23), date(2026, time.November, 23), 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.from.YearsUntil(tt.to); got != tt.want {
				t.Errorf("%v.YearsUntil(%v) = %d, want %d", tt.from, tt.to, got, tt.want)
			}
		})
	}
}

func TestDateJSON(t *testing.T) {
	type row struct {
		TMT   core.Date `json:"tmt"`
		Lahir core.Date `json:"lahir"`
	}
	in := row{TMT: date(2026, time.November, 23)}
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(b), `{"tmt":"2026-11-23","lahir":""}`; got != want {
		t.Errorf("Marshal = %s, want %s", got, want)
	}
	var out row
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(in, out); diff != "" {
		t.Errorf("round trip mismatch (-want +got):\n%s", diff)
	}
	if err := json.Unmarshal([]byte(`{"tmt":"2026-02-30"}`), &out); err == nil {
		t.Error("Unmarshal accepted 2026-02-30")
	}
}

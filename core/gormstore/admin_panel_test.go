package gormstore_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/gormstore/storetest"
)

func TestEmployeesIn(t *testing.T) {
	storetest.Run(t, func(t *testing.T, b storetest.Backend) {
		s := b.Open(t)
		ctx := context.Background()
		var unitIDs []int64
		for i := range 2 {
			u := core.Unit{Code: fmt.Sprintf("U%d", i), Name: fmt.Sprintf("Unit %d", i)}
			if err := s.CreateUnit(ctx, &u); err != nil {
				t.Fatal(err)
			}
			p := core.Position{Code: fmt.Sprintf("P%d", i), UnitID: u.ID, Name: "Pelaksana", Kind: core.Executor}
			if err := s.CreatePosition(ctx, &p); err != nil {
				t.Fatal(err)
			}
			unitIDs = append(unitIDs, u.ID)
			for j := range 30 {
				e := core.Employee{NIP: fmt.Sprintf("19800101200501%d%03d", 1+i, j+1), Name: fmt.Sprintf("Pegawai %d-%02d", i, j),
					PositionID: &p.ID, Active: j%3 != 0}
				if err := s.CreateEmployee(ctx, &e); err != nil {
					t.Fatal(err)
				}
			}
		}
		yes := true
		for _, c := range []struct {
			name      string
			f         core.EmployeeFilter
			units     []int64
			wantRows  int
			wantTotal int
			first     string
		}{
			{"all, first page", core.EmployeeFilter{Limit: 25}, nil, 25, 60, "Pegawai 0-00"},
			{"all, last page", core.EmployeeFilter{Limit: 25, Offset: 50}, nil, 10, 60, "Pegawai 1-20"},
			{"one unit in scope", core.EmployeeFilter{Limit: 50}, unitIDs[1:], 30, 30, "Pegawai 1-00"},
			{"empty scope", core.EmployeeFilter{}, []int64{}, 0, 0, ""},
			{"search within scope", core.EmployeeFilter{Query: "0-1"}, unitIDs[:1], 10, 10, "Pegawai 0-10"},
			{"active, descending", core.EmployeeFilter{Active: &yes, Sort: "-name", Limit: 5}, nil, 5, 40, "Pegawai 1-29"},
			{"past the end", core.EmployeeFilter{Offset: 100}, nil, 0, 60, ""},
			{"wildcards literal", core.EmployeeFilter{Query: "%"}, nil, 0, 0, ""},
			{"NIP prefix", core.EmployeeFilter{Query: "198001012005012"}, nil, 30, 30, "Pegawai 1-00"},
			{"digits inside a NIP do not match", core.EmployeeFilter{Query: "2005012"}, nil, 0, 0, ""},
		} {
			rows, total, err := s.EmployeesIn(ctx, c.f, c.units)
			if err != nil {
				t.Fatalf("%s: %v", c.name, err)
			}
			first := ""
			if len(rows) > 0 {
				first = rows[0].Name
			}
			if len(rows) != c.wantRows || total != c.wantTotal || first != c.first {
				t.Errorf("%s: %d rows of %d, first %q; want %d of %d, first %q", c.name, len(rows), total, first, c.wantRows, c.wantTotal, c.first)
			}
		}
		if es, err := s.EmployeesOfPosition(ctx, 1); err != nil || len(es) != 20 || es[0].Name != "Pegawai 0-01" {
			t.Errorf("holders of position 1: %d, %v", len(es), err)
		}
		counts, err := s.StaffCounts(ctx)
		if err != nil || len(counts) != 2 {
			t.Errorf("staff counts %v, %v", counts, err)
		}
		for _, n := range counts {
			if n != 20 {
				t.Errorf("active staff per position = %d, want 20", n)
			}
		}
		if un, _, err := s.TelegramReach(ctx); err != nil || un != 40 {
			t.Errorf("unlinked = %d, %v; want 40", un, err)
		}
	})
}

func TestImbalanceHistory(t *testing.T) {
	storetest.Run(t, func(t *testing.T, b storetest.Backend) {
		s := b.Open(t)
		ctx := context.Background()
		now := time.Date(2026, 11, 23, 5, 0, 0, 0, time.UTC)
		for _, r := range []struct{ day, figures string }{{"2026-11-20", `{"index":0.3}`}, {"2026-11-23", `{"index":0.2}`}, {"2026-11-23", `{"index":0.1}`}} {
			if err := s.RecordImbalance(ctx, r.day, r.figures, now); err != nil {
				t.Fatal(err)
			}
		}
		h, err := s.ImbalanceHistory(ctx, "2026-11-21")
		if err != nil || len(h) != 1 || h["2026-11-23"] != `{"index":0.1}` {
			t.Errorf("history = %v, %v", h, err)
		}
	})
}

func TestSurveyFiguresEmpty(t *testing.T) {
	storetest.Run(t, func(t *testing.T, b storetest.Backend) {
		sent, answered, mean, n, err := b.Open(t).SurveyFigures(context.Background())
		if err != nil || sent != 0 || answered != 0 || mean != 0 || n != 0 {
			t.Errorf("figures of an empty database: %d %d %v %d %v", sent, answered, mean, n, err)
		}
	})
}

package main

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/seimbang/seimbang/core/planner"
)

func TestPlanOnTheDemoRegency(t *testing.T) {
	env := sqliteEnv(t)
	a, _, errOut := testApp(env, "")
	if code := a.run(context.Background(), []string{"demo"}); code != 0 {
		t.Fatalf("demo: %s", errOut.String())
	}
	a, out, errOut := testApp(env, "")
	if code := a.run(context.Background(), []string{"plan", "--json", "--date", "2026-12-01"}); code != 0 {
		t.Fatalf("plan --json: exit %d: %s", code, errOut.String())
	}
	var p planner.Plan
	if err := json.Unmarshal([]byte(out.String()), &p); err != nil {
		t.Fatalf("plan --json printed no plan: %v", err)
	}
	if len(p.Proposals) == 0 || p.Certificate == nil || !p.Certificate.Optimal {
		t.Fatalf("demo plan: %d proposals, certificate %+v", len(p.Proposals), p.Certificate)
	}
	if !(p.After.TotalGap < p.Before.TotalGap) || p.GapClosure <= 0 {
		t.Errorf("the plan does not close the gap: before %.1f after %.1f", p.Before.TotalGap, p.After.TotalGap)
	}
	moved := map[int64]bool{}
	for _, pr := range p.Proposals {
		if moved[pr.EmployeeID] {
			t.Errorf("employee %d proposed twice", pr.EmployeeID)
		}
		moved[pr.EmployeeID] = true
		if pr.FromPositionID == pr.ToPositionID {
			t.Errorf("employee %d proposed into their own position", pr.EmployeeID)
		}
	}

	a, out, _ = testApp(env, "")
	if code := a.run(context.Background(), []string{"plan", "--date", "2026-12-01"}); code != 0 {
		t.Fatal("plan failed")
	}
	text := out.String()
	for _, want := range []string{"Usulan mutasi", "Penutupan selisih", "terbukti optimal", "dipindahkan dari"} {
		if !strings.Contains(text, want) {
			t.Errorf("plan output lacks %q", want)
		}
	}

	a, _, errOut = testApp(env, "")
	if code := a.run(context.Background(), []string{"plan", "--round", "999"}); code != 1 || !strings.Contains(errOut.String(), "999") {
		t.Errorf("plan of an unknown round: exit %d, %s", code, errOut.String())
	}
}

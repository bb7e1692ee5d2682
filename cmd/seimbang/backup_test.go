package main

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/gormstore"
	"github.com/seimbang/seimbang/core/gormstore/storetest"
)

// backedUpTables are compared row by row between the database backed up
// and the one restored: every employee, transfer, objection and survey
// response, and what they hang on.
var backedUpTables = []string{"units", "positions", "workload_tasks", "employees", "rounds", "transfers", "transfer_events",
	"objections", "survey_templates", "survey_questions", "survey_waves", "survey_invitations", "survey_responses",
	"audit_log", "admin_users", "link_codes"}

// TestBackupAndRestore loads the demo regency with a round, a transfer,
// an objection and a survey response, backs it up with "seimbang backup"
// while the database is open, restores it with "seimbang restore" into a
// fresh database, and finds every row again; a restore over a database
// that holds data is refused.
func TestBackupAndRestore(t *testing.T) {
	storetest.Run(t, func(t *testing.T, b storetest.Backend) {
		ctx := context.Background()
		driver, dsn := b.DSN(t)
		env := map[string]string{"SEIMBANG_DB_DRIVER": driver, "SEIMBANG_DB_DSN": dsn}
		mustRun(t, env, "demo")
		st, err := gormstore.Open(ctx, driver, dsn, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		addCase(t, st)
		want := tableRows(t, st)
		if len(want["employees"]) < 100 || len(want["transfers"]) != 1 || len(want["objections"]) != 1 || len(want["survey_responses"]) != 1 {
			t.Fatalf("the data to back up is not what the test meant: %d employees, %d transfers, %d objections, %d responses",
				len(want["employees"]), len(want["transfers"]), len(want["objections"]), len(want["survey_responses"]))
		}
		file := filepath.Join(t.TempDir(), "cadangan.bak")
		out := mustRun(t, env, "backup", file)
		if !strings.Contains(out, "Cadangan tersimpan") {
			t.Errorf("backup output: %q", out)
		}
		if code, _, _ := runApp(env, "backup", file); code != 1 {
			t.Errorf("backup over an existing file: exit %d, want 1", code)
		}

		driver2, dsn2 := b.DSN(t)
		env2 := map[string]string{"SEIMBANG_DB_DRIVER": driver2, "SEIMBANG_DB_DSN": dsn2}
		mustRun(t, env2, "restore", file)
		st2, err := gormstore.Open(ctx, driver2, dsn2, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer st2.Close()
		got := tableRows(t, st2)
		for _, tbl := range backedUpTables {
			if d := cmp.Diff(want[tbl], got[tbl]); d != "" {
				t.Errorf("%s after the restore (-backed up +restored):\n%.2000s", tbl, d)
			}
		}
		if code, _, errOut := runApp(env2, "restore", file); code != 1 || !strings.Contains(errOut, "--force") {
			t.Errorf("restore over a database with data: exit %d %q, want 1 and a hint at --force", code, errOut)
		}
	})
}

func runApp(env map[string]string, args ...string) (int, string, string) {
	a, out, errOut := testApp(env, "")
	code := a.run(context.Background(), args)
	return code, out.String(), errOut.String()
}

func mustRun(t *testing.T, env map[string]string, args ...string) string {
	t.Helper()
	code, out, errOut := runApp(env, args...)
	if code != 0 {
		t.Fatalf("seimbang %s: exit %d\n%s%s", strings.Join(args, " "), code, out, errOut)
	}
	return out
}

// addCase adds a round with one announced transfer, an objection against
// it and an answered survey invitation.
func addCase(t *testing.T, st *gormstore.Store) {
	t.Helper()
	ctx := context.Background()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	es, _, err := st.Employees(ctx, core.EmployeeFilter{Limit: 2})
	must(err)
	ps, err := st.Positions(ctx, core.PositionFilter{})
	must(err)
	e := es[0]
	var from, to core.Position
	for _, p := range ps {
		if e.PositionID != nil && p.ID == *e.PositionID {
			from = p
		} else if to.ID == 0 || to.UnitID == from.UnitID {
			to = p
		}
	}
	now := time.Now().UTC().Truncate(time.Second)
	deadline := now.Add(72 * time.Hour)
	r := core.Round{Name: "Mutasi Uji Cadangan", Status: core.RoundStatus("announced"), ObjectionDeadline: &deadline, CreatedBy: "test"}
	must(st.CreateRound(ctx, &r))
	tr := core.Transfer{RoundID: r.ID, EmployeeID: e.ID, FromUnitID: from.UnitID, FromPositionID: from.ID, ToUnitID: to.UnitID,
		ToPositionID: to.ID, Kind: core.Permanent, Reason: "beban kerja tidak seimbang", Status: core.TransferDraft}
	must(st.CreateTransfer(ctx, &tr, "test", "usulan"))
	ev, err := tr.Transition(core.TransferAnnounced, "test", now, "diumumkan")
	must(err)
	must(st.SaveTransition(ctx, &tr, ev))
	o := core.Objection{TransferID: tr.ID, EmployeeID: e.ID, Receipt: "KB-CADANGAN", Category: "family", Text: "Orang tua saya sakit",
		Status: core.ObjectionPending}
	must(st.CreateObjection(ctx, &o))
	tpl := core.SurveyTemplate{Name: "Kepuasan", Questions: []core.SurveyQuestion{{Position: 1, Kind: core.QuestionLikert, Text: "Puas?",
		TextEN: "Satisfied?", Options: []string{"1", "2", "3", "4", "5"}, Required: true}}}
	must(st.CreateSurveyTemplate(ctx, &tpl))
	wave := core.SurveyWave{RoundID: r.ID, TemplateID: tpl.ID, Seq: 1, After: 720 * time.Hour}
	must(st.CreateSurveyWave(ctx, &wave))
	inv := core.SurveyInvitation{WaveID: wave.ID, TransferID: tr.ID, EmployeeID: e.ID, Status: core.InvitationInvited, DueAt: now, InvitedAt: &now}
	_, err = st.CreateSurveyInvitation(ctx, &inv)
	must(err)
	four := 4
	must(st.SaveSurveyAnswer(ctx, core.SurveyAnswer{InvitationID: inv.ID, QuestionID: tpl.Questions[0].ID, Seq: 1, Last: true, Value: &four, At: now}))
}

// tableRows reads every row of backedUpTables as text, in key order.
func tableRows(t *testing.T, st *gormstore.Store) map[string][]string {
	t.Helper()
	db, err := st.DB()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	for _, tbl := range backedUpTables {
		rows, err := db.Query("SELECT * FROM " + tbl + " ORDER BY 1")
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]sql.RawBytes, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			var sb strings.Builder
			for i, v := range vals {
				fmt.Fprintf(&sb, "%s=%q ", cols[i], v)
			}
			out[tbl] = append(out[tbl], sb.String())
		}
		rows.Close()
	}
	return out
}

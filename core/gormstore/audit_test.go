package gormstore_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/gormstore/storetest"
)

// TestAuditEntriesFilter pages through the audit log newest first and
// narrows it by action, object, actor and time.
func TestAuditEntriesFilter(t *testing.T) {
	storetest.Run(t, func(t *testing.T, b storetest.Backend) {
		s := b.Open(t)
		ctx := context.Background()
		at := time.Date(2026, 11, 1, 8, 0, 0, 0, time.UTC)
		add := func(actor core.Actor, action, obj string, day int) int64 {
			t.Helper()
			e := core.AuditEntry{Actor: actor, Action: action, ObjectType: obj, ObjectID: "7", At: at.AddDate(0, 0, day)}
			if err := s.AppendAudit(ctx, &e); err != nil {
				t.Fatal(err)
			}
			return e.ID
		}
		u1 := add("admin:1", "admin_user.create", "admin_user", 0)
		t1 := add("admin:1", "api_token.create", "api_token", 1)
		u2 := add("token:3", "admin_user.update", "admin_user", 2)
		t2 := add("admin:2", "api_token.revoke", "api_token", 3)
		ids := func(f core.AuditFilter) []int64 {
			t.Helper()
			es, err := s.AuditEntries(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			out := []int64{}
			for _, e := range es {
				out = append(out, e.ID)
			}
			return out
		}
		for _, tc := range []struct {
			name string
			f    core.AuditFilter
			want []int64
		}{
			{"all, newest first", core.AuditFilter{}, []int64{t2, u2, t1, u1}},
			{"first page", core.AuditFilter{Limit: 2}, []int64{t2, u2}},
			{"next page", core.AuditFilter{Limit: 2, BeforeID: u2}, []int64{t1, u1}},
			{"action", core.AuditFilter{Action: "api_token.revoke"}, []int64{t2}},
			{"object", core.AuditFilter{ObjectType: "admin_user", ObjectID: "7"}, []int64{u2, u1}},
			{"actor", core.AuditFilter{Actor: "admin:1"}, []int64{t1, u1}},
			{"time", core.AuditFilter{Since: at.AddDate(0, 0, 1), Until: at.AddDate(0, 0, 3)}, []int64{u2, t1}},
		} {
			if got := ids(tc.f); !cmp.Equal(got, tc.want) {
				t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
			}
		}
	})
}

package core_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/seimbang/seimbang/core"
)

// TestAdminUserValidate refuses a name longer than its column, which
// MariaDB would refuse with an error instead of a message.
func TestAdminUserValidate(t *testing.T) {
	ok := core.AdminUser{Email: "hr@seimbang.test", Name: "Staf BKPSDM", Role: core.RoleHR, PasswordHash: "x"}
	if err := ok.Validate(); err != nil {
		t.Fatalf("Validate(%+v) = %v", ok, err)
	}
	long := ok
	long.Name = strings.Repeat("Ā", 101) // 202 bytes
	if diff := cmp.Diff([]string{"nama: err.too_long"}, problems(t, long.Validate())); diff != "" {
		t.Errorf("problems mismatch (-want +got):\n%s", diff)
	}
}

// TestAuditEntryValidate needs an actor and an action, and a reason of at
// most MaxReason characters.
func TestAuditEntryValidate(t *testing.T) {
	ok := core.AuditEntry{Actor: core.ActorScheduler, Action: "unit.update", Reason: strings.Repeat("Ā", core.MaxReason)}
	if err := ok.Validate(); err != nil {
		t.Fatalf("Validate = %v, want a reason of MaxReason characters accepted", err)
	}
	bad := core.AuditEntry{Reason: ok.Reason + "A"}
	if diff := cmp.Diff([]string{"aktor: err.required", "alasan: err.too_long"}, problems(t, bad.Validate())); diff != "" {
		t.Errorf("problems mismatch (-want +got):\n%s", diff)
	}
}

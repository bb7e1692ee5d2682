package password

import (
	"errors"
	"testing"

	"github.com/seimbang/seimbang/core"
)

func TestHashAndCheck(t *testing.T) {
	h, err := Hash("rahasia-bkpsdm-2026")
	if err != nil {
		t.Fatal(err)
	}
	if h == "rahasia-bkpsdm-2026" || !Check(h, "rahasia-bkpsdm-2026") {
		t.Error("hash does not verify its own password")
	}
	if Check(h, "rahasia-bkpsdm-2027") {
		t.Error("a different password verified")
	}
	var v *core.ValidationError
	if _, err := Hash("pendek"); !errors.As(err, &v) {
		t.Errorf("short password: err = %v, want a validation error", err)
	}
	if a, b := Generate(), Generate(); a == b || len(a) != 20 {
		t.Errorf("generated passwords %q, %q", a, b)
	}
}

package admin

import (
	"context"
	"encoding/json"
	"slices"

	"github.com/seimbang/seimbang/core"
)

// scope is the set of units a caller may see: every unit, or for the unit
// role the tree under their unit. Queries take it, so a unit head never
// reads another unit's rows, whatever the URL says.
type scope struct {
	all bool
	ids map[int64]bool
}

// scopeOf returns the caller's scope, from the snapshot's unit tree (a
// unit edit through the panel drops the snapshot).
func (s *Server) scopeOf(ctx context.Context, w *who) (scope, error) {
	if w.Role != core.RoleUnit {
		return scope{all: true}, nil
	}
	sc := scope{ids: map[int64]bool{}}
	if w.UnitID == nil {
		return sc, nil
	}
	sn, err := s.snapshot(ctx)
	if err != nil {
		return sc, err
	}
	for _, id := range subtree(sn.units, *w.UnitID) {
		sc.ids[id] = true
	}
	return sc, nil
}

// has reports whether the unit is in scope; a nil unit only for all.
func (sc scope) has(id *int64) bool {
	if sc.all {
		return true
	}
	return id != nil && sc.ids[*id]
}

// unitIDs returns the units in scope, or nil for all.
func (sc scope) unitIDs() []int64 {
	if sc.all {
		return nil
	}
	out := make([]int64, 0, len(sc.ids))
	for id := range sc.ids {
		out = append(out, id)
	}
	slices.Sort(out)
	return out
}

// subtree returns root and every unit below it.
func subtree(units []core.Unit, root int64) []int64 {
	children := map[int64][]int64{}
	for _, u := range units {
		if u.ParentID != nil {
			children[*u.ParentID] = append(children[*u.ParentID], u.ID)
		}
	}
	out, seen := []int64{}, map[int64]bool{}
	var walk func(int64)
	walk = func(id int64) {
		if seen[id] {
			return
		}
		seen[id] = true
		out = append(out, id)
		for _, c := range children[id] {
			walk(c)
		}
	}
	walk(root)
	return out
}

// audit appends one entry for an action of w, inside the transaction tx
// that makes the change. before and after are stored as JSON; nil is empty.
func (s *Server) audit(ctx context.Context, tx Store, w *who, action, objType, objID string, before, after any, reason string) error {
	enc := func(v any) (string, error) {
		if v == nil {
			return "", nil
		}
		b, err := json.Marshal(v)
		return string(b), err
	}
	b, err := enc(before)
	if err != nil {
		return err
	}
	a, err := enc(after)
	if err != nil {
		return err
	}
	return tx.AppendAudit(ctx, &core.AuditEntry{Actor: w.Actor, Action: action, ObjectType: objType, ObjectID: objID,
		Before: b, After: a, Reason: reason, At: s.deps.Clock.Now()})
}

package admin

import (
	"context"
	"fmt"

	"github.com/seimbang/seimbang/core"
)

// transferEmployees loads the employees of ts by id in one query (a page
// of transfers), instead of one query per transfer. It returns
// ErrNotFound when a transfer's employee does not exist.
func (s *Server) transferEmployees(ctx context.Context, ts []core.Transfer) (map[int64]core.Employee, error) {
	ids := make([]int64, 0, len(ts))
	seen := make(map[int64]bool, len(ts))
	for _, t := range ts {
		if !seen[t.EmployeeID] {
			seen[t.EmployeeID] = true
			ids = append(ids, t.EmployeeID)
		}
	}
	emps, err := s.deps.Store.EmployeesByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	byID := make(map[int64]core.Employee, len(emps))
	for _, e := range emps {
		byID[e.ID] = e
	}
	for _, id := range ids {
		if _, ok := byID[id]; !ok {
			return nil, fmt.Errorf("employee %d of a transfer: %w", id, core.ErrNotFound)
		}
	}
	return byID, nil
}

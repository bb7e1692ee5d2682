package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/i18n"
	"github.com/seimbang/seimbang/core/importer"
)

const importSynopsis = "import KIND FILE [options]   KIND: units | positions | employees | workload; FILE: .xlsx or .csv"

// importCmd handles "import KIND FILE": it checks the whole file, then
// writes all its rows and an audit entry in one transaction. When any row
// has a problem it changes nothing and its error lists every problem with
// its row.
func (a *app) importCmd(ctx context.Context, args []string) error {
	fs, build := a.flags("import", importSynopsis)
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 2 {
		fmt.Fprintln(a.stderr, "Usage: seimbang "+importSynopsis)
		return errUsage
	}
	kind, ok := importer.ParseKind(fs.Arg(0))
	if !ok {
		fmt.Fprintln(a.stderr, i18n.T(i18n.ID, "import.cli_usage", fs.Arg(0)))
		return errUsage
	}
	path := fs.Arg(1)
	cfg, err := build()
	if err != nil {
		return err
	}
	file, err := os.Open(path)
	if err != nil {
		return err
	}
	defer file.Close()
	_, st, err := a.connect(ctx, cfg, true)
	if err != nil {
		return err
	}
	defer st.Close()

	b, err := importer.Parse(ctx, kind, path, file, st)
	if ve, ok := core.AsValidation(err); ok {
		return fmt.Errorf("%s\n%s", i18n.T(i18n.ID, "import.cli_problems", filepath.Base(path), len(ve.Fields)),
			indent(ve.Message(i18n.ID)))
	}
	if err != nil {
		return err
	}
	var res importer.Result
	err = st.InTx(ctx, func(tx core.Store) error {
		w, ok := tx.(importer.Writer)
		if !ok {
			return errors.New("import: the store cannot import")
		}
		if res, err = importer.Apply(ctx, w, b); err != nil {
			return err
		}
		after, _ := json.Marshal(map[string]any{"file": filepath.Base(path), "rows": b.Rows, "created": res.Created, "updated": res.Updated})
		return tx.AppendAudit(ctx, &core.AuditEntry{Actor: "cli", Action: "import." + string(kind), ObjectType: "import",
			ObjectID: filepath.Base(path), After: string(after)})
	})
	if err != nil {
		return err
	}
	fmt.Fprintln(a.stdout, res.Message(i18n.ID))
	return nil
}

// indent prefixes every line of s with two spaces.
func indent(s string) string {
	return "  " + strings.ReplaceAll(s, "\n", "\n  ")
}

package main

import (
	"bufio"
	"context"
	"fmt"
	"log/slog"
	"strings"
	"text/tabwriter"

	"github.com/seimbang/seimbang/admin"
	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/demo"
	"github.com/seimbang/seimbang/core/gormstore"
	"github.com/seimbang/seimbang/core/i18n"
	"github.com/seimbang/seimbang/core/password"
)

// migrate applies pending migrations (up, the default) or lists them (status).
func (a *app) migrate(ctx context.Context, args []string) error {
	fs, build := a.flags("migrate", "migrate [up|status] [options]")
	if err := parse(fs, args); err != nil {
		return err
	}
	verb := "up"
	if fs.NArg() > 0 {
		verb = fs.Arg(0)
	}
	if (verb != "up" && verb != "status") || fs.NArg() > 1 {
		fmt.Fprintf(a.stderr, "seimbang migrate: expected up or status, got %q\n", strings.Join(fs.Args(), " "))
		return errUsage
	}
	cfg, err := build()
	if err != nil {
		return err
	}
	_, st, err := a.connect(ctx, cfg, false)
	if err != nil {
		return err
	}
	defer st.Close()
	if verb == "up" {
		n, err := st.Migrate(ctx)
		if err != nil {
			return err
		}
		fmt.Fprintln(a.stdout, i18n.T(i18n.ID, "cli.migrated", n))
		return nil
	}
	states, err := st.MigrationStatus(ctx)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(a.stdout, 2, 8, 2, ' ', 0)
	fmt.Fprintln(tw, "VERSION\tSTATE\tAPPLIED AT\tFILE")
	for _, m := range states {
		state, at := "pending", ""
		if m.Applied {
			state, at = "applied", m.AppliedAt.UTC().Format("2006-01-02 15:04:05Z")
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\n", m.Version, state, at, m.Name)
	}
	return tw.Flush()
}

// demoSeed makes the demo regency the same on every machine.
const demoSeed = 20261123

// demo loads the demo regency; running it again changes nothing.
func (a *app) demo(ctx context.Context, args []string) error {
	fs, build := a.flags("demo", "demo [options]")
	if err := parse(fs, args); err != nil {
		return err
	}
	cfg, err := build()
	if err != nil {
		return err
	}
	log, st, err := a.connect(ctx, cfg, true)
	if err != nil {
		return err
	}
	defer st.Close()
	return a.loadDemo(ctx, st, log)
}

func (a *app) loadDemo(ctx context.Context, st *gormstore.Store, log *slog.Logger) error {
	sum, err := demo.Load(ctx, st, demo.Generate(demoSeed))
	if err != nil {
		return fmt.Errorf("load demo regency: %w", err)
	}
	log.InfoContext(ctx, "demo regency loaded", slog.String("summary", sum.String()))
	fmt.Fprintln(a.stdout, i18n.T(i18n.ID, "cli.demo_loaded", sum.String()))
	return nil
}

// adminCmd handles "admin create".
func (a *app) adminCmd(ctx context.Context, args []string) error {
	if len(args) == 0 || args[0] != "create" {
		fmt.Fprintln(a.stderr, "Usage: seimbang admin create --email E --role R [--unit CODE] [--name N] [--password-stdin]")
		return errUsage
	}
	fs, build := a.flags("admin create", "admin create --email E --role R [--unit CODE] [--name N] [--password-stdin]")
	email := fs.String("email", "", "login email")
	role := fs.String("role", "", "superadmin, hr, unit or auditor")
	unit := fs.String("unit", "", "unit code (required for the unit role)")
	name := fs.String("name", "", "full name")
	fromStdin := fs.Bool("password-stdin", false, "read the password from standard input instead of generating one")
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	cfg, err := build()
	if err != nil {
		return err
	}
	pw := password.Generate()
	if *fromStdin {
		line, err := bufio.NewReader(a.stdin).ReadString('\n')
		if err != nil && line == "" {
			return fmt.Errorf("read password from standard input: %w", err)
		}
		pw = strings.TrimRight(line, "\r\n")
	}
	hash, err := password.Hash(pw)
	if err != nil {
		return err
	}
	_, st, err := a.connect(ctx, cfg, true)
	if err != nil {
		return err
	}
	defer st.Close()
	u := core.AdminUser{Email: *email, Name: *name, PasswordHash: hash, Role: core.Role(*role), MustChangePassword: !*fromStdin}
	if u.UnitID, err = unitID(ctx, st, *unit); err != nil {
		return err
	}
	err = st.InTx(ctx, func(tx core.Store) error {
		if err := tx.CreateAdminUser(ctx, &u); err != nil {
			return err
		}
		return tx.AppendAudit(ctx, &core.AuditEntry{Actor: "cli", Action: "admin_user.create", ObjectType: "admin_user",
			ObjectID: fmt.Sprint(u.ID), After: fmt.Sprintf(`{"email":%q,"role":%q}`, u.Email, u.Role)})
	})
	if err != nil {
		return err
	}
	if *fromStdin {
		fmt.Fprintln(a.stdout, i18n.T(i18n.ID, "cli.admin_created", u.Email, u.Role))
	} else {
		fmt.Fprintln(a.stdout, i18n.T(i18n.ID, "cli.admin_created_pw", u.Email, u.Role, pw))
	}
	return nil
}

// tokenCmd handles "token create": it prints the token once; only its
// hash is stored.
func (a *app) tokenCmd(ctx context.Context, args []string) error {
	if len(args) == 0 || args[0] != "create" {
		fmt.Fprintln(a.stderr, "Usage: seimbang token create --name N --role R [--unit CODE]")
		return errUsage
	}
	fs, build := a.flags("token create", "token create --name N --role R [--unit CODE]")
	name := fs.String("name", "", "what the token is for, e.g. \"SIMPEG sync\"")
	role := fs.String("role", "", "superadmin, hr, unit or auditor")
	unit := fs.String("unit", "", "unit code (required for the unit role)")
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	cfg, err := build()
	if err != nil {
		return err
	}
	_, st, err := a.connect(ctx, cfg, true)
	if err != nil {
		return err
	}
	defer st.Close()
	secret := admin.TokenPrefix + core.NewSecret(24)
	t := core.APIToken{Name: strings.TrimSpace(*name), Hash: core.HashSecret(secret), Prefix: secret[:10],
		Role: core.Role(*role), CreatedBy: "cli"}
	if t.UnitID, err = unitID(ctx, st, *unit); err != nil {
		return err
	}
	err = st.InTx(ctx, func(tx core.Store) error {
		if err := tx.CreateAPIToken(ctx, &t); err != nil {
			return err
		}
		return tx.AppendAudit(ctx, &core.AuditEntry{Actor: "cli", Action: "api_token.create", ObjectType: "api_token",
			ObjectID: fmt.Sprint(t.ID), After: fmt.Sprintf(`{"name":%q,"role":%q,"prefix":%q}`, t.Name, t.Role, t.Prefix)})
	})
	if err != nil {
		return err
	}
	fmt.Fprintln(a.stderr, i18n.T(i18n.ID, "cli.token_created", t.Name, t.Role))
	fmt.Fprintln(a.stdout, secret)
	return nil
}

// unitID resolves a unit code to its id; "" is no unit.
func unitID(ctx context.Context, st *gormstore.Store, code string) (*int64, error) {
	if code == "" {
		return nil, nil
	}
	u, err := st.UnitByCode(ctx, code)
	if err != nil {
		return nil, core.Invalid("unit", "err.unit_not_found", code)
	}
	return &u.ID, nil
}

package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/go-sql-driver/mysql"

	"github.com/seimbang/seimbang/core/gormstore"
)

// backup writes a consistent copy of the database to FILE while the
// service runs: SQLite's VACUUM INTO (a snapshot in one read transaction,
// a complete database file), or mariadb-dump/mysqldump with
// --single-transaction (an SQL script). It refuses to overwrite FILE.
func (a *app) backup(ctx context.Context, args []string) error {
	fs, build := a.flags("backup", "backup FILE [options]")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(a.stderr, "seimbang backup: expected one FILE to write")
		return errUsage
	}
	out := fs.Arg(0)
	if _, err := os.Stat(out); err == nil {
		return fmt.Errorf("%s exists; choose a new file name", out)
	}
	cfg, err := build()
	if err != nil {
		return err
	}
	if cfg.DBDriver == gormstore.MySQL {
		if err := mysqlDump(ctx, cfg.DBDSN, out); err != nil {
			return err
		}
	} else {
		_, st, err := a.connect(ctx, cfg, false)
		if err != nil {
			return err
		}
		defer st.Close()
		db, err := st.DB()
		if err != nil {
			return err
		}
		abs, err := filepath.Abs(out)
		if err != nil {
			return err
		}
		if _, err := db.ExecContext(ctx, "VACUUM INTO ?", abs); err != nil {
			os.Remove(abs)
			return fmt.Errorf("back up SQLite database: %w", err)
		}
	}
	info, err := os.Stat(out)
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "Cadangan tersimpan: %s (%d bytes)\nBackup written: %s\n", out, info.Size(), out)
	return nil
}

// restore loads a backup made by backup into the configured database,
// which must be empty (a fresh instance) unless --force is given: SQLite
// gets the backup file copied into place after an integrity check, MySQL
// gets the SQL script run by the mariadb/mysql client. Migrations newer
// than the backup are applied afterwards.
func (a *app) restore(ctx context.Context, args []string) error {
	fs, build := a.flags("restore", "restore FILE [--force] [options]")
	force := fs.Bool("force", false, "replace a database that already holds data (stop the service first)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(a.stderr, "seimbang restore: expected one backup FILE")
		return errUsage
	}
	in := fs.Arg(0)
	if _, err := os.Stat(in); err != nil {
		return err
	}
	cfg, err := build()
	if err != nil {
		return err
	}
	if cfg.DBDriver == gormstore.MySQL {
		if err := a.refuseNonEmpty(ctx, cfg, *force); err != nil {
			return err
		}
		if err := mysqlLoad(ctx, cfg.DBDSN, in); err != nil {
			return err
		}
	} else {
		if err := sqliteRestore(ctx, cfg, in, *force); err != nil {
			return err
		}
	}
	_, st, err := a.connect(ctx, cfg, true)
	if err != nil {
		return err
	}
	defer st.Close()
	fmt.Fprintf(a.stdout, "Cadangan dipulihkan dari %s\nBackup restored from %s\n", in, in)
	return nil
}

// refuseNonEmpty fails when the database already has Seimbang's tables and
// force is not set.
func (a *app) refuseNonEmpty(ctx context.Context, cfg Config, force bool) error {
	_, st, err := a.connect(ctx, cfg, false)
	if err != nil {
		return err
	}
	defer st.Close()
	states, err := st.MigrationStatus(ctx)
	if err != nil {
		return err
	}
	for _, m := range states {
		if m.Applied && !force {
			return errors.New("the database already holds Seimbang's tables; restore into a fresh database or add --force")
		}
	}
	return nil
}

// sqliteRestore checks the backup file and copies it to the configured
// path, through a temporary file renamed into place.
func sqliteRestore(ctx context.Context, cfg Config, in string, force bool) error {
	path := cfg.DBDSN
	if p, ok := strings.CutPrefix(path, "file:"); ok {
		path, _, _ = strings.Cut(p, "?")
	}
	if _, err := os.Stat(path); err == nil && !force {
		return fmt.Errorf("%s exists; restore into a fresh instance or add --force (stop the service first)", path)
	}
	src, err := gormstore.Open(ctx, gormstore.SQLite, in, nil)
	if err != nil {
		return err
	}
	db, err := src.DB()
	if err == nil {
		var res string
		if err = db.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&res); err == nil && res != "ok" {
			err = fmt.Errorf("integrity check: %s", res)
		}
	}
	src.Close()
	if err != nil {
		return fmt.Errorf("%s is not a usable SQLite backup: %w", in, err)
	}
	tmp := path + ".restore"
	if err := copyFile(in, tmp); err != nil {
		return err
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		os.Remove(path + suffix)
	}
	return os.Rename(tmp, path)
}

func copyFile(from, to string) error {
	r, err := os.Open(from)
	if err != nil {
		return err
	}
	defer r.Close()
	w, err := os.OpenFile(to, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(w, r); err != nil {
		w.Close()
		return err
	}
	if err := w.Sync(); err != nil {
		w.Close()
		return err
	}
	return w.Close()
}

// mysqlArgs turns a go-sql-driver DSN into client options and the
// password, which goes in MYSQL_PWD rather than on the command line.
func mysqlArgs(dsn string) (args []string, password, db string, err error) {
	c, err := mysql.ParseDSN(dsn)
	if err != nil {
		return nil, "", "", fmt.Errorf("SEIMBANG_DB_DSN: %w", err)
	}
	switch c.Net {
	case "unix":
		args = append(args, "--socket="+c.Addr)
	default:
		host, port, err := net.SplitHostPort(c.Addr)
		if err != nil {
			host, port = c.Addr, "3306"
		}
		args = append(args, "--host="+host, "--port="+port, "--protocol=tcp")
	}
	if c.User != "" {
		args = append(args, "--user="+c.User)
	}
	return args, c.Passwd, c.DBName, nil
}

// client returns the first of the named programs on PATH.
func client(names ...string) (string, error) {
	for _, n := range names {
		if p, err := exec.LookPath(n); err == nil {
			return p, nil
		}
	}
	return "", fmt.Errorf("none of %s is installed (Debian: apt-get install mariadb-client)", strings.Join(names, ", "))
}

// mysqlDump writes the database as an SQL script with one consistent
// snapshot (--single-transaction), to a temporary file renamed into place.
func mysqlDump(ctx context.Context, dsn, out string) error {
	args, pw, db, err := mysqlArgs(dsn)
	if err != nil {
		return err
	}
	prog, err := client("mariadb-dump", "mysqldump")
	if err != nil {
		return err
	}
	args = append(args, "--single-transaction", "--quick", "--routines", "--triggers", "--hex-blob", "--no-tablespaces",
		"--default-character-set=utf8mb4", "--result-file="+out+".part", db)
	if err := runClient(ctx, prog, args, pw, nil); err != nil {
		os.Remove(out + ".part")
		return err
	}
	return os.Rename(out+".part", out)
}

// mysqlLoad runs the SQL script in into the configured database.
func mysqlLoad(ctx context.Context, dsn, in string) error {
	args, pw, db, err := mysqlArgs(dsn)
	if err != nil {
		return err
	}
	prog, err := client("mariadb", "mysql")
	if err != nil {
		return err
	}
	f, err := os.Open(in)
	if err != nil {
		return err
	}
	defer f.Close()
	return runClient(ctx, prog, append(args, "--default-character-set=utf8mb4", db), pw, f)
}

func runClient(ctx context.Context, prog string, args []string, pw string, stdin io.Reader) error {
	cmd := exec.CommandContext(ctx, prog, args...)
	cmd.Env = append(os.Environ(), "MYSQL_PWD="+pw)
	cmd.Stdin = stdin
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s: %v: %s", filepath.Base(prog), err, strings.TrimSpace(stderr.String()))
	}
	return nil
}

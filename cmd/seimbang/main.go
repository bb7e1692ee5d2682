// Command seimbang runs Seimbang: the HR panel, the Telegram bot and the
// scheduler in one process (serve), and the operator's commands around it.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	a := &app{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, lookupEnv: os.LookupEnv}
	os.Exit(a.run(ctx, os.Args[1:]))
}

// app is one invocation of the program; tests build one with their own
// streams and environment and call run.
type app struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	lookupEnv      func(string) (string, bool)
	// onListen, when set, is told the panel's address once it listens.
	onListen func(net.Addr)
}

const usage = `Seimbang: pemerataan beban kerja ASN melalui mutasi yang adil dan terukur.
Seimbang: balancing civil servants' workload through fair, measured transfers.

Usage:
  seimbang serve [--demo]                   panel + bot + scheduler
  seimbang migrate [up|status]              apply or list database migrations
  seimbang demo                             load the demo regency (idempotent)
  seimbang plan [--round ID] [--json]       run the planner, print proposals and before/after balance
  seimbang import KIND FILE                 KIND: units | positions | employees | workload; .xlsx or .csv
  seimbang admin create --email E --role R [--unit CODE] [--password-stdin]
  seimbang token create --name N --role R [--unit CODE]
                                            print a new API token once
  seimbang healthcheck                      exit 0 when the local server is ready
  seimbang backup FILE                      consistent copy of the database while it runs
  seimbang restore FILE [--force]           load a backup into a fresh database

Every command accepts the options of "seimbang serve --help".
`

// errUsage marks a command line that could not be understood.
var errUsage = errors.New("usage")

// run executes one command and returns the process exit code: 0 on
// success, 1 when the command failed, 2 when it was misused.
func (a *app) run(ctx context.Context, args []string) int {
	if len(args) == 0 {
		fmt.Fprint(a.stderr, usage)
		return 2
	}
	var err error
	switch args[0] {
	case "serve":
		err = a.serve(ctx, args[1:])
	case "migrate":
		err = a.migrate(ctx, args[1:])
	case "demo":
		err = a.demo(ctx, args[1:])
	case "plan":
		err = a.plan(ctx, args[1:])
	case "import":
		err = a.importCmd(ctx, args[1:])
	case "admin":
		err = a.adminCmd(ctx, args[1:])
	case "token":
		err = a.tokenCmd(ctx, args[1:])
	case "healthcheck":
		err = a.healthcheck(ctx, args[1:])
	case "backup":
		err = a.backup(ctx, args[1:])
	case "restore":
		err = a.restore(ctx, args[1:])
	case "help", "-h", "-help", "--help":
		fmt.Fprint(a.stdout, usage)
		return 0
	default:
		fmt.Fprintf(a.stderr, "seimbang: unknown command %q\n\n%s", args[0], usage)
		return 2
	}
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		return 2
	}
	fmt.Fprintf(a.stderr, "seimbang: %v\n", err)
	return 1
}

// flags returns a flag set for a command that prints its usage with every
// configuration option, and the function that builds the Config.
func (a *app) flags(name, synopsis string) (*flag.FlagSet, func() (Config, error)) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(a.stderr)
	cfg := configFlags(fs, a.lookupEnv)
	fs.Usage = func() {
		out := a.stderr
		fmt.Fprintf(out, "Usage: seimbang %s\n\n", synopsis)
		fs.VisitAll(func(f *flag.Flag) {
			if !isOption(f.Name) {
				fmt.Fprintf(out, "  --%s\t%s\n", f.Name, f.Usage)
			}
		})
		fmt.Fprintln(out)
		printOptions(out)
	}
	return fs, cfg
}

func isOption(name string) bool {
	for _, o := range options {
		if o.flag == name {
			return true
		}
	}
	return false
}

// parse parses args, turning a flag error into errUsage (the flag package
// has already printed why).
func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
	}
	return nil
}

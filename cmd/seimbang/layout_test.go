package main

import (
	"os/exec"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/seimbang/seimbang"

// adapters are the packages under core that may use a technology.
var adapters = []string{module + "/core/gormstore", module + "/core/redisstore"}

// technologies core's domain must not know.
var technologies = []string{"github.com/gin-gonic/gin", "gorm.io/gorm", "github.com/redis/go-redis/v9",
	"github.com/go-telegram/bot", "github.com/alicebob/miniredis/v2", "github.com/go-sql-driver/mysql"}

func within(pkg, root string) bool { return pkg == root || strings.HasPrefix(pkg, root+"/") }

func isAdapter(pkg string) bool {
	return slices.ContainsFunc(adapters, func(a string) bool { return within(pkg, a) })
}

// layoutViolations returns every dependency that breaks the direction of
// STYLE.md: core's domain imports no technology; bot and admin import core
// but never each other and never a store. deps maps each package to all
// the packages it depends on, directly or not (test files excluded).
func layoutViolations(deps map[string][]string) []string {
	var bad []string
	for pkg, ds := range deps {
		for _, d := range ds {
			switch {
			case within(pkg, module+"/core") && !isAdapter(pkg) &&
				(isAdapter(d) || slices.ContainsFunc(technologies, func(t string) bool { return within(d, t) })):
				bad = append(bad, pkg+" -> "+d)
			case within(pkg, module+"/bot") && (within(d, module+"/admin") || isAdapter(d) || within(d, "gorm.io/gorm")):
				bad = append(bad, pkg+" -> "+d)
			case within(pkg, module+"/admin") && (within(d, module+"/bot") || isAdapter(d) || within(d, "gorm.io/gorm") ||
				within(d, "github.com/redis/go-redis/v9") || within(d, "github.com/go-telegram/bot")):
				bad = append(bad, pkg+" -> "+d)
			}
		}
	}
	slices.Sort(bad)
	return bad
}

func TestLayoutRulesCatchViolations(t *testing.T) {
	deps := map[string][]string{
		module + "/core":             {"context", "gorm.io/gorm/clause"},
		module + "/core/planner":     {module + "/core/gormstore"},
		module + "/core/gormstore":   {"gorm.io/gorm"},
		module + "/bot":              {module + "/admin", module + "/core"},
		module + "/admin":            {module + "/bot/flows", "github.com/redis/go-redis/v9"},
		module + "/admin/api":        {module + "/core"},
		module + "/cmd/seimbang":     {module + "/core/gormstore", module + "/bot", module + "/admin"},
		module + "/bot/telegramtest": {"net/http"},
	}
	got := layoutViolations(deps)
	want := []string{
		module + "/admin -> github.com/redis/go-redis/v9",
		module + "/admin -> " + module + "/bot/flows",
		module + "/bot -> " + module + "/admin",
		module + "/core -> gorm.io/gorm/clause",
		module + "/core/planner -> " + module + "/core/gormstore",
	}
	if !slices.Equal(got, want) {
		t.Errorf("violations = %q\nwant %q", got, want)
	}
}

func TestLayout(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps=false", "-f", "{{.ImportPath}}|{{join .Deps \",\"}}", module+"/...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	deps := map[string][]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		pkg, ds, _ := strings.Cut(line, "|")
		deps[pkg] = strings.Split(ds, ",")
	}
	if len(deps) < 5 {
		t.Fatalf("go list found only %d packages", len(deps))
	}
	for _, v := range layoutViolations(deps) {
		t.Errorf("dependency against the layout: %s", v)
	}
}

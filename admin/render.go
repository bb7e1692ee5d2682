package admin

import (
	"bytes"
	"embed"
	"encoding/json"
	"html/template"
	"io/fs"
	"log/slog"
	"math"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/i18n"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// page is what every template gets: the language, the caller, the CSRF
// token for forms, and the page's own data in Data.
type page struct {
	Lang  i18n.Lang
	Who   *who
	CSRF  string
	Path  string
	Flash string
	Data  any
	loc   *time.Location
}

// T returns the text for key in the page's language.
func (p page) T(key string, args ...any) string { return i18n.T(p.Lang, key, args...) }

// Date formats a date, or an instant in the panel's zone, as "23 November
// 2026" (core.FormatDate).
func (p page) Date(v any) string {
	var d core.Date
	switch x := v.(type) {
	case core.Date:
		d = x
	case time.Time:
		if !x.IsZero() {
			d = core.DateOf(x.In(p.location()))
		}
	case *time.Time:
		if x != nil {
			d = core.DateOf(x.In(p.location()))
		}
	}
	return core.FormatDate(p.Lang, d)
}

func (p page) location() *time.Location {
	if p.loc == nil {
		return time.UTC
	}
	return p.loc
}

// Time formats an instant as "23 November 2026 14:05 WIB".
func (p page) Time(v any) string {
	var t time.Time
	switch d := v.(type) {
	case time.Time:
		t = d
	case *time.Time:
		if d == nil {
			return "—"
		}
		t = *d
	}
	if t.IsZero() {
		return "—"
	}
	t = t.In(p.location())
	zone, _ := t.Zone()
	return p.Date(t) + " " + t.Format("15:04") + " " + zone
}

// Num formats a number with Indonesian separators (1.234,5) in Indonesian
// and English ones in English.
func (p page) Num(v any, decimals int) string {
	var f float64
	switch n := v.(type) {
	case int:
		f = float64(n)
	case int64:
		f = float64(n)
	case float64:
		f = n
	}
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return "—"
	}
	return i18n.Number(p.Lang, f, decimals)
}

var funcs = template.FuncMap{
	"deref": func(p *int64) int64 {
		if p == nil {
			return 0
		}
		return *p
	},
	"join": strings.Join,
	"add":  func(a, b int) int { return a + b },
	"has": func(roles []core.Role, r core.Role) bool {
		for _, x := range roles {
			if x == r {
				return true
			}
		}
		return false
	},
	"json": func(v any) (string, error) {
		b, err := json.Marshal(v)
		return string(b), err
	},
}

// loadTemplates parses each page with the layout into its own set.
func (s *Server) loadTemplates() {
	s.pages = map[string]*template.Template{}
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		panic(err)
	}
	// Files named _*.html hold templates several pages share.
	shared := []string{"templates/layout.html"}
	for _, n := range names {
		if strings.HasPrefix(path.Base(n), "_") {
			shared = append(shared, n)
		}
	}
	for _, n := range names {
		base := strings.TrimSuffix(path.Base(n), ".html")
		if base == "layout" || strings.HasPrefix(base, "_") {
			continue
		}
		s.pages[base] = template.Must(template.New("layout.html").Funcs(funcs).ParseFS(templateFS, append(shared, n)...))
	}
}

// render executes a page in the caller's language. An htmx request for a
// page that defines "fragment" gets only the fragment.
func (s *Server) render(c *gin.Context, status int, name string, data any) {
	t, ok := s.pages[name]
	if !ok {
		c.String(status, http.StatusText(status))
		return
	}
	p := page{Lang: s.lang(c), Who: caller(c), Path: c.Request.URL.Path, Data: data, loc: s.deps.Location}
	if p.Who != nil && p.Who.Session != nil {
		p.CSRF = p.Who.Session.CSRFToken
	}
	if f := c.Query("flash"); strings.HasPrefix(f, "admin.") && i18n.Has(f) {
		p.Flash = f
	}
	root := "layout.html"
	if c.GetHeader("HX-Request") == "true" && c.GetHeader("HX-Boosted") != "true" && t.Lookup("fragment") != nil {
		root = "fragment"
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, root, p); err != nil {
		s.deps.Log.ErrorContext(c.Request.Context(), "render failed", slog.String("page", name), slog.String("error", err.Error()))
		c.String(http.StatusInternalServerError, i18n.T(p.Lang, "err.internal"))
		return
	}
	c.Header("Cache-Control", "no-store")
	c.Data(status, "text/html; charset=utf-8", buf.Bytes())
}

// lang is the caller's language: the lang cookie, else Indonesian.
func (s *Server) lang(c *gin.Context) i18n.Lang {
	if v, err := c.Cookie("lang"); err == nil {
		return i18n.Parse(v)
	}
	return i18n.ID
}

func (s *Server) t(c *gin.Context, key string, args ...any) string {
	return i18n.T(s.lang(c), key, args...)
}

// setLang switches the language and returns to the page the person was on.
func (s *Server) setLang(c *gin.Context) {
	l := i18n.Parse(c.Param("lang"))
	http.SetCookie(c.Writer, &http.Cookie{Name: "lang", Value: string(l), Path: "/", MaxAge: 365 * 24 * 3600,
		SameSite: http.SameSiteLaxMode, Secure: s.deps.SecureCookies || c.Request.TLS != nil})
	c.Redirect(http.StatusSeeOther, safeNext(c.Query("next")))
}

// static serves the embedded front-end assets.
func (s *Server) static(c *gin.Context) {
	name := strings.TrimPrefix(path.Clean(c.Param("file")), "/")
	b, err := staticFS.ReadFile("static/" + name)
	if err != nil || strings.HasSuffix(name, ".md") {
		c.Status(http.StatusNotFound)
		return
	}
	ct := "application/octet-stream"
	switch path.Ext(name) {
	case ".js":
		ct = "text/javascript; charset=utf-8"
	case ".css":
		ct = "text/css; charset=utf-8"
	case ".svg":
		ct = "image/svg+xml"
	}
	c.Header("Cache-Control", "public, max-age=86400")
	c.Data(http.StatusOK, ct, b)
}

// form is the values and per-field messages of a submitted form.
type form struct {
	Values  map[string]string
	Errors  map[string]string
	Message string // a problem not tied to one field
	Extra   any    // page-specific data, such as the choices of a select
}

func newForm() *form { return &form{Values: map[string]string{}, Errors: map[string]string{}} }

// formFrom reads the named fields of the posted form.
func formFrom(c *gin.Context, names ...string) *form {
	f := newForm()
	for _, n := range names {
		f.Values[n] = strings.TrimSpace(c.PostForm(n))
	}
	return f
}

// setError places err's messages next to their fields; a message for a
// field the form lacks goes to fallback, or to the form's message.
func (f *form) setError(c *gin.Context, s *Server, err error, fallback string) {
	p := problemOf(err, s.lang(c))
	if len(p.Fields) == 0 {
		f.Message = p.Message
		return
	}
	for k, v := range p.Fields {
		if _, ok := f.Values[k]; ok {
			f.Errors[k] = v
		} else if fallback != "" {
			f.Errors[fallback] = v
		} else {
			f.Message = strings.TrimSpace(f.Message + " " + v)
		}
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func (f *form) formOf() *form { return f }

// fieldView is one input of a form as the "field" template draws it.
type fieldView struct {
	Name, Label, Type, Value, Error, List string
	Required                              bool
}

// formOfPage returns the form inside the page's data, if any.
func formOfPage(p page) *form {
	if h, ok := p.Data.(interface{ formOf() *form }); ok {
		return h.formOf()
	}
	return newForm()
}

func init() {
	funcs["field"] = func(p page, name, labelKey, typ string, opts ...string) fieldView {
		f := formOfPage(p)
		v := fieldView{Name: name, Label: p.T(labelKey), Type: typ, Value: f.Values[name], Error: f.Errors[name]}
		for _, o := range opts {
			switch {
			case o == "required":
				v.Required = true
			case strings.HasPrefix(o, "list="):
				v.List = strings.TrimPrefix(o, "list=")
			}
		}
		return v
	}
	funcs["val"] = func(p page, name string) string { return formOfPage(p).Values[name] }
	funcs["ferr"] = func(p page, name string) string { return formOfPage(p).Errors[name] }
}

// pairing lets a shared template get the page and one value.
type pairing struct {
	P page
	V any
}

func init() {
	funcs["pair"] = func(p page, v any) pairing { return pairing{p, v} }
	funcs["list"] = func(xs ...string) []string { return xs }
	funcs["mul"] = func(a, b float64) float64 { return a * b }
	funcs["div"] = func(a, b float64) float64 { return a / b }
}

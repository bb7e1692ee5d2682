package admin

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/i18n"
	"github.com/seimbang/seimbang/core/importer"
)

// uploadTTL is how long an uploaded file waits for its import to be
// confirmed.
const uploadTTL = 30 * time.Minute

// readUpload reads the multipart file "file", bounded by the importer's
// size limit.
func readUpload(c *gin.Context) (name string, data []byte, err error) {
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, importer.DefaultLimits.MaxBytes+1<<20)
	fh, err := c.FormFile("file")
	if err != nil {
		return "", nil, core.Invalid("file", "err.required")
	}
	f, err := fh.Open()
	if err != nil {
		return "", nil, err
	}
	defer f.Close()
	data, err = io.ReadAll(f)
	return fh.Filename, data, err
}

// parseImport checks a file; it returns the batch (nil when even the
// header could not be read) and the file's problems.
func (s *Server) parseImport(ctx context.Context, kind importer.Kind, name string, data []byte) (*importer.Batch, error) {
	return importer.Parse(ctx, kind, name, bytes.NewReader(data), s.deps.Store)
}

// applyImport writes a checked batch and its audit entry in one
// transaction.
func (s *Server) applyImport(ctx context.Context, w *who, b *importer.Batch) (importer.Result, error) {
	var res importer.Result
	err := s.inTx(ctx, func(tx Store) error {
		var err error
		if res, err = importer.Apply(ctx, tx, b); err != nil {
			return err
		}
		return s.audit(ctx, tx, w, "import."+string(b.Kind), "import", string(b.Kind), nil,
			map[string]any{"file": b.Filename, "rows": b.Rows, "created": res.Created, "updated": res.Updated}, "")
	})
	if err == nil {
		s.dash.invalidate()
	}
	return res, err
}

type importPage struct {
	Kinds    []importer.Kind
	Kind     string
	Batch    *importer.Batch
	Problems []string
	Message  string
	Upload   string // the stash id of a file ready to apply
	Result   string
}

func (s *Server) importForm(c *gin.Context) {
	s.render(c, http.StatusOK, "import", importPage{Kinds: importer.Kinds, Kind: c.Query("jenis")})
}

// importPreview checks an uploaded file and shows its counts, its first
// rows and every problem with its row; a file without problems waits in
// the stash for the person to apply it.
func (s *Server) importPreview(c *gin.Context) {
	ctx := c.Request.Context()
	d := importPage{Kinds: importer.Kinds, Kind: c.PostForm("jenis")}
	kind, ok := importer.ParseKind(d.Kind)
	name, data, err := readUpload(c)
	if err == nil && !ok {
		err = core.Invalid("jenis", "err.required")
	}
	if err == nil {
		d.Batch, err = s.parseImport(ctx, kind, name, data)
	}
	if err != nil {
		if v, ok := core.AsValidation(err); ok {
			for _, f := range v.Fields {
				d.Problems = append(d.Problems, f.Message(s.lang(c)))
			}
		} else if errors.Is(err, core.ErrConflict) {
			d.Message = problemOf(err, s.lang(c)).Message
		} else {
			s.fail(c, err)
			return
		}
		s.render(c, http.StatusUnprocessableEntity, "import", d)
		return
	}
	id := itoa(caller(c).User.ID) + "-" + core.NewSecret(16)
	blob := append([]byte(string(kind)+"\n"+strings.ReplaceAll(name, "\n", " ")+"\n"), data...)
	if err := s.deps.Sessions.StashUpload(ctx, id, blob, uploadTTL); err != nil {
		s.fail(c, err)
		return
	}
	d.Upload = id
	s.render(c, http.StatusOK, "import", d)
}

// importApply checks the stashed file again (the data may have changed)
// and writes it, all rows or none.
func (s *Server) importApply(c *gin.Context) {
	ctx := c.Request.Context()
	w := caller(c)
	id := c.Param("id")
	d := importPage{Kinds: importer.Kinds}
	if !strings.HasPrefix(id, itoa(w.User.ID)+"-") {
		s.fail(c, core.ErrNotFound)
		return
	}
	blob, err := s.deps.Sessions.Upload(ctx, id)
	if err != nil {
		if errors.Is(err, core.ErrNotFound) {
			d.Message = s.t(c, "admin.import.expired")
			s.render(c, http.StatusGone, "import", d)
			return
		}
		s.fail(c, err)
		return
	}
	kindName, rest, _ := bytes.Cut(blob, []byte("\n"))
	name, data, _ := bytes.Cut(rest, []byte("\n"))
	kind, _ := importer.ParseKind(string(kindName))
	d.Kind = string(kind)
	b, err := s.parseImport(ctx, kind, string(name), data)
	var res importer.Result
	if err == nil {
		res, err = s.applyImport(ctx, w, b)
	}
	if err != nil {
		p := problemOf(err, s.lang(c))
		if p.Internal {
			s.fail(c, err)
			return
		}
		if v, ok := core.AsValidation(err); ok {
			for _, f := range v.Fields {
				d.Problems = append(d.Problems, f.Message(s.lang(c)))
			}
		} else {
			d.Message = p.Message
		}
		d.Batch = b
		s.render(c, p.Status, "import", d)
		return
	}
	_ = s.deps.Sessions.DropUpload(ctx, id)
	d.Result = res.Message(s.lang(c))
	s.render(c, http.StatusOK, "import", d)
}

// importTemplate downloads an empty xlsx with the kind's columns.
func (s *Server) importTemplate(c *gin.Context) {
	kind, ok := importer.ParseKind(c.Param("kind"))
	if !ok {
		s.fail(c, core.ErrNotFound)
		return
	}
	var buf bytes.Buffer
	if err := importer.WriteTemplate(&buf, kind, s.lang(c)); err != nil {
		s.fail(c, err)
		return
	}
	c.Header("Content-Disposition", `attachment; filename="template-`+string(kind)+`.xlsx"`)
	c.Data(http.StatusOK, xlsxType, buf.Bytes())
}

const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// scopedEmployees is the export's source limited to the caller's scope.
type scopedEmployees struct {
	Store
	sc scope
}

func (e scopedEmployees) AllEmployees(ctx context.Context) ([]core.Employee, error) {
	all, err := e.Store.AllEmployees(ctx)
	if err != nil || e.sc.all {
		return all, err
	}
	out := all[:0]
	for _, x := range all {
		if e.sc.has(x.UnitID) {
			out = append(out, x)
		}
	}
	return out, nil
}

// employeeExport downloads the employees in the caller's scope as xlsx in
// the import format, so the file can be edited and imported again.
func (s *Server) employeeExport(c *gin.Context) {
	ctx := c.Request.Context()
	sc, err := s.scopeOf(ctx, caller(c))
	if err != nil {
		s.fail(c, err)
		return
	}
	var buf bytes.Buffer
	if err := importer.ExportEmployees(ctx, &buf, scopedEmployees{s.deps.Store, sc}); err != nil {
		s.fail(c, err)
		return
	}
	name := "pegawai-" + s.deps.Clock.Now().In(s.deps.Location).Format("20060102") + ".xlsx"
	c.Header("Content-Disposition", `attachment; filename="`+name+`"`)
	c.Data(http.StatusOK, xlsxType, buf.Bytes())
}

// apiImport imports a multipart "file" of the kind in the path: all rows
// or none; a file with problems answers 422 with every problem and its row.
func (s *Server) apiImport(c *gin.Context) {
	ctx := c.Request.Context()
	kind, ok := importer.ParseKind(c.Param("kind"))
	if !ok {
		s.fail(c, core.ErrNotFound)
		return
	}
	name, data, err := readUpload(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	b, err := s.parseImport(ctx, kind, name, data)
	var res importer.Result
	if err == nil {
		res, err = s.applyImport(ctx, caller(c), b)
	}
	if err != nil {
		if v, ok := core.AsValidation(err); ok {
			p := problemOf(err, i18n.ID)
			type rowProblem struct {
				Row     int    `json:"row,omitempty"`
				Column  string `json:"column"`
				Message string `json:"message"`
			}
			rows := make([]rowProblem, len(v.Fields))
			for i, f := range v.Fields {
				rows[i] = rowProblem{Row: f.Row, Column: f.Field, Message: i18n.T(i18n.ID, f.Key, f.Args...)}
			}
			c.AbortWithStatusJSON(p.Status, gin.H{"error": gin.H{"code": p.Code, "message": p.Message, "problems": rows}})
			return
		}
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, gin.H{"kind": res.Kind, "created": res.Created, "updated": res.Updated, "rows": b.Rows})
}

package admin

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/seimbang/seimbang/core"
)

// MaxAttachmentBytes is the largest attachment the panel opens: the
// largest file the Bot API's getFile hands out.
const MaxAttachmentBytes = 20 << 20

// attachmentTypes are the content types an attachment is shown inline
// with; anything else is offered as a download.
var attachmentTypes = map[string]string{
	"image/jpeg": ".jpg", "image/png": ".png", "image/gif": ".gif", "image/webp": ".webp", "application/pdf": ".pdf",
}

// TelegramFiles opens files through the Bot API: getFile for the file's
// path, then the file endpoint for its bytes. Its errors never carry the
// token.
type TelegramFiles struct {
	APIURL string // https://api.telegram.org or a self-hosted Bot API server
	Token  string
	Client *http.Client // a client with a 60 s timeout when nil
}

var filesClient = &http.Client{Timeout: 60 * time.Second}

// OpenFile implements BotFiles.
func (f TelegramFiles) OpenFile(ctx context.Context, fileID string) (io.ReadCloser, error) {
	client := f.Client
	if client == nil {
		client = filesClient
	}
	base := strings.TrimRight(f.APIURL, "/")
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/bot"+f.Token+"/getFile?"+url.Values{"file_id": {fileID}}.Encode(), nil)
	if err != nil {
		return nil, fmt.Errorf("bot api getFile: bad url: %w", core.ErrUnavailable)
	}
	resp, err := client.Do(req)
	if err != nil {
		// The *url.Error holds the URL, and so the token: keep it out.
		return nil, fmt.Errorf("bot api getFile: %s: %w", redact(err.Error(), f.Token), core.ErrUnavailable)
	}
	defer resp.Body.Close()
	var out struct {
		OK          bool   `json:"ok"`
		ErrorCode   int    `json:"error_code"`
		Description string `json:"description"`
		Result      struct {
			FilePath string `json:"file_path"`
			FileSize int64  `json:"file_size"`
		} `json:"result"`
	}
	if err := json.NewDecoder(io.LimitReader(resp.Body, 1<<16)).Decode(&out); err != nil {
		return nil, fmt.Errorf("bot api getFile: status %d, undecodable answer: %w", resp.StatusCode, core.ErrUnavailable)
	}
	switch {
	case !out.OK && strings.Contains(strings.ToLower(out.Description), "too big"):
		return nil, core.Invalid("lampiran", "err.attachment_too_large", MaxAttachmentBytes>>20)
	case !out.OK && out.ErrorCode == http.StatusBadRequest:
		return nil, fmt.Errorf("bot api getFile: %s: %w", out.Description, core.ErrNotFound)
	case !out.OK || out.Result.FilePath == "":
		return nil, fmt.Errorf("bot api getFile: %d %s: %w", out.ErrorCode, out.Description, core.ErrUnavailable)
	case out.Result.FileSize > MaxAttachmentBytes:
		return nil, core.Invalid("lampiran", "err.attachment_too_large", MaxAttachmentBytes>>20)
	}
	segs := strings.Split(out.Result.FilePath, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	req, err = http.NewRequestWithContext(ctx, http.MethodGet, base+"/file/bot"+f.Token+"/"+strings.Join(segs, "/"), nil)
	if err != nil {
		return nil, fmt.Errorf("bot api file: bad url: %w", core.ErrUnavailable)
	}
	fresp, err := client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("bot api file: %s: %w", redact(err.Error(), f.Token), core.ErrUnavailable)
	}
	switch {
	case fresp.StatusCode == http.StatusNotFound:
		fresp.Body.Close()
		return nil, fmt.Errorf("bot api file: 404: %w", core.ErrNotFound)
	case fresp.StatusCode != http.StatusOK:
		fresp.Body.Close()
		return nil, fmt.Errorf("bot api file: status %d: %w", fresp.StatusCode, core.ErrUnavailable)
	case fresp.ContentLength > MaxAttachmentBytes:
		fresp.Body.Close()
		return nil, core.Invalid("lampiran", "err.attachment_too_large", MaxAttachmentBytes>>20)
	}
	return fresp.Body, nil
}

func redact(s, token string) string {
	if token == "" {
		return s
	}
	return strings.ReplaceAll(s, token, "<token>")
}

// objectionFile streams attachment n (from 1) of an objection in scope:
// the panel fetches it from the Bot API, so the browser never sees the
// bot's token. Photos and PDFs are shown inline with their own content
// type; anything else is a download. A file over MaxAttachmentBytes is
// refused, or cut off with a broken connection when it grows on the way.
func (s *Server) objectionFile(c *gin.Context) {
	ctx := c.Request.Context()
	o, err := s.objectionInScope(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	n, err := strconv.Atoi(c.Param("n"))
	if err != nil || n < 1 || n > len(o.Attachments) {
		s.fail(c, core.ErrNotFound)
		return
	}
	if s.deps.Files == nil {
		s.fail(c, core.Invalid("lampiran", "err.attachments_off"))
		return
	}
	body, err := s.deps.Files.OpenFile(ctx, o.Attachments[n-1])
	if err != nil {
		s.fail(c, err)
		return
	}
	defer body.Close()
	head := make([]byte, 512)
	k, err := io.ReadFull(body, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		s.fail(c, fmt.Errorf("read attachment: %w", core.ErrUnavailable))
		return
	}
	head = head[:k]
	ctype := http.DetectContentType(head)
	if i := strings.IndexByte(ctype, ';'); i >= 0 {
		ctype = ctype[:i]
	}
	ext, inline := attachmentTypes[ctype]
	disposition := "inline"
	if !inline {
		ctype, ext, disposition = "application/octet-stream", ".bin", "attachment"
	}
	h := c.Writer.Header()
	h.Set("Content-Type", ctype)
	h.Set("Content-Disposition", fmt.Sprintf(`%s; filename="keberatan-%s-%d%s"`, disposition, safeName(o.Receipt), n, ext))
	h.Set("Cache-Control", "private, no-store")
	// The file is shown by the browser's own viewer, not by our pages.
	h.Set("Content-Security-Policy", "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; object-src 'self'")
	c.Status(http.StatusOK)
	if _, err := c.Writer.Write(head); err != nil {
		return
	}
	rest := io.LimitReader(body, int64(MaxAttachmentBytes-len(head))+1)
	written, err := io.Copy(c.Writer, rest)
	if err != nil {
		s.deps.Log.WarnContext(ctx, "attachment stream failed", slog.Int64("objection_id", o.ID), slog.String("error", err.Error()))
		panic(http.ErrAbortHandler)
	}
	if written+int64(len(head)) > MaxAttachmentBytes {
		s.deps.Log.WarnContext(ctx, "attachment over the size cap cut off", slog.Int64("objection_id", o.ID))
		panic(http.ErrAbortHandler)
	}
}

// safeName keeps letters, digits and dashes of s for a file name.
func safeName(s string) string {
	var b bytes.Buffer
	for _, r := range s {
		if r == '-' || (r >= '0' && r <= '9') || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') {
			b.WriteRune(r)
		}
	}
	return b.String()
}

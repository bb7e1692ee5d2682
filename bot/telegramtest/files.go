package telegramtest

import (
	"bytes"
	"context"
	"fmt"
	"image"
	_ "image/gif"  // photo dimensions
	_ "image/jpeg" // photo dimensions
	_ "image/png"  // photo dimensions
	"mime"
	"net/http"
	"path"
	"strings"
)

// maxDownload is the largest file getFile serves, as in Telegram.
const maxDownload = 20 << 20

// file is a file the fake stores: uploaded by the bot or sent by a user.
type file struct {
	id, uniqueID string
	kind         string // "document" or "photo"
	name, mime   string
	data         []byte
	path         string
	width        int
	height       int
}

// newFile makes a file from uploaded bytes with the next file id; it is
// stored only by storeFile. Photos must decode as GIF, JPEG or PNG
// (otherwise 400 IMAGE_PROCESS_FAILED, as Telegram). Callers hold mu.
func (s *Server) newFile(kind, name string, data []byte) (*file, *apiError) {
	s.nextFile++
	n := s.nextFile
	f := &file{kind: kind, name: name, data: data,
		id:       fmt.Sprintf("fake-%s-%06d", kind, n),
		uniqueID: fmt.Sprintf("fake-unique-%06d", n),
	}
	ext := path.Ext(name)
	f.mime = mime.TypeByExtension(ext)
	if f.mime == "" {
		f.mime = "application/octet-stream"
	}
	if kind == "photo" {
		cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
		if err != nil {
			return nil, badRequest("IMAGE_PROCESS_FAILED")
		}
		f.width, f.height, f.mime, ext = cfg.Width, cfg.Height, "image/"+format, "."+format
	}
	if i := strings.IndexByte(f.mime, ';'); i >= 0 {
		f.mime = f.mime[:i]
	}
	f.path = fmt.Sprintf("%ss/file_%d%s", kind, n, ext)
	return f, nil
}

// storeFile makes f reachable by id and by download path. Callers hold mu.
func (s *Server) storeFile(f *file) {
	s.files[f.id] = f
	s.paths[f.path] = f
}

// mediaParam reads the document or photo parameter of a send: an upload
// (stored: false) or the id of a stored file (stored: true). Callers hold mu.
func (s *Server) mediaParam(p params, kind string) (f *file, stored bool, aerr *apiError) {
	if up, ok := p.files[kind]; ok {
		f, aerr := s.newFile(kind, up.name, up.data)
		return f, false, aerr
	}
	ref := p.get(kind)
	if name, ok := strings.CutPrefix(ref, "attach://"); ok {
		if up, found := p.files[name]; found {
			f, aerr := s.newFile(kind, up.name, up.data)
			return f, false, aerr
		}
	}
	switch {
	case ref == "":
		return nil, false, badRequest("there is no %s in the request", kind)
	case strings.HasPrefix(ref, "http://"), strings.HasPrefix(ref, "https://"):
		return nil, false, badRequest("failed to get HTTP URL content")
	}
	f, ok := s.files[ref]
	if !ok {
		return nil, false, badRequest("wrong file identifier/HTTP URL specified")
	}
	if f.kind != kind {
		return nil, false, badRequest("type of file mismatch")
	}
	return f, true, nil
}

// attach puts f into m as a document or a photo.
func attach(m *Message, f *file) {
	if f.kind == "photo" {
		m.Photo = []PhotoSize{{FileID: f.id, FileUniqueID: f.uniqueID, Width: f.width, Height: f.height, FileSize: int64(len(f.data))}}
		return
	}
	m.Document = &Document{FileID: f.id, FileUniqueID: f.uniqueID, FileName: f.name, MimeType: f.mime, FileSize: int64(len(f.data))}
}

// getFile returns a stored file's path for the download route; files over
// 20 MB answer 400 "file is too big", as in Telegram.
func (s *Server) getFile(_ context.Context, p params) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f, ok := s.files[p.get("file_id")]
	if !ok {
		return nil, badRequest("invalid file_id")
	}
	if len(f.data) > maxDownload {
		return nil, badRequest("file is too big")
	}
	return File{FileID: f.id, FileUniqueID: f.uniqueID, FileSize: int64(len(f.data)), FilePath: f.path}, nil
}

// serveFile answers /file/bot<token>/<file_path> with the file's bytes.
func (s *Server) serveFile(w http.ResponseWriter, _ *http.Request, rest string) {
	token, filePath, _ := strings.Cut(rest, "/")
	if token != s.cfg.token {
		writeJSON(w, http.StatusUnauthorized, errorBody(errUnauthorized))
		return
	}
	s.mu.Lock()
	f, ok := s.paths[filePath]
	s.mu.Unlock()
	if !ok {
		writeJSON(w, http.StatusNotFound, errorBody(errNotFound))
		return
	}
	w.Header().Set("Content-Type", f.mime)
	_, _ = w.Write(f.data)
}

// FileContent returns the bytes of a stored file: one the bot uploaded
// (find its id in the sent Message's Document or Photo) or one a user sent.
func (s *Server) FileContent(fileID string) ([]byte, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f, ok := s.files[fileID]
	if !ok {
		return nil, false
	}
	return bytes.Clone(f.data), true
}

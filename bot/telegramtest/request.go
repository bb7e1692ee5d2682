package telegramtest

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// params are a call's parameters, whatever encoding carried them: the URL
// query, a JSON object, a urlencoded form or a multipart form. Every value is
// kept as text: strings as they are, numbers and booleans as their literal,
// objects and arrays as JSON (the form Telegram expects them in inside forms).
type params struct {
	values map[string]string
	files  map[string]upload
}

// upload is a file part of a multipart body.
type upload struct {
	name string
	data []byte
}

// readParams reads the parameters of r. A body that is empty, whatever its
// declared type, means no parameters: the library sends an empty body with a
// multipart Content-Type for calls without parameters (raw_request.go).
func readParams(r *http.Request, limit int64) (params, *apiError) {
	p := params{values: map[string]string{}, files: map[string]upload{}}
	for k, v := range r.URL.Query() {
		p.values[k] = v[0]
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, limit+1))
	if err != nil {
		return p, badRequest("can't read request body")
	}
	if int64(len(body)) > limit {
		return p, errTooLarge
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return p, nil
	}
	mediaType, mtParams, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch mediaType {
	case "application/json":
		return p, p.readJSON(body)
	case "application/x-www-form-urlencoded":
		form, err := url.ParseQuery(string(body))
		if err != nil {
			return p, badRequest("can't parse form")
		}
		for k, v := range form {
			p.values[k] = v[0]
		}
		return p, nil
	case "multipart/form-data":
		return p, p.readMultipart(body, mtParams["boundary"])
	}
	return p, nil
}

// readJSON reads a JSON object body.
func (p params) readJSON(body []byte) *apiError {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(body, &obj); err != nil {
		return badRequest("can't parse JSON object")
	}
	for k, raw := range obj {
		raw = bytes.TrimSpace(raw)
		switch {
		case bytes.Equal(raw, []byte("null")):
		case len(raw) > 0 && raw[0] == '"':
			var s string
			if err := json.Unmarshal(raw, &s); err != nil {
				return badRequest("can't parse JSON object")
			}
			p.values[k] = s
		default:
			p.values[k] = string(raw)
		}
	}
	return nil
}

// readMultipart reads a multipart/form-data body, files included.
func (p params) readMultipart(body []byte, boundary string) *apiError {
	mr := multipart.NewReader(bytes.NewReader(body), boundary)
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return badRequest("can't parse multipart/form-data")
		}
		data, err := io.ReadAll(part)
		if err != nil {
			return badRequest("can't parse multipart/form-data")
		}
		if part.FileName() != "" {
			p.files[part.FormName()] = upload{name: part.FileName(), data: data}
			continue
		}
		p.values[part.FormName()] = string(data)
	}
}

// get returns a parameter's text, empty when absent.
func (p params) get(name string) string { return p.values[name] }

// boolean reports whether a parameter is true.
func (p params) boolean(name string) bool {
	v := strings.ToLower(p.values[name])
	return v == "true" || v == "1"
}

// integer returns a numeric parameter; absent or empty is 0 with ok false.
// A value that is not a number answers 400.
func (p params) integer(name string) (n int64, ok bool, aerr *apiError) {
	v, given := p.values[name]
	if !given || v == "" {
		return 0, false, nil
	}
	n, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
	if err != nil {
		return 0, false, badRequest("field %q must be a valid Number", name)
	}
	return n, true, nil
}

// chatID returns the numeric chat_id, or 0, for the request log.
func (p params) chatID() int64 {
	n, _ := strconv.ParseInt(p.values["chat_id"], 10, 64)
	return n
}

package admin

import (
	"errors"
	"net/http"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/i18n"
)

// problem is an error as a person sees it: an HTTP status, a stable code
// for programs, a message in the person's language and, for invalid input,
// the message of each field.
type problem struct {
	Status  int               `json:"-"`
	Code    string            `json:"code"`
	Message string            `json:"message"`
	Fields  map[string]string `json:"fields,omitempty"`
	// Internal is true when the cause must be logged, not shown.
	Internal bool `json:"-"`
}

// problemOf maps a core error to what a person sees. It is the only place
// where errors become statuses and messages, for pages and the API alike.
func problemOf(err error, lang i18n.Lang) problem {
	if v, ok := core.AsValidation(err); ok {
		p := problem{Status: http.StatusUnprocessableEntity, Code: "validation", Message: v.Message(lang), Fields: map[string]string{}}
		for _, f := range v.Fields {
			if _, dup := p.Fields[f.Field]; !dup {
				p.Fields[f.Field] = f.Message(lang)
			}
		}
		return p
	}
	var ce *core.ConflictError
	if errors.As(err, &ce) {
		p := problem{Status: http.StatusConflict, Code: "conflict", Message: ce.Message(lang)}
		if ce.Field != "" {
			p.Fields = map[string]string{ce.Field: p.Message}
		}
		return p
	}
	switch {
	case errors.Is(err, core.ErrNotFound):
		return problem{Status: http.StatusNotFound, Code: "not_found", Message: i18n.T(lang, "err.not_found")}
	case errors.Is(err, core.ErrForbidden):
		return problem{Status: http.StatusForbidden, Code: "forbidden", Message: i18n.T(lang, "err.forbidden")}
	case errors.Is(err, core.ErrInvalidState):
		return problem{Status: http.StatusConflict, Code: "invalid_state", Message: i18n.T(lang, "err.invalid_state")}
	case errors.Is(err, core.ErrConflict):
		return problem{Status: http.StatusConflict, Code: "conflict", Message: i18n.T(lang, "err.conflict")}
	case errors.Is(err, core.ErrUnavailable):
		return problem{Status: http.StatusServiceUnavailable, Code: "unavailable", Message: i18n.T(lang, "err.unavailable"), Internal: true}
	case errors.Is(err, errUnauthorized):
		return problem{Status: http.StatusUnauthorized, Code: "unauthorized", Message: i18n.T(lang, "admin.err.unauthorized")}
	case errors.Is(err, errCSRF):
		return problem{Status: http.StatusForbidden, Code: "csrf", Message: i18n.T(lang, "admin.err.csrf")}
	case errors.Is(err, errTooMany):
		return problem{Status: http.StatusTooManyRequests, Code: "too_many_requests", Message: i18n.T(lang, "admin.err.too_many")}
	case errors.Is(err, errTooLarge):
		return problem{Status: http.StatusRequestEntityTooLarge, Code: "too_large", Message: i18n.T(lang, "admin.err.too_large")}
	case errors.Is(err, errBadRequest):
		return problem{Status: http.StatusBadRequest, Code: "bad_request", Message: i18n.T(lang, "admin.err.bad_request")}
	}
	return problem{Status: http.StatusInternalServerError, Code: "internal", Message: i18n.T(lang, "err.internal"), Internal: true}
}

// Errors of the edge itself, mapped by problemOf.
var (
	errUnauthorized = errors.New("unauthorized")
	errCSRF         = errors.New("csrf token missing or wrong")
	errTooMany      = errors.New("too many requests")
	errBadRequest   = errors.New("bad request")
	errTooLarge     = errors.New("request body too large")
)

package telegramtest

import (
	"fmt"
	"net/http"
)

// apiError is an unsuccessful Bot API answer: the HTTP status equals code,
// the body is {"ok":false,"error_code":code,"description":...}.
type apiError struct {
	code        int
	description string
	retryAfter  int
}

var (
	errUnauthorized = &apiError{code: http.StatusUnauthorized, description: "Unauthorized"}
	errNotFound     = &apiError{code: http.StatusNotFound, description: "Not Found"}
	errInternal     = &apiError{code: http.StatusInternalServerError, description: "Internal Server Error"}
	errBlocked      = &apiError{code: http.StatusForbidden, description: "Forbidden: bot was blocked by the user"}
	errTooLarge     = &apiError{code: http.StatusRequestEntityTooLarge, description: "Request Entity Too Large"}
	errChatNotFound = badRequest("chat not found")
)

// badRequest returns a 400 whose description is "Bad Request: " and the
// formatted text, as Telegram words them.
func badRequest(format string, args ...any) *apiError {
	return &apiError{code: http.StatusBadRequest, description: "Bad Request: " + fmt.Sprintf(format, args...)}
}

// conflict returns a 409 with Telegram's "Conflict: " prefix.
func conflict(text string) *apiError {
	return &apiError{code: http.StatusConflict, description: "Conflict: " + text}
}

// tooManyRequests returns a 429 asking to retry after the given seconds.
func tooManyRequests(seconds int) *apiError {
	return &apiError{
		code:        http.StatusTooManyRequests,
		description: fmt.Sprintf("Too Many Requests: retry after %d", seconds),
		retryAfter:  seconds,
	}
}

// errorBody returns the JSON body Telegram answers e with.
func errorBody(e *apiError) map[string]any {
	body := map[string]any{"ok": false, "error_code": e.code, "description": e.description}
	if e.retryAfter > 0 {
		body["parameters"] = map[string]any{"retry_after": e.retryAfter}
	}
	return body
}

// badGatewayHTML is what Telegram's front end answers when the API behind it
// is down: not JSON, so clients fail to decode it.
const badGatewayHTML = `<html>
<head><title>502 Bad Gateway</title></head>
<body>
<center><h1>502 Bad Gateway</h1></center>
<hr><center>nginx/1.18.0</center>
</body>
</html>
`

package bot

import (
	"errors"
	"strconv"
	"strings"

	"github.com/seimbang/seimbang/core"
)

// callback is parsed inline-button data: "verb:id" or "verb:id:arg". It is
// untrusted input (a modified client sends anything), so parseCallback
// accepts only known verbs with their exact shape, and every handler still
// checks that the object named belongs to the sender.
type callback struct {
	Verb string
	ID   int64
	Arg  string
}

// Callback verbs and whether they take an argument.
const (
	cbAck        = "ack" // acknowledge transfer ID
	cbObject     = "obj" // start an objection against transfer ID
	cbDetail     = "det" // show transfer ID
	cbObjCat     = "oc"  // objection category Arg for transfer ID
	cbObjStep    = "ox"  // objection step Arg (skip, send, cancel) for transfer ID
	cbLang       = "lang"
	cbPrefStart  = "ps" // start the preference flow
	cbPrefUnit   = "pu" // pick unit ID
	cbPrefPage   = "pp" // show page ID of the unit list
	cbPrefNext   = "pn" // units chosen
	cbPrefWill   = "pw" // willingness Arg
	cbPrefCons   = "pc" // toggle constraint Arg, or "done"
	cbPrefReason = "pr" // skip the reason
	cbPrefSave   = "px" // save (Arg "ok") or cancel
	cbSurvey     = "sv" // start or resume invitation ID
	cbAnswer     = "sa" // answer to invitation ID: Arg "<seq>_<value>"
)

var callbackArgs = map[string]bool{
	cbAck: false, cbObject: false, cbDetail: false, cbObjCat: true, cbObjStep: true, cbLang: true,
	cbPrefStart: false, cbPrefUnit: false, cbPrefPage: false, cbPrefNext: false, cbPrefWill: true,
	cbPrefCons: true, cbPrefReason: false, cbPrefSave: true, cbSurvey: false, cbAnswer: true,
}

// maxCallbackData is Telegram's limit on callback_data, in bytes.
const maxCallbackData = 64

var errBadCallback = errors.New("malformed callback data")

// parseCallback parses data strictly: a known verb, a decimal id without
// sign or leading zeros, and for verbs that take one an argument of 1–16
// lower-case letters, digits and '_'.
func parseCallback(data string) (callback, error) {
	if len(data) == 0 || len(data) > maxCallbackData {
		return callback{}, errBadCallback
	}
	parts := strings.Split(data, ":")
	if len(parts) < 2 {
		return callback{}, errBadCallback
	}
	withArg, known := callbackArgs[parts[0]]
	if !known || (withArg && len(parts) != 3) || (!withArg && len(parts) != 2) {
		return callback{}, errBadCallback
	}
	id, ok := parseID(parts[1])
	if !ok {
		return callback{}, errBadCallback
	}
	c := callback{Verb: parts[0], ID: id}
	if withArg {
		if !validArg(parts[2]) {
			return callback{}, errBadCallback
		}
		c.Arg = parts[2]
	}
	return c, nil
}

func parseID(s string) (int64, bool) {
	if s == "" || len(s) > 18 || (len(s) > 1 && s[0] == '0') {
		return 0, false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return 0, false
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	return n, err == nil
}

func validArg(s string) bool {
	if s == "" || len(s) > 16 {
		return false
	}
	for _, r := range s {
		if !(r == '_' || (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9')) {
			return false
		}
	}
	return true
}

// String encodes c as callback data.
func (c callback) String() string {
	s := c.Verb + ":" + strconv.FormatInt(c.ID, 10)
	if c.Arg != "" {
		s += ":" + c.Arg
	}
	return s
}

// cb returns the callback data for verb, id and an optional argument.
func cb(verb string, id int64, arg ...string) string {
	c := callback{Verb: verb, ID: id}
	if len(arg) > 0 {
		c.Arg = arg[0]
	}
	return c.String()
}

// outboxVerbs maps core's button actions to callback verbs.
var outboxVerbs = map[string]string{
	core.ButtonAcknowledge: cbAck,
	core.ButtonObject:      cbObject,
	core.ButtonDetail:      cbDetail,
	core.ButtonSurvey:      cbSurvey,
}

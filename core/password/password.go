// Package password hashes and checks admin passwords with bcrypt.
package password

import (
	"unicode/utf8"

	"golang.org/x/crypto/bcrypt"

	"github.com/seimbang/seimbang/core"
)

// MinLength is the shortest accepted password.
const MinLength = 10

// cost is bcrypt's work factor: about 0.2 s per check on a small server,
// which slows guessing without slowing a person down.
const cost = 12

// Hash returns the bcrypt hash of pw. It returns a *core.ValidationError
// when pw is shorter than MinLength or longer than bcrypt accepts.
func Hash(pw string) (string, error) {
	if utf8.RuneCountInString(pw) < MinLength {
		return "", core.Invalid("kata_sandi", "err.password_short", MinLength)
	}
	if len(pw) > 72 {
		return "", core.Invalid("kata_sandi", "err.too_long", 72)
	}
	h, err := bcrypt.GenerateFromPassword([]byte(pw), cost)
	if err != nil {
		return "", err
	}
	return string(h), nil
}

// Check reports whether pw matches hash.
func Check(hash, pw string) bool {
	err := bcrypt.CompareHashAndPassword([]byte(hash), []byte(pw))
	return err == nil
}

// Generate returns a random password a person can type: 20 characters of
// letters and digits, about 100 bits.
func Generate() string { return core.NewSecret(13)[:20] }

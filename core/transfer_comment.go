package core

import (
	"strings"
	"time"
)

// TransferComment is a remark an admin user (usually a unit head) leaves on
// a proposal for HR to read; it decides nothing.
type TransferComment struct {
	ID         int64
	TransferID int64
	AuthorID   int64  // the admin user
	AuthorName string // filled in when read
	Text       string
	CreatedAt  time.Time
}

// MaxCommentText bounds a comment's text.
const MaxCommentText = 2000

// Validate checks the comment's own fields.
func (c *TransferComment) Validate() error {
	v := &ValidationError{}
	c.Text = strings.TrimSpace(c.Text)
	if c.Text == "" {
		v.Add("komentar", "err.required")
	} else if len([]rune(c.Text)) > MaxCommentText {
		v.Add("komentar", "err.too_long", MaxCommentText)
	}
	if c.TransferID == 0 || c.AuthorID == 0 {
		v.Add("komentar", "err.required")
	}
	return v.Err()
}

package main

import (
	"strings"

	"github.com/seimbang/seimbang/admin"
	"github.com/seimbang/seimbang/core/gormstore"
	"github.com/seimbang/seimbang/core/redisstore"
)

var _ admin.Store = (*gormstore.Store)(nil)

// withPanel adds to d what the panel and the JSON API need: the database,
// sessions in Redis, Secure cookies behind an https BaseURL, and the zone
// times are shown in.
func withPanel(cfg Config, st *gormstore.Store, rc *redisstore.Conn, d admin.Deps) admin.Deps {
	d.Store = st
	d.Sessions = redisstore.NewAdminSessions(rc)
	d.SecureCookies = strings.HasPrefix(strings.ToLower(cfg.BaseURL), "https://")
	d.Location = cfg.TimeZone
	return d
}

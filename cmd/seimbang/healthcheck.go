package main

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"time"
)

// healthcheck asks the local server's /readyz and fails when it is not
// ready; container healthchecks run it (the image has no curl).
func (a *app) healthcheck(ctx context.Context, args []string) error {
	fs, build := a.flags("healthcheck", "healthcheck [options]")
	if err := parse(fs, args); err != nil {
		return err
	}
	cfg, err := build()
	if err != nil {
		return err
	}
	_, port, _ := net.SplitHostPort(cfg.HTTPAddr)
	ctx, cancel := context.WithTimeout(ctx, 4*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://127.0.0.1:"+port+"/readyz", nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("not ready: %w", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("not ready: /readyz answered %d", resp.StatusCode)
	}
	return nil
}

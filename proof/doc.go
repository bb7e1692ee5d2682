// Package proof holds the proof suite of issue 8: end-to-end scenarios that
// build the real binary, start it against its own MariaDB and Redis
// servers and the fake Bot API (bot/telegramtest), drive it under load and
// faults, and print one line per scenario with what was counted.
//
// The scenarios are tests behind the build tag "proof", as they start and
// kill servers and take minutes:
//
//	make proof                        # the full run
//	SEIMBANG_PROOF=short make proof   # the short run CI does
//
// Each line starts with "PROOF <scenario>:" and the figures follow; a
// scenario whose counts show lost or duplicated work fails.
package proof

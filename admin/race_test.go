//go:build race

package admin

// raceEnabled is true when the tests run under the race detector, which
// makes loading the demo regency slow.
const raceEnabled = true

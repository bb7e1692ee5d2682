//go:build !unix

package importer_test

import "time"

// cpuTime is unknown outside unix systems.
func cpuTime() time.Duration { return 0 }

// Spilno keeps a community's inter-sector protocol, referrals and catalogue
// of social services in one SQLite file. Run with no arguments for the
// window; `spilno help` lists the headless commands.
package main

import (
	"os"
	"runtime/debug"

	"spilno/app"
	"spilno/cli"
)

// version is stamped by dist.sh and run.sh: -ldflags "-X main.version=…",
// from `git describe --tags`.
var version string

func main() {
	os.Exit(cli.Run(os.Args[1:], cli.Env{Version: built(), Stdout: os.Stdout, Stderr: os.Stderr, OpenWindow: app.Run}))
}

// built is the stamped version, or for a plain `go build` the commit it
// was built from.
func built() string {
	if version != "" {
		return version
	}
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, s := range info.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 7 {
				return "dev-" + s.Value[:7]
			}
		}
	}
	return "dev"
}

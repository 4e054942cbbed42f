// Spilno keeps a community's inter-sector protocol, referrals and catalogue
// of social services in one SQLite file. Run with no arguments for the
// window; `spilno help` lists the headless commands.
package main

import (
	"os"

	"spilno/app"
	"spilno/cli"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "0.1.0"

func main() {
	os.Exit(cli.Run(os.Args[1:], cli.Env{Version: version, Stdout: os.Stdout, Stderr: os.Stderr, OpenWindow: app.Run}))
}

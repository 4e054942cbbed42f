// Spilno keeps a community's inter-sector protocol, referrals and catalogue
// of social services in one SQLite file. Run with no arguments for the
// window; see usage for the headless commands.
package main

import "os"

// version is set at build time with -ldflags "-X main.version=…".
var version = "0.1.0"

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

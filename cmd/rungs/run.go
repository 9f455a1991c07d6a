package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"runtime/debug"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = ""

// run is the whole program: it parses the subcommand, loads the
// configuration and returns an error instead of exiting, so tests can drive it.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	cmd, rest := "serve", args
	if len(args) > 0 {
		cmd, rest = args[0], args[1:]
	}
	switch cmd {
	case "-h", "--help", "help":
		_, err := io.WriteString(stdout, usage())
		return err
	case "version", "--version":
		_, err := fmt.Fprintln(stdout, "rungs", buildVersion())
		return err
	}
	cfg, err := loadConfig(getenv)
	if err != nil {
		return err
	}
	log := slog.New(slog.NewJSONHandler(stderr, &slog.HandlerOptions{Level: cfg.LogLevel}))
	switch cmd {
	case "serve":
		if len(rest) > 0 {
			return fmt.Errorf("serve takes no arguments; see rungs --help")
		}
		return serve(ctx, cfg, log)
	case "migrate":
		return migrateCommand(ctx, cfg, rest, stdout)
	case "framework":
		return frameworkCommand(ctx, cfg, rest, stdin, stdout)
	case "admin":
		return adminCommand(ctx, cfg, rest, stdin, stdout)
	case "healthcheck":
		return healthcheckCommand(ctx, cfg, rest, stdout)
	}
	return fmt.Errorf("unknown command %q; see rungs --help", cmd)
}

func buildVersion() string {
	if version != "" {
		return version
	}
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, s := range info.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 {
				return "dev-" + s.Value[:12]
			}
		}
	}
	return "dev"
}

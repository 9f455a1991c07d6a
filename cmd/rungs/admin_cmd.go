package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"

	"github.com/rungs/rungs/service"
)

const adminUsage = "usage: rungs admin create --email EMAIL [--name NAME] (password on stdin, or generated and printed once)"

// adminCommand bootstraps administrators: `rungs admin create --email E`.
// The password is the first line of stdin when one is piped in; otherwise a
// random one is generated and printed once.
func adminCommand(ctx context.Context, cfg config, args []string, stdin io.Reader, stdout io.Writer) error {
	if len(args) == 0 || args[0] != "create" {
		return errors.New(adminUsage)
	}
	fs := flag.NewFlagSet("admin create", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	email := fs.String("email", "", "the administrator's email")
	name := fs.String("name", "Administrator", "display name")
	if err := fs.Parse(args[1:]); err != nil || *email == "" || fs.NArg() > 0 {
		return errors.New(adminUsage)
	}
	password, generated, err := adminPassword(stdin)
	if err != nil {
		return err
	}
	db, _, err := openMigrated(ctx, cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	svc, err := wireAuth(ctx, cfg, db, slog.New(slog.DiscardHandler), nil)
	if err != nil {
		return err
	}
	u, err := svc.auth.CreateAdmin(ctx, service.NewAccount{Email: *email, DisplayName: *name, Password: password})
	if err != nil {
		return fmt.Errorf("create admin: %w", err)
	}
	if _, err := fmt.Fprintf(stdout, "created admin %s (%s)\n", u.Email, u.ID); err != nil {
		return err
	}
	if generated {
		_, err = fmt.Fprintf(stdout, "password (shown once, store it now): %s\n", password)
	}
	return err
}

// adminPassword reads the first line of stdin when it is not a terminal;
// with nothing there it generates one.
func adminPassword(stdin io.Reader) (string, bool, error) {
	if f, ok := stdin.(*os.File); ok {
		if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
			stdin = nil
		}
	}
	if stdin != nil {
		line, err := bufio.NewReader(io.LimitReader(stdin, 4096)).ReadString('\n')
		if err != nil && !errors.Is(err, io.EOF) {
			return "", false, fmt.Errorf("read the password from stdin: %w", err)
		}
		if pw := strings.TrimRight(line, "\r\n"); pw != "" {
			return pw, false, nil
		}
	}
	return service.GenerateSecret()[:24], true, nil
}

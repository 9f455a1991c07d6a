package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/rungs/rungs/domain"
	"github.com/rungs/rungs/service"
)

const frameworkUsage = `usage (FILE may be - for standard input):
  rungs framework validate FILE         check a framework file and list every problem
  rungs framework import FILE           validate and store it as a new published version
  rungs framework export SLUG@VERSION   print a stored version as JSON (SLUG alone: the latest)`

// maxFrameworkFile bounds what the command reads; the default file is about 100 KiB.
const maxFrameworkFile = 16 << 20

// frameworkCommand is `rungs framework ...`.
func frameworkCommand(ctx context.Context, cfg config, args []string, stdin io.Reader, stdout io.Writer) error {
	if len(args) != 2 {
		return errors.New(frameworkUsage)
	}
	switch args[0] {
	case "validate":
		f, err := readFrameworkFile(args[1], stdin, stdout)
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(stdout, "ok: %s: %d competencies, %d levels, %d backgrounds, %d development actions\n",
			f.Ref(), len(f.Competencies), len(f.Levels), len(f.Backgrounds), len(f.Actions))
		return err
	case "import":
		f, err := readFrameworkFile(args[1], stdin, stdout)
		if err != nil {
			return err
		}
		return withFrameworks(ctx, cfg, func(fw *service.Frameworks) error {
			err := fw.Import(ctx, service.Principal{Kind: service.PrincipalSystem}, f)
			if errors.Is(err, domain.ErrConflict) {
				return fmt.Errorf("%s is already stored; a stored version never changes, so give the new content a new version", f.Ref())
			}
			if err != nil {
				return err
			}
			_, err = fmt.Fprintf(stdout, "imported %s (published)\n", f.Ref())
			return err
		})
	case "export":
		return withFrameworks(ctx, cfg, func(fw *service.Frameworks) error {
			if _, err := fw.EnsureDefault(ctx); err != nil {
				return err
			}
			v, err := fw.View(ctx, args[1])
			if err != nil {
				return err
			}
			enc := json.NewEncoder(stdout)
			enc.SetEscapeHTML(false)
			enc.SetIndent("", "  ")
			return enc.Encode(v.Framework())
		})
	}
	return errors.New(frameworkUsage)
}

// readFrameworkFile decodes and validates a framework file, printing every
// problem to out; the error says how many there were.
func readFrameworkFile(path string, stdin io.Reader, out io.Writer) (*domain.Framework, error) {
	r := stdin
	if path != "-" {
		file, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		defer file.Close()
		r = file
	}
	data, err := io.ReadAll(io.LimitReader(r, maxFrameworkFile+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxFrameworkFile {
		return nil, fmt.Errorf("%s is larger than %d MiB", path, maxFrameworkFile>>20)
	}
	f, err := domain.DecodeFramework(data)
	if err == nil {
		err = f.Validate()
	}
	var verr *domain.ValidationError
	if errors.As(err, &verr) {
		for _, p := range verr.Fields {
			line := p.Field + ": " + p.Message
			if p.Value != "" {
				line += fmt.Sprintf(" (%q)", p.Value)
			}
			if _, err := fmt.Fprintln(out, line); err != nil {
				return nil, err
			}
		}
		return nil, fmt.Errorf("%s: %d problem(s)", path, len(verr.Fields))
	} else if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return f, nil
}

// withFrameworks opens and migrates the database and runs fn on the framework service.
func withFrameworks(ctx context.Context, cfg config, fn func(*service.Frameworks) error) error {
	db, _, err := openMigrated(ctx, cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	return fn(newFrameworkService(db))
}

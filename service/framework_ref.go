package service

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/rungs/rungs/domain"
)

// DefaultFrameworkSlug is the framework read when a request names none.
const DefaultFrameworkSlug = "community-management"

// LatestVersion stands for the highest published version in a reference.
const LatestVersion = "latest"

var (
	refSlugPattern    = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)
	refVersionPattern = regexp.MustCompile(`^[0-9]{1,9}(?:\.[0-9]{1,9}){1,3}$`)
)

// ParseFrameworkRef reads "slug@version", "slug@latest", "slug" (the latest)
// or "" (the latest default). A malformed reference is domain.ErrInvalid.
func ParseFrameworkRef(ref string) (slug, version string, err error) {
	if ref == "" {
		return DefaultFrameworkSlug, LatestVersion, nil
	}
	slug, version, found := strings.Cut(ref, "@")
	if !found {
		version = LatestVersion
	}
	if len(slug) > 64 || !refSlugPattern.MatchString(slug) || (version != LatestVersion && !refVersionPattern.MatchString(version)) {
		return "", "", domain.Errorf(domain.ErrInvalid, "a framework reference is slug@version, such as %s@2026.1, or slug@latest", DefaultFrameworkSlug)
	}
	return slug, version, nil
}

// nextVersion adds one to the last number: 2026.1 -> 2026.2, 2026.9 -> 2026.10.
func nextVersion(v string) (string, error) {
	i := strings.LastIndexByte(v, '.')
	n, err := strconv.Atoi(v[i+1:])
	if i < 0 || err != nil {
		return "", domain.Errorf(domain.ErrInvalid, "version %q is not dotted numbers", v)
	}
	return v[:i+1] + strconv.Itoa(n+1), nil
}

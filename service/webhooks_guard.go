package service

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"syscall"
	"time"

	"github.com/rungs/rungs/domain"
)

// Webhook delivery limits.
const (
	WebhookTimeout      = 10 * time.Second
	WebhookMaxResponse  = 64 << 10
	MaxWebhookURLLength = 2048
)

// WebhookGuard decides which webhook URLs Rungs may call: https and public
// addresses only, unless AllowPrivate (tests and private deployments) lifts
// both rules. The address actually dialled is checked again, so a name that
// resolves elsewhere later (DNS rebinding) or a redirect gains nothing.
type WebhookGuard struct {
	AllowPrivate bool
	// Resolver looks names up; nil means net.DefaultResolver.
	Resolver interface {
		LookupNetIP(ctx context.Context, network, host string) ([]netip.Addr, error)
	}
}

// CheckURL validates a webhook URL as it is registered, naming the field.
func (g WebhookGuard) CheckURL(ctx context.Context, field, raw string) (*url.URL, error) {
	bad := func(msg string) error {
		verr := &domain.ValidationError{}
		verr.Add(field, "url", msg)
		return verr
	}
	if len(raw) > MaxWebhookURLLength {
		return nil, bad(fmt.Sprintf("must have at most %d characters", MaxWebhookURLLength))
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || u.User != nil || u.Fragment != "" {
		return nil, bad("must be an absolute URL without credentials or fragment")
	}
	switch {
	case u.Scheme == "https":
	case u.Scheme == "http" && g.AllowPrivate:
	default:
		return nil, bad("must use https")
	}
	if g.AllowPrivate {
		return u, nil
	}
	addrs, err := g.lookup(ctx, u.Hostname())
	if err != nil || len(addrs) == 0 {
		return nil, bad("names a host that does not resolve")
	}
	for _, a := range addrs {
		if !PublicAddr(a) {
			return nil, bad("must resolve to a public address, not " + a.String())
		}
	}
	return u, nil
}

func (g WebhookGuard) lookup(ctx context.Context, host string) ([]netip.Addr, error) {
	if a, err := netip.ParseAddr(strings.Trim(host, "[]")); err == nil {
		return []netip.Addr{a}, nil
	}
	if g.Resolver != nil {
		return g.Resolver.LookupNetIP(ctx, "ip", host)
	}
	return net.DefaultResolver.LookupNetIP(ctx, "ip", host)
}

// ErrPrivateAddress is a delivery refused because the address dialled is
// not public.
var ErrPrivateAddress = errors.New("webhook address is not public")

// Client returns the HTTP client deliveries use: a 10 s timeout, no
// redirects followed, and (unless AllowPrivate) a dialer that refuses any
// address that is not public, checked on the address actually connected to.
func (g WebhookGuard) Client() *http.Client {
	dialer := &net.Dialer{Timeout: WebhookTimeout}
	if !g.AllowPrivate {
		dialer.Control = func(_, address string, _ syscall.RawConn) error {
			ap, err := netip.ParseAddrPort(address)
			if err != nil || !PublicAddr(ap.Addr()) {
				return ErrPrivateAddress
			}
			return nil
		}
	}
	return &http.Client{
		Timeout: WebhookTimeout,
		Transport: &http.Transport{
			DialContext:           dialer.DialContext,
			TLSHandshakeTimeout:   WebhookTimeout,
			ResponseHeaderTimeout: WebhookTimeout,
			MaxIdleConnsPerHost:   16,
			Proxy:                 nil, // never through a proxy from the environment
		},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

// PublicAddr reports whether a is a public unicast address: not loopback,
// private (RFC 1918, unique local), link-local (cloud metadata lives there),
// shared (CGNAT), multicast, unspecified or otherwise reserved.
func PublicAddr(a netip.Addr) bool {
	a = a.Unmap()
	if !a.IsValid() || a.IsLoopback() || a.IsPrivate() || a.IsLinkLocalUnicast() || a.IsLinkLocalMulticast() ||
		a.IsInterfaceLocalMulticast() || a.IsMulticast() || a.IsUnspecified() {
		return false
	}
	for _, p := range reserved {
		if p.Contains(a) {
			return false
		}
	}
	return true
}

// reserved are the ranges besides those netip classifies that are never a
// receiver on the internet.
var reserved = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),       // "this network"
	netip.MustParsePrefix("100.64.0.0/10"),   // shared address space (CGNAT)
	netip.MustParsePrefix("192.0.0.0/24"),    // IETF protocol assignments
	netip.MustParsePrefix("192.0.2.0/24"),    // documentation
	netip.MustParsePrefix("198.18.0.0/15"),   // benchmarking
	netip.MustParsePrefix("198.51.100.0/24"), // documentation
	netip.MustParsePrefix("203.0.113.0/24"),  // documentation
	netip.MustParsePrefix("240.0.0.0/4"),     // reserved, and broadcast
	netip.MustParsePrefix("64:ff9b::/96"),    // NAT64 (could reach private IPv4)
	netip.MustParsePrefix("64:ff9b:1::/48"),  // local-use NAT64
	netip.MustParsePrefix("2001:db8::/32"),   // documentation
	netip.MustParsePrefix("2002::/16"),       // 6to4 (embeds IPv4)
	netip.MustParsePrefix("100::/64"),        // discard
}

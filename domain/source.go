package domain

import "net/netip"

// SourceGroup is the unit in which requests from one client address are
// counted, for rate limits and login failures: an IPv4 address by itself,
// an IPv6 address by its /64, the smallest block a subscriber is usually
// given, so that one subscriber cannot spread requests over 2^64 addresses.
// Text that is not an address is kept as it is, cut to 64 bytes.
func SourceGroup(addr string) string {
	ip, err := netip.ParseAddr(addr)
	if err != nil {
		if len(addr) > 64 {
			return addr[:64]
		}
		return addr
	}
	ip = ip.Unmap().WithZone("")
	if ip.Is4() {
		return ip.String()
	}
	p, _ := ip.Prefix(64)
	return p.String()
}

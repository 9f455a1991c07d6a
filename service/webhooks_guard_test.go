package service

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"testing"

	"github.com/rungs/rungs/domain"
)

// fixedResolver answers every name with the same addresses.
type fixedResolver []netip.Addr

func (r fixedResolver) LookupNetIP(context.Context, string, string) ([]netip.Addr, error) {
	return r, nil
}

func TestWebhookURLsMustBePublicHTTPS(t *testing.T) {
	ctx := context.Background()
	public := WebhookGuard{Resolver: fixedResolver{netip.MustParseAddr("93.184.215.14")}}
	loopbackName := WebhookGuard{Resolver: fixedResolver{netip.MustParseAddr("127.0.0.1")}}
	mixed := WebhookGuard{Resolver: fixedResolver{netip.MustParseAddr("93.184.215.14"), netip.MustParseAddr("10.1.2.3")}}
	for _, tc := range []struct {
		name  string
		guard WebhookGuard
		url   string
		ok    bool
	}{
		{"a public https URL", public, "https://hooks.example.com/rungs", true},
		{"http", public, "http://hooks.example.com/rungs", false},
		{"loopback", public, "http://127.0.0.1/hook", false},
		{"loopback over https", public, "https://127.0.0.1/hook", false},
		{"cloud metadata", public, "https://169.254.169.254/latest", false},
		{"a private network", public, "https://10.0.0.1/hook", false},
		{"IPv6 loopback", public, "https://[::1]/hook", false},
		{"IPv4-mapped loopback", public, "https://[::ffff:127.0.0.1]/hook", false},
		{"CGNAT", public, "https://100.64.0.1/hook", false},
		{"a name resolving to loopback", loopbackName, "https://rebind.example.com/hook", false},
		{"a name with one private address", mixed, "https://split.example.com/hook", false},
		{"credentials in the URL", public, "https://user:pw@hooks.example.com/", false},
		{"no host", public, "https:///path", false},
		{"not a URL", public, "::::", false},
		{"allowed private for tests", WebhookGuard{AllowPrivate: true}, "http://127.0.0.1:8080/hook", true},
		{"still a URL when allowed", WebhookGuard{AllowPrivate: true}, "ftp://127.0.0.1/", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tc.guard.CheckURL(ctx, "url", tc.url)
			var verr *domain.ValidationError
			switch {
			case tc.ok && err != nil:
				t.Fatalf("refused: %v", err)
			case !tc.ok && (!errors.As(err, &verr) || verr.Fields[0].Field != "url"):
				t.Fatalf("want a validation error on url, got %v", err)
			}
		})
	}
}

func TestTheDeliveryClientRefusesWhatItDialsAndRedirects(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/redirect" {
			http.Redirect(w, r, "/elsewhere", http.StatusFound)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	}))
	defer srv.Close()
	// Whatever a name resolved to when it was registered, the address
	// dialled (loopback here) is refused.
	if _, err := (WebhookGuard{}).Client().Get(srv.URL); !errors.Is(err, ErrPrivateAddress) {
		t.Fatalf("dialled loopback: %v", err)
	}
	allowed := WebhookGuard{AllowPrivate: true}.Client()
	res, err := allowed.Get(srv.URL + "/redirect")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusFound {
		t.Fatalf("a redirect was followed: %d", res.StatusCode)
	}
}

func TestPublicAddr(t *testing.T) {
	for addr, want := range map[string]bool{
		"93.184.215.14": true, "2606:4700::1111": true,
		"127.0.0.1": false, "10.0.0.1": false, "172.16.0.1": false, "192.168.1.1": false, "169.254.169.254": false,
		"0.0.0.0": false, "100.64.0.1": false, "198.18.0.1": false, "255.255.255.255": false, "::1": false, "fe80::1": false,
		"fc00::1": false, "::ffff:10.0.0.1": false, "64:ff9b::a00:1": false, "2002:a00:1::": false, "224.0.0.1": false,
	} {
		if got := PublicAddr(netip.MustParseAddr(addr)); got != want {
			t.Errorf("PublicAddr(%s) = %v, want %v", addr, got, want)
		}
	}
}

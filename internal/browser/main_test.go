package browser

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/casebook/casebook/internal/build"
	"github.com/casebook/casebook/internal/site"
	"github.com/chromedp/chromedp"
)

// requireEnv, when "1", turns every skip for a missing tool into a failure:
// CI sets it so that it can never pass without running these checks.
const requireEnv = "CASEBOOK_REQUIRE_BROWSER"

// repoRoot is the site (and npm project) root, relative to this package.
const repoRoot = "../.."

// env is what TestMain prepares once for the whole package: the built real
// site, the server in front of it and the browser. Tests only read it.
type env struct {
	site    *site.Site
	dir     string // the built site
	base    string // the server's URL with a trailing slash; also the site's base URL
	host    string // host:port of the server: the only host a page may load from
	browser context.Context
	noTool  string // why there is no browser, when browser is nil
	modules string // the root node_modules folder, "" when missing
}

// the is the package's env. It is written once, by TestMain, before any test
// runs, and only read after that.
var the *env

func TestMain(m *testing.M) {
	os.Exit(run(m))
}

// run builds and serves the site, starts the browser, runs the tests and
// cleans up; it returns the exit code.
func run(m *testing.M) int {
	tmp, err := os.MkdirTemp("", "casebook-browser-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(tmp)

	srv := httptest.NewUnstartedServer(nil)
	base := "http://" + srv.Listener.Addr().String() + "/"
	out := filepath.Join(tmp, "site")
	res, err := build.New(build.Options{SiteDir: repoRoot, BaseURL: base}).WriteDir(context.Background(), out)
	if err != nil {
		fmt.Fprintln(os.Stderr, "build:", err)
		return 1
	}
	if !res.OK() {
		fmt.Fprintln(os.Stderr, "the real site has content errors:")
		res.Diags.Format(os.Stderr)
		return 1
	}
	srv.Config.Handler = Handler(out)
	srv.Start()
	defer srv.Close()
	host, _, _ := strings.Cut(strings.TrimPrefix(base, "http://"), "/")
	the = &env{site: res.Site, dir: out, base: base, host: host}

	if dir := filepath.Join(repoRoot, "node_modules"); isDir(filepath.Join(dir, "axe-core")) && isDir(filepath.Join(dir, "html-validate")) {
		the.modules, _ = filepath.Abs(dir)
	} else {
		loud("node_modules (axe-core, html-validate) not found: run npm ci at the repository root; the accessibility and HTML conformance checks are skipped")
	}

	ctx, stop := startBrowser(tmp)
	defer stop()
	if ctx != nil {
		the.browser = ctx
	}
	return m.Run()
}

// startBrowser starts one headless Chromium for the package with a fresh
// profile under tmp. It returns a nil context (and records why in the env)
// when there is no browser or it does not start.
func startBrowser(tmp string) (context.Context, context.CancelFunc) {
	path := Chromium()
	if path == "" {
		the.noTool = "no Chromium found (apt-get install -y --no-install-recommends chromium, or set CASEBOOK_CHROMIUM)"
		loud(the.noTool + "; the browser tests are skipped")
		return nil, func() {}
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.UserDataDir(filepath.Join(tmp, "profile")),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.WindowSize(1280, 900),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(allocCtx)
	stop := func() { cancel(); cancelAlloc() }
	start := make(chan error, 1)
	go func() { start <- chromedp.Do(ctx) }()
	select {
	case err := <-start:
		if err != nil {
			the.noTool = fmt.Sprintf("Chromium at %s did not start: %v", path, err)
			loud(the.noTool)
			stop()
			return nil, func() {}
		}
	case <-time.After(60 * time.Second):
		the.noTool = fmt.Sprintf("Chromium at %s did not start within 60s", path)
		loud(the.noTool)
		stop()
		return nil, func() {}
	}
	return ctx, stop
}

// needBrowser skips t, loudly, when there is no browser; with
// CASEBOOK_REQUIRE_BROWSER=1 it fails t instead.
func needBrowser(t testing.TB) {
	t.Helper()
	if the.browser == nil {
		missing(t, the.noTool)
	}
}

// needModules is needBrowser for the npm tools.
func needModules(t *testing.T) {
	t.Helper()
	if the.modules == "" {
		missing(t, "node_modules with axe-core and html-validate not found at the repository root (run npm ci)")
	}
}

// missing skips or, in CI, fails t because a tool is missing.
func missing(t testing.TB, why string) {
	t.Helper()
	if os.Getenv(requireEnv) == "1" {
		t.Fatalf("%s, and %s=1 requires it", why, requireEnv)
	}
	t.Skipf("\n*** SKIPPED: %s ***\n*** set %s=1 to make this a failure (CI does) ***", why, requireEnv)
}

// loud prints a warning that go test shows even without -v.
func loud(msg string) {
	fmt.Fprintf(os.Stderr, "\n*** internal/browser: %s ***\n\n", msg)
}

func isDir(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.IsDir()
}

// built reports whether the build wrote the file at rel (a slash path
// relative to the output root, such as "timeline/index.html"). Tests of
// pages that other work adds run only once the page exists.
func built(rel string) bool {
	_, err := os.Stat(filepath.Join(the.dir, filepath.FromSlash(rel)))
	return err == nil
}

// readBuilt returns the built file at rel, or "" when it does not exist.
func readBuilt(rel string) string {
	data, err := os.ReadFile(filepath.Join(the.dir, filepath.FromSlash(rel)))
	if err != nil {
		return ""
	}
	return string(data)
}

package main

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestMain lets the test binary run as the casebook command inside scripts:
// `exec casebook build` in a script runs run() in a child process.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"casebook": func() { os.Exit(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr)) },
	})
}

// TestScripts runs the command-line scenarios in testdata/script: each
// .txtar file is a site (or none), the commands a maintainer types, their
// exit codes and the messages they must print, file:line:col and hint
// included. `go test ./cmd/casebook -run TestScripts/NAME` runs one;
// -testwork keeps its folder.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(env *testscript.Env) error {
			env.Setenv("NO_COLOR", "1")
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"exits":    cmdExits,
			"listen":   cmdListen,
			"deadport": cmdDeadPort,
			"proxy":    cmdProxy,
		},
	})
}

// cmdExits is `exits N command args...`: it runs the command as exec does
// (stdout and stderr are then checked with stdout and stderr) and fails
// unless the command exits with status N. The CLI's exit codes are part of
// its contract: 0 success, 1 content errors, 2 usage errors.
func cmdExits(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: exits N command [args...]")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("exits: %q is not a number", args[0])
	}
	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			ts.Fatalf("exits: %v", err)
		}
		got = ee.ExitCode()
	}
	if got != want {
		ts.Fatalf("%s exited with status %d, want %d", args[1], got, want)
	}
}

// cmdListen is `listen VAR`: it listens on a free port of 127.0.0.1 until
// the script ends, and sets VAR to its host:port (an address taken by
// another program).
func cmdListen(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: listen VAR")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		ts.Fatalf("listen: %v", err)
	}
	ts.Defer(func() { ln.Close() })
	ts.Setenv(args[0], ln.Addr().String())
}

// cmdDeadPort is `deadport VAR`: it sets VAR to a host:port of 127.0.0.1
// where nothing listens (a proxy that is down, for check -links).
func cmdDeadPort(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: deadport VAR")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		ts.Fatalf("deadport: %v", err)
	}
	ts.Setenv(args[0], ln.Addr().String())
	ln.Close()
}

// cmdProxy is `proxy VAR`: it runs until the script ends an HTTP proxy on
// 127.0.0.1 that answers every plain-http request itself, so that check
// -links can be tried on fixed addresses without the network: a path
// starting with /gone answers 404 Not Found, any other 200 OK. VAR is set
// to its host:port (for HTTP_PROXY).
func cmdProxy(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: proxy VAR")
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/gone") {
			w.WriteHeader(http.StatusNotFound)
		}
	}))
	ts.Defer(srv.Close)
	ts.Setenv(args[0], srv.Listener.Addr().String())
}

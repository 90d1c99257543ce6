package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"syscall"

	"github.com/casebook/casebook/internal/server"
)

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("serve", "[-site DIR] [-config FILE] [-addr 127.0.0.1:1313] [-drafts] [-open]", "Serve the site with live reload while you edit", stdout, stderr)
	siteDir := fs.String("site", ".", "the site `folder` (holding content/)")
	config := configFlag(fs)
	addr := fs.String("addr", "127.0.0.1:1313", "the `host:port` to listen on")
	drafts := fs.Bool("drafts", false, "include drafts (cases, entities and pages marked draft: true)")
	open := fs.Bool("open", false, "open the site in the default browser")
	if code, ok := parseFlags(fs, args, stdout); !ok {
		return code
	}
	if !siteFolder("serve", *siteDir, stderr) {
		return exitUsage
	}
	if !checkConfig("serve", *config, stderr) {
		return exitUsage
	}
	host, _, err := net.SplitHostPort(*addr)
	if err != nil {
		fmt.Fprintf(stderr, "casebook serve: bad -addr %q: %v\n", *addr, err)
		return exitUsage
	}
	if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		fmt.Fprintf(stderr, "warning: -addr %s makes the preview reachable from other machines\n", *addr)
	}
	s := server.New(server.Options{SiteDir: *siteDir, Addr: *addr, Drafts: *drafts, Config: *config, Log: stderr})
	if *open {
		go openBrowser("http://" + *addr + "/")
	}
	if err := s.ListenAndServe(ctx); err != nil {
		var le *server.ListenError
		if errors.As(err, &le) {
			listenFailed(le, stderr)
		} else {
			fmt.Fprintf(stderr, "casebook serve: %v\n", err)
		}
		return exitUsage
	}
	return exitOK
}

// listenFailed explains why serve cannot listen on its address.
func listenFailed(le *server.ListenError, stderr io.Writer) {
	host, port, _ := net.SplitHostPort(le.Addr)
	other := "127.0.0.1:1314"
	if n, err := strconv.Atoi(port); err == nil && n < 65535 {
		other = net.JoinHostPort(host, strconv.Itoa(n+1))
	}
	switch {
	case errors.Is(le, syscall.EADDRINUSE):
		fmt.Fprintf(stderr, "casebook serve: %s is already in use\n    hint: another program (another casebook serve?) listens on it: stop it, or pick another port with -addr %s\n", le.Addr, other)
	case errors.Is(le, syscall.EADDRNOTAVAIL):
		fmt.Fprintf(stderr, "casebook serve: cannot listen on %s: it is not an address of this machine\n    hint: use -addr 127.0.0.1:1313 for a local preview\n", le.Addr)
	case errors.Is(le, syscall.EACCES):
		fmt.Fprintf(stderr, "casebook serve: cannot listen on %s: permission denied\n    hint: ports below 1024 need privileges; pick another port with -addr 127.0.0.1:1313\n", le.Addr)
	default:
		var sys *os.SyscallError
		if errors.As(le, &sys) {
			fmt.Fprintf(stderr, "casebook serve: cannot listen on %s: %v\n", le.Addr, sys.Err)
			return
		}
		fmt.Fprintf(stderr, "casebook serve: %v\n", le)
	}
}

// openBrowser asks the desktop to open url; failures are ignored.
func openBrowser(url string) {
	cmd := "xdg-open"
	switch runtime.GOOS {
	case "darwin":
		cmd = "open"
	case "windows":
		exec.Command("rundll32", "url.dll,FileProtocolHandler", url).Start()
		return
	}
	exec.Command(cmd, url).Start()
}

package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"os/exec"
	"runtime"

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
	if !checkConfig("serve", *config, stderr) {
		return exitUsage
	}
	host, _, err := net.SplitHostPort(*addr)
	if err != nil {
		fmt.Fprintf(stderr, "casebook serve: bad -addr %q: %v\n", *addr, err)
		return exitUsage
	}
	if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		fmt.Fprintf(stderr, "warning: serving on %s makes the preview reachable from other machines\n", *addr)
	}
	s := server.New(server.Options{SiteDir: *siteDir, Addr: *addr, Drafts: *drafts, Config: *config, Log: stderr})
	if *open {
		go openBrowser("http://" + *addr + "/")
	}
	if err := s.ListenAndServe(ctx); err != nil {
		fmt.Fprintf(stderr, "casebook serve: %v\n", err)
		return exitUsage
	}
	return exitOK
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

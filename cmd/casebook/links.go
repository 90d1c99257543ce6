package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/casebook/casebook/internal/build"
)

// addLinks runs checkLinks on the site of res, adds its warnings, and
// counts its time in the summary's. When the network seems unreachable, it
// says so once, as a warning on stderr.
func addLinks(ctx context.Context, res *build.Result, stderr io.Writer) {
	start := time.Now()
	found, err := checkLinks(ctx, res.Site)
	res.AddStage(build.Stage{Name: "links", Duration: time.Since(start)})
	res.Diags.Add(found...)
	res.Diags.Sort()
	if err != nil {
		fmt.Fprintf(stderr, "warning: %v\n    hint: check the connection (and HTTPS_PROXY, if you go through a proxy), then run casebook check -links again\n", err)
	}
}

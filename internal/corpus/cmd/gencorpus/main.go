// Command gencorpus writes a synthetic casebook (see package corpus) to a
// folder, for benchmarks:
//
//	go run ./internal/corpus/cmd/gencorpus -n 10000 -out /tmp/cb10k
//	casebook build -site /tmp/cb10k -out /tmp/cb10k-public
//
// The same -n and -seed always give the same files. The output folder must
// be empty or absent.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/casebook/casebook/internal/corpus"
)

func main() {
	fs := flag.NewFlagSet("gencorpus", flag.ExitOnError)
	n := fs.Int("n", 1000, "number of `cases`")
	out := fs.String("out", "", "the `folder` to write the site to (required; empty or absent)")
	seed := fs.Uint64("seed", corpus.DefaultSeed, "the random `seed`")
	fs.Parse(os.Args[1:])
	if *out == "" || fs.NArg() > 0 || *n < 1 {
		fs.Usage()
		os.Exit(2)
	}
	if err := run(*out, *n, *seed); err != nil {
		fmt.Fprintf(os.Stderr, "gencorpus: %v\n", err)
		os.Exit(1)
	}
}

func run(out string, n int, seed uint64) error {
	if entries, err := os.ReadDir(out); err == nil && len(entries) > 0 {
		return fmt.Errorf("%q is not empty", out)
	}
	return corpus.WriteDir(out, corpus.Options{Cases: n, Seed: seed})
}

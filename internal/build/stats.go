package build

// This file measures a run: the time and heap allocation of each stage, and
// what went in and came out (casebook build -stats prints it).

import (
	"fmt"
	"io"
	"runtime"
	"runtime/metrics"
	"sync"
	"sync/atomic"
	"text/tabwriter"
	"time"

	"github.com/casebook/casebook/internal/render"
)

// Stage is the cost of one stage of a run: load, parse, commits (reading
// git history; only for a site on disk), resolve, render (which includes
// handing each file to the sink, that is writing it) and, for WriteDir, swap
// (moving the new output in place of the old one and removing the old).
type Stage struct {
	Name     string
	Duration time.Duration
	Allocs   uint64 // heap objects allocated during the stage, by the whole process
	Bytes    uint64 // heap bytes allocated during the stage, by the whole process
}

// Stats describe a run.
type Stats struct {
	Stages []Stage // in the order they ran; a run that stops at content errors has no render stage
	Inputs int     // content files loaded
	Parsed int     // bodies parsed; the others came from the cache of an earlier run
	// Resolved is how many files' own work (what resolving derives from a
	// file alone, site.Cache) was done; the others' came from the last run.
	Resolved int
	// Commits is set when the run reused the commits the last one read from
	// git, HEAD being the same (the dev server's case).
	Commits bool
	// Theme is set when the run reused the parsed theme of the last one, its
	// files being unchanged (the dev server's case).
	Theme bool
	Files int64 // files written to the sink
	Bytes int64 // bytes written to the sink
	// Largest is the name of the largest file written, of LargestSize
	// bytes.
	Largest     string
	LargestSize int64
	// Write is the time spent inside the sink's WriteFile, summed over the
	// parallel render workers, so it may exceed the render stage's wall time.
	Write time.Duration
}

// Format writes s as a table:
//
//	stage     time  allocs  alloc MB
//	load     0.41s    1.2M     812.3
//	...
func (s *Stats) Format(w io.Writer) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "stage\ttime\tallocs\talloc MB\t")
	var total Stage
	for _, st := range s.Stages {
		fmt.Fprintf(tw, "%s\t%.3fs\t%d\t%.1f\t\n", st.Name, st.Duration.Seconds(), st.Allocs, mb(st.Bytes))
		total.Duration += st.Duration
		total.Allocs += st.Allocs
		total.Bytes += st.Bytes
	}
	fmt.Fprintf(tw, "total\t%.3fs\t%d\t%.1f\t\n", total.Duration.Seconds(), total.Allocs, mb(total.Bytes))
	tw.Flush()
	fmt.Fprintf(w, "%d content files loaded, %d bodies parsed; %d files written (%.1f MB), %.3fs in WriteFile summed over %d workers\n",
		s.Inputs, s.Parsed, s.Files, mb(uint64(s.Bytes)), s.Write.Seconds(), runtime.GOMAXPROCS(0))
	if s.Resolved < s.Inputs {
		fmt.Fprintf(w, "%d files resolved anew; the others' own work kept from the last run\n", s.Resolved)
	}
	if s.Commits {
		fmt.Fprintln(w, "git's HEAD is unchanged: kept the commits read by the last run")
	}
	if s.Theme {
		fmt.Fprintln(w, "the theme is unchanged: kept the templates parsed by the last run")
	}
}

// Total returns the time of all stages.
func (s *Stats) Total() time.Duration {
	var d time.Duration
	for _, st := range s.Stages {
		d += st.Duration
	}
	return d
}

func mb(n uint64) float64 { return float64(n) / (1 << 20) }

// clock times the stages of one run.
type clock struct {
	stats         *Stats
	start         time.Time
	allocs, bytes uint64
}

func startClock(s *Stats) *clock {
	c := &clock{stats: s}
	c.reset()
	return c
}

func (c *clock) reset() {
	c.start = time.Now()
	c.bytes, c.allocs = heapAllocs()
}

// lap ends the current stage, records it under name and starts the next.
func (c *clock) lap(name string) {
	bytes, allocs := heapAllocs()
	c.stats.Stages = append(c.stats.Stages, Stage{Name: name, Duration: time.Since(c.start), Allocs: allocs - c.allocs, Bytes: bytes - c.bytes})
	c.reset()
}

// heapAllocs returns the bytes and objects the process has allocated so
// far (runtime/metrics reads them without stopping the world).
func heapAllocs() (bytes, objects uint64) {
	s := []metrics.Sample{{Name: "/gc/heap/allocs:bytes"}, {Name: "/gc/heap/allocs:objects"}}
	metrics.Read(s)
	return s[0].Value.Uint64(), s[1].Value.Uint64()
}

// statSink counts the files and bytes handed to the sink it wraps, and the
// time spent writing them.
type statSink struct {
	next                render.Sink
	files, bytes, nanos atomic.Int64
	mu                  sync.Mutex
	largest             string // the largest file, and its size
	largestSize         int64
}

func (s *statSink) WriteFile(name string, data []byte) error {
	start := time.Now()
	err := s.next.WriteFile(name, data)
	s.nanos.Add(int64(time.Since(start)))
	s.files.Add(1)
	s.bytes.Add(int64(len(data)))
	s.size(name, int64(len(data)))
	return err
}

// size records that the file name has n bytes (its size so far, for a
// streamed file).
func (s *statSink) size(name string, n int64) {
	s.mu.Lock()
	if n > s.largestSize || n == s.largestSize && name < s.largest {
		s.largest, s.largestSize = name, n
	}
	s.mu.Unlock()
}

// streamStatSink is a statSink over a render.StreamSink: it streams too.
type streamStatSink struct {
	*statSink
}

// newStatSink counts what is written to next, streaming if next does.
func newStatSink(next render.Sink) (*statSink, render.Sink) {
	s := &statSink{next: next}
	if _, ok := next.(render.StreamSink); ok {
		return s, streamStatSink{s}
	}
	return s, s
}

func (s streamStatSink) Create(name string) (io.WriteCloser, error) {
	start := time.Now()
	f, err := s.next.(render.StreamSink).Create(name)
	s.nanos.Add(int64(time.Since(start)))
	if err != nil {
		return nil, err
	}
	s.files.Add(1)
	return &countingFile{f: f, s: s.statSink, name: name}, nil
}

// countingFile counts the bytes and the time of the writes to f.
type countingFile struct {
	f    io.WriteCloser
	s    *statSink
	name string
	n    int64
}

func (c *countingFile) Write(p []byte) (int, error) {
	start := time.Now()
	n, err := c.f.Write(p)
	c.s.nanos.Add(int64(time.Since(start)))
	c.s.bytes.Add(int64(n))
	c.n += int64(n)
	return n, err
}

func (c *countingFile) Close() error {
	start := time.Now()
	err := c.f.Close()
	c.s.nanos.Add(int64(time.Since(start)))
	c.s.size(c.name, c.n)
	return err
}

func (s *statSink) record(st *Stats) {
	st.Files, st.Bytes, st.Write = s.files.Load(), s.bytes.Load(), time.Duration(s.nanos.Load())
	st.Largest, st.LargestSize = s.largest, s.largestSize
}

// The limits of the static hosts that users publish to, which a build's
// output is checked against (Result.HostWarnings).
const (
	HostMaxFiles    = 20000    // Cloudflare Pages, free plan (GitLab Pages: 200,000)
	HostMaxBytes    = 1 << 30  // GitHub Pages and GitLab Pages: 1 GB a site
	HostMaxFileSize = 25 << 20 // Cloudflare Pages: 25 MiB a file
)

// HostWarnings says which of the static hosts' limits the output passes,
// naming the host; none for a run that wrote nothing.
func (s *Stats) HostWarnings() []string {
	var out []string
	if s.Files > HostMaxFiles {
		out = append(out, fmt.Sprintf("the output has %d files: Cloudflare Pages takes at most 20,000 on its free plan (100,000 on paid plans; GitLab Pages 200,000)", s.Files))
	}
	if s.Bytes > HostMaxBytes {
		out = append(out, fmt.Sprintf("the output is %.2f GB: GitHub Pages and GitLab Pages publish at most 1 GB a site", float64(s.Bytes)/1e9))
	}
	if s.LargestSize > HostMaxFileSize {
		out = append(out, fmt.Sprintf("%s is %.1f MiB: Cloudflare Pages serves no file over 25 MiB", s.Largest, float64(s.LargestSize)/(1<<20)))
	}
	return out
}

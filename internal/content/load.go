// Package content reads a Casebook site tree: it walks content/, checks file
// names, splits each Markdown file into its YAML front matter and its body
// (keeping body line numbers equal to file line numbers), and decodes the front
// matter from yaml.v3 nodes into typed metadata, reporting every problem with
// its file:line:col.
//
//	files, cfg, diags := content.Load(os.DirFS("mysite"))
//	for _, f := range files {
//		fmt.Println(f.Kind, f.Slug, f.Case != nil)
//	}
//
// Load does no cross-file checks (unknown slugs, duplicate source ids): those
// belong to the site package, which sees the whole tree.
package content

import (
	"bytes"
	"cmp"
	"hash/maphash"
	"io/fs"
	"path"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/casebook/casebook/internal/diag"
)

// MaxFileSize is the largest content file Load accepts (4 MiB). A case study
// is a few kilobytes; anything bigger is a mistake or an attack.
const MaxFileSize = 4 << 20

// Kind is the kind of a content file, given by its folder.
type Kind int

// The kinds of content file.
const (
	KindCase Kind = iota
	KindEntity
	KindPage
)

// Dir returns the folder under content/ that holds files of kind k.
func (k Kind) Dir() string { return kindDirs[k] }

// String returns "case", "entity" or "page".
func (k Kind) String() string { return [...]string{"case", "entity", "page"}[k] }

var kindDirs = [...]string{"cases", "entities", "pages"}

// requiredFields names the fields each kind of file needs, for the hint
// on an empty file.
var requiredFields = [...][2]string{
	{"a case file", "title, summary, date, targets, actions and sources; casebook new case SLUG writes them"},
	{"an entity file", "name and kind; casebook new entity SLUG writes them"},
	{"a page file", "title: the page's title"},
}

// SlugPattern is what a slug may look like: lowercase a-z, 0-9 and '-',
// starting with a letter or digit.
var SlugPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

// MaxSlugLen is the longest a slug or an id may be: it names folders and
// files of the output (tags/<tag>/index.html), and a file system refuses a
// name of more than 255 bytes; check must catch what build would fail on.
const MaxSlugLen = 80

// File is one content file, split and decoded. Exactly one of Case, Entity
// and Page is set when the front matter decoded.
type File struct {
	Path string // slash path from the site root, e.g. "content/cases/x.md"
	Kind Kind
	Slug string
	Body []byte // the body, with the front matter replaced by as many newlines
	// Broken is set when the file could not be read as front matter and
	// body (too large, not UTF-8, empty, no front matter, front matter that
	// is not valid YAML); its metadata is then empty, and checks that
	// depend on it are skipped. Such a file is still loaded, so that the
	// site knows its slug: references to it are not reported.
	Broken bool
	// NoBody is set on a Broken file whose body could not be split off
	// (its Body is empty): what its body would have held, such as its
	// headings, is unknown.
	NoBody bool
	// Incomplete is set when loading the file found errors in it: its
	// metadata may lack what they were about (a target written wrong is
	// left out), so warnings that would follow from what is missing (an
	// entity no case refers to, a source never cited) are not given.
	Incomplete bool
	// words is, on an Incomplete file that was read, its text as words of
	// lowercase letters and digits, each between dashes: what Mentions
	// looks in.
	words string

	// Placeholders counts the front matter values that still hold a
	// placeholder (<target-slug>): the metadata lacks them, so the site
	// leaves the file out even with -drafts (in a file that is not a
	// draft, each is an error).
	Placeholders int

	Case   *CaseMeta
	Entity *EntityMeta
	Page   *PageMeta
}

// Draft reports whether f is marked draft: true (built only with -drafts).
func (f *File) Draft() bool {
	switch {
	case f.Case != nil:
		return f.Case.Draft
	case f.Entity != nil:
		return f.Entity.Draft
	case f.Page != nil:
		return f.Page.Draft
	}
	return false
}

// Load reads content/ from fsys (the site root): content/site.yaml and every
// .md file under content/cases, content/entities and content/pages. It returns
// the files sorted by path, the site configuration, and every problem found.
// Files with errors are still returned when their front matter decoded, so
// later stages can report their problems too. Files are read in parallel,
// so fsys must be safe for concurrent use (os.DirFS and fstest.MapFS are).
func Load(fsys fs.FS) ([]*File, *Config, diag.List) {
	return LoadCached(fsys, nil)
}

// Cache keeps what a load decoded, so that the next load through the same
// cache decodes only the files whose bytes changed (the dev server's case:
// one file edited among thousands). A File is never changed after loading,
// so it can be shared between loads. A Cache is safe for concurrent use.
type Cache struct {
	mu    sync.Mutex
	seed  maphash.Seed
	files map[string]cachedFile // by path
	// only, when not nil, is the promise of OnlyChanged for the next load.
	only map[string]bool
	// listing is what the last load found in the folders of content files,
	// in order: the next load lists them again only without a promise.
	listing []listed
}

// listed is an entry of a folder of content files.
type listed struct {
	path string
	d    fs.DirEntry
	kind Kind
}

// OnlyChanged promises that, of the content files the last load through c
// read, at most those at paths (slash paths from the site root, such as
// "content/cases/x.md") have changed since, and that no file was added to
// or removed from the folders of content files but at paths: the next load
// takes every other file as the last load left it without even looking at
// it (no lstat) and does not list the folders again, which saves most of a
// load among thousands of files. A file watcher makes this promise from its
// events (one for each file created, written, removed or renamed); it holds
// for the next load only.
func (c *Cache) OnlyChanged(paths []string) {
	only := make(map[string]bool, len(paths))
	for _, p := range paths {
		only[p] = true
	}
	c.mu.Lock()
	c.only = only
	c.mu.Unlock()
}

type cachedFile struct {
	// The hash of the bytes read, before normalising, with the cache's
	// seed: the bytes themselves (the whole tree) need not stay in memory.
	// Two different contents of a file have the same hash with a
	// probability of 2⁻⁶⁴, and the seed differs from process to process.
	sum   uint64
	file  *File
	diags diag.List
	// The file's size and modification time when it was read, and when the
	// load that read it started: see entry.unchanged.
	size          int64
	mtime, loaded time.Time
}

// LoadCached is Load through a cache (nil: none). It reuses the decoded File
// of each file whose bytes equal those of the last load; the result is the
// same as Load's. A file is not even read again when its size and
// modification time are those of the last load, and that time was over a
// second before the last load started (as git does, a file modified that
// close to a load is read again, since a second edit within the
// file system's clock tick would leave its time unchanged). A tool that
// restores an old modification time along with the same size (cp -p, rsync
// -t) can therefore hide an edit until the file changes again; the
// command-line build, which uses no cache, is never affected.
func LoadCached(fsys fs.FS, cache *Cache) ([]*File, *Config, diag.List) {
	started := time.Now()
	var diags diag.List
	inside := CheckFolder(fsys, "content", &diags) // not a link to a folder elsewhere
	cfg := &Config{Language: "en"}
	if inside {
		cfg = loadConfig(fsys, &diags)
	}
	var prev map[string]cachedFile
	var seed *maphash.Seed
	var only map[string]bool
	var listing []listed
	if cache != nil {
		cache.mu.Lock()
		if cache.files == nil {
			cache.seed = maphash.MakeSeed()
		}
		prev, seed, only, listing = cache.files, &cache.seed, cache.only, cache.listing
		cache.only = nil
		cache.mu.Unlock()
	}
	var todo []entry
	for kind, dir := range kindDirs {
		root := "content/" + dir
		if !inside || !CheckFolder(fsys, root, &diags) {
			continue
		}
		if only != nil && listing != nil { // as the last load found it, but for the paths promised
			todo = relist(fsys, todo, listing, Kind(kind), root, only)
			continue
		}
		entries, err := fs.ReadDir(fsys, root)
		if err != nil {
			continue // an absent folder is an empty one
		}
		for _, e := range entries {
			todo = append(todo, entry{path: root + "/" + e.Name(), d: e, kind: Kind(kind)})
		}
	}
	if only != nil { // the files not changed, as the last load left them
		for i := range todo {
			e := &todo[i]
			if c, ok := prev[e.path]; ok && !only[e.path] {
				e.file, e.sum, e.keep = c.file, c.sum, &c
				e.diags.Add(c.diags...)
			}
		}
	}
	loadAll(fsys, todo, prev, seed)
	var files []*File
	fresh := make(map[string]cachedFile, len(todo))
	for _, e := range todo {
		diags.Add(e.diags...)
		if e.file != nil {
			files = append(files, e.file)
			c := cachedFile{sum: e.sum, file: e.file, diags: e.diags, loaded: started}
			if e.info != nil {
				c.size, c.mtime = e.info.Size(), e.info.ModTime()
			}
			if e.reused != nil {
				c.loaded = e.reused.loaded // the bytes are still those read then
			}
			if e.keep != nil {
				c = *e.keep // not looked at: as the last load left it
			}
			fresh[e.path] = c
		}
	}
	if cache != nil {
		next := make([]listed, len(todo))
		for i, e := range todo {
			next[i] = listed{e.path, e.d, e.kind}
		}
		cache.mu.Lock()
		cache.files, cache.listing = fresh, next
		cache.mu.Unlock()
	}
	slices.SortFunc(files, func(a, b *File) int { return cmp.Compare(a.Path, b.Path) })
	return files, cfg, diags
}

// relist appends to todo the entries of folder root (of kind) without
// listing it: those the last load found (listing), less the paths of only
// that are gone, with those of only that are there now, in the order of a
// listing (by name).
func relist(fsys fs.FS, todo []entry, listing []listed, kind Kind, root string, only map[string]bool) []entry {
	start := len(todo)
	for _, l := range listing {
		if l.kind == kind && !only[l.path] {
			todo = append(todo, entry{path: l.path, d: l.d, kind: kind})
		}
	}
	for p := range only {
		if path.Dir(p) != root {
			continue
		}
		info, err := fs.Lstat(fsys, p)
		if err != nil {
			continue // removed
		}
		todo = append(todo, entry{path: p, d: fs.FileInfoToDirEntry(info), kind: kind})
	}
	slices.SortFunc(todo[start:], func(a, b entry) int { return cmp.Compare(a.path, b.path) })
	return todo
}

// entry is one entry of a content folder and what loading it gave.
type entry struct {
	path   string
	d      fs.DirEntry
	kind   Kind
	sum    uint64 // the hash of the bytes read, with a cache
	file   *File
	diags  diag.List
	info   fs.FileInfo // when the cache asked for it
	reused *cachedFile // the cache entry taken without reading the file
	keep   *cachedFile // the cache entry taken without looking at the file (Cache.OnlyChanged)
}

// loadAll loads the entries in parallel: reading is mostly waiting for the
// disk, and decoding YAML is the costliest step of loading. Each entry gets
// its own diagnostics, merged by the caller in folder order, so the result
// does not depend on scheduling.
func loadAll(fsys fs.FS, todo []entry, prev map[string]cachedFile, seed *maphash.Seed) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(len(todo), 4*runtime.GOMAXPROCS(0)) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < len(todo); i = int(next.Add(1) - 1) {
				if e := &todo[i]; e.keep == nil {
					e.load(fsys, prev, seed)
				}
			}
		})
	}
	wg.Wait()
}

// load reads, checks and decodes the entry, or takes it from prev when its
// bytes have not changed. With a cache (seed set), it keeps the hash of the
// bytes for the next load.
func (e *entry) load(fsys fs.FS, prev map[string]cachedFile, seed *maphash.Seed) {
	if c, ok := prev[e.path]; ok {
		if info, err := e.d.Info(); err == nil {
			e.info = info
			if e.unchanged(c) {
				e.file, e.sum, e.reused = c.file, c.sum, &c
				e.diags.Add(c.diags...)
				return
			}
		}
	}
	e.file = loadFile(fsys, e.path, e.d, e.kind, &e.diags, func(src []byte) (*File, diag.List, bool) {
		if seed == nil {
			return nil, nil, false
		}
		e.sum = maphash.Bytes(*seed, src)
		c, ok := prev[e.path]
		if !ok || c.sum != e.sum {
			return nil, nil, false
		}
		return c.file, c.diags, true
	})
}

// unchanged reports whether the file can be taken from c without reading
// it: it is a regular file of the same size and modification time, a time
// over a second older than the load that read it.
func (e *entry) unchanged(c cachedFile) bool {
	const racy = time.Second
	i := e.info
	return i.Mode().IsRegular() && !i.ModTime().IsZero() && i.Size() == c.size && i.ModTime().Equal(c.mtime) &&
		c.mtime.Before(c.loaded.Add(-racy))
}

// loadFile reads, checks and decodes one entry of a content folder; it returns
// nil for entries that are not content files or could not be read. cached
// returns the result of an earlier load of the same bytes, if there is one.
func loadFile(fsys fs.FS, p string, e fs.DirEntry, kind Kind, diags *diag.List,
	cached func(src []byte) (*File, diag.List, bool)) *File {
	pos := diag.Pos{File: p}
	switch {
	case !e.IsDir() && !e.Type().IsRegular(): // a link, a named pipe (a read would hang), a device
		CheckFile(fsys, p, e, MaxFileSize, diags)
		return nil
	case e.IsDir():
		diags.Add(diag.Errorf(pos, "unexpected folder %q in content/%s", e.Name(), kind.Dir()).
			WithHint("%s files live directly in content/%s/", kind, kind.Dir()))
		return nil
	case !strings.HasSuffix(e.Name(), ".md"):
		if !strings.HasPrefix(e.Name(), ".") {
			diags.Add(diag.Warnf(pos, "ignoring %q: not a Markdown file", e.Name()).
				WithHint("content files end in .md"))
		}
		return nil
	}
	slug := strings.TrimSuffix(e.Name(), ".md")
	if len(slug) > MaxSlugLen {
		diags.Add(diag.Errorf(pos, "file name is %d characters before .md, over the limit of %d", len(slug), MaxSlugLen).
			WithHint("shorten it: a slug names the case's folder in the site"))
		return nil
	}
	if !SlugPattern.MatchString(slug) {
		diags.Add(diag.Errorf(pos, "bad file name %q: a slug is lowercase a-z, 0-9 and '-'", e.Name()).
			WithHint("rename the file to %q", SlugFor(slug)+".md"))
		return nil
	}
	// From here on the name is a good slug: a file that cannot be read as
	// front matter and body is still returned, Broken and without a body,
	// so that the site knows its slug and reports nothing about the files
	// that refer to it.
	var text []byte // what the file holds, once read
	failed := func(d diag.Diagnostic) *File {
		diags.Add(d)
		f := brokenFile(p, kind, slug)
		f.words = words(text)
		return f
	}
	if info, err := e.Info(); err == nil && info.Size() > MaxFileSize {
		return failed(diag.Errorf(pos, "file is %d bytes, over the limit of %d", info.Size(), MaxFileSize).
			WithHint("split the case or move large material to a source"))
	}
	raw, err := fs.ReadFile(fsys, p)
	if err != nil {
		return failed(diag.Errorf(pos, "cannot read file: %v", err))
	}
	if f, d, ok := cached(raw); ok {
		diags.Add(d...)
		return f
	}
	src := Normalize(raw)
	text = src
	if line, col, ok := firstInvalidUTF8(src); !ok {
		return failed(diag.Errorf(diag.Pos{File: p, Line: line, Col: col}, "file is not valid UTF-8").
			WithHint("save the file as UTF-8"))
	}
	if len(bytes.TrimSpace(src)) == 0 {
		return failed(diag.Errorf(pos, "file is empty").
			WithHint("%s starts with its front matter between two --- lines (%s), then its body", requiredFields[kind][0], requiredFields[kind][1]))
	}
	front, body, endLine, d := Split(p, src)
	if d != nil {
		return failed(*d)
	}
	f := &File{Path: p, Kind: kind, Slug: slug, Body: body}
	dec := newDecoder(p, 1, diags)
	root, ok := dec.document(front)
	dec.draft, f.Placeholders = draftOf(root), placeholders(root)
	if !ok {
		// The YAML did not parse: report that alone, not every field as missing.
		f.Broken = true
		dec = newDecoder(p, 1, &diag.List{})
	}
	switch kind {
	case KindCase:
		f.Case = dec.caseMeta(root)
		if len(bytes.TrimSpace(body)) == 0 {
			diags.Add(diag.Errorf(diag.Pos{File: p, Line: endLine, Col: 1}, "case has no body").
				WithHint("write the case study below the closing --- line"))
		}
	case KindEntity:
		f.Entity = dec.entityMeta(root)
	case KindPage:
		f.Page = dec.pageMeta(root)
	}
	if f.Incomplete = diags.HasErrors(); f.Incomplete {
		f.words = words(front)
	}
	return f
}

// Mentions reports whether slug may be one of the references a file with
// errors (Incomplete) lost: whether its words hold the slug's, in order
// ("Daily Stormer" mentions daily-stormer). A file that could not be read
// may mention anything.
func (f *File) Mentions(slug string) bool {
	if !f.Incomplete {
		return false
	}
	if f.words == "" {
		return f.Broken
	}
	return strings.Contains(f.words, "-"+slug+"-")
}

// words returns text lowercased, every run of characters other than a-z
// and 0-9 made one dash, with a dash at each end: "Daily Stormer, 8chan"
// is "-daily-stormer-8chan-"; "" for no text.
func words(text []byte) string {
	if len(text) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteByte('-')
	dash := true
	for _, r := range strings.ToLower(string(text)) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
			dash = false
		} else if !dash {
			b.WriteByte('-')
			dash = true
		}
	}
	if !dash {
		b.WriteByte('-')
	}
	return b.String()
}

// brokenFile is a content file that could not be read as front matter and
// body: its slug and kind, empty metadata and no body.
func brokenFile(p string, kind Kind, slug string) *File {
	f := &File{Path: p, Kind: kind, Slug: slug, Broken: true, NoBody: true, Incomplete: true}
	switch kind {
	case KindCase:
		f.Case = &CaseMeta{}
	case KindEntity:
		f.Entity = &EntityMeta{}
	case KindPage:
		f.Page = &PageMeta{}
	}
	return f
}

// Normalize strips a UTF-8 byte order mark and turns CRLF line endings into
// LF, which keeps line numbers unchanged.
func Normalize(src []byte) []byte {
	src = bytes.TrimPrefix(src, []byte("\uFEFF"))
	if bytes.Contains(src, []byte("\r\n")) {
		src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
	}
	return src
}

// firstInvalidUTF8 returns the position of the first byte that is not valid
// UTF-8, or ok when there is none.
func firstInvalidUTF8(src []byte) (line, col int, ok bool) {
	if utf8.Valid(src) {
		return 0, 0, true
	}
	line, col = 1, 1
	for len(src) > 0 {
		r, n := utf8.DecodeRune(src)
		if r == utf8.RuneError && n <= 1 {
			return line, col, false
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col += n
		}
		src = src[n:]
	}
	return line, col, false
}

// SlugFor suggests a valid slug for a bad name: lowercase, runs of other
// characters turned into single dashes.
func SlugFor(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	s := strings.TrimRight(b.String(), "-")
	if s == "" {
		return "untitled"
	}
	return s
}

// Split separates src into its YAML front matter (from line 2) and its body.
// The body keeps the file's line numbers: the front matter and its two ---
// lines are replaced by as many newlines. endLine is the line of the closing
// ---. A file that does not start with --- or whose front matter does not
// close gives a diagnostic.
func Split(file string, src []byte) (front, body []byte, endLine int, d *diag.Diagnostic) {
	first, rest, _ := bytes.Cut(src, []byte("\n"))
	if !isFence(first) {
		e := diag.Errorf(diag.Pos{File: file, Line: 1, Col: 1}, "missing front matter").
			WithHint("start the file with a line ---, then the YAML fields, then another --- line")
		return nil, nil, 0, &e
	}
	line := 1
	off := len(first) + 1
	for {
		l, next, found := bytes.Cut(rest, []byte("\n"))
		line++
		if isFence(l) {
			front = src[len(first)+1 : off]
			body = make([]byte, 0, line+len(next))
			body = append(body, bytes.Repeat([]byte("\n"), line)...)
			body = append(body, next...)
			return front, body, line, nil
		}
		if !found {
			break
		}
		off += len(l) + 1
		rest = next
	}
	e := diag.Errorf(diag.Pos{File: file, Line: 1, Col: 1}, "front matter does not close").
		WithHint("add a line --- after the last front matter field")
	return nil, nil, 0, &e
}

func isFence(line []byte) bool {
	return string(bytes.TrimRight(line, " \t")) == "---"
}

// Dir returns the slash path of the folder holding content files of kind k.
func Dir(k Kind) string { return path.Join("content", k.Dir()) }

package render

import (
	"bytes"

	"github.com/casebook/casebook/internal/site"
)

// Streamed returns data/cases.json and data/timeline.json as written a
// record at a time, and as writeJSON writes the whole files.
func Streamed(s *site.Site) (streamed, whole [2][]byte, err error) {
	var b [4]bytes.Buffer
	for _, err := range []error{
		writeCasesFile(&b[0], s), writeTimelineFile(&b[1], s),
		writeJSON(&b[2], casesFileOf(s)), writeJSON(&b[3], timelineFileOf(s)),
	} {
		if err != nil {
			return streamed, whole, err
		}
	}
	return [2][]byte{b[0].Bytes(), b[1].Bytes()}, [2][]byte{b[2].Bytes(), b[3].Bytes()}, nil
}

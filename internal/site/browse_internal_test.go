package site

import "testing"

// TestCitedWorksCollision checks that two different works whose hashes are
// equal (forced here: 64-bit collisions are too rare to find) count as two,
// and two sources of one work as one.
func TestCitedWorksCollision(t *testing.T) {
	src := func(url, pub, title string, work uint64) *Source {
		return &Source{URL: url, Publisher: pub, Title: title, work: work}
	}
	s := &Site{Cases: []*Case{
		{Sources: []*Source{src("https://a.example/1", "", "", 7), src("", "P", "T", 8)}},
		{Sources: []*Source{src("https://a.example/1", "Other", "Other", 7), src("https://b.example/2", "", "", 7)}},
		{Sources: []*Source{src("", "P", "T", 8), src("", "P", "U", 8), src("https://b.example/2", "", "", 7)}},
	}}
	if got := s.CitedWorks(); got != 4 { // a/1, P+T, b/2, P+U
		t.Errorf("CitedWorks = %d; want 4", got)
	}
}

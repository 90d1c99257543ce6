package site

import "testing"

func TestCiteID(t *testing.T) {
	tests := []struct {
		n, occ int
		want   string
	}{
		{3, 0, "cite-3-a"},
		{3, 25, "cite-3-z"},
		{3, 26, "cite-3-aa"},
		{12, 27, "cite-12-ab"},
		{1, 26 + 26*26, "cite-1-aaa"},
	}
	for _, tt := range tests {
		if got := CiteID(tt.n, tt.occ); got != tt.want {
			t.Errorf("CiteID(%d, %d) = %q; want %q", tt.n, tt.occ, got, tt.want)
		}
	}
}

package search

import (
	"slices"
	"strings"
	"testing"
	"unicode"
)

func TestTokens(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Cloudflare's abuse policies", []string{"cloudflare", "s", "abuse", "policies"}},
		{"DDoS-Guard, 8chan & #DropKiwiFarms", []string{"ddos", "guard", "8chan", "dropkiwifarms"}},
		{"Déplatformé DEPLATFORMÉ deplatforme", []string{"deplatforme", "deplatforme", "deplatforme"}},
		{"De\u0301platforme\u0301", []string{"deplatforme"}}, // decomposed: combining acute accents
		{"Straße, Æsir, œuvre, Þór", []string{"strasse", "aesir", "oeuvre", "thor"}},
		{"Łódź Škoda Ørsted Ğ İstanbul", []string{"lodz", "skoda", "orsted", "g", "istanbul"}},
		{"Tiếng Việt", []string{"tieng", "viet"}},
		{"ΟΔΟΣ οδος", []string{"οδοσ", "οδοσ"}},
		{"Москва", []string{"москва"}},
		{"日本語のテキスト", []string{"日", "本", "語", "の", "テ", "キ", "ス", "ト"}},
		{"$20-a-month, 2017-08-16", []string{"20", "a", "month", "2017", "08", "16"}},
		{"  \t\n—…", nil},
		{"\u0301", nil}, // a lone mark is no word
	}
	for _, tt := range tests {
		if got := Words(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("Words(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

func TestTokenOffsets(t *testing.T) {
	s := "Kiwi Farms’ host, DDoS‑Guard"
	var got []string
	for _, tok := range Tokens(s) {
		got = append(got, s[tok.Start:tok.End])
	}
	want := []string{"Kiwi", "Farms", "host", "DDoS", "Guard"}
	if !slices.Equal(got, want) {
		t.Errorf("token spans of %q = %q; want %q", s, got, want)
	}
}

func TestLongTokenIsCut(t *testing.T) {
	long := strings.Repeat("é", MaxTokenRunes+10)
	got := Words(long + " x")
	if len(got) != 2 || got[0] != strings.Repeat("e", MaxTokenRunes) || got[1] != "x" {
		t.Errorf("Words(%d × é + x) = %q; want %d × e, x", MaxTokenRunes+10, got, MaxTokenRunes)
	}
}

// TestFold is the accent-insensitivity promise: deplatformé finds
// deplatforme, whatever the case and the Unicode form.
func TestFold(t *testing.T) {
	for _, s := range []string{"deplatformé", "Déplatformé", "DEPLATFORMÉ", "de\u0301platforme\u0301", "deplatforme"} {
		if got := Fold(s); got != "deplatforme" {
			t.Errorf("Fold(%q) = %q; want deplatforme", s, got)
		}
	}
	if got := Fold("Ça, c'est Zürich!"); got != "ca, c'est zurich!" {
		t.Errorf("Fold keeps other characters: got %q", got)
	}
}

// TestFoldTable checks the table itself: aligned, lower-case letters that
// fold to plain ASCII letters (or σ), no letter twice.
func TestFoldTable(t *testing.T) {
	from, to := []rune(foldFrom), []rune(foldTo)
	if len(from) != len(to) {
		t.Fatalf("foldFrom has %d runes, foldTo %d", len(from), len(to))
	}
	seen := map[rune]bool{}
	for i, r := range from {
		if seen[r] {
			t.Errorf("%q is twice in foldFrom", r)
		}
		seen[r] = true
		if !unicode.IsLower(r) && r != 'ĸ' {
			t.Errorf("%q in foldFrom is not lower case: the table is applied after lower-casing", r)
		}
		if to[i] != 'σ' && (to[i] < 'a' || to[i] > 'z') {
			t.Errorf("%q folds to %q; want a-z", r, to[i])
		}
	}
	for r := range foldMulti {
		if seen[r] {
			t.Errorf("%q is in foldFrom and foldMulti", r)
		}
	}
}

func TestStopWords(t *testing.T) {
	if !IsStopWord("the") || IsStopWord("kiwi") {
		t.Error("IsStopWord: the is one, kiwi is not")
	}
	if !slices.IsSorted(stopWords) {
		t.Error("stopWords are not sorted")
	}
	for _, w := range stopWords {
		if Fold(w) != w || len(Words(w)) != 1 {
			t.Errorf("stop word %q is not one folded token", w)
		}
	}
}

func TestNumbers(t *testing.T) {
	nums := []int{0, 1, 31, 32, 1023, 1024, 1 << 20, 123456789}
	s := encodeNums(nums...)
	got, err := decodeNums(s)
	if err != nil || !slices.Equal(got, nums) {
		t.Errorf("decodeNums(encodeNums(%v)) = %v, %v", nums, got, err)
	}
	if encodeNums(5) != "F" || encodeNums(32) != "gB" {
		t.Errorf("encodeNums(5), (32) = %q, %q; want F, gB", encodeNums(5), encodeNums(32))
	}
	for _, bad := range []string{"g", "A!", "gg"} {
		if _, err := decodeNums(bad); err == nil {
			t.Errorf("decodeNums(%q) succeeded", bad)
		}
	}
}

func TestFileKey(t *testing.T) {
	tests := map[string]string{"": "_", "ki": "ki", "8c": "8c", "жу": "_436__443_", "日": "_65e5_", "σ": "_3c3_"}
	for in, want := range tests {
		if got := fileKey(in); got != want {
			t.Errorf("fileKey(%q) = %q; want %q", in, got, want)
		}
	}
}

package search

import (
	"errors"
	"strconv"
	"strings"
)

// Posting lists, positions and facets are written as strings of unsigned
// variable-length numbers in a URL- and JSON-safe base-64 alphabet: each
// character carries five bits of the number, least significant first, and a
// sixth bit saying that more characters follow. Numbers below 32 take one
// character, below 1024 two. JSON strings of these characters parse faster
// in a browser than arrays of numbers and compress well with gzip.
const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

// appendNum appends the encoding of n (n >= 0) to b.
func appendNum(b []byte, n int) []byte {
	for {
		d := n & 31
		n >>= 5
		if n == 0 {
			return append(b, alphabet[d])
		}
		b = append(b, alphabet[d|32])
	}
}

// digitOf maps an alphabet byte to its value, -1 for other bytes.
var digitOf = func() [256]int8 {
	var t [256]int8
	for i := range t {
		t[i] = -1
	}
	for i := 0; i < len(alphabet); i++ {
		t[alphabet[i]] = int8(i)
	}
	return t
}()

var errEncoding = errors.New("search: bad number encoding")

// decodeNums decodes every number of s.
func decodeNums(s string) ([]int, error) {
	out := make([]int, 0, len(s))
	n, shift := 0, 0
	for i := 0; i < len(s); i++ {
		d := int(digitOf[s[i]])
		if d < 0 || shift > 50 {
			return nil, errEncoding
		}
		n |= (d & 31) << shift
		if d&32 != 0 {
			shift += 5
			continue
		}
		out = append(out, n)
		n, shift = 0, 0
	}
	if shift != 0 {
		return nil, errEncoding
	}
	return out, nil
}

// encodeNums is the inverse of decodeNums, for tests and small fields.
func encodeNums(ns ...int) string {
	var b []byte
	for _, n := range ns {
		b = appendNum(b, n)
	}
	return string(b)
}

// fileKey returns the file name part for a shard key: letters a-z and digits
// are kept, any other character becomes "_" + its code point in hex + "_",
// so "ab" is "ab" and "жу" is "_436__443_". The root key "" is "_".
func fileKey(key string) string {
	if key == "" {
		return "_"
	}
	var b strings.Builder
	for _, r := range key {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
			continue
		}
		b.WriteString("_" + strconv.FormatInt(int64(r), 16) + "_")
	}
	return b.String()
}

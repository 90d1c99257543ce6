package corpus

import (
	"math/rand/v2"
	"strings"
	"unicode"
	"unicode/utf8"
)

// common are frequent English words; the generated vocabulary follows them,
// so a Zipf draw over the whole list gives text with a natural mix of short,
// repeated words and a long tail of rare ones.
var common = strings.Fields(`the of and to in a is that for it as was with be by on not he this are or his
from at which but have an they you were her she there been one all we their has would when if so no more
what about up out who them some could into its then two time only other new these may than first any like
over after also most made did many before must through back years where much your way well down should
because each just those people how too little state good very make world still own see men work long here
get both between life being under never day same another know while last might us great old year off come
since against go came right used take three provider service site domain hosting network company users
account content policy court letter statement report campaign pressure security traffic customers
registrar platform abuse complaint notice decision reinstated terminated suspended warned refused public
government lawyers activists researchers journalists blog post announcement response weeks months later
earlier spokesperson chief executive officer infrastructure servers address records protection payment
processor app store moderation terms violation hate speech harassment`)

// accented are a few words with non-ASCII letters, so text exercises the
// Unicode paths of the pipeline (typography, heading ids, search tokens).
var accented = []string{"café", "société", "décision", "Zürich", "naïve", "façade", "résumé", "Ørsted", "señal", "straße"}

// syllables build the invented words of the vocabulary's long tail and the
// names of entities and publishers.
var syllables = strings.Fields(`ba be bi bo bu ca ce co cu da de di do du fa fe fi fo ga ge go ha he hi ho ka ke ki
ko la le li lo lu ma me mi mo mu na ne ni no nu pa pe pi po ra re ri ro ru sa se si so su ta te ti to tu va ve vi
vo za ze zo bar ber bor cal cor dan del dor fal fer gan gor har her kan kor lan lar len lor man mar mer mor nal
nor par per por ran ren ron sal sel sor tal tan ter tor val ven vor xen yar zan zel`)

// vocabulary returns n words: the common ones, a few accented ones and
// invented words, in that order (the order the Zipf draw favours).
func vocabulary(rng *rand.Rand, n int) []string {
	words := append([]string(nil), common...)
	seen := map[string]bool{}
	for _, w := range words {
		seen[w] = true
	}
	for _, w := range accented {
		words = append(words, w)
		seen[w] = true
	}
	for len(words) < n {
		w := inventWord(rng, 2+rng.IntN(3))
		if !seen[w] {
			seen[w] = true
			words = append(words, w)
		}
	}
	return words
}

// inventWord joins k random syllables.
func inventWord(rng *rand.Rand, k int) string {
	var b strings.Builder
	for range k {
		b.WriteString(syllables[rng.IntN(len(syllables))])
	}
	return b.String()
}

// capitalize upper-cases the first letter of s.
func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// slugify lower-cases s and keeps a-z and 0-9, turning every other run of
// characters into one '-'.
func slugify(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
			continue
		}
		dash = true
	}
	return b.String()
}

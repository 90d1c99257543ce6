package content

// ActionType is one kind of provider action: the one table of the action
// vocabulary. The front matter's enum, the pages' badges and sentences, the
// exports, the timeline chart and the stylesheet's class names all come
// from it (the stylesheet is checked against it by a test of the render
// package).
type ActionType struct {
	Slug  string // as written in front matter (action: terminated); also the CSS class suffix (badge-terminated)
	Label string // what readers see: "Refused to act"
	// Verb completes the sentence "<provider> <Verb> <targets>":
	// "terminated service to".
	Verb string
	// Pattern names the fill drawn over the type's colour in the timeline
	// chart, so that colour is never the only cue: solid, diagonal,
	// vertical, dots, cross or horizontal (the chart template draws each).
	Pattern string
}

// ActionTypes lists the action types in the order the site presents them.
var ActionTypes = []ActionType{
	{"terminated", "Terminated", "terminated service to", "solid"},
	{"suspended", "Suspended", "suspended service to", "diagonal"},
	{"restored", "Restored", "restored service to", "vertical"},
	{"warned", "Warned", "warned", "dots"},
	{"refused", "Refused to act", "refused to drop", "cross"},
	{"pressured", "Pressured", "was pressed to drop", "horizontal"},
}

// Actions lists the slugs of ActionTypes, in order: the values the front
// matter's action field accepts.
var Actions = actionSlugs()

func actionSlugs() []string {
	out := make([]string, len(ActionTypes))
	for i, a := range ActionTypes {
		out[i] = a.Slug
	}
	return out
}

// LookupAction returns the action type of a slug.
func LookupAction(slug string) (ActionType, bool) {
	for _, a := range ActionTypes {
		if a.Slug == slug {
			return a, true
		}
	}
	return ActionType{}, false
}

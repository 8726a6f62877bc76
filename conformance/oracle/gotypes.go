// The "goTypes" op: the Go types encoding/json decodes each served kind into, as cdk8s-kpack's decoder reads
// them (assets/kpack/go-types-<version>.json), so that a value of the wrong JSON type is reported in Go's words.
package main

import (
	"encoding"
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strings"
)

// goType is one Go type as encoding/json sees it. Kind: string, bool, int, uint, float, slice, array, map,
// struct, any (an interface), bytes ([]byte: base64), json (a json.Unmarshaler), text (an
// encoding.TextUnmarshaler). Fields: JSON name, type id, then the embedded fields it is reached through.
type goType struct {
	Go     string     `json:"go"`
	Kind   string     `json:"kind"`
	Bits   int        `json:"bits,omitempty"`
	Elem   string     `json:"elem,omitempty"`
	Struct string     `json:"struct,omitempty"`
	Fields [][]string `json:"fields,omitempty"`
}

type goTypes struct {
	Kinds map[string]string  `json:"kinds"`
	Types map[string]*goType `json:"types"`
}

var (
	jsonUnmarshaler = reflect.TypeOf((*json.Unmarshaler)(nil)).Elem()
	textUnmarshaler = reflect.TypeOf((*encoding.TextUnmarshaler)(nil)).Elem()
)

func describeGoTypes() goTypes {
	out := goTypes{Kinds: map[string]string{}, Types: map[string]*goType{}}
	ids := map[reflect.Type]string{}
	var describe func(t reflect.Type) string
	describe = func(t reflect.Type) string {
		for t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		if id, ok := ids[t]; ok {
			return id
		}
		id := fmt.Sprintf("t%d", len(ids))
		ids[t] = id
		g := &goType{Go: t.String()}
		out.Types[id] = g
		// encoding/json calls UnmarshalJSON (on the value's address) before looking at the kind.
		if t.Implements(jsonUnmarshaler) || reflect.PointerTo(t).Implements(jsonUnmarshaler) {
			g.Kind = "json"
			return id
		}
		if t.Implements(textUnmarshaler) || reflect.PointerTo(t).Implements(textUnmarshaler) {
			g.Kind = "text"
			return id
		}
		switch t.Kind() {
		case reflect.String:
			g.Kind = "string"
		case reflect.Bool:
			g.Kind = "bool"
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			g.Kind, g.Bits = "int", t.Bits()
		case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
			g.Kind, g.Bits = "uint", t.Bits()
		case reflect.Float32, reflect.Float64:
			g.Kind, g.Bits = "float", t.Bits()
		case reflect.Interface:
			g.Kind = "any"
		case reflect.Slice:
			if t.Elem().Kind() == reflect.Uint8 && !reflect.PointerTo(t.Elem()).Implements(jsonUnmarshaler) && !reflect.PointerTo(t.Elem()).Implements(textUnmarshaler) {
				g.Kind = "bytes"
			} else {
				g.Kind, g.Elem = "slice", describe(t.Elem())
			}
		case reflect.Array:
			g.Kind, g.Elem = "array", describe(t.Elem())
		case reflect.Map:
			g.Kind, g.Elem = "map", describe(t.Elem())
		case reflect.Struct:
			g.Kind, g.Struct = "struct", t.Name()
			for _, f := range jsonFields(t) {
				// Go 1.24+ names the embedded structs a field is reached through in its errors (spec.BuilderSpec.stack).
				g.Fields = append(g.Fields, append([]string{f.name, describe(f.typ)}, f.via...))
			}
		default:
			g.Kind = "unsupported"
		}
		return id
	}
	// Kinds in order, so that the type ids are the same in every run.
	names := make([]string, 0, len(kinds))
	for kind := range kinds {
		names = append(names, kind)
	}
	sort.Strings(names)
	for _, kind := range names {
		out.Kinds[kind] = describe(reflect.TypeOf(kinds[kind]()))
	}
	return out
}

type jsonField struct {
	name   string
	typ    reflect.Type
	depth  int
	tagged bool
	index  []int
	// The Go names of the embedded fields it is reached through, outermost first.
	via []string
}

// jsonFields lists a struct's fields as encoding/json decodes them: embedded structs without a name are
// flattened, and of several fields with one name the shallowest wins, then a tagged one; a tie hides them all.
func jsonFields(t reflect.Type) []jsonField {
	var all []jsonField
	var walk func(t reflect.Type, depth int, index []int, via []string, seen map[reflect.Type]bool)
	walk = func(t reflect.Type, depth int, index []int, via []string, seen map[reflect.Type]bool) {
		if seen[t] {
			return
		}
		seen[t] = true
		for i := 0; i < t.NumField(); i++ {
			sf := t.Field(i)
			ft := sf.Type
			if sf.Anonymous {
				for ft.Kind() == reflect.Pointer {
					ft = ft.Elem()
				}
				if !sf.IsExported() && ft.Kind() != reflect.Struct {
					continue
				}
			} else if !sf.IsExported() {
				continue
			}
			tag := sf.Tag.Get("json")
			if tag == "-" {
				continue
			}
			name, _, _ := strings.Cut(tag, ",")
			at := append(append([]int{}, index...), i)
			if name == "" && sf.Anonymous && ft.Kind() == reflect.Struct {
				walk(ft, depth+1, at, append(append([]string{}, via...), sf.Name), copySeen(seen))
				continue
			}
			if name == "" {
				name = sf.Name
			}
			all = append(all, jsonField{name: name, typ: sf.Type, depth: depth, tagged: tag != "" && !strings.HasPrefix(tag, ","), index: at, via: via})
		}
	}
	walk(t, 0, nil, nil, map[reflect.Type]bool{})
	byName := map[string][]jsonField{}
	var order []string
	for _, f := range all {
		if _, ok := byName[f.name]; !ok {
			order = append(order, f.name)
		}
		byName[f.name] = append(byName[f.name], f)
	}
	var fields []jsonField
	for _, name := range order {
		candidates := byName[name]
		sort.SliceStable(candidates, func(i, j int) bool { return candidates[i].depth < candidates[j].depth })
		best := candidates[:1]
		for _, c := range candidates[1:] {
			if c.depth == best[0].depth {
				best = append(best, c)
			}
		}
		if len(best) > 1 {
			var tagged []jsonField
			for _, c := range best {
				if c.tagged {
					tagged = append(tagged, c)
				}
			}
			if len(tagged) != 1 {
				continue
			}
			best = tagged
		}
		fields = append(fields, best[0])
	}
	// encoding/json's order: by index sequence, the order a decoder meets the fields in the struct.
	sort.SliceStable(fields, func(i, j int) bool {
		a, b := fields[i].index, fields[j].index
		for k := 0; k < len(a) && k < len(b); k++ {
			if a[k] != b[k] {
				return a[k] < b[k]
			}
		}
		return len(a) < len(b)
	})
	return fields
}

func copySeen(seen map[reflect.Type]bool) map[reflect.Type]bool {
	c := make(map[reflect.Type]bool, len(seen))
	for k, v := range seen {
		c[k] = v
	}
	return c
}

package main

// Variable types of a vector's "types" field, written the way CEL prints them: int, uint, double,
// string, bool, bytes, null, dyn, timestamp, duration, list(T), map(K, V), optional(T).

import (
	"fmt"
	"strings"

	"github.com/google/cel-go/cel"
)

func parseType(text string) (*cel.Type, error) {
	t, rest, err := parseTypeAt(strings.TrimSpace(text))
	if err != nil {
		return nil, err
	}
	if strings.TrimSpace(rest) != "" {
		return nil, fmt.Errorf("type %q: unexpected %q", text, rest)
	}
	return t, nil
}

var simpleTypes = map[string]*cel.Type{
	"int": cel.IntType, "uint": cel.UintType, "double": cel.DoubleType, "string": cel.StringType,
	"bool": cel.BoolType, "bytes": cel.BytesType, "null": cel.NullType, "dyn": cel.DynType,
	"timestamp": cel.TimestampType, "duration": cel.DurationType,
}

func parseTypeAt(s string) (*cel.Type, string, error) {
	s = strings.TrimSpace(s)
	end := strings.IndexAny(s, "(,)")
	if end < 0 {
		end = len(s)
	}
	name := strings.TrimSpace(s[:end])
	rest := s[end:]
	if t, ok := simpleTypes[name]; ok {
		return t, rest, nil
	}
	if !strings.HasPrefix(rest, "(") {
		return nil, "", fmt.Errorf("unknown type %q", name)
	}
	var params []*cel.Type
	rest = rest[1:]
	for {
		p, r, err := parseTypeAt(rest)
		if err != nil {
			return nil, "", err
		}
		params = append(params, p)
		r = strings.TrimSpace(r)
		if strings.HasPrefix(r, ",") {
			rest = r[1:]
			continue
		}
		if !strings.HasPrefix(r, ")") {
			return nil, "", fmt.Errorf("type %q: missing )", s)
		}
		rest = r[1:]
		break
	}
	switch {
	case name == "list" && len(params) == 1:
		return cel.ListType(params[0]), rest, nil
	case name == "map" && len(params) == 2:
		return cel.MapType(params[0], params[1]), rest, nil
	case name == "optional" && len(params) == 1:
		return cel.OptionalType(params[0]), rest, nil
	}
	return nil, "", fmt.Errorf("unknown type %s with %d parameters", name, len(params))
}

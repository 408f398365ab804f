package main

// The JSON form of CEL values shared by the vectors, the oracle and the TypeScript test suite.
//
// Plain JSON means what it means to Kubernetes' unstructured decoding: a number written as an integer is
// an int64, any other number a float64. Values JSON cannot carry are single-key objects ("tags"):
//
//	{"$int": "9223372036854775807"}  an int64 beyond 2^53 (answers write smaller ints as plain numbers)
//	{"$double": 1} / {"$double": "NaN" | "+Inf" | "-Inf"}   a double (answers always tag doubles)
//	{"$uint": "3"}  {"$bytes": "<base64>"}  {"$timestamp": "<RFC 3339>"}  {"$duration": "1.5s"}
//	{"$map": [[key, value], ...]}  a map with non-string keys, or an object whose only key starts with $
//	{"$optional": []} / {"$optional": [value]}   optional none / optional of value (inputs only)
//	{"$type": "int"}  a CEL type value (cel-spec expectations only)
//	{"$omit": true}  kro's omit() sentinel (answers only)

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/google/cel-go/common/types"
	"github.com/google/cel-go/common/types/ref"
	"github.com/kubernetes-sigs/kro/pkg/cel/sentinels"
)

// maxExact is the largest integer a JavaScript number holds exactly; bigger ints are written as tags.
const maxExact = 1 << 53

// decodeJSON parses vector JSON, keeping number literals as text so integers and doubles stay apart.
func decodeJSON(raw []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	return v, nil
}

// toInput turns decoded JSON into an activation value. pure reports plain JSON data (int64, float64,
// string, bool, nil, maps, lists): exactly what KRO hands to CEL for an unstructured object. Anything
// else is built from cel-go values, since KRO's output conversion deep-copies raw maps as JSON and would
// panic on a uint64 or []byte inside one.
func toInput(v any) (value any, pure bool, err error) {
	switch x := v.(type) {
	case nil, string, bool:
		return x, true, nil
	case json.Number:
		return numberFromText(string(x)), true, nil
	case []any:
		out := make([]any, len(x))
		pure = true
		for i, item := range x {
			var itemPure bool
			if out[i], itemPure, err = toInput(item); err != nil {
				return nil, false, err
			}
			pure = pure && itemPure
		}
		if pure {
			return out, true, nil
		}
		vals := make([]ref.Val, len(out))
		for i, item := range out {
			vals[i] = types.DefaultTypeAdapter.NativeToValue(item)
		}
		return types.NewRefValList(types.DefaultTypeAdapter, vals), false, nil
	case map[string]any:
		if tag, body, ok := singleTag(x); ok {
			return fromTag(tag, body)
		}
		out := make(map[string]any, len(x))
		pure = true
		for k, item := range x {
			var itemPure bool
			if out[k], itemPure, err = toInput(item); err != nil {
				return nil, false, err
			}
			pure = pure && itemPure
		}
		if pure {
			return out, true, nil
		}
		vals := make(map[ref.Val]ref.Val, len(out))
		for k, item := range out {
			vals[types.String(k)] = types.DefaultTypeAdapter.NativeToValue(item)
		}
		return types.NewRefValMap(types.DefaultTypeAdapter, vals), false, nil
	}
	return nil, false, fmt.Errorf("unexpected JSON value %T", v)
}

// numberFromText is apimachinery's rule for unstructured JSON: an integer literal that fits is an int64,
// anything else a float64.
func numberFromText(s string) any {
	if !strings.ContainsAny(s, ".eE") {
		if i, err := strconv.ParseInt(s, 10, 64); err == nil {
			return i
		}
	}
	f, _ := strconv.ParseFloat(s, 64)
	return f
}

func singleTag(m map[string]any) (string, any, bool) {
	if len(m) != 1 {
		return "", nil, false
	}
	for k, v := range m {
		if strings.HasPrefix(k, "$") {
			return k, v, true
		}
	}
	return "", nil, false
}

func fromTag(tag string, body any) (any, bool, error) {
	text, _ := body.(string)
	switch tag {
	case "$int":
		i, err := strconv.ParseInt(text, 10, 64)
		return i, true, err
	case "$uint":
		u, err := strconv.ParseUint(text, 10, 64)
		return u, false, err
	case "$double":
		f, err := doubleFromTag(body)
		return f, true, err
	case "$bytes":
		b, err := base64.StdEncoding.DecodeString(text)
		return b, false, err
	case "$timestamp":
		t, err := time.Parse(time.RFC3339Nano, text)
		return t, false, err
	case "$duration":
		d, err := time.ParseDuration(text)
		return d, false, err
	case "$optional":
		items, _ := body.([]any)
		if len(items) == 0 {
			return types.OptionalNone, false, nil
		}
		inner, _, err := toInput(items[0])
		return types.OptionalOf(types.DefaultTypeAdapter.NativeToValue(inner)), false, err
	case "$map":
		entries, _ := body.([]any)
		vals := make(map[ref.Val]ref.Val, len(entries))
		for _, e := range entries {
			pair, ok := e.([]any)
			if !ok || len(pair) != 2 {
				return nil, false, fmt.Errorf("$map entries are [key, value] pairs")
			}
			k, _, err := toInput(pair[0])
			if err != nil {
				return nil, false, err
			}
			v, _, err := toInput(pair[1])
			if err != nil {
				return nil, false, err
			}
			vals[types.DefaultTypeAdapter.NativeToValue(k)] = types.DefaultTypeAdapter.NativeToValue(v)
		}
		return types.NewRefValMap(types.DefaultTypeAdapter, vals), false, nil
	}
	return nil, false, fmt.Errorf("unknown value tag %s", tag)
}

func doubleFromTag(body any) (float64, error) {
	switch x := body.(type) {
	case json.Number:
		return strconv.ParseFloat(string(x), 64)
	case string:
		switch x {
		case "NaN":
			return math.NaN(), nil
		case "+Inf":
			return math.Inf(1), nil
		case "-Inf":
			return math.Inf(-1), nil
		}
	}
	return 0, fmt.Errorf("bad $double %v", body)
}

// encodeNative writes a value produced by KRO's conversion.GoNativeType in the tagged JSON form.
func encodeNative(v any) (any, error) {
	switch x := v.(type) {
	case nil, bool, string:
		return x, nil
	case int64:
		return encodeInt(x), nil
	case uint64:
		return map[string]any{"$uint": strconv.FormatUint(x, 10)}, nil
	case float64:
		return map[string]any{"$double": encodeDouble(x)}, nil
	case []byte:
		return map[string]any{"$bytes": base64.StdEncoding.EncodeToString(x)}, nil
	case sentinels.Omit:
		return map[string]any{"$omit": true}, nil
	case []any:
		out := make([]any, len(x))
		for i, item := range x {
			enc, err := encodeNative(item)
			if err != nil {
				return nil, err
			}
			out[i] = enc
		}
		return out, nil
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, item := range x {
			enc, err := encodeNative(item)
			if err != nil {
				return nil, err
			}
			out[k] = enc
		}
		if _, _, tagLike := singleTag(out); tagLike {
			return escapeMap(out), nil
		}
		return out, nil
	}
	return nil, fmt.Errorf("no JSON form for %T", v)
}

func encodeInt(i int64) any {
	if i > -maxExact && i < maxExact {
		return json.Number(strconv.FormatInt(i, 10))
	}
	return map[string]any{"$int": strconv.FormatInt(i, 10)}
}

func encodeDouble(f float64) any {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "+Inf"
	case math.IsInf(f, -1):
		return "-Inf"
	}
	return f
}

// escapeMap writes an object whose only key looks like a tag as a $map, so it cannot be misread.
func escapeMap(m map[string]any) any {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	entries := make([]any, 0, len(keys))
	for _, k := range keys {
		entries = append(entries, []any{k, m[k]})
	}
	return map[string]any{"$map": entries}
}

package main

// extract-spec: the cel-spec conformance tests (cel.dev/expr tests/simple/testdata, the version KRO's
// cel-go pins) as vector files. Only the suites and tests KRO's environment can express are kept: no
// protobuf messages or enums, no containers, no custom function declarations, no unknowns. Tests are
// reduced to their expression, bindings and declared variable types; the spec's expected answer is kept
// as `expect` for readers. The data is Apache-2.0 (see test/cel/vectors/README.md).

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"cel.dev/expr"
	_ "cel.dev/expr/conformance/proto2" // registers TestAllTypes so the textprotos parse
	_ "cel.dev/expr/conformance/proto3"
	conformance "cel.dev/expr/conformance/test"
	"google.golang.org/protobuf/encoding/prototext"
	"google.golang.org/protobuf/types/known/durationpb"
	"google.golang.org/protobuf/types/known/timestamppb"
)

// specSuites are the cel-spec files whose features KRO's environment has (cel-go standard library,
// ext strings/lists/bindings/encoders/two-variable comprehensions, optional types).
var specSuites = []string{
	"basic", "comparisons", "conversions", "fields", "fp_math", "integer_math", "lists", "logic", "macros",
	"macros2", "parse", "plumbing", "string", "string_ext", "optionals", "bindings_ext", "encoders_ext", "timestamps",
}

// errUnsupported marks a test that needs something KRO's environment cannot express; its text is the
// exclusion reason recorded in the vector file.
type errUnsupported string

func (e errUnsupported) Error() string { return string(e) }

func extractSpec(testdata, outDir string) error {
	version := filepath.Base(filepath.Dir(filepath.Dir(filepath.Dir(testdata)))) // .../cel.dev/expr@v0.25.1/tests/simple/testdata
	for _, suite := range specSuites {
		raw, err := os.ReadFile(filepath.Join(testdata, suite+".textproto"))
		if err != nil {
			return err
		}
		var file conformance.SimpleTestFile
		if err := prototext.Unmarshal(raw, &file); err != nil {
			return fmt.Errorf("%s: %w", suite, err)
		}
		out := vectorFile{
			Suite:       "spec-" + suite,
			Description: file.GetDescription(),
			Source:      fmt.Sprintf("cel-spec conformance data, cel.dev/%s tests/simple/testdata/%s.textproto", version, suite),
			Excluded:    map[string]int{},
		}
		ids := map[string]int{}
		for _, section := range file.GetSection() {
			for _, test := range section.GetTest() {
				v, err := specVector(test)
				if reason, ok := err.(errUnsupported); ok {
					out.Excluded[string(reason)]++
					continue
				}
				if err != nil {
					return fmt.Errorf("%s/%s/%s: %w", suite, section.GetName(), test.GetName(), err)
				}
				id := fmt.Sprintf("spec/%s/%s/%s", suite, section.GetName(), test.GetName())
				if ids[id]++; ids[id] > 1 {
					id = fmt.Sprintf("%s#%d", id, ids[id])
				}
				v.ID = id
				out.Vectors = append(out.Vectors, v)
			}
		}
		if err := writeVectorFile(filepath.Join(outDir, "spec-"+suite+".json"), out); err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "%-14s %4d vectors, excluded %v\n", suite, len(out.Vectors), out.Excluded)
	}
	return nil
}

// protoNames finds protobuf message, enum and package names in an expression. The well-known Timestamp
// and Duration type names are fine (KRO has both types) unless a message is being constructed.
var protoNames = regexp.MustCompile(`(google\.protobuf\.(\w+)\s*(\{)?)|TestAllTypes|NestedMessage|cel\.expr\.conformance|GlobalEnum|NestedEnum|\.single_|\.repeated_|\.map_`)

func specVector(test *conformance.SimpleTest) (vector, error) {
	switch {
	case test.GetContainer() != "":
		return vector{}, errUnsupported("container (namespace resolution)")
	case test.GetDisableMacros():
		return vector{}, errUnsupported("macros disabled")
	case test.GetCheckOnly():
		return vector{}, errUnsupported("type-check only")
	case test.GetUnknown() != nil || test.GetAnyUnknowns() != nil:
		return vector{}, errUnsupported("unknown values")
	}
	for _, m := range protoNames.FindAllStringSubmatch(test.GetExpr(), -1) {
		if m[1] == "" || (m[2] != "Timestamp" && m[2] != "Duration") || m[3] != "" {
			return vector{}, errUnsupported("protobuf messages or enums")
		}
	}
	v := vector{request: request{Expr: test.GetExpr()}, DisableCheck: test.GetDisableCheck()}
	for _, decl := range test.GetTypeEnv() {
		if decl.GetIdent() == nil {
			return vector{}, errUnsupported("custom function declarations")
		}
		t, err := specType(decl.GetIdent().GetType())
		if err != nil {
			return vector{}, err
		}
		if v.Types == nil {
			v.Types = map[string]string{}
		}
		v.Types[decl.GetName()] = t
	}
	for name, binding := range test.GetBindings() {
		if binding.GetValue() == nil {
			return vector{}, errUnsupported("error or unknown bindings")
		}
		enc, err := specValue(binding.GetValue())
		if err != nil {
			return vector{}, err
		}
		raw, err := marshal(enc)
		if err != nil {
			return vector{}, err
		}
		if v.Vars == nil {
			v.Vars = map[string]json.RawMessage{}
		}
		v.Vars[name] = raw
	}
	expect, err := specExpectation(test)
	if err != nil {
		return vector{}, err
	}
	if v.Expect, err = marshal(expect); err != nil {
		return vector{}, err
	}
	return v, nil
}

func specExpectation(test *conformance.SimpleTest) (map[string]any, error) {
	switch {
	case test.GetEvalError() != nil:
		var messages []string
		for _, s := range test.GetEvalError().GetErrors() {
			messages = append(messages, s.GetMessage())
		}
		return map[string]any{"error": strings.Join(messages, "; ")}, nil
	case test.GetAnyEvalErrors() != nil:
		return map[string]any{"error": "any"}, nil
	case test.GetTypedResult() != nil:
		val, err := specValue(test.GetTypedResult().GetResult())
		return map[string]any{"value": val}, err
	case test.GetValue() != nil:
		val, err := specValue(test.GetValue())
		return map[string]any{"value": val}, err
	}
	// cel-spec: a test without a matcher expects true.
	return map[string]any{"value": true}, nil
}

func specValue(v *expr.Value) (any, error) {
	switch k := v.GetKind().(type) {
	case *expr.Value_NullValue:
		return nil, nil
	case *expr.Value_BoolValue:
		return k.BoolValue, nil
	case *expr.Value_StringValue:
		return k.StringValue, nil
	case *expr.Value_Int64Value:
		return encodeNative(k.Int64Value)
	case *expr.Value_Uint64Value:
		return encodeNative(k.Uint64Value)
	case *expr.Value_DoubleValue:
		return encodeNative(k.DoubleValue)
	case *expr.Value_BytesValue:
		return encodeNative(k.BytesValue)
	case *expr.Value_TypeValue:
		return map[string]any{"$type": k.TypeValue}, nil
	case *expr.Value_ListValue:
		out := []any{}
		for _, item := range k.ListValue.GetValues() {
			enc, err := specValue(item)
			if err != nil {
				return nil, err
			}
			out = append(out, enc)
		}
		return out, nil
	case *expr.Value_MapValue:
		return specMap(k.MapValue)
	case *expr.Value_ObjectValue:
		return specObject(k)
	}
	return nil, errUnsupported("protobuf messages or enums")
}

func specMap(m *expr.MapValue) (any, error) {
	object := map[string]any{}
	var entries []any
	stringKeys := true
	for _, e := range m.GetEntries() {
		key, err := specValue(e.GetKey())
		if err != nil {
			return nil, err
		}
		val, err := specValue(e.GetValue())
		if err != nil {
			return nil, err
		}
		if s, ok := key.(string); ok {
			object[s] = val
		} else {
			stringKeys = false
		}
		entries = append(entries, []any{key, val})
	}
	if _, _, tagLike := singleTag(object); stringKeys && !tagLike {
		return object, nil
	}
	return map[string]any{"$map": entries}, nil
}

// specObject keeps the two well-known messages KRO has as CEL types; any other message is unsupported.
func specObject(k *expr.Value_ObjectValue) (any, error) {
	msg, err := k.ObjectValue.UnmarshalNew()
	if err != nil {
		return nil, errUnsupported("protobuf messages or enums")
	}
	switch m := msg.(type) {
	case *timestamppb.Timestamp:
		return map[string]any{"$timestamp": m.AsTime().UTC().Format(time.RFC3339Nano)}, nil
	case *durationpb.Duration:
		return map[string]any{"$duration": m.AsDuration().String()}, nil
	}
	return nil, errUnsupported("protobuf messages or enums")
}

// specType writes a declared type in the oracle's notation (types.go).
func specType(t *expr.Type) (string, error) {
	switch k := t.GetTypeKind().(type) {
	case *expr.Type_Dyn:
		return "dyn", nil
	case *expr.Type_Null:
		return "null", nil
	case *expr.Type_Primitive:
		names := map[expr.Type_PrimitiveType]string{expr.Type_BOOL: "bool", expr.Type_INT64: "int", expr.Type_UINT64: "uint",
			expr.Type_DOUBLE: "double", expr.Type_STRING: "string", expr.Type_BYTES: "bytes"}
		if n, ok := names[k.Primitive]; ok {
			return n, nil
		}
	case *expr.Type_WellKnown:
		switch k.WellKnown {
		case expr.Type_TIMESTAMP:
			return "timestamp", nil
		case expr.Type_DURATION:
			return "duration", nil
		}
	case *expr.Type_ListType_:
		elem, err := specType(k.ListType.GetElemType())
		return "list(" + elem + ")", err
	case *expr.Type_MapType_:
		key, err := specType(k.MapType.GetKeyType())
		if err != nil {
			return "", err
		}
		val, err := specType(k.MapType.GetValueType())
		return "map(" + key + ", " + val + ")", err
	}
	return "", errUnsupported("protobuf types in declarations")
}

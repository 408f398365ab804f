package main

// One vector through KRO's own CEL path: the environment of pkg/cel (DefaultEnvironment), schema-driven
// input conversion of pkg/cel/unstructured, output conversion of pkg/cel/conversion, and the pending
// classification of pkg/runtime/errors.go.

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/google/cel-go/cel"
	"github.com/google/cel-go/common/types/ref"
	krocel "github.com/kubernetes-sigs/kro/pkg/cel"
	"github.com/kubernetes-sigs/kro/pkg/cel/conversion"
	"github.com/kubernetes-sigs/kro/pkg/cel/library"
	"github.com/kubernetes-sigs/kro/pkg/cel/unstructured"
	"k8s.io/apiserver/pkg/cel/openapi"
	"k8s.io/kube-openapi/pkg/validation/spec"
)

// request is one vector: an expression and its variables. A variable with a schema (OpenAPI v3, as KRO
// reads from a CRD or the API server) is typed and converted by it, like a resource; one with a type is
// declared with that CEL type; any other variable is dyn, like a resource without a schema.
type request struct {
	ID      string                     `json:"id"`
	Expr    string                     `json:"expr"`
	Vars    map[string]json.RawMessage `json:"vars,omitempty"`
	Types   map[string]string          `json:"types,omitempty"`
	Schemas map[string]json.RawMessage `json:"schemas,omitempty"`
}

// answer is what KRO makes of it. class is value, pending (KRO retries later) or error (fatal); stage
// says where an error arose: compile (KRO rejects the RGD), eval, or convert (the result has no Go form).
type answer struct {
	ID    string          `json:"id"`
	Class string          `json:"class"`
	Type  string          `json:"type,omitempty"`
	Value json.RawMessage `json:"value,omitempty"`
	Stage string          `json:"stage,omitempty"`
	Error string          `json:"error,omitempty"`
}

// pendingPatterns are the four phrases of kro pkg/runtime/errors.go (unexported there, so restated):
// an evaluation error containing one of them means "data pending, retry".
var pendingPatterns = []string{"no such key", "no such field", "no such attribute", "index out of bounds"}

func isPending(message string) bool {
	for _, p := range pendingPatterns {
		if strings.Contains(message, p) {
			return true
		}
	}
	return false
}

func failure(id, stage string, err error) answer {
	class := "error"
	if stage != "compile" && isPending(err.Error()) {
		class = "pending"
	}
	return answer{ID: id, Class: class, Stage: stage, Error: err.Error()}
}

func evaluate(req request) (ans answer) {
	defer func() {
		// A panic inside KRO's conversion (e.g. DeepCopyJSON meeting a non-JSON value) is reported, not fatal.
		if r := recover(); r != nil {
			ans = failure(req.ID, "panic", fmt.Errorf("%v", r))
		}
	}()
	env, activation, err := prepare(req)
	if err != nil {
		return failure(req.ID, "input", err)
	}
	checked, issues := env.Compile(req.Expr)
	if issues != nil && issues.Err() != nil {
		return failure(req.ID, "compile", issues.Err())
	}
	program, err := env.Program(checked)
	if err != nil {
		return failure(req.ID, "compile", err)
	}
	out, _, err := program.Eval(activation)
	if err != nil {
		return failure(req.ID, "eval", err)
	}
	return convert(req.ID, out)
}

// convert applies KRO's output conversion. A runtime.newCondition result has no Go-native form there;
// KRO's condition evaluation reads it as a map, and so do we.
func convert(id string, out ref.Val) answer {
	typeName := out.Type().TypeName()
	var native any
	if cond, ok := out.(*library.Condition); ok {
		native = map[string]any{"type": cond.ConditionType, "status": cond.Status, "reason": cond.Reason, "message": cond.Message}
	} else {
		var err error
		if native, err = conversion.GoNativeType(out); err != nil {
			ans := failure(id, "convert", err)
			ans.Type = typeName
			return ans
		}
	}
	encoded, err := encodeNative(native)
	if err != nil {
		return failure(id, "convert", err)
	}
	raw, err := marshal(encoded)
	if err != nil {
		return failure(id, "convert", err)
	}
	return answer{ID: id, Class: "value", Type: typeName, Value: raw}
}

// prepare declares the variables in KRO's environment and converts their values.
func prepare(req request) (*cel.Env, map[string]any, error) {
	names := map[string]bool{}
	for n := range req.Vars {
		names[n] = true
	}
	for n := range req.Types {
		names[n] = true
	}
	for n := range req.Schemas {
		names[n] = true
	}
	var dynIDs []string
	var decls []cel.EnvOption
	schemas := map[string]*spec.Schema{}
	for n := range names {
		switch {
		case req.Schemas[n] != nil:
			s := &spec.Schema{}
			if err := json.Unmarshal(req.Schemas[n], s); err != nil {
				return nil, nil, fmt.Errorf("schema of %s: %w", n, err)
			}
			schemas[n] = s
		case req.Types[n] != "":
			t, err := parseType(req.Types[n])
			if err != nil {
				return nil, nil, err
			}
			decls = append(decls, cel.Variable(n, t))
		default:
			dynIDs = append(dynIDs, n)
		}
	}
	sort.Strings(dynIDs)
	env, err := krocel.DefaultEnvironment(krocel.WithResourceIDs(dynIDs), krocel.WithTypedResources(schemas), krocel.WithCustomDeclarations(decls))
	if err != nil {
		return nil, nil, err
	}
	// KRO binds the runtime variable for status conditions; binding it everywhere is harmless.
	activation := map[string]any{library.RuntimeVarName: library.RuntimeSingleton}
	for n, raw := range req.Vars {
		decoded, err := decodeJSON(raw)
		if err != nil {
			return nil, nil, fmt.Errorf("value of %s: %w", n, err)
		}
		value, pure, err := toInput(decoded)
		if err != nil {
			return nil, nil, fmt.Errorf("value of %s: %w", n, err)
		}
		if s := schemas[n]; s != nil {
			if !pure {
				return nil, nil, fmt.Errorf("value of %s: a schema-typed variable takes plain JSON", n)
			}
			// As pkg/runtime/node_context.go wrapWithSchema does for an observed object.
			value = unstructured.UnstructuredToVal(value, &openapi.Schema{Schema: s})
		}
		activation[n] = value
	}
	return env, activation, nil
}

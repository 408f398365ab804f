// Command yaml-oracle reads YAML the way the Kubernetes tools do, for test/support/yaml-oracle.ts: each
// line of stdin is a JSON string holding one YAML document; each line of stdout is a JSON object with what
// sigs.k8s.io/yaml's YAMLToJSON (go-yaml v2: kubectl, the API server, KRO, Flux, Helm) and go-yaml v3's
// Unmarshal make of it. In v3's answer a value JSON has no form for (a time, a NaN or infinite float) is
// written as {"$type", "$value"} (Go's type and %v), and a map key that is not a string as "!<type>:<value>".
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math"
	"os"

	yamlv3 "go.yaml.in/yaml/v3"
	"sigs.k8s.io/yaml"
)

type answer struct {
	K8s      json.RawMessage `json:"k8s,omitempty"`
	K8sError string          `json:"k8sError,omitempty"`
	V3       any             `json:"v3,omitempty"`
	V3Error  string          `json:"v3Error,omitempty"`
}

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 64<<20)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	encoder := json.NewEncoder(out)
	encoder.SetEscapeHTML(false)
	for in.Scan() {
		var text string
		if err := json.Unmarshal(in.Bytes(), &text); err != nil {
			fmt.Fprintf(os.Stderr, "yaml-oracle: a line is not a JSON string: %v\n", err)
			os.Exit(2)
		}
		if err := encoder.Encode(read(text)); err != nil {
			fmt.Fprintf(os.Stderr, "yaml-oracle: %v\n", err)
			os.Exit(2)
		}
	}
	if err := in.Err(); err != nil {
		fmt.Fprintf(os.Stderr, "yaml-oracle: %v\n", err)
		os.Exit(2)
	}
}

func read(text string) answer {
	var a answer
	if j, err := yaml.YAMLToJSON([]byte(text)); err != nil {
		a.K8sError = err.Error()
	} else {
		a.K8s = j
	}
	var v any
	if err := yamlv3.Unmarshal([]byte(text), &v); err != nil {
		a.V3Error = err.Error()
	} else {
		a.V3 = tagged(v)
	}
	return a
}

// tagged keeps what JSON can hold and tags every other value with its Go type.
func tagged(v any) any {
	switch x := v.(type) {
	case string:
		return x
	case []any:
		list := make([]any, len(x))
		for i, item := range x {
			list[i] = tagged(item)
		}
		return list
	case map[string]any:
		m := make(map[string]any, len(x))
		for k, item := range x {
			m[k] = tagged(item)
		}
		return m
	case map[any]any:
		m := make(map[string]any, len(x))
		for k, item := range x {
			key, ok := k.(string)
			if !ok {
				key = fmt.Sprintf("!%T:%v", k, k)
			}
			m[key] = tagged(item)
		}
		return m
	case nil, bool, int, int64, uint64:
		return x
	case float64:
		if !math.IsNaN(x) && !math.IsInf(x, 0) {
			return x
		}
	}
	return map[string]string{"$type": fmt.Sprintf("%T", v), "$value": fmt.Sprintf("%v", v)}
}

// krocheck feeds RGD YAML files through KRO v0.9.4's own SimpleSchema transformer and schemaless `${}`
// parser, and prints what KRO derives (OpenAPI schema, extracted expressions). It needs no cluster.
// Used to verify the golden files by hand; it lives under testdata so Go and TS builds ignore it.
//
//	mkdir -p /tmp/krocheck && cp main.go /tmp/krocheck/ && cp ../../../../../tools/kro/go.{mod,sum} /tmp/krocheck/
//	cd /tmp/krocheck && sed -i 's#^module .*#module krocheck#; /^tool /d' go.mod
//	GOFLAGS=-mod=mod go run . /path/to/src/compile/rgd/testdata/*.rgd.yaml
package main

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/kubernetes-sigs/kro/api/v1alpha1"
	"github.com/kubernetes-sigs/kro/pkg/graph/parser"
	"github.com/kubernetes-sigs/kro/pkg/simpleschema"
	"sigs.k8s.io/yaml"
)

// Reads RGD YAML files; prints the OpenAPI schema KRO derives from spec/types, and the expressions
// KRO extracts from status and from each template (schemaless parse).
func main() {
	for _, file := range os.Args[1:] {
		raw, err := os.ReadFile(file)
		must(err)
		var rgd v1alpha1.ResourceGraphDefinition
		must(yaml.UnmarshalStrict(raw, &rgd))
		spec := map[string]interface{}{}
		must(yaml.Unmarshal(rgd.Spec.Schema.Spec.Raw, &spec))
		types := map[string]interface{}{}
		if len(rgd.Spec.Schema.Types.Raw) > 0 {
			must(yaml.Unmarshal(rgd.Spec.Schema.Types.Raw, &types))
		}
		out, err := simpleschema.ToOpenAPISpec(spec, types)
		fmt.Printf("== %s\n", file)
		if err != nil {
			fmt.Println("SCHEMA ERROR:", err)
		} else {
			b, _ := json.Marshal(out)
			fmt.Println("schema:", string(b))
		}
		if len(rgd.Spec.Schema.Status.Raw) > 0 {
			status := map[string]interface{}{}
			must(yaml.Unmarshal(rgd.Spec.Schema.Status.Raw, &status))
			fds, plain, err := parser.ParseSchemalessResource(status)
			fmt.Println("status plain:", plain, "err:", err)
			for _, fd := range fds {
				fmt.Printf("  status %s: %s\n", fd.Path, fd.Expression.Original)
			}
		}
		for _, r := range rgd.Spec.Resources {
			if len(r.Template.Raw) == 0 {
				continue
			}
			obj := map[string]interface{}{}
			must(yaml.Unmarshal(r.Template.Raw, &obj))
			fds, plain, err := parser.ParseSchemalessResource(obj)
			_ = plain
			fmt.Println("resource", r.ID, "err:", err)
			for _, fd := range fds {
				fmt.Printf("  %s: %s\n", fd.Path, fd.Expression.Original)
			}
		}
	}
}

func must(err error) {
	if err != nil {
		panic(err)
	}
}

package main

// Vector files (test/cel/vectors/*.json): a suite of requests, each with an optional expectation (the
// cel-spec answer, or the hand-written intent). The oracle ignores expectations; they are for readers.

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
)

type vectorFile struct {
	Suite       string         `json:"suite"`
	Description string         `json:"description,omitempty"`
	Source      string         `json:"source,omitempty"`
	Excluded    map[string]int `json:"excluded,omitempty"`
	// Defaults are variables shared by the file's vectors; a vector's own entries win by name.
	Defaults *defaults `json:"defaults,omitempty"`
	Vectors  []vector  `json:"vectors"`
}

type defaults struct {
	Vars    map[string]json.RawMessage `json:"vars,omitempty"`
	Types   map[string]string          `json:"types,omitempty"`
	Schemas map[string]json.RawMessage `json:"schemas,omitempty"`
}

func (d *defaults) applyTo(r *request) {
	if d == nil {
		return
	}
	r.Vars = merged(d.Vars, r.Vars)
	r.Types = merged(d.Types, r.Types)
	r.Schemas = merged(d.Schemas, r.Schemas)
}

func merged[V any](base, own map[string]V) map[string]V {
	if len(base) == 0 {
		return own
	}
	out := make(map[string]V, len(base)+len(own))
	for k, v := range base {
		out[k] = v
	}
	for k, v := range own {
		out[k] = v
	}
	return out
}

type vector struct {
	request
	// DisableCheck marks cel-spec tests written for an unchecked evaluation; KRO always type-checks.
	DisableCheck bool            `json:"disableCheck,omitempty"`
	Expect       json.RawMessage `json:"expect,omitempty"`
	Note         string          `json:"note,omitempty"`
}

func readVectorFiles(dir string) ([]vectorFile, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		return nil, err
	}
	sort.Strings(paths)
	files := make([]vectorFile, 0, len(paths))
	seen := map[string]string{}
	for _, p := range paths {
		raw, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		var f vectorFile
		if err := json.Unmarshal(raw, &f); err != nil {
			return nil, fmt.Errorf("%s: %w", p, err)
		}
		for i := range f.Vectors {
			v := &f.Vectors[i]
			f.Defaults.applyTo(&v.request)
			if other, dup := seen[v.ID]; dup {
				return nil, fmt.Errorf("vector id %q is in %s and %s", v.ID, other, p)
			}
			seen[v.ID] = p
		}
		files = append(files, f)
	}
	return files, nil
}

// runDir answers every vector, files in name order and vectors in file order.
func runDir(dir string, out io.Writer) error {
	files, err := readVectorFiles(dir)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(out)
	defer w.Flush()
	for _, f := range files {
		for _, v := range f.Vectors {
			if err := writeLine(w, stableAnswer(v.request)); err != nil {
				return err
			}
		}
	}
	return nil
}

// writeVectorFile writes one vector per line, so a regeneration reads as a line diff.
func writeVectorFile(path string, f vectorFile) error {
	vectors := f.Vectors
	f.Vectors = nil
	head, err := marshal(f)
	if err != nil {
		return err
	}
	// head ends with `"vectors":null}`; splice the vectors in one per line.
	head = head[:len(head)-len(`null}`)]
	w, err := os.Create(path)
	if err != nil {
		return err
	}
	defer w.Close()
	bw := bufio.NewWriter(w)
	bw.Write(head)
	bw.WriteString("[\n")
	for i, v := range vectors {
		line, err := marshal(v)
		if err != nil {
			return err
		}
		bw.WriteString("  ")
		bw.Write(line)
		if i < len(vectors)-1 {
			bw.WriteString(",")
		}
		bw.WriteString("\n")
	}
	bw.WriteString("]}\n")
	return bw.Flush()
}

// Command cel-oracle evaluates CEL expressions exactly as KRO v0.9.4 does, so TypeKro's own evaluator can
// be compared with cel-go under KRO's environment (see README.md).
//
//	cel-oracle                         JSONL requests on stdin, JSONL answers on stdout
//	cel-oracle run <vectors dir>       every vector of every *.json file there, answers on stdout
//	cel-oracle extract-spec <cel-spec testdata dir> <vectors dir>
//	                                   converts the applicable cel-spec conformance tests to vector files
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
)

func main() {
	var err error
	switch {
	case len(os.Args) == 1:
		err = serve(os.Stdin, os.Stdout)
	case len(os.Args) == 3 && os.Args[1] == "run":
		err = runDir(os.Args[2], os.Stdout)
	case len(os.Args) == 4 && os.Args[1] == "extract-spec":
		err = extractSpec(os.Args[2], os.Args[3])
	default:
		err = fmt.Errorf("usage: cel-oracle [run <vectors dir> | extract-spec <testdata dir> <vectors dir>]")
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "cel-oracle:", err)
		os.Exit(1)
	}
}

// serve answers one JSONL request per line, in order.
func serve(in io.Reader, out io.Writer) error {
	scanner := bufio.NewScanner(in)
	scanner.Buffer(make([]byte, 1<<20), 64<<20)
	w := bufio.NewWriter(out)
	defer w.Flush()
	for scanner.Scan() {
		if len(scanner.Bytes()) == 0 {
			continue
		}
		var req request
		if err := json.Unmarshal(scanner.Bytes(), &req); err != nil {
			return fmt.Errorf("bad request line: %w", err)
		}
		if err := writeLine(w, stableAnswer(req)); err != nil {
			return err
		}
	}
	return scanner.Err()
}

// stableAnswer evaluates three times: Go randomises map iteration, so an expression that lists a map's
// keys may answer differently each run. Such answers are flagged instead of silently recorded.
func stableAnswer(req request) answerLine {
	first := evaluate(req)
	line := answerLine{answer: first}
	firstJSON, _ := marshal(first)
	for i := 0; i < 2; i++ {
		again, _ := marshal(evaluate(req))
		if string(again) != string(firstJSON) {
			line.Unstable = true
		}
	}
	return line
}

type answerLine struct {
	answer
	Unstable bool `json:"unstable,omitempty"`
}

func writeLine(w *bufio.Writer, v any) error {
	b, err := marshal(v)
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

// marshal is json.Marshal without HTML escaping (the files are read by people), on one line.
func marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}

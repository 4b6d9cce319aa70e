// SPDX-License-Identifier: Apache-2.0
// Checks Semilla's output with Go's golang.org/x/mod, an independent implementation of the
// same standards: two checkpoints with note.Open, a consistency proof between them with
// tlog.CheckTree, and an inclusion proof with tlog.CheckRecord.
//
//	go run xmod_check.go VKEY OLD_CHECKPOINT NEW_CHECKPOINT CONSISTENCY.json INCLUSION.json
//
// The inclusion proof must be for the old checkpoint's tree size. Run by
// tests/audit_e2e/proofs_test.cpp when Go and x/mod (Debian: golang-go,
// golang-golang-x-mod-dev) are installed.
package main

import (
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

func must(err error) {
	if err != nil {
		fmt.Println("FAIL:", err)
		os.Exit(1)
	}
}

func open(path, vkey string) (int64, tlog.Hash) {
	v, err := note.NewVerifier(vkey)
	must(err)
	msg, err := os.ReadFile(path)
	must(err)
	n, err := note.Open(msg, note.VerifierList(v))
	must(err)
	lines := strings.Split(n.Text, "\n")
	size, err := strconv.ParseInt(lines[1], 10, 64)
	must(err)
	raw, err := base64.StdEncoding.DecodeString(lines[2])
	must(err)
	var h tlog.Hash
	copy(h[:], raw)
	fmt.Printf("note.Open OK: origin %s size %d sigs %d\n", lines[0], size, len(n.Sigs))
	return size, h
}

func hashes(list []string) []tlog.Hash {
	out := []tlog.Hash{}
	for _, s := range list {
		b, err := hex.DecodeString(s)
		must(err)
		var h tlog.Hash
		copy(h[:], b)
		out = append(out, h)
	}
	return out
}

func main() {
	vkey := os.Args[1]
	n1, r1 := open(os.Args[2], vkey)
	n2, r2 := open(os.Args[3], vkey)
	var c struct{ Hashes []string }
	b, _ := os.ReadFile(os.Args[4])
	must(json.Unmarshal(b, &c))
	must(tlog.CheckTree(tlog.TreeProof(hashes(c.Hashes)), n2, r2, n1, r1))
	fmt.Println("tlog.CheckTree OK:", n1, "->", n2)
	var p struct {
		Hashes    []string
		LeafIndex int64 `json:"leaf_index"`
		Record    string
	}
	b, _ = os.ReadFile(os.Args[5])
	must(json.Unmarshal(b, &p))
	leaf := tlog.RecordHash([]byte(p.Record))
	must(tlog.CheckRecord(tlog.RecordProof(hashes(p.Hashes)), n1, r1, p.LeafIndex, leaf))
	fmt.Println("tlog.CheckRecord OK: record", p.LeafIndex, "in", n1)
}

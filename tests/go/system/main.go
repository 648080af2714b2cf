// SPDX-License-Identifier: LGPL-2.1-or-later

// Command system exercises what the Go os and time packages ask of Windows:
// files and directories in a temporary folder, the environment, the working
// directory, the time zone, and the exit code.  Run with no argument it
// prints fixed lines; "exit N" ends with os.Exit(N); "console" prints text
// that must reach a terminal intact.
package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"
)

func check(what string, err error) {
	if err != nil {
		fmt.Printf("FAIL %s: %v\n", what, err)
		os.Exit(1)
	}
}

func files() {
	dir, err := os.MkdirTemp("", "wring-go-")
	check("MkdirTemp", err)
	defer os.RemoveAll(dir)
	fmt.Printf("temp dir under os.TempDir: %v\n", strings.HasPrefix(dir, os.TempDir()))

	a := filepath.Join(dir, "a.txt")
	f, err := os.Create(a)
	check("Create", err)
	n, err := f.WriteString("hello, wring\n")
	check("WriteString", err)
	_, err = f.Write([]byte("second line\n"))
	check("Write", err)
	check("Sync", f.Sync())
	check("Close", f.Close())
	fmt.Printf("wrote %d+12 bytes\n", n)

	data, err := os.ReadFile(a)
	check("ReadFile", err)
	fmt.Printf("read back: %q\n", data)

	f, err = os.Open(a)
	check("Open", err)
	_, err = f.Seek(7, io.SeekStart)
	check("Seek", err)
	buf := make([]byte, 5)
	_, err = io.ReadFull(f, buf)
	check("ReadFull", err)
	check("Close", f.Close())
	fmt.Printf("after seek to 7: %q\n", buf)

	f, err = os.OpenFile(a, os.O_APPEND|os.O_WRONLY, 0)
	check("OpenFile append", err)
	_, err = f.WriteString("appended\n")
	check("append", err)
	check("Close", f.Close())

	b := filepath.Join(dir, "b.txt")
	check("Rename", os.Rename(a, b))
	_, err = os.Stat(a)
	fmt.Printf("old name gone: %v\n", errors.Is(err, fs.ErrNotExist))
	st, err := os.Stat(b)
	check("Stat", err)
	fmt.Printf("stat: name %s size %d dir %v regular %v\n", st.Name(), st.Size(), st.IsDir(), st.Mode().IsRegular())
	fmt.Printf("modified within a day of now: %v\n", time.Since(st.ModTime()).Abs() < 24*time.Hour)

	check("Mkdir", os.Mkdir(filepath.Join(dir, "sub"), 0o755))
	check("MkdirAll", os.MkdirAll(filepath.Join(dir, "sub", "x", "y"), 0o755))
	check("WriteFile", os.WriteFile(filepath.Join(dir, "sub", "c.txt"), []byte("c"), 0o644))
	entries, err := os.ReadDir(dir)
	check("ReadDir", err)
	var names []string
	for _, e := range entries {
		names = append(names, fmt.Sprintf("%s(dir=%v)", e.Name(), e.IsDir()))
	}
	fmt.Printf("readdir: %s\n", strings.Join(names, " "))

	var walked []string
	check("WalkDir", filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		walked = append(walked, filepath.ToSlash(rel))
		return nil
	}))
	sort.Strings(walked)
	fmt.Printf("walk: %s\n", strings.Join(walked, " "))

	_, err = os.Stat(filepath.Join(dir, "no-such-file"))
	fmt.Printf("missing file: ErrNotExist %v\n", errors.Is(err, fs.ErrNotExist))
	err = os.Mkdir(filepath.Join(dir, "sub"), 0o755)
	fmt.Printf("mkdir existing: ErrExist %v\n", errors.Is(err, fs.ErrExist))

	check("Remove", os.Remove(b))
	_, err = os.Stat(b)
	fmt.Printf("removed: %v\n", errors.Is(err, fs.ErrNotExist))
	err = os.Remove(filepath.Join(dir, "sub"))
	fmt.Printf("remove non-empty dir fails: %v\n", err != nil)
	check("RemoveAll", os.RemoveAll(filepath.Join(dir, "sub")))
	entries, err = os.ReadDir(dir)
	check("ReadDir", err)
	fmt.Printf("empty after RemoveAll: %v\n", len(entries) == 0)
}

func environment() {
	check("Setenv", os.Setenv("WRING_GO_TEST", "value=with=equals"))
	fmt.Printf("getenv: %q\n", os.Getenv("WRING_GO_TEST"))
	// Windows names are case-insensitive
	fmt.Printf("getenv other case: %q\n", os.Getenv("wring_go_test"))
	found := 0
	for _, kv := range os.Environ() {
		if kv == "WRING_GO_TEST=value=with=equals" {
			found++
		}
	}
	fmt.Printf("environ has it: %d time(s)\n", found)
	check("Unsetenv", os.Unsetenv("WRING_GO_TEST"))
	_, ok := os.LookupEnv("WRING_GO_TEST")
	fmt.Printf("after unset present: %v\n", ok)
	fmt.Printf("from the parent: %q\n", os.Getenv("WRING_GO_FROM_PARENT"))
}

func workingDirectory() {
	start, err := os.Getwd()
	check("Getwd", err)
	dir, err := os.MkdirTemp("", "wring-go-cwd-")
	check("MkdirTemp", err)
	defer os.RemoveAll(dir)
	check("Chdir", os.Chdir(dir))
	now, err := os.Getwd()
	check("Getwd", err)
	fmt.Printf("chdir: now in the new folder: %v\n", strings.EqualFold(now, dir))
	check("WriteFile", os.WriteFile("relative.txt", []byte("r"), 0o644))
	_, err = os.Stat(filepath.Join(dir, "relative.txt"))
	fmt.Printf("relative name lands there: %v\n", err == nil)
	check("Chdir back", os.Chdir(start))
	back, err := os.Getwd()
	check("Getwd", err)
	fmt.Printf("chdir back: %v\n", back == start)
}

func timeZone() {
	utc, err := time.LoadLocation("UTC")
	check("LoadLocation", err)
	fixed := time.Date(2024, time.February, 29, 13, 14, 15, 0, utc)
	fmt.Printf("UTC: %s %s\n", utc, fixed.Format(time.RFC3339))
	fmt.Printf("unix seconds: %d\n", fixed.Unix())
	// the test runs with the local zone set to UTC on the host
	_, offset := fixed.In(time.Local).Zone()
	fmt.Printf("local offset: %d\n", offset)
	fmt.Printf("local name: %s\n", time.Local)
	fmt.Printf("parsed: %v\n", fixed.Equal(mustParse("2024-02-29T14:14:15+01:00")))
}

func mustParse(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	check("Parse", err)
	return t
}

// console prints text outside ASCII: on a console Go writes it with
// WriteConsoleW, on a pipe as UTF-8 bytes; either way the reader sees UTF-8.
func console() {
	var mode uint32
	err := syscall.GetConsoleMode(syscall.Stdout, &mode)
	fmt.Printf("stdout is a console: %v\n", err == nil)
	fmt.Println("héllo wörld → ✓")
}

func main() {
	if len(os.Args) == 3 && os.Args[1] == "exit" {
		code, err := strconv.Atoi(os.Args[2])
		check("Atoi", err)
		fmt.Printf("exiting with %d\n", code)
		os.Exit(code)
	}
	if len(os.Args) == 2 && os.Args[1] == "console" {
		console()
		return
	}
	files()
	environment()
	workingDirectory()
	timeZone()
	console()
}

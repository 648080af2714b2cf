// SPDX-License-Identifier: LGPL-2.1-or-later

// Command nethttp serves HTTP on loopback with net/http and fetches from
// itself: a fixed page, a posted body echoed, a large generated body, a
// status code, and many requests at once on kept-alive connections; then
// the server shuts down gracefully.  It prints fixed lines; a wrong body or
// status, or an error, ends it with status 1.
package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strconv"
	"sync"
)

func fail(what string, err error) {
	fmt.Printf("FAIL %s: %v\n", what, err)
	os.Exit(1)
}

func bigBody(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(i*7 + i/251)
	}
	return b
}

func handlers() *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("/hello", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		io.WriteString(w, "hello, world\n")
	})
	mux.HandleFunc("/echo", func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			http.Error(w, "POST only", http.StatusMethodNotAllowed)
			return
		}
		// HTTP/1 has the whole request read before the answer is written
		data, err := io.ReadAll(r.Body)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		w.Write(data)
	})
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) {
		n, err := strconv.Atoi(r.URL.Query().Get("n"))
		if err != nil {
			http.Error(w, "bad n", http.StatusBadRequest)
			return
		}
		w.Write(bigBody(n))
	})
	mux.HandleFunc("/teapot", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusTeapot)
		io.WriteString(w, "short and stout\n")
	})
	return mux
}

func fetch(client *http.Client, method, url string, body []byte) (int, []byte) {
	req, err := http.NewRequest(method, url, bytes.NewReader(body))
	if err != nil {
		fail("request", err)
	}
	resp, err := client.Do(req)
	if err != nil {
		fail(method+" "+url, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		fail("read body of "+url, err)
	}
	return resp.StatusCode, data
}

func main() {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fail("listen", err)
	}
	server := &http.Server{Handler: handlers()}
	served := make(chan error, 1)
	go func() { served <- server.Serve(ln) }()
	base := "http://" + ln.Addr().String()
	// no proxy from the environment: the requests go to loopback
	client := &http.Client{Transport: &http.Transport{Proxy: nil, MaxIdleConnsPerHost: 8}}

	status, body := fetch(client, "GET", base+"/hello", nil)
	fmt.Printf("GET /hello: %d %q\n", status, body)

	post := bigBody(100000)
	status, body = fetch(client, "POST", base+"/echo", post)
	fmt.Printf("POST /echo of %d bytes: %d, same bytes back: %v\n", len(post), status, bytes.Equal(body, post))

	status, body = fetch(client, "GET", base+"/echo", nil)
	fmt.Printf("GET /echo: %d\n", status)

	status, body = fetch(client, "GET", base+"/big?n=3000000", nil)
	want := sha256.Sum256(bigBody(3000000))
	fmt.Printf("GET /big of 3000000 bytes: %d, digest matches: %v\n", status, sha256.Sum256(body) == want)

	status, body = fetch(client, "GET", base+"/teapot", nil)
	fmt.Printf("GET /teapot: %d %q\n", status, body)

	status, _ = fetch(client, "GET", base+"/nowhere", nil)
	fmt.Printf("GET /nowhere: %d\n", status)

	// many at once, over the kept-alive connections and new ones
	var wg sync.WaitGroup
	var mu sync.Mutex
	good := 0
	for g := 0; g < 32; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 10; i++ {
				n := 1 + (g*1009+i*7)%50000
				status, body := fetch(client, "GET", base+"/big?n="+strconv.Itoa(n), nil)
				if status == 200 && bytes.Equal(body, bigBody(n)) {
					mu.Lock()
					good++
					mu.Unlock()
				}
			}
		}(g)
	}
	wg.Wait()
	fmt.Printf("concurrent requests answered right: %d of 320\n", good)

	client.CloseIdleConnections()
	if err := server.Shutdown(context.Background()); err != nil {
		fail("shutdown", err)
	}
	fmt.Printf("server after shutdown: %v\n", <-served)
}

// SPDX-License-Identifier: LGPL-2.1-or-later

// Command netecho is a TCP echo over loopback with many goroutines: one
// listener, a goroutine per accepted connection, and clients that each
// send messages of varied sizes and read every byte back.  Go's net package
// does this with AcceptEx, ConnectEx, WSARecv and WSASend on its completion
// port, skip-on-success set.  It prints fixed lines; any difference in the
// bytes, a lost or extra connection, or an error ends it with status 1.
package main

import (
	"bytes"
	"fmt"
	"io"
	"net"
	"os"
	"sync"
	"sync/atomic"
)

const (
	clients    = 64
	roundTrips = 50
)

func fail(what string, err error) {
	fmt.Printf("FAIL %s: %v\n", what, err)
	os.Exit(1)
}

// message is the bytes client c sends in round trip i: sizes from 1 byte to
// about 64 KiB, so some fit one receive and some need many.
func message(c, i int) []byte {
	size := 1 + (c*7919+i*104729)%65536
	if i%10 == 0 {
		size = 1 + i
	}
	b := make([]byte, size)
	for k := range b {
		b[k] = byte(c + i + k*31)
	}
	return b
}

func serve(ln net.Listener, accepted *int64, served *sync.WaitGroup) {
	for {
		conn, err := ln.Accept()
		if err != nil {
			return
		}
		atomic.AddInt64(accepted, 1)
		served.Add(1)
		go func() {
			defer served.Done()
			defer conn.Close()
			// io.Copy ends at the client's close (EOF): every byte it read is written back
			if _, err := io.Copy(conn, conn); err != nil {
				fail("server copy", err)
			}
		}()
	}
}

func client(addr string, c int, total *int64) {
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		fail("dial", err)
	}
	defer conn.Close()
	for i := 0; i < roundTrips; i++ {
		msg := message(c, i)
		// write and read at once: a 64 KiB message does not fit the socket buffers both ways
		errs := make(chan error, 1)
		go func() {
			_, err := conn.Write(msg)
			errs <- err
		}()
		back := make([]byte, len(msg))
		if _, err := io.ReadFull(conn, back); err != nil {
			fail(fmt.Sprintf("client %d read %d", c, i), err)
		}
		if err := <-errs; err != nil {
			fail(fmt.Sprintf("client %d write %d", c, i), err)
		}
		if !bytes.Equal(back, msg) {
			fmt.Printf("FAIL client %d round trip %d: bytes differ\n", c, i)
			os.Exit(1)
		}
		atomic.AddInt64(total, int64(len(msg)))
	}
	// half-close: the server's copy sees EOF, closes, and the client reads EOF in turn
	if err := conn.(*net.TCPConn).CloseWrite(); err != nil {
		fail("close write", err)
	}
	if n, err := conn.Read(make([]byte, 1)); n != 0 || err != io.EOF {
		fmt.Printf("FAIL client %d: after close %d bytes, %v\n", c, n, err)
		os.Exit(1)
	}
}

func main() {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fail("listen", err)
	}
	fmt.Println("listening on loopback:", ln.Addr().(*net.TCPAddr).IP.String())

	var accepted, total int64
	var served sync.WaitGroup
	go serve(ln, &accepted, &served)

	var expected int64
	for c := 0; c < clients; c++ {
		for i := 0; i < roundTrips; i++ {
			expected += int64(len(message(c, i)))
		}
	}
	var done sync.WaitGroup
	for c := 0; c < clients; c++ {
		done.Add(1)
		go func(c int) {
			defer done.Done()
			client(ln.Addr().String(), c, &total)
		}(c)
	}
	done.Wait()
	served.Wait()
	fmt.Printf("%d clients, %d round trips each\n", clients, roundTrips)
	fmt.Printf("connections accepted: %d\n", atomic.LoadInt64(&accepted))
	fmt.Printf("bytes echoed as sent: %v\n", atomic.LoadInt64(&total) == expected)

	// a closed listener ends Accept with an error, and the port is refused afterwards
	ln.Close()
	if _, err := ln.Accept(); err == nil {
		fmt.Println("FAIL accept after close succeeded")
		os.Exit(1)
	}
	fmt.Println("accept after close: error")
	if conn, err := net.Dial("tcp", ln.Addr().String()); err == nil {
		conn.Close()
		fmt.Println("dial after close: connected")
	} else {
		fmt.Println("dial after close: refused")
	}
}

// SPDX-License-Identifier: LGPL-2.1-or-later

// Command fault needs hardware faults delivered as Windows exceptions: the
// Go runtime's vectored handler turns an access violation into a nil
// dereference panic, recovered here.  Two panics come first as controls that need no
// fault: an index out of range, and the divide by zero, which Go 1.19's
// compiler catches with a test before the IDIV.
package main

import (
	"fmt"
	"runtime"
)

// recovered runs f and describes the panic it raised.
func recovered(f func()) (msg string) {
	defer func() {
		r := recover()
		_, isRuntime := r.(runtime.Error)
		msg = fmt.Sprintf("%v (runtime.Error: %v)", r, isRuntime)
	}()
	f()
	return "no panic"
}

type node struct{ next *node }

var (
	zero  = 0
	index = 5
	list  *node
)

func main() {
	fmt.Printf("index: %s\n", recovered(func() {
		s := make([]int, 3)
		s[index] = 1
	}))
	fmt.Printf("divide by zero: %s\n", recovered(func() {
		fmt.Println(100 / zero)
	}))
	fmt.Printf("nil dereference: %s\n", recovered(func() {
		list.next = list
	}))
	fmt.Printf("nil dereference again: %s\n", recovered(func() {
		fmt.Println(list.next)
	}))
	fmt.Println("done")
}

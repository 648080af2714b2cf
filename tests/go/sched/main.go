// SPDX-License-Identifier: LGPL-2.1-or-later

// Command sched exercises the Go runtime's use of Windows threads, waits and
// timers: goroutines on several threads, channels, sync, timers and tickers,
// sleeping, the monotonic clock, stack growth, finalizers after a GC and the
// asynchronous preemption of a loop that never yields.  Every line it prints
// is fixed, so the test compares the whole output.
package main

import (
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

var getCurrentThreadID = syscall.NewLazyDLL("kernel32.dll").NewProc("GetCurrentThreadId")

func goroutines() {
	// Each goroutine locks itself to its thread and holds it until all have
	// started, so the runtime must run them on as many Windows threads.
	const n = 8
	var wg, started sync.WaitGroup
	release := make(chan struct{})
	ids := make([]uintptr, n)
	started.Add(n)
	wg.Add(n)
	for i := 0; i < n; i++ {
		go func(i int) {
			defer wg.Done()
			runtime.LockOSThread()
			defer runtime.UnlockOSThread()
			ids[i], _, _ = getCurrentThreadID.Call()
			started.Done()
			<-release
		}(i)
	}
	started.Wait()
	close(release)
	wg.Wait()
	distinct := make(map[uintptr]bool)
	for _, id := range ids {
		distinct[id] = true
	}
	fmt.Printf("goroutines: %d locked to %d distinct threads\n", n, len(distinct))
	fmt.Printf("gomaxprocs > 1: %v\n", runtime.GOMAXPROCS(0) > 1)
}

func channels() {
	// An unbuffered pipeline of three stages, then a buffered channel drained
	// after close, then select over two channels until both are closed.
	src := make(chan int)
	sq := make(chan int)
	go func() {
		for i := 1; i <= 100; i++ {
			src <- i
		}
		close(src)
	}()
	go func() {
		for v := range src {
			sq <- v * v
		}
		close(sq)
	}()
	total := 0
	for v := range sq {
		total += v
	}
	fmt.Printf("pipeline: %d\n", total)

	buf := make(chan string, 3)
	buf <- "a"
	buf <- "b"
	buf <- "c"
	close(buf)
	got := ""
	for s := range buf {
		got += s
	}
	fmt.Printf("buffered: %s len after drain %d\n", got, len(buf))

	a, b := make(chan int), make(chan int)
	go func() {
		for i := 0; i < 5; i++ {
			a <- i
		}
		close(a)
	}()
	go func() {
		for i := 0; i < 7; i++ {
			b <- i
		}
		close(b)
	}()
	na, nb := 0, 0
	for a != nil || b != nil {
		select {
		case _, ok := <-a:
			if !ok {
				a = nil
			} else {
				na++
			}
		case _, ok := <-b:
			if !ok {
				b = nil
			} else {
				nb++
			}
		}
	}
	fmt.Printf("select: %d from a, %d from b\n", na, nb)
}

func mutex() {
	var mu sync.Mutex
	var wg sync.WaitGroup
	counter := 0
	var racy int64
	for g := 0; g < 16; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 10000; i++ {
				mu.Lock()
				counter++
				mu.Unlock()
				atomic.AddInt64(&racy, 1)
			}
		}()
	}
	wg.Wait()
	fmt.Printf("mutex: counter %d atomic %d\n", counter, atomic.LoadInt64(&racy))

	var once sync.Once
	calls := 0
	for i := 0; i < 3; i++ {
		once.Do(func() { calls++ })
	}
	cond := sync.NewCond(&mu)
	ready := false
	go func() {
		mu.Lock()
		ready = true
		mu.Unlock()
		cond.Broadcast()
	}()
	mu.Lock()
	for !ready {
		cond.Wait()
	}
	mu.Unlock()
	fmt.Printf("once: %d call, cond woke: %v\n", calls, ready)
}

func timers() {
	// Timers started in reverse order of their deadlines fire in deadline
	// order: the runtime sends each one's firing time on its channel, so the
	// times read back in deadline order never go backwards.  The order is
	// checked, never the durations.
	deadlines := []int{40, 30, 20, 10}
	chans := make(map[int]<-chan time.Time)
	for _, ms := range deadlines {
		chans[ms] = time.NewTimer(time.Duration(ms) * time.Millisecond).C
	}
	var fired []time.Time
	for _, ms := range []int{10, 20, 30, 40} {
		fired = append(fired, <-chans[ms])
	}
	inOrder := true
	for i := 1; i < len(fired); i++ {
		if fired[i].Before(fired[i-1]) {
			inOrder = false
		}
	}
	fmt.Printf("timers: 4 fired, in deadline order: %v\n", inOrder)

	var wg sync.WaitGroup
	wg.Add(1)
	time.AfterFunc(time.Millisecond, wg.Done)
	wg.Wait()
	fmt.Println("AfterFunc: ran")

	stopped := time.NewTimer(time.Hour)
	fmt.Printf("stop before firing: %v\n", stopped.Stop())

	t := time.NewTimer(5 * time.Millisecond)
	<-t.C
	fmt.Printf("timer channel: fired, stop after firing: %v\n", t.Stop())

	tick := time.NewTicker(2 * time.Millisecond)
	var last time.Time
	increasing := true
	for i := 0; i < 5; i++ {
		now := <-tick.C
		if !last.IsZero() && !now.After(last) {
			increasing = false
		}
		last = now
	}
	tick.Stop()
	fmt.Printf("ticker: 5 ticks, increasing times: %v\n", increasing)

	select {
	case <-time.After(10 * time.Millisecond):
		fmt.Println("time.After: fired")
	case <-make(chan int):
	}
}

func sleepAndClock() {
	start := time.Now()
	time.Sleep(20 * time.Millisecond)
	elapsed := time.Since(start)
	fmt.Printf("sleep: slept at least 20ms: %v\n", elapsed >= 20*time.Millisecond)

	// A monotonic reading is carried by time.Now and stripped by Round(0).
	now := time.Now()
	hasMono := now.String() != now.Round(0).String()
	prev := time.Now()
	never := true
	for i := 0; i < 100000; i++ {
		cur := time.Now()
		if cur.Before(prev) {
			never = false
		}
		prev = cur
	}
	fmt.Printf("monotonic: reading present %v, never went back %v\n", hasMono, never)
	fmt.Printf("wall clock after 2020: %v\n", now.Year() >= 2020)
}

func depth(n int) int {
	// A frame big enough that 100,000 of them need a stack of many megabytes,
	// which the runtime grows by copying.
	var pad [64]byte
	pad[n%64] = byte(n)
	if n == 0 {
		return int(pad[0])
	}
	return depth(n-1) + 1 + int(pad[n%64]) - int(byte(n))
}

func stackGrowth() {
	fmt.Printf("recursion: depth %d\n", depth(100000))
	done := make(chan int)
	go func() { done <- depth(50000) }()
	fmt.Printf("recursion in a goroutine: depth %d\n", <-done)
}

type object struct{ payload [1 << 10]byte }

func finalizers() {
	// The finalizer runs on the runtime's finalizer goroutine after a GC has
	// found the object unreachable; a bounded number of GC cycles must do it.
	done := make(chan struct{}, 1)
	func() {
		o := &object{}
		o.payload[0] = 1
		runtime.SetFinalizer(o, func(*object) { done <- struct{}{} })
	}()
	ran := false
	for i := 0; i < 100 && !ran; i++ {
		runtime.GC()
		select {
		case <-done:
			ran = true
		default:
			runtime.Gosched()
		}
	}
	var stats runtime.MemStats
	runtime.ReadMemStats(&stats)
	fmt.Printf("finalizer ran: %v, GC cycles counted: %v\n", ran, stats.NumGC > 0)
}

var spin uint64

func preemption() {
	// With one P, a goroutine in a loop without calls or allocations never
	// yields by itself; the other goroutine finishes only if the runtime
	// suspends the spinning thread and redirects it (async preemption).
	prev := runtime.GOMAXPROCS(1)
	defer runtime.GOMAXPROCS(prev)
	var stop uint32
	started := make(chan struct{})
	go func() {
		close(started)
		for atomic.LoadUint32(&stop) == 0 {
			spin++
		}
	}()
	<-started
	finished := make(chan string)
	go func() { finished <- "other goroutine finished" }()
	msg := <-finished
	atomic.StoreUint32(&stop, 1)
	fmt.Printf("preemption: %s\n", msg)
}

func main() {
	goroutines()
	channels()
	mutex()
	timers()
	sleepAndClock()
	stackGrowth()
	finalizers()
	preemption()
	fmt.Println("done")
}

// SPDX-License-Identifier: LGPL-2.1-or-later
//
// C++ exceptions as mingw-w64's g++ builds them for x64 Windows: libgcc's
// SEH personality finds the handler and unwinds with RtlUnwindEx, so every
// throw goes through ntdll's dispatcher and unwinder.  Catch by type, by base
// class, catch (...), rethrow, destructors of every unwound frame, a throw
// while another is being handled, and throws on other threads.
#include <windows.h>
#include <exception>
#include <stdexcept>
#include <string>
#include <thread>
#include "wine/test.h"

// each thread its own: the threads test unwinds guards on four threads at once
static thread_local std::string trail;

struct guard
{
    char name;
    explicit guard(char c) : name(c) {}
    ~guard() { trail += name; }
};

struct base_error { int value; explicit base_error(int v) : value(v) {} virtual ~base_error() {} };
struct derived_error : base_error { explicit derived_error(int v) : base_error(v) {} };

__attribute__((noinline)) static void thrower(int depth, int what)
{
    guard g(char('0' + depth));
    if (depth) thrower(depth - 1, what);
    else if (what == 0) throw 42;
    else if (what == 1) throw derived_error(7);
    else if (what == 2) throw std::runtime_error("runtime");
    else throw 3.5;
}

static void test_catch_by_type()
{
    int caught = 0;

    trail.clear();
    try { thrower(3, 0); }
    catch (long) { caught = -1; }
    catch (int v) { caught = v; }
    ok(caught == 42, "caught %d\n", caught);
    // the frames unwind innermost first
    ok(trail == "0123", "destructors ran as \"%s\"\n", trail.c_str());

    trail.clear();
    try { thrower(2, 1); }
    catch (const base_error &e) { caught = e.value; }
    ok(caught == 7, "caught by base class: %d\n", caught);
    ok(trail == "012", "destructors ran as \"%s\"\n", trail.c_str());

    std::string what;
    try { thrower(0, 2); }
    catch (const std::exception &e) { what = e.what(); }
    ok(what == "runtime", "what() \"%s\"\n", what.c_str());

    caught = 0;
    try { thrower(1, 3); }
    catch (...) { caught = 1; }
    ok(caught == 1, "catch (...) did not catch\n");
}

static void test_rethrow()
{
    int inner = 0, outer = 0;

    trail.clear();
    try
    {
        try { thrower(1, 1); }
        catch (base_error &) { inner++; throw; }
    }
    catch (derived_error &e) { outer = e.value; }
    ok(inner == 1 && outer == 7, "inner %d, outer %d\n", inner, outer);

    // a new exception thrown and caught while one is being handled
    int nested = 0;
    try { thrower(0, 0); }
    catch (int)
    {
        try { thrower(0, 3); }
        catch (double d) { nested = int(d * 2); }
        nested += std::uncaught_exceptions();
    }
    ok(nested == 7, "nested %d\n", nested);
}

struct throwing_destructor_guard
{
    ~throwing_destructor_guard() noexcept(false)
    {
        if (!std::uncaught_exceptions()) throw 5;
    }
};

static void test_destructor_throw()
{
    int caught = 0;
    try { throwing_destructor_guard g; }
    catch (int v) { caught = v; }
    ok(caught == 5, "exception from a destructor: %d\n", caught);
}

static void test_threads()
{
    int results[4] = {};
    std::thread threads[4];

    for (int i = 0; i < 4; i++)
        threads[i] = std::thread([i, &results] {
            for (int n = 0; n < 200; n++)
            {
                try { thrower(i, 1); }
                catch (const base_error &e) { results[i] += e.value; }
            }
        });
    for (auto &t : threads) t.join();
    for (int i = 0; i < 4; i++) ok(results[i] == 1400, "thread %d caught %d\n", i, results[i]);
}

extern "C" void cxx_dll_throw(int *destructed);

// thrown in a DLL (its own copy of libstdc++ and libgcc), caught in the program
static void test_across_dll()
{
    int destructed = 0;
    std::string what;

    try { cxx_dll_throw(&destructed); }
    catch (const std::exception &e) { what = e.what(); }
    ok(what == "from the DLL", "caught \"%s\"\n", what.c_str());
    ok(destructed == 1, "the DLL's frame ran %d destructors\n", destructed);
}

// an exception caught on one thread and rethrown on another (std::exception_ptr)
static void test_exception_ptr()
{
    std::exception_ptr saved;
    std::string what;

    std::thread t([&saved] {
        try { thrower(2, 2); }
        catch (...) { saved = std::current_exception(); }
    });
    t.join();
    ok(saved != nullptr, "nothing was saved\n");
    try { std::rethrow_exception(saved); }
    catch (const std::runtime_error &e) { what = e.what(); }
    ok(what == "runtime", "rethrown on the main thread: \"%s\"\n", what.c_str());
}

// A hardware fault is not a C++ exception to g++: catch (...) does not take it, and a
// vectored handler sees it first.
static LONG CALLBACK av_handler(EXCEPTION_POINTERS *ptrs)
{
    if (ptrs->ExceptionRecord->ExceptionCode != STATUS_ACCESS_VIOLATION) return EXCEPTION_CONTINUE_SEARCH;
    ptrs->ContextRecord->Rip += 3;  // movq (%rcx), %rax
    ptrs->ContextRecord->Rax = 11;
    return EXCEPTION_CONTINUE_EXECUTION;
}

extern "C" ULONG_PTR cxx_fault_read(const void *addr);
__asm__(".text\ncxx_fault_read:\n    movq (%rcx), %rax\n    ret\n");

static void test_fault_with_handlers()
{
    void *handler = AddVectoredExceptionHandler(TRUE, av_handler);
    ULONG_PTR value = 0;
    int caught = 0;

    try { value = cxx_fault_read(nullptr); }
    catch (...) { caught = 1; }
    ok(!caught && value == 11, "caught %d, value %Iu\n", caught, value);
    RemoveVectoredExceptionHandler(handler);
}

START_TEST(cxx_eh)
{
    test_catch_by_type();
    test_rethrow();
    test_destructor_throw();
    test_threads();
    test_exception_ptr();
    test_across_dll();
    test_fault_with_handlers();
}

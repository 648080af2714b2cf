// SPDX-License-Identifier: LGPL-2.1-or-later
//
// C++ exceptions in the Microsoft ABI, as MSVC-built programs such as 7-Zip
// throw them: clang's x86_64-pc-windows-msvc target emits the same FuncInfo
// tables, catch funclets and _CxxThrowException calls MSVC does, and the
// program links against msvcrt.dll alone, so msvcrt's __CxxFrameHandler3 runs
// every catch.  Freestanding (no MSVC headers or libraries): it reports in the
// test harness's format itself.
extern "C" int printf(const char *, ...);
extern "C" int fflush(void *);
extern "C" void exit(int);
extern "C" int __uncaught_exception(void);
extern "C" int _getpid(void);
extern "C" __declspec(dllimport) void *__stdcall GetModuleHandleA(const char *name);
extern "C" __declspec(dllimport) void *__stdcall GetProcAddress(void *module, const char *name);

static int failures, checks, skipped;
#define ok(cond, ...) \
    do { checks++; if (!(cond)) { failures++; printf("cxx_msvc.cpp:%d: Test failed: ", __LINE__); printf(__VA_ARGS__); } } while (0)

static char trail[128];
static int trail_len;
static void mark(char c) { if (trail_len < 127) trail[trail_len++] = c; trail[trail_len] = 0; }
static void reset() { trail_len = 0; trail[0] = 0; }
static bool trail_is(const char *s)
{
    int i = 0;
    for (; s[i] && trail[i] == s[i]; i++) ;
    return !s[i] && !trail[i];
}

struct Guard
{
    char c;
    explicit Guard(char x) : c(x) {}
    ~Guard() { mark(c); if (__uncaught_exception()) mark('u'); }
};

static int live_objects, copies;

struct Base
{
    int value;
    explicit Base(int v) : value(v) { live_objects++; }
    Base(const Base &other) : value(other.value) { live_objects++; copies++; }
    virtual ~Base() { live_objects--; }
};
struct Derived : Base { explicit Derived(int v) : Base(v) {} };
struct Other { int x; };
struct Mixed : Other, Derived { explicit Mixed(int v) : Other{1}, Derived(v) {} };
struct VBase { int v; VBase() : v(5) {} virtual ~VBase() {} };
struct VDerived : virtual VBase { int w = 6; };

__declspec(noinline) static void throw_int(int v) { Guard g('i'); throw v; }
__declspec(noinline) static void throw_derived(int v) { Guard g('d'); throw Derived(v); }
__declspec(noinline) static void throw_mixed(int v) { throw Mixed(v); }
__declspec(noinline) static void throw_pointer(Derived *p) { throw p; }
__declspec(noinline) static void throw_vderived() { throw VDerived(); }
__declspec(noinline) static void deep(int n) { Guard g('0' + n); if (n) deep(n - 1); else throw_int(n); }

static void test_types()
{
    int got = 0;

    reset();
    try { deep(3); } catch (long) { got = -1; } catch (int v) { got = v + 100; }
    ok(got == 100, "caught %d\n", got);
    // each frame's destructors run innermost first, while the exception is uncaught
    ok(trail_is("iu0u1u2u3u"), "destructors \"%s\"\n", trail);
    ok(!__uncaught_exception(), "an exception is still uncaught after its catch\n");

    got = 0;
    try { throw_derived(7); } catch (const Base &b) { got = b.value; }
    ok(got == 7, "caught by base reference: %d\n", got);
    ok(live_objects == 0, "%d objects alive after the catch\n", live_objects);

    got = 0;
    copies = 0;
    try { throw_derived(8); } catch (Base b) { got = b.value; }
    ok(got == 8 && copies == 1, "caught by value: %d, %d copies\n", got, copies);
    ok(live_objects == 0, "%d objects alive after a catch by value\n", live_objects);

    // a base that is not at offset 0 of the thrown object
    got = 0;
    try { throw_mixed(9); } catch (Base &b) { got = b.value; }
    ok(got == 9, "caught as a second base: %d\n", got);

    Derived d(11);
    Base *caught_ptr = nullptr;
    try { throw_pointer(&d); } catch (Base *p) { caught_ptr = p; }
    ok(caught_ptr == &d, "pointer caught as %p, expected %p\n", (void *)caught_ptr, (void *)&d);

    got = 0;
    try { throw_vderived(); } catch (VBase &v) { got = v.v; }
    ok(got == 5, "caught as a virtual base: %d\n", got);

    got = 0;
    try { throw_int(3); } catch (Base &) { got = -1; } catch (...) { got = 1; }
    ok(got == 1, "catch (...) took %d\n", got);
}

static void test_rethrow()
{
    int inner = 0, outer = 0;

    try
    {
        try { throw_derived(4); }
        catch (Derived &) { inner++; throw; }
    }
    catch (Base &b) { outer = b.value; }
    ok(inner == 1 && outer == 4, "rethrow: inner %d outer %d\n", inner, outer);
    ok(live_objects == 0, "%d objects alive after a rethrow\n", live_objects);

    // a new exception thrown out of a catch block; the first one is destroyed
    double got = 0;
    try
    {
        try { throw_derived(5); }
        catch (Base &) { throw 2.5; }
    }
    catch (double v) { got = v; }
    ok(got == 2.5, "thrown from a catch block: %f\n", got);
    ok(live_objects == 0, "%d objects alive after a throw from a catch block\n", live_objects);

    // a try block inside a catch block, and the function going on after it
    reset();
    try
    {
        try { throw_int(1); }
        catch (int)
        {
            mark('a');
            try { throw_derived(6); }
            catch (Base &b) { mark(b.value == 6 ? 'b' : 'x'); }
            mark('c');
        }
        mark('e');
    }
    catch (...) { mark('x'); }
    ok(trail_is("iuadubce"), "catch within a catch: \"%s\"\n", trail);
    ok(live_objects == 0, "%d objects alive after nested catches\n", live_objects);

    // thrown from a catch block inside a catch block, caught by the function's outermost try
    reset();
    try
    {
        try { throw_int(1); }
        catch (int)
        {
            try { throw_derived(2); }
            catch (Base &) { mark('b'); throw 3.5; }
            mark('x');
        }
        mark('y');
    }
    catch (double v) { mark(v == 3.5 ? 'o' : 'z'); }
    mark('e');
    ok(trail_is("iuduboe"), "two catch blocks left at once: \"%s\"\n", trail);
    ok(live_objects == 0, "%d objects alive after leaving two catch blocks\n", live_objects);
}

static int recursion_caught;

__declspec(noinline) static void recurse_catching(int n)
{
    try
    {
        if (n) recurse_catching(n - 1);
        else throw_int(n);
    }
    catch (int v)
    {
        recursion_caught++;
        if (n < 3) throw v + 1;
    }
}

static void test_recursion()
{
    recursion_caught = 0;
    recurse_catching(5);
    ok(recursion_caught == 4, "caught %d times through the recursion\n", recursion_caught);
}

struct EXCEPTION_POINTERS;
typedef void (__cdecl *se_translator)(unsigned int, EXCEPTION_POINTERS *);

static int translated;
static void __cdecl translate(unsigned int code, EXCEPTION_POINTERS *) { translated++; throw code; }

// a store the compiler cannot see into: it may fault, so the try blocks around it stay
__declspec(noinline) static void store_to(volatile int *p) { *p = 1; }
static void (*volatile opaque_store)(volatile int *) = store_to;

__declspec(noinline) static int ehs_catch_all()
{
    try { opaque_store(nullptr); } catch (...) { return 1; }
    return 0;
}

static int ehs_under_except(void)
{
    __try { return ehs_catch_all(); }
    __except (1) { return 2; }
}

// _set_se_translator works for functions built with /EHa; clang builds /EHs ones, whose frame
// handler leaves a structured exception to __except, with no translation and no catch (...)
// (vcruntime140_1's test has /EHa tables translated)
static void test_se_translator()
{
    auto set = (se_translator (__cdecl *)(se_translator))GetProcAddress(GetModuleHandleA("msvcrt.dll"),
                                                                          "_set_se_translator");
    int got;

    if (!set)
    {
        // Wine 8.0's msvcrt does not have it
        printf("cxx_msvc.cpp:%d: Tests skipped: no _set_se_translator\n", __LINE__);
        skipped++;
        return;
    }
    ok(set(translate) == nullptr, "a translator was already set\n");
    got = ehs_under_except();
    ok(got == 2, "taken by %s\n", got == 1 ? "catch (...)" : "nothing");
    ok(!translated, "translated %d times\n", translated);
    ok(set(nullptr) == translate, "the translator set was not returned\n");
}

int main()
{
    test_types();
    test_rethrow();
    test_recursion();
    test_se_translator();
    printf("%04x:cxx_msvc: %d tests executed (0 marked as todo, 0 as flaky, %d failures), %d skipped.\n", _getpid(), checks, failures, skipped);
    fflush(nullptr);
    return failures != 0;
}

// What the static part of Microsoft's C runtime gives a program linked against msvcrt.dll:
// the entry point, the marker that floating point is used, __std_terminate (msvcrt's
// terminate) for exceptions that leave a destructor, and type_info's virtual table, which
// every type descriptor points at.
void terminate();
extern "C" void mainCRTStartup() { exit(main()); }
extern "C" void __std_terminate() { terminate(); }
__asm__(".data\n.globl _fltused\n_fltused:\n.long 0x9875\n"
        ".section .rdata,\"dr\"\n.globl \"??_7type_info@@6B@\"\n\"??_7type_info@@6B@\":\n.quad 0\n.text\n");

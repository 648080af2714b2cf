// SPDX-License-Identifier: LGPL-2.1-or-later
//
// A DLL built as MSVC builds one (clang's x86_64-pc-windows-msvc target, importing
// vcruntime140.dll), for C++ exceptions across a module boundary: each module has its own
// type_info objects, so a catch block in one takes a type thrown by the other by its name.
struct Base
{
    int value;
    explicit Base(int v) : value(v) {}
    virtual ~Base() {}
};
struct DllError : Base { explicit DllError(int v) : Base(v) {} };

static int destroyed;
struct Counted
{
    ~Counted() { destroyed++; }
};

extern "C" __declspec(dllexport) void dll_throw(int v)
{
    Counted c;
    throw DllError(v);
}

// the exception the callback (of the exe) throws, caught here as this module's Base
extern "C" __declspec(dllexport) int dll_catch(void (*callback)(int), int v)
{
    try { callback(v); }
    catch (const Base &b) { return b.value; }
    catch (...) { return -1; }
    return 0;
}

extern "C" __declspec(dllexport) int dll_destroyed(void) { return destroyed; }

// the entry point the link names (TEST_CLANG_MSVC's /entry), as a DLL's; what the static part
// of Microsoft's C runtime would give: operator delete and type_info's virtual table
extern "C" int __stdcall mainCRTStartup(void *, unsigned long, void *) { return 1; }
void operator delete(void *) noexcept {}
void operator delete(void *, unsigned long long) noexcept {}
__asm__(".section .rdata,\"dr\"\n.globl \"??_7type_info@@6B@\"\n\"??_7type_info@@6B@\":\n.quad 0\n.text\n");

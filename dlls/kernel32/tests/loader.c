/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * PE loader conformance: relocation, imports by ordinal, forwarders, API
 * sets, TLS callbacks and static TLS, LoadLibrary/GetProcAddress/FreeLibrary.
 * The test DLLs sit next to loader_test.exe.
 */
#include <stdio.h>
#include <string.h>
#include <windows.h>
#include "wine/test.h"

#define RELOC_BASE ((ULONG_PTR)0x6f0000000)

/* Imported by ordinal (NONAME) from loader_ord.dll. */
__declspec(dllimport) int ord_five(void);
__declspec(dllimport) int ord_six(void);
/* Forwarders in loader_fwda.dll, resolved by the loader to loader_fwdb.dll. */
__declspec(dllimport) int Fwd(void);
__declspec(dllimport) int Fwd2(void);
/* GetLastError/SetLastError through the errorhandling API set. */
__declspec(dllimport) DWORD WINAPI apiset_GetLastError(void);
__declspec(dllimport) void WINAPI apiset_SetLastError(DWORD);

static LONG exe_callback_counts[4];

static void WINAPI exe_tls_callback(void *module, DWORD reason, void *reserved)
{
    if (reason < 4) InterlockedIncrement(&exe_callback_counts[reason]);
}

__attribute__((section(".CRT$XLB"), used)) const PIMAGE_TLS_CALLBACK exe_tls_callback_ptr = exe_tls_callback;

/* A variable in the exe's TLS template (mingw's .tls section, between
 * _tls_start and _tls_end): each thread gets its own copy. */
extern char _tls_start;
extern ULONG _tls_index;
__attribute__((section(".tls$WRING"), used)) int static_tls_var = 0x1234;

/* A TEB field read through GS (mingw's TEB declaration is opaque, and its
 * __readgsqword trips gcc 12's -Warray-bounds). */
static void *teb_field(ULONG_PTR offset)
{
    void *value;
    __asm__ volatile ("movq %%gs:(%1), %0" : "=r" (value) : "r" (offset));
    return value;
}

static int *my_static_tls_var(void)
{
    char **slots = teb_field(0x58);  /* ThreadLocalStoragePointer */
    return (int *)(slots[_tls_index] + ((char *)&static_tls_var - &_tls_start));
}

static char exe_dir[MAX_PATH];

static void init_exe_dir(void)
{
    char *p;

    GetModuleFileNameA(NULL, exe_dir, sizeof(exe_dir));
    if ((p = strrchr(exe_dir, '\\'))) p[1] = 0;
}

static HMODULE load_test_dll(const char *name)
{
    char path[MAX_PATH];
    HMODULE module;

    snprintf(path, sizeof(path), "%s%s", exe_dir, name);
    module = LoadLibraryA(path);
    ok(module != NULL, "LoadLibraryA(%s) failed: %lu\n", path, GetLastError());
    return module;
}

static void test_image(void)
{
    IMAGE_DOS_HEADER *dos = (IMAGE_DOS_HEADER *)GetModuleHandleA(NULL);
    IMAGE_NT_HEADERS *nt;
    char name[MAX_PATH];
    DWORD len;

    /* TEB.Peb, then PEB.ImageBaseAddress. */
    ok(dos == *(IMAGE_DOS_HEADER **)((char *)teb_field(0x60) + 0x10),
       "GetModuleHandleA(NULL) %p is not the PEB's image base\n", dos);
    ok(dos->e_magic == IMAGE_DOS_SIGNATURE, "headers not mapped\n");
    nt = (IMAGE_NT_HEADERS *)((char *)dos + dos->e_lfanew);
    ok(nt->Signature == IMAGE_NT_SIGNATURE, "bad NT signature\n");
    ok(GetModuleHandleW(NULL) == (HMODULE)dos, "GetModuleHandleW(NULL)\n");

    len = GetModuleFileNameA(NULL, name, sizeof(name));
    ok(len == strlen(name) && len > 4, "GetModuleFileNameA returned %lu\n", len);
    ok(!_stricmp(name + len - 15, "loader_test.exe"), "module file name %s\n", name);
    ok(name[1] == ':' && name[2] == '\\', "not a DOS path: %s\n", name);
    len = GetModuleFileNameA(NULL, name, 4);
    ok(len == 4 && GetLastError() == ERROR_INSUFFICIENT_BUFFER, "truncated: %lu, error %lu\n", len, GetLastError());

    ok(GetModuleHandleA("kernel32.dll") != NULL, "kernel32 not loaded\n");
    ok(GetModuleHandleA("KERNEL32") == GetModuleHandleA("kernel32.dll"), "module names are case-insensitive\n");
    SetLastError(0xdeadbeef);
    ok(!GetModuleHandleA("nosuchmodule.dll") && GetLastError() == ERROR_MOD_NOT_FOUND,
       "missing module: error %lu\n", GetLastError());
}

static void test_relocation(void)
{
    const char *(*get_message[2])(void);
    const char *(*get_table[2])(int);
    HMODULE modules[2];
    int i;

    modules[0] = load_test_dll("loader_reloc1.dll");
    modules[1] = load_test_dll("loader_reloc2.dll");
    if (!modules[0] || !modules[1]) return;
    ok(modules[0] != modules[1], "same module twice\n");
    ok((ULONG_PTR)modules[0] != RELOC_BASE || (ULONG_PTR)modules[1] != RELOC_BASE,
       "both DLLs at the preferred base?\n");
    for (i = 0; i < 2; i++)
    {
        winetest_push_context("dll %d at %p", i + 1, modules[i]);
        get_message[i] = (void *)GetProcAddress(modules[i], "reloc_get_message");
        get_table[i] = (void *)GetProcAddress(modules[i], "reloc_get_table");
        ok(get_message[i] && get_table[i], "exports missing\n");
        if (get_message[i] && get_table[i])
        {
            const char *msg = get_message[i]();
            ok((char *)msg > (char *)modules[i], "message %p outside the module\n", msg);
            ok(get_table[i](0) == msg, "relocated pointer %p, expected %p\n", get_table[i](0), msg);
            ok(!strcmp(get_table[i](0), "relocated pointer"), "content %s\n", get_table[i](0));
            ok(!strcmp(get_table[i](1), "pointer"), "content %s\n", get_table[i](1));
        }
        winetest_pop_context();
    }
    ok(FreeLibrary(modules[0]) && FreeLibrary(modules[1]), "FreeLibrary failed\n");
}

static void test_ordinal_imports(void)
{
    HMODULE module = GetModuleHandleA("loader_ord.dll");
    FARPROC proc;

    ok(module != NULL, "loader_ord.dll is not loaded\n");
    ok(ord_five() == 5 && ord_six() == 6, "imports by ordinal bound wrongly\n");
    if (!module) return;
    proc = GetProcAddress(module, MAKEINTRESOURCEA(5));
    ok(proc == (FARPROC)ord_five, "ordinal 5: %p, import %p\n", proc, ord_five);
    proc = GetProcAddress(module, MAKEINTRESOURCEA(7));
    ok(proc && proc == GetProcAddress(module, "named_seven"), "ordinal 7 vs name\n");
    ok(proc && ((int (*)(void))proc)() == 7, "named_seven\n");
    SetLastError(0xdeadbeef);
    ok(!GetProcAddress(module, "ord_five") && GetLastError() == ERROR_PROC_NOT_FOUND,
       "NONAME export found by name, error %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ok(!GetProcAddress(module, MAKEINTRESOURCEA(8)) && GetLastError() == ERROR_PROC_NOT_FOUND,
       "missing ordinal, error %lu\n", GetLastError());
}

static void test_forwarders(void)
{
    HMODULE a = GetModuleHandleA("loader_fwda.dll"), b = GetModuleHandleA("loader_fwdb.dll");
    FARPROC target, other;

    ok(a != NULL, "loader_fwda.dll not loaded\n");
    ok(b != NULL, "the forwarders' target loader_fwdb.dll was not loaded\n");
    if (!a || !b) return;
    target = GetProcAddress(b, "Target");
    other = GetProcAddress(b, MAKEINTRESOURCEA(2));
    ok(target && other == GetProcAddress(b, "Other"), "loader_fwdb exports\n");
    ok((FARPROC)Fwd == target, "imported Fwd %p, Target %p\n", Fwd, target);
    ok((FARPROC)Fwd2 == other, "imported Fwd2 %p, Other %p\n", Fwd2, other);
    ok(Fwd() == 0x7a9e7 && Fwd2() == 2, "calls through forwarders\n");
    ok(GetProcAddress(a, "Fwd") == target, "GetProcAddress(Fwd) does not follow the forwarder\n");
    ok(GetProcAddress(a, "Fwd2") == other, "GetProcAddress(Fwd2) does not follow the ordinal forwarder\n");
}

static void test_apiset(void)
{
    SetLastError(0);
    apiset_SetLastError(1234);
    ok(GetLastError() == 1234, "API set SetLastError: %lu\n", GetLastError());
    SetLastError(77);
    ok(apiset_GetLastError() == 77, "API set GetLastError: %lu\n", apiset_GetLastError());
}

static void test_dynamic_load(void)
{
    LONG (*dllmain_count)(DWORD), (*callback_count)(DWORD);
    char path[MAX_PATH], name[MAX_PATH], value[16];
    HMODULE module, again;
    DWORD len;

    SetEnvironmentVariableA("LOADER_TLS_DETACH", NULL);
    ok(!GetModuleHandleA("loader_tls.dll"), "loaded too early\n");
    module = load_test_dll("loader_tls.dll");
    if (!module) return;
    ok(GetModuleHandleA("loader_tls.dll") == module, "GetModuleHandleA by base name\n");
    ok(GetModuleHandleA("LOADER_TLS") == module, "GetModuleHandleA without extension\n");
    snprintf(path, sizeof(path), "%sloader_tls.dll", exe_dir);
    len = GetModuleFileNameA(module, name, sizeof(name));
    ok(len == strlen(path) && !_stricmp(name, path), "GetModuleFileNameA %s, expected %s\n", name, path);

    again = LoadLibraryA("loader_tls.dll");
    ok(again == module, "second load by base name gave %p\n", again);

    dllmain_count = (void *)GetProcAddress(module, "tls_get_dllmain_count");
    callback_count = (void *)GetProcAddress(module, MAKEINTRESOURCEA(2));
    ok(dllmain_count && (FARPROC)dllmain_count == GetProcAddress(module, MAKEINTRESOURCEA(1)),
       "by name and by ordinal differ\n");
    ok(callback_count && (FARPROC)callback_count == GetProcAddress(module, "tls_get_callback_count"),
       "ordinal 2\n");
    if (!dllmain_count || !callback_count) return;
    ok(dllmain_count(DLL_PROCESS_ATTACH) == 1, "DllMain attach count %ld\n", dllmain_count(DLL_PROCESS_ATTACH));
    ok(callback_count(DLL_PROCESS_ATTACH) == 1, "TLS callback attach count %ld\n", callback_count(DLL_PROCESS_ATTACH));
    ok(dllmain_count(DLL_PROCESS_DETACH) == 0, "detached already\n");

    ok(FreeLibrary(again), "FreeLibrary failed\n");
    ok(GetModuleHandleA("loader_tls.dll") == module, "unloaded while a reference remains\n");
    ok(!GetEnvironmentVariableA("LOADER_TLS_DETACH", value, sizeof(value)), "detached early\n");
    ok(FreeLibrary(module), "FreeLibrary failed\n");
    SetLastError(0xdeadbeef);
    ok(!GetModuleHandleA("loader_tls.dll"), "still loaded after the last FreeLibrary\n");
    ok(GetEnvironmentVariableA("LOADER_TLS_DETACH", value, sizeof(value)) && !strcmp(value, "free"),
       "DllMain did not see PROCESS_DETACH from FreeLibrary\n");

    SetLastError(0xdeadbeef);
    ok(!LoadLibraryA("loader_nosuch.dll") && GetLastError() == ERROR_MOD_NOT_FOUND,
       "missing DLL: error %lu\n", GetLastError());
}

/* A system DLL named by its full path in the system directory, as the Go runtime loads
 * them, is the one a bare name loads. */
static void test_system_dir_load(void)
{
    char path[MAX_PATH];
    HMODULE by_name, by_path, upper;
    UINT len = GetSystemDirectoryA(path, sizeof(path));

    ok(len && len < sizeof(path) - 32, "GetSystemDirectoryA returned %u\n", len);
    by_name = LoadLibraryA("advapi32.dll");
    ok(by_name != NULL, "advapi32.dll by name: error %lu\n", GetLastError());
    strcat(path, "\\advapi32.dll");
    by_path = LoadLibraryA(path);
    ok(by_path == by_name, "%s gave %p, by name %p\n", path, by_path, by_name);
    _strupr(path);
    upper = LoadLibraryA(path);
    ok(upper == by_name, "%s gave %p, by name %p\n", path, upper, by_name);
    if (by_path) FreeLibrary(by_path);
    if (upper) FreeLibrary(upper);
    if (by_name) FreeLibrary(by_name);

    GetSystemDirectoryA(path, sizeof(path));
    strcat(path, "\\loader_nosuch.dll");
    SetLastError(0xdeadbeef);
    ok(!LoadLibraryA(path) && GetLastError() == ERROR_MOD_NOT_FOUND, "%s: error %lu\n", path, GetLastError());
}

static void test_exe_tls(void)
{
    int *mine = my_static_tls_var();

    ok(exe_callback_counts[DLL_PROCESS_ATTACH] == 1, "exe TLS callback saw %ld process attaches\n",
       exe_callback_counts[DLL_PROCESS_ATTACH]);
    ok(exe_callback_counts[DLL_PROCESS_DETACH] == 0, "exe TLS callback detached\n");
    ok(_tls_index < 64 || _tls_index < 1088, "_tls_index %lu\n", _tls_index);
    ok(mine != &static_tls_var, "the thread's TLS block is the template itself\n");
    ok(*mine == 0x1234, "static TLS not initialised from the template: %#x\n", *mine);
    *mine = 0x5678;
    ok(*my_static_tls_var() == 0x5678 && static_tls_var == 0x1234, "static TLS copy is not private\n");
}

static DWORD WINAPI thread_proc(void *arg)
{
    int *mine = my_static_tls_var();

    *(int *)arg = *mine;
    *mine = 0x9999;
    return 0;
}

static void test_thread_notifications(void)
{
    LONG (*dllmain_count)(DWORD), (*callback_count)(DWORD);
    LONG attach_before = exe_callback_counts[DLL_THREAD_ATTACH];
    LONG detach_before = exe_callback_counts[DLL_THREAD_DETACH];
    HMODULE module;
    HANDLE thread;
    int seen = 0;

    *my_static_tls_var() = 0x4321;
    module = load_test_dll("loader_tls.dll");
    if (!module) return;
    dllmain_count = (void *)GetProcAddress(module, "tls_get_dllmain_count");
    callback_count = (void *)GetProcAddress(module, "tls_get_callback_count");

    thread = CreateThread(NULL, 0, thread_proc, &seen, 0, NULL);
    ok(thread != NULL, "CreateThread failed: %lu\n", GetLastError());
    if (!thread) return;
    ok(WaitForSingleObject(thread, 10000) == WAIT_OBJECT_0, "thread did not finish\n");
    CloseHandle(thread);

    ok(seen == 0x1234, "new thread's static TLS %#x, expected the template value\n", seen);
    ok(*my_static_tls_var() == 0x4321, "the thread wrote into the main thread's copy\n");
    ok(exe_callback_counts[DLL_THREAD_ATTACH] == attach_before + 1, "exe thread attach %ld\n",
       exe_callback_counts[DLL_THREAD_ATTACH] - attach_before);
    ok(exe_callback_counts[DLL_THREAD_DETACH] == detach_before + 1, "exe thread detach %ld\n",
       exe_callback_counts[DLL_THREAD_DETACH] - detach_before);
    ok(dllmain_count(DLL_THREAD_ATTACH) == 1 && dllmain_count(DLL_THREAD_DETACH) == 1,
       "DLL thread notifications %ld/%ld\n", dllmain_count(DLL_THREAD_ATTACH), dllmain_count(DLL_THREAD_DETACH));
    ok(callback_count(DLL_THREAD_ATTACH) == 1 && callback_count(DLL_THREAD_DETACH) == 1,
       "DLL TLS callback thread notifications %ld/%ld\n",
       callback_count(DLL_THREAD_ATTACH), callback_count(DLL_THREAD_DETACH));
    FreeLibrary(module);
}

START_TEST(loader)
{
    init_exe_dir();
    test_image();
    test_exe_tls();
    test_relocation();
    test_ordinal_imports();
    test_forwarders();
    test_apiset();
    test_dynamic_load();
    test_system_dir_load();
}

/* Needs CreateThread: a test of its own so it can be run separately. */
START_TEST(loader_threads)
{
    init_exe_dir();
    test_thread_notifications();
}

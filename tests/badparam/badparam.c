/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Runs the table of bad-parameter calls (rows.c), each inside __try so that a
 * function that faults, as Windows' own does, is a result and not the end of
 * the test, and walks the export directory of each DLL so that an export with
 * neither a row nor a place in the lists of exports.c fails the test.
 */
#include "badparam.h"
#include <stdio.h>
#include "wine/test.h"

#define PAGE 4096

static const char *const walked_dlls[] = { "ntdll", "kernel32", "advapi32", "msvcrt", "ws2_32", "mswsock" };

static struct
{
    char *noaccess, *freed, *edge, *readonly, *buffers;
    HANDLE file, ofile, pipe_r, pipe_w, dir, event, sem, mutex, timer, port, key, token;
    LARGE_INTEGER li0, li1;
    SIZE_T size;
    DWORD dw64;
    IO_STATUS_BLOCK iosb;
    OVERLAPPED ovl;
    WCHAR nt_name[MAX_PATH + 8], win_name[MAX_PATH];
    UNICODE_STRING name, bad_name, edge_name, pipe_name, x;
    OBJECT_ATTRIBUTES oa, oa_badname, oa_badbuf, oa_edge, oa_pipe;
    HANDLE harr[65], harr_bad[1];
    SOCKET sock, csock, tsock;
    struct sockaddr_in sin;
    DWORD dw1;
    WSABUF wsabuf, wsabuf_bad;
    fd_set fdset_bad;
    struct timeval tv0;
    WSAPOLLFD pollfd_bad;
    ADDRINFOA hints_bad;
} fx;

static void WINAPI nothing(void)
{
}

static char *alloc_pages(SIZE_T size, DWORD protect)
{
    char *p = VirtualAlloc(NULL, size, MEM_COMMIT | MEM_RESERVE, protect);
    ok(p != NULL, "VirtualAlloc failed: %lu\n", GetLastError());
    return p;
}

static void init_oa(OBJECT_ATTRIBUTES *oa, UNICODE_STRING *name)
{
    memset(oa, 0, sizeof(*oa));
    oa->Length = sizeof(*oa);
    oa->ObjectName = name;
    oa->Attributes = OBJ_CASE_INSENSITIVE;
}

/* a non-blocking UDP socket bound to a port of its own on 127.0.0.1 */
static SOCKET udp_socket(struct sockaddr_in *addr)
{
    SOCKET s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    int len = sizeof(*addr);
    u_long one = 1;

    ok(s != INVALID_SOCKET, "socket failed: %d\n", WSAGetLastError());
    memset(addr, 0, sizeof(*addr));
    addr->sin_family = AF_INET;
    addr->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ok(!bind(s, (struct sockaddr *)addr, sizeof(*addr)), "bind failed: %d\n", WSAGetLastError());
    ok(!getsockname(s, (struct sockaddr *)addr, &len), "getsockname failed: %d\n", WSAGetLastError());
    ok(!ioctlsocket(s, FIONBIO, &one), "ioctlsocket failed: %d\n", WSAGetLastError());
    return s;
}

static BOOL setup_sockets(void)
{
    struct sockaddr_in self;
    WSADATA data;

    ok(!WSAStartup(MAKEWORD(2, 2), &data), "WSAStartup failed\n");
    fx.sock = udp_socket(&fx.sin);
    fx.csock = udp_socket(&self);
    ok(!connect(fx.csock, (struct sockaddr *)&self, sizeof(self)), "connect failed: %d\n", WSAGetLastError());
    fx.tsock = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    ok(fx.tsock != INVALID_SOCKET, "socket failed: %d\n", WSAGetLastError());
    fx.wsabuf.len = fx.wsabuf_bad.len = 16;
    fx.wsabuf_bad.buf = fx.noaccess;
    fx.fdset_bad.fd_count = 1;
    fx.fdset_bad.fd_array[0] = 0xdeadbeec;
    fx.pollfd_bad.fd = fx.sock;
    fx.pollfd_bad.events = 0x4000;
    fx.hints_bad.ai_family = 1234;
    return fx.sock != INVALID_SOCKET && fx.csock != INVALID_SOCKET && fx.tsock != INVALID_SOCKET;
}

static BOOL setup(void)
{
    static const WCHAR pipe[] = L"\\??\\pipe\\badparam-pipe";
    WCHAR dir[MAX_PATH];
    DWORD old, written;
    unsigned int i;

    fx.noaccess = alloc_pages(PAGE, PAGE_NOACCESS);
    fx.edge = alloc_pages(2 * PAGE, PAGE_READWRITE);
    VirtualProtect(fx.edge + PAGE, PAGE, PAGE_NOACCESS, &old);
    fx.edge += PAGE - 8;
    fx.readonly = alloc_pages(PAGE, PAGE_READONLY);
    fx.buffers = alloc_pages(3 * PAGE, PAGE_READWRITE);
    /* released last, so that no other allocation takes its place */
    fx.freed = alloc_pages(PAGE, PAGE_READWRITE);
    VirtualFree(fx.freed, 0, MEM_RELEASE);

    GetTempPathW(MAX_PATH, dir);
    GetTempFileNameW(dir, L"bad", 0, fx.win_name);
    fx.file = CreateFileW(fx.win_name, GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                          NULL, CREATE_ALWAYS, FILE_FLAG_DELETE_ON_CLOSE, NULL);
    ok(fx.file != INVALID_HANDLE_VALUE, "CreateFile failed: %lu\n", GetLastError());
    if (fx.file == INVALID_HANDLE_VALUE) return FALSE;
    WriteFile(fx.file, fx.buffers, PAGE, &written, NULL);
    fx.ofile = CreateFileW(fx.win_name, GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                           NULL, OPEN_EXISTING, FILE_FLAG_OVERLAPPED, NULL);
    ok(fx.ofile != INVALID_HANDLE_VALUE, "CreateFile failed: %lu\n", GetLastError());
    ok(CreatePipe(&fx.pipe_r, &fx.pipe_w, NULL, 0), "CreatePipe failed: %lu\n", GetLastError());
    fx.dir = CreateFileW(dir, FILE_LIST_DIRECTORY | SYNCHRONIZE, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                         NULL, OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS, NULL);
    ok(fx.dir != INVALID_HANDLE_VALUE, "opening %s failed: %lu\n", wine_dbgstr_w(dir), GetLastError());

    /* signalled, so a wrong-type wait on it never blocks */
    fx.event = CreateEventW(NULL, TRUE, TRUE, NULL);
    fx.sem = CreateSemaphoreW(NULL, 0, 1, NULL);
    fx.mutex = CreateMutexW(NULL, FALSE, NULL);
    fx.timer = CreateWaitableTimerW(NULL, TRUE, NULL);
    fx.port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0);
    ok(!RegOpenKeyExW(HKEY_CURRENT_USER, L"Software", 0, KEY_READ, (HKEY *)&fx.key), "RegOpenKeyEx failed\n");
    ok(OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &fx.token), "OpenProcessToken failed\n");

    fx.li1.QuadPart = 1;
    fx.size = PAGE;
    fx.dw64 = 64;
    wcscpy(fx.nt_name, L"\\??\\");
    wcscat(fx.nt_name, fx.win_name);
    RtlInitUnicodeString(&fx.name, fx.nt_name);
    fx.bad_name.Buffer = (WCHAR *)fx.noaccess;
    fx.bad_name.Length = fx.bad_name.MaximumLength = 16;
    fx.edge_name.Buffer = (WCHAR *)fx.edge;
    fx.edge_name.Length = fx.edge_name.MaximumLength = 16;
    RtlInitUnicodeString(&fx.pipe_name, pipe);
    RtlInitUnicodeString(&fx.x, L"x");
    init_oa(&fx.oa, &fx.name);
    init_oa(&fx.oa_badname, (UNICODE_STRING *)fx.noaccess);
    init_oa(&fx.oa_badbuf, &fx.bad_name);
    init_oa(&fx.oa_edge, &fx.edge_name);
    init_oa(&fx.oa_pipe, &fx.pipe_name);
    for (i = 0; i < 65; i++) fx.harr[i] = fx.event;
    fx.harr_bad[0] = (HANDLE)0xdeadbeec;
    return setup_sockets();
}

static HANDLE closed_handle(void)
{
    HANDLE h = CreateEventW(NULL, FALSE, FALSE, NULL);
    CloseHandle(h);
    return h;
}

/* how many calls a token makes: one per bad value it stands for */
static unsigned int variants(ULONG_PTR token)
{
    switch (token)
    {
    case T_HS: return 5;
    case T_HF: case T_HE: return 4;
    case T_HX: return 3;
    case T_HA: case T_PBAD: return 2;
    default: return 1;
    }
}

/* the value of a token in its n-th variant, and whether that variant is a handle of the wrong type */
static ULONG_PTR resolve(ULONG_PTR token, unsigned int n, BOOL *wrong_type)
{
    switch (token)
    {
    case T_HF: case T_HE: case T_HX: case T_HA:
        *wrong_type = n >= 2;
        if (n == 0) return 0xdeadbeec;
        if (n == 1) return (ULONG_PTR)closed_handle();
        if (n == 2 && token != T_HX) return (ULONG_PTR)INVALID_HANDLE_VALUE;
        return (ULONG_PTR)(token == T_HE ? fx.file : fx.event);
    case T_HS:
        if (n == 0) return 0xdeadbeec;
        if (n == 1) return (ULONG_PTR)closed_handle();
        if (n == 2) return INVALID_SOCKET;
        return (ULONG_PTR)(n == 3 ? fx.event : fx.file);
    case T_PBAD: return (ULONG_PTR)(n ? fx.freed : fx.noaccess);
    case T_PEDGE:
        *(HANDLE *)fx.edge = fx.event;
        return (ULONG_PTR)fx.edge;
    case T_PRO: return (ULONG_PTR)fx.readonly;
    case T_BUF: return (ULONG_PTR)fx.buffers;
    case T_BUF2: return (ULONG_PTR)fx.buffers + PAGE;
    case T_BUF3: return (ULONG_PTR)fx.buffers + 2 * PAGE;
    case T_IOSB: return (ULONG_PTR)&fx.iosb;
    case T_FILE: return (ULONG_PTR)fx.file;
    case T_DIR: return (ULONG_PTR)fx.dir;
    case T_EVENT: return (ULONG_PTR)fx.event;
    case T_SEM: return (ULONG_PTR)fx.sem;
    case T_MUTEX: return (ULONG_PTR)fx.mutex;
    case T_TIMER: return (ULONG_PTR)fx.timer;
    case T_PORT:
        /* a packet waits, so a call that dequeues has something to write */
        PostQueuedCompletionStatus(fx.port, 1, 2, NULL);
        return (ULONG_PTR)fx.port;
    case T_KEY: return (ULONG_PTR)fx.key;
    case T_TOKEN: return (ULONG_PTR)fx.token;
    case T_LI0: fx.li0.QuadPart = 0; return (ULONG_PTR)&fx.li0;
    case T_LI1: return (ULONG_PTR)&fx.li1;
    case T_SIZE: fx.size = PAGE; return (ULONG_PTR)&fx.size;
    case T_DW64: fx.dw64 = 64; return (ULONG_PTR)&fx.dw64;
    case T_OA: return (ULONG_PTR)&fx.oa;
    case T_OA_BADNAME: return (ULONG_PTR)&fx.oa_badname;
    case T_OA_BADBUF: return (ULONG_PTR)&fx.oa_badbuf;
    case T_OA_EDGE: return (ULONG_PTR)&fx.oa_edge;
    case T_OA_PIPE: return (ULONG_PTR)&fx.oa_pipe;
    case T_USTR: return (ULONG_PTR)&fx.x;
    case T_WSTR: return (ULONG_PTR)L"badparam-none";
    case T_ASTR: return (ULONG_PTR)"badparam-none";
    case T_NAMEW: return (ULONG_PTR)fx.win_name;
    case T_HARR: return (ULONG_PTR)fx.harr;
    case T_HARR_BAD: return (ULONG_PTR)fx.harr_bad;
    case T_OVL: memset(&fx.ovl, 0, sizeof(fx.ovl)); return (ULONG_PTR)&fx.ovl;
    case T_FUNC: return (ULONG_PTR)nothing;
    case T_PIPE_R: return (ULONG_PTR)fx.pipe_r;
    case T_PIPE_W: return (ULONG_PTR)fx.pipe_w;
    case T_OFILE: return (ULONG_PTR)fx.ofile;
    case T_SOCK: return fx.sock;
    /* a datagram that does not go leaves nothing waiting: the row's call then answers
     * WSAEWOULDBLOCK, not the WSAEFAULT it expects, so the row fails by itself */
    case T_SOCK_DATA:
        sendto(fx.sock, "x", 1, 0, (struct sockaddr *)&fx.sin, sizeof(fx.sin));
        return fx.sock;
    case T_CSOCK: return fx.csock;
    case T_CSOCK_DATA:
        send(fx.csock, "x", 1, 0);
        return fx.csock;
    case T_TSOCK: return fx.tsock;
    case T_SIN: return (ULONG_PTR)&fx.sin;
    case T_DW1: fx.dw1 = 1; return (ULONG_PTR)&fx.dw1;
    case T_WSABUF: fx.wsabuf.buf = fx.buffers + 2 * PAGE; return (ULONG_PTR)&fx.wsabuf;
    case T_WSABUF_BAD: return (ULONG_PTR)&fx.wsabuf_bad;
    case T_FDSET_BAD: fx.fdset_bad.fd_count = 1; return (ULONG_PTR)&fx.fdset_bad;
    case T_TV0: return (ULONG_PTR)&fx.tv0;
    case T_POLLFD_BAD: return (ULONG_PTR)&fx.pollfd_bad;
    case T_AADDR: return (ULONG_PTR)"127.0.0.1";
    case T_WADDR: return (ULONG_PTR)L"127.0.0.1";
    /* ADDRINFOW is laid out as ADDRINFOA, and the hint has no name */
    case T_HINTS_BAD: return (ULONG_PTR)&fx.hints_bad;
    }
    ok(0, "unknown token %Iu\n", token);
    return 0;
}

typedef ULONG_PTR (WINAPI *any_func)(ULONG_PTR, ULONG_PTR, ULONG_PTR, ULONG_PTR, ULONG_PTR, ULONG_PTR, ULONG_PTR,
                                     ULONG_PTR, ULONG_PTR, ULONG_PTR, ULONG_PTR, ULONG_PTR, ULONG_PTR, ULONG_PTR);

/* x64 passes the first four arguments in registers and the rest in the caller's
 * frame, so any function of up to MAX_ARGS integer arguments can be called as this */
__attribute__((noinline)) static ULONG_PTR call(FARPROC f, const ULONG_PTR *a, DWORD *error, BOOL wsa)
{
    ULONG_PTR ret = ((any_func)f)(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10], a[11], a[12], a[13]);
    *error = wsa ? (DWORD)WSAGetLastError() : GetLastError();
    return ret;
}

static ULONG_PTR guarded_call(FARPROC f, const ULONG_PTR *a, DWORD *error, DWORD *code, BOOL wsa)
{
    ULONG_PTR ret = 0;
    *code = 0;
    __try
    {
        ret = call(f, a, error, wsa);
    }
    __except (*code = GetExceptionCode(), EXCEPTION_EXECUTE_HANDLER)
    {
    }
    return ret;
}

static FARPROC find(const char *dll, const char *name)
{
    HMODULE module = GetModuleHandleA(dll);
    if (!module) module = LoadLibraryA(dll);
    return module ? GetProcAddress(module, name) : NULL;
}

static void check_call(const struct row *row, const ULONG_PTR *args, DWORD expected, unsigned int n,
                       const struct wine_note *note)
{
    DWORD error, code;
    ULONG_PTR ret;

    /* WINETEST_DEBUG=2 names each call first, to find one that ends the process */
    if (winetest_debug > 1) trace("%s variant %u\n", row->name, n);
    SetLastError(0xdeadbeef);
    ret = guarded_call(find(row->dll, row->name), args, &error, &code, row->check == CK_WSA);
    todo_wine_if(note && (!note->variants || (note->variants & (1u << n))))
    {
        if (row->check == CK_FAULT)
            ok(code == expected, "%s variant %u: exception %#lx, expected %#lx\n", row->name, n, code, expected);
        else if (code)
            ok(0, "%s variant %u: raised %#lx\n", row->name, n, code);
        else if (row->check == CK_NT || row->check == CK_ERR)
            ok((DWORD)ret == expected, "%s variant %u: got %#lx, expected %#lx\n", row->name, n, (DWORD)ret, expected);
        else
            ok((DWORD)ret == (DWORD)row->ret && error == expected, "%s variant %u: got %#lx error %lu, expected %#lx error %lu\n",
               row->name, n, (DWORD)ret, error, (DWORD)row->ret, expected);
    }
}

static void run_row(const struct row *row, const struct wine_note *note)
{
    unsigned int i, n, count = 1, slot = MAX_ARGS;
    ULONG_PTR args[MAX_ARGS];

    for (i = 0; i < MAX_ARGS; i++)
    {
        ULONG_PTR t = row->args[i] - TOKEN_BASE;
        if (t < T_LAST && variants(t) > 1)
        {
            ok(slot == MAX_ARGS, "%s: more than one bad argument\n", row->name);
            slot = i;
            count = variants(t);
        }
    }
    for (n = 0; n < count; n++)
    {
        BOOL wrong_type = FALSE;
        DWORD expected = row->expected;

        for (i = 0; i < MAX_ARGS; i++)
        {
            ULONG_PTR t = row->args[i] - TOKEN_BASE;
            args[i] = t < T_LAST ? resolve(t, i == slot ? n : 0, &wrong_type) : row->args[i];
        }
        memset(fx.buffers, 0, 3 * PAGE);
        if (slot < MAX_ARGS && row->args[slot] - TOKEN_BASE != T_PBAD && row->check != CK_FAULT)
        {
            /* a row's own expectation, where it has one, is what a handle of the wrong type gives */
            if (row->check == CK_NT && wrong_type && row->expected) expected = row->expected;
            else if (row->check == CK_NT) expected = wrong_type ? STATUS_OBJECT_TYPE_MISMATCH : STATUS_INVALID_HANDLE;
        }
        check_call(row, args, expected, n, note);
    }
}

/* the note on a row, found by the row's place among the rows of its function */
static unsigned int nth_of(unsigned int index)
{
    unsigned int i, nth = 0;

    for (i = 0; i < index; i++) if (!strcmp(rows[i].name, rows[index].name)) nth++;
    return nth;
}

static const struct wine_note *note_of(unsigned int index)
{
    unsigned int i, nth = nth_of(index);

    for (i = 0; wine_notes[i].name; i++)
        if (!strcmp(wine_notes[i].name, rows[index].name) && wine_notes[i].nth == nth) return &wine_notes[i];
    return NULL;
}

static void test_rows(void)
{
    unsigned int i;

    for (i = 0; i < row_count; i++)
    {
        const struct wine_note *note = note_of(i);

        winetest_push_context("%s.%s #%u", rows[i].dll, rows[i].name, nth_of(i));
        if (note && note->crashes && winetest_platform_is_wine) skip("Wine dies of it: %s\n", note->reason);
        else if (find(rows[i].dll, rows[i].name)) run_row(&rows[i], note);
        /* ConnectEx and DisconnectEx are reached through WSAIoctl on Windows; Wring's mswsock
         * exports them besides */
        else if (winetest_platform_is_wine && !strcmp(rows[i].dll, "mswsock")) skip("not exported\n");
        else ok(0, "not exported\n");
        winetest_pop_context();
    }
}

static BOOL in_list(const struct name_list *lists, const char *dll, const char *name)
{
    unsigned int i, j;

    for (i = 0; lists[i].dll; i++)
    {
        if (strcmp(lists[i].dll, dll)) continue;
        for (j = 0; lists[i].names[j]; j++) if (!strcmp(lists[i].names[j], name)) return TRUE;
    }
    return FALSE;
}

static BOOL has_row(const char *dll, const char *name)
{
    unsigned int i;

    for (i = 0; i < row_count; i++) if (!strcmp(rows[i].dll, dll) && !strcmp(rows[i].name, name)) return TRUE;
    return FALSE;
}

/* every export of a walked DLL has a row, or is named in one of the lists */
static void test_exports(void)
{
    unsigned int d, i, counts[4] = { 0 };

    if (!GetProcAddress(GetModuleHandleA("ntdll"), "wring_unix_funcs"))
    {
        skip("the export lists describe Wring's DLLs\n");
        return;
    }
    for (d = 0; d < ARRAY_SIZE(walked_dlls); d++)
    {
        char *base = (char *)GetModuleHandleA(walked_dlls[d]);
        IMAGE_NT_HEADERS *nt;
        IMAGE_DATA_DIRECTORY *dir;
        IMAGE_EXPORT_DIRECTORY *exports;
        DWORD *names, *functions;
        WORD *ordinals;

        if (!base) base = (char *)LoadLibraryA(walked_dlls[d]);
        ok(base != NULL, "%s not loaded\n", walked_dlls[d]);
        if (!base) continue;
        nt = (IMAGE_NT_HEADERS *)(base + ((IMAGE_DOS_HEADER *)base)->e_lfanew);
        dir = &nt->OptionalHeader.DataDirectory[IMAGE_DIRECTORY_ENTRY_EXPORT];
        exports = (IMAGE_EXPORT_DIRECTORY *)(base + dir->VirtualAddress);
        names = (DWORD *)(base + exports->AddressOfNames);
        functions = (DWORD *)(base + exports->AddressOfFunctions);
        ordinals = (WORD *)(base + exports->AddressOfNameOrdinals);
        for (i = 0; i < exports->NumberOfNames; i++)
        {
            const char *name = base + names[i];
            DWORD rva = functions[ordinals[i]];

            /* a forwarder is checked where it leads: the walked DLLs forward only to each other */
            if (rva >= dir->VirtualAddress && rva < dir->VirtualAddress + dir->Size) counts[3]++;
            else if (has_row(walked_dlls[d], name)) counts[0]++;
            else if (in_list(no_pointer, walked_dlls[d], name)) counts[1]++;
            else if (in_list(not_probed, walked_dlls[d], name)) counts[2]++;
            else ok(0, "%s.%s has no row and is in no list\n", walked_dlls[d], name);
        }
    }
    trace("exports: %u with rows, %u take no handle or pointer, %u not probed, %u forwarders\n",
          counts[0], counts[1], counts[2], counts[3]);
}

START_TEST(badparam)
{
    if (!setup()) return;
    test_rows();
    test_exports();
    closesocket(fx.sock);
    closesocket(fx.csock);
    closesocket(fx.tsock);
    WSACleanup();
    CloseHandle(fx.file);
}

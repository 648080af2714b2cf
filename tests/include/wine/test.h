/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Conformance test harness with the API of Wine's wine/test.h, so a Wine
 * conformance test builds unchanged with plain mingw-w64.
 *
 * Every test file includes this header and defines its tests with
 * START_TEST(name).  Exactly one translation unit per executable defines
 * STANDALONE before including it; that unit gets the implementation and
 * main().  Either it is the only test file (START_TEST then also defines the
 * test list), or it is a test list file that defines
 *     const struct test winetest_testlist[] = { { "name", func_name }, ..., { 0, 0 } };
 * and declares the func_* functions of the other files.
 */
#ifndef WRING_WINE_TEST_H
#define WRING_WINE_TEST_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

#ifdef __cplusplus
extern "C" {
#endif

#define WINETEST_PRINTF(f, a) __attribute__((format(printf, f, a)))

extern int winetest_debug;
extern int winetest_interactive;
extern int winetest_report_success;
extern const char *winetest_platform;
extern int winetest_platform_is_wine;

void winetest_set_location(const char *file, int line);
void winetest_ok(int condition, const char *msg, ...) WINETEST_PRINTF(2, 3);
void winetest_vok(int condition, const char *msg, va_list args);
void winetest_skip(const char *msg, ...) WINETEST_PRINTF(1, 2);
void winetest_win_skip(const char *msg, ...) WINETEST_PRINTF(1, 2);
void winetest_trace(const char *msg, ...) WINETEST_PRINTF(1, 2);
void winetest_print(const char *msg, ...) WINETEST_PRINTF(1, 2);
void winetest_push_context(const char *fmt, ...) WINETEST_PRINTF(1, 2);
void winetest_pop_context(void);
void winetest_start_todo(int is_todo);
int winetest_loop_todo(void);
void winetest_end_todo(void);
void winetest_start_flaky(int is_flaky);
int winetest_loop_flaky(void);
void winetest_end_flaky(void);
int winetest_get_mainargs(char ***pargv);
DWORD winetest_wait_child_process(HANDLE process);
void winetest_add_failures(LONG count);
LONG winetest_get_failures(void);
int winetest_broken(int condition);
char *winetest_get_temp_buffer(size_t size);

const char *wine_dbg_sprintf(const char *fmt, ...) WINETEST_PRINTF(1, 2);
const char *wine_dbgstr_an(const char *str, int len);
const char *wine_dbgstr_wn(const WCHAR *str, int len);
const char *wine_dbgstr_guid(const GUID *guid);
const char *wine_dbgstr_longlong(ULONGLONG value);
const char *wine_dbgstr_point(const POINT *point);
const char *wine_dbgstr_rect(const RECT *rect);

static inline const char *wine_dbgstr_a(const char *s) { return wine_dbgstr_an(s, -1); }
static inline const char *wine_dbgstr_w(const WCHAR *s) { return wine_dbgstr_wn(s, -1); }
static inline const char *debugstr_a(const char *s) { return wine_dbgstr_an(s, -1); }
static inline const char *debugstr_an(const char *s, int n) { return wine_dbgstr_an(s, n); }
static inline const char *debugstr_w(const WCHAR *s) { return wine_dbgstr_wn(s, -1); }
static inline const char *debugstr_wn(const WCHAR *s, int n) { return wine_dbgstr_wn(s, n); }
static inline const char *debugstr_guid(const GUID *g) { return wine_dbgstr_guid(g); }

/* The location is recorded first, then the comma operator yields the
 * function, which is called with the caller's argument list. */
#define ok_(file, line)       (winetest_set_location(file, line), winetest_ok)
#define skip_(file, line)     (winetest_set_location(file, line), winetest_skip)
#define win_skip_(file, line) (winetest_set_location(file, line), winetest_win_skip)
#define trace_(file, line)    (winetest_set_location(file, line), winetest_trace)
#define wait_child_process_(file, line) (winetest_set_location(file, line), winetest_wait_child_process)

#define ok       ok_(__FILE__, __LINE__)
#define skip     skip_(__FILE__, __LINE__)
#define win_skip win_skip_(__FILE__, __LINE__)
#define trace    trace_(__FILE__, __LINE__)
#define wait_child_process wait_child_process_(__FILE__, __LINE__)

#define todo_if(is_todo) for (winetest_start_todo(is_todo); winetest_loop_todo(); winetest_end_todo())
#define todo_wine        todo_if(winetest_platform_is_wine)
#define todo_wine_if(is_todo) todo_if((is_todo) && winetest_platform_is_wine)

#define flaky_if(is_flaky) for (winetest_start_flaky(is_flaky); winetest_loop_flaky(); winetest_end_flaky())
#define flaky            flaky_if(TRUE)
#define flaky_wine       flaky_if(winetest_platform_is_wine)
#define flaky_wine_if(is_flaky) flaky_if((is_flaky) && winetest_platform_is_wine)

#define broken(condition) winetest_broken(!!(condition))

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif

struct test
{
    const char *name;
    void (*func)(void);
};

extern const struct test winetest_testlist[];

#ifdef STANDALONE
#define START_TEST(name) \
    static void func_##name(void); \
    const struct test winetest_testlist[] = { { #name, func_##name }, { 0, 0 } }; \
    static void func_##name(void)
#else
#define START_TEST(name) void func_##name(void)
#endif

#ifdef STANDALONE

int winetest_debug = 1;
int winetest_interactive;
int winetest_report_success;
const char *winetest_platform = "windows";
int winetest_platform_is_wine;

#define WINETEST_MAX_CONTEXT 16
#define WINETEST_CONTEXT_LEN 128
#define WINETEST_BUFFER_LEN  4096

struct winetest_thread_data
{
    const char *file;
    int line;
    int todo_level;   /* bit per nesting level: 1 = that level is a todo */
    int todo_loop;
    int flaky_level;
    int flaky_loop;
    int context_count;
    char context[WINETEST_MAX_CONTEXT][WINETEST_CONTEXT_LEN];
    char buffers[WINETEST_BUFFER_LEN];
    size_t buffer_pos;
};

static LONG winetest_successes;
static LONG winetest_failures;
static LONG winetest_flaky_failures;
static LONG winetest_todo_successes;
static LONG winetest_todo_failures;
static LONG winetest_skipped;
static DWORD winetest_tls = TLS_OUT_OF_INDEXES;
static CRITICAL_SECTION winetest_output_cs;
static const char *winetest_current_name;
static int winetest_argc;
static char **winetest_argv;
static int winetest_time;
static DWORD winetest_start_ticks;

/* The location is recorded while the arguments of ok() may already have
 * been evaluated or not, so the harness must never change the last error. */
static struct winetest_thread_data *winetest_data(void)
{
    DWORD last_error = GetLastError();
    struct winetest_thread_data *data = (struct winetest_thread_data *)TlsGetValue(winetest_tls);

    if (!data)
    {
        /* A thread the harness has not seen before: give it fresh state. */
        data = (struct winetest_thread_data *)HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(*data));
        if (!data)
        {
            fputs("Fatal: out of memory in the test harness\n", stderr);
            ExitProcess(255);
        }
        TlsSetValue(winetest_tls, data);
    }
    SetLastError(last_error);
    return data;
}

char *winetest_get_temp_buffer(size_t size)
{
    struct winetest_thread_data *data = winetest_data();
    char *ret;

    if (size > sizeof(data->buffers)) size = sizeof(data->buffers);
    if (data->buffer_pos + size > sizeof(data->buffers)) data->buffer_pos = 0;
    ret = data->buffers + data->buffer_pos;
    data->buffer_pos += size;
    return ret;
}

static const char *winetest_basename(const char *file)
{
    const char *p, *base = file;

    for (p = file; *p; p++)
        if (*p == '/' || *p == '\\') base = p + 1;
    return base;
}

/* One line is formatted whole and written under a lock, so lines from
 * concurrent threads never interleave. */
static void winetest_emit(int with_location, const char *kind, const char *msg, va_list args)
{
    struct winetest_thread_data *data = winetest_data();
    char line[2048];
    size_t len = 0;
    int i, n;

    line[0] = 0;
    if (with_location)
    {
        n = snprintf(line, sizeof(line), "%s:%d:", winetest_basename(data->file ? data->file : "?"), data->line);
        if (n > 0) len = (size_t)n < sizeof(line) ? (size_t)n : sizeof(line) - 1;
        if (winetest_time && len < sizeof(line))
        {
            n = snprintf(line + len, sizeof(line) - len, "%.3f:",
                         (GetTickCount() - winetest_start_ticks) / 1000.0);
            if (n > 0) len += (size_t)n;
        }
        if (len < sizeof(line) - 1) line[len++] = ' ';
        line[len] = 0;
        for (i = 0; i < data->context_count && len < sizeof(line); i++)
        {
            n = snprintf(line + len, sizeof(line) - len, "%s: ", data->context[i]);
            if (n > 0) len += (size_t)n;
        }
    }
    if (kind && len < sizeof(line))
    {
        n = snprintf(line + len, sizeof(line) - len, "%s", kind);
        if (n > 0) len += (size_t)n;
    }
    if (len < sizeof(line))
    {
        n = vsnprintf(line + len, sizeof(line) - len, msg, args);
        if (n > 0) len += (size_t)n;
    }
    if (len >= sizeof(line))
    {
        len = sizeof(line) - 1;
        line[len - 1] = '\n';
        line[len] = 0;
    }
    EnterCriticalSection(&winetest_output_cs);
    fputs(line, stdout);
    fflush(stdout);
    LeaveCriticalSection(&winetest_output_cs);
}

void winetest_set_location(const char *file, int line)
{
    struct winetest_thread_data *data = winetest_data();
    data->file = file;
    data->line = line;
}

void winetest_vok(int condition, const char *msg, va_list args)
{
    struct winetest_thread_data *data = winetest_data();

    if (data->todo_level & 1)
    {
        if (condition)
        {
            winetest_emit(1, "Test succeeded inside todo block: ", msg, args);
            InterlockedIncrement(&winetest_todo_failures);
        }
        else
        {
            if (winetest_debug > 0) winetest_emit(1, "Test marked todo: ", msg, args);
            InterlockedIncrement(&winetest_todo_successes);
        }
        return;
    }
    if (condition)
    {
        if (winetest_report_success || winetest_debug > 1) winetest_emit(1, "Test succeeded", "\n", args);
        InterlockedIncrement(&winetest_successes);
        return;
    }
    if (data->flaky_level & 1)
    {
        winetest_emit(1, "Test marked flaky: ", msg, args);
        InterlockedIncrement(&winetest_flaky_failures);
        return;
    }
    winetest_emit(1, "Test failed: ", msg, args);
    InterlockedIncrement(&winetest_failures);
}

void winetest_ok(int condition, const char *msg, ...)
{
    va_list args;
    va_start(args, msg);
    winetest_vok(condition, msg, args);
    va_end(args);
}

void winetest_skip(const char *msg, ...)
{
    va_list args;

    if (winetest_debug > 0)
    {
        va_start(args, msg);
        winetest_emit(1, "Tests skipped: ", msg, args);
        va_end(args);
    }
    InterlockedIncrement(&winetest_skipped);
}

/* A skip that only Windows may take: on Wine the feature is expected. */
void winetest_win_skip(const char *msg, ...)
{
    va_list args;

    va_start(args, msg);
    if (winetest_platform_is_wine)
        winetest_vok(0, msg, args);
    else
    {
        if (winetest_debug > 0) winetest_emit(1, "Tests skipped: ", msg, args);
        InterlockedIncrement(&winetest_skipped);
    }
    va_end(args);
}

void winetest_trace(const char *msg, ...)
{
    va_list args;

    if (winetest_debug <= 0) return;
    va_start(args, msg);
    winetest_emit(1, NULL, msg, args);
    va_end(args);
}

void winetest_print(const char *msg, ...)
{
    va_list args;

    va_start(args, msg);
    winetest_emit(0, NULL, msg, args);
    va_end(args);
}

void winetest_push_context(const char *fmt, ...)
{
    struct winetest_thread_data *data = winetest_data();
    va_list args;

    if (data->context_count < WINETEST_MAX_CONTEXT)
    {
        va_start(args, fmt);
        vsnprintf(data->context[data->context_count], WINETEST_CONTEXT_LEN, fmt, args);
        va_end(args);
        data->context[data->context_count][WINETEST_CONTEXT_LEN - 1] = 0;
    }
    data->context_count++;
}

void winetest_pop_context(void)
{
    struct winetest_thread_data *data = winetest_data();
    if (data->context_count > 0) data->context_count--;
}

void winetest_start_todo(int is_todo)
{
    struct winetest_thread_data *data = winetest_data();
    data->todo_level = (data->todo_level << 1) | (is_todo != 0);
    data->todo_loop = 1;
}

int winetest_loop_todo(void)
{
    struct winetest_thread_data *data = winetest_data();
    int ret = data->todo_loop;
    data->todo_loop = 0;
    return ret;
}

void winetest_end_todo(void)
{
    struct winetest_thread_data *data = winetest_data();
    data->todo_level >>= 1;
}

void winetest_start_flaky(int is_flaky)
{
    struct winetest_thread_data *data = winetest_data();
    data->flaky_level = (data->flaky_level << 1) | (is_flaky != 0);
    data->flaky_loop = 1;
}

int winetest_loop_flaky(void)
{
    struct winetest_thread_data *data = winetest_data();
    int ret = data->flaky_loop;
    data->flaky_loop = 0;
    return ret;
}

void winetest_end_flaky(void)
{
    struct winetest_thread_data *data = winetest_data();
    data->flaky_level >>= 1;
}

int winetest_broken(int condition)
{
    return !winetest_platform_is_wine && condition;
}

int winetest_get_mainargs(char ***pargv)
{
    *pargv = winetest_argv;
    return winetest_argc;
}

void winetest_add_failures(LONG count)
{
    while (count-- > 0) InterlockedIncrement(&winetest_failures);
}

LONG winetest_get_failures(void)
{
    return winetest_failures + winetest_todo_failures;
}

DWORD winetest_wait_child_process(HANDLE process)
{
    DWORD exit_code = 1;
    DWORD ret = WaitForSingleObject(process, 30000);

    if (ret == WAIT_TIMEOUT)
        winetest_ok(0, "Timed out waiting for the child process\n");
    else if (ret != WAIT_OBJECT_0)
        winetest_ok(0, "WaitForSingleObject failed: %lu\n", GetLastError());
    else if (!GetExitCodeProcess(process, &exit_code))
        winetest_ok(0, "GetExitCodeProcess failed: %lu\n", GetLastError());
    else if (exit_code)
    {
        /* The child's own output already shows its failures; count them here
         * so the parent's exit code reflects them. */
        if (exit_code > 255)
            winetest_ok(0, "Child process crashed (%#lx)\n", exit_code);
        else
        {
            EnterCriticalSection(&winetest_output_cs);
            printf("%04lx:%s: %lu failures in child process\n", GetCurrentProcessId(),
                   winetest_current_name ? winetest_current_name : "?", exit_code);
            fflush(stdout);
            LeaveCriticalSection(&winetest_output_cs);
            winetest_add_failures((LONG)exit_code);
        }
    }
    return exit_code;
}

const char *wine_dbg_sprintf(const char *fmt, ...)
{
    char tmp[512];
    char *ret;
    va_list args;
    int len;

    va_start(args, fmt);
    len = vsnprintf(tmp, sizeof(tmp), fmt, args);
    va_end(args);
    if (len < 0 || len >= (int)sizeof(tmp)) len = sizeof(tmp) - 1;
    tmp[len] = 0;
    ret = winetest_get_temp_buffer(len + 1);
    memcpy(ret, tmp, len + 1);
    return ret;
}

static const char *winetest_escape(const void *str, int len, int wide)
{
    char out[300];
    size_t pos = 0;
    int i;

    if (!str) return "(null)";
    if ((ULONG_PTR)str < 0x10000) return wine_dbg_sprintf("#%04x", (unsigned int)(ULONG_PTR)str);
    if (len < 0)
    {
        if (wide) for (len = 0; ((const WCHAR *)str)[len]; len++) ;
        else len = (int)strlen((const char *)str);
    }
    if (wide) out[pos++] = 'L';
    out[pos++] = '"';
    for (i = 0; i < len && pos < sizeof(out) - 12; i++)
    {
        unsigned int c = wide ? ((const WCHAR *)str)[i] : ((const unsigned char *)str)[i];
        switch (c)
        {
        case '\n': out[pos++] = '\\'; out[pos++] = 'n'; break;
        case '\r': out[pos++] = '\\'; out[pos++] = 'r'; break;
        case '\t': out[pos++] = '\\'; out[pos++] = 't'; break;
        case '"':  out[pos++] = '\\'; out[pos++] = '"'; break;
        case '\\': out[pos++] = '\\'; out[pos++] = '\\'; break;
        default:
            if (c >= ' ' && c < 127) out[pos++] = (char)c;
            else if (c < 256) pos += sprintf(out + pos, "\\x%02x", c);
            else pos += sprintf(out + pos, "\\u%04x", c);
        }
    }
    out[pos++] = '"';
    if (i < len) { memcpy(out + pos, "...", 3); pos += 3; }
    out[pos] = 0;
    return wine_dbg_sprintf("%s", out);
}

const char *wine_dbgstr_an(const char *str, int len) { return winetest_escape(str, len, 0); }
const char *wine_dbgstr_wn(const WCHAR *str, int len) { return winetest_escape(str, len, 1); }

const char *wine_dbgstr_guid(const GUID *id)
{
    if (!id) return "(null)";
    return wine_dbg_sprintf("{%08lx-%04x-%04x-%02x%02x-%02x%02x%02x%02x%02x%02x}",
                            (unsigned long)id->Data1, id->Data2, id->Data3,
                            id->Data4[0], id->Data4[1], id->Data4[2], id->Data4[3],
                            id->Data4[4], id->Data4[5], id->Data4[6], id->Data4[7]);
}

const char *wine_dbgstr_longlong(ULONGLONG value)
{
    if (value >> 32)
        return wine_dbg_sprintf("%lx%08lx", (unsigned long)(value >> 32), (unsigned long)value);
    return wine_dbg_sprintf("%lx", (unsigned long)value);
}

const char *wine_dbgstr_point(const POINT *pt)
{
    if (!pt) return "(null)";
    return wine_dbg_sprintf("(%ld,%ld)", pt->x, pt->y);
}

const char *wine_dbgstr_rect(const RECT *rect)
{
    if (!rect) return "(null)";
    return wine_dbg_sprintf("(%ld,%ld)-(%ld,%ld)", rect->left, rect->top, rect->right, rect->bottom);
}

static void winetest_list_tests(void)
{
    const struct test *t;

    printf("Valid test names:\n");
    for (t = winetest_testlist; t->name; t++) printf("    %s\n", t->name);
    fflush(stdout);
}

static const struct test *winetest_find(const char *name)
{
    const struct test *t;
    size_t len = strlen(name);

    /* Like Wine, "foo.c" names the test "foo". */
    if (len > 2 && !strcmp(name + len - 2, ".c")) len -= 2;
    for (t = winetest_testlist; t->name; t++)
        if (strlen(t->name) == len && !strncmp(t->name, name, len)) return t;
    return NULL;
}

static int winetest_run(const struct test *test)
{
    LONG failures;
    char elapsed[32] = "";

    winetest_current_name = test->name;
    test->func();
    if (winetest_time)
        snprintf(elapsed, sizeof(elapsed), "%.3f", (GetTickCount() - winetest_start_ticks) / 1000.0);
    EnterCriticalSection(&winetest_output_cs);
    printf("%04lx:%s:%s %ld tests executed (%ld marked as todo, %ld as flaky, %ld failures), %ld skipped.\n",
           GetCurrentProcessId(), test->name, elapsed,
           winetest_successes + winetest_failures + winetest_flaky_failures
               + winetest_todo_successes + winetest_todo_failures,
           winetest_todo_successes, winetest_flaky_failures,
           winetest_failures + winetest_todo_failures, winetest_skipped);
    fflush(stdout);
    LeaveCriticalSection(&winetest_output_cs);
    failures = winetest_failures + winetest_todo_failures;
    return failures > 255 ? 255 : (int)failures;
}

static int winetest_env_int(const char *name, int def)
{
    const char *value = getenv(name);
    return value && *value ? atoi(value) : def;
}

int main(int argc, char **argv)
{
    const struct test *test;
    const char *platform;
    HMODULE ntdll;

    winetest_argc = argc;
    winetest_argv = argv;
    winetest_tls = TlsAlloc();
    InitializeCriticalSection(&winetest_output_cs);
    winetest_start_ticks = GetTickCount();

    ntdll = GetModuleHandleA("ntdll.dll");
    if (ntdll && GetProcAddress(ntdll, "wine_server_call")) winetest_platform = "wine";
    if ((platform = getenv("WINETEST_PLATFORM")) && *platform) winetest_platform = platform;
    winetest_platform_is_wine = !strcmp(winetest_platform, "wine");
    winetest_debug = winetest_env_int("WINETEST_DEBUG", 1);
    winetest_interactive = winetest_env_int("WINETEST_INTERACTIVE", 0);
    winetest_report_success = winetest_env_int("WINETEST_REPORT_SUCCESS", 0);
    winetest_time = winetest_env_int("WINETEST_TIME", 0);

    if (argc > 1 && !strcmp(argv[1], "--list"))
    {
        winetest_list_tests();
        return 0;
    }
    if (argc > 1 && argv[1][0] != '-')
    {
        if (!(test = winetest_find(argv[1])))
        {
            fprintf(stderr, "Fatal: test '%s' does not exist.\n", argv[1]);
            return 1;
        }
    }
    else if (winetest_testlist[0].name && !winetest_testlist[1].name)
        test = &winetest_testlist[0];
    else
    {
        fprintf(stderr, "Usage: %s test_name\n", argv[0]);
        winetest_list_tests();
        return 1;
    }
    return winetest_run(test);
}

#endif /* STANDALONE */

#ifdef __cplusplus
}
#endif

#endif /* WRING_WINE_TEST_H */

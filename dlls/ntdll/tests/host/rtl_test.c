/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Host unit tests of the pure Rtl logic: conversions, the status table, locks, environment,
 * time and bitmaps.  Prints "N passed, M failed". */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include "shim.h"
#include "../../error.c"

static int passed, failed;

#define ok(cond, ...) do { if (cond) passed++; else { failed++; printf("%s:%d: ", __FILE__, __LINE__); \
    printf(__VA_ARGS__); printf("\n"); } } while (0)

static void wide(WCHAR *dst, const char *src)
{
    while ((*dst++ = (unsigned char)*src++));
}

static void test_utf8_decode(void)
{
    static const struct { const char *in; int len; WCHAR out[8]; int out_len; NTSTATUS status; } tests[] =
    {
        { "a\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80", 10, { 'a', 0xe9, 0x20ac, 0xd83d, 0xde00 }, 5, STATUS_SUCCESS },
        { "\xe2\x82", 2, { 0xfffd }, 1, STATUS_SOME_NOT_MAPPED },
        { "\xe2\x82" "A", 3, { 0xfffd, 'A' }, 2, STATUS_SOME_NOT_MAPPED },
        { "\xc0\x80", 2, { 0xfffd, 0xfffd }, 2, STATUS_SOME_NOT_MAPPED },
        { "\xed\xa0\x80", 3, { 0xfffd, 0xfffd }, 2, STATUS_SOME_NOT_MAPPED },
        { "\xe0\x80\x80", 3, { 0xfffd, 0xfffd }, 2, STATUS_SOME_NOT_MAPPED },
        { "\xf0\x80\x80\x80", 4, { 0xfffd, 0xfffd, 0xfffd }, 3, STATUS_SOME_NOT_MAPPED },
        { "\xe1\x80\xe1\x80\x80", 5, { 0xfffd, 0x1000 }, 2, STATUS_SOME_NOT_MAPPED },
        { "\xf8\x88\x80\x80\x80", 5, { 0xfffd, 0xfffd, 0xfffd, 0xfffd, 0xfffd }, 5, STATUS_SOME_NOT_MAPPED },
        { "\xf4\x90\x80\x80", 4, { 0xfffd, 0xfffd, 0xfffd }, 3, STATUS_SOME_NOT_MAPPED },
        { "\xf0\x9f\x98", 3, { 0xfffd }, 1, STATUS_SOME_NOT_MAPPED },
        { "\x80" "b", 2, { 0xfffd, 'b' }, 2, STATUS_SOME_NOT_MAPPED },
        { "\xef\xbf\xbf", 3, { 0xffff }, 1, STATUS_SUCCESS },
    };
    for (size_t i = 0; i < ARRAY_SIZE(tests); i++)
    {
        WCHAR buf[16];
        DWORD written = 0, needed = 0;
        NTSTATUS status = RtlUTF8ToUnicodeN(NULL, 0, &needed, tests[i].in, tests[i].len);
        ok(status == tests[i].status && needed == tests[i].out_len * 2, "utf8 size %zu: %#x %lu", i, (unsigned)status, (unsigned long)needed);
        status = RtlUTF8ToUnicodeN(buf, sizeof(buf), &written, tests[i].in, tests[i].len);
        ok(status == tests[i].status && written == tests[i].out_len * 2 &&
           !memcmp(buf, tests[i].out, written), "utf8 decode %zu: %#x %lu", i, (unsigned)status, (unsigned long)written);
    }
    WCHAR small[2];
    DWORD written;
    ok(RtlUTF8ToUnicodeN(small, sizeof(small), &written, "abc", 3) == STATUS_BUFFER_TOO_SMALL && written == 4,
       "utf8 too small");
    ok(RtlUTF8ToUnicodeN(small, sizeof(small), &written, NULL, 3) == STATUS_INVALID_PARAMETER_4, "utf8 null src");
}

static void test_utf8_encode(void)
{
    static const WCHAR pair[] = { 'x', 0xd83d, 0xde00, 0xe9 }, lone[] = { 0xd800, 'a' }, low[] = { 0xdc00 };
    char buf[16];
    DWORD written;
    ok(!RtlUnicodeToUTF8N(buf, sizeof(buf), &written, pair, sizeof(pair)) && written == 7 &&
       !memcmp(buf, "x\xf0\x9f\x98\x80\xc3\xa9", 7), "utf8 encode pair");
    ok(RtlUnicodeToUTF8N(buf, sizeof(buf), &written, lone, sizeof(lone)) == STATUS_SOME_NOT_MAPPED &&
       written == 4 && !memcmp(buf, "\xef\xbf\xbd" "a", 4), "utf8 encode lone high");
    ok(RtlUnicodeToUTF8N(buf, sizeof(buf), &written, low, sizeof(low)) == STATUS_SOME_NOT_MAPPED && written == 3,
       "utf8 encode lone low");
    ok(RtlUnicodeToUTF8N(buf, 2, &written, pair, sizeof(pair)) == STATUS_BUFFER_TOO_SMALL && written == 1,
       "utf8 encode too small: %lu", (unsigned long)written);
    ok(!RtlUnicodeToUTF8N(NULL, 0, &written, pair, sizeof(pair)) && written == 7, "utf8 encode size");
}

static void test_code_pages(void)
{
    WCHAR w[4];
    char a[4];
    static const WCHAR euro[] = { 0x20ac, 0x0100, 0xe9, '?' };
    RtlMultiByteToUnicodeN(w, sizeof(w), NULL, "\x80\x81\xe9\x9f", 4);
    ok(w[0] == 0x20ac && w[1] == 0x81 && w[2] == 0xe9 && w[3] == 0x178, "1252 to wide");
    RtlUnicodeToMultiByteN(a, 4, NULL, euro, sizeof(euro));
    ok(!memcmp(a, "\x80?\xe9?", 4), "wide to 1252");
    RtlOemToUnicodeN(w, sizeof(w), NULL, "\x80\xb0\xe1\xff", 4);
    ok(w[0] == 0xc7 && w[1] == 0x2591 && w[2] == 0xdf && w[3] == 0xa0, "437 to wide");
    RtlUnicodeToOemN(a, 4, NULL, euro, sizeof(euro));
    ok(!memcmp(a, "??\x82?", 4), "wide to 437");
    ok(RtlUpcaseUnicodeChar(0xe4) == 0xc4 && RtlUpcaseUnicodeChar(0xff) == 0x178 &&
       RtlUpcaseUnicodeChar(0x101) == 0x100 && RtlUpcaseUnicodeChar(0x3c9) == 0x3a9 &&
       RtlUpcaseUnicodeChar(0x44f) == 0x42f && RtlUpcaseUnicodeChar(0xf7) == 0xf7, "upcase");
    ok(RtlDowncaseUnicodeChar(0xc4) == 0xe4 && RtlDowncaseUnicodeChar(0x178) == 0xff &&
       RtlDowncaseUnicodeChar(0x100) == 0x101 && RtlDowncaseUnicodeChar(0x101) == 0x101 &&
       RtlDowncaseUnicodeChar('Z') == 'z', "downcase");
}

static void test_strings(void)
{
    WCHAR buf[7], hello[8];
    UNICODE_STRING us, other;
    ANSI_STRING as;
    wide(hello, "Hello");
    RtlInitUnicodeString(&us, hello);
    ok(us.Length == 10 && us.MaximumLength == 12, "init unicode");
    RtlInitAnsiString(&as, "Caf\xe9");
    ok(!RtlAnsiStringToUnicodeString(&other, &as, TRUE) && other.Length == 8 && other.Buffer[3] == 0xe9 &&
       !other.Buffer[4], "ansi to unicode");
    RtlFreeUnicodeString(&other);
    char small[4];
    as.Buffer = small;
    as.MaximumLength = sizeof(small);
    ok(RtlUnicodeStringToAnsiString(&as, &us, FALSE) == STATUS_BUFFER_OVERFLOW && as.Length == 3 &&
       !strcmp(small, "Hel"), "unicode to ansi overflow");
    other.Buffer = buf;
    other.Length = 0;
    other.MaximumLength = sizeof(buf);
    RtlCopyUnicodeString(&other, &us);
    ok(other.Length == 10 && !buf[5], "copy");
    WCHAR xy[4] = { 'x', 'y', 'z', 0 };
    ok(RtlAppendUnicodeToString(&other, xy) == STATUS_BUFFER_TOO_SMALL, "append too long");
    xy[1] = 0;
    ok(!RtlAppendUnicodeToString(&other, xy) && other.Length == 12 && buf[5] == 'x' && !buf[6], "append");
    WCHAR up[8];
    wide(up, "HELLOX");
    UNICODE_STRING ups;
    RtlInitUnicodeString(&ups, up);
    ok(RtlEqualUnicodeString(&ups, &other, TRUE) && !RtlEqualUnicodeString(&ups, &other, FALSE), "equal");
    ok(RtlCompareUnicodeString(&us, &other, FALSE) < 0, "compare prefix");
}

static void test_status_map(void)
{
    for (size_t i = 1; i < ARRAY_SIZE(status_map); i++)
        ok(status_map[i - 1].status < status_map[i].status, "table unsorted at %zu", i);
    static const struct { NTSTATUS status; ULONG error; } tests[] =
    {
        { STATUS_SUCCESS, 0 }, { STATUS_PENDING, ERROR_IO_PENDING }, { STATUS_END_OF_FILE, ERROR_HANDLE_EOF },
        { STATUS_CANCELLED, ERROR_OPERATION_ABORTED }, { STATUS_INVALID_HANDLE, ERROR_INVALID_HANDLE },
        { STATUS_ACCESS_VIOLATION, ERROR_NOACCESS }, { STATUS_OBJECT_NAME_NOT_FOUND, ERROR_FILE_NOT_FOUND },
        { STATUS_OBJECT_NAME_COLLISION, ERROR_ALREADY_EXISTS }, { STATUS_OBJECT_NAME_INVALID, ERROR_INVALID_NAME },
        { STATUS_OBJECT_PATH_NOT_FOUND, ERROR_PATH_NOT_FOUND }, { STATUS_OBJECT_PATH_SYNTAX_BAD, ERROR_BAD_PATHNAME },
        { STATUS_SHARING_VIOLATION, ERROR_SHARING_VIOLATION }, { STATUS_ACCESS_DENIED, ERROR_ACCESS_DENIED },
        { STATUS_DISK_FULL, ERROR_DISK_FULL }, { STATUS_NO_MEMORY, ERROR_NOT_ENOUGH_MEMORY },
        { STATUS_BUFFER_OVERFLOW, ERROR_MORE_DATA }, { STATUS_BUFFER_TOO_SMALL, ERROR_INSUFFICIENT_BUFFER },
        { STATUS_INVALID_PARAMETER, ERROR_INVALID_PARAMETER }, { STATUS_INVALID_PARAMETER_1, ERROR_INVALID_PARAMETER },
        { STATUS_INVALID_PARAMETER_12, ERROR_INVALID_PARAMETER }, { STATUS_NOT_IMPLEMENTED, ERROR_INVALID_FUNCTION },
        { STATUS_TIMEOUT, ERROR_TIMEOUT }, { STATUS_ABANDONED, ERROR_WAIT_NO_CHILDREN },
        { (NTSTATUS)0xc0070005, 5 }, { (NTSTATUS)0xc0010057, 87 }, { (NTSTATUS)0x80070002, 2 },
        { (NTSTATUS)0xd0000022, ERROR_ACCESS_DENIED }, { (NTSTATUS)0xe0000022, 0xe0000022 },
        { (NTSTATUS)0x12345678, ERROR_MR_MID_NOT_FOUND },
    };
    for (size_t i = 0; i < ARRAY_SIZE(tests); i++)
        ok(RtlNtStatusToDosError(tests[i].status) == tests[i].error, "status %#x -> %lu", (unsigned)tests[i].status,
           (unsigned long)RtlNtStatusToDosError(tests[i].status));
    RtlNtStatusToDosError(STATUS_ACCESS_DENIED);
    ok(RtlGetLastNtStatus() == STATUS_ACCESS_DENIED, "last status");
    RtlSetLastWin32Error(1234);
    ok(RtlGetLastWin32Error() == 1234, "last error");
}

#define THREADS 4
#define ROUNDS 200000

static RTL_CRITICAL_SECTION crit;
static RTL_SRWLOCK srw;
static RTL_CONDITION_VARIABLE cv;
static long counter;
static volatile LONG readers_inside, writer_inside, violations;

static void *cs_worker(void *arg)
{
    shim_thread_init((DWORD)(ULONG_PTR)arg);
    for (int i = 0; i < ROUNDS; i++)
    {
        RtlEnterCriticalSection(&crit);
        if (i % 1000 == 0) RtlEnterCriticalSection(&crit);
        counter++;
        if (i % 1000 == 0) RtlLeaveCriticalSection(&crit);
        RtlLeaveCriticalSection(&crit);
    }
    return NULL;
}

static void *try_other(void *arg)
{
    (void)arg;
    shim_thread_init(99);
    return (void *)(ULONG_PTR)RtlTryEnterCriticalSection(&crit);
}

static void test_critical_section(void)
{
    pthread_t threads[THREADS];
    void *result;

    RtlInitializeCriticalSectionAndSpinCount(&crit, 100);
    ok(crit.LockCount == -1 && !crit.RecursionCount && !crit.OwningThread, "init fields");
    RtlEnterCriticalSection(&crit);
    RtlEnterCriticalSection(&crit);
    ok(crit.RecursionCount == 2 && crit.OwningThread == (HANDLE)1 && crit.LockCount == 1, "recursion fields %ld",
       (long)crit.LockCount);
    ok(RtlIsCriticalSectionLockedByThread(&crit), "locked by thread");
    pthread_create(&threads[0], NULL, try_other, NULL);
    pthread_join(threads[0], &result);
    ok(!result, "try enter from another thread");
    RtlLeaveCriticalSection(&crit);
    RtlLeaveCriticalSection(&crit);
    ok(crit.LockCount == -1 && !RtlIsCriticalSectionLocked(&crit), "released");

    counter = 0;
    for (int i = 0; i < THREADS; i++) pthread_create(&threads[i], NULL, cs_worker, (void *)(ULONG_PTR)(i + 10));
    for (int i = 0; i < THREADS; i++) pthread_join(threads[i], NULL);
    ok(counter == (long)THREADS * ROUNDS, "contended counter %ld", counter);
    ok(crit.LockCount == -1 && !crit.OwningThread, "fields after contention");
    RtlDeleteCriticalSection(&crit);
}

static void *srw_worker(void *arg)
{
    int writer = (int)(ULONG_PTR)arg & 1;
    shim_thread_init(20 + (DWORD)(ULONG_PTR)arg);
    for (int i = 0; i < ROUNDS / 4; i++)
    {
        if (writer)
        {
            RtlAcquireSRWLockExclusive(&srw);
            if (InterlockedIncrement(&writer_inside) != 1 || readers_inside) InterlockedIncrement(&violations);
            counter++;
            InterlockedDecrement(&writer_inside);
            RtlReleaseSRWLockExclusive(&srw);
        }
        else
        {
            RtlAcquireSRWLockShared(&srw);
            InterlockedIncrement(&readers_inside);
            if (writer_inside) InterlockedIncrement(&violations);
            InterlockedDecrement(&readers_inside);
            RtlReleaseSRWLockShared(&srw);
        }
    }
    return NULL;
}

static void test_srw(void)
{
    pthread_t threads[THREADS];
    RtlInitializeSRWLock(&srw);
    ok(RtlTryAcquireSRWLockShared(&srw) && RtlTryAcquireSRWLockShared(&srw) && !RtlTryAcquireSRWLockExclusive(&srw),
       "shared twice");
    RtlReleaseSRWLockShared(&srw);
    RtlReleaseSRWLockShared(&srw);
    ok(RtlTryAcquireSRWLockExclusive(&srw) && !RtlTryAcquireSRWLockShared(&srw), "exclusive");
    RtlReleaseSRWLockExclusive(&srw);
    ok(!srw.Ptr, "released to zero");
    counter = 0;
    for (int i = 0; i < THREADS; i++) pthread_create(&threads[i], NULL, srw_worker, (void *)(ULONG_PTR)i);
    for (int i = 0; i < THREADS; i++) pthread_join(threads[i], NULL);
    ok(!violations && counter == (long)(THREADS / 2) * (ROUNDS / 4) && !srw.Ptr, "srw contention %ld %ld",
       (long)violations, counter);
}

static int queue_items, consumed;

static void *consumer(void *arg)
{
    (void)arg;
    shim_thread_init(40);
    RtlEnterCriticalSection(&crit);
    while (consumed < ROUNDS / 10)
    {
        while (!queue_items) RtlSleepConditionVariableCS(&cv, &crit, NULL);
        queue_items--;
        consumed++;
        RtlWakeConditionVariable(&cv);
    }
    RtlLeaveCriticalSection(&crit);
    return NULL;
}

static void test_condition_variable(void)
{
    pthread_t thread;
    LARGE_INTEGER timeout = { .QuadPart = -10000 };

    RtlInitializeCriticalSection(&crit);
    RtlInitializeConditionVariable(&cv);
    RtlEnterCriticalSection(&crit);
    ok(RtlSleepConditionVariableCS(&cv, &crit, &timeout) == STATUS_TIMEOUT && crit.RecursionCount == 1,
       "cv timeout");
    RtlLeaveCriticalSection(&crit);
    pthread_create(&thread, NULL, consumer, NULL);
    for (int i = 0; i < ROUNDS / 10; i++)
    {
        RtlEnterCriticalSection(&crit);
        while (queue_items >= 2) RtlSleepConditionVariableCS(&cv, &crit, NULL);
        queue_items++;
        RtlWakeConditionVariable(&cv);
        RtlLeaveCriticalSection(&crit);
    }
    pthread_join(thread, NULL);
    ok(consumed == ROUNDS / 10 && !queue_items, "producer/consumer %d", consumed);
}

static RTL_RUN_ONCE once;
static volatile LONG once_calls;

static DWORD WINAPI once_init(RTL_RUN_ONCE *o, void *param, void **context)
{
    (void)o; (void)param;
    InterlockedIncrement(&once_calls);
    *context = (void *)0x1230;
    return TRUE;
}

static void *once_worker(void *arg)
{
    void *context = NULL;
    (void)arg;
    shim_thread_init(50);
    if (RtlRunOnceExecuteOnce(&once, once_init, NULL, &context) || context != (void *)0x1230)
        InterlockedIncrement(&violations);
    return NULL;
}

static void test_run_once(void)
{
    pthread_t threads[THREADS];
    RTL_RUN_ONCE local;
    void *context;

    violations = 0;
    RtlRunOnceInitialize(&once);
    for (int i = 0; i < THREADS; i++) pthread_create(&threads[i], NULL, once_worker, NULL);
    for (int i = 0; i < THREADS; i++) pthread_join(threads[i], NULL);
    ok(once_calls == 1 && !violations, "execute once: %ld calls", (long)once_calls);

    RtlRunOnceInitialize(&local);
    ok(RtlRunOnceBeginInitialize(&local, RTL_RUN_ONCE_CHECK_ONLY, &context) == STATUS_UNSUCCESSFUL, "check only");
    ok(RtlRunOnceBeginInitialize(&local, 0, &context) == STATUS_PENDING, "begin");
    ok(RtlRunOnceComplete(&local, 0, (void *)1) == STATUS_INVALID_PARAMETER, "misaligned context");
    ok(RtlRunOnceComplete(&local, RTL_RUN_ONCE_INIT_FAILED, NULL) == STATUS_SUCCESS && !local.Ptr, "failed init");
    ok(RtlRunOnceBeginInitialize(&local, RTL_RUN_ONCE_ASYNC, &context) == STATUS_PENDING &&
       RtlRunOnceBeginInitialize(&local, RTL_RUN_ONCE_ASYNC, &context) == STATUS_PENDING, "async begin twice");
    ok(RtlRunOnceComplete(&local, RTL_RUN_ONCE_ASYNC, (void *)0x40) == STATUS_SUCCESS &&
       RtlRunOnceComplete(&local, RTL_RUN_ONCE_ASYNC, (void *)0x80) == STATUS_UNSUCCESSFUL, "async complete");
    ok(RtlRunOnceBeginInitialize(&local, RTL_RUN_ONCE_CHECK_ONLY, &context) == STATUS_SUCCESS &&
       context == (void *)0x40, "done context");
}

static void set_var(const char *name, const char *value)
{
    WCHAR n[64], v[64];
    UNICODE_STRING ns, vs;
    wide(n, name);
    RtlInitUnicodeString(&ns, n);
    if (value)
    {
        wide(v, value);
        RtlInitUnicodeString(&vs, v);
    }
    ok(!RtlSetEnvironmentVariable(NULL, &ns, value ? &vs : NULL), "set %s", name);
}

static BOOL block_is(const char *expected, size_t len)
{
    const WCHAR *env = NtCurrentTeb()->Peb->ProcessParameters->Environment;
    for (size_t i = 0; i < len; i++) if (env[i] != (unsigned char)expected[i]) return FALSE;
    return TRUE;
}

static void test_environment(void)
{
    WCHAR *env, name[16], buf[64];
    UNICODE_STRING ns, vs;

    ok(!RtlCreateEnvironment(FALSE, &env) && !env[0] && !env[1], "empty environment");
    NtCurrentTeb()->Peb->ProcessParameters->Environment = env;
    set_var("PATH", "c:\\bin");
    set_var("=C:", "C:\\dir");
    set_var("alpha", "1");
    set_var("Zed", "z");
    ok(block_is("=C:=C:\\dir\0alpha=1\0PATH=c:\\bin\0Zed=z\0", 37), "sorted insertion");
    set_var("ALPHA", "22");
    ok(block_is("=C:=C:\\dir\0ALPHA=22\0PATH", 24), "replace keeps position and takes the new name");
    set_var("path", NULL);
    ok(block_is("=C:=C:\\dir\0ALPHA=22\0Zed=z\0\0", 27), "delete");

    wide(name, "zED");
    RtlInitUnicodeString(&ns, name);
    vs.Buffer = buf;
    vs.MaximumLength = sizeof(buf);
    ok(!RtlQueryEnvironmentVariable_U(NULL, &ns, &vs) && vs.Length == 2 && buf[0] == 'z' && !buf[1], "query");
    vs.MaximumLength = 0;
    ok(RtlQueryEnvironmentVariable_U(NULL, &ns, &vs) == STATUS_BUFFER_TOO_SMALL && vs.Length == 2, "query size");
    wide(name, "nope");
    RtlInitUnicodeString(&ns, name);
    ok(RtlQueryEnvironmentVariable_U(NULL, &ns, &vs) == STATUS_VARIABLE_NOT_FOUND, "not found");
    wide(name, "a=b");
    RtlInitUnicodeString(&ns, name);
    ok(RtlSetEnvironmentVariable(NULL, &ns, NULL) == STATUS_INVALID_PARAMETER, "name with =");

    WCHAR src[64], expected[64];
    SIZE_T needed;
    wide(src, "%alpha%-%nope%-%%-50%");
    wide(expected, "22-%nope%-%%-50%");
    ok(!RtlExpandEnvironmentStrings(NULL, src, 21, buf, 64, &needed) && needed == 17 &&
       !memcmp(buf, expected, 17 * sizeof(WCHAR)), "expand: %zu", (size_t)needed);
    ok(RtlExpandEnvironmentStrings(NULL, src, 21, buf, 4, &needed) == STATUS_BUFFER_TOO_SMALL && needed == 17,
       "expand too small");
}

static void test_time(void)
{
    TIME_FIELDS tf;
    LARGE_INTEGER t = { .QuadPart = 0 };
    ULONG secs;

    RtlTimeToTimeFields(&t, &tf);
    ok(tf.Year == 1601 && tf.Month == 1 && tf.Day == 1 && tf.Weekday == 1 && !tf.Hour, "epoch");
    TIME_FIELDS leap = { 2024, 2, 29, 12, 34, 56, 789, 0 };
    ok(RtlTimeFieldsToTime(&leap, &t), "to time");
    RtlTimeToTimeFields(&t, &tf);
    ok(tf.Year == 2024 && tf.Month == 2 && tf.Day == 29 && tf.Hour == 12 && tf.Minute == 34 && tf.Second == 56 &&
       tf.Milliseconds == 789 && tf.Weekday == 4, "round trip %d-%d-%d wd %d", tf.Year, tf.Month, tf.Day, tf.Weekday);
    ok(RtlTimeToSecondsSince1970(&t, &secs) && secs == 1709210096, "1970 seconds %lu", (unsigned long)secs);
    RtlSecondsSince1970ToTime(0, &t);
    ok(t.QuadPart == 116444736000000000LL, "1970 epoch");
    TIME_FIELDS bad = { 2023, 2, 29, 0, 0, 0, 0, 0 };
    ok(!RtlTimeFieldsToTime(&bad, &t), "2023-02-29 rejected");
    for (LONGLONG day = 0; day < 800 * 366; day += 13)
    {
        LARGE_INTEGER in = { .QuadPart = day * 864000000000LL + 12345 }, out;
        RtlTimeToTimeFields(&in, &tf);
        if (!RtlTimeFieldsToTime(&tf, &out) || out.QuadPart != in.QuadPart / 10000 * 10000)
        {
            ok(0, "round trip day %lld", (long long)day);
            break;
        }
    }
}

static void test_bitmap(void)
{
    ULONG bits[2] = { 0 };
    RTL_BITMAP bm;
    RtlInitializeBitMap(&bm, bits, 64);
    ok(RtlFindClearBitsAndSet(&bm, 1, 0) == 0 && RtlFindClearBitsAndSet(&bm, 1, 0) == 1, "first bits");
    RtlSetBits(&bm, 2, 60);
    ok(RtlFindClearBitsAndSet(&bm, 1, 0) == 62 && RtlFindClearBitsAndSet(&bm, 1, 0) == 63 &&
       RtlFindClearBitsAndSet(&bm, 1, 0) == ~0u, "full");
    RtlClearBits(&bm, 33, 1);
    ok(RtlAreBitsSet(&bm, 0, 33) && !RtlAreBitsSet(&bm, 33, 1) && RtlAreBitsClear(&bm, 33, 1) &&
       RtlNumberOfSetBits(&bm) == 63 && bits[1] == 0xfffffffd, "clear");
}

int main(void)
{
    shim_process_init(2);
    test_utf8_decode();
    test_utf8_encode();
    test_code_pages();
    test_strings();
    test_status_map();
    test_critical_section();
    test_srw();
    test_condition_variable();
    test_run_once();
    test_environment();
    test_time();
    test_bitmap();
    printf("%d passed, %d failed\n", passed, failed);
    return failed != 0;
}

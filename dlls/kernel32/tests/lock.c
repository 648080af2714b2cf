/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Byte-range locks: LockFile/LockFileEx conflicts (exclusive against anything overlapping, shared
 * with shared), unlocking only what was locked, locks enforced on other handles' reads and
 * writes, a waiting lock on a synchronous handle, and locks released with their handle.
 */
#include <stdio.h>
#include <windows.h>
#include "wine/test.h"

#define HANG_MS 60000

static HANDLE open_file(const char *name, DWORD flags)
{
    return CreateFileA(name, GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL, OPEN_ALWAYS,
                       flags, NULL);
}

static BOOL lock_ex(HANDLE file, DWORD flags, DWORD offset, DWORD length)
{
    OVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    ov.Offset = offset;
    return LockFileEx(file, flags | LOCKFILE_FAIL_IMMEDIATELY, 0, length, 0, &ov);
}

static void test_conflicts(const char *name)
{
    HANDLE a, b;
    DWORD bytes;
    char buf[16];
    BOOL ret;

    a = open_file(name, 0);
    b = open_file(name, 0);
    ok(a != INVALID_HANDLE_VALUE && b != INVALID_HANDLE_VALUE, "open: %lu\n", GetLastError());
    ok(WriteFile(a, "0123456789abcdef", 16, &bytes, NULL), "write: %lu\n", GetLastError());

    ok(LockFile(a, 0, 0, 8, 0), "LockFile: %lu\n", GetLastError());
    /* Any overlap with an exclusive lock conflicts, even from the same handle. */
    SetLastError(0xdeadbeef);
    ok(!LockFile(a, 4, 0, 2, 0) && GetLastError() == ERROR_LOCK_VIOLATION, "same handle overlap: %lu\n",
       GetLastError());
    SetLastError(0xdeadbeef);
    ok(!lock_ex(b, 0, 7, 4) && GetLastError() == ERROR_LOCK_VIOLATION, "shared over exclusive: %lu\n",
       GetLastError());
    ok(LockFile(b, 8, 0, 4, 0), "adjacent range: %lu\n", GetLastError());

    /* Locks are mandatory for other handles: reads and writes fail.  Wine 8.0 does not enforce
     * locks on reads and writes. */
    SetFilePointer(b, 2, NULL, FILE_BEGIN);
    SetLastError(0xdeadbeef);
    ret = ReadFile(b, buf, 4, &bytes, NULL);
    todo_wine ok(!ret && GetLastError() == ERROR_LOCK_VIOLATION, "read of a locked range: %d, %lu\n", ret,
                 GetLastError());
    SetFilePointer(b, 2, NULL, FILE_BEGIN);
    SetLastError(0xdeadbeef);
    ret = WriteFile(b, "xx", 2, &bytes, NULL);
    todo_wine ok(!ret && GetLastError() == ERROR_LOCK_VIOLATION, "write to a locked range: %d, %lu\n", ret,
                 GetLastError());
    /* The owner reads and writes its own range. */
    SetFilePointer(a, 0, NULL, FILE_BEGIN);
    ok(ReadFile(a, buf, 4, &bytes, NULL) && bytes == 4, "owner read: %lu\n", GetLastError());

    /* Unlocking needs the exact range through the same handle.  Wine 8.0 keeps locks per process
     * and unlocks part of a range. */
    SetLastError(0xdeadbeef);
    todo_wine ok(!UnlockFile(a, 0, 0, 4, 0) && GetLastError() == ERROR_NOT_LOCKED, "partial unlock: %lu\n",
                 GetLastError());
    SetLastError(0xdeadbeef);
    todo_wine ok(!UnlockFile(b, 0, 0, 8, 0) && GetLastError() == ERROR_NOT_LOCKED,
                 "unlock by another handle: %lu\n", GetLastError());
    ok(UnlockFile(a, 0, 0, 8, 0), "UnlockFile: %lu\n", GetLastError());
    SetFilePointer(b, 2, NULL, FILE_BEGIN);
    ok(ReadFile(b, buf, 4, &bytes, NULL) && bytes == 4, "read after unlocking: %lu\n", GetLastError());

    /* Shared locks overlap each other, refuse an exclusive one, and stop writers -- their owner too. */
    ok(lock_ex(a, 0, 0, 4), "shared lock: %lu\n", GetLastError());
    ok(lock_ex(b, 0, 2, 4), "overlapping shared lock: %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ok(!lock_ex(a, LOCKFILE_EXCLUSIVE_LOCK, 3, 1) && GetLastError() == ERROR_LOCK_VIOLATION,
       "exclusive over shared: %lu\n", GetLastError());
    SetFilePointer(a, 0, NULL, FILE_BEGIN);
    ok(ReadFile(a, buf, 4, &bytes, NULL) && bytes == 4, "read under a shared lock: %lu\n", GetLastError());
    SetFilePointer(a, 0, NULL, FILE_BEGIN);
    SetLastError(0xdeadbeef);
    ret = WriteFile(a, "xx", 2, &bytes, NULL);
    todo_wine ok(!ret && GetLastError() == ERROR_LOCK_VIOLATION, "owner write under a shared lock: %d, %lu\n", ret,
       GetLastError());

    /* Closing a handle releases its locks. */
    CloseHandle(b);
    ok(lock_ex(a, LOCKFILE_EXCLUSIVE_LOCK, 8, 4), "range of a closed handle: %lu\n", GetLastError());
    CloseHandle(a);
}

struct locker
{
    const char *name;
    HANDLE file;
    HANDLE started;
    BOOL ret;
};

static DWORD WINAPI lock_thread(void *arg)
{
    struct locker *l = arg;
    OVERLAPPED ov;

    memset(&ov, 0, sizeof(ov));
    SetEvent(l->started);
    /* a synchronous handle: this blocks until the range is free */
    l->ret = LockFileEx(l->file, LOCKFILE_EXCLUSIVE_LOCK, 0, 4, 0, &ov);
    return 0;
}

static void test_blocking(const char *name)
{
    struct locker l;
    HANDLE a, thread;
    OVERLAPPED ov;

    a = open_file(name, 0);
    l.name = name;
    l.file = open_file(name, 0);
    l.started = CreateEventA(NULL, TRUE, FALSE, NULL);
    l.ret = FALSE;
    ok(LockFile(a, 0, 0, 4, 0), "LockFile: %lu\n", GetLastError());
    thread = CreateThread(NULL, 0, lock_thread, &l, 0, NULL);
    WaitForSingleObject(l.started, HANG_MS);
    ok(UnlockFile(a, 0, 0, 4, 0), "UnlockFile: %lu\n", GetLastError());
    ok(WaitForSingleObject(thread, HANG_MS) == WAIT_OBJECT_0, "the locking thread did not finish\n");
    ok(l.ret, "the blocking lock failed: %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ok(!LockFile(a, 0, 0, 4, 0) && GetLastError() == ERROR_LOCK_VIOLATION, "the range is not taken: %lu\n",
       GetLastError());
    memset(&ov, 0, sizeof(ov));
    ok(UnlockFileEx(l.file, 0, 4, 0, &ov), "UnlockFileEx: %lu\n", GetLastError());
    CloseHandle(thread);
    CloseHandle(l.started);
    CloseHandle(l.file);
    CloseHandle(a);
}

START_TEST(lock)
{
    char dir[MAX_PATH], name[MAX_PATH];

    GetTempPathA(sizeof(dir), dir);
    sprintf(name, "%swring_lock_%lu.tmp", dir, GetCurrentProcessId());
    test_conflicts(name);
    test_blocking(name);
    DeleteFileA(name);
}

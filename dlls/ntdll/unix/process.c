/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The PEB and the process parameters: command line, environment, std handles, current directory. */
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/sysinfo.h>
#include "private.h"

extern char **environ;

static PEB peb;
static LARGE_INTEGER process_create_time;
/* 0 until SetProcessAffinityMask: every processor of the system */
static atomic_ulong process_affinity;
static PEB_LDR_DATA ldr_data;
static RTL_BITMAP tls_bitmap, tls_expansion_bitmap;

PEB *process_peb(void)
{
    return &peb;
}

static void set_unicode(UNICODE_STRING *str, WCHAR *buffer, size_t max_chars)
{
    str->Buffer = buffer;
    str->Length = wide_len(buffer) * sizeof(WCHAR);
    str->MaximumLength = max_chars * sizeof(WCHAR);
}

static WCHAR *heap_wcsdup(const WCHAR *s, size_t min_chars)
{
    size_t n = wide_len(s) + 1;
    WCHAR *d = RtlAllocateHeap(heap_process_heap(), HEAP_ZERO_MEMORY, (n > min_chars ? n : min_chars) * sizeof(WCHAR));
    if (!d) abort();
    memcpy(d, s, n * sizeof(WCHAR));
    return d;
}

/*
 * Quotes one argument so that the Microsoft C runtime's parser gives it back
 * unchanged: backslashes are literal unless they precede a quote, where they
 * are doubled, and the quote itself is escaped.
 */
static size_t quote_arg(const char *arg, char *out)
{
    size_t n = 0;
    bool quote = !*arg || strpbrk(arg, " \t\"") != NULL;
    if (!quote)
    {
        if (out) memcpy(out, arg, strlen(arg));
        return strlen(arg);
    }
    if (out) out[n] = '"';
    n++;
    for (const char *p = arg;; p++)
    {
        size_t backslashes = 0;
        while (*p == '\\') { backslashes++; p++; }
        if (!*p || *p == '"')
        {
            /* double the backslashes that now stand before a quote */
            size_t count = backslashes * 2 + (*p == '"');
            for (size_t i = 0; i < count; i++) { if (out) out[n] = '\\'; n++; }
            if (!*p) break;
            if (out) out[n] = '"';
            n++;
        }
        else
        {
            for (size_t i = 0; i < backslashes; i++) { if (out) out[n] = '\\'; n++; }
            if (out) out[n] = *p;
            n++;
        }
    }
    if (out) out[n] = '"';
    return n + 1;
}

static WCHAR *build_command_line(int argc, char **argv, const WCHAR *exe_dos_path)
{
    char *exe = wide_to_utf8(exe_dos_path, wide_len(exe_dos_path));
    size_t len = quote_arg(exe, NULL) + 1;
    for (int i = 1; i < argc; i++) len += quote_arg(argv[i], NULL) + 1;
    char *line = malloc(len + 1), *p = line;
    p += quote_arg(exe, p);
    for (int i = 1; i < argc; i++)
    {
        *p++ = ' ';
        p += quote_arg(argv[i], p);
    }
    *p = 0;
    WCHAR *w = utf8_to_wide(line, p - line, NULL);
    free(line);
    free(exe);
    return w;
}

static int env_compare(const void *a, const void *b)
{
    const WCHAR *x = *(const WCHAR *const *)a, *y = *(const WCHAR *const *)b;
    for (;; x++, y++)
    {
        WCHAR cx = *x >= 'a' && *x <= 'z' ? *x - 0x20 : *x, cy = *y >= 'a' && *y <= 'z' ? *y - 0x20 : *y;
        if (cx == '=') cx = 0;
        if (cy == '=') cy = 0;
        if (cx != cy || !cx) return cx - cy;
    }
}

/* The Unix environment as a sorted UTF-16 block, plus the variables Windows programs rely on. */
static WCHAR *build_environment(SIZE_T *size)
{
    static const char *const defaults[] = {
        "SystemDrive=C:", "SystemRoot=C:\\windows", "windir=C:\\windows",
        "TEMP=C:\\windows\\temp", "TMP=C:\\windows\\temp", "ComSpec=C:\\windows\\system32\\cmd.exe",
        "PATHEXT=.COM;.EXE;.BAT;.CMD", "NUMBER_OF_PROCESSORS=", "OS=Windows_NT",
        /* the profile's (profile.c) */
        "USERPROFILE=", "APPDATA=", "LOCALAPPDATA=", "HOMEDRIVE=C:", "HOMEPATH=", "USERNAME=",
    };
    size_t count = 0, total = 1;
    for (char **e = environ; *e; e++) count++;
    WCHAR **vars = calloc(count + ARRAYSIZE(defaults) + 1, sizeof(*vars));
    size_t n = 0;
    for (char **e = environ; *e; e++)
    {
        if (**e == '=' || !strchr(*e, '=')) continue;
        vars[n++] = utf8_to_wide(*e, strlen(*e), NULL);
    }
    for (size_t i = 0; i < ARRAYSIZE(defaults); i++)
    {
        char buf[PATH_MAX];
        const char *def = defaults[i];
        size_t name_len = strchr(def, '=') - def + 1;
        bool present = false;
        for (size_t j = 0; j < n && !present; j++)
        {
            size_t len = wide_len(vars[j]);
            char *name = wide_to_utf8(vars[j], len < name_len ? len : name_len);
            present = !strncasecmp(name, def, name_len);
            free(name);
        }
        if (present) continue;
        if (!strcmp(def, "NUMBER_OF_PROCESSORS="))
        {
            snprintf(buf, sizeof(buf), "NUMBER_OF_PROCESSORS=%ld", sysconf(_SC_NPROCESSORS_ONLN));
            def = buf;
        }
        else if (profile_variable(def, buf, sizeof(buf))) def = buf;
        vars[n++] = utf8_to_wide(def, strlen(def), NULL);
    }
    qsort(vars, n, sizeof(*vars), env_compare);
    for (size_t i = 0; i < n; i++) total += wide_len(vars[i]) + 1;
    WCHAR *block = RtlAllocateHeap(heap_process_heap(), 0, total * sizeof(WCHAR)), *p = block;
    for (size_t i = 0; i < n; i++)
    {
        size_t l = wide_len(vars[i]) + 1;
        memcpy(p, vars[i], l * sizeof(WCHAR));
        p += l;
        free(vars[i]);
    }
    *p = 0;
    free(vars);
    *size = total * sizeof(WCHAR);
    return block;
}

static WCHAR *current_directory(void)
{
    char cwd[PATH_MAX];
    WCHAR *dos, *with_slash;
    size_t len;
    if (!getcwd(cwd, sizeof(cwd))) strcpy(cwd, "/");
    dos = unix_to_dos_path(cwd);
    len = wide_len(dos);
    with_slash = heap_wcsdup(dos, MAX_PATH);
    if (len && dos[len - 1] != '\\') { with_slash[len] = '\\'; with_slash[len + 1] = 0; }
    free(dos);
    return with_slash;
}

void process_init(int argc, char **argv, const WCHAR *exe_dos_path)
{
    RTL_USER_PROCESS_PARAMETERS *params;

    NtQuerySystemTime(&process_create_time);
    peb.ProcessHeap = heap_process_heap();
    peb.NumberOfProcessors = sysconf(_SC_NPROCESSORS_ONLN);
    peb.OSMajorVersion = 10;
    peb.OSMinorVersion = 0;
    peb.OSBuildNumber = 19045;
    peb.OSPlatformId = VER_PLATFORM_WIN32_NT;
    peb.LdrData = &ldr_data;
    ldr_data.Length = sizeof(ldr_data);
    ldr_data.Initialized = TRUE;
    InitializeListHead(&ldr_data.InLoadOrderModuleList);
    InitializeListHead(&ldr_data.InMemoryOrderModuleList);
    InitializeListHead(&ldr_data.InInitializationOrderModuleList);
    tls_bitmap.SizeOfBitMap = sizeof(peb.TlsBitmapBits) * 8;
    tls_bitmap.Buffer = peb.TlsBitmapBits;
    peb.TlsBitmap = &tls_bitmap;
    tls_expansion_bitmap.SizeOfBitMap = sizeof(peb.TlsExpansionBitmapBits) * 8;
    tls_expansion_bitmap.Buffer = peb.TlsExpansionBitmapBits;
    peb.TlsExpansionBitmap = &tls_expansion_bitmap;

    params = RtlAllocateHeap(heap_process_heap(), HEAP_ZERO_MEMORY, sizeof(*params));
    params->AllocationSize = params->Size = sizeof(*params);
    params->Flags = PROCESS_PARAMS_FLAG_NORMALIZED;
    if (file_from_fd(0, GENERIC_READ | SYNCHRONIZE, &params->hStdInput)) params->hStdInput = NULL;
    if (file_from_fd(1, GENERIC_WRITE | SYNCHRONIZE, &params->hStdOutput)) params->hStdOutput = NULL;
    if (file_from_fd(2, GENERIC_WRITE | SYNCHRONIZE, &params->hStdError)) params->hStdError = NULL;
    WCHAR *cwd = current_directory();
    set_unicode(&params->CurrentDirectory.DosPath, cwd, wide_len(cwd) + 1 > MAX_PATH ? wide_len(cwd) + 1 : MAX_PATH);
    WCHAR *image = heap_wcsdup(exe_dos_path, 0);
    set_unicode(&params->ImagePathName, image, wide_len(image) + 1);
    WCHAR *cmdline = build_command_line(argc, argv, exe_dos_path);
    WCHAR *heap_cmdline = heap_wcsdup(cmdline, 0);
    free(cmdline);
    set_unicode(&params->CommandLine, heap_cmdline, wide_len(heap_cmdline) + 1);
    WCHAR *empty = heap_wcsdup((const WCHAR[]){ 0 }, 1);
    set_unicode(&params->WindowTitle, empty, 1);
    set_unicode(&params->Desktop, empty, 1);
    set_unicode(&params->ShellInfo, empty, 1);
    set_unicode(&params->DllPath, empty, 1);
    params->Environment = build_environment(&params->EnvironmentSize);
    peb.ProcessParameters = params;
}

void WINAPI wring_exit_process(DWORD status)
{
    /* Windows ends the other threads first, then lets the DLLs see the process detach */
    threads_freeze_others();
    loader_detach_process();
    _exit(status & 0xff);
}

NTSTATUS WINAPI NtTerminateProcess(HANDLE process, LONG status)
{
    /* with a NULL handle Windows ends every thread but the caller */
    if (!process)
    {
        threads_freeze_others();
        return STATUS_SUCCESS;
    }
    NTSTATUS bad_process = check_process(process);
    if (bad_process) return bad_process;
    _exit(status & 0xff);
}

NTSTATUS WINAPI NtQueryInformationProcess(HANDLE process, PROCESSINFOCLASS klass, void *info,
                                          ULONG length, ULONG *result)
{
    if (!probe_user(info, length, true)) return STATUS_ACCESS_VIOLATION;
    if (result && !probe_user(result, sizeof(*result), true)) return STATUS_ACCESS_VIOLATION;
    NTSTATUS bad_process = check_process(process);
    if (bad_process) return bad_process;
    switch (klass)
    {
    case ProcessBasicInformation:
    {
        PROCESS_BASIC_INFORMATION pbi = { 0 };
        if (length < sizeof(pbi)) return STATUS_INFO_LENGTH_MISMATCH;
        pbi.PebBaseAddress = &peb;
        /* AffinityMask, which Wine's headers call Reserved2[0] outside Wine's own sources */
        pbi.Reserved2[0] = (void *)process_affinity_mask();
        pbi.UniqueProcessId = getpid();
        memcpy(info, &pbi, sizeof(pbi));
        if (result) *result = sizeof(pbi);
        return STATUS_SUCCESS;
    }
    case ProcessExecuteFlags:
    {
        /* data is never executable in a 64-bit process, and that cannot change */
        ULONG flags = MEM_EXECUTE_OPTION_DISABLE | MEM_EXECUTE_OPTION_DISABLE_THUNK_EMULATION |
                      MEM_EXECUTE_OPTION_PERMANENT;
        if (length != sizeof(flags)) return STATUS_INFO_LENGTH_MISMATCH;
        if (!write_user(info, &flags, sizeof(flags))) return STATUS_ACCESS_VIOLATION;
        if (result && !write_user(result, &length, sizeof(*result))) return STATUS_ACCESS_VIOLATION;
        return STATUS_SUCCESS;
    }
    case ProcessTimes:
    {
        KERNEL_USER_TIMES times = { 0 };
        struct rusage ru;
        if (length < sizeof(times)) return STATUS_INFO_LENGTH_MISMATCH;
        /* every thread's, the ended ones' included, as Windows counts them */
        if (getrusage(RUSAGE_SELF, &ru)) return status_from_errno(errno);
        times.CreateTime = process_create_time;
        times.KernelTime.QuadPart = (LONGLONG)ru.ru_stime.tv_sec * 10000000 + ru.ru_stime.tv_usec * 10;
        times.UserTime.QuadPart = (LONGLONG)ru.ru_utime.tv_sec * 10000000 + ru.ru_utime.tv_usec * 10;
        memcpy(info, &times, sizeof(times));
        if (result) *result = sizeof(times);
        return STATUS_SUCCESS;
    }
    default:
        TRACE(STUB, "NtQueryInformationProcess: class %d not implemented", klass);
        return STATUS_NOT_IMPLEMENTED;
    }
}

ULONG_PTR system_affinity_mask(void)
{
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    if (cpus <= 0) cpus = 1;
    return cpus >= 64 ? ~(ULONG_PTR)0 : ((ULONG_PTR)1 << cpus) - 1;
}

ULONG_PTR process_affinity_mask(void)
{
    ULONG_PTR mask = atomic_load(&process_affinity);
    return mask ? mask : system_affinity_mask();
}

NTSTATUS WINAPI NtSetInformationProcess(HANDLE process, PROCESSINFOCLASS klass, void *info, ULONG length)
{
    if (!probe_user(info, length, false)) return STATUS_ACCESS_VIOLATION;
    NTSTATUS status;

    NTSTATUS bad_process = check_process(process);
    if (bad_process) return bad_process;
    switch (klass)
    {
    case ProcessAffinityMask:
    {
        ULONG_PTR mask;
        if (length != sizeof(ULONG_PTR)) return STATUS_INFO_LENGTH_MISMATCH;
        mask = *(const ULONG_PTR *)info;
        if (!mask || (mask & ~system_affinity_mask())) return STATUS_INVALID_PARAMETER;
        /* Linux binds threads, not processes: every thread moves, and new ones follow */
        atomic_store(&process_affinity, mask);
        status = threads_set_affinity(mask);
        return status;
    }
    case ProcessExecuteFlags:
        /* a 64-bit process's DEP is permanent */
        return STATUS_INVALID_PARAMETER;
    default:
        TRACE(STUB, "NtSetInformationProcess: class %d not implemented", klass);
        return STATUS_NOT_IMPLEMENTED;
    }
}

/* One value of /proc/meminfo, in bytes; false when the kernel does not report it. */
static bool meminfo_value(const char *text, const char *key, ULONGLONG *bytes)
{
    const char *p = strstr(text, key);
    unsigned long long kib;
    if (!p || sscanf(p + strlen(key), " %llu", &kib) != 1) return false;
    *bytes = kib * 1024;
    return true;
}

/* GlobalMemoryStatusEx's figures: RAM, the commit limit (RAM and swap, the nearest thing Linux
 * has to the paging file) and the user address space. */
NTSTATUS WINAPI wring_memory_status(MEMORYSTATUSEX *status)
{
    static const ULONGLONG user_space = 0x7ffffffe0000ULL - 0x10000;
    unsigned long long vm_pages;
    ULONGLONG avail_ram;
    struct sysinfo si;
    char text[4096];
    ssize_t n = -1;
    int fd;

    if (sysinfo(&si)) return status_from_errno(errno);
    avail_ram = (ULONGLONG)(si.freeram + si.bufferram) * si.mem_unit;
    if ((fd = open("/proc/meminfo", O_RDONLY | O_CLOEXEC)) >= 0)
    {
        n = read(fd, text, sizeof(text) - 1);
        close(fd);
    }
    if (n > 0)
    {
        text[n] = 0;
        /* the page cache can be given back: MemAvailable counts it, as Windows counts standby pages */
        meminfo_value(text, "MemAvailable:", &avail_ram);
    }
    status->ullTotalPhys = (ULONGLONG)si.totalram * si.mem_unit;
    if (avail_ram > status->ullTotalPhys) avail_ram = status->ullTotalPhys;
    status->ullAvailPhys = avail_ram;
    status->ullTotalPageFile = status->ullTotalPhys + (ULONGLONG)si.totalswap * si.mem_unit;
    status->ullAvailPageFile = avail_ram + (ULONGLONG)si.freeswap * si.mem_unit;
    status->dwMemoryLoad = status->ullTotalPhys ? 100 - avail_ram * 100 / status->ullTotalPhys : 0;
    status->ullTotalVirtual = user_space;
    status->ullAvailVirtual = user_space;
    /* what the process has mapped (statm's first field, in pages) is no longer available */
    if ((fd = open("/proc/self/statm", O_RDONLY | O_CLOEXEC)) >= 0)
    {
        n = read(fd, text, sizeof(text) - 1);
        close(fd);
        if (n > 0)
        {
            text[n] = 0;
            if (sscanf(text, "%llu", &vm_pages) == 1 && vm_pages * 4096 < user_space)
                status->ullAvailVirtual = user_space - vm_pages * 4096;
        }
    }
    status->ullAvailExtendedVirtual = 0;
    return STATUS_SUCCESS;
}

NTSTATUS WINAPI NtQuerySystemInformation(SYSTEM_INFORMATION_CLASS klass, void *info, ULONG length, ULONG *result)
{
    if (!probe_user(info, length, true)) return STATUS_ACCESS_VIOLATION;
    if (result && !probe_user(result, sizeof(*result), true)) return STATUS_ACCESS_VIOLATION;
    NTSTATUS status;
    ULONG needed = 0;

    switch (klass)
    {
    case SystemProcessInformation:
        status = threads_process_information(info, length, &needed);
        break;
    default:
        TRACE(STUB, "NtQuerySystemInformation: class %d not implemented", klass);
        status = STATUS_INVALID_INFO_CLASS;
        break;
    }
    if (result) *result = needed;
    return status;
}

/* Bytes from the kernel's CSPRNG, for RtlGenRandom and whatever else needs unpredictable bytes. */
NTSTATUS WINAPI wring_random(void *buffer, ULONG size)
{
    unsigned char *p = buffer;
    while (size)
    {
        ssize_t n = getrandom(p, size, 0);
        if (n < 0)
        {
            if (errno == EINTR) continue;
            return STATUS_UNSUCCESSFUL;
        }
        p += n;
        size -= n;
    }
    return STATUS_SUCCESS;
}

/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * FormatMessageA/W: a message from a string or from the system's table,
 * its inserts (%1 to %99, with an optional !printf format!, from a va_list
 * or an array), the escapes (%0 %n %r %t %% %. %! %space), the width rule of
 * FORMAT_MESSAGE_MAX_WIDTH_MASK, and a LocalAlloc'ed buffer on request.
 *
 * The system table holds the Win32 errors programs meet most, with Windows'
 * own texts, and COM's generic HRESULTs; another id is ERROR_MR_MID_NOT_FOUND, as Windows answers for an
 * id it has no text for.  Modules have no message tables in Wring yet: a
 * FORMAT_MESSAGE_FROM_HMODULE request fails with ERROR_RESOURCE_TYPE_NOT_FOUND.
 */
#include <stdarg.h>
#include "kernel32_private.h"

static const struct { DWORD id; const char *text; } system_messages[] =
{
    { ERROR_SUCCESS, "The operation completed successfully." },
    { ERROR_INVALID_FUNCTION, "Incorrect function." },
    { ERROR_FILE_NOT_FOUND, "The system cannot find the file specified." },
    { ERROR_PATH_NOT_FOUND, "The system cannot find the path specified." },
    { ERROR_TOO_MANY_OPEN_FILES, "The system cannot open the file." },
    { ERROR_ACCESS_DENIED, "Access is denied." },
    { ERROR_INVALID_HANDLE, "The handle is invalid." },
    { ERROR_NOT_ENOUGH_MEMORY, "Not enough memory resources are available to process this command." },
    { ERROR_INVALID_DATA, "The data is invalid." },
    { ERROR_OUTOFMEMORY, "Not enough memory resources are available to complete this operation." },
    { ERROR_NO_MORE_FILES, "There are no more files." },
    { ERROR_SHARING_VIOLATION, "The process cannot access the file because it is being used by another process." },
    { ERROR_LOCK_VIOLATION, "The process cannot access the file because another process has locked a portion of the file." },
    { ERROR_HANDLE_EOF, "Reached the end of the file." },
    { ERROR_NOT_SUPPORTED, "The request is not supported." },
    { ERROR_FILE_EXISTS, "The file exists." },
    { ERROR_INVALID_PARAMETER, "The parameter is incorrect." },
    { ERROR_BROKEN_PIPE, "The pipe has been ended." },
    { ERROR_DISK_FULL, "There is not enough space on the disk." },
    { ERROR_CALL_NOT_IMPLEMENTED, "This function is not supported on this system." },
    { ERROR_INSUFFICIENT_BUFFER, "The data area passed to a system call is too small." },
    { ERROR_INVALID_NAME, "The filename, directory name, or volume label syntax is incorrect." },
    { ERROR_MOD_NOT_FOUND, "The specified module could not be found." },
    { ERROR_PROC_NOT_FOUND, "The specified procedure could not be found." },
    { ERROR_DIR_NOT_EMPTY, "The directory is not empty." },
    { ERROR_ALREADY_EXISTS, "Cannot create a file when that file already exists." },
    { ERROR_FILENAME_EXCED_RANGE, "The filename or extension is too long." },
    { ERROR_PIPE_BUSY, "All pipe instances are busy." },
    { ERROR_NO_DATA, "The pipe is being closed." },
    { ERROR_PIPE_NOT_CONNECTED, "No process is on the other end of the pipe." },
    { ERROR_MORE_DATA, "More data is available." },
    { WAIT_TIMEOUT, "The wait operation timed out." },
    { ERROR_NO_MORE_ITEMS, "No more data is available." },
    { ERROR_DIRECTORY, "The directory name is invalid." },
    { ERROR_PIPE_CONNECTED, "There is a process on other end of the pipe." },
    { ERROR_PIPE_LISTENING, "Waiting for a process to open the other end of the pipe." },
    { ERROR_OPERATION_ABORTED, "The I/O operation has been aborted because of either a thread exit or an application request." },
    { ERROR_IO_INCOMPLETE, "Overlapped I/O event is not in a signaled state." },
    { ERROR_IO_PENDING, "Overlapped I/O operation is in progress." },
    { ERROR_NOACCESS, "Invalid access to memory location." },
    { ERROR_NOT_FOUND, "Element not found." },
    { ERROR_TIMEOUT, "This operation returned because the timeout period expired." },
    /* COM's generic HRESULTs, which programs hand to FormatMessage as they are */
    { (DWORD)E_NOTIMPL, "Not implemented" },
    { (DWORD)E_NOINTERFACE, "No such interface supported" },
    { (DWORD)E_POINTER, "Invalid pointer" },
    { (DWORD)E_ABORT, "Operation aborted" },
    { (DWORD)E_FAIL, "Unspecified error" },
    { (DWORD)E_UNEXPECTED, "Catastrophic failure" },
};

static const char *system_message(DWORD id)
{
    /* HRESULT_FROM_WIN32 of an error has that error's text */
    if ((id & 0xffff0000) == 0x80070000) id &= 0xffff;
    for (size_t i = 0; i < ARRAYSIZE(system_messages); i++)
        if (system_messages[i].id == id) return system_messages[i].text;
    return NULL;
}

/* The growing result, in WCHARs. */
struct output
{
    WCHAR *buf;
    size_t len, size;
    BOOL failed;
};

static void put(struct output *out, const WCHAR *s, size_t n)
{
    if (out->failed) return;
    if (out->len + n + 1 > out->size)
    {
        size_t size = (out->len + n + 1) * 2;
        WCHAR *buf = out->buf ? RtlReAllocateHeap(GetProcessHeap(), 0, out->buf, size * sizeof(WCHAR))
                              : HeapAlloc(GetProcessHeap(), 0, size * sizeof(WCHAR));
        if (!buf) { out->failed = TRUE; return; }
        out->buf = buf;
        out->size = size;
    }
    memcpy(out->buf + out->len, s, n * sizeof(WCHAR));
    out->len += n;
    out->buf[out->len] = 0;
}

static void put_char(struct output *out, WCHAR c)
{
    put(out, &c, 1);
}

/* The insert's argument n (1-based), from the array or walked to in the va_list. */
static DWORD_PTR get_arg(int n, BOOL array, const DWORD_PTR *args, va_list *list, DWORD_PTR *cache, int *cached)
{
    if (array) return args[n - 1];
    while (*cached < n) cache[(*cached)++] = va_arg(*list, DWORD_PTR);
    return cache[n - 1];
}

/* A number as a printf format of an insert spells it: flags - and 0, a width, a type. */
static void put_number(struct output *out, const WCHAR *fmt, size_t fmt_len, DWORD_PTR arg)
{
    BOOL left = FALSE, zero = FALSE, wide64 = FALSE, negative = FALSE;
    WCHAR type = fmt[fmt_len - 1], digits[24];
    unsigned base = (type == 'x' || type == 'X' || type == 'p') ? 16 : type == 'o' ? 8 : 10;
    size_t i = 0, n = 0, width = 0, start = out->len;
    ULONG64 value;

    for (; i < fmt_len - 1 && (fmt[i] == '-' || fmt[i] == '0'); i++)
        if (fmt[i] == '-') left = TRUE; else zero = TRUE;
    for (; i < fmt_len - 1 && fmt[i] >= '0' && fmt[i] <= '9'; i++) width = width * 10 + fmt[i] - '0';
    /* I64, ll and I (a pointer's size) take the whole argument; h and l change nothing */
    for (; i < fmt_len - 1; i++) if (fmt[i] == 'I' || (fmt[i] == 'l' && i + 1 < fmt_len - 1 && fmt[i + 1] == 'l'))
        wide64 = TRUE;
    value = wide64 || type == 'p' ? (ULONG64)arg : (ULONG)arg;
    if ((type == 'd' || type == 'i') && !wide64 && (LONG)arg < 0) { negative = TRUE; value = -(LONG64)(LONG)arg; }
    else if ((type == 'd' || type == 'i') && wide64 && (LONG64)arg < 0) { negative = TRUE; value = -(LONG64)arg; }
    do { digits[n++] = "0123456789abcdef"[value % base] - (type == 'X' && value % base > 9 ? 32 : 0); value /= base; }
    while (value);
    if (type == 'p') while (n < 16) digits[n++] = '0';
    if (!left && !zero) for (size_t k = n + negative; k < width; k++) put_char(out, ' ');
    if (negative) put_char(out, '-');
    if (!left && zero) for (size_t k = n + negative; k < width; k++) put_char(out, '0');
    while (n) put_char(out, digits[--n]);
    if (left) for (size_t k = out->len - start; k < width; k++) put_char(out, ' ');
}

/* One insert: %n!fmt!; the format is printf's, s (a string of the call's own width) by default. */
static void put_insert(struct output *out, const WCHAR *fmt, size_t fmt_len, DWORD_PTR arg, BOOL unicode)
{
    WCHAR type = fmt_len ? fmt[fmt_len - 1] : 's';
    /* S and C are the other width's; hs and ls say it outright */
    BOOL narrow = !unicode;

    if (type == 'S' || type == 'C') narrow = !narrow;
    for (size_t i = 0; i + 1 < fmt_len; i++)
        if (fmt[i] == 'h') narrow = TRUE; else if (fmt[i] == 'l' || fmt[i] == 'w') narrow = FALSE;
    if (type == 's' || type == 'S')
    {
        if (!arg) put(out, L"(null)", 6);
        else if (narrow) for (const char *a = (const char *)arg; *a; a++) put_char(out, (BYTE)*a);
        else put(out, (const WCHAR *)arg, wcslen((const WCHAR *)arg));
    }
    else if (type == 'c' || type == 'C') put_char(out, narrow ? (BYTE)arg : (WCHAR)arg);
    else put_number(out, fmt, fmt_len, arg);
}

/* Formats msg (NUL-terminated); the result in *result, allocated on the process heap. */
static DWORD format(const WCHAR *msg, DWORD flags, va_list *list, BOOL unicode, WCHAR **result)
{
    DWORD width = flags & FORMAT_MESSAGE_MAX_WIDTH_MASK;
    BOOL array = (flags & FORMAT_MESSAGE_ARGUMENT_ARRAY) != 0;
    const DWORD_PTR *args = array && list ? (const DWORD_PTR *)list : NULL;
    struct output out = { 0 };
    DWORD_PTR cache[99];
    int cached = 0;

    put(&out, L"", 0);
    for (const WCHAR *p = msg; *p; p++)
    {
        if (*p == '\r' || *p == '\n')
        {
            /* the text's own line breaks: kept, or a space under FORMAT_MESSAGE_MAX_WIDTH_MASK */
            if (*p == '\r' && p[1] == '\n') p++;
            if (width == FORMAT_MESSAGE_MAX_WIDTH_MASK) put_char(&out, ' ');
            else put(&out, L"\r\n", 2);
            continue;
        }
        if (*p != '%')
        {
            put_char(&out, *p);
            continue;
        }
        p++;
        if (*p >= '1' && *p <= '9')
        {
            int n = *p - '0';
            const WCHAR *fmt = NULL;
            size_t fmt_len = 0;
            if (p[1] >= '0' && p[1] <= '9') n = n * 10 + (*++p - '0');
            if (p[1] == '!')
            {
                fmt = p + 2;
                while (fmt[fmt_len] && fmt[fmt_len] != '!') fmt_len++;
                if (!fmt[fmt_len]) break;
                p = fmt + fmt_len;
            }
            if (flags & FORMAT_MESSAGE_IGNORE_INSERTS)
            {
                /* the insert is copied as it was written */
                const WCHAR *start = p;
                while (start > msg && *start != '%') start--;
                put(&out, start, p - start + 1);
                continue;
            }
            if (!list)
            {
                HeapFree(GetProcessHeap(), 0, out.buf);
                return ERROR_INVALID_PARAMETER;
            }
            put_insert(&out, fmt, fmt_len, get_arg(n, array, args, list, cache, &cached), unicode);
            continue;
        }
        switch (*p)
        {
        case 0: p--; break;
        case '0': goto done;   /* the end, and no line break after it */
        case 'n': put(&out, L"\r\n", 2); break;
        case 'r': put_char(&out, '\r'); break;
        case 't': put_char(&out, '\t'); break;
        default: put_char(&out, *p); break;   /* %% %. %! %space and the like: the character */
        }
    }
done:
    if (out.failed)
    {
        HeapFree(GetProcessHeap(), 0, out.buf);
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    *result = out.buf;
    return ERROR_SUCCESS;
}

/* The message's text, as WCHARs; *allocated says whether the caller frees it. */
static DWORD message_source(DWORD flags, const void *source, DWORD id, DWORD lang, BOOL unicode, WCHAR **text)
{
    const char *sys;
    int len;

    if (flags & FORMAT_MESSAGE_FROM_STRING)
    {
        if (!source) return ERROR_INVALID_PARAMETER;
        if (unicode) len = wcslen(source);
        else len = MultiByteToWideChar(CP_ACP, 0, source, -1, NULL, 0) - 1;
        if (!(*text = HeapAlloc(GetProcessHeap(), 0, (len + 1) * sizeof(WCHAR)))) return ERROR_NOT_ENOUGH_MEMORY;
        if (unicode) memcpy(*text, source, (len + 1) * sizeof(WCHAR));
        else MultiByteToWideChar(CP_ACP, 0, source, -1, *text, len + 1);
        return ERROR_SUCCESS;
    }
    if ((flags & FORMAT_MESSAGE_FROM_HMODULE) && source) return ERROR_RESOURCE_TYPE_NOT_FOUND;
    if (!(flags & (FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_FROM_HMODULE))) return ERROR_INVALID_PARAMETER;
    /* one language: English, which a neutral request gets too */
    if (lang && PRIMARYLANGID(lang) != LANG_ENGLISH && PRIMARYLANGID(lang) != LANG_NEUTRAL)
        return ERROR_RESOURCE_LANG_NOT_FOUND;
    if (!(sys = system_message(id))) return ERROR_MR_MID_NOT_FOUND;
    len = strlen(sys);
    if (!(*text = HeapAlloc(GetProcessHeap(), 0, (len + 3) * sizeof(WCHAR)))) return ERROR_NOT_ENOUGH_MEMORY;
    for (int i = 0; i < len; i++) (*text)[i] = (BYTE)sys[i];
    /* system messages end with a line break */
    (*text)[len] = '\r';
    (*text)[len + 1] = '\n';
    (*text)[len + 2] = 0;
    return ERROR_SUCCESS;
}

static DWORD format_message(DWORD flags, const void *source, DWORD id, DWORD lang, void *buffer, DWORD size,
                            va_list *args, BOOL unicode)
{
    WCHAR *text = NULL, *result = NULL;
    DWORD error, len;

    if (!buffer)
    {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    if ((error = message_source(flags, source, id, lang, unicode, &text)) ||
        (error = format(text, flags, args, unicode, &result)))
    {
        HeapFree(GetProcessHeap(), 0, text);
        SetLastError(error);
        return 0;
    }
    HeapFree(GetProcessHeap(), 0, text);
    len = unicode ? wcslen(result) : WideCharToMultiByte(CP_ACP, 0, result, -1, NULL, 0, NULL, NULL) - 1;
    if (flags & FORMAT_MESSAGE_ALLOCATE_BUFFER)
    {
        /* size is then the least the caller wants allocated */
        DWORD room = len + 1 > size ? len + 1 : size;
        void *out = LocalAlloc(LMEM_ZEROINIT, room * (unicode ? sizeof(WCHAR) : 1));
        if (!out) error = ERROR_NOT_ENOUGH_MEMORY;
        else
        {
            if (unicode) memcpy(out, result, (len + 1) * sizeof(WCHAR));
            else WideCharToMultiByte(CP_ACP, 0, result, -1, out, room, NULL, NULL);
            *(void **)buffer = out;
        }
    }
    else if (len + 1 > size) error = ERROR_INSUFFICIENT_BUFFER;
    else if (unicode) memcpy(buffer, result, (len + 1) * sizeof(WCHAR));
    else WideCharToMultiByte(CP_ACP, 0, result, -1, buffer, size, NULL, NULL);
    HeapFree(GetProcessHeap(), 0, result);
    if (error)
    {
        SetLastError(error);
        return 0;
    }
    return len;
}

DWORD WINAPI FormatMessageW(DWORD flags, const void *source, DWORD id, DWORD lang, WCHAR *buffer, DWORD size,
                            va_list *args)
{
    return format_message(flags, source, id, lang, buffer, size, args, TRUE);
}

DWORD WINAPI FormatMessageA(DWORD flags, const void *source, DWORD id, DWORD lang, char *buffer, DWORD size,
                            va_list *args)
{
    return format_message(flags, source, id, lang, buffer, size, args, FALSE);
}

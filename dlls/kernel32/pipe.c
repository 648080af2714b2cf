/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Named and anonymous pipes: CreateNamedPipe, ConnectNamedPipe, CreatePipe and the pipe state calls. */
#include "kernel32_private.h"

HANDLE WINAPI CreateNamedPipeW(LPCWSTR name, DWORD open_mode, DWORD pipe_mode, DWORD max_instances,
                               DWORD out_size, DWORD in_size, DWORD timeout, SECURITY_ATTRIBUTES *sa)
{
    UNICODE_STRING nt;
    OBJECT_ATTRIBUTES attr;
    IO_STATUS_BLOCK io;
    LARGE_INTEGER default_timeout;
    ACCESS_MASK access = SYNCHRONIZE;
    ULONG sharing = 0, options = 0;
    HANDLE handle;
    NTSTATUS status;

    if (!max_instances || max_instances > PIPE_UNLIMITED_INSTANCES)
    {
        SetLastError(ERROR_INVALID_PARAMETER);
        return INVALID_HANDLE_VALUE;
    }
    if ((status = RtlDosPathNameToNtPathName_U_WithStatus(name, &nt, NULL, NULL)))
    {
        set_ntstatus(status);
        return INVALID_HANDLE_VALUE;
    }
    /* the direction is the server's access; the share mode gives the client the other side */
    switch (open_mode & 3)
    {
    case PIPE_ACCESS_INBOUND:
        access |= GENERIC_READ;
        sharing = FILE_SHARE_WRITE;
        break;
    case PIPE_ACCESS_OUTBOUND:
        access |= GENERIC_WRITE;
        sharing = FILE_SHARE_READ;
        break;
    case PIPE_ACCESS_DUPLEX:
        access |= GENERIC_READ | GENERIC_WRITE;
        sharing = FILE_SHARE_READ | FILE_SHARE_WRITE;
        break;
    default:
        RtlFreeUnicodeString(&nt);
        SetLastError(ERROR_INVALID_PARAMETER);
        return INVALID_HANDLE_VALUE;
    }
    access |= open_mode & (WRITE_DAC | WRITE_OWNER | ACCESS_SYSTEM_SECURITY);
    if (!(open_mode & FILE_FLAG_OVERLAPPED)) options |= FILE_SYNCHRONOUS_IO_NONALERT;
    if (open_mode & FILE_FLAG_WRITE_THROUGH) options |= FILE_WRITE_THROUGH;
    /* 50 ms when none is given, as WaitNamedPipe's NMPWAIT_USE_DEFAULT_WAIT expects */
    default_timeout.QuadPart = (LONGLONG)(timeout ? timeout : 50) * -10000;
    InitializeObjectAttributes(&attr, &nt, OBJ_CASE_INSENSITIVE, NULL, NULL);
    if (sa && sa->bInheritHandle) attr.Attributes |= OBJ_INHERIT;
    status = NtCreateNamedPipeFile(&handle, access, &attr, &io, sharing,
                                   (open_mode & FILE_FLAG_FIRST_PIPE_INSTANCE) ? FILE_CREATE : FILE_OPEN_IF, options,
                                   (pipe_mode & PIPE_TYPE_MESSAGE) ? FILE_PIPE_TYPE_MESSAGE : FILE_PIPE_TYPE_BYTE,
                                   (pipe_mode & PIPE_READMODE_MESSAGE) ? FILE_PIPE_MESSAGE_MODE
                                                                       : FILE_PIPE_BYTE_STREAM_MODE,
                                   (pipe_mode & PIPE_NOWAIT) ? FILE_PIPE_COMPLETE_OPERATION
                                                             : FILE_PIPE_QUEUE_OPERATION,
                                   max_instances == PIPE_UNLIMITED_INSTANCES ? ~0u : max_instances,
                                   in_size, out_size, &default_timeout);
    RtlFreeUnicodeString(&nt);
    if (status)
    {
        set_ntstatus(status);
        return INVALID_HANDLE_VALUE;
    }
    SetLastError(0);
    return handle;
}

HANDLE WINAPI CreateNamedPipeA(LPCSTR name, DWORD open_mode, DWORD pipe_mode, DWORD max_instances,
                               DWORD out_size, DWORD in_size, DWORD timeout, SECURITY_ATTRIBUTES *sa)
{
    WCHAR *w;
    HANDLE h;
    if (!name)
    {
        SetLastError(ERROR_PATH_NOT_FOUND);
        return INVALID_HANDLE_VALUE;
    }
    if (!(w = ansi_to_wide(name))) return INVALID_HANDLE_VALUE;
    h = CreateNamedPipeW(w, open_mode, pipe_mode, max_instances, out_size, in_size, timeout, sa);
    HeapFree(GetProcessHeap(), 0, w);
    return h;
}

/* An FSCTL with ReadFile's overlapped rules: the event's low bit asks for no completion packet. */
static BOOL pipe_control(HANDLE pipe, ULONG code, OVERLAPPED *overlapped)
{
    IO_STATUS_BLOCK io;
    NTSTATUS status;

    if (overlapped)
    {
        HANDLE event = (HANDLE)((ULONG_PTR)overlapped->hEvent & ~(ULONG_PTR)1);
        overlapped->Internal = STATUS_PENDING;
        overlapped->InternalHigh = 0;
        status = NtFsControlFile(pipe, event, NULL, ((ULONG_PTR)overlapped->hEvent & 1) ? NULL : overlapped,
                                 (IO_STATUS_BLOCK *)overlapped, code, NULL, 0, NULL, 0);
    }
    else
    {
        status = NtFsControlFile(pipe, NULL, NULL, NULL, &io, code, NULL, 0, NULL, 0);
        status = wait_unoverlapped(pipe, status, &io);
    }
    /* STATUS_PENDING becomes ERROR_IO_PENDING */
    return set_ntstatus(status);
}

BOOL WINAPI ConnectNamedPipe(HANDLE pipe, OVERLAPPED *overlapped)
{
    return pipe_control(pipe, FSCTL_PIPE_LISTEN, overlapped);
}

BOOL WINAPI DisconnectNamedPipe(HANDLE pipe)
{
    return pipe_control(pipe, FSCTL_PIPE_DISCONNECT, NULL);
}

BOOL WINAPI WaitNamedPipeW(LPCWSTR name, DWORD timeout)
{
    static const WCHAR local_prefix[] = { '\\','\\','.','\\','p','i','p','e','\\' };
    static const WCHAR device[] = { '\\','?','?','\\','p','i','p','e','\\',0 };
    const DWORD prefix_len = sizeof(local_prefix) / sizeof(WCHAR);
    FILE_PIPE_WAIT_FOR_BUFFER *wait;
    UNICODE_STRING device_name;
    OBJECT_ATTRIBUTES attr;
    IO_STATUS_BLOCK io;
    HANDLE dev;
    NTSTATUS status;
    DWORD len, size, i;

    if (!name)
    {
        SetLastError(ERROR_PATH_NOT_FOUND);
        return FALSE;
    }
    for (len = 0; name[len]; len++);
    for (i = 0; i < prefix_len && i < len; i++)
    {
        WCHAR c = name[i] >= 'A' && name[i] <= 'Z' ? name[i] + 32 : name[i];
        if (c != local_prefix[i]) break;
    }
    /* pipes of other machines need a network, which Wring has not */
    if (i < prefix_len)
    {
        SetLastError(ERROR_PATH_NOT_FOUND);
        return FALSE;
    }
    size = offsetof(FILE_PIPE_WAIT_FOR_BUFFER, Name) + (len - prefix_len) * sizeof(WCHAR);
    if (!(wait = HeapAlloc(GetProcessHeap(), 0, size)))
    {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return FALSE;
    }
    RtlInitUnicodeString(&device_name, device);
    InitializeObjectAttributes(&attr, &device_name, OBJ_CASE_INSENSITIVE, NULL, NULL);
    status = NtOpenFile(&dev, SYNCHRONIZE | FILE_READ_ATTRIBUTES, &attr, &io, FILE_SHARE_READ | FILE_SHARE_WRITE,
                        FILE_SYNCHRONOUS_IO_NONALERT);
    if (!status)
    {
        wait->TimeoutSpecified = timeout != NMPWAIT_USE_DEFAULT_WAIT;
        wait->Timeout.QuadPart = timeout == NMPWAIT_WAIT_FOREVER ? (LONGLONG)1 << 62 : (LONGLONG)timeout * -10000;
        wait->NameLength = (len - prefix_len) * sizeof(WCHAR);
        memcpy(wait->Name, name + prefix_len, wait->NameLength);
        status = NtFsControlFile(dev, NULL, NULL, NULL, &io, FSCTL_PIPE_WAIT, wait, size, NULL, 0);
        NtClose(dev);
    }
    HeapFree(GetProcessHeap(), 0, wait);
    return set_ntstatus(status);
}

BOOL WINAPI WaitNamedPipeA(LPCSTR name, DWORD timeout)
{
    WCHAR *w;
    BOOL ret;
    if (!name)
    {
        SetLastError(ERROR_PATH_NOT_FOUND);
        return FALSE;
    }
    if (!(w = ansi_to_wide(name))) return FALSE;
    ret = WaitNamedPipeW(w, timeout);
    HeapFree(GetProcessHeap(), 0, w);
    return ret;
}

/* As Windows builds it: a named pipe with a unique name, and its client, both synchronous. */
BOOL WINAPI CreatePipe(HANDLE *read, HANDLE *write, SECURITY_ATTRIBUTES *sa, DWORD size)
{
    static LONG serial;
    static const WCHAR hex[] = { '0','1','2','3','4','5','6','7','8','9','a','b','c','d','e','f' };
    WCHAR name[64];
    const char *prefix = "\\??\\pipe\\Win32Pipes.";
    UNICODE_STRING nt;
    OBJECT_ATTRIBUTES attr;
    IO_STATUS_BLOCK io;
    LARGE_INTEGER timeout;
    HANDLE server, client;
    DWORD values[2];
    NTSTATUS status;
    int n = 0;

    values[0] = GetCurrentProcessId();
    values[1] = (DWORD)InterlockedIncrement(&serial);
    while (*prefix) name[n++] = *prefix++;
    for (int v = 0; v < 2; v++)
    {
        if (v) name[n++] = '.';
        for (int shift = 28; shift >= 0; shift -= 4) name[n++] = hex[(values[v] >> shift) & 15];
    }
    name[n] = 0;
    if (!size) size = 4096;
    timeout.QuadPart = -1200000000;
    RtlInitUnicodeString(&nt, name);
    InitializeObjectAttributes(&attr, &nt, OBJ_CASE_INSENSITIVE, NULL, NULL);
    if (sa && sa->bInheritHandle) attr.Attributes |= OBJ_INHERIT;
    status = NtCreateNamedPipeFile(&server, GENERIC_READ | FILE_WRITE_ATTRIBUTES | SYNCHRONIZE, &attr, &io,
                                   FILE_SHARE_READ | FILE_SHARE_WRITE, FILE_CREATE, FILE_SYNCHRONOUS_IO_NONALERT,
                                   FILE_PIPE_TYPE_BYTE, FILE_PIPE_BYTE_STREAM_MODE, FILE_PIPE_QUEUE_OPERATION, 1,
                                   size, size, &timeout);
    if (status) return set_ntstatus(status);
    status = NtOpenFile(&client, GENERIC_WRITE | FILE_READ_ATTRIBUTES | SYNCHRONIZE, &attr, &io,
                        FILE_SHARE_READ | FILE_SHARE_WRITE, FILE_SYNCHRONOUS_IO_NONALERT | FILE_NON_DIRECTORY_FILE);
    if (status)
    {
        NtClose(server);
        return set_ntstatus(status);
    }
    *read = server;
    *write = client;
    return TRUE;
}

static NTSTATUS query_local(HANDLE pipe, FILE_PIPE_LOCAL_INFORMATION *info)
{
    IO_STATUS_BLOCK io;
    return NtQueryInformationFile(pipe, &io, info, sizeof(*info), FilePipeLocalInformation);
}

BOOL WINAPI GetNamedPipeInfo(HANDLE pipe, DWORD *flags, DWORD *out_size, DWORD *in_size, DWORD *max_instances)
{
    FILE_PIPE_LOCAL_INFORMATION info;
    NTSTATUS status;

    if ((status = query_local(pipe, &info))) return set_ntstatus(status);
    if (flags)
        *flags = (info.NamedPipeEnd == FILE_PIPE_SERVER_END ? PIPE_SERVER_END : PIPE_CLIENT_END) |
                 (info.NamedPipeType == FILE_PIPE_TYPE_MESSAGE ? PIPE_TYPE_MESSAGE : PIPE_TYPE_BYTE);
    if (out_size) *out_size = info.OutboundQuota;
    if (in_size) *in_size = info.InboundQuota;
    if (max_instances)
        *max_instances = info.MaximumInstances >= PIPE_UNLIMITED_INSTANCES ? PIPE_UNLIMITED_INSTANCES
                                                                           : info.MaximumInstances;
    return TRUE;
}

/* Collection counts, time-outs and the client's user name describe pipes between machines: refused. */
BOOL WINAPI GetNamedPipeHandleStateW(HANDLE pipe, DWORD *state, DWORD *instances, DWORD *max_collection,
                                     DWORD *timeout, LPWSTR user, DWORD user_size)
{
    FILE_PIPE_INFORMATION mode;
    FILE_PIPE_LOCAL_INFORMATION local;
    IO_STATUS_BLOCK io;
    NTSTATUS status;
    (void)user_size;

    if (max_collection || timeout || user)
    {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (state)
    {
        if ((status = NtQueryInformationFile(pipe, &io, &mode, sizeof(mode), FilePipeInformation)))
            return set_ntstatus(status);
        *state = (mode.ReadMode == FILE_PIPE_MESSAGE_MODE ? PIPE_READMODE_MESSAGE : PIPE_READMODE_BYTE) |
                 (mode.CompletionMode == FILE_PIPE_COMPLETE_OPERATION ? PIPE_NOWAIT : PIPE_WAIT);
    }
    if (instances)
    {
        if ((status = query_local(pipe, &local))) return set_ntstatus(status);
        *instances = local.CurrentInstances;
    }
    return TRUE;
}

BOOL WINAPI GetNamedPipeHandleStateA(HANDLE pipe, DWORD *state, DWORD *instances, DWORD *max_collection,
                                     DWORD *timeout, LPSTR user, DWORD user_size)
{
    (void)user_size;
    if (user)
    {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    return GetNamedPipeHandleStateW(pipe, state, instances, max_collection, timeout, NULL, 0);
}

BOOL WINAPI SetNamedPipeHandleState(HANDLE pipe, DWORD *mode, DWORD *max_collection, DWORD *timeout)
{
    FILE_PIPE_INFORMATION info;
    IO_STATUS_BLOCK io;
    NTSTATUS status;

    if (max_collection || timeout)
    {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (!mode) return TRUE;
    if (*mode & ~(PIPE_READMODE_MESSAGE | PIPE_NOWAIT))
    {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    info.ReadMode = (*mode & PIPE_READMODE_MESSAGE) ? FILE_PIPE_MESSAGE_MODE : FILE_PIPE_BYTE_STREAM_MODE;
    info.CompletionMode = (*mode & PIPE_NOWAIT) ? FILE_PIPE_COMPLETE_OPERATION : FILE_PIPE_QUEUE_OPERATION;
    status = NtSetInformationFile(pipe, &io, &info, sizeof(info), FilePipeInformation);
    return set_ntstatus(status);
}

/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The exports of the walked DLLs that have no row in rows.c, each in a list
 * that says why. A new export must be added to rows.c or to one of these.
 */
#include "badparam.h"

static const char *const ntdll_no_pointer[] =
{
    "NtYieldExecution", "RtlExitUserProcess", "RtlGetCurrentPeb", "towupper", "towlower", "toupper",
    "tolower", "RtlAcquirePebLock", "RtlReleasePebLock", "RtlUpcaseUnicodeChar",
    "RtlDowncaseUnicodeChar", "RtlNtStatusToDosError", "RtlNtStatusToDosErrorNoTeb",
    "RtlGetLastWin32Error", "RtlSetLastWin32Error", "RtlSetLastWin32ErrorAndNtStatusFromNtStatus",
    "RtlGetLastNtStatus", "RtlRaiseStatus", "DbgBreakPoint", "DbgUserBreakPoint", "NtTestAlert",
    "RtlExitUserThread", "RtlLengthRequiredSid", "wring_unix_funcs", NULL
};

static const char *const kernel32_no_pointer[] =
{
    "GetStdHandle", "GetCurrentProcess", "GetCurrentThread", "GetCurrentProcessId",
    "GetCurrentThreadId", "GetVersion", "IsDebuggerPresent", "IsProcessorFeaturePresent",
    "GetProcessHeap", "HeapCreate", "GetConsoleCP", "GetConsoleOutputCP", "SetConsoleCP",
    "SetConsoleOutputCP", "SetErrorMode", "GetErrorMode", "TlsAlloc", "TlsFree", "TlsGetValue",
    "FlsFree", "FlsGetValue", "GetTickCount", "GetTickCount64", "Sleep", "SleepEx",
    "GetCommandLineA", "GetCommandLineW", "GetEnvironmentStringsA", "GetEnvironmentStringsW",
    "GetACP", "GetOEMCP", "IsValidCodePage", "IsDBCSLeadByte", "IsDBCSLeadByteEx",
    "GetUserDefaultLCID", "GetSystemDefaultLCID", "GetThreadLocale", "GetUserDefaultLangID",
    "GetSystemDefaultLangID", "GetUserDefaultUILanguage", "LocalAlloc", "GlobalAlloc", "OpenThread",
    "SwitchToThread", "CreateThreadpoolCleanupGroup", "CreateTimerQueue", "SetFileApisToOEM",
    "SetFileApisToANSI", "AreFileApisANSI", "GetLogicalDrives", NULL
};

static const char *const advapi32_no_pointer[] =
{
    "GetSidLengthRequired", NULL
};

static const char *const msvcrt_no_pointer[] =
{
    "___mb_cur_max_func", "__isascii", "__iscsym", "__iscsymf", "__toascii", "_cabs", "_chgsign",
    "_copysign", "_difftime32", "_difftime64", "_finite", "_hypot", "_hypotf", "_isctype", "_isnan",
    "_logb", "_lrotl", "_lrotr", "_rotl", "_rotr", "_scalb", "_tolower", "_toupper", "_tzset",
    "abs", "acos", "asin", "atan", "atan2", "btowc", "ceil", "clock", "cos", "cosh", "difftime",
    "div", "exp", "fabs", "floor", "fmod", "is_wctype", "isalnum", "isalpha", "iscntrl", "isdigit",
    "isgraph", "isleadbyte", "islower", "isprint", "ispunct", "isspace", "isupper", "iswalnum",
    "iswalpha", "iswascii", "iswcntrl", "iswctype", "iswdigit", "iswgraph", "iswlower", "iswprint",
    "iswpunct", "iswspace", "iswupper", "iswxdigit", "isxdigit", "labs", "ldexp", "ldiv", "log",
    "log10", "pow", "rand", "sin", "sinh", "sqrt", "srand", "strerror", "tan", "tanh", "tolower",
    "toupper", "towlower", "towupper", "wctob", "_getpid", "__doserrno", "__iob_func", "__p___argc",
    "__p___argv", "__p___wargv", "__p__environ", "__p__fmode", "__p__wenviron", "__pxcptinfoptrs",
    "_aligned_malloc", "_aligned_offset_malloc", "_c_exit", "_cexit", "_close", "_commit",
    "_configthreadlocale", "_dup", "_dup2", "_endthread", "_endthreadex", "_eof", "_errno", "_exit",
    "_fcloseall", "_fgetchar", "_fgetwchar", "_flushall", "_fputchar", "_fputwchar",
    "_get_osfhandle", "_getmaxstdio", "_isatty", "_lseek", "_lseeki64", "_open_osfhandle",
    "_set_doserrno", "_set_errno", "_set_error_mode", "_set_fmode", "_setmode", "_tell", "_telli64",
    "abort", "calloc", "exit", "getchar", "getwchar", "malloc", "putchar", "putwchar", "raise",
    "tmpfile", "localeconv", "___lc_codepage_func", "__pctype_func", "__pwctype_func", "_abs64",
    "_rotl64", "_rotr64", "__fpecode", "__p___initenv", "__p___winitenv", "__p__acmdln",
    "__p__commode", "__p__pgmptr", "__p__wcmdln", "__p__wpgmptr", "__set_app_type", "_amsg_exit",
    "_lock", "_unlock", "__uncaught_exception", "_purecall", "?terminate@@YAXXZ", "??2@YAPEAX_K@Z",
    "??_U@YAPEAX_K@Z", "__lc_codepage", "__mb_cur_max", "_ctype", "_daylight", "_dstbias",
    "_pctype", "_pwctype", "_timezone", "_tzname", "__argc", "__argv", "__initenv", "__wargv",
    "__winitenv", "_acmdln", "_commode", "_environ", "_fmode", "_iob", "_pgmptr", "_wcmdln",
    "_wenviron", "_wpgmptr", "??_7type_info@@6B@",
    "_clearfp", "_control87", "_controlfp", "_fpreset", "_statusfp", NULL
};

static const char *const ws2_32_no_pointer[] =
{
    "WSACleanup", "WSAGetLastError", "WSASetLastError", "WSACreateEvent", "htonl", "htons", "ntohl",
    "ntohs", "inet_ntoa", NULL
};

static const char *const ntdll_wring[] =
{
    "wring_unimplemented", "wring_unhandled_exception", "wring_random", "wring_console_size",
    "wring_wait_console_event", "wring_memory_status", "wring_string_length", "wring_copy_string",
    "wring_file_mode", "wring_set_file_mode", "wring_exception_entry", "wring_user_profile",
    "wring_file_dos_path",
    "wring_sock_accept", "wring_sock_accept_ex", "wring_sock_bind", "wring_sock_connect",
    "wring_sock_connect_ex", "wring_sock_create", "wring_sock_disconnect",
    "wring_sock_enum_events", "wring_sock_event_select", "wring_sock_getopt", "wring_sock_info",
    "wring_sock_listen", "wring_sock_name", "wring_sock_poll", "wring_sock_readable",
    "wring_sock_recv", "wring_sock_send", "wring_sock_set_nonblocking", "wring_sock_setopt",
    "wring_sock_shutdown", "wring_host_name", "wring_resolve_address", "wring_resolve_host",
    "wring_resolve_service", "wring_service_name", "wring_sock_transmit", NULL
};

static const char *const ntdll_heap[] =
{
    "RtlAllocateHeap", "RtlFreeHeap", "RtlReAllocateHeap", "RtlSizeHeap", "RtlValidateHeap",
    "RtlCreateHeap", "RtlDestroyHeap", NULL
};

static const char *const kernel32_heap[] =
{
    "HeapFree", "HeapDestroy", "HeapValidate", "HeapLock", "HeapUnlock", "GetProcessHeaps",
    "HeapCompact", "HeapQueryInformation", "HeapSetInformation", "LocalFree", "LocalReAlloc",
    "LocalSize", "LocalLock", "LocalUnlock", "LocalFlags", "LocalHandle", "GlobalFree",
    "GlobalReAlloc", "GlobalSize", "GlobalLock", "GlobalUnlock", "GlobalHandle", "GlobalFlags",
    "LocalFileTimeToFileTime", NULL
};

static const char *const ntdll_tp[] =
{
    "TpAllocPool", "TpReleasePool", "TpSetPoolMaxThreads", "TpSetPoolMinThreads",
    "TpSetPoolStackInformation", "TpQueryPoolStackInformation", "TpAllocWork", "TpPostWork",
    "TpReleaseWork", "TpWaitForWork", "TpSimpleTryPost", "TpAllocTimer", "TpSetTimer",
    "TpIsTimerSet", "TpWaitForTimer", "TpReleaseTimer", "TpAllocWait", "TpSetWait", "TpWaitForWait",
    "TpReleaseWait", "TpAllocCleanupGroup", "TpReleaseCleanupGroup", "TpReleaseCleanupGroupMembers",
    "TpCallbackMayRunLong", "TpCallbackReleaseSemaphoreOnCompletion",
    "TpCallbackSetEventOnCompletion", "TpCallbackReleaseMutexOnCompletion",
    "TpCallbackLeaveCriticalSectionOnCompletion", "TpCallbackUnloadDllOnCompletion",
    "TpDisassociateCallback", "TpAllocIoCompletion", "TpStartAsyncIoOperation",
    "TpCancelAsyncIoOperation", "TpWaitForIoCompletion", "TpReleaseIoCompletion", "TpSetTimerEx",
    "TpSetWaitEx", NULL
};

static const char *const kernel32_tp[] =
{
    "CreateThreadpool", "SetThreadpoolThreadMinimum", "SetThreadpoolStackInformation",
    "QueryThreadpoolStackInformation", "CreateThreadpoolWork", "TrySubmitThreadpoolCallback",
    "CreateThreadpoolTimer", "CreateThreadpoolWait", "CreateThreadpoolIo", NULL
};

static const char *const msvcrt_crt[] =
{
    "_ctime32", "_ctime64", "_ftime", "_ftime32", "_ftime64", "_gmtime32", "_gmtime64", "_lfind",
    "_localtime32", "_localtime64", "_lsearch", "_mktime32", "_mktime64", "_strerror", "_strtime",
    "_time32", "_time64", "_wasctime", "_wctime", "_wctime32", "_wctime64", "_wstrtime", "asctime",
    "bsearch", "ctime", "frexp", "gmtime", "localtime", "longjmp", "mktime", "modf", "qsort",
    "strftime", "strstr", "time", "wcsftime", "wcsstr", "_scprintf", "_scwprintf", "_snprintf",
    "_snwprintf", "_swprintf", "_vscprintf", "_vscwprintf", "_vsnprintf", "_vsnwprintf",
    "_vswprintf", "sprintf", "sscanf", "swprintf", "swscanf", "vsnprintf", "vsprintf", "vswprintf",
    "__setusermatherr", "_access", "_aligned_free", "_aligned_offset_realloc", "_aligned_realloc",
    "_beginthread", "_beginthreadex", "_creat", "_expand", "_fdopen", "_filbuf", "_fileno",
    "_flsbuf", "_fseeki64", "_fsopen", "_fstat", "_fstat64", "_ftelli64", "_get_doserrno",
    "_get_errno", "_get_fmode", "_lock_file", "_msize", "_onexit", "_open", "_putenv", "_putenv_s",
    "_putws", "_read", "_recalloc", "_sopen", "_stat", "_stat64", "_unlink", "_unlock_file",
    "_waccess", "_wcreat", "_wfdopen", "_wfopen", "_wfreopen", "_wfsopen", "_wgetenv", "_wopen",
    "_wputenv", "_wremove", "_wrename", "_write", "_wsopen", "_wstat64", "_wunlink", "atexit",
    "clearerr", "fclose", "feof", "ferror", "fgetc", "fgetpos", "fgets", "fgetwc", "fgetws",
    "fopen", "fprintf", "fputc", "fputs", "fputwc", "fputws", "fread", "free", "freopen", "fscanf",
    "fseek", "fsetpos", "ftell", "fwprintf", "fwrite", "fwscanf", "getc", "getenv", "gets", "getwc",
    "perror", "printf", "putc", "puts", "putwc", "realloc", "remove", "rename", "rewind", "scanf",
    "setbuf", "setvbuf", "signal", "ungetc", "ungetwc", "vfprintf", "vfwprintf", "vprintf",
    "vwprintf", "wprintf", "wscanf", "setlocale", "_wsetlocale", "_set_se_translator",
    "_get_tzname", "_mkgmtime", "_mkgmtime32", "_mkgmtime64", "_setjmp", "_setjmpex", "_snscanf",
    "_snwscanf", "__dllonexit", "__getmainargs", "__wgetmainargs", "_XcptFilter", "_dupenv_s",
    "_fstati64", "_get_pgmptr", "_get_wpgmptr", "_initterm", "_initterm_e", "_stati64",
    "_wdupenv_s", "_wgetenv_s", "_wputenv_s", "_wstat", "_wstati64", "getenv_s",
    "_CxxThrowException", "__CxxFrameHandler", "__CxxFrameHandler3",
    "?set_terminate@@YAP6AXXZP6AXXZ@Z", "??1type_info@@UEAA@XZ", "??3@YAXPEAX@Z", "??_V@YAXPEAX@Z",
    "_controlfp_s", NULL
};

static const char *const mswsock_no_error[] =
{
    "GetAcceptExSockaddrs", NULL
};

static const char *const ntdll_pending[] =
{
    "NtSetInformationProcess", "RtlWaitOnAddress", "RtlWakeAddressSingle", "RtlWakeAddressAll",
    "LdrLoadDll", "LdrUnloadDll", "LdrGetDllHandle", "LdrGetProcedureAddress", "LdrGetDllFullName",
    "LdrFindEntryForAddress", "RtlGetCurrentDirectory_U", "RtlSetCurrentDirectory_U",
    "RtlAppendUnicodeStringToString", "RtlInitializeCriticalSection",
    "RtlInitializeCriticalSectionAndSpinCount", "RtlInitializeCriticalSectionEx",
    "RtlSetCriticalSectionSpinCount", "RtlDeleteCriticalSection", "RtlEnterCriticalSection",
    "RtlTryEnterCriticalSection", "RtlLeaveCriticalSection", "RtlIsCriticalSectionLocked",
    "RtlIsCriticalSectionLockedByThread", "RtlAcquireSRWLockExclusive", "RtlAcquireSRWLockShared",
    "RtlReleaseSRWLockExclusive", "RtlReleaseSRWLockShared", "RtlTryAcquireSRWLockExclusive",
    "RtlTryAcquireSRWLockShared", "RtlInitializeConditionVariable", "RtlWakeConditionVariable",
    "RtlWakeAllConditionVariable", "RtlSleepConditionVariableCS", "RtlSleepConditionVariableSRW",
    "RtlRunOnceInitialize", "RtlRunOnceBeginInitialize", "RtlRunOnceComplete",
    "RtlRunOnceExecuteOnce", "RtlQueryEnvironmentVariable", "RtlQueryEnvironmentVariable_U",
    "RtlSetEnvironmentVariable", "RtlCreateEnvironment", "RtlDestroyEnvironment",
    "RtlSetCurrentEnvironment", "RtlExpandEnvironmentStrings", "RtlExpandEnvironmentStrings_U",
    "RtlUnwindEx", "RtlUnwind", "RtlVirtualUnwind", "RtlLookupFunctionEntry",
    "RtlDeleteFunctionTable", "RtlInstallFunctionTableCallback", "RtlPcToFileHeader",
    "NtRaiseException", "NtContinue", "RtlInterlockedPushEntrySList", "RtlInterlockedPopEntrySList",
    "RtlInterlockedFlushSList", "RtlAddVectoredExceptionHandler",
    "RtlRemoveVectoredExceptionHandler", "RtlSetUnhandledExceptionFilter", "RtlRaiseException",
    "RtlCaptureContext", "NtOpenThread", "NtSetInformationThread", "LdrDisableThreadCalloutsForDll",
    "RtlQueueWorkItem", "RtlRegisterWait", "RtlDeregisterWait", "RtlDeregisterWaitEx",
    "RtlSetIoCompletionCallback", "RtlCreateTimerQueue", "RtlCreateTimer", "RtlUpdateTimer",
    "RtlDeleteTimer", "RtlDeleteTimerQueueEx", "RtlCreateSecurityDescriptor", "RtlCreateAcl",
    "RtlValidAcl", "RtlAddAccessAllowedAce", "RtlAddAccessAllowedAceEx", "RtlAddAccessDeniedAce",
    "RtlAddAccessDeniedAceEx", "RtlInitializeSid", "RtlSubAuthoritySid", "RtlSubAuthorityCountSid",
    "RtlIdentifierAuthoritySid", "RtlEqualSid", "RtlCopySid", "RtlValidSid",
    "RtlAllocateAndInitializeSid", "RtlFreeSid", "RtlImageNtHeader", "RtlImageDirectoryEntryToData",
    "RtlImageRvaToVa", "LdrFindResource_U", "LdrFindResourceDirectory_U", "LdrAccessResource",
    "RtlGetNtVersionNumbers", "RtlTestBit", "RtlRestoreContext", "RtlCaptureStackBackTrace",
    "__C_specific_handler", "RtlInterlockedPushListSListEx", "RtlInterlockedPushListSList",
    "RtlAddVectoredContinueHandler", "RtlRemoveVectoredContinueHandler",
    "NtCreateWaitCompletionPacket", "NtAssociateWaitCompletionPacket",
    "NtCancelWaitCompletionPacket",
    "NtCallbackReturn", NULL
};

static const char *const kernel32_pending[] =
{
    "SetStdHandle", "MoveFileExA", "MoveFileExW", "CreateHardLinkA", "CreateHardLinkW",
    "GetCurrentDirectoryA", "GetCurrentDirectoryW", "GetTempPathA", "GetTempPathW",
    "LoadLibraryExA", "LoadLibraryExW", "FreeLibrary", "GetProcAddress", "GetModuleHandleExA",
    "GetModuleHandleExW", "GetModuleFileNameA", "GetModuleFileNameW", "SetUnhandledExceptionFilter",
    "UnhandledExceptionFilter", "RaiseException", "InitializeCriticalSectionAndSpinCount",
    "InitializeCriticalSectionEx", "SleepConditionVariableCS", "SleepConditionVariableSRW",
    "InitOnceBeginInitialize", "InitOnceComplete", "InitOnceExecuteOnce", "TlsSetValue", "FlsAlloc",
    "FlsSetValue", "QueryPerformanceCounter", "QueryPerformanceFrequency",
    "GetSystemTimePreciseAsFileTime", "GetTimeZoneInformation", "GetDynamicTimeZoneInformation",
    "FreeEnvironmentStringsA", "FreeEnvironmentStringsW", "GetCPInfo", "GetCPInfoExA",
    "GetCPInfoExW", "SetConsoleCtrlHandler", "CopyFileExA", "CopyFileExW", "FindFirstFileExA",
    "FindFirstFileExW", "FindNextFileA", "FindNextFileW", "FindClose", "GetLongPathNameA",
    "GetLongPathNameW", "GetShortPathNameA", "GetShortPathNameW", "GetWindowsDirectoryA",
    "GetWindowsDirectoryW", "GetSystemWindowsDirectoryA", "GetSystemWindowsDirectoryW",
    "GetSystemDirectoryA", "GetSystemDirectoryW", "_lopen", "_lcreat", "FormatMessageA",
    "FormatMessageW", "CreateThread", "CreateRemoteThread", "CreateRemoteThreadEx",
    "DisableThreadLibraryCalls", "CreateEventA", "CreateEventW", "CreateEventExA", "CreateEventExW",
    "CreateSemaphoreA", "CreateSemaphoreExA", "CreateSemaphoreExW", "CreateMutexA",
    "CreateMutexExA", "CreateMutexExW", "CreateWaitableTimerA", "CreateWaitableTimerExA",
    "CreateWaitableTimerExW", "WaitOnAddress", "GetOverlappedResultEx", "QueueUserWorkItem",
    "RegisterWaitForSingleObject", "UnregisterWait", "UnregisterWaitEx", "CreateTimerQueueTimer",
    "ChangeTimerQueueTimer", "DeleteTimerQueue", "DeleteTimerQueueEx", "DeleteTimerQueueTimer",
    "CreateNamedPipeA", "CreateNamedPipeW", "WaitNamedPipeA", "WaitNamedPipeW", "CreatePipe",
    "FindResourceA", "FindResourceW", "FindResourceExA", "FindResourceExW", "LoadResource",
    "LockResource", "FreeResource", "SizeofResource", "EnumResourceTypesA", "EnumResourceTypesW",
    "EnumResourceNamesA", "EnumResourceNamesW", "EnumResourceLanguagesA", "EnumResourceLanguagesW",
    "FlushViewOfFile", "DosDateTimeToFileTime", "GetLogicalDriveStringsA",
    "GetLogicalDriveStringsW", "GetDiskFreeSpaceA", "GetDiskFreeSpaceW", "RaiseFailFastException",
    "WerSetFlags", "WerGetFlags", "GetEnvironmentStrings", "GetCurrentThreadStackLimits",
    "CallbackMayRunLong",
    "OutputDebugStringA", "OutputDebugStringW", "CompareStringOrdinal", "GetFinalPathNameByHandleW",
    "GetThreadDescription", "SetThreadDescription", "ReadConsoleW", "SetFileInformationByHandle",
    "SetThreadErrorMode", "SetThreadStackGuarantee", "GetThreadErrorMode", "IsThreadAFiber", NULL
};

static const char *const advapi32_pending[] =
{
    "AddAccessAllowedAce", "AddAccessAllowedAceEx", "AddAccessDeniedAce", "AddAccessDeniedAceEx",
    "AllocateAndInitializeSid", "CopySid", "CreateWellKnownSid", "EqualSid", "FreeSid", "GetAce",
    "GetLengthSid", "GetSecurityDescriptorDacl", "GetSecurityDescriptorGroup",
    "GetSecurityDescriptorLength", "GetSecurityDescriptorOwner", "GetSidIdentifierAuthority",
    "GetSidSubAuthority", "GetSidSubAuthorityCount", "InitializeAcl",
    "InitializeSecurityDescriptor", "InitializeSid", "IsValidAcl", "IsValidSecurityDescriptor",
    "MakeSelfRelativeSD", "IsValidSid", "IsWellKnownSid", "SetSecurityDescriptorDacl",
    "SetSecurityDescriptorGroup", "SetSecurityDescriptorOwner", "GetFileSecurityA",
    "GetFileSecurityW", "SetFileSecurityA", "SetFileSecurityW", "SystemFunction036",
    "LookupPrivilegeNameW", "LookupPrivilegeValueA", "LookupPrivilegeValueW", NULL
};

const struct name_list no_pointer[] =
{
    { "ntdll", "takes no handle and no pointer, or is data", ntdll_no_pointer },
    { "kernel32", "takes no handle and no pointer, or is data", kernel32_no_pointer },
    { "advapi32", "takes no handle and no pointer, or is data", advapi32_no_pointer },
    { "msvcrt", "takes no handle and no pointer, or is data", msvcrt_no_pointer },
    { "ws2_32", "takes no handle and no pointer, or is data", ws2_32_no_pointer },
    { NULL }
};

const struct name_list not_probed[] =
{
    { "ntdll", "Wring's own export for its DLLs, not a Windows API: reached through the rows of the functions that use it", ntdll_wring },
    { "ntdll", "a heap, local or global handle is a pointer the caller owns: Windows faults on a bad one rather than failing", ntdll_heap },
    { "kernel32", "a heap, local or global handle is a pointer the caller owns: Windows faults on a bad one rather than failing", kernel32_heap },
    { "ntdll", "a TP_* object is a pointer the caller owns: Windows faults on a bad one rather than failing", ntdll_tp },
    { "kernel32", "a TP_* object is a pointer the caller owns: Windows faults on a bad one rather than failing", kernel32_tp },
    { "msvcrt", "the C runtime reads and writes the caller's memory itself: a bad pointer faults in Windows' msvcrt too", msvcrt_crt },
    { "mswsock", "returns nothing and sets no error: it splits the buffer AcceptEx filled, and Windows documents no answer to a bad one", mswsock_no_error },
    { "ntdll", "takes a handle or a pointer and has no row yet", ntdll_pending },
    { "kernel32", "takes a handle or a pointer and has no row yet", kernel32_pending },
    { "advapi32", "takes a handle or a pointer and has no row yet", advapi32_pending },
    { NULL }
};

/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The calls the bad-parameter test makes. A row with a handle slot (HF, HE,
 * HX, HA) is made once per bad handle and expects STATUS_INVALID_HANDLE, or
 * STATUS_OBJECT_TYPE_MISMATCH for a handle of the wrong type (through Win32, the
 * row's error: ERROR_INVALID_HANDLE for both but where noted); a row with PBAD is made with a PAGE_NOACCESS page
 * and with a released region. Windows probes what a caller hands the kernel,
 * so every bad pointer an Nt* function takes is STATUS_ACCESS_VIOLATION
 * (ERROR_NOACCESS through Win32); memory kernel32 itself reads or writes
 * faults in the caller (CK_FAULT).
 */
#include "badparam.h"

#define HF A(T_HF)
#define HE A(T_HE)
#define HX A(T_HX)
#define HA A(T_HA)
#define PBAD A(T_PBAD)
#define PEDGE A(T_PEDGE)
#define PRO A(T_PRO)
#define BUF A(T_BUF)
#define BUF2 A(T_BUF2)
#define BUF3 A(T_BUF3)
#define IOSB A(T_IOSB)
#define FILE_ A(T_FILE)
#define DIR_ A(T_DIR)
#define EVENT A(T_EVENT)
#define SEM A(T_SEM)
#define MUTEX A(T_MUTEX)
#define TIMER A(T_TIMER)
#define PORT A(T_PORT)
#define KEY A(T_KEY)
#define TOKEN A(T_TOKEN)
#define LI0 A(T_LI0)
#define LI1 A(T_LI1)
#define SIZE A(T_SIZE)
#define DW64 A(T_DW64)
#define OA A(T_OA)
#define OA_BADNAME A(T_OA_BADNAME)
#define OA_BADBUF A(T_OA_BADBUF)
#define OA_EDGE A(T_OA_EDGE)
#define OA_PIPE A(T_OA_PIPE)
#define USTR A(T_USTR)
#define WSTR A(T_WSTR)
#define ASTR A(T_ASTR)
#define NAMEW A(T_NAMEW)
#define HARR A(T_HARR)
#define HARR_BAD A(T_HARR_BAD)
#define OVL A(T_OVL)
#define FUNC A(T_FUNC)
#define CUR_PROCESS ((ULONG_PTR)-1)
#define CUR_THREAD ((ULONG_PTR)-2)

#define NT(name, status, ...) { "ntdll", name, CK_NT, status, 0, { __VA_ARGS__ } }
#define K32(name, ret, err, ...) { "kernel32", name, CK_W32, err, (ULONG_PTR)(ret), { __VA_ARGS__ } }
#define ADV(name, ret, err, ...) { "advapi32", name, CK_W32, err, (ULONG_PTR)(ret), { __VA_ARGS__ } }
#define REG(name, err, ...) { "advapi32", name, CK_ERR, err, 0, { __VA_ARGS__ } }
#define FAULT(dll, name, ...) { dll, name, CK_FAULT, STATUS_ACCESS_VIOLATION, 0, { __VA_ARGS__ } }
/* a handle row: what it expects follows from the handle */
#define HNT(name, ...) NT(name, 0, __VA_ARGS__)
#define HK32(name, ret, ...) K32(name, ret, ERROR_INVALID_HANDLE, __VA_ARGS__)
#define AV STATUS_ACCESS_VIOLATION

/* information classes and codes, as numbers so the table reads on one line */
#define FileDirectoryInformation_ 1
#define FileStandardInformation_ 5
#define FilePositionInformation_ 14
#define FileFsSizeInformation_ 3
#define KeyBasicInformation_ 0
#define KeyValuePartialInformation_ 2
#define TokenUser_ 1
#define ObjectHandleFlagInformation_ 4
#define DIRECTORY_ALL_ACCESS_ 0xf000f

const struct row rows[] =
{
    /* objects */
    HNT("NtClose", HA),
    HNT("NtQueryObject", HA, ObjectHandleFlagInformation_, BUF, 2, BUF2),
    NT("NtQueryObject", AV, EVENT, ObjectHandleFlagInformation_, PBAD, 2, 0),
    NT("NtQueryObject", AV, EVENT, ObjectHandleFlagInformation_, BUF, 2, PBAD),
    HNT("NtSetInformationObject", HA, ObjectHandleFlagInformation_, BUF, 2),
    NT("NtSetInformationObject", AV, EVENT, ObjectHandleFlagInformation_, PBAD, 2),
    HNT("NtDuplicateObject", CUR_PROCESS, HA, CUR_PROCESS, BUF, 0, 0, DUPLICATE_SAME_ACCESS),
    HNT("NtDuplicateObject", HX, EVENT, CUR_PROCESS, BUF, 0, 0, DUPLICATE_SAME_ACCESS),
    NT("NtDuplicateObject", AV, CUR_PROCESS, EVENT, CUR_PROCESS, PBAD, 0, 0, DUPLICATE_SAME_ACCESS),

    /* files */
    NT("NtCreateFile", AV, PBAD, GENERIC_READ, OA, IOSB, 0, 0, 7, FILE_OPEN, 0, 0, 0),
    NT("NtCreateFile", AV, BUF, GENERIC_READ, PBAD, IOSB, 0, 0, 7, FILE_OPEN, 0, 0, 0),
    NT("NtCreateFile", AV, BUF, GENERIC_READ, OA_BADNAME, IOSB, 0, 0, 7, FILE_OPEN, 0, 0, 0),
    NT("NtCreateFile", AV, BUF, GENERIC_READ, OA_BADBUF, IOSB, 0, 0, 7, FILE_OPEN, 0, 0, 0),
    NT("NtCreateFile", AV, BUF, GENERIC_READ, OA_EDGE, IOSB, 0, 0, 7, FILE_OPEN, 0, 0, 0),
    NT("NtCreateFile", AV, BUF, GENERIC_READ, OA, PBAD, 0, 0, 7, FILE_OPEN, 0, 0, 0),
    NT("NtCreateFile", STATUS_INVALID_PARAMETER, BUF, GENERIC_READ, OA, IOSB, 0, 0, 7, 6, 0, 0, 0),
    NT("NtOpenFile", AV, PBAD, GENERIC_READ, OA, IOSB, 7, 0),
    NT("NtOpenFile", AV, BUF, GENERIC_READ, OA_BADNAME, IOSB, 7, 0),
    NT("NtOpenFile", AV, BUF, GENERIC_READ, OA, PBAD, 7, 0),
    HNT("NtReadFile", HF, 0, 0, 0, IOSB, BUF, 16, LI0, 0),
    NT("NtReadFile", AV, FILE_, 0, 0, 0, IOSB, PBAD, 16, LI0, 0),
    NT("NtReadFile", AV, FILE_, 0, 0, 0, IOSB, PEDGE, 16, LI0, 0),
    NT("NtReadFile", AV, FILE_, 0, 0, 0, IOSB, PRO, 16, LI0, 0),
    NT("NtReadFile", AV, FILE_, 0, 0, 0, PBAD, BUF, 16, LI0, 0),
    NT("NtReadFile", AV, FILE_, 0, 0, 0, IOSB, BUF, 16, PBAD, 0),
    HNT("NtWriteFile", HF, 0, 0, 0, IOSB, BUF, 16, LI0, 0),
    /* a bad source buffer is STATUS_INVALID_USER_BUFFER, not an access violation */
    NT("NtWriteFile", STATUS_INVALID_USER_BUFFER, FILE_, 0, 0, 0, IOSB, PBAD, 16, LI0, 0),
    NT("NtWriteFile", STATUS_INVALID_USER_BUFFER, FILE_, 0, 0, 0, IOSB, PEDGE, 16, LI0, 0),
    NT("NtWriteFile", AV, FILE_, 0, 0, 0, PBAD, BUF, 16, LI0, 0),
    NT("NtWriteFile", AV, FILE_, 0, 0, 0, IOSB, BUF, 16, PBAD, 0),
    HNT("NtReadFileScatter", HF, 0, 0, 0, IOSB, BUF, 4096, LI0, 0),
    HNT("NtWriteFileGather", HF, 0, 0, 0, IOSB, BUF, 4096, LI0, 0),
    HNT("NtFlushBuffersFile", HF, IOSB),
    NT("NtFlushBuffersFile", AV, FILE_, PBAD),
    HNT("NtQueryInformationFile", HF, IOSB, BUF, 24, FileStandardInformation_),
    NT("NtQueryInformationFile", AV, FILE_, IOSB, PBAD, 24, FileStandardInformation_),
    NT("NtQueryInformationFile", AV, FILE_, IOSB, PEDGE, 24, FileStandardInformation_),
    NT("NtQueryInformationFile", AV, FILE_, IOSB, PRO, 24, FileStandardInformation_),
    NT("NtQueryInformationFile", AV, FILE_, PBAD, BUF, 24, FileStandardInformation_),
    NT("NtQueryInformationFile", STATUS_INFO_LENGTH_MISMATCH, FILE_, IOSB, BUF, 1, FileStandardInformation_),
    NT("NtQueryInformationFile", STATUS_INVALID_INFO_CLASS, FILE_, IOSB, BUF, 24, 0),
    NT("NtQueryInformationFile", STATUS_INVALID_INFO_CLASS, FILE_, IOSB, BUF, 24, 1000),
    HNT("NtSetInformationFile", HF, IOSB, BUF, 8, FilePositionInformation_),
    NT("NtSetInformationFile", AV, FILE_, IOSB, PBAD, 8, FilePositionInformation_),
    NT("NtSetInformationFile", AV, FILE_, PBAD, BUF, 8, FilePositionInformation_),
    HNT("NtQueryVolumeInformationFile", HF, IOSB, BUF, 64, FileFsSizeInformation_),
    NT("NtQueryVolumeInformationFile", AV, FILE_, IOSB, PBAD, 64, FileFsSizeInformation_),
    NT("NtQueryVolumeInformationFile", AV, FILE_, PBAD, BUF, 64, FileFsSizeInformation_),
    NT("NtQueryAttributesFile", AV, PBAD, BUF),
    NT("NtQueryAttributesFile", AV, OA_BADNAME, BUF),
    NT("NtQueryAttributesFile", AV, OA_BADBUF, BUF),
    NT("NtQueryAttributesFile", AV, OA, PBAD),
    NT("NtQueryFullAttributesFile", AV, PBAD, BUF),
    NT("NtQueryFullAttributesFile", AV, OA_EDGE, BUF),
    NT("NtQueryFullAttributesFile", AV, OA, PBAD),
    NT("NtDeleteFile", AV, PBAD),
    NT("NtDeleteFile", AV, OA_BADBUF),
    HNT("NtQueryDirectoryFile", HF, 0, 0, 0, IOSB, BUF, 4096, FileDirectoryInformation_, 0, 0, 1),
    NT("NtQueryDirectoryFile", AV, DIR_, 0, 0, 0, IOSB, PBAD, 4096, FileDirectoryInformation_, 0, 0, 1),
    NT("NtQueryDirectoryFile", AV, DIR_, 0, 0, 0, PBAD, BUF, 4096, FileDirectoryInformation_, 0, 0, 1),
    HNT("NtFsControlFile", HF, 0, 0, 0, IOSB, 0x90000, 0, 0, 0, 0),
    HNT("NtDeviceIoControlFile", HF, 0, 0, 0, IOSB, 0x90000, 0, 0, 0, 0),
    HNT("NtLockFile", HF, 0, 0, 0, IOSB, LI0, LI1, 0, TRUE, TRUE),
    NT("NtLockFile", AV, FILE_, 0, 0, 0, IOSB, PBAD, LI1, 0, TRUE, TRUE),
    HNT("NtUnlockFile", HF, IOSB, LI0, LI1, 0),
    HNT("NtCancelIoFile", HF, IOSB),
    NT("NtCancelIoFile", AV, FILE_, PBAD),
    HNT("NtCancelIoFileEx", HF, 0, IOSB),
    HNT("NtCancelSynchronousIoFile", HX, 0, IOSB),
    NT("NtCreateNamedPipeFile", AV, PBAD, GENERIC_READ | GENERIC_WRITE | SYNCHRONIZE, OA_PIPE, IOSB, 3, FILE_CREATE, 0, 0, 0, 0, 1, 4096, 4096, LI0),
    NT("NtCreateNamedPipeFile", AV, BUF, GENERIC_READ | GENERIC_WRITE | SYNCHRONIZE, OA_BADNAME, IOSB, 3, FILE_CREATE, 0, 0, 0, 0, 1, 4096, 4096, LI0),

    /* memory and sections */
    HNT("NtAllocateVirtualMemory", HX, BUF, 0, SIZE, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE),
    NT("NtAllocateVirtualMemory", AV, CUR_PROCESS, PBAD, 0, SIZE, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE),
    NT("NtAllocateVirtualMemory", AV, CUR_PROCESS, BUF, 0, PBAD, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE),
    NT("NtAllocateVirtualMemory", STATUS_INVALID_PAGE_PROTECTION, CUR_PROCESS, BUF, 0, SIZE, MEM_COMMIT | MEM_RESERVE, 0x12345),
    HNT("NtFreeVirtualMemory", HX, BUF, SIZE, MEM_RELEASE),
    NT("NtFreeVirtualMemory", AV, CUR_PROCESS, PBAD, SIZE, MEM_RELEASE),
    NT("NtFreeVirtualMemory", AV, CUR_PROCESS, BUF, PBAD, MEM_RELEASE),
    HNT("NtProtectVirtualMemory", HX, BUF, SIZE, PAGE_READONLY, BUF2),
    NT("NtProtectVirtualMemory", AV, CUR_PROCESS, PBAD, SIZE, PAGE_READONLY, BUF2),
    NT("NtProtectVirtualMemory", AV, CUR_PROCESS, BUF, PBAD, PAGE_READONLY, BUF2),
    HNT("NtQueryVirtualMemory", HX, BUF, 0, BUF2, 48, 0),
    NT("NtQueryVirtualMemory", AV, CUR_PROCESS, BUF, 0, PBAD, 48, 0),
    NT("NtQueryVirtualMemory", AV, CUR_PROCESS, BUF, 0, BUF2, 48, PBAD),
    NT("NtQueryVirtualMemory", STATUS_INFO_LENGTH_MISMATCH, CUR_PROCESS, BUF, 0, BUF2, 8, 0),
    NT("NtCreateSection", AV, PBAD, SECTION_ALL_ACCESS, 0, LI1, PAGE_READWRITE, SEC_COMMIT, 0),
    NT("NtCreateSection", AV, BUF, SECTION_ALL_ACCESS, 0, PBAD, PAGE_READWRITE, SEC_COMMIT, 0),
    HNT("NtCreateSection", BUF, SECTION_ALL_ACCESS, 0, 0, PAGE_READONLY, SEC_COMMIT, HX),
    NT("NtOpenSection", AV, PBAD, SECTION_ALL_ACCESS, OA),
    HNT("NtMapViewOfSection", HA, CUR_PROCESS, BUF, 0, 0, 0, SIZE, 1, 0, PAGE_READWRITE),
    HNT("NtUnmapViewOfSection", HX, BUF),
    HNT("NtQuerySection", HX, 0, BUF, 48, 0),
    HNT("NtFlushVirtualMemory", HX, BUF, SIZE, IOSB),

    /* processes and threads */
    HNT("NtTerminateProcess", HX, 0),
    HNT("NtQueryInformationProcess", HX, 0, BUF, 48, 0),
    NT("NtQueryInformationProcess", AV, CUR_PROCESS, 0, PBAD, 48, 0),
    NT("NtQueryInformationProcess", AV, CUR_PROCESS, 0, BUF, 48, PBAD),
    NT("NtQueryInformationProcess", STATUS_INFO_LENGTH_MISMATCH, CUR_PROCESS, 0, BUF, 1, 0),
    HNT("NtTerminateThread", HX, 0),
    HNT("NtQueryInformationThread", HX, 0, BUF, 48, 0),
    NT("NtQueryInformationThread", AV, CUR_THREAD, 0, PBAD, 48, 0),
    HNT("NtResumeThread", HX, BUF),
    HNT("NtSuspendThread", HX, BUF),
    HNT("NtGetContextThread", HX, BUF),
    HNT("NtSetContextThread", HX, BUF),
    HNT("NtAlertThread", HX),
    HNT("NtQueueApcThread", HX, FUNC, 0, 0, 0),

    /* synchronisation objects */
    NT("NtCreateEvent", AV, PBAD, EVENT_ALL_ACCESS, 0, 0, 0),
    NT("NtCreateEvent", AV, BUF, EVENT_ALL_ACCESS, OA_BADNAME, 0, 0),
    NT("NtCreateEvent", STATUS_INVALID_PARAMETER, BUF, EVENT_ALL_ACCESS, 0, 2, 0),
    NT("NtOpenEvent", AV, BUF, EVENT_ALL_ACCESS, OA_BADBUF),
    HNT("NtSetEvent", HE, BUF),
    NT("NtSetEvent", AV, EVENT, PBAD),
    HNT("NtResetEvent", HE, BUF),
    NT("NtResetEvent", AV, EVENT, PBAD),
    HNT("NtPulseEvent", HE, BUF),
    HNT("NtQueryEvent", HE, 0, BUF, 8, BUF2),
    NT("NtQueryEvent", AV, EVENT, 0, PBAD, 8, 0),
    NT("NtQueryEvent", AV, EVENT, 0, BUF, 8, PBAD),
    NT("NtQueryEvent", STATUS_INFO_LENGTH_MISMATCH, EVENT, 0, BUF, 4, 0),
    NT("NtQueryEvent", STATUS_INVALID_INFO_CLASS, EVENT, 1, BUF, 8, 0),
    NT("NtCreateTimer", AV, PBAD, TIMER_ALL_ACCESS, 0, 0),
    HNT("NtSetTimer", HE, LI0, 0, 0, 0, 0, 0),
    NT("NtSetTimer", AV, TIMER, PBAD, 0, 0, 0, 0, 0),
    HNT("NtCancelTimer", HE, BUF),
    HNT("NtQueryTimer", HE, 0, BUF, 16, BUF2),
    NT("NtQueryTimer", AV, TIMER, 0, PBAD, 16, 0),
    NT("NtCreateSemaphore", AV, PBAD, SEMAPHORE_ALL_ACCESS, 0, 0, 1),
    NT("NtCreateSemaphore", STATUS_INVALID_PARAMETER, BUF, SEMAPHORE_ALL_ACCESS, 0, 2, 1),
    NT("NtCreateSemaphore", STATUS_INVALID_PARAMETER, BUF, SEMAPHORE_ALL_ACCESS, 0, 0, 0),
    HNT("NtReleaseSemaphore", HE, 1, BUF),
    NT("NtReleaseSemaphore", STATUS_SEMAPHORE_LIMIT_EXCEEDED, SEM, 2, BUF),
    HNT("NtQuerySemaphore", HE, 0, BUF, 8, BUF2),
    NT("NtQuerySemaphore", AV, SEM, 0, PBAD, 8, 0),
    NT("NtCreateMutant", AV, PBAD, MUTANT_ALL_ACCESS, 0, 0),
    HNT("NtReleaseMutant", HE, BUF),
    NT("NtReleaseMutant", STATUS_MUTANT_NOT_OWNED, MUTEX, BUF),
    HNT("NtQueryMutant", HE, 0, BUF, 8, BUF2),
    NT("NtQueryMutant", AV, MUTEX, 0, PBAD, 8, 0),
    NT("NtCreateKeyedEvent", AV, PBAD, EVENT_ALL_ACCESS, 0, 0),
    HNT("NtWaitForKeyedEvent", HE, BUF, 0, LI0),
    HNT("NtReleaseKeyedEvent", HE, BUF, 0, LI0),
    NT("NtCreateDirectoryObject", AV, PBAD, DIRECTORY_ALL_ACCESS_, 0),
    NT("NtOpenDirectoryObject", AV, BUF, DIRECTORY_ALL_ACCESS_, OA_BADNAME),
    HNT("NtWaitForSingleObject", HA, 0, LI0),
    NT("NtWaitForSingleObject", AV, EVENT, 0, PBAD),
    NT("NtWaitForMultipleObjects", AV, 1, PBAD, 1, 0, LI0),
    NT("NtWaitForMultipleObjects", AV, 2, PEDGE, 1, 0, LI0),
    NT("NtWaitForMultipleObjects", AV, 1, HARR, 1, 0, PBAD),
    NT("NtWaitForMultipleObjects", STATUS_INVALID_HANDLE, 1, HARR_BAD, 1, 0, LI0),
    NT("NtWaitForMultipleObjects", STATUS_INVALID_PARAMETER_1, 0, HARR, 1, 0, LI0),
    NT("NtWaitForMultipleObjects", STATUS_INVALID_PARAMETER_1, 65, HARR, 1, 0, LI0),
    HNT("NtSignalAndWaitForSingleObject", HE, EVENT, 0, LI0),
    HNT("NtSignalAndWaitForSingleObject", EVENT, HA, 0, LI0),

    /* completion ports */
    NT("NtCreateIoCompletion", AV, PBAD, IO_COMPLETION_ALL_ACCESS, 0, 0),
    HNT("NtSetIoCompletion", HE, 0, 0, 0, 0),
    HNT("NtRemoveIoCompletion", HE, BUF, BUF2, IOSB, LI0),
    NT("NtRemoveIoCompletion", AV, PORT, PBAD, BUF2, IOSB, LI0),
    NT("NtRemoveIoCompletion", AV, PORT, BUF, BUF2, PBAD, LI0),
    HNT("NtRemoveIoCompletionEx", HE, BUF, 1, BUF2, LI0, 0),
    NT("NtRemoveIoCompletionEx", AV, PORT, PBAD, 1, BUF2, LI0, 0),
    NT("NtRemoveIoCompletionEx", AV, PORT, BUF, 1, PBAD, LI0, 0),
    HNT("NtQueryIoCompletion", HE, 0, BUF, 4, BUF2),
    NT("NtQueryIoCompletion", AV, PORT, 0, PBAD, 4, 0),

    /* the registry */
    NT("NtOpenKey", AV, BUF, KEY_READ, OA_BADNAME),
    NT("NtCreateKey", AV, BUF, KEY_READ, OA_BADBUF, 0, 0, 0, 0),
    HNT("NtDeleteKey", HX),
    HNT("NtFlushKey", HX),
    HNT("NtSetValueKey", HX, USTR, 0, REG_DWORD, BUF, 4),
    HNT("NtQueryValueKey", HX, USTR, KeyValuePartialInformation_, BUF, 64, BUF2),
    HNT("NtDeleteValueKey", HX, USTR),
    HNT("NtEnumerateKey", HX, 0, KeyBasicInformation_, BUF, 64, BUF2),
    HNT("NtEnumerateValueKey", HX, 0, 0, BUF, 64, BUF2),
    HNT("NtQueryKey", HX, KeyBasicInformation_, BUF, 64, BUF2),
    NT("NtQueryKey", AV, KEY, KeyBasicInformation_, PBAD, 64, BUF2),
    NT("NtQueryKey", AV, KEY, KeyBasicInformation_, BUF, 64, PBAD),

    /* tokens */
    HNT("NtOpenProcessToken", HX, TOKEN_QUERY, BUF),
    NT("NtOpenProcessToken", AV, CUR_PROCESS, TOKEN_QUERY, PBAD),
    HNT("NtOpenProcessTokenEx", HX, TOKEN_QUERY, 0, BUF),
    HNT("NtOpenThreadToken", HX, TOKEN_QUERY, 0, BUF),
    HNT("NtOpenThreadTokenEx", HX, TOKEN_QUERY, 0, 0, BUF),
    HNT("NtQueryInformationToken", HX, TokenUser_, BUF, 64, BUF2),
    NT("NtQueryInformationToken", AV, TOKEN, TokenUser_, PBAD, 64, BUF2),
    NT("NtQueryInformationToken", AV, TOKEN, TokenUser_, BUF, 64, PBAD),
    HNT("NtAdjustPrivilegesToken", HX, 0, BUF, 0, 0, 0),

    /* kernel32: files */
    HK32("CloseHandle", FALSE, HA),
    HK32("ReadFile", FALSE, HF, BUF, 16, BUF2, 0),
    K32("ReadFile", FALSE, ERROR_NOACCESS, FILE_, PBAD, 16, BUF2, 0),
    FAULT("kernel32", "ReadFile", FILE_, BUF, 16, PBAD, 0),
    HK32("WriteFile", FALSE, HF, BUF, 16, BUF2, 0),
    K32("WriteFile", FALSE, ERROR_INVALID_USER_BUFFER, FILE_, PBAD, 16, BUF2, 0),
    FAULT("kernel32", "WriteFile", FILE_, BUF, 16, PBAD, 0),
    HK32("ReadFileEx", FALSE, HF, BUF, 16, OVL, FUNC),
    HK32("WriteFileEx", FALSE, HF, BUF, 16, OVL, FUNC),
    HK32("ReadFileScatter", FALSE, HF, BUF, 4096, 0, OVL),
    HK32("WriteFileGather", FALSE, HF, BUF, 4096, 0, OVL),
    HK32("FlushFileBuffers", FALSE, HF),
    HK32("GetFileType", FILE_TYPE_UNKNOWN, HF),
    HK32("SetFilePointer", INVALID_SET_FILE_POINTER, HF, 0, 0, FILE_BEGIN),
    K32("SetFilePointer", INVALID_SET_FILE_POINTER, ERROR_INVALID_PARAMETER, FILE_, 0, 0, 7),
    HK32("SetFilePointerEx", FALSE, HF, 0, BUF, FILE_BEGIN),
    K32("SetFilePointerEx", FALSE, ERROR_INVALID_PARAMETER, FILE_, 0, BUF, 7),
    HK32("GetFileSize", INVALID_FILE_SIZE, HF, 0),
    HK32("GetFileSizeEx", FALSE, HF, BUF),
    FAULT("kernel32", "GetFileSizeEx", FILE_, PBAD),
    HK32("SetEndOfFile", FALSE, HF),
    HK32("GetFileInformationByHandle", FALSE, HF, BUF),
    HK32("GetFileInformationByHandleEx", FALSE, HF, 0, BUF, 40),
    K32("GetFileInformationByHandleEx", FALSE, ERROR_NOACCESS, FILE_, 0, PBAD, 40),
    HK32("GetFileTime", FALSE, HF, BUF, 0, 0),
    HK32("SetFileTime", FALSE, HF, BUF, 0, 0),
    HK32("GetVolumeInformationByHandleW", FALSE, HF, BUF, 64, 0, 0, 0, 0, 0),
    HK32("_lclose", HFILE_ERROR, HA),
    HK32("_lread", HFILE_ERROR, HF, BUF, 16),
    HK32("_lwrite", HFILE_ERROR, HF, BUF, 16),
    HK32("_hread", HFILE_ERROR, HF, BUF, 16),
    HK32("_hwrite", HFILE_ERROR, HF, BUF, 16),
    HK32("_llseek", HFILE_ERROR, HF, 0, 0),
    HK32("LockFile", FALSE, HF, 0, 0, 1, 0),
    HK32("LockFileEx", FALSE, HF, 0, 0, 1, 0, OVL),
    HK32("UnlockFile", FALSE, HF, 0, 0, 1, 0),
    HK32("UnlockFileEx", FALSE, HF, 0, 1, 0, OVL),
    HK32("DeviceIoControl", FALSE, HF, 0x90000, 0, 0, 0, 0, BUF, 0),
    HK32("CancelIo", FALSE, HF),
    HK32("CancelIoEx", FALSE, HF, 0),
    HK32("CancelSynchronousIo", FALSE, HX),
    HK32("SetFileCompletionNotificationModes", FALSE, HF, 1),
    FAULT("kernel32", "GetOverlappedResult", FILE_, PBAD, BUF, FALSE),
    K32("CreateFileW", INVALID_HANDLE_VALUE, ERROR_INVALID_PARAMETER, NAMEW, GENERIC_READ, 7, 0, 0, 0, 0),
    K32("CreateFileW", INVALID_HANDLE_VALUE, ERROR_INVALID_PARAMETER, NAMEW, GENERIC_READ, 7, 0, 6, 0, 0),
    HK32("CreateFileMappingW", NULL, HX, 0, PAGE_READWRITE, 0, 4096, 0),
    HK32("CreateFileMappingA", NULL, HX, 0, PAGE_READWRITE, 0, 4096, 0),
    HK32("MapViewOfFile", NULL, HX, FILE_MAP_READ, 0, 0, 0),
    HK32("MapViewOfFileEx", NULL, HX, FILE_MAP_READ, 0, 0, 0, 0),

    /* kernel32: pipes */
    HK32("ConnectNamedPipe", FALSE, HF, 0),
    HK32("DisconnectNamedPipe", FALSE, HF),
    HK32("GetNamedPipeInfo", FALSE, HF, 0, 0, 0, 0),
    HK32("GetNamedPipeHandleStateW", FALSE, HF, BUF, 0, 0, 0, 0, 0),
    HK32("GetNamedPipeHandleStateA", FALSE, HF, BUF, 0, 0, 0, 0, 0),
    HK32("SetNamedPipeHandleState", FALSE, HF, BUF, 0, 0),
    HK32("PeekNamedPipe", FALSE, HF, 0, 0, 0, BUF, 0),

    /* kernel32: the console */
    HK32("GetConsoleMode", FALSE, HF, BUF),
    K32("GetConsoleMode", FALSE, ERROR_INVALID_HANDLE, FILE_, BUF),
    HK32("SetConsoleMode", FALSE, HF, 0),
    HK32("WriteConsoleA", FALSE, HF, BUF, 1, BUF2, 0),
    HK32("WriteConsoleW", FALSE, HF, BUF, 1, BUF2, 0),
    HK32("GetConsoleScreenBufferInfo", FALSE, HF, BUF),
    HK32("SetConsoleTextAttribute", FALSE, HF, 7),

    /* kernel32: objects, processes, threads */
    HK32("GetHandleInformation", FALSE, HA, BUF),
    HK32("SetHandleInformation", FALSE, HA, HANDLE_FLAG_INHERIT, 0),
    HK32("DuplicateHandle", FALSE, CUR_PROCESS, HA, CUR_PROCESS, BUF, 0, 0, DUPLICATE_SAME_ACCESS),
    HK32("DuplicateHandle", FALSE, HX, EVENT, CUR_PROCESS, BUF, 0, 0, DUPLICATE_SAME_ACCESS),
    HK32("GetProcessId", 0, HX),
    HK32("TerminateProcess", FALSE, HX, 0),
    HK32("GetExitCodeProcess", FALSE, HX, BUF),
    FAULT("kernel32", "GetExitCodeProcess", CUR_PROCESS, PBAD),
    HK32("SetProcessPriorityBoost", FALSE, HX, 0),
    HK32("GetProcessPriorityBoost", FALSE, HX, BUF),
    HK32("GetProcessAffinityMask", FALSE, HX, BUF, BUF2),
    HK32("SetProcessAffinityMask", FALSE, HX, 1),
    HK32("GetProcessTimes", FALSE, HX, BUF, BUF2, BUF3, BUF3),
    HK32("TerminateThread", FALSE, HX, 0),
    HK32("GetExitCodeThread", FALSE, HX, BUF),
    HK32("GetThreadId", 0, HX),
    HK32("GetProcessIdOfThread", 0, HX),
    HK32("GetThreadPriority", THREAD_PRIORITY_ERROR_RETURN, HX),
    HK32("SetThreadPriority", FALSE, HX, 0),
    HK32("ResumeThread", (DWORD)-1, HX),
    HK32("SuspendThread", (DWORD)-1, HX),
    HK32("GetThreadContext", FALSE, HX, BUF),
    HK32("SetThreadContext", FALSE, HX, BUF),
    HK32("QueueUserAPC", 0, FUNC, HX, 0),
    HK32("GetThreadTimes", FALSE, HX, BUF, BUF2, BUF3, BUF3),
    HK32("SetThreadAffinityMask", 0, HX, 1),

    /* kernel32: synchronisation */
    HK32("SetEvent", FALSE, HE),
    HK32("ResetEvent", FALSE, HE),
    HK32("PulseEvent", FALSE, HE),
    HK32("ReleaseSemaphore", FALSE, HE, 1, 0),
    K32("ReleaseSemaphore", FALSE, ERROR_TOO_MANY_POSTS, SEM, 2, 0),
    K32("ReleaseSemaphore", FALSE, ERROR_INVALID_PARAMETER, SEM, 0, 0),
    K32("ReleaseSemaphore", FALSE, ERROR_NOACCESS, SEM, 1, PBAD),
    HK32("ReleaseMutex", FALSE, HE),
    K32("ReleaseMutex", FALSE, ERROR_NOT_OWNER, MUTEX),
    HK32("SetWaitableTimer", FALSE, HE, LI0, 0, 0, 0, 0),
    HK32("SetWaitableTimerEx", FALSE, HE, LI0, 0, 0, 0, 0, 0),
    HK32("CancelWaitableTimer", FALSE, HE),
    HK32("WaitForSingleObject", WAIT_FAILED, HA, 0),
    HK32("WaitForSingleObjectEx", WAIT_FAILED, HA, 0, FALSE),
    K32("WaitForMultipleObjects", WAIT_FAILED, ERROR_INVALID_HANDLE, 1, HARR_BAD, FALSE, 0),
    K32("WaitForMultipleObjects", WAIT_FAILED, ERROR_INVALID_PARAMETER, 0, HARR, FALSE, 0),
    K32("WaitForMultipleObjects", WAIT_FAILED, ERROR_INVALID_PARAMETER, 65, HARR, FALSE, 0),
    K32("WaitForMultipleObjectsEx", WAIT_FAILED, ERROR_INVALID_PARAMETER, 65, HARR, FALSE, 0, FALSE),
    HK32("SignalObjectAndWait", WAIT_FAILED, HE, EVENT, 0, FALSE),

    /* kernel32: completion ports, the thread pool */
    HK32("CreateIoCompletionPort", NULL, HX, 0, 0, 0),
    /* a bad port to bind to is a bad parameter, not a bad handle */
    K32("CreateIoCompletionPort", NULL, ERROR_INVALID_PARAMETER, FILE_, HX, 1, 0),
    HK32("GetQueuedCompletionStatus", FALSE, HE, BUF, BUF2, BUF3, 0),
    HK32("GetQueuedCompletionStatusEx", FALSE, HE, BUF, 1, BUF2, 0, FALSE),
    K32("GetQueuedCompletionStatusEx", FALSE, ERROR_NOACCESS, PORT, PBAD, 1, BUF2, 0, FALSE),
    HK32("PostQueuedCompletionStatus", FALSE, HE, 0, 0, 0),
    HK32("BindIoCompletionCallback", FALSE, HX, FUNC, 0),

    /* kernel32: memory */
    K32("VirtualAlloc", NULL, ERROR_INVALID_PARAMETER, 0, 4096, 0, PAGE_READWRITE),
    K32("VirtualAlloc", NULL, ERROR_INVALID_PARAMETER, 0, 4096, MEM_COMMIT, 0x12345),
    K32("VirtualFree", FALSE, ERROR_INVALID_PARAMETER, BUF, 0, 0),
    K32("VirtualProtect", FALSE, ERROR_NOACCESS, BUF, 4096, PAGE_READWRITE, PBAD),
    K32("VirtualQuery", 0, ERROR_NOACCESS, BUF, PBAD, 48),

    /* advapi32 */
    REG("RegCloseKey", ERROR_INVALID_HANDLE, HA),
    REG("RegOpenKeyExW", ERROR_INVALID_HANDLE, HX, WSTR, 0, KEY_READ, BUF),
    REG("RegOpenKeyExA", ERROR_INVALID_HANDLE, HX, ASTR, 0, KEY_READ, BUF),
    REG("RegOpenKeyW", ERROR_INVALID_HANDLE, HX, WSTR, BUF),
    REG("RegOpenKeyA", ERROR_INVALID_HANDLE, HX, ASTR, BUF),
    REG("RegCreateKeyExW", ERROR_INVALID_HANDLE, HX, WSTR, 0, 0, 0, KEY_READ, 0, BUF, 0),
    REG("RegCreateKeyExA", ERROR_INVALID_HANDLE, HX, ASTR, 0, 0, 0, KEY_READ, 0, BUF, 0),
    REG("RegCreateKeyW", ERROR_INVALID_HANDLE, HX, WSTR, BUF),
    REG("RegCreateKeyA", ERROR_INVALID_HANDLE, HX, ASTR, BUF),
    REG("RegDeleteKeyW", ERROR_INVALID_HANDLE, HX, WSTR),
    REG("RegDeleteKeyA", ERROR_INVALID_HANDLE, HX, ASTR),
    REG("RegDeleteKeyExW", ERROR_INVALID_HANDLE, HX, WSTR, 0, 0),
    REG("RegDeleteKeyExA", ERROR_INVALID_HANDLE, HX, ASTR, 0, 0),
    REG("RegDeleteTreeW", ERROR_INVALID_HANDLE, HX, WSTR),
    REG("RegDeleteValueW", ERROR_INVALID_HANDLE, HX, WSTR),
    REG("RegDeleteValueA", ERROR_INVALID_HANDLE, HX, ASTR),
    REG("RegEnumKeyExW", ERROR_INVALID_HANDLE, HX, 0, BUF, DW64, 0, 0, 0, 0),
    REG("RegEnumKeyExA", ERROR_INVALID_HANDLE, HX, 0, BUF, DW64, 0, 0, 0, 0),
    REG("RegEnumValueW", ERROR_INVALID_HANDLE, HX, 0, BUF, DW64, 0, 0, 0, 0),
    REG("RegEnumValueA", ERROR_INVALID_HANDLE, HX, 0, BUF, DW64, 0, 0, 0, 0),
    REG("RegFlushKey", ERROR_INVALID_HANDLE, HX),
    REG("RegQueryInfoKeyW", ERROR_INVALID_HANDLE, HX, 0, 0, 0, BUF, 0, 0, 0, 0, 0, 0, 0),
    REG("RegQueryInfoKeyA", ERROR_INVALID_HANDLE, HX, 0, 0, 0, BUF, 0, 0, 0, 0, 0, 0, 0),
    REG("RegQueryValueExW", ERROR_INVALID_HANDLE, HX, WSTR, 0, 0, BUF, DW64),
    REG("RegQueryValueExA", ERROR_INVALID_HANDLE, HX, ASTR, 0, 0, BUF, DW64),
    REG("RegSetValueExW", ERROR_INVALID_HANDLE, HX, WSTR, 0, REG_DWORD, BUF, 4),
    REG("RegSetValueExA", ERROR_INVALID_HANDLE, HX, ASTR, 0, REG_DWORD, BUF, 4),
    REG("RegGetValueW", ERROR_INVALID_HANDLE, HX, 0, WSTR, RRF_RT_ANY, 0, BUF, DW64),
    REG("RegGetValueA", ERROR_INVALID_HANDLE, HX, 0, ASTR, RRF_RT_ANY, 0, BUF, DW64),
    ADV("OpenProcessToken", FALSE, ERROR_INVALID_HANDLE, HX, TOKEN_QUERY, BUF),
    ADV("OpenThreadToken", FALSE, ERROR_INVALID_HANDLE, HX, TOKEN_QUERY, 0, BUF),
    ADV("GetTokenInformation", FALSE, ERROR_INVALID_HANDLE, HX, TokenUser_, BUF, 64, BUF2),
    ADV("GetTokenInformation", FALSE, ERROR_NOACCESS, TOKEN, TokenUser_, PBAD, 64, BUF2),
    ADV("AdjustTokenPrivileges", FALSE, ERROR_INVALID_HANDLE, HX, 0, BUF, 0, 0, 0),

    /* ws2_32 */
    { "ws2_32", "WSAStartup", CK_ERR, WSAEFAULT, 0, { 0x202, 0 } },
};

const unsigned int row_count = sizeof(rows) / sizeof(rows[0]);

const struct wine_note wine_notes[] =
{
    { "NtQueryDirectoryFile", 1, 0, TRUE, "its Unix side writes the entries into a released region and the process ends" },
    { "NtQueryKey", 1, 0, TRUE, "its Unix side writes into the bad buffer and the process ends" },
    { "NtQueryInformationToken", 1, 0, TRUE, "its Unix side writes into the bad buffer and the process ends" },
    { "GetTokenInformation", 1, 0, TRUE, "its Unix side writes into the bad buffer and the process ends" },
    { "NtCreateFile", 4, 0, FALSE, "Wine parses the name as far as it reads and answers STATUS_OBJECT_PATH_SYNTAX_BAD" },
    { "NtQueryFullAttributesFile", 1, 0, FALSE, "Wine parses the name as far as it reads and answers STATUS_OBJECT_PATH_SYNTAX_BAD" },
    { "NtDeviceIoControlFile", 0, 0x4, FALSE, "Wine answers STATUS_INVALID_HANDLE for the process pseudo-handle" },
    { "NtLockFile", 0, 0, FALSE, "NtLockFile is a stub in Wine 8.0 (STATUS_NOT_IMPLEMENTED)" },
    { "NtLockFile", 1, 0, FALSE, "NtLockFile is a stub in Wine 8.0 (STATUS_NOT_IMPLEMENTED)" },
    { "NtUnlockFile", 0, 0, FALSE, "NtUnlockFile is a stub in Wine 8.0 (STATUS_NOT_IMPLEMENTED)" },
    { "NtAlertThread", 0, 0, FALSE, "NtAlertThread is a stub in Wine 8.0 (STATUS_NOT_IMPLEMENTED)" },
    { "NtCancelIoFile", 0, 0xc, FALSE, "Wine cancels nothing and succeeds on an object that is no file" },
    { "NtCancelIoFileEx", 0, 0xc, FALSE, "Wine cancels nothing and succeeds on an object that is no file" },
    { "CancelIo", 0, 0xc, FALSE, "Wine cancels nothing and succeeds on an object that is no file" },
    { "CancelIoEx", 0, 0xc, FALSE, "Wine cancels nothing and succeeds on an object that is no file" },
    { "SetProcessPriorityBoost", 0, 0, FALSE, "Wine 8.0 succeeds without looking at the handle" },
    { "GetProcessPriorityBoost", 0, 0, FALSE, "Wine 8.0 succeeds without looking at the handle" },
    { "ReleaseSemaphore", 2, 0, FALSE, "Wine releases a count of 0, which NtReleaseSemaphore refuses on Windows" },
    { "ReleaseSemaphore", 3, 0x2, FALSE, "Wine releases before it writes the previous count, so the next call finds the semaphore full" },
    { "RegCloseKey", 0, 0x1, FALSE, "Wine takes every value from 0x80000000 up for a predefined key" },
    { NULL }
};

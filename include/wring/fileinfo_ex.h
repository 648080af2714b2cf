/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The file information classes newer than Wine 8.0's headers (Windows 10 1709 and
 * later), which the Rust standard library uses to delete and rename: their
 * numbers, structures and flags, shared by the Unix side and kernel32.
 */
#ifndef WRING_FILEINFO_EX_H
#define WRING_FILEINFO_EX_H

#define FileDispositionInformationEx ((FILE_INFORMATION_CLASS)64)
#define FileRenameInformationEx ((FILE_INFORMATION_CLASS)65)

#define FILE_DISPOSITION_DO_NOT_DELETE              0x00000000
#define FILE_DISPOSITION_DELETE                     0x00000001
#define FILE_DISPOSITION_POSIX_SEMANTICS            0x00000002
#define FILE_DISPOSITION_FORCE_IMAGE_SECTION_CHECK  0x00000004
#define FILE_DISPOSITION_ON_CLOSE                   0x00000008
#define FILE_DISPOSITION_IGNORE_READONLY_ATTRIBUTE  0x00000010

#define FILE_RENAME_REPLACE_IF_EXISTS               0x00000001
#define FILE_RENAME_POSIX_SEMANTICS                 0x00000002
#define FILE_RENAME_IGNORE_READONLY_ATTRIBUTE       0x00000040

typedef struct
{
    ULONG Flags;
} FILE_DISPOSITION_INFORMATION_EX;

/* FILE_RENAME_INFORMATION with a ULONG of flags where that has its BOOLEAN */
typedef struct
{
    ULONG Flags;
    HANDLE RootDirectory;
    ULONG FileNameLength;
    WCHAR FileName[1];
} FILE_RENAME_INFORMATION_EX;

#endif

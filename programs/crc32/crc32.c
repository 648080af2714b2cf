/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * crc32: prints the CRC-32 and size of each file named on the command line,
 * reading them with CreateFile/ReadFile.  A small, real Windows console tool
 * to show Wring running an unmodified program.
 */
#include <stdio.h>
#include <windows.h>

static unsigned int table[256];

static void make_table(void)
{
    for (unsigned int i = 0; i < 256; i++)
    {
        unsigned int c = i;
        for (int k = 0; k < 8; k++) c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
        table[i] = c;
    }
}

static int sum_file(const char *name)
{
    static unsigned char buf[65536];
    unsigned int crc = 0xffffffffu;
    unsigned long long total = 0;
    DWORD got;
    HANDLE file = CreateFileA(name, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL);

    if (file == INVALID_HANDLE_VALUE)
    {
        fprintf(stderr, "crc32: %s: cannot open (error %lu)\n", name, GetLastError());
        return 1;
    }
    while (ReadFile(file, buf, sizeof(buf), &got, NULL) && got)
    {
        for (DWORD i = 0; i < got; i++) crc = table[(crc ^ buf[i]) & 0xff] ^ (crc >> 8);
        total += got;
    }
    CloseHandle(file);
    printf("%08x %12llu %s\n", crc ^ 0xffffffffu, total, name);
    return 0;
}

int main(int argc, char **argv)
{
    int failed = 0;
    if (argc < 2)
    {
        fprintf(stderr, "usage: crc32 FILE...\n");
        return 2;
    }
    make_table();
    for (int i = 1; i < argc; i++) failed |= sum_file(argv[i]);
    return failed;
}

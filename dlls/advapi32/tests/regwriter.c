/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * A helper for tests/registry.sh: writes or checks keys under
 * HKCU\Software\Wring test persist, so that two runs (persistence) or two
 * processes at once (concurrent writers) can be checked from the outside.
 *   regwriter set NAME DATA     the value NAME set to the string DATA
 *   regwriter get NAME          prints the string value NAME
 *   regwriter keys TAG COUNT    creates the subkeys TAG0 .. TAG<COUNT-1>
 *   regwriter count TAG         prints how many subkeys start with TAG
 *   regwriter clean             deletes the whole test key
 * Exit status 0 on success, 1 on a registry error (printed).
 */
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char base[] = "Software\\Wring test persist";

static int fail(const char *what, LSTATUS ret)
{
    printf("%s: error %ld\n", what, ret);
    return 1;
}

int main(int argc, char **argv)
{
    HKEY key, sub;
    LSTATUS ret;
    char name[64], data[256];
    DWORD len, size, type;

    if (argc > 1 && !strcmp(argv[1], "clean"))
    {
        ret = RegDeleteTreeW(HKEY_CURRENT_USER, L"Software\\Wring test persist");
        return ret && ret != ERROR_FILE_NOT_FOUND ? fail("RegDeleteTree", ret) : 0;
    }
    if ((ret = RegCreateKeyExA(HKEY_CURRENT_USER, base, 0, NULL, 0, KEY_ALL_ACCESS, NULL, &key, NULL)))
        return fail("RegCreateKeyEx", ret);
    if (argc == 4 && !strcmp(argv[1], "set"))
    {
        if ((ret = RegSetValueExA(key, argv[2], 0, REG_SZ, (BYTE *)argv[3], strlen(argv[3]) + 1)))
            return fail("RegSetValueEx", ret);
    }
    else if (argc == 3 && !strcmp(argv[1], "get"))
    {
        size = sizeof(data);
        if ((ret = RegQueryValueExA(key, argv[2], NULL, &type, (BYTE *)data, &size)))
            return fail("RegQueryValueEx", ret);
        printf("%s\n", data);
    }
    else if (argc == 4 && !strcmp(argv[1], "keys"))
    {
        for (int i = 0; i < atoi(argv[3]); i++)
        {
            snprintf(name, sizeof(name), "%s%d", argv[2], i);
            if ((ret = RegCreateKeyExA(key, name, 0, NULL, 0, KEY_ALL_ACCESS, NULL, &sub, NULL)))
                return fail("RegCreateKeyEx subkey", ret);
            RegCloseKey(sub);
        }
    }
    else if (argc == 3 && !strcmp(argv[1], "count"))
    {
        int count = 0;
        for (DWORD i = 0;; i++)
        {
            len = sizeof(name);
            if ((ret = RegEnumKeyExA(key, i, name, &len, NULL, NULL, NULL, NULL))) break;
            if (!strncmp(name, argv[2], strlen(argv[2]))) count++;
        }
        if (ret != ERROR_NO_MORE_ITEMS) return fail("RegEnumKeyEx", ret);
        printf("%d\n", count);
    }
    else
    {
        printf("usage: regwriter set NAME DATA | get NAME | keys TAG COUNT | count TAG | clean\n");
        return 2;
    }
    RegFlushKey(key);
    RegCloseKey(key);
    return 0;
}

/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * MessageBox in a console program, run by tests/msgbox.sh, which reads the
 * boxes on the standard error: prints the answer of each box on stdout.
 */
#include <stdio.h>
#include <windows.h>

int main(void)
{
    int ret;

    printf("%d\n", MessageBoxA(NULL, "plain text", "Caption", MB_OK | MB_ICONERROR));
    printf("%d\n", MessageBoxA(NULL, "second button", "Question", MB_YESNO | MB_DEFBUTTON2));
    printf("%d\n", MessageBoxW(NULL, L"wide \x00e9", NULL, MB_ABORTRETRYIGNORE | MB_DEFBUTTON3));
    printf("%d\n", MessageBoxExW(NULL, L"ex", L"Ex", MB_OKCANCEL, 0));
    SetLastError(0xdeadbeef);
    ret = MessageBoxA(NULL, "never shown", "Bad", 0x0f);
    printf("%d %lu\n", ret, GetLastError());
    fflush(stdout);
    return 0;
}

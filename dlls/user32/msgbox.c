/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * MessageBox for console programs: there is no desktop to show a window on,
 * so the caption and the text go to the standard error, one line, and the
 * answer is the box's default button, as if the user had pressed Enter.
 */
#include "user32_private.h"

/* The buttons of each MB_TYPEMASK value, in order; MB_DEFBUTTONn picks one. */
static const int buttons[][4] =
{
    [MB_OK] = { IDOK },
    [MB_OKCANCEL] = { IDOK, IDCANCEL },
    [MB_ABORTRETRYIGNORE] = { IDABORT, IDRETRY, IDIGNORE },
    [MB_YESNOCANCEL] = { IDYES, IDNO, IDCANCEL },
    [MB_YESNO] = { IDYES, IDNO },
    [MB_RETRYCANCEL] = { IDRETRY, IDCANCEL },
    [MB_CANCELTRYCONTINUE] = { IDCANCEL, IDTRYAGAIN, IDCONTINUE },
};

/* To a console as text; to a file or a pipe in the console's code page, as a program's output. */
static void write_err(const WCHAR *s)
{
    HANDLE err = GetStdHandle(STD_ERROR_HANDLE);
    char buf[512];
    DWORD written, mode;
    int len;

    if (GetConsoleMode(err, &mode))
    {
        WriteConsoleW(err, s, lstrlenW(s), &written, NULL);
        return;
    }
    while (*s)
    {
        /* a chunk that ends inside the text: convert at most what fits */
        int n = 0;
        while (s[n] && n < 128) n++;
        len = WideCharToMultiByte(GetConsoleOutputCP(), 0, s, n, buf, sizeof(buf), NULL, NULL);
        if (len > 0) WriteFile(err, buf, len, &written, NULL);
        s += n;
    }
}

INT WINAPI MessageBoxExW(HWND owner, LPCWSTR text, LPCWSTR caption, UINT type, WORD language)
{
    static const WCHAR error_caption[] = { 'E','r','r','o','r',0 }, sep[] = { ':',' ',0 }, nl[] = { '\n',0 };
    static const WCHAR empty[] = { 0 };
    UINT kind = type & MB_TYPEMASK, def = (type & MB_DEFMASK) >> 8;

    (void)owner; (void)language;
    if (kind >= ARRAYSIZE(buttons) || !buttons[kind][0] || def > 3)
    {
        SetLastError(ERROR_INVALID_MSGBOX_STYLE);
        return 0;
    }
    /* MB_HELP adds a Help button that is never the answer */
    if (!buttons[kind][def]) def = 0;
    write_err(caption ? caption : error_caption);
    write_err(sep);
    write_err(text ? text : empty);
    write_err(nl);
    return buttons[kind][def];
}

INT WINAPI MessageBoxW(HWND owner, LPCWSTR text, LPCWSTR caption, UINT type)
{
    return MessageBoxExW(owner, text, caption, type, 0);
}

static WCHAR *to_wide(const char *s)
{
    int len;
    WCHAR *w;
    if (!s) return NULL;
    len = MultiByteToWideChar(CP_ACP, 0, s, -1, NULL, 0);
    if (!(w = HeapAlloc(GetProcessHeap(), 0, len * sizeof(WCHAR)))) return NULL;
    MultiByteToWideChar(CP_ACP, 0, s, -1, w, len);
    return w;
}

INT WINAPI MessageBoxExA(HWND owner, LPCSTR text, LPCSTR caption, UINT type, WORD language)
{
    WCHAR *wtext = to_wide(text), *wcaption = to_wide(caption);
    int ret;
    if ((text && !wtext) || (caption && !wcaption)) ret = 0, SetLastError(ERROR_NOT_ENOUGH_MEMORY);
    else ret = MessageBoxExW(owner, wtext, wcaption, type, language);
    HeapFree(GetProcessHeap(), 0, wtext);
    HeapFree(GetProcessHeap(), 0, wcaption);
    return ret;
}

INT WINAPI MessageBoxA(HWND owner, LPCSTR text, LPCSTR caption, UINT type)
{
    return MessageBoxExA(owner, text, caption, type, 0);
}

/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The keyboard and window queries a console program's terminal library
 * (crossterm, as ast-grep links it) makes: the thread's keyboard layout,
 * ToUnicodeEx turning virtual keys into text with the US layout, and a window
 * handle that is no window.
 */
#include <windows.h>
#include "wine/test.h"

static int translate(UINT vk, BOOL shift, BOOL ctrl, BOOL caps, WCHAR *out, int len)
{
    BYTE state[256] = { 0 };
    HKL us = (HKL)(ULONG_PTR)0x04090409;

    if (shift) state[VK_SHIFT] = state[VK_LSHIFT] = 0x80;
    if (ctrl) state[VK_CONTROL] = state[VK_LCONTROL] = 0x80;
    if (caps) state[VK_CAPITAL] = 0x01;
    state[vk] = 0x80;
    memset(out, 0, len * sizeof(WCHAR));
    /* the scan code only says whether the key goes up (its high bit); the key is the vk */
    return ToUnicodeEx(vk, 0x1e, state, out, len, 0, us);
}

START_TEST(keyboard)
{
    static const struct { UINT vk; BOOL shift, ctrl, caps; WCHAR ch; } keys[] =
    {
        { 'A', FALSE, FALSE, FALSE, 'a' },
        { 'A', TRUE, FALSE, FALSE, 'A' },
        { 'Q', FALSE, FALSE, TRUE, 'Q' },
        { 'Q', TRUE, FALSE, TRUE, 'q' },
        { '1', FALSE, FALSE, FALSE, '1' },
        { '1', TRUE, FALSE, FALSE, '!' },
        { '1', FALSE, FALSE, TRUE, '1' },
        { VK_OEM_2, TRUE, FALSE, FALSE, '?' },
        { VK_OEM_PERIOD, FALSE, FALSE, FALSE, '.' },
        { VK_SPACE, FALSE, FALSE, FALSE, ' ' },
        { VK_RETURN, FALSE, FALSE, FALSE, '\r' },
        { VK_TAB, FALSE, FALSE, FALSE, '\t' },
        { VK_BACK, FALSE, FALSE, FALSE, '\b' },
        { VK_ESCAPE, FALSE, FALSE, FALSE, 0x1b },
        { 'C', FALSE, TRUE, FALSE, 0x03 },
        { VK_OEM_4, FALSE, TRUE, FALSE, 0x1b },
    };
    WCHAR out[4];
    DWORD pid = 0xdeadbeef;
    HKL layout = GetKeyboardLayout(0);
    int n;

    ok(layout != NULL, "no keyboard layout\n");
    ok(PRIMARYLANGID(LOWORD((ULONG_PTR)layout)) != 0, "layout %p has no language\n", layout);

    for (int i = 0; i < ARRAYSIZE(keys); i++)
    {
        winetest_push_context("vk %#x shift %d ctrl %d caps %d", keys[i].vk, keys[i].shift, keys[i].ctrl, keys[i].caps);
        n = translate(keys[i].vk, keys[i].shift, keys[i].ctrl, keys[i].caps, out, ARRAYSIZE(out));
        /* Wine 8.0 ignores Caps Lock when Shift is down: Windows' US layout lowers the letter */
        todo_wine_if(keys[i].shift && keys[i].caps)
        ok(n == 1 && out[0] == keys[i].ch, "%d characters, %s\n", n, wine_dbgstr_wn(out, n > 0 ? n : 0));
        winetest_pop_context();
    }
    /* keys that are no text */
    ok(translate(VK_LEFT, FALSE, FALSE, FALSE, out, ARRAYSIZE(out)) == 0, "the left arrow is text\n");
    ok(translate(VK_F1, FALSE, FALSE, FALSE, out, ARRAYSIZE(out)) == 0, "F1 is text\n");
    ok(translate(VK_SHIFT, TRUE, FALSE, FALSE, out, ARRAYSIZE(out)) == 0, "shift is text\n");

    SetLastError(0xdeadbeef);
    ok(GetWindowThreadProcessId((HWND)(ULONG_PTR)0xdead0, &pid) == 0, "a made-up window has a thread\n");
    ok(GetLastError() == ERROR_INVALID_WINDOW_HANDLE, "error %lu\n", GetLastError());
}

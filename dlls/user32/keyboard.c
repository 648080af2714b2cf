/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The keyboard as a console program's terminal library sees it: one layout, US
 * English (0x04090409), and ToUnicodeEx turning its virtual keys into text the
 * way Windows' US table does, Shift, Caps Lock and Ctrl included.  The US layout
 * has no dead keys and no AltGr, so nothing here keeps state between calls.
 */
#include "user32_private.h"

#define US_LAYOUT ((HKL)(ULONG_PTR)0x04090409)

HKL WINAPI GetKeyboardLayout(DWORD thread)
{
    (void)thread;   /* every thread has the one layout */
    return US_LAYOUT;
}

/* The punctuation keys: plain and shifted. */
static const struct { BYTE vk; WCHAR plain, shifted; } oem_keys[] =
{
    { VK_OEM_1, ';', ':' }, { VK_OEM_PLUS, '=', '+' }, { VK_OEM_COMMA, ',', '<' },
    { VK_OEM_MINUS, '-', '_' }, { VK_OEM_PERIOD, '.', '>' }, { VK_OEM_2, '/', '?' },
    { VK_OEM_3, '`', '~' }, { VK_OEM_4, '[', '{' }, { VK_OEM_5, '\\', '|' },
    { VK_OEM_6, ']', '}' }, { VK_OEM_7, '\'', '"' }, { VK_OEM_102, '\\', '|' },
    { VK_SPACE, ' ', ' ' }, { VK_MULTIPLY, '*', '*' }, { VK_ADD, '+', '+' },
    { VK_SUBTRACT, '-', '-' }, { VK_DECIMAL, '.', '.' }, { VK_DIVIDE, '/', '/' },
};

#define NO_CHAR 0xffff

/* What Ctrl makes of a key: a control character (Ctrl+Shift+2 is the null), or NO_CHAR. */
static WCHAR control_char(UINT vk, BOOL shift)
{
    if (vk >= 'A' && vk <= 'Z') return vk - 'A' + 1;
    switch (vk)
    {
    case VK_OEM_4: return shift ? NO_CHAR : 0x1b;
    case VK_OEM_5: return shift ? NO_CHAR : 0x1c;
    case VK_OEM_6: return shift ? NO_CHAR : 0x1d;
    case '2': return shift ? 0x00 : NO_CHAR;
    case '6': return shift ? 0x1e : NO_CHAR;
    case VK_OEM_MINUS: return shift ? 0x1f : NO_CHAR;
    case VK_SPACE: return ' ';
    case VK_RETURN: return '\n';
    case VK_BACK: return 0x7f;
    case VK_ESCAPE: return 0x1b;
    case VK_CANCEL: return 0x03;
    }
    return NO_CHAR;
}

/* The character of a key with the modifiers of state, or NO_CHAR. */
static WCHAR key_char(UINT vk, const BYTE *state)
{
    static const WCHAR shifted_digits[] = L")!@#$%^&*(";
    BOOL shift = (state[VK_SHIFT] & 0x80) != 0, caps = (state[VK_CAPITAL] & 1) != 0;
    BOOL ctrl = (state[VK_CONTROL] & 0x80) != 0, alt = (state[VK_MENU] & 0x80) != 0;

    /* Ctrl+Alt would be AltGr, which the US layout has nothing on */
    if (ctrl) return alt ? NO_CHAR : control_char(vk, shift);
    if (vk >= 'A' && vk <= 'Z') return shift != caps ? vk : vk + 0x20;
    if (vk >= '0' && vk <= '9') return shift ? shifted_digits[vk - '0'] : vk;
    if (vk >= VK_NUMPAD0 && vk <= VK_NUMPAD9) return '0' + vk - VK_NUMPAD0;
    for (size_t i = 0; i < ARRAYSIZE(oem_keys); i++)
        if (oem_keys[i].vk == vk) return shift ? oem_keys[i].shifted : oem_keys[i].plain;
    switch (vk)
    {
    case VK_RETURN: return '\r';
    case VK_TAB: return '\t';
    case VK_BACK: return '\b';
    case VK_ESCAPE: return 0x1b;
    }
    return NO_CHAR;
}

/* One character for a key going down, none for a key going up (the scan code's high bit) or
 * for a key that is no text. */
int WINAPI ToUnicodeEx(UINT vk, UINT scan, const BYTE *state, WCHAR *buffer, int count, UINT flags, HKL layout)
{
    WCHAR c;

    (void)flags;    /* no dead keys: nothing to keep or leave alone */
    (void)layout;   /* the US layout is the only one */
    if (!state || (scan & 0x8000) || vk > 0xff) return 0;
    if ((c = key_char(vk, state)) == NO_CHAR) return 0;
    if (count < 1 || !buffer) return 0;
    buffer[0] = c;
    if (count > 1) buffer[1] = 0;
    return 1;
}

// SPDX-License-Identifier: LGPL-2.1-or-later
//
// A C++ exception that would leave a noexcept function ends the process in std::terminate
// (tests/vcruntime-terminate.sh): "fh3", clang's own noexcept function, whose tables call
// vcruntime140's __std_terminate; "fh4", fh4_tables.S's, whose FH4 tables say noexcept to
// __CxxFrameHandler4.  Without the UCRT's terminate and abort the process ends with abort()'s
// 3, as with them.
extern "C" {
__declspec(dllimport) void *__stdcall GetStdHandle(unsigned long);
__declspec(dllimport) int __stdcall WriteFile(void *, const void *, unsigned long, unsigned long *, void *);
__declspec(dllimport) void __stdcall ExitProcess(unsigned int);
__declspec(dllimport) char *__stdcall GetCommandLineA(void);
void fh4_noexcept(void (*thrower)(void));
void fh4_make(char *) {}
void fh4_unmake(char *) {}
}

static void say(const char *s)
{
    unsigned long written, len = 0;
    while (s[len]) len++;
    WriteFile(GetStdHandle((unsigned long)-11), s, len, &written, nullptr);
}

__declspec(noinline) static void thrower() { throw 1; }
__declspec(noinline) static void clang_noexcept() noexcept { thrower(); }
// called through a pointer the compiler cannot see is noexcept, so the call is in main's try
static void (*volatile noexcept_function)() = clang_noexcept;

int main()
{
    const char *cmd = GetCommandLineA(), *last = cmd;

    for (const char *p = cmd; *p; p++) if (*p == ' ') last = p + 1;
    say("before\n");
    try
    {
        if (last[0] == 'f' && last[1] == 'h' && last[2] == '4') fh4_noexcept(thrower);
        else noexcept_function();
    }
    catch (...) { say("caught\n"); }
    say("after\n");
    return 0;
}

extern "C" void mainCRTStartup() { ExitProcess(main()); }
void operator delete(void *) noexcept {}
void operator delete(void *, unsigned long long) noexcept {}
__asm__(".section .rdata,\"dr\"\n.globl \"??_7type_info@@6B@\"\n\"??_7type_info@@6B@\":\n.quad 0\n.text\n");

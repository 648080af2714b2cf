// SPDX-License-Identifier: LGPL-2.1-or-later
//
// An exception nothing catches ends in std::terminate (tests/cxx-terminate.sh): libgcc's
// unwinder raises it, the dispatch finds no handler, the C runtime's top-level filter lets
// the raise return, and libstdc++ calls the terminate handler, which aborts (exit code 3).
#include <cstdio>
#include <cstdlib>
#include <exception>

int main()
{
    std::set_terminate([] {
        std::fputs("terminate handler\n", stdout);
        std::fflush(stdout);
        std::abort();
    });
    throw 1;
}

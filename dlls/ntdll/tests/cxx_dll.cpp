// SPDX-License-Identifier: LGPL-2.1-or-later
// A DLL that throws a C++ exception for cxx_eh_test.exe to catch.
#include <stdexcept>

namespace {
struct count_on_exit
{
    int *count;
    ~count_on_exit() { ++*count; }
};
}

extern "C" void cxx_dll_throw(int *destructed)
{
    count_on_exit guard{destructed};
    throw std::runtime_error("from the DLL");
}

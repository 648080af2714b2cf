/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * kernel32's resources over the exe's own resource.rc: lookups by id, by
 * name and by "#id", the three not-found errors, the language fallback of
 * FindResourceEx and FindResource, enumeration, and a DLL read as data
 * (LOAD_LIBRARY_AS_DATAFILE / LOAD_LIBRARY_AS_IMAGE_RESOURCE) whose code
 * never runs.
 */
#include <string.h>
#include <windows.h>
#include "wine/test.h"

/* The text of a resource found in the exe, or NULL. */
static const char *text_of(HMODULE module, HRSRC res)
{
    HGLOBAL mem;
    if (!res) return NULL;
    if (!(mem = LoadResource(module, res))) return NULL;
    return LockResource(mem);
}

static void test_find(void)
{
    HMODULE exe = GetModuleHandleW(NULL);
    const IMAGE_NT_HEADERS *nt = (const IMAGE_NT_HEADERS *)((char *)exe + ((IMAGE_DOS_HEADER *)exe)->e_lfanew);
    HRSRC res;
    const char *text;

    res = FindResourceW(NULL, MAKEINTRESOURCEW(1), (LPCWSTR)RT_RCDATA);
    ok(res != NULL, "FindResourceW by id: %lu\n", GetLastError());
    ok(SizeofResource(NULL, res) == sizeof("neutral one"), "size %lu\n", SizeofResource(NULL, res));
    text = text_of(NULL, res);
    ok(text && !strcmp(text, "neutral one"), "text %s\n", wine_dbgstr_a(text));
    /* the data is in the image itself, not a copy */
    ok((const char *)text > (const char *)exe && (const char *)text < (const char *)exe + nt->OptionalHeader.SizeOfImage,
       "resource at %p, image %p\n", text, exe);
    ok(FindResourceW(exe, MAKEINTRESOURCEW(1), (LPCWSTR)RT_RCDATA) == res, "the exe's handle finds the same\n");
    ok(!FreeResource(LoadResource(NULL, res)), "FreeResource has nothing to free\n");

    /* names are matched without regard to case; "#1" is id 1 */
    text = text_of(NULL, FindResourceA(NULL, "mydata", (LPCSTR)RT_RCDATA));
    ok(text && !strcmp(text, "by name"), "FindResourceA by name: %s\n", wine_dbgstr_a(text));
    text = text_of(NULL, FindResourceW(NULL, L"MyData", L"#10"));
    ok(text && !strcmp(text, "by name"), "FindResourceW with type #10: %s\n", wine_dbgstr_a(text));
    text = text_of(NULL, FindResourceA(NULL, "#1", (LPCSTR)RT_RCDATA));
    ok(text && !strcmp(text, "neutral one"), "FindResourceA #1: %s\n", wine_dbgstr_a(text));
    text = text_of(NULL, FindResourceW(NULL, MAKEINTRESOURCEW(300), L"customtype"));
    ok(text && !strcmp(text, "custom"), "named type: %s\n", wine_dbgstr_a(text));

    SetLastError(0xdeadbeef);
    ok(!FindResourceW(NULL, MAKEINTRESOURCEW(99), (LPCWSTR)RT_RCDATA), "id 99 found\n");
    ok(GetLastError() == ERROR_RESOURCE_NAME_NOT_FOUND, "missing id: %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ok(!FindResourceW(NULL, L"MYDATA", L"CUSTOMTYPE"), "name found in the wrong type\n");
    ok(GetLastError() == ERROR_RESOURCE_NAME_NOT_FOUND, "missing name: %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ok(!FindResourceA(NULL, "MYDATA", "NOSUCHTYPE"), "type found\n");
    ok(GetLastError() == ERROR_RESOURCE_TYPE_NOT_FOUND, "missing type: %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ok(!FindResourceW(NULL, MAKEINTRESOURCEW(1), (LPCWSTR)RT_BITMAP), "bitmap found\n");
    ok(GetLastError() == ERROR_RESOURCE_TYPE_NOT_FOUND, "missing id type: %lu\n", GetLastError());
}

static void test_languages(void)
{
    const char *text;

    /* an exact language wins; another one falls back to its neutral sublanguage, then to neutral */
    text = text_of(NULL, FindResourceExW(NULL, (LPCWSTR)RT_RCDATA, MAKEINTRESOURCEW(2),
                                         MAKELANGID(LANG_GERMAN, SUBLANG_GERMAN)));
    ok(text && !strcmp(text, "german"), "2 in German: %s\n", wine_dbgstr_a(text));
    text = text_of(NULL, FindResourceExW(NULL, (LPCWSTR)RT_RCDATA, MAKEINTRESOURCEW(2),
                                         MAKELANGID(LANG_ENGLISH, SUBLANG_ENGLISH_US)));
    ok(text && !strcmp(text, "neutral"), "2 in English: %s\n", wine_dbgstr_a(text));
    text = text_of(NULL, FindResourceExA(NULL, (LPCSTR)RT_RCDATA, MAKEINTRESOURCEA(4),
                                         MAKELANGID(LANG_GERMAN, SUBLANG_GERMAN_SWISS)));
    ok(text && !strcmp(text, "german neutral"), "4 in Swiss German: %s\n", wine_dbgstr_a(text));
    text = text_of(NULL, FindResourceExA(NULL, (LPCSTR)RT_RCDATA, MAKEINTRESOURCEA(4),
                                         MAKELANGID(LANG_FRENCH, SUBLANG_FRENCH)));
    ok(text && !strcmp(text, "french"), "4 in French: %s\n", wine_dbgstr_a(text));

    /* a named language with nothing to fall back to is not found */
    SetLastError(0xdeadbeef);
    ok(!FindResourceExW(NULL, (LPCWSTR)RT_RCDATA, MAKEINTRESOURCEW(3), MAKELANGID(LANG_ENGLISH, SUBLANG_ENGLISH_US)),
       "3 found in English\n");
    ok(GetLastError() == ERROR_RESOURCE_LANG_NOT_FOUND, "missing language: %lu\n", GetLastError());

    /* FindResource asks for the neutral language: neutral first, else the first there is */
    text = text_of(NULL, FindResourceW(NULL, MAKEINTRESOURCEW(2), (LPCWSTR)RT_RCDATA));
    ok(text && !strcmp(text, "neutral"), "2 without language: %s\n", wine_dbgstr_a(text));
    text = text_of(NULL, FindResourceW(NULL, MAKEINTRESOURCEW(3), (LPCWSTR)RT_RCDATA));
    ok(text && !strcmp(text, "only german"), "3 without language: %s\n", wine_dbgstr_a(text));
    text = text_of(NULL, FindResourceExW(NULL, (LPCWSTR)RT_RCDATA, MAKEINTRESOURCEW(3), 0));
    ok(text && !strcmp(text, "only german"), "3 with language 0: %s\n", wine_dbgstr_a(text));
}

struct seen
{
    int count;
    int stop_after;
    BOOL found_named, found_id;
    WORD langs[8];
};

static BOOL CALLBACK type_cb(HMODULE module, LPWSTR type, LONG_PTR param)
{
    struct seen *seen = (struct seen *)param;
    if (IS_INTRESOURCE(type)) seen->found_id |= type == (LPWSTR)RT_RCDATA;
    else seen->found_named |= !wcscmp(type, L"CUSTOMTYPE");
    return ++seen->count != seen->stop_after;
}

static BOOL CALLBACK name_cb(HMODULE module, LPCSTR type, LPSTR name, LONG_PTR param)
{
    struct seen *seen = (struct seen *)param;
    ok(type == (LPCSTR)RT_RCDATA, "type %p passed on\n", type);
    /* named entries come before ids */
    if (!seen->count) ok(!IS_INTRESOURCE(name) && !strcmp(name, "MYDATA"), "first name %p\n", name);
    else ok(IS_INTRESOURCE(name) && (ULONG_PTR)name == (ULONG_PTR)seen->count, "name %d is %p\n", seen->count, name);
    return ++seen->count != seen->stop_after;
}

static BOOL CALLBACK lang_cb(HMODULE module, LPCWSTR type, LPCWSTR name, WORD lang, LONG_PTR param)
{
    struct seen *seen = (struct seen *)param;
    if (seen->count < ARRAY_SIZE(seen->langs)) seen->langs[seen->count] = lang;
    return ++seen->count != seen->stop_after;
}

static void test_enum(void)
{
    struct seen seen = { 0 };
    BOOL ret;

    ret = EnumResourceTypesW(NULL, type_cb, (LONG_PTR)&seen);
    ok(ret, "EnumResourceTypesW: %lu\n", GetLastError());
    ok(seen.found_id && seen.found_named, "types: RT_RCDATA %d CUSTOMTYPE %d\n", seen.found_id, seen.found_named);

    memset(&seen, 0, sizeof(seen));
    ret = EnumResourceNamesA(NULL, (LPCSTR)RT_RCDATA, name_cb, (LONG_PTR)&seen);
    ok(ret, "EnumResourceNamesA: %lu\n", GetLastError());
    ok(seen.count == 5, "%d names\n", seen.count);

    /* the callback stops the walk */
    memset(&seen, 0, sizeof(seen));
    seen.stop_after = 2;
    EnumResourceNamesA(NULL, (LPCSTR)RT_RCDATA, name_cb, (LONG_PTR)&seen);
    ok(seen.count == 2, "stopped after %d names\n", seen.count);

    memset(&seen, 0, sizeof(seen));
    ret = EnumResourceLanguagesW(NULL, (LPCWSTR)RT_RCDATA, MAKEINTRESOURCEW(2), lang_cb, (LONG_PTR)&seen);
    ok(ret, "EnumResourceLanguagesW: %lu\n", GetLastError());
    ok(seen.count == 2 && seen.langs[0] == MAKELANGID(LANG_NEUTRAL, SUBLANG_NEUTRAL) &&
       seen.langs[1] == MAKELANGID(LANG_GERMAN, SUBLANG_GERMAN),
       "%d languages: %04x %04x\n", seen.count, seen.langs[0], seen.langs[1]);

    SetLastError(0xdeadbeef);
    ok(!EnumResourceNamesW(NULL, L"NOSUCHTYPE", (ENUMRESNAMEPROCW)name_cb, (LONG_PTR)&seen), "missing type enumerated\n");
    ok(GetLastError() == ERROR_RESOURCE_TYPE_NOT_FOUND, "missing type: %lu\n", GetLastError());
}

static void test_datafile(void)
{
    HMODULE module;
    const char *text;
    char path[MAX_PATH];
    HANDLE file;
    DWORD done;

    SetLastError(0xdeadbeef);
    module = LoadLibraryExW(L"resource_dll.dll", NULL, LOAD_LIBRARY_AS_DATAFILE);
    ok(module != NULL, "LoadLibraryExW as data: %lu\n", GetLastError());
    if (!module) return;
    ok((ULONG_PTR)module & 1, "a data file's handle %p has bit 0 set\n", module);
    ok(!GetModuleHandleW(L"resource_dll.dll"), "a data file is no loaded module\n");
    ok(!GetProcAddress(module, "resource_dll_export"), "a data file has no callable exports\n");
    text = text_of(module, FindResourceW(module, MAKEINTRESOURCEW(7), (LPCWSTR)RT_RCDATA));
    ok(text && !strcmp(text, "from the file"), "data file resource: %s\n", wine_dbgstr_a(text));
    SetLastError(0xdeadbeef);
    ok(!FindResourceW(module, MAKEINTRESOURCEW(1), (LPCWSTR)RT_RCDATA), "the exe's resource in the DLL\n");
    ok(GetLastError() == ERROR_RESOURCE_NAME_NOT_FOUND, "missing id in data file: %lu\n", GetLastError());
    ok(FreeLibrary(module), "FreeLibrary of a data file: %lu\n", GetLastError());

    module = LoadLibraryExA("resource_dll.dll", NULL, LOAD_LIBRARY_AS_IMAGE_RESOURCE | LOAD_LIBRARY_AS_DATAFILE);
    ok(module != NULL, "LoadLibraryExA as image resource: %lu\n", GetLastError());
    if (module)
    {
        ok(((ULONG_PTR)module & 3) == 2, "an image resource's handle %p has bit 1 set\n", module);
        text = text_of(module, FindResourceA(module, "#7", (LPCSTR)RT_RCDATA));
        ok(text && !strcmp(text, "from the file"), "image resource: %s\n", wine_dbgstr_a(text));
        ok(FreeLibrary(module), "FreeLibrary of an image resource: %lu\n", GetLastError());
    }

    /* loaded to run, its DllMain refuses: the loads above never called it */
    module = LoadLibraryExW(L"resource_dll.dll", NULL, 0);
    ok(!module, "resource_dll.dll loaded although its DllMain fails\n");

    /* a file that is no PE image */
    GetTempPathA(sizeof(path), path);
    strcat(path, "wring_not_pe.dll");
    file = CreateFileA(path, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    ok(file != INVALID_HANDLE_VALUE, "CreateFileA: %lu\n", GetLastError());
    WriteFile(file, "this is not an executable, only some text for the loader to refuse", 67, &done, NULL);
    CloseHandle(file);
    SetLastError(0xdeadbeef);
    ok(!LoadLibraryExA(path, NULL, LOAD_LIBRARY_AS_DATAFILE), "a text file loaded as data\n");
    ok(GetLastError() == ERROR_BAD_EXE_FORMAT, "text file: %lu\n", GetLastError());
    DeleteFileA(path);
}

static void test_no_resources(void)
{
    HMODULE module = LoadLibraryW(L"loader_ord.dll");
    if (!module)
    {
        skip("loader_ord.dll: %lu\n", GetLastError());
        return;
    }
    SetLastError(0xdeadbeef);
    ok(!FindResourceW(module, MAKEINTRESOURCEW(1), (LPCWSTR)RT_RCDATA), "a resource in a DLL without any\n");
    ok(GetLastError() == ERROR_RESOURCE_DATA_NOT_FOUND, "no resource section: %lu\n", GetLastError());
    FreeLibrary(module);
}

START_TEST(resource)
{
    test_find();
    test_languages();
    test_enum();
    test_datafile();
    test_no_resources();
}

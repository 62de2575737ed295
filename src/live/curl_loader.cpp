// libcurl, loaded when the first live call needs it (`import --endpoint`, `drift`, `verify`)
// instead of at every start of the tool.
//
// Why: linking libcurl makes the dynamic loader map and relocate it and its ~28 libraries
// (GnuTLS, Kerberos, LDAP, SSH, ...) before main(), in every process: ~19 of the tool's ~26
// CPU-ms per start, measured with `perf stat -r 30` on a two-line program with and without
// -lcurl. `validate` in a pre-commit hook and the tests, which start the tool thousands of
// times, never call libcurl.
//
// How: the generated runtime (templates/cpp/runtime.cpp.mustache) calls the eight libcurl
// functions below; the tool links this file instead of libcurl, and each function forwards to
// libcurl's own, found with dlopen("libcurl.so.4") + dlsym on first use. libcurl itself does
// all the work. The variadic setopt/getinfo forward their one argument by the type libcurl
// encodes in the option number (curl/curl.h: CURLOPTTYPE_* and CURLINFO_* masks), as libcurl's
// own curl_easy_setopt reads it. Generated accessors link libcurl as usual; this file is the
// tool's only.
// curl/typecheck-gcc.h would make curl_easy_setopt and curl_easy_getinfo macros: this file
// defines the functions themselves.
#define CURL_DISABLE_TYPECHECK
#include <curl/curl.h>
#include <dlfcn.h>

#include <cstdarg>
#include <mutex>
#include <string>

#include "live/curl_loader.hpp"

namespace dynamodel::live {
namespace {

/// libcurl's soname on Debian 12 (package libcurl4, which the .deb depends on).
constexpr const char* kLibcurl = "libcurl.so.4";

struct Libcurl {
  void* handle = nullptr;
  std::string error;  // why it could not be loaded; empty when loaded
  CURLcode (*global_init)(long) = nullptr;
  CURL* (*easy_init)() = nullptr;
  CURLcode (*easy_setopt)(CURL*, CURLoption, ...) = nullptr;
  CURLcode (*easy_perform)(CURL*) = nullptr;
  CURLcode (*easy_getinfo)(CURL*, CURLINFO, ...) = nullptr;
  void (*easy_cleanup)(CURL*) = nullptr;
  const char* (*easy_strerror)(CURLcode) = nullptr;
  curl_slist* (*slist_append)(curl_slist*, const char*) = nullptr;
  void (*slist_free_all)(curl_slist*) = nullptr;
};

template <typename F>
bool bind(Libcurl& lib, F& slot, const char* name) {
  slot = reinterpret_cast<F>(dlsym(lib.handle, name));
  if (slot == nullptr && lib.error.empty()) lib.error = std::string(kLibcurl) + " has no " + name;
  return slot != nullptr;
}

const Libcurl& libcurl() {
  static Libcurl lib;
  static std::once_flag once;
  std::call_once(once, [] {
    lib.handle = dlopen(kLibcurl, RTLD_NOW | RTLD_LOCAL);
    if (lib.handle == nullptr) {
      const char* why = dlerror();
      lib.error = why != nullptr ? why : std::string(kLibcurl) + " cannot be loaded";
      return;
    }
    bool all = bind(lib, lib.global_init, "curl_global_init") && bind(lib, lib.easy_init, "curl_easy_init") &&
               bind(lib, lib.easy_setopt, "curl_easy_setopt") && bind(lib, lib.easy_perform, "curl_easy_perform") &&
               bind(lib, lib.easy_getinfo, "curl_easy_getinfo") && bind(lib, lib.easy_cleanup, "curl_easy_cleanup") &&
               bind(lib, lib.easy_strerror, "curl_easy_strerror") && bind(lib, lib.slist_append, "curl_slist_append") &&
               bind(lib, lib.slist_free_all, "curl_slist_free_all");
    if (!all) {
      dlclose(lib.handle);
      lib.handle = nullptr;
    }
  });
  return lib;
}

}  // namespace

std::string libcurl_load_error() { return libcurl().error; }

}  // namespace dynamodel::live

using dynamodel::live::libcurl;

// va_start after an enum parameter: the signatures are libcurl's own (curl/curl.h), and libcurl's
// curl_easy_setopt does the same; CURLoption and CURLINFO are int-sized enums.
#ifdef __clang__
#pragma clang diagnostic ignored "-Wvarargs"
#endif

// The libcurl API (https://curl.se/libcurl/c/), forwarded. Before a successful load only
// curl_global_init and curl_easy_init are reachable (the runtime calls them first and stops on
// their failure); the others then do nothing.
extern "C" {

CURLcode curl_global_init(long flags) {
  return libcurl().global_init != nullptr ? libcurl().global_init(flags) : CURLE_FAILED_INIT;
}

CURL* curl_easy_init() { return libcurl().easy_init != nullptr ? libcurl().easy_init() : nullptr; }

CURLcode curl_easy_setopt(CURL* curl, CURLoption option, ...) {
  if (libcurl().easy_setopt == nullptr) return CURLE_FAILED_INIT;
  va_list args;
  va_start(args, option);
  CURLcode result = CURLE_OK;
  // https://curl.se/libcurl/c/curl_easy_setopt.html: the option number says the argument's type.
  // The long and curl_off_t branches are the same code where curl_off_t is long (64-bit Linux).
  if (option < CURLOPTTYPE_OBJECTPOINT) {  // NOLINT(bugprone-branch-clone)
    result = libcurl().easy_setopt(curl, option, va_arg(args, long));
  } else if (option >= CURLOPTTYPE_OFF_T && option < CURLOPTTYPE_BLOB) {
    result = libcurl().easy_setopt(curl, option, va_arg(args, curl_off_t));
  } else {
    // Objects, strings, function pointers, slists and blobs are passed as one pointer.
    result = libcurl().easy_setopt(curl, option, va_arg(args, void*));
  }
  va_end(args);
  return result;
}

CURLcode curl_easy_perform(CURL* curl) {
  return libcurl().easy_perform != nullptr ? libcurl().easy_perform(curl) : CURLE_FAILED_INIT;
}

CURLcode curl_easy_getinfo(CURL* curl, CURLINFO info, ...) {
  if (libcurl().easy_getinfo == nullptr) return CURLE_FAILED_INIT;
  // https://curl.se/libcurl/c/curl_easy_getinfo.html: every info takes one pointer to its result.
  va_list args;
  va_start(args, info);
  CURLcode result = libcurl().easy_getinfo(curl, info, va_arg(args, void*));
  va_end(args);
  return result;
}

void curl_easy_cleanup(CURL* curl) {
  if (libcurl().easy_cleanup != nullptr) libcurl().easy_cleanup(curl);
}

const char* curl_easy_strerror(CURLcode code) {
  return libcurl().easy_strerror != nullptr ? libcurl().easy_strerror(code) : "libcurl is not loaded";
}

curl_slist* curl_slist_append(curl_slist* list, const char* text) {
  return libcurl().slist_append != nullptr ? libcurl().slist_append(list, text) : nullptr;
}

void curl_slist_free_all(curl_slist* list) {
  if (libcurl().slist_free_all != nullptr) libcurl().slist_free_all(list);
}

}  // extern "C"

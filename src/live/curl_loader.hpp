// libcurl, loaded on first use (curl_loader.cpp says why and how).
#pragma once

#include <string>

namespace dynamodel::live {

/// Loads libcurl.so.4 if not yet tried; empty when it is loaded, else why it is not (dlerror's
/// text, e.g. "libcurl.so.4: cannot open shared object file: No such file or directory").
std::string libcurl_load_error();

}  // namespace dynamodel::live

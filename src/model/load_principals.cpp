// The loader's reader of `principals:`: each named caller of the table, the access patterns it
// performs (names or ids, checked by the iam/* rules), the stream consumers whose functions run as
// it, its `leading_keys` and `attributes`.
#include <algorithm>
#include <string>
#include <vector>

#include "model/load_kinds.hpp"

namespace dynamodel::load {
namespace {

/// A principal's name becomes a file name (`<principal>.policy.json`), a CloudFormation logical
/// id, a Terraform resource name and part of an IAM policy name (at most 128 of [\w+=,.@-]):
/// lowercase letters, digits and '-', a letter first, at most 64 characters.
/// https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreatePolicy.html
bool is_principal_name(const std::string& name) {
  return !name.empty() && name.size() <= 64 && name[0] >= 'a' && name[0] <= 'z' &&
         std::ranges::all_of(name, [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

Principal principal(Reader& r, const std::string& name, const Field& in, const Location& name_loc) {
  Principal p;
  p.name = name;
  const auto o = r.object(in, "principal", p.source);
  if (!o) return p;
  p.source.location = name_loc;
  if (!is_principal_name(name))
    r.invalid(name_loc, in.path,
              "principal name '" + name +
                  "' must be lowercase letters, digits and '-', a letter first, at most 64 characters (it names "
                  "policies and files)");
  if (auto f = r.field(*o, "patterns")) p.patterns = r.string_list(*f, false, &p.pattern_locations);
  if (auto f = r.field(*o, "stream_consumers"))
    p.stream_consumers = r.string_list(*f, false, &p.stream_consumer_locations);
  if (auto f = r.field(*o, "leading_keys")) {
    r.each_named(*f, [&](const std::string& placeholder, const Field& value, const Location& at) {
      if (auto v = r.string_value(value)) {
        if (v->empty())
          r.invalid(value,
                    "a leading key's value must not be empty: give a policy variable such as "
                    "\"${aws:PrincipalTag/userId}\"");
        else
          p.leading_keys.push_back({placeholder, *v, at});
      }
    });
  }
  if (auto f = r.field(*o, "attributes"))
    if (auto v = r.enum_value(*f, {"all", "projected"}))
      p.attributes = *v == "projected" ? PrincipalAttributes::projected : PrincipalAttributes::all;
  return p;
}

}  // namespace

std::vector<Principal> principals(Reader& r, const Field& in) {
  std::vector<Principal> out;
  r.each_named(in, [&](const std::string& name, const Field& value, const Location& name_loc) {
    out.push_back(principal(r, name, value, name_loc));
  });
  return out;
}

}  // namespace dynamodel::load

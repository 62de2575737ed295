// The loader's reader of `operations.backups`: an AWS Backup plan for the table, or `none`.
// The loader checks shapes only; the AWS bounds of the numbers, the schedule and the vault name
// are rule operations/backup-bounds's, so that every finding has its rule and location.
#include "model/load_kinds.hpp"

namespace dynamodel::load {

Backups backups(Reader& r, const Field& in) {
  Backups b;
  b.stated = true;
  // `backups: none` says "no AWS Backup plan" as plainly as `backups: {enabled: false}`.
  if (in.node.IsScalar() && in.node.Tag() != "!" && in.node.Scalar() == "none") {
    b.source.path = in.path;
    b.source.location = r.loc_or(in.node, in.at);
    return b;
  }
  const auto o = r.object(in, "backups", b.source);
  if (!o) return b;
  b.enabled = true;
  if (auto f = r.field(*o, "enabled")) b.enabled = r.bool_value(*f).value_or(true);
  if (auto f = r.field(*o, "schedule")) {
    b.schedule = r.string_value(*f).value_or("");
    if (b.schedule.empty()) r.invalid(*f, "schedule must be a cron(...) expression (UTC)");
  }
  if (auto f = r.field(*o, "retention_days")) b.retention_days = r.int_value(*f, INT32_MIN, INT32_MAX).value_or(35);
  if (auto f = r.field(*o, "cold_storage_after_days"))
    b.cold_storage_after_days = r.int_value(*f, INT32_MIN, INT32_MAX);
  if (auto f = r.field(*o, "vault")) {
    b.vault = r.string_value(*f).value_or("create");
    if (b.vault.empty()) r.invalid(*f, "vault must be create (a vault is generated) or the name of a vault");
  }
  if (auto f = r.field(*o, "role")) {
    b.role = r.string_value(*f).value_or("");
    if (!(b.role.starts_with("arn:") && b.role.find(":iam::") != std::string::npos &&
          b.role.find(":role/") != std::string::npos))
      r.invalid(*f, "role must be the ARN of an IAM role (arn:aws:iam::<account>:role/<name>)");
  }
  return b;
}

}  // namespace dynamodel::load

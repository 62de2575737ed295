// table/encryption-cmk: advice to encrypt with a customer managed KMS key.
#include "rules/rule.hpp"

namespace dynamodel {
extern const Rule kTableEncryptionCmk = {
    {"table/encryption-cmk", Severity::info, "no customer-managed KMS key (checkov CKV_AWS_119, trivy AVD-AWS-0025)",
     "Every table is encrypted at rest, but only with a customer managed key do you control the key "
     "policy, can disable or revoke the key, and see each use in CloudTrail; compliance rules often ask "
     "for it. It costs a KMS key and its requests. Only a table that states no `encryption` is noted: a "
     "stated AWS_OWNED or AWS_MANAGED is a choice the review respects.",
     "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/EncryptionAtRest.html",
     "table:\n  encryption: AWS_OWNED\n",
     "table:\n  encryption: {kms_key_arn: "
     "\"arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab\"}\n",
     "checkov CKV_AWS_119, trivy AVD-AWS-0025"},
    [](const Model& m, const Analysis&, Findings& f) {
      const Encryption& e = m.table.encryption;
      // A stated `encryption:` is a choice the review respects; only the unstated default is noted.
      if (e.type == EncryptionType::CUSTOMER_MANAGED || m.table.source.fields.count("encryption")) return;
      const std::string now = e.type == EncryptionType::AWS_OWNED
                                  ? "an AWS owned key (the default): its use is not visible in CloudTrail and you "
                                    "cannot control or revoke it"
                                  : "the AWS managed key aws/dynamodb: its use shows in CloudTrail, but you cannot "
                                    "change its key policy or disable it";
      f.report(m.table.source.at("encryption"), "table.encryption",
               "the table is encrypted with " + now +
                   "; if the data needs that control, use encryption: {kms_key_arn: ...} (a customer managed key), "
                   "else state encryption: AWS_OWNED to record the choice");
      f.fix("Set table.encryption: " + std::string(to_string(e.type)) + " to record that " + m.table.name +
            " keeps this key, or table.encryption: {kms_key_arn: <your key's ARN>} for a customer managed key.");
    }};
}  // namespace dynamodel

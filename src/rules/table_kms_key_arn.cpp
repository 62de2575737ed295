// table/kms-key-arn: kms_key_arn must be a KMS key (or alias) ARN that every target can use.
#include "gen/deployed.hpp"
#include "rules/rule.hpp"

namespace dynamodel {
extern const Rule kTableKmsKeyArn = {
    {"table/kms-key-arn", Severity::error,
     "`kms_key_arn` is not `arn:PARTITION:kms:REGION:ACCOUNT:key/ID` (or `.../alias/NAME`)",
     "DynamoDB takes the KMS key as a key ID, key ARN, alias name or alias ARN; dynamodel asks for the ARN, "
     "so that every target names the same key in the same Region and account. The CDK target splits it "
     "(Key.fromKeyArn) into Region, account and key, and an ARN without those parts, or of another service, "
     "cannot be deployed.",
     "https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#key-id-key-ARN",
     "table:\n  encryption: {kms_key_arn: \"arn:aws:kms:us-east-1:111122223333:1234abcd\"}\n",
     "table:\n  encryption: {kms_key_arn: "
     "\"arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab\"}\n",
     ""},
    [](const Model& m, const Analysis&, Findings& f) {
      const Encryption& e = m.table.encryption;
      if (e.type != EncryptionType::CUSTOMER_MANAGED || is_kms_key_arn(e.kms_key_arn)) return;
      // Empty, or not an ARN at all: the loader reported schema/invalid-value already.
      if (e.kms_key_arn.rfind("arn:", 0) != 0) return;
      f.report(e.source.at("kms_key_arn"), "table.encryption.kms_key_arn",
               "'" + e.kms_key_arn +
                   "' is not a KMS key ARN: write arn:PARTITION:kms:REGION:ACCOUNT:key/KEY-ID (or .../alias/NAME), "
                   "with no part empty");
    }};
}  // namespace dynamodel

// table/replica-encryption: a global table cannot use one customer-managed KMS key.
#include "rules/rule.hpp"

namespace dynamodel {
extern const Rule kTableReplicaEncryption = {
    {"table/replica-encryption", Severity::error, "replicas declared with a customer-managed KMS key (`kms_key_arn`)",
     "A KMS key belongs to one Region, so the one key of `kms_key_arn` cannot encrypt the replicas in the "
     "other Regions: each replica needs a key of its own Region, which the model cannot name. No target can "
     "deploy it (CloudFormation, Terraform, the CDK and the AWS CLI script all refuse); use encryption "
     "AWS_MANAGED with replicas, or deploy each Region's replica outside dynamodel with its own key.",
     "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/V2globaltables_reqs_bestpractices.html",
     "table:\n  replicas: [eu-west-1]\n"
     "  encryption: {kms_key_arn: \"arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab\"}\n",
     "table:\n  replicas: [eu-west-1]\n  encryption: AWS_MANAGED\n", ""},
    [](const Model& m, const Analysis&, Findings& f) {
      const Table& t = m.table;
      if (t.replicas.empty() || t.encryption.type != EncryptionType::CUSTOMER_MANAGED) return;
      f.report(t.source.at("encryption"), "table.encryption",
               "a customer-managed KMS key belongs to one Region, so it cannot encrypt the replicas in " +
                   std::to_string(t.replicas.size()) +
                   " other Region(s); use encryption: AWS_MANAGED with replicas, or deploy each Region's replica "
                   "with its own key",
               {Note{t.source.at("replicas"), "replicas are declared here"}});
    }};
}  // namespace dynamodel

"""The IAM policy documents of every target, reduced to one comparable form (issue 17).

`canonical(document, resource)` takes a policy document as the consuming tool reads it (the iam
target's JSON, a CloudFormation or synthesized CDK template's PolicyDocument, Terraform's
aws_iam_policy_document as @cdktf/hcl2json parses it, or what `aws iam get-policy-version` returns
after create-policies.sh) and a function that maps each Resource value (a string or an
intrinsic) to `TABLE`, `TABLE/index/NAME` or the KMS key ARN. Lists become lists (IAM allows a
single string for Action, Resource and condition values), statements keep their order.
"""
import json


def _list(v):
    return v if isinstance(v, list) else [v]


def canonical(document, resource):
    out = []
    for s in document["Statement"]:
        cond = {}
        for op, keys in (s.get("Condition") or {}).items():
            cond[op] = {k: _list(v) for k, v in keys.items()}
        out.append({"Sid": s.get("Sid"), "Effect": s["Effect"], "Action": sorted(_list(s["Action"])),
                    "Resource": [resource(r) for r in _list(s["Resource"])], "Condition": cond})
    return json.loads(json.dumps(out, sort_keys=True))


def iam_target_resource(table_name):
    """The iam target's ARNs (arn:aws:dynamodb:*:*:table/*-<table>[/index/NAME])."""
    prefix = "arn:aws:dynamodb:*:*:table/*-" + table_name

    def resolve(r):
        return "TABLE" + r[len(prefix):] if isinstance(r, str) and r.startswith(prefix) else r
    return resolve


def arn_resource(table_arn):
    """A deployed table's real ARN (CLI on moto)."""
    def resolve(r):
        return "TABLE" + r[len(table_arn):] if isinstance(r, str) and r.startswith(table_arn) else r
    return resolve


def cloudformation_resource(table_logical_id_prefix="Table"):
    """{"Fn::GetAtt": [Table, Arn]} / {"Fn::Sub": "${Table.Arn}/index/X"} (our template) and CDK's
    {"Fn::GetAtt": [TableXXXX, "Arn"]} / {"Fn::Join": ["", [GetAtt, "/index/X"]]}."""
    def resolve(r):
        if isinstance(r, dict):
            if "Fn::GetAtt" in r:
                att = r["Fn::GetAtt"]
                att = att.split(".") if isinstance(att, str) else att
                if att[0].startswith(table_logical_id_prefix) and att[1] == "Arn":
                    return "TABLE"
            if "Fn::Sub" in r and isinstance(r["Fn::Sub"], str) and r["Fn::Sub"].startswith("${Table.Arn}"):
                return "TABLE" + r["Fn::Sub"][len("${Table.Arn}"):]
            if "Fn::Join" in r and r["Fn::Join"][0] == "":
                parts = [resolve(p) for p in r["Fn::Join"][1]]
                if all(isinstance(p, str) for p in parts):
                    return "".join(parts)
        return r
    return resolve


def _hcl_text(s):
    """A quoted HCL string as hcl2json prints it (no interpolation) -> its value."""
    return s.replace("$${", "${").replace("%%{", "%{")


def terraform_document(data_block, table_arn_expr):
    """An `aws_iam_policy_document` body as hcl2json gives it -> a policy document."""
    statements = []
    for st in data_block.get("statement", []):
        cond = {}
        for c in st.get("condition", []):
            cond.setdefault(_hcl_text(c["test"]), {})[_hcl_text(c["variable"])] = [_hcl_text(v) for v in c["values"]]
        res = []
        for r in st["resources"]:
            if r == "${" + table_arn_expr + "}":
                res.append("TABLE")
            elif r.startswith("${" + table_arn_expr + "}"):
                res.append("TABLE" + r[len("${" + table_arn_expr + "}"):])
            else:
                res.append(_hcl_text(r))
        s = {"Sid": _hcl_text(st["sid"]), "Effect": st["effect"], "Action": [_hcl_text(a) for a in st["actions"]],
             "Resource": res}
        if cond:
            s["Condition"] = cond
        statements.append(s)
    return {"Statement": statements}

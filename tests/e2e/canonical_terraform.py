"""The Terraform reducer of the parity test: generated .tf files, parsed by @cdktf/hcl2json,
reduced to canonical.py's table description.

    from_terraform(hcl_json_by_file, environment=None, module_name_tag=True)

`hcl_json_by_file` maps file names to hcl2json's output for each (main.tf, variables.tf,
outputs.tf of one model). hcl2json keeps expressions as "${...}" text and keeps HCL's escapes of
literal template sequences (`$${`, `%%{`); this module resolves the few expressions dynamodel
writes (var.*, local.*, the table's name, merge(local.x, var.y)) and undoes those escapes.
Anything else is an error, so an unexpected expression cannot pass unnoticed.

Both flavours are understood: an aws_dynamodb_table resource (with aws_appautoscaling_*
resources), or a call of the registry module terraform-aws-modules/dynamodb-table/aws (4.x
inputs; the module tags the table `Name = <table name>`, which is added to the tags when
`module_name_tag` is true, as the deployed table would show it).
"""

import json
import re

from canonical import empty_settings, policy_key

TABLE_REF = "aws_dynamodb_table.table.name"
MODULE_REF = "module.dynamodb_table.dynamodb_table_id"


class Unresolved(ValueError):
    pass


def _merge_blocks(files, kind):
    """hcl2json gives `variable`/`resource`/`module` as {type: {name: [body]}} or {name: [body]},
    and `locals` as a list of bodies; merges them over all files."""
    out = {}
    for doc in files.values():
        part = doc.get(kind)
        if kind == "locals":
            for body in part or []:
                out.update(body)
        elif isinstance(part, dict):
            for k, v in part.items():
                if isinstance(v, dict):
                    out.setdefault(k, {}).update(v)
                else:
                    out[k] = v
    return out


class _Scope:
    def __init__(self, files, environment):
        self.variables = {n: (b[0].get("default") if b else None) for n, b in _merge_blocks(files, "variable").items()}
        if environment is not None:
            self.variables["environment"] = environment
        self.locals = _merge_blocks(files, "locals")
        self.refs = {}

    def expression(self, expr):
        expr = expr.strip()
        m = re.fullmatch(r"var\.([A-Za-z_][A-Za-z0-9_]*)", expr)
        if m and m.group(1) in self.variables:
            return self.variables[m.group(1)]
        m = re.fullmatch(r"local\.([A-Za-z_][A-Za-z0-9_]*)", expr)
        if m and m.group(1) in self.locals:
            return self.value(self.locals[m.group(1)])
        if expr in self.refs:
            return self.refs[expr]
        m = re.fullmatch(r"merge\((.*)\)", expr)
        if m:
            merged = {}
            for arg in m.group(1).split(","):
                part = self.expression(arg)
                if not isinstance(part, dict):
                    raise Unresolved(f"merge() of a non-map {arg!r}")
                merged.update(part)
            return merged
        raise Unresolved(f"expression {expr!r}")

    def text(self, s):
        """A quoted HCL template as hcl2json prints it -> its value."""
        whole = re.fullmatch(r"\$\{([^{}]*)\}", s)
        if whole:  # a lone interpolation keeps its value's type (a map, a list, a number)
            return self.expression(whole.group(1))
        out, i = [], 0
        while i < len(s):
            if s.startswith("$${", i) or s.startswith("%%{", i):
                out.append(s[i] + "{")
                i += 3
            elif s.startswith("${", i):
                end = s.index("}", i)
                out.append(str(self.expression(s[i + 2:end])))
                i = end + 1
            elif s.startswith("%{", i):
                raise Unresolved(f"template directive in {s!r}")
            else:
                out.append(s[i])
                i += 1
        return "".join(out)

    def value(self, v):
        if isinstance(v, str):
            return self.text(v)
        if isinstance(v, list):
            return [self.value(x) for x in v]
        if isinstance(v, dict):
            return {self.text(k): self.value(x) for k, x in v.items()}
        return v


def _key(name, types):
    return [name, types.get(name)] if name is not None else None


def _one(blocks):
    return (blocks or [{}])[0]


def _scaling(resources, scope, table_name):
    """{scope: {read|write: [min, max, target]}} from aws_appautoscaling_target/policy pairs."""
    targets = {}
    for name, body in (resources.get("aws_appautoscaling_target") or {}).items():
        b = _one(body)
        rid = scope.text(b["resource_id"])
        targets[name] = (rid, b["scalable_dimension"], int(b["min_capacity"]), int(b["max_capacity"]))
    out = {}
    for name, body in (resources.get("aws_appautoscaling_policy") or {}).items():
        b = _one(body)
        m = re.fullmatch(r"\$\{aws_appautoscaling_target\.([A-Za-z0-9_-]+)\.resource_id\}", b.get("resource_id", ""))
        if not m or m.group(1) not in targets or b.get("policy_type") != "TargetTrackingScaling":
            continue
        rid, dimension, lo, hi = targets.pop(m.group(1))
        cfg = _one(b.get("target_tracking_scaling_policy_configuration"))
        metric = _one(cfg.get("predefined_metric_specification")).get("predefined_metric_type")
        which = "read" if dimension.endswith("ReadCapacityUnits") else "write"
        if metric != f"DynamoDB{which.capitalize()}CapacityUtilization":
            out.setdefault("wrong-metric", []).append(name)
            continue
        prefix = f"table/{table_name}"
        where = "table" if rid == prefix else ("index/" + rid[len(prefix) + 7:] if rid.startswith(prefix + "/index/")
                                               else "other/" + rid)
        out.setdefault(where, {})[which] = [lo, hi, float(cfg["target_value"])]
    for rid, *_ in targets.values():
        out.setdefault("unmatched", []).append(rid)
    return out


def _mark_autoscaled(out):
    for where in out["autoscaling"]:
        if where == "table" and out["capacity"]:
            out["capacity"] = {"read": "autoscaled", "write": "autoscaled"}
        elif where.startswith("index/") and (out["gsis"].get(where[6:]) or {}).get("capacity"):
            out["gsis"][where[6:]]["capacity"] = {"read": "autoscaled", "write": "autoscaled"}


def _capacity(provisioned, body):
    if not provisioned:
        return None
    return {"read": int(body["read_capacity"]), "write": int(body["write_capacity"])}


def _index(i, types, provisioned, is_gsi):
    entry = {"projection": i.get("projection_type", "ALL"),
             "non_key_attributes": sorted(i.get("non_key_attributes") or [])}
    if is_gsi and i.get("key_schema"):  # a multi-attribute key: key_schema blocks (provider >= 6.29)
        keys = {}
        for k in i["key_schema"]:
            keys.setdefault(k["key_type"], []).append(_key(k["attribute_name"], types))

        def one(kind):
            got = keys.get(kind)
            return None if not got else got[0] if len(got) == 1 else got
        entry.update({"partition_key": one("HASH"), "sort_key": one("RANGE"), "capacity": _capacity(provisioned, i)})
    elif is_gsi:
        entry.update({"partition_key": _key(i["hash_key"], types), "sort_key": _key(i.get("range_key"), types),
                      "capacity": _capacity(provisioned, i)})
    else:
        entry["sort_key"] = _key(i["range_key"], types)
    return entry


def _from_resource(t, resources, scope):
    t = scope.value({k: v for k, v in t.items() if k != "lifecycle"})  # ignore_changes lists bare names
    types = {a["name"]: a["type"] for a in t.get("attribute") or []}
    provisioned = t.get("billing_mode", "PROVISIONED") == "PROVISIONED"
    scope.refs[TABLE_REF] = t["name"]
    sse = _one(t.get("server_side_encryption"))
    ttl = _one(t.get("ttl"))
    out = {"table_name": t["name"], "partition_key": _key(t["hash_key"], types),
           "sort_key": _key(t.get("range_key"), types), "attributes": types,
           "billing_mode": "PROVISIONED" if provisioned else "PAY_PER_REQUEST",
           "capacity": _capacity(provisioned, t),
           "gsis": {g["name"]: _index(g, types, provisioned, True) for g in t.get("global_secondary_index") or []},
           "lsis": {i["name"]: _index(i, types, provisioned, False) for i in t.get("local_secondary_index") or []},
           "ttl": ttl.get("attribute_name") if ttl.get("enabled") else None,
           "stream": t.get("stream_view_type") if t.get("stream_enabled") else None,
           "point_in_time_recovery": bool(_one(t.get("point_in_time_recovery")).get("enabled", False)),
           "deletion_protection": bool(t.get("deletion_protection_enabled", False)),
           "sse": (sse.get("kms_key_arn") or "AWS_MANAGED") if sse.get("enabled") else "AWS_OWNED",
           "table_class": t.get("table_class") or "STANDARD",
           "tags": t.get("tags") or {},
           "replicas": sorted(r["region_name"] for r in t.get("replica") or [])}
    out["autoscaling"] = _scaling(resources, scope, t["name"])
    _mark_autoscaled(out)
    out["settings"] = _resource_settings(t, resources, scope)
    return out


def _int(v):
    return int(v) if v is not None else None


def _resource_settings(t, resources, scope):
    """The settings of the resource style: blocks of aws_dynamodb_table, and the resources
    aws_dynamodb_contributor_insights and aws_dynamodb_resource_policy on this table."""
    s = empty_settings()

    def blocks(kind, where, body):
        o = _one(body.get("on_demand_throughput"))
        if o:
            s["on_demand"][where] = [_int(o.get("max_read_request_units")), _int(o.get("max_write_request_units"))]
        w = _one(body.get("warm_throughput"))
        if w:
            s["warm"][where] = [_int(w.get("read_units_per_second")), _int(w.get("write_units_per_second"))]

    blocks("table", "table", t)
    for g in t.get("global_secondary_index") or []:
        blocks("index", "index/" + g["name"], g)
    s["pitr_days"] = _int(_one(t.get("point_in_time_recovery")).get("recovery_period_in_days"))
    modes = {r.get("consistency_mode") for r in t.get("replica") or []} - {None}
    s["consistency"] = modes.pop() if len(modes) == 1 else (sorted(modes) or None)
    witness = _one(t.get("global_table_witness"))
    s["witness"] = witness.get("region_name")
    for name, body in (resources.get("aws_dynamodb_contributor_insights") or {}).items():
        b = scope.value(_one(body))
        if b.get("table_name") != t["name"]:
            continue
        s["insights"]["index/" + b["index_name"] if b.get("index_name") else "table"] = b.get(
            "mode", "ACCESSED_AND_THROTTLED_KEYS")
    for name, body in (resources.get("aws_dynamodb_resource_policy") or {}).items():
        b = _one(body)
        if b.get("resource_arn") != "${aws_dynamodb_table.table.arn}":
            continue
        s["resource_policy"] = policy_key(json.loads(scope.text(b["policy"])))
    return s


def _from_module(m, resources, scope, module_name_tag):
    m = scope.value(m)
    types = {a["name"]: a["type"] for a in m.get("attributes") or []}
    provisioned = m.get("billing_mode", "PAY_PER_REQUEST") == "PROVISIONED"
    scope.refs[MODULE_REF] = m["name"]
    tags = dict(m.get("tags") or {})
    if module_name_tag:
        tags["Name"] = m["name"]  # the module's main.tf: merge(var.tags, {Name = var.name})
    out = {"table_name": m["name"], "partition_key": _key(m["hash_key"], types),
           "sort_key": _key(m.get("range_key"), types), "attributes": types,
           "billing_mode": "PROVISIONED" if provisioned else "PAY_PER_REQUEST",
           "capacity": _capacity(provisioned, m),
           "gsis": {g["name"]: _index(g, types, provisioned, True) for g in m.get("global_secondary_indexes") or []},
           "lsis": {i["name"]: _index(i, types, provisioned, False) for i in m.get("local_secondary_indexes") or []},
           "ttl": m.get("ttl_attribute_name") if m.get("ttl_enabled") else None,
           "stream": m.get("stream_view_type") if m.get("stream_enabled") else None,
           "point_in_time_recovery": bool(m.get("point_in_time_recovery_enabled", False)),
           "deletion_protection": bool(m.get("deletion_protection_enabled", False)),
           "sse": (m.get("server_side_encryption_kms_key_arn") or "AWS_MANAGED")
           if m.get("server_side_encryption_enabled") else "AWS_OWNED",
           "table_class": m.get("table_class") or "STANDARD",
           "tags": tags,
           "replicas": sorted(r["region_name"] for r in m.get("replica_regions") or [])}
    autoscaling = _scaling(resources, scope, m["name"])
    if m.get("autoscaling_enabled"):  # the module ignores autoscaling_indexes otherwise
        for index, s in (m.get("autoscaling_indexes") or {}).items():
            target = float(s.get("target_value", 70))
            autoscaling["index/" + index] = {
                "read": [int(s["read_min_capacity"]), int(s["read_max_capacity"]), target],
                "write": [int(s["write_min_capacity"]), int(s["write_max_capacity"]), target]}
    out["autoscaling"] = autoscaling
    _mark_autoscaled(out)
    out["settings"] = empty_settings()  # the 4.2.0 module takes none (target/terraform-module-table-settings)
    return out


def from_terraform(hcl_json_by_file, environment=None, module_name_tag=True):
    """The table described by one model's Terraform files (see the module docstring).
    `environment` overrides var.environment's default."""
    scope = _Scope(hcl_json_by_file, environment)
    resources = _merge_blocks(hcl_json_by_file, "resource")
    modules = _merge_blocks(hcl_json_by_file, "module")
    tables = resources.get("aws_dynamodb_table") or {}
    if len(tables) + len(modules) != 1:
        raise ValueError(f"expected one aws_dynamodb_table or one module, found {sorted(tables)} {sorted(modules)}")
    if tables:
        (body,) = tables.values()
        return _from_resource(_one(body), resources, scope)
    (body,) = modules.values()
    return _from_module(_one(body), resources, scope, module_name_tag)


def outputs(hcl_json_by_file):
    """{output name: its value expression, as hcl2json prints it}."""
    return {name: _one(body).get("value") for name, body in _merge_blocks(hcl_json_by_file, "output").items()}

"""One canonical description of a DynamoDB table, so that every artefact dynamodel generates
can be compared with the model and with each other (the parity test).

Reducers (each independent of dynamodel's C++ code):
- from_model(path, environment)          the model YAML, read with PyYAML and the format's defaults
- from_cloudformation(template, env)     a template dict (AWS::DynamoDB::Table or ::GlobalTable,
                                          plus Application Auto Scaling resources); also CDK output
                                          (Table's replicas are Custom::DynamoDBReplica resources)
- from_moto(endpoint, table_name)        a table deployed to moto_server, read back with boto3
The Terraform reducer lives in canonical_terraform.py.

The shape (every key always present):
  {"table_name": "dev-Orders",
   "partition_key": [name, type], "sort_key": [name, type] | None,
   "attributes": {name: type},                   # AttributeDefinitions
   "billing_mode": "PAY_PER_REQUEST" | "PROVISIONED",
   "capacity": {"read": R|"autoscaled", "write": W|"autoscaled"} | None,
   "gsis": {name: {"partition_key", "sort_key", "projection", "non_key_attributes" (sorted),
                   "capacity": as above | None}},
   "lsis": {name: {"sort_key", "projection", "non_key_attributes"}},
   "ttl": attribute | None, "stream": view type | None,
   "point_in_time_recovery": bool, "deletion_protection": bool,
   "sse": "AWS_OWNED" | "AWS_MANAGED" | KMS key ARN,
   "table_class": "STANDARD" | "STANDARD_INFREQUENT_ACCESS",
   "tags": {key: value},
   "autoscaling": {"table" | "index/<GSI>": {"read": [min, max, target%], "write": [...]}},
   "replicas": [regions, sorted, the deploying Region excluded],
   "settings": {"on_demand": {"table" | "index/<GSI>": [max_read | None, max_write | None]},
                "warm": {scope: [read | None, write | None]},
                "insights": {scope: mode},
                "pitr_days": days | None,                # None: DynamoDB's default, 35
                "resource_policy": policy_key(document) | None,   # of the deploying Region's table
                "consistency": "EVENTUAL" | "STRONG" | None,       # None: not stated
                "witness": region | None}}

Capacity under autoscaling is "autoscaled": the units a table starts with are not part of its
steady state, and AWS::DynamoDB::GlobalTable (CDK TableV2) cannot even say them.
"""

import copy
import json

import yaml

DEFAULT_ENVIRONMENT = "dev"


def _key(k):
    """[name, type]; a GSI key written as a list (a multi-attribute key): [name, type] for one
    attribute (it deploys as a single key), else the list of them in order."""
    if isinstance(k, list):
        keys = [_key(x) for x in k]
        return keys[0] if len(keys) == 1 else keys
    return [k["name"], k.get("type", "S")] if k else None


def _projection(p):
    if isinstance(p, dict):
        return "INCLUDE", sorted(str(a) for a in (p.get("include") or []))
    return (p or "ALL"), []


def _scaling(a):
    return {"read": [int(a["min_read"]), int(a["max_read"]), float(a.get("target_utilization", 70))],
            "write": [int(a["min_write"]), int(a["max_write"]), float(a.get("target_utilization", 70))]}


def _capacity(c):
    if not c:
        return None
    if c.get("autoscaling"):
        return {"read": "autoscaled", "write": "autoscaled"}
    return {"read": int(c["read"]), "write": int(c["write"])}


def _list(v):
    return v if isinstance(v, list) else [v]


def _principal(p):
    """`"*"` and `{"AWS": "*"}` are one principal (the CDK writes the latter)."""
    if p == "*":
        return {"AWS": ["*"]}
    if isinstance(p, dict):
        return {k: sorted(str(x) for x in _list(v)) for k, v in p.items()}
    return p


def policy_key(document):
    """An IAM policy document as comparable data: single values and lists alike, sorted."""
    if document is None:
        return None
    if isinstance(document, str):
        document = json.loads(document)
    statements = []
    for st in _list(document.get("Statement") or []):
        st = dict(st)
        for k in ("Action", "NotAction", "Resource", "NotResource"):
            if k in st:
                st[k] = sorted(str(x) for x in _list(st[k]))
        if "Principal" in st:
            st["Principal"] = _principal(st["Principal"])
        statements.append(st)
    return json.dumps({"Version": document.get("Version"),
                       "Statement": sorted(statements, key=lambda x: json.dumps(x, sort_keys=True))},
                      sort_keys=True)


def empty_settings():
    return {"on_demand": {}, "warm": {}, "insights": {}, "pitr_days": None, "resource_policy": None,
            "consistency": None, "witness": None}


def _int_or_none(v):
    return int(v) if v is not None else None


def _model_settings(path, typed):
    import os
    s = empty_settings()
    scopes = [("table", typed)] + [("index/" + g["name"], g) for g in typed.get("global_secondary_indexes") or []]
    for scope, part in scopes:
        o = part.get("on_demand_throughput")
        if o:
            s["on_demand"][scope] = [_int_or_none(o.get("max_read")), _int_or_none(o.get("max_write"))]
        w = part.get("warm_throughput")
        if w:
            s["warm"][scope] = [_int_or_none(w.get("read")), _int_or_none(w.get("write"))]
        if part.get("contributor_insights"):
            s["insights"][scope] = part["contributor_insights"]
    pitr = typed.get("point_in_time_recovery")
    if isinstance(pitr, dict):
        s["pitr_days"] = _int_or_none(pitr.get("recovery_period_days"))
    policy = typed.get("resource_policy")
    if isinstance(policy, str):
        with open(os.path.join(os.path.dirname(os.path.abspath(path)), policy), encoding="utf-8") as f:
            policy = json.load(f)
    s["resource_policy"] = policy_key(policy)
    replicas = typed.get("replicas")
    if isinstance(replicas, dict):
        s["consistency"] = replicas.get("consistency")
        s["witness"] = replicas.get("witness")
    return s


def from_model(path, environment=DEFAULT_ENVIRONMENT):
    """The table a model describes. Scalars that name things are read as text (BaseLoader),
    numbers and booleans as YAML values."""
    with open(path, encoding="utf-8") as f:
        source = f.read()
    typed = yaml.safe_load(source)["table"]
    text = yaml.load(source, Loader=yaml.BaseLoader)["table"]
    provisioned = text.get("billing_mode", "PAY_PER_REQUEST") == "PROVISIONED"
    attributes = {}

    def use(k):
        for one in (k if isinstance(k, list) else [k] if k else []):
            attributes[one["name"]] = one.get("type", "S")
        return _key(k)

    out = {"table_name": f"{environment}-{text['name']}",
           "partition_key": use(text["partition_key"]), "sort_key": use(text.get("sort_key")),
           "billing_mode": "PROVISIONED" if provisioned else "PAY_PER_REQUEST",
           "capacity": _capacity(typed.get("capacity")) if provisioned else None}
    autoscaling = {}
    table_scaling = (typed.get("capacity") or {}).get("autoscaling") if provisioned else None
    if table_scaling:
        autoscaling["table"] = _scaling(table_scaling)
    gsis = {}
    for gt, gs in zip(typed.get("global_secondary_indexes") or [], text.get("global_secondary_indexes") or []):
        projection, non_key = _projection(gs.get("projection"))
        # A GSI without its own capacity takes the table's capacity and autoscaling.
        cap = gt.get("capacity") if gt.get("capacity") else typed.get("capacity")
        gsis[gs["name"]] = {"partition_key": use(gs["partition_key"]), "sort_key": use(gs.get("sort_key")),
                            "projection": projection, "non_key_attributes": non_key,
                            "capacity": _capacity(cap) if provisioned else None}
        if provisioned and cap and cap.get("autoscaling"):
            autoscaling["index/" + gs["name"]] = _scaling(cap["autoscaling"])
    lsis = {}
    for ls in text.get("local_secondary_indexes") or []:
        projection, non_key = _projection(ls.get("projection"))
        lsis[ls["name"]] = {"sort_key": use(ls["sort_key"]), "projection": projection,
                            "non_key_attributes": non_key}
    encryption = text.get("encryption", "AWS_OWNED")
    replicas = text.get("replicas") or []
    if isinstance(replicas, dict):  # {regions, consistency, witness}
        replicas = replicas.get("regions") or []
    replicas = sorted(replicas)
    pitr = typed.get("point_in_time_recovery", False)
    if isinstance(pitr, dict):  # {enabled, recovery_period_days}
        pitr = pitr.get("enabled", False)
    stream = text.get("stream")
    if replicas and not stream:
        stream = "NEW_AND_OLD_IMAGES"  # global tables replicate through this stream
    out.update({
        "attributes": attributes, "gsis": gsis, "lsis": lsis,
        "ttl": text.get("ttl_attribute"), "stream": stream,
        "point_in_time_recovery": bool(pitr),
        "deletion_protection": bool(typed.get("deletion_protection", False)),
        "sse": encryption["kms_key_arn"] if isinstance(encryption, dict) else encryption,
        "table_class": text.get("table_class", "STANDARD"),
        "tags": dict(text.get("tags") or {}),
        "autoscaling": autoscaling, "replicas": replicas,
        "settings": _model_settings(path, typed)})
    return out


# --------------------------------------------------------------------------
# CloudFormation (our target, and what CDK synthesizes)

def _resolve(value, parameters):
    """Resolves the few intrinsic functions a table template uses (Ref to parameters and
    pseudo parameters, Fn::Sub, Fn::Join) to text; other values are returned as they are."""
    if isinstance(value, dict) and len(value) == 1:
        (fn, arg), = value.items()
        if fn == "Ref" and arg in parameters:
            return parameters[arg]
        if fn == "Fn::Join":
            sep, parts = arg
            return sep.join(str(_resolve(p, parameters)) for p in parts)
        if fn == "Fn::Sub":
            text, local = (arg, {}) if isinstance(arg, str) else (arg[0], arg[1])
            out, i = "", 0
            while i < len(text):
                if text.startswith("${!", i):
                    out += "${"
                    i += 3
                elif text.startswith("${", i):
                    end = text.index("}", i)
                    name = text[i + 2:end]
                    out += str(_resolve(local[name], parameters) if name in local else parameters[name])
                    i = end + 1
                else:
                    out += text[i]
                    i += 1
            return out
    return value


def _join_literals(value):
    """Replaces every Fn::Join of literal strings (how a template spells text holding `${`) by
    the joined text, everywhere in a template."""
    if isinstance(value, list):
        return [_join_literals(v) for v in value]
    if isinstance(value, dict):
        value = {k: _join_literals(v) for k, v in value.items()}
        if len(value) == 1 and "Fn::Join" in value:
            sep, parts = value["Fn::Join"]
            if isinstance(sep, str) and isinstance(parts, list) and all(isinstance(x, str) for x in parts):
                return sep.join(parts)
        return value
    return value


def _cfn_key_schema(schema, types):
    """(HASH, RANGE): each [name, type], or a list of them for a multi-attribute GSI key (several
    elements of one KeyType, in order), or None."""
    key = {}
    for k in schema:
        key.setdefault(k["KeyType"], []).append([k["AttributeName"], types.get(k["AttributeName"])])

    def one(kind):
        keys = key.get(kind)
        return None if not keys else keys[0] if len(keys) == 1 else keys
    return one("HASH"), one("RANGE")


def _cfn_projection(p):
    return p.get("ProjectionType", "ALL"), sorted(p.get("NonKeyAttributes") or [])


def _cfn_target_tracking(settings):
    """GlobalTable {Read,Write}CapacityAutoScalingSettings -> [min, max, target]."""
    return [int(settings["MinCapacity"]), int(settings["MaxCapacity"]),
            float(settings["TargetTrackingScalingPolicyConfiguration"]["TargetValue"])]


def from_cloudformation(template, environment=DEFAULT_ENVIRONMENT, region="us-east-1"):
    """The table of a CloudFormation template dict (long-form intrinsics, e.g. loaded with
    tools.CfnLoader or from CDK's JSON). Exactly one DynamoDB table resource is expected."""
    template = _join_literals(template)
    resources = template.get("Resources") or {}
    parameters = {"AWS::Region": region, "AWS::AccountId": "123456789012", "AWS::Partition": "aws",
                  "AWS::StackName": "stack"}
    for name, p in (template.get("Parameters") or {}).items():
        parameters[name] = environment if name == "Environment" else p.get("Default")
    tables = [(lid, r) for lid, r in resources.items()
              if r.get("Type") in ("AWS::DynamoDB::Table", "AWS::DynamoDB::GlobalTable")]
    if len(tables) != 1:
        raise ValueError(f"expected one DynamoDB table resource, found {len(tables)}")
    logical_id, res = tables[0]
    props = res.get("Properties") or {}
    is_global = res["Type"] == "AWS::DynamoDB::GlobalTable"
    name = _resolve(props.get("TableName"), parameters)
    parameters_with_table = dict(parameters)
    types = {a["AttributeName"]: a["AttributeType"] for a in props.get("AttributeDefinitions") or []}
    pk, sk = _cfn_key_schema(props["KeySchema"], types)
    billing = props.get("BillingMode", "PROVISIONED")
    out = {"table_name": name, "partition_key": pk, "sort_key": sk, "attributes": types,
           "billing_mode": billing}
    autoscaling = {}

    # Replicas (GlobalTable): the one in the stack's Region carries the per-replica settings.
    replicas, own = [], {}
    for r in props.get("Replicas") or []:
        r_region = _resolve(r.get("Region"), parameters)
        if r_region == region:
            own = r
        else:
            replicas.append(r_region)

    def capacity_of(throughput, read_settings=None, write_settings=None):
        if billing != "PROVISIONED":
            return None
        if read_settings is not None or write_settings is not None:
            read = "autoscaled" if read_settings and "ReadCapacityAutoScalingSettings" in read_settings else \
                int((read_settings or {}).get("ReadCapacityUnits", 0))
            write = "autoscaled" if write_settings and "WriteCapacityAutoScalingSettings" in write_settings else None
            return {"read": read, "write": write}
        return {"read": int(throughput["ReadCapacityUnits"]), "write": int(throughput["WriteCapacityUnits"])}

    if is_global:
        out["capacity"] = capacity_of(None, own.get("ReadProvisionedThroughputSettings"),
                                      props.get("WriteProvisionedThroughputSettings"))
        scaling = {}
        if billing == "PROVISIONED":
            rs = (own.get("ReadProvisionedThroughputSettings") or {}).get("ReadCapacityAutoScalingSettings")
            ws = (props.get("WriteProvisionedThroughputSettings") or {}).get("WriteCapacityAutoScalingSettings")
            if rs and ws:
                scaling = {"read": _cfn_target_tracking(rs), "write": _cfn_target_tracking(ws)}
        if scaling:
            autoscaling["table"] = scaling
    else:
        out["capacity"] = capacity_of(props.get("ProvisionedThroughput") or {}) if billing == "PROVISIONED" else None

    own_gsi = {g["IndexName"]: g for g in own.get("GlobalSecondaryIndexes") or []}
    gsis = {}
    for g in props.get("GlobalSecondaryIndexes") or []:
        gpk, gsk = _cfn_key_schema(g["KeySchema"], types)
        projection, non_key = _cfn_projection(g.get("Projection") or {})
        entry = {"partition_key": gpk, "sort_key": gsk, "projection": projection, "non_key_attributes": non_key}
        if is_global:
            read = (own_gsi.get(g["IndexName"]) or {}).get("ReadProvisionedThroughputSettings")
            write = g.get("WriteProvisionedThroughputSettings")
            entry["capacity"] = capacity_of(None, read, write)
            rs = (read or {}).get("ReadCapacityAutoScalingSettings")
            ws = (write or {}).get("WriteCapacityAutoScalingSettings")
            if billing == "PROVISIONED" and rs and ws:
                autoscaling["index/" + g["IndexName"]] = {"read": _cfn_target_tracking(rs),
                                                          "write": _cfn_target_tracking(ws)}
        else:
            entry["capacity"] = capacity_of(g.get("ProvisionedThroughput") or {}) if billing == "PROVISIONED" else None
        gsis[g["IndexName"]] = entry
    lsis = {}
    for i in props.get("LocalSecondaryIndexes") or []:
        _, lsk = _cfn_key_schema(i["KeySchema"], types)
        projection, non_key = _cfn_projection(i.get("Projection") or {})
        lsis[i["IndexName"]] = {"sort_key": lsk, "projection": projection, "non_key_attributes": non_key}

    # Application Auto Scaling resources (AWS::DynamoDB::Table): targets and their policies.
    targets = {}
    for lid, r in resources.items():
        if r.get("Type") == "AWS::ApplicationAutoScaling::ScalableTarget":
            p = r["Properties"]
            parameters_with_table[logical_id] = name  # ResourceId: table/${Table}
            rid = _resolve(p["ResourceId"], {**parameters_with_table, logical_id: name})
            targets[lid] = (rid, p["ScalableDimension"], int(p["MinCapacity"]), int(p["MaxCapacity"]))
    for lid, r in resources.items():
        if r.get("Type") == "AWS::ApplicationAutoScaling::ScalingPolicy":
            p = r["Properties"]
            ref = p.get("ScalingTargetId")
            target_id = ref.get("Ref") if isinstance(ref, dict) else ref
            if target_id not in targets:
                continue
            rid, dimension, lo, hi = targets.pop(target_id)
            value = float(p["TargetTrackingScalingPolicyConfiguration"]["TargetValue"])
            scope = "table" if rid.count("/") == 1 else "index/" + rid.split("/index/", 1)[1]
            which = "read" if dimension.endswith("ReadCapacityUnits") else "write"
            autoscaling.setdefault(scope, {})[which] = [lo, hi, value]
    for rid, dimension, lo, hi in targets.values():  # a target without a policy does not scale
        autoscaling.setdefault("unmatched", []).append(rid)
    if not is_global:
        for scope in autoscaling:
            if scope == "table" and out["capacity"]:
                out["capacity"] = {"read": "autoscaled", "write": "autoscaled"}
            elif scope.startswith("index/") and scope[6:] in gsis and gsis[scope[6:]]["capacity"]:
                gsis[scope[6:]]["capacity"] = {"read": "autoscaled", "write": "autoscaled"}

    ttl = props.get("TimeToLiveSpecification") or {}
    stream = props.get("StreamSpecification") or {}
    sse = props.get("SSESpecification") or {}
    source = own if is_global else props
    pitr = (source.get("PointInTimeRecoverySpecification") or {}).get("PointInTimeRecoveryEnabled", False)
    deletion = source.get("DeletionProtectionEnabled", False)
    table_class = (own.get("TableClass") if is_global else props.get("TableClass")) or "STANDARD"
    tags = source.get("Tags") or []
    if sse.get("SSEEnabled"):
        key = (own.get("SSESpecification") or {}).get("KMSMasterKeyId") if is_global else sse.get("KMSMasterKeyId")
        sse_value = _resolve(key, parameters) if key else "AWS_MANAGED"
    else:
        sse_value = "AWS_OWNED"
    # CDK's Table construct adds replicas as Custom::DynamoDBReplica resources, one per Region.
    replicas += [_resolve(r["Properties"]["Region"], parameters) for r in resources.values()
                 if r.get("Type") == "Custom::DynamoDBReplica"]
    replicas = sorted({r for r in replicas if r != region})
    settings = empty_settings()

    def insights_of(spec):
        spec = spec or {}
        return spec.get("Mode", "ACCESSED_AND_THROTTLED_KEYS") if _truthy(spec.get("Enabled")) else None

    def put(kind, scope, value):
        if value is not None and value != [None, None]:
            settings[kind][scope] = value

    def warm(w):
        return [_int_or_none(w.get("ReadUnitsPerSecond")), _int_or_none(w.get("WriteUnitsPerSecond"))] if w else None

    if is_global:
        put("on_demand", "table", [_int_or_none((own.get("ReadOnDemandThroughputSettings") or {}).get("MaxReadRequestUnits")),
                                   _int_or_none((props.get("WriteOnDemandThroughputSettings") or {}).get("MaxWriteRequestUnits"))])
    else:
        o = props.get("OnDemandThroughput") or {}
        put("on_demand", "table", [_int_or_none(o.get("MaxReadRequestUnits")), _int_or_none(o.get("MaxWriteRequestUnits"))])
    put("warm", "table", warm(props.get("WarmThroughput")))
    put("insights", "table", insights_of(source_props(own, props, is_global).get("ContributorInsightsSpecification")))
    for g in props.get("GlobalSecondaryIndexes") or []:
        scope = "index/" + g["IndexName"]
        mine = own_gsi.get(g["IndexName"]) or {}
        if is_global:
            put("on_demand", scope, [_int_or_none((mine.get("ReadOnDemandThroughputSettings") or {}).get("MaxReadRequestUnits")),
                                     _int_or_none((g.get("WriteOnDemandThroughputSettings") or {}).get("MaxWriteRequestUnits"))])
            put("insights", scope, insights_of(mine.get("ContributorInsightsSpecification")))
        else:
            o = g.get("OnDemandThroughput") or {}
            put("on_demand", scope, [_int_or_none(o.get("MaxReadRequestUnits")), _int_or_none(o.get("MaxWriteRequestUnits"))])
            put("insights", scope, insights_of(g.get("ContributorInsightsSpecification")))
        put("warm", scope, warm(g.get("WarmThroughput")))
    source = own if is_global else props
    settings["pitr_days"] = _int_or_none((source.get("PointInTimeRecoverySpecification") or {}).get("RecoveryPeriodInDays"))
    settings["resource_policy"] = policy_key((source.get("ResourcePolicy") or {}).get("PolicyDocument"))
    settings["consistency"] = props.get("MultiRegionConsistency")
    witnesses = props.get("GlobalTableWitnesses") or []
    settings["witness"] = _resolve(witnesses[0].get("Region"), parameters) if witnesses else None
    out.update({
        "settings": settings,
        "gsis": gsis, "lsis": lsis,
        "ttl": ttl.get("AttributeName") if ttl.get("Enabled") else None,
        "stream": stream.get("StreamViewType"),
        "point_in_time_recovery": _truthy(pitr), "deletion_protection": _truthy(deletion),
        "sse": sse_value, "table_class": table_class,
        "tags": {_resolve(t["Key"], parameters): _resolve(t["Value"], parameters) for t in tags},
        "autoscaling": autoscaling, "replicas": replicas})
    return out


def source_props(own, props, is_global):
    """The properties that carry per-replica settings: the deploying Region's replica of a
    global table, else the table's own."""
    return own if is_global else props


def _truthy(v):
    return v is True or (isinstance(v, str) and v.lower() == "true")


# --------------------------------------------------------------------------
# A table deployed to moto_server

def from_moto(endpoint, table_name, region="us-east-1"):
    """Reads a deployed table back with boto3: describe_table, TTL, continuous backups, tags,
    Application Auto Scaling targets and policies, and resolves the aws/dynamodb KMS alias."""
    import boto3  # the machine image has it; imported here so the module loads without it
    kw = dict(endpoint_url=endpoint, region_name=region, aws_access_key_id="x", aws_secret_access_key="x")
    ddb = boto3.client("dynamodb", **kw)
    t = ddb.describe_table(TableName=table_name)["Table"]
    types = {a["AttributeName"]: a["AttributeType"] for a in t["AttributeDefinitions"]}
    pk, sk = _cfn_key_schema(t["KeySchema"], types)
    billing = (t.get("BillingModeSummary") or {}).get("BillingMode", "PROVISIONED")

    def cap(throughput):
        if billing != "PROVISIONED":
            return None
        return {"read": int(throughput["ReadCapacityUnits"]), "write": int(throughput["WriteCapacityUnits"])}

    gsis = {}
    for g in t.get("GlobalSecondaryIndexes") or []:
        gpk, gsk = _cfn_key_schema(g["KeySchema"], types)
        projection, non_key = _cfn_projection(g.get("Projection") or {})
        gsis[g["IndexName"]] = {"partition_key": gpk, "sort_key": gsk, "projection": projection,
                                "non_key_attributes": non_key, "capacity": cap(g.get("ProvisionedThroughput") or {})}
    lsis = {}
    for i in t.get("LocalSecondaryIndexes") or []:
        _, lsk = _cfn_key_schema(i["KeySchema"], types)
        projection, non_key = _cfn_projection(i.get("Projection") or {})
        lsis[i["IndexName"]] = {"sort_key": lsk, "projection": projection, "non_key_attributes": non_key}
    ttl = ddb.describe_time_to_live(TableName=table_name)["TimeToLiveDescription"]
    backups = ddb.describe_continuous_backups(TableName=table_name)["ContinuousBackupsDescription"]
    pitr = (backups.get("PointInTimeRecoveryDescription") or {}).get("PointInTimeRecoveryStatus") == "ENABLED"
    tags = {}
    for page in ddb.get_paginator("list_tags_of_resource").paginate(ResourceArn=t["TableArn"]):
        tags.update({x["Key"]: x["Value"] for x in page.get("Tags") or []})
    sse_desc = t.get("SSEDescription") or {}
    if sse_desc.get("Status") == "ENABLED" and sse_desc.get("SSEType") == "KMS":
        arn = sse_desc.get("KMSMasterKeyArn", "")
        kms = boto3.client("kms", **kw)
        managed = {a.get("TargetKeyId") for a in kms.list_aliases().get("Aliases") or []
                   if a["AliasName"] == "alias/aws/dynamodb"}
        sse = "AWS_MANAGED" if arn.rsplit("/", 1)[-1] in managed else arn
    else:
        sse = "AWS_OWNED"
    autoscaling = {}
    aas = boto3.client("application-autoscaling", **kw)
    prefix = f"table/{table_name}"
    targets = {(x["ResourceId"], x["ScalableDimension"]): x
               for x in aas.describe_scalable_targets(ServiceNamespace="dynamodb")["ScalableTargets"]
               if x["ResourceId"] == prefix or x["ResourceId"].startswith(prefix + "/index/")}
    for p in aas.describe_scaling_policies(ServiceNamespace="dynamodb")["ScalingPolicies"]:
        target = targets.get((p["ResourceId"], p["ScalableDimension"]))
        if not target or p.get("PolicyType") != "TargetTrackingScaling":
            continue
        rid = p["ResourceId"]
        scope = "table" if rid == prefix else "index/" + rid.split("/index/", 1)[1]
        which = "read" if p["ScalableDimension"].endswith("ReadCapacityUnits") else "write"
        autoscaling.setdefault(scope, {})[which] = [
            int(target["MinCapacity"]), int(target["MaxCapacity"]),
            float(p["TargetTrackingScalingPolicyConfiguration"]["TargetValue"])]
    capacity = cap(t.get("ProvisionedThroughput") or {})
    if "table" in autoscaling and capacity:
        capacity = {"read": "autoscaled", "write": "autoscaled"}
    for scope in autoscaling:
        if scope.startswith("index/") and gsis.get(scope[6:], {}).get("capacity"):
            gsis[scope[6:]]["capacity"] = {"read": "autoscaled", "write": "autoscaled"}
    stream = t.get("StreamSpecification") or {}
    return {"table_name": t["TableName"], "partition_key": pk, "sort_key": sk, "attributes": types,
            "billing_mode": billing, "capacity": capacity, "gsis": gsis, "lsis": lsis,
            "ttl": ttl.get("AttributeName") if ttl.get("TimeToLiveStatus") in ("ENABLED", "ENABLING") else None,
            "stream": stream.get("StreamViewType") if stream.get("StreamEnabled") else None,
            "point_in_time_recovery": pitr,
            "deletion_protection": bool(t.get("DeletionProtectionEnabled", False)),
            "sse": sse, "table_class": (t.get("TableClassSummary") or {}).get("TableClass", "STANDARD"),
            "tags": tags, "autoscaling": autoscaling,
            "replicas": sorted(r["RegionName"] for r in t.get("Replicas") or [] if r["RegionName"] != region),
            "settings": "(not in moto)"}


# --------------------------------------------------------------------------

def diff(expected, actual, path=""):
    """The differences between two descriptions, as readable lines (empty when equal)."""
    if isinstance(expected, dict) and isinstance(actual, dict):
        lines = []
        for k in sorted(set(expected) | set(actual), key=str):
            where = f"{path}.{k}" if path else str(k)
            if k not in actual:
                lines.append(f"{where}: missing (expected {json.dumps(expected[k], ensure_ascii=False)})")
            elif k not in expected:
                lines.append(f"{where}: unexpected {json.dumps(actual[k], ensure_ascii=False)}")
            else:
                lines += diff(expected[k], actual[k], where)
        return lines
    if expected != actual:
        return [f"{path}: expected {json.dumps(expected, ensure_ascii=False)}, "
                f"got {json.dumps(actual, ensure_ascii=False)}"]
    return []


def without(description, *keys):
    """A copy without some top-level keys (for a source that cannot say them)."""
    d = copy.deepcopy(description)
    for k in keys:
        d.pop(k, None)
    return d

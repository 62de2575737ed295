#!/usr/bin/env python3
"""Round trips of `dynamodel import` through a NoSQL Workbench data model, for every
examples/*.yaml and tests/golden/*/model.yaml of test_round_trip.py:

  the model (YAML) + `dynamodel sample` items  ->  a Workbench data model (JSON, written here)
  dynamodel import MODEL.json  ->  IMPORTED

Each entity becomes a facet whose key aliases are its table key templates and whose TableData
are its sample items. The imported model must validate (exit 0: warnings and infos allowed); its
table (keys, billing mode, capacity, GSIs and LSIs with their keys and projections) must equal
the model's, and each entity must come back with the model's key templates (table and index
keys) up to placeholder names. Not tests/golden/multi-tenant-tickets: a Workbench data model
cannot state its multi-attribute GSI key.

Prints `ok`/`FAIL` per model and check; exits 1 if anything failed.
"""
import json
import os
import sys

import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from test_round_trip import check_every_model, conditional_keys, import_and_validate, key_shapes, run  # noqa: E402


def key_attributes(name, type_):
    return {"AttributeName": name, "AttributeType": type_}


def keys_of(partition_key, sort_key):
    keys = {"PartitionKey": key_attributes(partition_key["name"], partition_key["type"])}
    if sort_key:
        keys["SortKey"] = key_attributes(sort_key["name"], sort_key["type"])
    return keys


def projection_of(projection):
    if isinstance(projection, dict):
        return {"ProjectionType": "INCLUDE", "NonKeyAttributes": list(projection["include"])}
    return {"ProjectionType": projection or "ALL"}


def autoscaling_side(autoscaling, side):
    return {"ScalableTargetRequest": {"MinCapacity": autoscaling["min_" + side], "MaxCapacity": autoscaling["max_" + side],
                                      "ServiceRole": "AWSServiceRoleForApplicationAutoScaling_DynamoDBTable"},
            "ScalingPolicyConfiguration": {"TargetValue": autoscaling["target_utilization"]}}


def workbench_model(model, items):
    """The Workbench data model of a dynamodel model; `items` are its sample items, `-n` per
    entity in the model's entity order."""
    table = model["table"]
    declared = {}
    for entity in model["entities"].values():
        for name, attribute in (entity.get("attributes") or {}).items():
            declared.setdefault(name, attribute.get("type", "S"))
    key_names = {table["partition_key"]["name"]} | ({table["sort_key"]["name"]} if table.get("sort_key") else set())
    data = {
        "TableName": table["name"],
        "KeyAttributes": keys_of(table["partition_key"], table.get("sort_key")),
        "NonKeyAttributes": [key_attributes(n, t) for n, t in sorted(declared.items()) if n not in key_names],
        "TableFacets": [],
        "GlobalSecondaryIndexes": [{"IndexName": g["name"], "KeyAttributes": keys_of(g["partition_key"], g.get("sort_key")),
                                    "Projection": projection_of(g.get("projection"))}
                                   for g in table.get("global_secondary_indexes") or []],
        "DataAccess": {"MySql": {}},
        "BillingMode": table.get("billing_mode", "PAY_PER_REQUEST"),
    }
    if table.get("local_secondary_indexes"):
        data["LocalSecondaryIndexes"] = [
            {"IndexName": i["name"], "KeyAttributes": keys_of(table["partition_key"], i["sort_key"]),
             "Projection": projection_of(i.get("projection"))} for i in table["local_secondary_indexes"]]
    if table.get("capacity"):
        capacity = table["capacity"]
        settings = {"ProvisionedThroughput": {"ReadCapacityUnits": capacity["read"], "WriteCapacityUnits": capacity["write"]}}
        if capacity.get("autoscaling"):
            settings["AutoScalingRead"] = autoscaling_side(capacity["autoscaling"], "read")
            settings["AutoScalingWrite"] = autoscaling_side(capacity["autoscaling"], "write")
        data["ProvisionedCapacitySettings"] = settings
    per_entity = len(items) // len(model["entities"])
    for i, (name, entity) in enumerate(model["entities"].items()):
        alias = {"PartitionKeyAlias": entity["keys"][table["partition_key"]["name"]]}
        if table.get("sort_key"):
            alias["SortKeyAlias"] = entity["keys"][table["sort_key"]["name"]]
        data["TableFacets"].append({"FacetName": name, "KeyAttributeAlias": alias,
                                    "NonKeyAttributes": sorted(entity.get("attributes") or {}),
                                    "TableData": items[i * per_entity:(i + 1) * per_entity]})
    return {"ModelName": model["name"],
            "ModelMetadata": {"Author": "dynamodel tests", "Description": model.get("description", ""),
                              "AWSService": "Amazon DynamoDB", "Version": "3.0"},
            "DataModel": [data]}


def table_shape(table):
    """The parts of `table` a Workbench data model states, defaults filled in."""
    def index(i, lsi):
        return (i["name"], None if lsi else i["partition_key"]["name"], (i.get("sort_key") or {}).get("name"),
                json.dumps(i.get("projection") or "ALL", sort_keys=True))
    return {"partition_key": table["partition_key"], "sort_key": table.get("sort_key"),
            "billing_mode": table.get("billing_mode", "PAY_PER_REQUEST"),
            "capacity": {k: v for k, v in (table.get("capacity") or {}).items() if k in ("read", "write", "autoscaling")},
            "gsis": [index(i, False) for i in table.get("global_secondary_indexes") or []],
            "lsis": [index(i, True) for i in table.get("local_secondary_indexes") or []]}


def check_model(binary, model_path, name, tmp, results):
    with open(model_path, encoding="utf-8") as f:
        model = yaml.safe_load(f)
    sample = run([binary, "sample", model_path, "-n", "3"])
    if sample.returncode != 0:
        results.append((False, name, "sample", sample.stderr))
        return
    items = [r["PutRequest"]["Item"] for chunk in json.loads(sample.stdout)["chunks"] for reqs in chunk.values()
             for r in reqs]
    if len(items) != 3 * len(model["entities"]):
        results.append((False, name, "sample: 3 items per entity", f"{len(items)} items"))
        return
    source = os.path.join(tmp, name + ".workbench.json")
    with open(source, "w", encoding="utf-8") as f:
        json.dump(workbench_model(model, items), f, indent=1)
    imported = os.path.join(tmp, name + ".imported.yaml")
    if not import_and_validate(binary, [source], imported, name, results):
        return
    with open(imported, encoding="utf-8") as f:
        back = yaml.safe_load(f)
    wanted, got = table_shape(model["table"]), table_shape(back["table"])
    results.append((wanted == got, name, "table, indexes and projections", f"{wanted}\n!=\n{got}"))
    conditional = conditional_keys(model_path)  # index_when: samples alternate members and non-members
    wanted, got = key_shapes(model_path, conditional), key_shapes(imported, conditional)
    results.append((wanted == got, name, "entities' key templates (up to placeholder names)", f"{wanted}\n!=\n{got}"))
    names = sorted(model["entities"]) == sorted(back["entities"])
    results.append((names, name, "entity names (from the facets)", f"{sorted(model['entities'])} != {sorted(back['entities'])}"))


def main():
    # A Workbench data model (versions 1.0 to 3.0, what the importer reads) gives each index one
    # PartitionKey and one SortKey: it cannot carry a multi-attribute GSI key.
    # tests/golden/stream-consumers: a constant-key entity has one sample item, and entities of a
    # partition key alone cannot be told apart from items (test_round_trip.py's ONE_ENTITY_FROM_ITEMS).
    return check_every_model(__doc__, check_model, leave_out={"multi-tenant-tickets", "stream-consumers"})


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Writes a large `terraform show -json` plan for measuring plan throughput and memory.

    python3 scripts/gen-big-plan.py OUT.json [INSTANCES]

INSTANCES (default 180000) non-Bedrock `aws_instance` changes across 50 module instances, plus 200
provisioned throughputs and 200 Lambda functions naming a model: about 156 MB at the default.
Issue #7 replaces this with the Rust monorepo generator.
"""
import json
import sys

out = sys.argv[1]
count = int(sys.argv[2]) if len(sys.argv) > 2 else 180000
P = "registry.terraform.io/hashicorp/aws"
changes = []
for i in range(count):
    after = {
        "ami": "ami-0c55b159cbfafe1f0",
        "instance_type": "t3.micro",
        "tags": {"Name": f"web-{i}", "Team": "platform", "Env": "prod"},
        "user_data": "#!/bin/bash\necho hello world from instance number %d\n" % i,
        "root_block_device": [{"volume_size": 20, "volume_type": "gp3", "encrypted": True}],
    }
    changes.append({
        "address": f'module.fleet["{i % 50}"].aws_instance.web[{i}]',
        "module_address": f'module.fleet["{i % 50}"]',
        "mode": "managed", "type": "aws_instance", "name": "web", "index": i, "provider_name": P,
        "change": {"actions": ["create"], "before": None, "after": after,
                   "after_unknown": {"id": True, "arn": True, "private_ip": True},
                   "before_sensitive": False, "after_sensitive": {"tags": {}, "root_block_device": [{}]}},
    })
for i in range(200):
    changes.append({
        "address": f"aws_bedrock_provisioned_model_throughput.pt[{i}]", "mode": "managed",
        "type": "aws_bedrock_provisioned_model_throughput", "name": "pt", "index": i, "provider_name": P,
        "change": {"actions": ["create"], "before": None,
                   "after": {"commitment_duration": "OneMonth",
                             "model_arn": "arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-text-express-v1:0:8k",
                             "model_units": 1, "provisioned_model_name": f"pt-{i}"},
                   "after_unknown": {"id": True}, "after_sensitive": {}},
    })
    changes.append({
        "address": f"aws_lambda_function.fn[{i}]", "mode": "managed", "type": "aws_lambda_function",
        "name": "fn", "index": i, "provider_name": P,
        "change": {"actions": ["create"], "before": None,
                   "after": {"function_name": f"fn-{i}", "environment": [
                       {"variables": {"MODEL_ID": "us.anthropic.claude-sonnet-4-5-20250929-v1:0"}}]},
                   "after_unknown": {}, "after_sensitive": {}},
    })
plan = {
    "format_version": "1.2", "terraform_version": "1.9.8",
    "planned_values": {"root_module": {"resources": [
        {"address": c["address"], "values": c["change"]["after"]} for c in changes[:100000]]}},
    "resource_changes": changes,
    "configuration": {"provider_config": {"aws": {"name": "aws", "expressions": {
        "region": {"constant_value": "us-east-1"}}}}, "root_module": {}},
}
with open(out, "w") as f:
    json.dump(plan, f, separators=(",", ":"))

//! The synthetic monorepo behind `examples/gen.rs` and `benches/`: deterministic text generation
//! (seeded SplitMix64), no I/O but `Writer::flush` and `write_plan`. See `examples/gen.rs`.
#![allow(dead_code)]

use std::fmt::Write as _;
use std::fs;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// SplitMix64: tiny, deterministic, good enough to vary synthetic text.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
    /// True with probability `pct`/100.
    fn chance(&mut self, pct: usize) -> bool {
        self.below(100) < pct
    }
}

const REGIONS: &[&str] = &[
    "us-east-1",
    "us-east-1",
    "us-west-2",
    "eu-west-1",
    "eu-central-1",
    "ap-northeast-1",
    "ap-southeast-2",
];
const TEAMS: &[&str] = &[
    "payments",
    "search",
    "identity",
    "growth",
    "platform",
    "data",
    "support",
    "ledger",
    "mobile",
    "catalog",
    "checkout",
    "risk",
    "infra",
    "ml",
    "notifications",
    "billing",
];
const SERVICES: &[&str] = &[
    "api",
    "worker",
    "gateway",
    "ingest",
    "web",
    "scheduler",
    "etl",
    "events",
    "auth",
    "report",
    "export",
    "sync",
    "cache",
    "queue",
    "portal",
    "admin",
];
const ENVS: &[&str] = &["dev", "staging", "prod"];

/// Model IDs that exist in `rules/pricing.toml`.
const CHAT_MODELS: &[&str] = &[
    "anthropic.claude-sonnet-4-5-20250929-v1:0",
    "anthropic.claude-haiku-4-5-20251001-v1:0",
    "anthropic.claude-3-5-haiku-20241022-v1:0",
    "anthropic.claude-3-haiku-20240307-v1:0",
    "anthropic.claude-3-7-sonnet-20250219-v1:0",
    "amazon.nova-micro-v1:0",
    "amazon.nova-lite-v1:0",
    "amazon.nova-pro-v1:0",
    "meta.llama3-3-70b-instruct-v1:0",
    "meta.llama3-1-8b-instruct-v1:0",
    "cohere.command-r-plus-v1:0",
    "deepseek.r1-v1:0",
];
/// Models with provisioned-throughput prices in the catalog, with a valid context suffix.
const PT_MODELS: &[&str] = &[
    "amazon.titan-text-express-v1:0:8k",
    "amazon.titan-text-lite-v1:0:4k",
    "amazon.titan-embed-text-v2:0:8k",
];
const EMBED_MODELS: &[&str] = &["amazon.titan-embed-text-v2:0", "amazon.titan-embed-text-v1"];

/// A model ID or system inference profile ID as a stack in `region` would write it (the geography
/// of a profile follows the Region; some stacks forget the profile a newer model needs).
fn chat_model(rng: &mut Rng, region: &str) -> String {
    let id = *rng.pick(CHAT_MODELS);
    if id.starts_with("anthropic.claude-") && id.contains("-4-5-") {
        match rng.below(3) {
            0 => format!("{}.{id}", geo(region)),
            1 => format!("global.{id}"),
            _ => id.to_string(),
        }
    } else if id.starts_with("anthropic.") && rng.chance(40) {
        format!("{}.{id}", geo(region))
    } else {
        id.to_string()
    }
}

fn geo(region: &str) -> &'static str {
    match region.split('-').next() {
        Some("eu") => "eu",
        Some("ap") => "apac",
        _ => "us",
    }
}

/// The ARN a resource uses for a model or profile ID.
fn model_arn(region_expr: &str, id: &str) -> String {
    if id.split('.').count() > 2 {
        format!("arn:aws:bedrock:{region_expr}:123456789012:inference-profile/{id}")
    } else {
        format!("arn:aws:bedrock:{region_expr}::foundation-model/{id}")
    }
}

/// Files to write, in order (written at the end so `--files` can be met exactly).
#[derive(Default)]
pub struct Writer {
    pub files: Vec<(PathBuf, String)>,
    pub tf: usize,
    pub bytes: usize,
}

impl Writer {
    pub fn add(&mut self, path: PathBuf, text: String) {
        if path.extension().is_some_and(|e| e == "tf") {
            self.tf += 1;
        }
        self.bytes += text.len();
        self.files.push((path, text));
    }
    pub fn flush(&self, root: &Path) -> std::io::Result<()> {
        for (rel, text) in &self.files {
            let path = root.join(rel);
            if let Some(dir) = path.parent() {
                fs::create_dir_all(dir)?;
            }
            fs::write(&path, text)?;
        }
        Ok(())
    }
}

/// What the plan needs to know about the tree.
pub struct Tree {
    pub stacks: Vec<Stack>,
    pub modules: Vec<Module>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum ModuleKind {
    Network,
    Bucket,
    ServiceRole,
    WebFleet,
    /// A generic Lambda: environment variables come from the caller (no Bedrock marker of its own).
    LambdaApp,
    /// Provisioned throughput for a model given by the caller.
    LlmThroughput,
    /// An agent with an application inference profile.
    LlmAgent,
}

impl ModuleKind {
    fn name(self) -> &'static str {
        match self {
            ModuleKind::Network => "network",
            ModuleKind::Bucket => "bucket",
            ModuleKind::ServiceRole => "service-role",
            ModuleKind::WebFleet => "web-fleet",
            ModuleKind::LambdaApp => "lambda-app",
            ModuleKind::LlmThroughput => "llm-throughput",
            ModuleKind::LlmAgent => "llm-agent",
        }
    }
}

pub struct Module {
    kind: ModuleKind,
    dir: String,
}

pub struct Stack {
    pub dir: String,
    pub name: String,
    pub region: String,
    pub bedrock: bool,
    /// `(type, name, after-values JSON)` of the resources the plan lists for this stack.
    resources: Vec<(String, String, String)>,
    /// `(call name, module dir)` of its local module calls.
    calls: Vec<(String, String)>,
}

pub fn generate_tree(files: usize, seed: u64, w: &mut Writer) -> Tree {
    let mut rng = Rng::new(seed);
    // About one module directory (3 files) per 50 stack files; at least one of each kind.
    let kinds = [
        ModuleKind::Network,
        ModuleKind::Bucket,
        ModuleKind::ServiceRole,
        ModuleKind::WebFleet,
        ModuleKind::LambdaApp,
        ModuleKind::LlmThroughput,
        ModuleKind::LlmAgent,
    ];
    let per_kind = (files / 400).max(1);
    let mut modules = Vec::new();
    for kind in kinds {
        // Bedrock modules are rarer than the generic ones.
        let n = match kind {
            ModuleKind::LlmThroughput | ModuleKind::LlmAgent => per_kind.div_ceil(4),
            _ => per_kind,
        };
        for i in 0..n {
            let dir = format!("modules/{}-{i:02}", kind.name());
            if w.tf + 3 > files {
                break;
            }
            write_module(w, kind, &dir, &mut rng);
            modules.push(Module { kind, dir });
        }
    }
    let mut stacks = Vec::new();
    let mut n = 0usize;
    while w.tf < files {
        let team = TEAMS[n % TEAMS.len()];
        let svc = SERVICES[(n / TEAMS.len()) % SERVICES.len()];
        let env = ENVS[(n / (TEAMS.len() * SERVICES.len())) % ENVS.len()];
        let round = n / (TEAMS.len() * SERVICES.len() * ENVS.len());
        let name = if round == 0 {
            format!("{svc}-{env}")
        } else {
            format!("{svc}{round}-{env}")
        };
        let dir = format!("stacks/{team}/{name}");
        let budget = files - w.tf;
        let stack = write_stack(w, &dir, &name, team, env, &modules, budget, &mut rng);
        stacks.push(stack);
        n += 1;
    }
    Tree { stacks, modules }
}

fn write_module(w: &mut Writer, kind: ModuleKind, dir: &str, rng: &mut Rng) {
    let mut main = String::new();
    let mut vars = String::new();
    let mut outs = String::new();
    var(
        &mut vars,
        "name",
        "string",
        None,
        "Name prefix for every resource.",
    );
    var(
        &mut vars,
        "tags",
        "map(string)",
        Some("{}"),
        "Tags applied to every resource.",
    );
    match kind {
        ModuleKind::Network => {
            var(
                &mut vars,
                "cidr",
                "string",
                Some("\"10.0.0.0/16\""),
                "VPC CIDR block.",
            );
            var(
                &mut vars,
                "azs",
                "list(string)",
                None,
                "Availability zones.",
            );
            main.push_str(&vpc_block("this", "var.cidr"));
            for (i, tier) in ["public", "private", "data"].iter().enumerate() {
                let _ = write!(
                    main,
                    r#"
resource "aws_subnet" "{tier}" {{
  count             = length(var.azs)
  vpc_id            = aws_vpc.this.id
  cidr_block        = cidrsubnet(var.cidr, 4, count.index + {off})
  availability_zone = var.azs[count.index]

  tags = merge(var.tags, {{
    Name = "${{var.name}}-{tier}-${{count.index}}"
    Tier = "{tier}"
  }})
}}
"#,
                    off = i * 4
                );
            }
            main.push_str(&security_group("default", "aws_vpc.this.id", rng));
            outs.push_str("output \"vpc_id\" {\n  value = aws_vpc.this.id\n}\n\noutput \"private_subnet_ids\" {\n  value = aws_subnet.private[*].id\n}\n");
        }
        ModuleKind::Bucket => {
            var(
                &mut vars,
                "versioning",
                "bool",
                Some("true"),
                "Keep object versions.",
            );
            main.push_str(&bucket_blocks("this", "var.name", rng));
            outs.push_str("output \"bucket\" {\n  value = aws_s3_bucket.this.bucket\n}\n\noutput \"arn\" {\n  value = aws_s3_bucket.this.arn\n}\n");
        }
        ModuleKind::ServiceRole => {
            var(
                &mut vars,
                "service",
                "string",
                Some("\"ecs-tasks.amazonaws.com\""),
                "Principal allowed to assume the role.",
            );
            var(
                &mut vars,
                "policy_arns",
                "list(string)",
                Some("[]"),
                "Managed policies to attach.",
            );
            main.push_str(&iam_role("this", "var.name", "var.service", rng));
            main.push_str("\nresource \"aws_iam_role_policy_attachment\" \"extra\" {\n  for_each   = toset(var.policy_arns)\n  role       = aws_iam_role.this.name\n  policy_arn = each.value\n}\n");
            outs.push_str("output \"arn\" {\n  value = aws_iam_role.this.arn\n}\n");
        }
        ModuleKind::WebFleet => {
            var(
                &mut vars,
                "instance_type",
                "string",
                Some("\"t3.small\""),
                "EC2 instance type.",
            );
            var(
                &mut vars,
                "desired",
                "number",
                Some("2"),
                "Desired instances.",
            );
            var(
                &mut vars,
                "subnet_ids",
                "list(string)",
                None,
                "Where instances run.",
            );
            main.push_str(&ami_data(rng));
            main.push_str(&launch_template("this", rng));
            main.push_str("\nresource \"aws_autoscaling_group\" \"this\" {\n  name                = var.name\n  desired_capacity    = var.desired\n  min_size            = 1\n  max_size            = var.desired * 3\n  vpc_zone_identifier = var.subnet_ids\n\n  launch_template {\n    id      = aws_launch_template.this.id\n    version = \"$Latest\"\n  }\n}\n");
            outs.push_str("output \"asg_name\" {\n  value = aws_autoscaling_group.this.name\n}\n");
        }
        ModuleKind::LambdaApp => {
            var(
                &mut vars,
                "runtime",
                "string",
                Some("\"python3.12\""),
                "Lambda runtime.",
            );
            var(
                &mut vars,
                "environment",
                "map(string)",
                Some("{}"),
                "Environment variables of the function.",
            );
            var(
                &mut vars,
                "memory_size",
                "number",
                Some("512"),
                "Memory in MB.",
            );
            main.push_str(&iam_role(
                "lambda",
                "var.name",
                "\"lambda.amazonaws.com\"",
                rng,
            ));
            main.push_str(
                r#"
resource "aws_lambda_function" "this" {
  function_name = var.name
  role          = aws_iam_role.lambda.arn
  runtime       = var.runtime
  handler       = "app.handler"
  filename      = "${path.module}/dist/app.zip"
  memory_size   = var.memory_size
  timeout       = 30

  environment {
    variables = var.environment
  }

  tags = var.tags
}

resource "aws_cloudwatch_log_group" "this" {
  name              = "/aws/lambda/${var.name}"
  retention_in_days = 30
}
"#,
            );
            outs.push_str("output \"function_arn\" {\n  value = aws_lambda_function.this.arn\n}\n");
        }
        ModuleKind::LlmThroughput => {
            var(
                &mut vars,
                "model_id",
                "string",
                None,
                "Foundation model to reserve capacity for.",
            );
            var(&mut vars, "region", "string", None, "Region of the model.");
            var(
                &mut vars,
                "model_units",
                "number",
                Some("1"),
                "Model units.",
            );
            var(
                &mut vars,
                "commitment",
                "string",
                Some("\"OneMonth\""),
                "Commitment term.",
            );
            main.push_str(
                r#"
resource "aws_bedrock_provisioned_model_throughput" "this" {
  provisioned_model_name = var.name
  model_arn              = "arn:aws:bedrock:${var.region}::foundation-model/${var.model_id}"
  model_units            = var.model_units
  commitment_duration    = var.commitment
  tags                   = var.tags
}
"#,
            );
            outs.push_str("output \"provisioned_model_arn\" {\n  value = aws_bedrock_provisioned_model_throughput.this.provisioned_model_arn\n}\n");
        }
        ModuleKind::LlmAgent => {
            var(
                &mut vars,
                "model_id",
                "string",
                None,
                "System inference profile or model the agent copies.",
            );
            var(
                &mut vars,
                "region",
                "string",
                None,
                "Region of the profile.",
            );
            var(
                &mut vars,
                "instruction",
                "string",
                Some("\"You answer questions about orders. Be brief and cite the order number.\""),
                "Agent instruction.",
            );
            main.push_str(&iam_role(
                "agent",
                "var.name",
                "\"bedrock.amazonaws.com\"",
                rng,
            ));
            main.push_str(
                r#"
resource "aws_bedrock_inference_profile" "this" {
  name = "${var.name}-profile"

  model_source {
    copy_from = "arn:aws:bedrock:${var.region}:123456789012:inference-profile/${var.model_id}"
  }

  tags = merge(var.tags, { CostCenter = "llm" })
}

resource "aws_bedrockagent_agent" "this" {
  agent_name              = var.name
  agent_resource_role_arn = aws_iam_role.agent.arn
  foundation_model        = aws_bedrock_inference_profile.this.arn
  instruction             = var.instruction
  idle_session_ttl_in_seconds = 600
}
"#,
            );
            outs.push_str(
                "output \"agent_id\" {\n  value = aws_bedrockagent_agent.this.agent_id\n}\n",
            );
        }
    }
    w.add(PathBuf::from(format!("{dir}/main.tf")), main);
    w.add(PathBuf::from(format!("{dir}/variables.tf")), vars);
    w.add(PathBuf::from(format!("{dir}/outputs.tf")), outs);
}

/// Prose that real AWS modules put in descriptions: Amazon service names, ARNs, documentation URLs.
/// None of it is Bedrock; the pre-scan must not take it for a marker (issue #11).
const AWS_PROSE: &[&str] = &[
    "The Amazon Resource Name (ARN) of the resource, as returned by Amazon EC2.",
    "See https://docs.aws.amazon.com/eks/latest/userguide/what-is-eks.html for the Amazon EKS defaults.",
    "Applies to Amazon S3 buckets and Amazon CloudWatch log groups created by this module.",
    "Amazon Linux 2023 is used when empty. Amazon ECS and Amazon SQS read it too.",
    "Keys are managed by AWS KMS; Amazon RDS and Amazon Aurora encrypt with it (amazon.com/kms).",
];

fn var(out: &mut String, name: &str, ty: &str, default: Option<&str>, desc: &str) {
    // Picked by the name, not the generator's random stream, so the tree's shape is unchanged.
    let prose = AWS_PROSE[name.bytes().map(usize::from).sum::<usize>() % AWS_PROSE.len()];
    let _ = write!(
        out,
        "variable \"{name}\" {{\n  description = \"{desc} {prose}\"\n  type        = {ty}\n"
    );
    if let Some(d) = default {
        let _ = writeln!(out, "  default     = {d}");
    }
    out.push_str("}\n\n");
}

fn vpc_block(name: &str, cidr: &str) -> String {
    format!(
        r#"
resource "aws_vpc" "{name}" {{
  cidr_block           = {cidr}
  enable_dns_support   = true
  enable_dns_hostnames = true

  tags = merge(var.tags, {{ Name = var.name }})
}}

resource "aws_internet_gateway" "{name}" {{
  vpc_id = aws_vpc.{name}.id
  tags   = var.tags
}}
"#
    )
}

fn security_group(name: &str, vpc: &str, rng: &mut Rng) -> String {
    let port = *rng.pick(&[443, 8080, 5432, 6379, 9000]);
    format!(
        r#"
resource "aws_security_group" "{name}" {{
  name        = "${{var.name}}-{name}"
  description = "Traffic for ${{var.name}}"
  vpc_id      = {vpc}

  ingress {{
    description = "service port"
    from_port   = {port}
    to_port     = {port}
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/8"]
  }}

  egress {{
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }}
}}
"#
    )
}

fn bucket_blocks(name: &str, bucket: &str, rng: &mut Rng) -> String {
    let days = *rng.pick(&[30, 60, 90, 365]);
    format!(
        r#"
resource "aws_s3_bucket" "{name}" {{
  bucket = {bucket}
  tags   = var.tags
}}

resource "aws_s3_bucket_versioning" "{name}" {{
  bucket = aws_s3_bucket.{name}.id
  versioning_configuration {{
    status = "Enabled"
  }}
}}

resource "aws_s3_bucket_server_side_encryption_configuration" "{name}" {{
  bucket = aws_s3_bucket.{name}.id
  rule {{
    apply_server_side_encryption_by_default {{
      sse_algorithm = "aws:kms"
    }}
  }}
}}

resource "aws_s3_bucket_public_access_block" "{name}" {{
  bucket                  = aws_s3_bucket.{name}.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}}

resource "aws_s3_bucket_lifecycle_configuration" "{name}" {{
  bucket = aws_s3_bucket.{name}.id
  rule {{
    id     = "expire-old-versions"
    status = "Enabled"
    noncurrent_version_expiration {{
      noncurrent_days = {days}
    }}
  }}
}}
"#
    )
}

fn iam_role(name: &str, role_name: &str, principal: &str, rng: &mut Rng) -> String {
    let actions = *rng.pick(&[
        r#"["s3:GetObject", "s3:PutObject"]"#,
        r#"["sqs:SendMessage", "sqs:ReceiveMessage", "sqs:DeleteMessage"]"#,
        r#"["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query"]"#,
        r#"["logs:CreateLogStream", "logs:PutLogEvents"]"#,
    ]);
    format!(
        r#"
# Lets the service assume the role; Amazon ECS and AWS Lambda principals as in the AWS docs
# (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-service.html).
resource "aws_iam_role" "{name}" {{
  name        = "${{{role_name}}}-{name}"
  description = "Role assumed by Amazon services for ${{{role_name}}}: the Amazon Resource Name is exported."
  assume_role_policy = jsonencode({{
    Version = "2012-10-17"
    Statement = [{{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = {{ Service = {principal} }}
    }}]
  }})
}}

resource "aws_iam_role_policy" "{name}" {{
  name = "${{{role_name}}}-{name}-inline"
  role = aws_iam_role.{name}.id
  policy = jsonencode({{
    Version = "2012-10-17"
    Statement = [{{
      Effect   = "Allow"
      Action   = {actions}
      Resource = "*"
    }}]
  }})
}}
"#
    )
}

fn ami_data(rng: &mut Rng) -> String {
    // Amazon Linux images are owned by "amazon"; Ubuntu's by Canonical's account.
    let (owner, pattern) = if rng.chance(50) {
        ("amazon", "al2023-ami-2023.*-x86_64")
    } else {
        (
            "099720109477",
            "ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-*",
        )
    };
    format!(
        r#"
data "aws_ami" "base" {{
  most_recent = true
  owners      = ["{owner}"]

  filter {{
    name   = "name"
    values = ["{pattern}"]
  }}
}}
"#
    )
}

fn launch_template(name: &str, rng: &mut Rng) -> String {
    let vol = *rng.pick(&[20, 30, 50, 100]);
    format!(
        r#"
resource "aws_launch_template" "{name}" {{
  name_prefix   = "${{var.name}}-"
  image_id      = data.aws_ami.base.id
  instance_type = var.instance_type

  metadata_options {{
    http_tokens   = "required"
    http_endpoint = "enabled"
  }}

  block_device_mappings {{
    device_name = "/dev/xvda"
    ebs {{
      volume_size = {vol}
      volume_type = "gp3"
      encrypted   = true
    }}
  }}

  user_data = base64encode(<<-EOT
    #!/bin/bash
    set -euo pipefail
    dnf install -y amazon-cloudwatch-agent
    systemctl enable --now amazon-cloudwatch-agent
  EOT
  )

  tag_specifications {{
    resource_type = "instance"
    tags          = merge(var.tags, {{ Name = var.name }})
  }}
}}
"#
    )
}

/// How a Bedrock stack carries its model (the shapes the pre-scan must not lose).
#[derive(Clone, Copy)]
enum BedrockShape {
    /// Resources written in the stack, model in a local.
    Direct,
    /// `BEDROCK_MODEL_ID` on a Lambda, model from `terraform.tfvars`.
    LambdaTfvars,
    /// The model is a variable default; passed to a generic Lambda module.
    ModuleArgDefault,
    /// A provisioned-throughput module called with a model ID argument.
    ThroughputModule,
    /// An agent module called with a profile ID.
    AgentModule,
}

#[allow(clippy::too_many_arguments)]
fn write_stack(
    w: &mut Writer,
    dir: &str,
    name: &str,
    team: &str,
    env: &str,
    modules: &[Module],
    budget: usize,
    rng: &mut Rng,
) -> Stack {
    let region = (*rng.pick(REGIONS)).to_string();
    // About 1 stack in 12 uses Bedrock.
    let bedrock = rng.chance(8);
    let mut files: Vec<(String, String)> = Vec::new();
    let mut resources: Vec<(String, String, String)> = Vec::new();
    let mut calls: Vec<(String, String)> = Vec::new();
    let module_of = |kind: ModuleKind, rng: &mut Rng| -> Option<&Module> {
        let of_kind: Vec<&Module> = modules.iter().filter(|m| m.kind == kind).collect();
        (!of_kind.is_empty()).then(|| *rng.pick(&of_kind))
    };
    let up = "../../..";

    files.push((
        "versions.tf".into(),
        "terraform {\n  required_version = \">= 1.6\"\n\n  required_providers {\n    aws = {\n      source  = \"hashicorp/aws\"\n      version = \"~> 5.70\"\n    }\n  }\n\n  backend \"s3\" {\n    bucket = \"acme-terraform-state\"\n    key    = \"stacks/KEY/terraform.tfstate\"\n    region = \"us-east-1\"\n  }\n}\n"
            .replace("KEY", &format!("{team}/{name}")),
    ));
    let mut providers = format!(
        "provider \"aws\" {{\n  region = var.region\n\n  default_tags {{\n    tags = {{\n      Team        = \"{team}\"\n      Environment = \"{env}\"\n      ManagedBy   = \"terraform\"\n    }}\n  }}\n}}\n"
    );
    if rng.chance(30) {
        providers
            .push_str("\nprovider \"aws\" {\n  alias  = \"dr\"\n  region = \"us-west-2\"\n}\n");
    }
    files.push(("providers.tf".into(), providers));

    let mut vars = String::new();
    var(
        &mut vars,
        "region",
        "string",
        Some("\"us-east-1\""),
        "Primary region.",
    );
    var(
        &mut vars,
        "environment",
        "string",
        Some(&format!("\"{env}\"")),
        "Deployment environment.",
    );
    var(
        &mut vars,
        "cidr",
        "string",
        Some("\"10.20.0.0/16\""),
        "VPC CIDR block.",
    );
    var(
        &mut vars,
        "instance_type",
        "string",
        Some("\"t3.medium\""),
        "Instance type of the web fleet.",
    );
    let mut tfvars = format!(
        "region        = \"{region}\"\nenvironment   = \"{env}\"\ncidr          = \"10.{}.0.0/16\"\ninstance_type = \"{}\"\n",
        rng.below(200),
        rng.pick(&["t3.medium", "m6i.large", "c6i.xlarge", "t3.small"])
    );
    let locals = format!(
        "locals {{\n  name = \"{team}-{name}\"\n  azs  = [\"${{var.region}}a\", \"${{var.region}}b\", \"${{var.region}}c\"]\n\n  tags = {{\n    Service = \"{name}\"\n    Owner   = \"{team}@example.com\"\n  }}\n}}\n"
    );
    files.push(("locals.tf".into(), locals));

    // Network: a module call or resources in place.
    let mut network = String::new();
    if let Some(m) = module_of(ModuleKind::Network, rng).filter(|_| rng.chance(60)) {
        let _ = write!(
            network,
            "module \"network\" {{\n  source = \"{up}/{}\"\n\n  name = local.name\n  cidr = var.cidr\n  azs  = local.azs\n  tags = local.tags\n}}\n",
            m.dir
        );
        calls.push(("network".into(), m.dir.clone()));
        for t in ["aws_vpc", "aws_internet_gateway"] {
            resources.push((
                format!("module.network.{t}"),
                "this".into(),
                plan_values(t, name, &region, rng),
            ));
        }
    } else {
        network.push_str("variable \"tags\" {\n  type    = map(string)\n  default = {}\n}\n");
        network.push_str(&vpc_block("main", "var.cidr").replace("var.name", "local.name"));
        network.push_str(
            &security_group("app", "aws_vpc.main.id", rng).replace("var.name", "local.name"),
        );
        resources.push((
            "aws_vpc".into(),
            "main".into(),
            plan_values("aws_vpc", name, &region, rng),
        ));
        resources.push((
            "aws_security_group".into(),
            "app".into(),
            plan_values("aws_security_group", name, &region, rng),
        ));
    }
    files.push(("network.tf".into(), network));

    let mut storage = String::new();
    for b in ["assets", "logs"].iter().take(1 + rng.below(2)) {
        if let Some(m) = module_of(ModuleKind::Bucket, rng).filter(|_| rng.chance(50)) {
            let _ = write!(
                storage,
                "module \"{b}\" {{\n  source = \"{up}/{}\"\n\n  name = \"${{local.name}}-{b}\"\n  tags = local.tags\n}}\n\n",
                m.dir
            );
            calls.push(((*b).into(), m.dir.clone()));
            resources.push((
                format!("module.{b}.aws_s3_bucket"),
                "this".into(),
                plan_values("aws_s3_bucket", name, &region, rng),
            ));
        } else {
            storage.push_str(
                &bucket_blocks(b, &format!("\"${{local.name}}-{b}\""), rng)
                    .replace("var.tags", "local.tags"),
            );
            resources.push((
                "aws_s3_bucket".into(),
                (*b).into(),
                plan_values("aws_s3_bucket", name, &region, rng),
            ));
        }
    }
    files.push(("storage.tf".into(), storage));

    let mut iam = String::new();
    iam.push_str(&iam_role(
        "task",
        "local.name",
        "\"ecs-tasks.amazonaws.com\"",
        rng,
    ));
    resources.push((
        "aws_iam_role".into(),
        "task".into(),
        plan_values("aws_iam_role", name, &region, rng),
    ));
    files.push(("iam.tf".into(), iam));

    let mut compute = String::new();
    if let Some(m) = module_of(ModuleKind::WebFleet, rng).filter(|_| rng.chance(40)) {
        let _ = write!(
            compute,
            "module \"fleet\" {{\n  source = \"{up}/{}\"\n\n  name          = local.name\n  instance_type = var.instance_type\n  subnet_ids    = []\n  tags          = local.tags\n}}\n",
            m.dir
        );
        calls.push(("fleet".into(), m.dir.clone()));
    } else {
        compute.push_str(&format!(
            "resource \"aws_ecs_cluster\" \"main\" {{\n  name = local.name\n\n  setting {{\n    name  = \"containerInsights\"\n    value = \"enabled\"\n  }}\n}}\n\nresource \"aws_ecs_task_definition\" \"app\" {{\n  family                   = local.name\n  requires_compatibilities = [\"FARGATE\"]\n  network_mode             = \"awsvpc\"\n  cpu                      = {}\n  memory                   = {}\n  execution_role_arn       = aws_iam_role.task.arn\n  container_definitions = jsonencode([{{\n    name      = \"app\"\n    image     = \"123456789012.dkr.ecr.${{var.region}}.amazonaws.com/{name}:latest\"\n    essential = true\n    portMappings = [{{ containerPort = 8080 }}]\n    environment = [\n      {{ name = \"LOG_LEVEL\", value = \"info\" }},\n      {{ name = \"ENVIRONMENT\", value = var.environment }}\n    ]\n  }}])\n}}\n",
            rng.pick(&[256, 512, 1024]),
            rng.pick(&[512, 1024, 2048])
        ));
        resources.push((
            "aws_ecs_cluster".into(),
            "main".into(),
            plan_values("aws_ecs_cluster", name, &region, rng),
        ));
        resources.push((
            "aws_ecs_task_definition".into(),
            "app".into(),
            plan_values("aws_ecs_task_definition", name, &region, rng),
        ));
    }
    files.push(("compute.tf".into(), compute));

    if rng.chance(40) {
        let engine = *rng.pick(&["postgres", "mysql"]);
        files.push((
            "database.tf".into(),
            format!(
                "resource \"aws_db_subnet_group\" \"main\" {{\n  name       = local.name\n  subnet_ids = []\n}}\n\nresource \"aws_db_instance\" \"main\" {{\n  identifier              = local.name\n  engine                  = \"{engine}\"\n  instance_class          = \"db.t4g.medium\"\n  allocated_storage       = 50\n  storage_encrypted       = true\n  backup_retention_period = 7\n  db_subnet_group_name    = aws_db_subnet_group.main.name\n  skip_final_snapshot     = var.environment != \"prod\"\n  username                = \"app\"\n  manage_master_user_password = true\n}}\n"
            ),
        ));
        resources.push((
            "aws_db_instance".into(),
            "main".into(),
            plan_values("aws_db_instance", name, &region, rng),
        ));
    }
    if rng.chance(50) {
        files.push((
            "monitoring.tf".into(),
            "resource \"aws_cloudwatch_metric_alarm\" \"errors\" {\n  alarm_name          = \"${local.name}-5xx\"\n  comparison_operator = \"GreaterThanThreshold\"\n  evaluation_periods  = 3\n  metric_name         = \"5XXError\"\n  namespace           = \"AWS/ApiGateway\"\n  period              = 60\n  statistic           = \"Sum\"\n  threshold           = 10\n  alarm_description   = \"Server errors on ${local.name}\"\n}\n\nresource \"aws_sns_topic\" \"alerts\" {\n  name = \"${local.name}-alerts\"\n}\n".into(),
        ));
        resources.push((
            "aws_sns_topic".into(),
            "alerts".into(),
            plan_values("aws_sns_topic", name, &region, rng),
        ));
    }

    files.push(("security.tf".into(), security_tf(rng)));
    if rng.chance(60) {
        files.push(("queues.tf".into(), queues_tf(rng)));
        resources.push((
            "aws_sqs_queue".into(),
            "jobs".into(),
            plan_values("aws_sqs_queue", name, &region, rng),
        ));
    }
    if rng.chance(50) {
        files.push(("dns.tf".into(), dns_tf(name, rng)));
    }
    let mut app_config: Option<Vec<(String, String)>> = rng.chance(30).then(Vec::new);
    if bedrock {
        let shape = *rng.pick(&[
            BedrockShape::Direct,
            BedrockShape::LambdaTfvars,
            BedrockShape::ModuleArgDefault,
            BedrockShape::ThroughputModule,
            BedrockShape::AgentModule,
        ]);
        let model = chat_model(rng, &region);
        let mut bedrock_tf = String::new();
        match shape {
            BedrockShape::Direct => {
                let pt = *rng.pick(PT_MODELS);
                let embed = *rng.pick(EMBED_MODELS);
                let _ = write!(
                    bedrock_tf,
                    r#"locals {{
  assistant_model = "{model}"
}}

resource "aws_bedrock_provisioned_model_throughput" "drafting" {{
  provisioned_model_name = "${{local.name}}-drafting"
  model_arn              = "arn:aws:bedrock:${{var.region}}::foundation-model/{pt}"
  model_units            = {units}
  commitment_duration    = "{commit}"
}}

resource "aws_bedrock_inference_profile" "assistant" {{
  name = "${{local.name}}-assistant"

  model_source {{
    copy_from = "{copy_from}"
  }}
}}

resource "aws_bedrockagent_knowledge_base" "docs" {{
  name     = "${{local.name}}-docs"
  role_arn = aws_iam_role.task.arn

  knowledge_base_configuration {{
    type = "VECTOR"
    vector_knowledge_base_configuration {{
      embedding_model_arn = "arn:aws:bedrock:${{var.region}}::foundation-model/{embed}"
    }}
  }}

  storage_configuration {{
    type = "OPENSEARCH_SERVERLESS"
    opensearch_serverless_configuration {{
      collection_arn    = "arn:aws:aoss:${{var.region}}:123456789012:collection/docs"
      vector_index_name = "docs"
      field_mapping {{
        vector_field   = "embedding"
        text_field     = "text"
        metadata_field = "metadata"
      }}
    }}
  }}
}}
"#,
                    units = 1 + rng.below(3),
                    copy_from = if model.split('.').count() > 2 {
                        "arn:aws:bedrock:${var.region}:123456789012:inference-profile/${local.assistant_model}"
                    } else {
                        "arn:aws:bedrock:${var.region}::foundation-model/${local.assistant_model}"
                    },
                    commit = rng.pick(&["OneMonth", "SixMonths"]),
                );
                resources.push((
                    "aws_bedrock_provisioned_model_throughput".into(),
                    "drafting".into(),
                    bedrock_values(
                        "pt",
                        &format!("arn:aws:bedrock:{region}::foundation-model/{pt}"),
                        name,
                    ),
                ));
                resources.push((
                    "aws_bedrock_inference_profile".into(),
                    "assistant".into(),
                    bedrock_values(
                        "profile",
                        &format!("arn:aws:bedrock:{region}::foundation-model/{model}"),
                        name,
                    ),
                ));
            }
            BedrockShape::LambdaTfvars => {
                var(
                    &mut vars,
                    "assistant_model",
                    "string",
                    None,
                    "Model the assistant calls.",
                );
                let _ = writeln!(tfvars, "assistant_model = \"{model}\"");
                bedrock_tf.push_str(&iam_role(
                    "assistant",
                    "local.name",
                    "\"lambda.amazonaws.com\"",
                    rng,
                ));
                let _ = write!(
                    bedrock_tf,
                    "\nresource \"aws_lambda_function\" \"assistant\" {{\n  function_name = \"${{local.name}}-assistant\"\n  role          = aws_iam_role.assistant.arn\n  runtime       = \"python3.12\"\n  handler       = \"app.handler\"\n  filename      = \"dist/assistant.zip\"\n\n  environment {{\n    variables = {{\n      BEDROCK_MODEL_ID = var.assistant_model\n      MAX_TOKENS       = \"1024\"\n    }}\n  }}\n}}\n"
                );
                resources.push((
                    "aws_lambda_function".into(),
                    "assistant".into(),
                    bedrock_values("lambda", &model, name),
                ));
            }
            BedrockShape::ModuleArgDefault => {
                var(
                    &mut vars,
                    "summary_model",
                    "string",
                    Some(&format!("\"{model}\"")),
                    "Model the summarizer calls.",
                );
                if let Some(m) = module_of(ModuleKind::LambdaApp, rng) {
                    let _ = write!(
                        bedrock_tf,
                        "module \"summarizer\" {{\n  source = \"{up}/{}\"\n\n  name = \"${{local.name}}-summarizer\"\n  environment = {{\n    MODEL_ID   = var.summary_model\n    MAX_TOKENS = \"2048\"\n  }}\n  tags = local.tags\n}}\n",
                        m.dir
                    );
                    calls.push(("summarizer".into(), m.dir.clone()));
                    resources.push((
                        "module.summarizer.aws_lambda_function".into(),
                        "this".into(),
                        bedrock_values("lambda", &model, name),
                    ));
                }
            }
            BedrockShape::ThroughputModule => {
                if let Some(m) = module_of(ModuleKind::LlmThroughput, rng) {
                    let pt = *rng.pick(PT_MODELS);
                    let _ = write!(
                        bedrock_tf,
                        "module \"capacity\" {{\n  source = \"{up}/{}\"\n\n  name        = \"${{local.name}}-capacity\"\n  model_id    = \"{pt}\"\n  region      = var.region\n  model_units = {}\n}}\n",
                        m.dir,
                        1 + rng.below(2)
                    );
                    calls.push(("capacity".into(), m.dir.clone()));
                    resources.push((
                        "module.capacity.aws_bedrock_provisioned_model_throughput".into(),
                        "this".into(),
                        bedrock_values(
                            "pt",
                            &format!("arn:aws:bedrock:{region}::foundation-model/{pt}"),
                            name,
                        ),
                    ));
                }
            }
            BedrockShape::AgentModule => {
                if let Some(m) = module_of(ModuleKind::LlmAgent, rng) {
                    // Agents here use a system profile of a model that has one.
                    let profile = if model.split('.').count() > 2 {
                        model.clone()
                    } else if model.starts_with("anthropic.")
                        || model.starts_with("amazon.nova")
                        || model.starts_with("meta.")
                    {
                        format!("{}.{model}", geo(&region))
                    } else {
                        format!("{}.amazon.nova-lite-v1:0", geo(&region))
                    };
                    let _ = write!(
                        bedrock_tf,
                        "module \"agent\" {{\n  source = \"{up}/{}\"\n\n  name     = \"${{local.name}}-agent\"\n  model_id = \"{profile}\"\n  region   = var.region\n}}\n",
                        m.dir
                    );
                    calls.push(("agent".into(), m.dir.clone()));
                    resources.push((
                        "module.agent.aws_bedrock_inference_profile".into(),
                        "this".into(),
                        bedrock_values(
                            "profile",
                            &format!(
                                "arn:aws:bedrock:{region}:123456789012:inference-profile/{profile}"
                            ),
                            name,
                        ),
                    ));
                }
            }
        }
        if !bedrock_tf.is_empty() {
            files.push(("bedrock.tf".into(), bedrock_tf));
        }
        if let Some(app) = app_config.as_mut() {
            app.push((
                "config.yaml".into(),
                format!(
                    "model_list:\n  - model_name: assistant\n    litellm_params:\n      model: bedrock/{model}\n      aws_region_name: {region}\n  - model_name: embeddings\n    litellm_params:\n      model: bedrock/{}\n      aws_region_name: {region}\nlitellm_settings:\n  drop_params: true\n  request_timeout: 60\n",
                    rng.pick(EMBED_MODELS)
                ),
            ));
            app.push((
                ".env".into(),
                format!("AWS_REGION={region}\nBEDROCK_MODEL_ID={model}\nLOG_LEVEL=info\n"),
            ));
        }
    }
    if let Some(app) = app_config.as_mut() {
        app.push((
            "settings.json".into(),
            format!(
                "{{\n  \"service\": \"{name}\",\n  \"port\": 8080,\n  \"database\": {{ \"pool\": {}, \"timeout_ms\": 5000 }},\n  \"features\": {{ \"new_checkout\": {}, \"beta_search\": false }},\n  \"endpoints\": [\"https://api.example.com/v1\", \"https://auth.example.com\"]\n}}\n",
                5 + rng.below(20),
                rng.chance(50)
            ),
        ));
        if !bedrock {
            app.push((
                "app.yaml".into(),
                format!(
                    "server:\n  port: 8080\n  shutdown: graceful\nlogging:\n  level:\n    root: INFO\nqueue:\n  url: https://sqs.{region}.amazonaws.com/123456789012/{name}\n  batch_size: 10\n"
                ),
            ));
            app.push((
                ".env".into(),
                format!("AWS_REGION={region}\nLOG_LEVEL=info\nFEATURE_FLAGS=search,checkout\n"),
            ));
        }
    }

    files.push(("variables.tf".into(), vars));
    files.push((
        "outputs.tf".into(),
        "output \"name\" {\n  value = local.name\n}\n\noutput \"region\" {\n  value = var.region\n}\n".into(),
    ));
    // Meet `--files` exactly: a stack keeps at least its first file; the rest go up to the budget.
    let tf_files: Vec<&(String, String)> = files.iter().take(budget.max(1)).collect();
    let all_written = tf_files.len() == files.len();
    for (f, text) in &tf_files {
        w.add(PathBuf::from(format!("{dir}/{f}")), text.clone());
    }
    if all_written {
        w.add(PathBuf::from(format!("{dir}/terraform.tfvars")), tfvars);
        for (f, text) in app_config.unwrap_or_default() {
            w.add(PathBuf::from(format!("{dir}/app/{f}")), text);
        }
    }
    Stack {
        dir: dir.to_string(),
        name: format!("{team}-{name}"),
        region,
        bedrock: bedrock && all_written,
        resources: if all_written { resources } else { Vec::new() },
        calls,
    }
}

/// Planned values of a non-Bedrock resource, as `terraform show -json` writes them (compact JSON).
fn plan_values(ty: &str, name: &str, region: &str, rng: &mut Rng) -> String {
    let tags = format!(
        "{{\"Environment\":\"prod\",\"ManagedBy\":\"terraform\",\"Service\":\"{name}\",\"Team\":\"platform\"}}"
    );
    match ty {
        "aws_vpc" => format!(
            "{{\"assign_generated_ipv6_cidr_block\":null,\"cidr_block\":\"10.{}.0.0/16\",\"enable_dns_hostnames\":true,\"enable_dns_support\":true,\"enable_network_address_usage_metrics\":false,\"instance_tenancy\":\"default\",\"ipv4_ipam_pool_id\":null,\"ipv4_netmask_length\":null,\"ipv6_ipam_pool_id\":null,\"ipv6_netmask_length\":null,\"tags\":{tags},\"tags_all\":{tags}}}",
            rng.below(250)
        ),
        "aws_internet_gateway" => format!("{{\"tags\":{tags},\"tags_all\":{tags},\"timeouts\":null}}"),
        "aws_security_group" => format!(
            "{{\"description\":\"Traffic for {name}\",\"egress\":[{{\"cidr_blocks\":[\"0.0.0.0/0\"],\"description\":\"\",\"from_port\":0,\"ipv6_cidr_blocks\":[],\"prefix_list_ids\":[],\"protocol\":\"-1\",\"security_groups\":[],\"self\":false,\"to_port\":0}}],\"ingress\":[{{\"cidr_blocks\":[\"10.0.0.0/8\"],\"description\":\"service port\",\"from_port\":443,\"ipv6_cidr_blocks\":[],\"prefix_list_ids\":[],\"protocol\":\"tcp\",\"security_groups\":[],\"self\":false,\"to_port\":443}}],\"name\":\"{name}-app\",\"revoke_rules_on_delete\":false,\"tags\":{tags},\"tags_all\":{tags},\"timeouts\":null}}"
        ),
        "aws_s3_bucket" => format!(
            "{{\"bucket\":\"{name}-{}\",\"force_destroy\":false,\"object_lock_enabled\":false,\"tags\":{tags},\"tags_all\":{tags},\"timeouts\":null}}",
            rng.below(100000)
        ),
        "aws_iam_role" => format!(
            "{{\"assume_role_policy\":\"{{\\\"Statement\\\":[{{\\\"Action\\\":\\\"sts:AssumeRole\\\",\\\"Effect\\\":\\\"Allow\\\",\\\"Principal\\\":{{\\\"Service\\\":\\\"ecs-tasks.amazonaws.com\\\"}}}}],\\\"Version\\\":\\\"2012-10-17\\\"}}\",\"description\":null,\"force_detach_policies\":false,\"max_session_duration\":3600,\"name\":\"{name}-task\",\"path\":\"/\",\"permissions_boundary\":null,\"tags\":{tags},\"tags_all\":{tags}}}"
        ),
        "aws_ecs_cluster" => format!(
            "{{\"configuration\":[],\"name\":\"{name}\",\"service_connect_defaults\":[],\"setting\":[{{\"name\":\"containerInsights\",\"value\":\"enabled\"}}],\"tags\":{tags},\"tags_all\":{tags}}}"
        ),
        "aws_ecs_task_definition" => format!(
            "{{\"container_definitions\":\"[{{\\\"environment\\\":[{{\\\"name\\\":\\\"LOG_LEVEL\\\",\\\"value\\\":\\\"info\\\"}}],\\\"essential\\\":true,\\\"image\\\":\\\"123456789012.dkr.ecr.{region}.amazonaws.com/{name}:latest\\\",\\\"name\\\":\\\"app\\\",\\\"portMappings\\\":[{{\\\"containerPort\\\":8080,\\\"hostPort\\\":8080,\\\"protocol\\\":\\\"tcp\\\"}}]}}]\",\"cpu\":\"512\",\"family\":\"{name}\",\"memory\":\"1024\",\"network_mode\":\"awsvpc\",\"requires_compatibilities\":[\"FARGATE\"],\"tags\":{tags},\"tags_all\":{tags},\"volume\":[]}}"
        ),
        "aws_db_instance" => format!(
            "{{\"allocated_storage\":50,\"backup_retention_period\":7,\"engine\":\"postgres\",\"identifier\":\"{name}\",\"instance_class\":\"db.t4g.medium\",\"manage_master_user_password\":true,\"skip_final_snapshot\":false,\"storage_encrypted\":true,\"tags\":{tags},\"tags_all\":{tags},\"username\":\"app\"}}"
        ),
        "aws_sqs_queue" => format!(
            "{{\"content_based_deduplication\":false,\"delay_seconds\":0,\"fifo_queue\":false,\"max_message_size\":262144,\"message_retention_seconds\":345600,\"name\":\"{name}-jobs\",\"receive_wait_time_seconds\":0,\"sqs_managed_sse_enabled\":true,\"tags\":{tags},\"tags_all\":{tags},\"visibility_timeout_seconds\":300}}"
        ),
        _ => format!("{{\"name\":\"{name}-alerts\",\"tags\":{tags},\"tags_all\":{tags}}}"),
    }
}

fn bedrock_values(kind: &str, model: &str, name: &str) -> String {
    match kind {
        "pt" => format!(
            "{{\"commitment_duration\":\"OneMonth\",\"model_arn\":\"{model}\",\"model_units\":1,\"provisioned_model_name\":\"{name}-drafting\",\"tags\":null,\"tags_all\":{{}},\"timeouts\":null}}"
        ),
        "profile" => format!(
            "{{\"description\":null,\"model_source\":[{{\"copy_from\":\"{model}\"}}],\"name\":\"{name}-assistant\",\"tags\":{{\"CostCenter\":\"llm\"}},\"tags_all\":{{\"CostCenter\":\"llm\"}},\"timeouts\":null}}"
        ),
        _ => format!(
            "{{\"architectures\":[\"x86_64\"],\"environment\":[{{\"variables\":{{\"BEDROCK_MODEL_ID\":\"{model}\",\"MAX_TOKENS\":\"1024\"}}}}],\"function_name\":\"{name}-assistant\",\"handler\":\"app.handler\",\"memory_size\":512,\"runtime\":\"python3.12\",\"tags\":null,\"timeout\":30}}"
        ),
    }
}

/// Writes a plan of the whole tree composed as one root (`module.<stack>` per stack), instantiated per
/// tenant (`module.<stack>["tNNNN"]`) until the file reaches `mb` MB. Most changes are `no-op` (with
/// `prior_state`), some `create`/`update`; `planned_values` mirrors `after`, as Terraform writes it.
pub fn write_plan(path: &Path, tree: &Tree, mb: usize, seed: u64) -> std::io::Result<(u64, usize)> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        fs::create_dir_all(dir)?;
    }
    let per_tenant: usize = tree
        .stacks
        .iter()
        .map(|s| s.resources.len())
        .sum::<usize>()
        .max(1);
    // Bytes per resource across planned_values, resource_changes and prior_state: measured on one
    // tenant, then as many tenants as the target needs.
    let sample = {
        let mut buf = Vec::new();
        write_plan_body(&mut buf, tree, 1, seed)?;
        buf.len().max(1)
    };
    let tenants = ((mb * 1_000_000) / sample).max(1) + 1;
    let f = fs::File::create(path)?;
    let mut out = BufWriter::with_capacity(1 << 20, f);
    write_plan_body(&mut out, tree, tenants, seed)?;
    out.flush()?;
    let bytes = fs::metadata(path)?.len();
    Ok((bytes, per_tenant * tenants))
}

fn write_plan_body(
    out: &mut impl Write,
    tree: &Tree,
    tenants: usize,
    seed: u64,
) -> std::io::Result<()> {
    let actions = |stack: usize, tenant: usize, i: usize| -> &'static str {
        let mut r = Rng::new(seed ^ ((stack as u64) << 32) ^ ((tenant as u64) << 16) ^ i as u64);
        match r.below(20) {
            0 | 1 => "create",
            2 => "update",
            _ => "no-op",
        }
    };
    let provider = "registry.terraform.io/hashicorp/aws";
    out.write_all(b"{\"format_version\":\"1.2\",\"terraform_version\":\"1.9.8\",\"variables\":{\"region\":{\"value\":\"us-east-1\"}},\"planned_values\":{\"root_module\":{\"child_modules\":[")?;
    let mut first = true;
    for t in 0..tenants {
        for s in &tree.stacks {
            if s.resources.is_empty() {
                continue;
            }
            let module = format!("module.{}[\\\"t{t:04}\\\"]", s.name.replace('-', "_"));
            if !first {
                out.write_all(b",")?;
            }
            first = false;
            write!(out, "{{\"address\":\"{module}\",\"resources\":[")?;
            for (i, (ty, name, values)) in s.resources.iter().enumerate() {
                let (addr, ty) = resource_address(&module, ty, name);
                if i > 0 {
                    out.write_all(b",")?;
                }
                write!(out, "{{\"address\":\"{addr}\",\"mode\":\"managed\",\"type\":\"{ty}\",\"name\":\"{name}\",\"provider_name\":\"{provider}\",\"schema_version\":0,\"values\":{values},\"sensitive_values\":{{\"tags\":{{}},\"tags_all\":{{}}}}}}")?;
            }
            out.write_all(b"]}")?;
        }
    }
    out.write_all(b"]}},\"resource_changes\":[")?;
    let mut first = true;
    for t in 0..tenants {
        for (si, s) in tree.stacks.iter().enumerate() {
            let module = format!("module.{}[\\\"t{t:04}\\\"]", s.name.replace('-', "_"));
            for (i, (ty, name, values)) in s.resources.iter().enumerate() {
                let (addr, ty) = resource_address(&module, ty, name);
                let action = actions(si, t, i);
                let before = if action == "create" {
                    "null"
                } else {
                    values.as_str()
                };
                if !first {
                    out.write_all(b",")?;
                }
                first = false;
                write!(out, "{{\"address\":\"{addr}\",\"module_address\":\"{module}\",\"mode\":\"managed\",\"type\":\"{ty}\",\"name\":\"{name}\",\"provider_name\":\"{provider}\",\"change\":{{\"actions\":[\"{action}\"],\"before\":{before},\"after\":{values},\"after_unknown\":{{\"arn\":true,\"id\":true,\"tags_all\":{{}}}},\"before_sensitive\":{{\"tags\":{{}},\"tags_all\":{{}}}},\"after_sensitive\":{{\"tags\":{{}},\"tags_all\":{{}}}}}}}}")?;
            }
        }
    }
    out.write_all(b"],\"prior_state\":{\"format_version\":\"1.0\",\"terraform_version\":\"1.9.8\",\"values\":{\"root_module\":{\"child_modules\":[")?;
    let mut first = true;
    for t in 0..tenants {
        for (si, s) in tree.stacks.iter().enumerate() {
            let module = format!("module.{}[\\\"t{t:04}\\\"]", s.name.replace('-', "_"));
            let existing: Vec<usize> = (0..s.resources.len())
                .filter(|&i| actions(si, t, i) != "create")
                .collect();
            if existing.is_empty() {
                continue;
            }
            if !first {
                out.write_all(b",")?;
            }
            first = false;
            write!(out, "{{\"address\":\"{module}\",\"resources\":[")?;
            for (k, &i) in existing.iter().enumerate() {
                let (ty, name, values) = &s.resources[i];
                let (addr, ty) = resource_address(&module, ty, name);
                if k > 0 {
                    out.write_all(b",")?;
                }
                write!(out, "{{\"address\":\"{addr}\",\"mode\":\"managed\",\"type\":\"{ty}\",\"name\":\"{name}\",\"provider_name\":\"{provider}\",\"schema_version\":0,\"values\":{values},\"sensitive_values\":{{}}}}")?;
            }
            out.write_all(b"]}")?;
        }
    }
    out.write_all(b"]}}},\"configuration\":{\"provider_config\":{\"aws\":{\"name\":\"aws\",\"full_name\":\"registry.terraform.io/hashicorp/aws\",\"expressions\":{\"region\":{\"references\":[\"var.region\"]}}}},\"root_module\":{\"module_calls\":{")?;
    for (i, s) in tree.stacks.iter().enumerate() {
        if i > 0 {
            out.write_all(b",")?;
        }
        let calls: Vec<String> = s
            .calls
            .iter()
            .map(|(n, d)| format!("\"{n}\":{{\"source\":\"../../../{d}\",\"module\":{{}}}}"))
            .collect();
        write!(
            out,
            "\"{}\":{{\"source\":\"./{}\",\"for_each_expression\":{{\"references\":[\"var.tenants\"]}},\"module\":{{\"variables\":{{\"region\":{{\"default\":\"{}\"}}}},\"module_calls\":{{{}}}}}}}",
            s.name.replace('-', "_"),
            s.dir,
            s.region,
            calls.join(",")
        )?;
    }
    out.write_all(b"}}},\"timestamp\":\"2026-11-25T00:00:00Z\",\"errored\":false}\n")?;
    Ok(())
}

/// `("module.x[\"t0001\"]", "module.capacity.aws_bedrock_...", "this")` → the resource's full address
/// and its bare type.
fn resource_address(module: &str, ty: &str, name: &str) -> (String, String) {
    match ty.rsplit_once('.') {
        Some((inner, bare)) => (format!("{module}.{inner}.{bare}.{name}"), bare.to_string()),
        None => (format!("{module}.{ty}.{name}"), ty.to_string()),
    }
}

fn security_tf(rng: &mut Rng) -> String {
    let rotation = rng.chance(80);
    format!(
        r#"resource "aws_kms_key" "main" {{
  description             = "Encrypts ${{local.name}} data at rest"
  deletion_window_in_days = 30
  enable_key_rotation     = {rotation}

  policy = jsonencode({{
    Version = "2012-10-17"
    Statement = [
      {{
        Sid       = "RootAccess"
        Effect    = "Allow"
        Principal = {{ AWS = "arn:aws:iam::123456789012:root" }}
        Action    = "kms:*"
        Resource  = "*"
      }},
      {{
        Sid       = "ServiceUse"
        Effect    = "Allow"
        Principal = {{ AWS = aws_iam_role.task.arn }}
        Action    = ["kms:Decrypt", "kms:GenerateDataKey"]
        Resource  = "*"
      }}
    ]
  }})

  tags = local.tags
}}

resource "aws_kms_alias" "main" {{
  name          = "alias/${{local.name}}"
  target_key_id = aws_kms_key.main.key_id
}}

resource "aws_secretsmanager_secret" "app" {{
  name       = "${{local.name}}/app"
  kms_key_id = aws_kms_key.main.arn
  recovery_window_in_days = 7
}}

resource "aws_cloudwatch_log_group" "app" {{
  name              = "/${{var.environment}}/${{local.name}}"
  retention_in_days = 90
  kms_key_id        = aws_kms_key.main.arn
}}
"#
    )
}

fn queues_tf(rng: &mut Rng) -> String {
    let timeout = *rng.pick(&[30, 60, 300, 900]);
    format!(
        r#"resource "aws_sqs_queue" "jobs_dlq" {{
  name                      = "${{local.name}}-jobs-dlq"
  message_retention_seconds = 1209600
  sqs_managed_sse_enabled   = true
}}

resource "aws_sqs_queue" "jobs" {{
  name                       = "${{local.name}}-jobs"
  visibility_timeout_seconds = {timeout}
  sqs_managed_sse_enabled    = true

  redrive_policy = jsonencode({{
    deadLetterTargetArn = aws_sqs_queue.jobs_dlq.arn
    maxReceiveCount     = 5
  }})
}}

resource "aws_cloudwatch_metric_alarm" "jobs_backlog" {{
  alarm_name          = "${{local.name}}-jobs-backlog"
  comparison_operator = "GreaterThanThreshold"
  evaluation_periods  = 5
  metric_name         = "ApproximateAgeOfOldestMessage"
  namespace           = "AWS/SQS"
  period              = 60
  statistic           = "Maximum"
  threshold           = {threshold}

  dimensions = {{
    QueueName = aws_sqs_queue.jobs.name
  }}
}}
"#,
        threshold = timeout * 4
    )
}

fn dns_tf(name: &str, rng: &mut Rng) -> String {
    let ttl = *rng.pick(&[60, 300, 3600]);
    format!(
        r#"data "aws_route53_zone" "main" {{
  name         = "example.com."
  private_zone = false
}}

resource "aws_route53_record" "api" {{
  zone_id = data.aws_route53_zone.main.zone_id
  name    = "{name}.${{var.environment}}.example.com"
  type    = "CNAME"
  ttl     = {ttl}
  records = ["{name}.internal.example.com"]
}}

resource "aws_acm_certificate" "api" {{
  domain_name       = "{name}.${{var.environment}}.example.com"
  validation_method = "DNS"

  lifecycle {{
    create_before_destroy = true
  }}
}}
"#
    )
}

//! Bedrock model references in all their written forms: foundation-model IDs, system inference profile
//! IDs (`us.`/`eu.`/.../`global.`), and the ARNs of foundation models, inference profiles, application
//! inference profiles, provisioned models and custom models. One strict parser, shared by every input
//! format, so that `anthropic` in prose or `amazon.com` in a URL is never mistaken for a model.

use std::fmt;

use serde::{Deserialize, Serialize};

/// The geographies of system (cross-Region) inference profiles, from the ID prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Geography {
    Us,
    Eu,
    Apac,
    Jp,
    Au,
    Ca,
    UsGov,
    /// India (`in.`), e.g. GPT-5.6.
    In,
}

impl Geography {
    pub const ALL: [Geography; 8] = [
        Geography::Us,
        Geography::Eu,
        Geography::Apac,
        Geography::Jp,
        Geography::Au,
        Geography::Ca,
        Geography::UsGov,
        Geography::In,
    ];

    pub fn prefix(self) -> &'static str {
        match self {
            Geography::Us => "us",
            Geography::Eu => "eu",
            Geography::Apac => "apac",
            Geography::Jp => "jp",
            Geography::Au => "au",
            Geography::Ca => "ca",
            Geography::UsGov => "us-gov",
            Geography::In => "in",
        }
    }

    pub fn from_prefix(s: &str) -> Option<Geography> {
        Geography::ALL.into_iter().find(|g| g.prefix() == s)
    }

    /// Whether an AWS Region lies inside this geography (for data-residency checks).
    pub fn contains_region(self, region: &str) -> bool {
        match self {
            Geography::UsGov => region.starts_with("us-gov-"),
            Geography::Us => region.starts_with("us-") && !region.starts_with("us-gov-"),
            Geography::Eu => region.starts_with("eu-"),
            Geography::Apac => region.starts_with("ap-"),
            Geography::Jp => matches!(region, "ap-northeast-1" | "ap-northeast-3"),
            Geography::Au => matches!(region, "ap-southeast-2" | "ap-southeast-4"),
            Geography::Ca => region.starts_with("ca-"),
            Geography::In => matches!(region, "ap-south-1" | "ap-south-2"),
        }
    }

    /// The geography whose geo profile a caller in `region` would use.
    pub fn for_region(region: &str) -> Option<Geography> {
        [
            Geography::UsGov,
            Geography::Us,
            Geography::Eu,
            Geography::Ca,
            Geography::Apac,
        ]
        .into_iter()
        .find(|g| g.contains_region(region))
    }
}

impl fmt::Display for Geography {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.prefix())
    }
}

/// How a call is routed, which is what prices it differently for newer models.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Routing {
    /// Bare model ID or foundation-model ARN: served in the calling Region.
    InRegion,
    /// A geographic system inference profile (`us.`, `eu.`, ...).
    Geo(Geography),
    /// The `global.` system inference profile.
    Global,
}

impl Routing {
    /// The catalog key of this routing's price multiplier.
    pub fn catalog_key(self) -> &'static str {
        match self {
            Routing::InRegion => "in_region",
            Routing::Geo(_) => "geo",
            Routing::Global => "global",
        }
    }
}

impl fmt::Display for Routing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Routing::InRegion => f.write_str("in-region"),
            Routing::Geo(g) => write!(f, "geo ({g})"),
            Routing::Global => f.write_str("global"),
        }
    }
}

/// What a reference points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ModelRefKind {
    /// A foundation model by ID or foundation-model ARN.
    Foundation { model_id: String },
    /// A system inference profile (`us.MODEL`, `global.MODEL`) by ID or ARN.
    SystemProfile { routing: Routing, model_id: String },
    /// A custom model ARN; priced by its base model.
    CustomModel { base_model_id: String },
    /// An application inference profile ARN created elsewhere: which model it copies is not visible.
    ApplicationProfileArn,
    /// A provisioned model ARN created elsewhere.
    ProvisionedModelArn,
    /// A model brought in with Custom Model Import (`imported-model/ID`): billed per Custom Model
    /// Unit, not per token.
    ImportedModelArn,
}

/// One model reference as written, with what it means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelRef {
    /// The text exactly as found (an ID, a profile ID or an ARN).
    pub text: String,
    pub kind: ModelRefKind,
    /// The Region named in an ARN, if any.
    pub arn_region: Option<String>,
    /// The partition and account of an ARN (`aws`, `123456789012`), to rewrite it in the same form.
    arn_prefix: Option<(String, String)>,
}

/// Stands in a string for a part whose value is not known here (`${data.aws_region.current.region}`,
/// `${AWS::AccountId}`): parsers that keep a value's known parts write this character where an unknown
/// part was. An ARN may have it in its partition, Region and account fields and still name its model;
/// a model ID with it in it names nothing. A control character never written in real config.
pub const UNKNOWN_PART: char = '\u{1}';

/// How an unknown part is shown in a reference's `text`.
pub const UNKNOWN_PART_SHOWN: &str = "${…}";

/// Bedrock model providers (the part before the first `.` of a model ID). A model ID must start with one.
/// The pre-scan (`src/prescan.rs`) searches for these words.
pub const PROVIDERS: &[&str] = &[
    "ai21",
    "amazon",
    "anthropic",
    "cohere",
    "deepseek",
    "google",
    "luma",
    "meta",
    "minimax",
    "mistral",
    "moonshot",
    "moonshotai",
    "nvidia",
    "openai",
    "qwen",
    "stability",
    "twelvelabs",
    "writer",
    "xai",
    "zai",
];

impl ModelRef {
    /// Parses one whole token. `None` unless the entire token is a Bedrock model reference.
    pub fn parse(token: &str) -> Option<ModelRef> {
        if token.starts_with("arn:") {
            return parse_arn(token);
        }
        let kind = parse_id(token)?;
        Some(ModelRef {
            text: token.to_string(),
            kind,
            arn_region: None,
            arn_prefix: None,
        })
    }

    /// A custom model defined in this configuration, priced by its base model.
    pub fn custom_model(text: String, base_model_id: &str) -> ModelRef {
        ModelRef {
            text,
            kind: ModelRefKind::CustomModel {
                base_model_id: base_model_id.to_string(),
            },
            arn_region: None,
            arn_prefix: None,
        }
    }

    /// The foundation model that prices this reference, if visible.
    pub fn model_id(&self) -> Option<&str> {
        match &self.kind {
            ModelRefKind::Foundation { model_id }
            | ModelRefKind::SystemProfile { model_id, .. } => Some(model_id),
            ModelRefKind::CustomModel { base_model_id } => Some(base_model_id),
            ModelRefKind::ApplicationProfileArn
            | ModelRefKind::ProvisionedModelArn
            | ModelRefKind::ImportedModelArn => None,
        }
    }

    /// The routing of an on-demand call through this reference, if visible.
    pub fn routing(&self) -> Option<Routing> {
        match &self.kind {
            ModelRefKind::Foundation { .. } | ModelRefKind::CustomModel { .. } => {
                Some(Routing::InRegion)
            }
            ModelRefKind::SystemProfile { routing, .. } => Some(*routing),
            ModelRefKind::ApplicationProfileArn
            | ModelRefKind::ProvisionedModelArn
            | ModelRefKind::ImportedModelArn => None,
        }
    }

    /// The same reference rewritten to another routing, in the same written form (ID or ARN), for help
    /// text. `None` for opaque ARNs and custom models.
    pub fn with_routing(&self, routing: Routing) -> Option<String> {
        let model_id = match &self.kind {
            ModelRefKind::Foundation { model_id }
            | ModelRefKind::SystemProfile { model_id, .. } => model_id,
            _ => return None,
        };
        let id = match routing {
            Routing::InRegion => model_id.clone(),
            Routing::Geo(g) => format!("{}.{model_id}", g.prefix()),
            Routing::Global => format!("global.{model_id}"),
        };
        match (&self.arn_prefix, &self.arn_region) {
            (Some((partition, account)), Some(region)) => Some(match routing {
                Routing::InRegion => {
                    format!("arn:{partition}:bedrock:{region}::foundation-model/{id}")
                }
                _ => format!("arn:{partition}:bedrock:{region}:{account}:inference-profile/{id}"),
            }),
            _ => Some(id),
        }
    }
}

fn parse_id(token: &str) -> Option<ModelRefKind> {
    let (first, rest) = token.split_once('.')?;
    if first == "global" {
        return is_model_id(rest).then(|| ModelRefKind::SystemProfile {
            routing: Routing::Global,
            model_id: rest.to_string(),
        });
    }
    if let Some(geo) = Geography::from_prefix(first) {
        return is_model_id(rest).then(|| ModelRefKind::SystemProfile {
            routing: Routing::Geo(geo),
            model_id: rest.to_string(),
        });
    }
    is_model_id(token).then(|| ModelRefKind::Foundation {
        model_id: token.to_string(),
    })
}

/// `provider.name[-date]-vN[:minor][:ctx]`: a known provider, then a lowercase name that has a `-` or a
/// `:` version (so `amazon.com` or `meta.description` never match).
fn is_model_id(s: &str) -> bool {
    let Some((provider, name)) = s.split_once('.') else {
        return false;
    };
    if !PROVIDERS.contains(&provider) || name.is_empty() || name.len() > 120 {
        return false;
    }
    let first_ok = name
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit());
    let chars_ok = name
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '.' | ':'));
    let last_ok = name
        .chars()
        .last()
        .is_some_and(|c| c.is_ascii_alphanumeric());
    first_ok && chars_ok && last_ok && (name.contains('-') || name.contains(':'))
}

fn parse_arn(token: &str) -> Option<ModelRef> {
    // arn:PARTITION:bedrock:REGION:ACCOUNT:RESOURCE-TYPE/REST
    let mut parts = token.splitn(6, ':');
    let (_arn, partition, service, region, account, resource) = (
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
    );
    let unknown = |field: &str| field.contains(UNKNOWN_PART);
    if service != "bedrock" || !(partition.starts_with("aws") || unknown(partition)) {
        return None;
    }
    let (resource_type, rest) = resource.split_once('/')?;
    let kind = match resource_type {
        "foundation-model" => is_model_id(rest).then(|| ModelRefKind::Foundation {
            model_id: rest.to_string(),
        })?,
        "inference-profile" => match parse_id(rest)? {
            k @ ModelRefKind::SystemProfile { .. } => k,
            _ => return None,
        },
        "application-inference-profile" => {
            valid_resource_id(rest).then_some(ModelRefKind::ApplicationProfileArn)?
        }
        "provisioned-model" => {
            valid_resource_id(rest).then_some(ModelRefKind::ProvisionedModelArn)?
        }
        "imported-model" => valid_resource_id(rest).then_some(ModelRefKind::ImportedModelArn)?,
        "custom-model" => {
            // custom-model/BASE-ID[:ctx]/NAME (the base model ID may be absent in older ARNs)
            let base = rest.split('/').next().filter(|b| is_model_id(b))?;
            ModelRefKind::CustomModel {
                base_model_id: base.to_string(),
            }
        }
        _ => return None,
    };
    // A wildcard (`*`, IAM) or unknown Region names no Region; an unknown partition or account
    // leaves no form to rewrite the ARN in, so help shows the ID.
    let region_known = !region.is_empty() && !unknown(region) && !region.contains(['*', '?']);
    let prefix_known = !unknown(partition) && !unknown(account);
    Some(ModelRef {
        text: token.replace(UNKNOWN_PART, UNKNOWN_PART_SHOWN),
        kind,
        arn_region: region_known.then(|| region.to_string()),
        arn_prefix: (prefix_known && region_known)
            .then(|| (partition.to_string(), account.to_string())),
    })
}

fn valid_resource_id(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// A cheap test before any parsing: can this text contain a model reference at all? (Every model ID
/// starts with a provider and a dot; every Bedrock ARN has `:bedrock:`.)
pub fn might_contain_model_ref(text: &str) -> bool {
    // This runs on every resource of a plan, so it is a large share of a plan's time: one SIMD
    // search for `:bedrock:`, then one for each `.`, checking the word before it (a provider).
    static BEDROCK: std::sync::OnceLock<memchr::memmem::Finder<'static>> =
        std::sync::OnceLock::new();
    let bytes = text.as_bytes();
    let arn = BEDROCK.get_or_init(|| memchr::memmem::Finder::new(b":bedrock:"));
    arn.find(bytes).is_some()
        || memchr::memchr_iter(b'.', bytes).any(|dot| {
            let before = &bytes[..dot];
            PROVIDERS.iter().any(|p| before.ends_with(p.as_bytes()))
        })
}

/// Finds every model reference inside free text (an env value, a JSON blob, `bedrock/us.anthropic...`,
/// a runtime URL). Returns the byte range of each within `text`.
pub fn find_model_refs(text: &str) -> Vec<(std::ops::Range<usize>, ModelRef)> {
    let mut found = Vec::new();
    let bytes = text.as_bytes();
    // An unknown part (`UNKNOWN_PART`) stays inside its token, so an ARN with an unknown account is
    // still one ARN.
    let is_token_byte = |b: u8| {
        b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b':' | b'/' | b'_' | b'\x01')
    };
    let mut i = 0;
    while i < bytes.len() {
        if !is_token_byte(bytes[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && is_token_byte(bytes[i]) {
            i += 1;
        }
        scan_token(&text[start..i], start, &mut found);
    }
    found
}

/// A token may be an ARN (kept whole: it contains `/`) or a path-like string whose segments are IDs.
fn scan_token(token: &str, offset: usize, found: &mut Vec<(std::ops::Range<usize>, ModelRef)>) {
    // Trailing sentence punctuation is not part of an ID.
    let token = token.trim_end_matches(['.', ':', '-', '/']);
    if let Some(arn_at) = token.find("arn:") {
        if arn_at == 0 || token.as_bytes()[arn_at - 1] == b'/' {
            if let Some(r) = ModelRef::parse(&token[arn_at..]) {
                found.push((offset + arn_at..offset + token.len(), r));
                return;
            }
        }
    }
    let mut seg_start = 0;
    for segment in token.split('/') {
        // `bedrock:ID` (promptfoo) and `:flex` service-tier hints: try the segment, then after a `:`.
        let candidates = [
            Some((0, segment)),
            segment.split_once(':').map(|(p, s)| (p.len() + 1, s)),
        ];
        for (skip, cand) in candidates.into_iter().flatten() {
            if let Some(r) = ModelRef::parse(cand) {
                let s = offset + seg_start + skip;
                found.push((s..s + cand.len(), r));
                break;
            }
        }
        seg_start += segment.len() + 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(s: &str) -> Option<ModelRefKind> {
        ModelRef::parse(s).map(|r| r.kind)
    }

    #[test]
    fn foundation_ids() {
        assert_eq!(
            kind("anthropic.claude-3-5-sonnet-20241022-v2:0"),
            Some(ModelRefKind::Foundation {
                model_id: "anthropic.claude-3-5-sonnet-20241022-v2:0".into()
            })
        );
        assert!(kind("amazon.titan-text-express-v1:0:8k").is_some());
        assert!(kind("anthropic.claude-sonnet-4-6").is_some());
    }

    #[test]
    fn profiles_and_geographies() {
        for (id, routing) in [
            (
                "us.anthropic.claude-sonnet-4-20250514-v1:0",
                Routing::Geo(Geography::Us),
            ),
            (
                "us-gov.anthropic.claude-3-haiku-20240307-v1:0",
                Routing::Geo(Geography::UsGov),
            ),
            ("apac.amazon.nova-lite-v1:0", Routing::Geo(Geography::Apac)),
            (
                "global.anthropic.claude-haiku-4-5-20251001-v1:0",
                Routing::Global,
            ),
        ] {
            assert_eq!(
                ModelRef::parse(id).and_then(|r| r.routing()),
                Some(routing),
                "{id}"
            );
        }
        // `amazon.` is a provider, not a geography.
        assert_eq!(
            ModelRef::parse("amazon.nova-pro-v1:0").and_then(|r| r.routing()),
            Some(Routing::InRegion)
        );
    }

    #[test]
    fn arns() {
        let r = ModelRef::parse(
            "arn:aws:bedrock:eu-west-1:123456789012:inference-profile/eu.anthropic.claude-3-7-sonnet-20250219-v1:0",
        )
        .expect("profile arn");
        assert_eq!(r.arn_region.as_deref(), Some("eu-west-1"));
        assert_eq!(r.routing(), Some(Routing::Geo(Geography::Eu)));
        assert_eq!(
            r.with_routing(Routing::Global).as_deref(),
            Some("arn:aws:bedrock:eu-west-1:123456789012:inference-profile/global.anthropic.claude-3-7-sonnet-20250219-v1:0")
        );
        assert!(matches!(
            kind("arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-text-lite-v1:0:4k"),
            Some(ModelRefKind::Foundation { .. })
        ));
        assert_eq!(
            kind(
                "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3d4e5f6"
            ),
            Some(ModelRefKind::ApplicationProfileArn)
        );
        assert_eq!(
            kind("arn:aws:bedrock:us-east-1:123456789012:custom-model/amazon.titan-text-lite-v1:0:4k/abcd1234"),
            Some(ModelRefKind::CustomModel { base_model_id: "amazon.titan-text-lite-v1:0:4k".into() })
        );
        assert_eq!(kind("arn:aws:s3:::my-bucket/amazon.nova-pro-v1:0"), None);
    }

    #[test]
    fn arns_with_unknown_parts_keep_their_model() {
        let hole = UNKNOWN_PART;
        // arn:${partition}:bedrock:${region}:${account}:inference-profile/us.<Sonnet 4.5>
        let text = format!(
            "arn:{hole}:bedrock:{hole}:{hole}:inference-profile/us.anthropic.claude-sonnet-4-5-20250929-v1:0"
        );
        let found = find_model_refs(&text);
        assert_eq!(found.len(), 1, "{found:?}");
        let (range, r) = &found[0];
        assert_eq!(*range, 0..text.len());
        assert_eq!(r.routing(), Some(Routing::Geo(Geography::Us)));
        assert_eq!(
            r.model_id(),
            Some("anthropic.claude-sonnet-4-5-20250929-v1:0")
        );
        assert_eq!(r.arn_region, None);
        assert!(r
            .text
            .starts_with("arn:${…}:bedrock:${…}:${…}:inference-profile/"));
        // No ARN form to rewrite into: help gives the profile ID.
        assert_eq!(
            r.with_routing(Routing::Global).as_deref(),
            Some("global.anthropic.claude-sonnet-4-5-20250929-v1:0")
        );
        // Only the account unknown: the Region is still read.
        let r = ModelRef::parse(&format!(
            "arn:aws:bedrock:eu-west-1:{hole}:inference-profile/eu.anthropic.claude-sonnet-4-5-20250929-v1:0"
        ))
        .expect("arn");
        assert_eq!(r.arn_region.as_deref(), Some("eu-west-1"));
        // An IAM wildcard Region is no Region.
        let r = ModelRef::parse(
            "arn:aws:bedrock:*::foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0",
        )
        .expect("arn");
        assert_eq!(r.arn_region, None);
        // The unknown part inside the model ID: nothing is named.
        assert!(find_model_refs(&format!(
            "arn:aws:bedrock:us-east-1::foundation-model/anthropic.{hole}"
        ))
        .is_empty());
        assert!(
            find_model_refs(&format!("{hole}.anthropic.claude-sonnet-4-5-20250929-v1:0"))
                .iter()
                .all(|(_, r)| r.routing() == Some(Routing::InRegion))
        );
    }

    #[test]
    fn look_alikes_are_not_models() {
        for s in [
            "anthropic",
            "amazon.com",
            "www.anthropic.com",
            "meta.description",
            "us.example.com",
            "Anthropic.Claude-3",
            "anthropic.",
            "global.amazon",
            "openai.com",
        ] {
            assert_eq!(kind(s), None, "{s}");
            assert!(find_model_refs(s).is_empty(), "{s}");
        }
        assert!(find_model_refs("We use anthropic models via amazon.com and meta.ai.").is_empty());
    }

    #[test]
    fn finds_refs_inside_text() {
        let text = r#"{"model":"bedrock/us.anthropic.claude-3-5-haiku-20241022-v1:0","x":1} and bedrock:amazon.nova-micro-v1:0."#;
        let found = find_model_refs(text);
        let ids: Vec<&str> = found.iter().map(|(r, _)| &text[r.clone()]).collect();
        assert_eq!(
            ids,
            [
                "us.anthropic.claude-3-5-haiku-20241022-v1:0",
                "amazon.nova-micro-v1:0"
            ]
        );
        let url = "https://bedrock-runtime.us-east-1.amazonaws.com/model/global.anthropic.claude-sonnet-4-5-20250929-v1:0/converse";
        let found = find_model_refs(url);
        assert_eq!(found.len(), 1);
        assert_eq!(
            &url[found[0].0.clone()],
            "global.anthropic.claude-sonnet-4-5-20250929-v1:0"
        );
    }
}

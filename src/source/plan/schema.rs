//! The parts of `terraform show -json` output (plan or state, format 0.1 to 1.x) that bedrock-lint reads.
//! Everything else is skipped by serde without being built; `before`/`after` stay borrowed raw JSON.

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::value::RawValue;

#[derive(Debug, Deserialize)]
pub struct PlanFile<'a> {
    pub format_version: String,
    #[serde(default)]
    pub terraform_version: Option<String>,
    #[serde(default, borrow)]
    pub resource_changes: Vec<ResourceChange<'a>>,
    /// State JSON (`terraform show -json` on a state file) has `values` instead of changes.
    #[serde(default, borrow)]
    pub values: Option<StateValues<'a>>,
    #[serde(default)]
    pub configuration: Option<Configuration>,
    /// Root module variable values (`{"region": {"value": "us-east-1"}}`).
    #[serde(default)]
    pub variables: BTreeMap<String, VariableValue>,
}

#[derive(Debug, Deserialize)]
pub struct VariableValue {
    #[serde(default)]
    pub value: Option<serde_json::Value>,
}

#[derive(Debug, Deserialize)]
pub struct ResourceChange<'a> {
    /// Borrowed from the file unless it holds escapes: a monorepo plan has 100,000s of these.
    #[serde(borrow)]
    pub address: Cow<'a, str>,
    #[serde(default, borrow)]
    pub mode: Option<Cow<'a, str>>,
    #[serde(rename = "type", borrow)]
    pub resource_type: Cow<'a, str>,
    #[serde(borrow)]
    pub change: Change<'a>,
}

#[derive(Debug, Deserialize)]
pub struct Change<'a> {
    #[serde(borrow)]
    pub actions: Vec<Cow<'a, str>>,
    #[serde(default, borrow)]
    pub before: Option<&'a RawValue>,
    #[serde(default, borrow)]
    pub after: Option<&'a RawValue>,
    #[serde(default, borrow)]
    pub after_unknown: Option<&'a RawValue>,
    #[serde(default, borrow)]
    pub after_sensitive: Option<&'a RawValue>,
    #[serde(default, borrow)]
    pub before_sensitive: Option<&'a RawValue>,
}

#[derive(Debug, Deserialize)]
pub struct StateValues<'a> {
    #[serde(borrow)]
    pub root_module: StateModule<'a>,
}

#[derive(Debug, Deserialize)]
pub struct StateModule<'a> {
    #[serde(default, borrow)]
    pub resources: Vec<StateResource<'a>>,
    #[serde(default, borrow)]
    pub child_modules: Vec<StateModule<'a>>,
}

#[derive(Debug, Deserialize)]
pub struct StateResource<'a> {
    #[serde(borrow)]
    pub address: Cow<'a, str>,
    #[serde(default, borrow)]
    pub mode: Option<Cow<'a, str>>,
    #[serde(rename = "type", borrow)]
    pub resource_type: Cow<'a, str>,
    #[serde(default, borrow)]
    pub values: Option<&'a RawValue>,
    #[serde(default, borrow)]
    pub sensitive_values: Option<&'a RawValue>,
}

#[derive(Debug, Default, Deserialize)]
pub struct Configuration {
    #[serde(default)]
    pub provider_config: BTreeMap<String, ProviderConfig>,
    #[serde(default)]
    pub root_module: ConfigModule,
}

#[derive(Debug, Default, Deserialize)]
pub struct ProviderConfig {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub alias: Option<String>,
    #[serde(default)]
    pub expressions: BTreeMap<String, Expression>,
}

/// A configuration expression: a constant, or references (not evaluated by Terraform here).
#[derive(Debug, Default, Deserialize)]
pub struct Expression {
    #[serde(default)]
    pub constant_value: Option<serde_json::Value>,
    /// What a non-constant expression refers to (`["var.region"]`).
    #[serde(default)]
    pub references: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
pub struct ConfigModule {
    #[serde(default)]
    pub resources: Vec<ConfigResource>,
    #[serde(default)]
    pub module_calls: BTreeMap<String, ModuleCall>,
    /// Declared input variables (`sensitive = true` ones are never read into a finding).
    #[serde(default)]
    pub variables: BTreeMap<String, ConfigVariable>,
}

#[derive(Debug, Default, Deserialize)]
pub struct ConfigVariable {
    #[serde(default)]
    pub sensitive: bool,
}

#[derive(Debug, Default, Deserialize)]
pub struct ConfigResource {
    pub address: String,
    #[serde(default)]
    pub provider_config_key: Option<String>,
    /// The few configuration expressions that decide a resource's details where its planned
    /// values are unknown (everything else is skipped unbuilt).
    #[serde(default)]
    pub expressions: ConfigExpressions,
}

/// `expressions` of a configuration resource: only the keys bedrock-lint reads.
#[derive(Debug, Default, Deserialize)]
pub struct ConfigExpressions {
    /// A knowledge base's store; its `collection_arn.references` name the collection it uses.
    #[serde(default)]
    pub storage_configuration: Option<serde_json::Value>,
    /// Whether a collection's `type` is written (unwritten: the provider's default).
    #[serde(rename = "type", default)]
    pub collection_type: Option<serde::de::IgnoredAny>,
    /// Whether a collection's `standby_replicas` is written.
    #[serde(default)]
    pub standby_replicas: Option<serde::de::IgnoredAny>,
    /// Whether a customization job's `customization_type` is written.
    #[serde(default)]
    pub customization_type: Option<serde::de::IgnoredAny>,
}

#[derive(Debug, Default, Deserialize)]
pub struct ModuleCall {
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub module: ConfigModule,
}

//! What a model string means where it is written in Terraform: a call (it selects the model to
//! invoke), a permission (an IAM or resource policy grants it), metadata (a description, a tag, an
//! alarm dimension, an output, an allow-list) or a default no call uses. Decided from the block type
//! and the path of keys down to the string, as Terraform and AWS read them.

use crate::model::Role;

/// The role of every string in a block of this type, if the type decides it.
pub fn block_role(ty: &str) -> Option<Role> {
    // Every IAM resource and data source (`aws_iam_policy`, `aws_iam_role_policy`, `aws_iam_role`,
    // `data "aws_iam_policy_document"`, ...) and SCPs grant or deny calls; they never make one.
    if ty.starts_with("aws_iam_")
        || ty.starts_with("awscc_iam_")
        || matches!(ty, "aws_organizations_policy" | "aws_lambda_permission")
    {
        return Some(Role::Permission);
    }
    // Alarms, dashboards and budgets name a model as a metric dimension or a filter: they watch
    // calls, they are not calls.
    if ty.starts_with("aws_cloudwatch_metric_alarm")
        || ty == "aws_cloudwatch_dashboard"
        || ty.starts_with("aws_budgets_")
        || ty.starts_with("aws_ce_")
    {
        return Some(Role::Metadata);
    }
    None
}

/// The role a key gives everything below it, if it decides one (`policy`, `assume_role_policy`,
/// `Statement`, `description`, `tags`).
pub fn key_role(key: &str) -> Option<Role> {
    let lower = key.to_ascii_lowercase();
    let is_policy = lower == "policy"
        || lower.ends_with("_policy")
        || lower.starts_with("policy_")
        || lower.ends_with("_policies")
        || lower == "policies"
        || lower == "statement"
        || lower == "inline_policy"
        || lower == "permissions_boundary";
    if is_policy {
        return Some(Role::Permission);
    }
    if matches!(
        lower.as_str(),
        "description"
            | "tags"
            | "tags_all"
            | "default_tags"
            | "labels"
            | "annotations"
            | "dockerlabels"
            | "metric_name"
            | "dimensions"
    ) {
        return Some(Role::Metadata);
    }
    None
}

/// A string that is itself a JSON policy document (a heredoc policy, a `file()` read inline):
/// IAM's grammar has `Statement` with `Effect` in every policy.
pub fn is_policy_text(text: &str) -> bool {
    text.contains("\"Statement\"") && text.contains("\"Effect\"")
}

/// A role below a parent's: once a string is inside a policy or metadata, a nested key does not make
/// it a call again; a policy inside metadata stays metadata.
pub fn nested(parent: Role, child: Option<Role>) -> Role {
    match (parent, child) {
        (Role::Call, Some(c)) => c,
        (p, _) => p,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iam_and_scp_types_are_permissions() {
        for ty in [
            "aws_iam_policy",
            "aws_iam_role_policy",
            "aws_iam_role",
            "aws_iam_policy_document",
            "aws_organizations_policy",
        ] {
            assert_eq!(block_role(ty), Some(Role::Permission), "{ty}");
        }
        assert_eq!(block_role("aws_lambda_function"), None);
        assert_eq!(block_role("aws_bedrockagent_agent_alias"), None);
        assert_eq!(
            block_role("aws_cloudwatch_metric_alarm"),
            Some(Role::Metadata)
        );
    }

    #[test]
    fn keys_decide_below_them() {
        assert_eq!(key_role("assume_role_policy"), Some(Role::Permission));
        assert_eq!(key_role("policy"), Some(Role::Permission));
        assert_eq!(key_role("Statement"), Some(Role::Permission));
        assert_eq!(key_role("policy_statements"), Some(Role::Permission));
        assert_eq!(key_role("tags"), Some(Role::Metadata));
        assert_eq!(key_role("description"), Some(Role::Metadata));
        assert_eq!(key_role("foundation_model"), None);
        assert_eq!(key_role("environment"), None);
        assert_eq!(
            nested(Role::Permission, Some(Role::Metadata)),
            Role::Permission
        );
        assert_eq!(nested(Role::Call, Some(Role::Metadata)), Role::Metadata);
    }
}

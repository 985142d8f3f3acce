//! What a model string *is* where it stands. Only a parser sees the context (an IAM statement, LiteLLM
//! `model_info`, a CloudFormation `AllowedValues`), so parsers decide; pricing and the call rules read
//! only calls, and reporters list the others apart.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Role {
    /// The string selects the model to invoke: a Bedrock resource's model argument, a compute
    /// environment variable, an app-config key that names the model. Priced and linted.
    #[default]
    Call,
    /// An IAM or resource policy, SCP, permission boundary or condition: it allows a call, it is not
    /// one. Listed in JSON under `permissions`; never priced, never a call finding.
    Permission,
    /// An alias, description, tag, output, allowed-value list, pricing table or recorded output.
    Metadata,
    /// A variable or parameter default that no call was seen to use (one that flows into a call is
    /// counted at the call).
    Default,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Call, Role::Permission, Role::Metadata, Role::Default];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Call => "call",
            Role::Permission => "permission",
            Role::Metadata => "metadata",
            Role::Default => "default",
        }
    }

    pub fn is_call(self) -> bool {
        self == Role::Call
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

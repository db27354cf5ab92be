//! The ids a live test needs, read from the deployed stack's `terraform output -json`: the
//! instance, the flow the test cases enter, and the call-handler's ARN their overrides name.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

use crate::error::BadInput;

/// The ids from `terraform -chdir=OUT output -json` (`TERRAFORM` names another terraform).
pub fn read(out: &Path) -> Result<StackIds, BadInput> {
    let terraform = std::env::var_os("TERRAFORM").unwrap_or_else(|| "terraform".into());
    let shown = out.display().to_string();
    let done = Command::new(&terraform)
        .arg(format!("-chdir={shown}"))
        .args(["output", "-json"])
        .output()
        .map_err(|error| {
            BadInput(format!(
                "running `terraform -chdir={shown} output -json`: {error}; install Terraform, or set TERRAFORM"
            ))
        })?;
    if !done.status.success() {
        return Err(BadInput(format!(
            "`terraform -chdir={shown} output -json` failed: {}; deploy the stack first",
            String::from_utf8_lossy(&done.stderr).trim()
        )));
    }
    parse(&String::from_utf8_lossy(&done.stdout), &shown)
}

/// What `test-line` needs from the stack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StackIds {
    pub instance_id: String,
    pub contact_flow_id: String,
    pub function_arn: String,
}

/// Reads [`StackIds`] from `json` (the text of `terraform -chdir=OUT output -json`); `out`
/// names the folder in the error.
pub fn parse(json: &str, out: &str) -> Result<StackIds, BadInput> {
    let outputs: Value = serde_json::from_str(json).map_err(|error| {
        BadInput(format!(
            "`terraform -chdir={out} output -json` did not print JSON ({error}); deploy the stack first"
        ))
    })?;
    let value = |name: &str| {
        outputs[name]["value"]
            .as_str()
            .filter(|v| !v.is_empty())
            .map(str::to_string)
            .ok_or_else(|| {
                BadInput(format!(
                    "{out}: the stack has no `{name}` output; deploy it first (`connect-vanity deploy`; a stack rendered before `{name}` existed needs one more deploy)"
                ))
            })
    };
    Ok(StackIds {
        instance_id: value("instance_id")?,
        contact_flow_id: value("contact_flow_id")?,
        function_arn: value("function_arn")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_three_ids_or_names_the_missing_one() {
        let full = r#"{"instance_id":{"sensitive":false,"type":"string","value":"i-1"},
            "contact_flow_id":{"sensitive":false,"type":"string","value":"f-1"},
            "function_arn":{"sensitive":false,"type":"string","value":"arn:aws:lambda:us-east-1:1:function:x"}}"#;
        assert_eq!(
            parse(full, "terraform").expect("parses"),
            StackIds {
                instance_id: "i-1".into(),
                contact_flow_id: "f-1".into(),
                function_arn: "arn:aws:lambda:us-east-1:1:function:x".into(),
            }
        );
        let cases = [
            ("{}", "no `instance_id` output"),
            (
                r#"{"instance_id":{"value":"i"},"contact_flow_id":{"value":"f"}}"#,
                "no `function_arn` output",
            ),
            ("No outputs found", "did not print JSON"),
        ];
        for (json, fragment) in cases {
            let message = parse(json, "terraform").expect_err(json).to_string();
            assert!(message.contains(fragment), "{message}");
        }
    }
}

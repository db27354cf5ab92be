//! Known failures and what to do about them: each hint matches a text in a failed step's
//! output and may point at the document section that explains the fix. A test checks that
//! every section named here is a heading of the file it names, so no hint points at nothing.

use std::io;

/// A heading in one of the project's documents.
#[derive(Debug, Clone, Copy)]
pub struct Section {
    /// The file, relative to the repository root.
    pub file: &'static str,
    pub heading: &'static str,
}

const BEFORE_YOU_DEPLOY: Section = Section {
    file: "README.md",
    heading: "Before you deploy",
};
const CHANGING_THINGS_LATER: Section = Section {
    file: "docs/deploying.md",
    heading: "Changing things later",
};
const THE_ONE_COMMAND: Section = Section {
    file: "docs/deploying.md",
    heading: "The one command",
};

/// One known failure.
pub struct Hint {
    /// Text that identifies the failure in the step's output.
    pub needle: &'static str,
    /// What to do, in one line.
    pub advice: &'static str,
    /// The section that explains it, when there is one.
    pub section: Option<Section>,
}

/// Known failure texts, matched against a failed step's output.
pub const HINTS: &[Hint] = &[
    Hint {
        needle: "no such command: `lambda`",
        advice: "cargo-lambda is not installed: `pip install cargo-lambda` (it brings zig), then deploy again",
        section: Some(BEFORE_YOU_DEPLOY),
    },
    Hint {
        needle: "Zig",
        advice: "cargo-lambda cross-compiles with zig: `pip install ziglang` (or `pip install cargo-lambda`, which brings it)",
        section: Some(BEFORE_YOU_DEPLOY),
    },
    Hint {
        needle: "could not find `Cargo.toml`",
        advice: "run deploy from the connect-vanity checkout: the Lambdas are built from its source",
        section: None,
    },
    Hint {
        needle: "No valid credential sources found",
        advice: "no AWS credentials: run `aws configure`, `aws sso login`, or set AWS_PROFILE / AWS_ACCESS_KEY_ID",
        section: Some(BEFORE_YOU_DEPLOY),
    },
    Hint {
        needle: "failed to get shared config profile",
        advice: "AWS_PROFILE names a profile that is not in ~/.aws/config",
        section: None,
    },
    Hint {
        needle: "InvalidClientTokenId",
        advice: "AWS rejected the access key: check AWS_ACCESS_KEY_ID / AWS_PROFILE",
        section: None,
    },
    Hint {
        needle: "ExpiredToken",
        advice: "the AWS session has expired: log in again (`aws sso login`) and deploy again",
        section: None,
    },
    Hint {
        needle: "allowed limit for claimed phone numbers has been exceeded",
        advice: "new Amazon Connect instances may claim few or no numbers: ask AWS Support for a phone-number quota increase",
        section: Some(BEFORE_YOU_DEPLOY),
    },
    Hint {
        needle: "Instance alias is already used",
        advice: "Amazon Connect instance aliases are unique per region across all AWS accounts: remove connect.instance.alias from vanity.yaml to use <name>-<account id>, or pick another",
        section: Some(CHANGING_THINGS_LATER),
    },
    Hint {
        needle: "prevent_destroy",
        advice: "the claimed phone number, or the instance it is claimed to, is protected: this change would release the number; releasing it is a deliberate step",
        section: Some(CHANGING_THINGS_LATER),
    },
    Hint {
        needle: "PhoneLink.",
        advice: "pointing the phone number at the flow failed; the message above names the ids and what to check, and running deploy again retries it",
        section: Some(CHANGING_THINGS_LATER),
    },
    Hint {
        needle: "Failed to query available provider packages",
        advice: "terraform could not fetch hashicorp/aws: check the network or the provider mirror in TF_CLI_CONFIG_FILE",
        section: None,
    },
    Hint {
        needle: "bootstrap.zip",
        advice: "a Lambda zip is missing: step 1 writes target/lambda/<name>/bootstrap.zip; run deploy from the project root",
        section: Some(THE_ONE_COMMAND),
    },
];

impl Hint {
    /// The advice, with the section to read when there is one.
    fn render(&self) -> String {
        match self.section {
            Some(Section { file, heading }) => format!("{} ({file}, \"{heading}\")", self.advice),
            None => self.advice.to_string(),
        }
    }
}

/// Every hint whose needle occurs in `output`.
pub fn output_hints(output: &str) -> Vec<String> {
    HINTS
        .iter()
        .filter(|hint| output.contains(hint.needle))
        .map(Hint::render)
        .collect()
}

/// What to do when a program could not be started at all.
pub fn spawn_hints(program: &str, error: &io::Error) -> Vec<String> {
    if error.kind() != io::ErrorKind::NotFound {
        return Vec::new();
    }
    let advice = if program.contains("terraform") {
        "install Terraform (https://developer.hashicorp.com/terraform/install) or set TERRAFORM to its path"
    } else {
        "install Rust with rustup (https://rustup.rs) or set CARGO to the cargo binary"
    };
    vec![advice.to_string()]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The headings of `file` (relative to the repository root), without the `#`s.
    fn headings(file: &str) -> Vec<String> {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|error| panic!("{}: {error}", path.display()));
        text.lines()
            .filter(|line| line.starts_with('#'))
            .map(|line| line.trim_start_matches('#').trim().to_string())
            .collect()
    }

    #[test]
    fn every_hint_points_at_a_section_that_exists() {
        let mut checked = 0;
        for hint in HINTS {
            if let Some(section) = hint.section {
                let headings = headings(section.file);
                assert!(
                    headings.iter().any(|heading| heading == section.heading),
                    "hint for {:?} points at {section:?}, which is not a heading; headings: {headings:?}",
                    hint.needle
                );
                checked += 1;
            }
        }
        assert!(checked > 0, "no hint names a section");
        // Files are named through `section` only, where the test above checks them.
        for hint in HINTS {
            assert!(!hint.advice.contains(".md"), "{}", hint.advice);
        }
    }

    #[test]
    fn hints_match_their_failures_and_name_the_section() {
        let output = "Error: Instance cannot be destroyed\n  on connect.tf line 20:\n\
                      Resource aws_connect_instance.this has lifecycle.prevent_destroy set";
        let hints = output_hints(output);
        assert_eq!(hints.len(), 1, "{hints:?}");
        assert!(
            hints[0].contains("(docs/deploying.md, \"Changing things later\")"),
            "{hints:?}"
        );
        assert!(output_hints("nothing known here").is_empty());
    }
}

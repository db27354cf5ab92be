//! Running the line as a service: `alerts` (who hears about alarms: an email address, an SNS
//! topic the owner already has, or nobody, which `render` warns about) and `terraform.backend`
//! (where the Terraform state lives, so a team shares it). Owns these two sections from YAML
//! to validated types; the rest of the config lives in `raw.rs` / `validate.rs`, which only
//! hand the sections over.

use serde::Deserialize;

use super::problems::{quoted, Problems};

/// `alerts:` as written.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
pub struct RawAlerts {
    pub email: Option<String>,
    pub sns_topic_arn: Option<String>,
}

/// `terraform:` as written.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
pub struct RawTerraform {
    pub backend: Option<RawBackend>,
}

/// `terraform.backend:` as written: the S3 backend's own argument names.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawBackend {
    pub bucket: Option<String>,
    pub key: Option<String>,
    pub region: Option<String>,
    #[serde(default = "default_use_lockfile")]
    pub use_lockfile: bool,
    pub dynamodb_table: Option<String>,
}

fn default_use_lockfile() -> bool {
    true
}

/// Where alarm notifications go.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Alerts {
    /// Subscribed to the alarm topic when set; the alarms exist either way.
    pub email: Option<String>,
    /// An SNS topic the owner already has (its ARN), which every alarm also notifies.
    pub sns_topic_arn: Option<String>,
}

impl Alerts {
    /// Somebody hears when an alarm fires: an email is subscribed or a topic of the owner's is
    /// notified. Without either the alarms still change state in CloudWatch, seen by nobody.
    pub fn has_destination(&self) -> bool {
        self.email.is_some() || self.sns_topic_arn.is_some()
    }
}

/// Terraform's S3 backend (https://developer.hashicorp.com/terraform/language/backend/s3).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Backend {
    pub bucket: String,
    /// The state object's key in the bucket.
    pub key: String,
    /// The bucket's region.
    pub region: String,
    /// S3-native locking: a lock object next to the state (Terraform 1.10+, GA in 1.11).
    pub use_lockfile: bool,
    /// DynamoDB locking (deprecated by Terraform since 1.11, kept for older setups).
    pub dynamodb_table: Option<String>,
}

/// Longest address SMTP carries (RFC 5321 section 4.5.3.1.3: a 256-octet path minus the
/// angle brackets) and longest local part (section 4.5.3.1.1).
const MAX_EMAIL: usize = 254;
const MAX_LOCAL_PART: usize = 64;

/// The longest S3 object key (https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-keys.html).
const MAX_KEY: usize = 1024;

/// Validates `alerts:`; `region` is the config's own (the topic must be there).
pub fn alerts(region: &str, alerts: RawAlerts, problems: &mut Problems) -> Alerts {
    if let Some(email) = &alerts.email {
        if !is_email(email) {
            problems.add(
                "alerts.email",
                "must be one plain email address such as ops@example.com (letters, digits and \
                 !#$%&'*+-/=?^_`{|}~. before the @, a domain name with a dot after it, at most \
                 254 characters); leave it out to have alarms without email",
                Some(quoted(email)),
            );
        }
    }

    if let Some(arn) = &alerts.sns_topic_arn {
        if let Err(why) = check_topic_arn(arn, region) {
            problems.add("alerts.sns_topic_arn", why, Some(quoted(arn)));
        }
    }

    Alerts {
        email: alerts.email,
        sns_topic_arn: alerts.sns_topic_arn,
    }
}

/// The partition of a region: GovCloud regions have their own.
fn partition(region: &str) -> &'static str {
    if region.starts_with("us-gov-") {
        "aws-us-gov"
    } else {
        "aws"
    }
}

/// `arn:<partition>:sns:<region>:<account>:<topic>`
/// (https://docs.aws.amazon.com/sns/latest/api/API_CreateTopic.html: a topic name has "up to 256
/// characters. Must contain only uppercase and lowercase ASCII letters, numbers, underscores,
/// and hyphens", and a FIFO topic's ends in ".fifo"). The account may be another one (its
/// topic policy must then let this account's alarms publish). The topic must be in the stack's
/// region: alarm actions are written `arn:aws:sns:region:account-id:topic` in the PutMetricAlarm
/// reference, and no page found says another region works (UNCONFIRMED either way, so the safe
/// reading is taken). A FIFO topic is refused: it delivers only to SQS FIFO queues
/// (https://docs.aws.amazon.com/sns/latest/dg/fifo-message-delivery.html), so no person would
/// hear, and it takes only publishes with a message group id, which CloudWatch is nowhere
/// documented to send.
fn check_topic_arn(arn: &str, region: &str) -> Result<(), String> {
    let expected_partition = partition(region);
    let shape = format!(
        "must be an SNS topic ARN such as arn:{expected_partition}:sns:{region}:123456789012:ops-alerts"
    );
    let parts: Vec<&str> = arn.splitn(6, ':').collect();
    let [prefix, arn_partition, service, topic_region, account, topic] = parts[..] else {
        return Err(shape);
    };
    if prefix != "arn" || service != "sns" || account.len() != 12 {
        return Err(shape);
    }
    if !account.chars().all(|c| c.is_ascii_digit()) {
        return Err(format!("{shape}: the account id is 12 digits"));
    }
    if arn_partition != expected_partition || topic_region != region {
        return Err(format!(
            "names a topic in {arn_partition}/{topic_region}, but the alarms are in \
             {expected_partition}/{region} (the config's region) and notify only a topic there; \
             use a topic in {region}"
        ));
    }
    if topic.ends_with(".fifo") {
        return Err(
            "names a FIFO topic, which delivers only to SQS FIFO queues and takes only messages \
             with a message group id; name a standard topic"
                .to_string(),
        );
    }
    let name_ok = (1..=256).contains(&topic.len())
        && topic
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !name_ok {
        return Err(format!(
            "{shape}: the topic name is 1 to 256 letters, digits, hyphens and underscores"
        ));
    }
    Ok(())
}

/// Validates `terraform.backend:`; `name` and `region` are the config's own (for defaults).
pub fn backend(
    name: &str,
    region: &str,
    terraform: RawTerraform,
    problems: &mut Problems,
) -> Option<Backend> {
    terraform.backend.map(|raw| {
        let bucket = raw.bucket.unwrap_or_default();
        if bucket.is_empty() {
            problems.add(
                "terraform.backend.bucket",
                "the S3 bucket that holds the state is required (create it first: see the \
                 docs/operating.md, \"Sharing the state\")",
                None,
            );
        } else if !is_bucket_name(&bucket) {
            problems.add(
                "terraform.backend.bucket",
                "must be an S3 bucket name: 3 to 63 lower-case letters, digits, dots and \
                 hyphens, starting and ending with a letter or digit, no \"..\", not an IP \
                 address",
                Some(quoted(&bucket)),
            );
        }
        let key = raw
            .key
            .unwrap_or_else(|| format!("connect-vanity/{name}.tfstate"));
        if !is_state_key(&key) {
            problems.add(
                "terraform.backend.key",
                "must be 1 to 1024 of the characters S3 calls safe (letters, digits and \
                 !-_.*'()/), not starting or ending with \"/\" and without \"//\"",
                Some(quoted(&key)),
            );
        }
        let bucket_region = raw.region.unwrap_or_else(|| region.to_string());
        if !is_region(&bucket_region) {
            problems.add(
                "terraform.backend.region",
                "must be an AWS region name such as us-east-1",
                Some(quoted(&bucket_region)),
            );
        }
        if let Some(table) = &raw.dynamodb_table {
            problems.table_name(
                "terraform.backend.dynamodb_table",
                table,
                "a DynamoDB table name: ",
            );
        }
        if !raw.use_lockfile && raw.dynamodb_table.is_none() {
            problems.add(
                "terraform.backend.use_lockfile",
                "the state would not be locked, so two people could apply at once and corrupt \
                 it; keep use_lockfile: true (Terraform 1.11 or later) or name a dynamodb_table",
                Some("false".to_string()),
            );
        }
        Backend {
            bucket,
            key,
            region: bucket_region,
            use_lockfile: raw.use_lockfile,
            dynamodb_table: raw.dynamodb_table,
        }
    })
}

/// A plain address: an unquoted local part of RFC 5322 `atext` characters and single dots
/// (section 3.2.3, dot-atom) and a domain of at least two DNS labels. Quoted local parts and IP
/// literals are legal but no mail provider hands them out, so they are refused here.
fn is_email(value: &str) -> bool {
    let Some((local, domain)) = value.split_once('@') else {
        return false;
    };
    let atext = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~".contains(c);
    let local_ok = (1..=MAX_LOCAL_PART).contains(&local.len())
        && local
            .split('.')
            .all(|atom| !atom.is_empty() && atom.chars().all(atext));
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2
        && labels.iter().all(|label| is_dns_label(label))
        && labels
            .last()
            .is_some_and(|tld| tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic()));
    value.len() <= MAX_EMAIL && local_ok && domain_ok
}

fn is_dns_label(label: &str) -> bool {
    (1..=63).contains(&label.len())
        && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        && !label.starts_with('-')
        && !label.ends_with('-')
}

/// S3 general purpose bucket naming rules
/// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html).
fn is_bucket_name(value: &str) -> bool {
    let edge_ok = |c: Option<char>| c.is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit());
    let is_ip = value.split('.').count() == 4
        && value
            .split('.')
            .all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_digit()));
    const RESERVED_PREFIXES: &[&str] = &["xn--", "sthree-", "amzn-s3-demo-"];
    const RESERVED_SUFFIXES: &[&str] = &["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"];
    (3..=63).contains(&value.len())
        && value
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '-')
        && edge_ok(value.chars().next())
        && edge_ok(value.chars().last())
        && !value.contains("..")
        && !is_ip
        && !RESERVED_PREFIXES.iter().any(|p| value.starts_with(p))
        && !RESERVED_SUFFIXES.iter().any(|s| value.ends_with(s))
}

/// The state key: S3's "safe" key characters only
/// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-keys.html), so the key means
/// the same in every tool and never needs escaping; and no empty path segment, which Terraform's
/// S3 backend refuses.
fn is_state_key(value: &str) -> bool {
    (1..=MAX_KEY).contains(&value.len())
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "!-_.*'()/".contains(c))
        && !value.starts_with('/')
        && !value.ends_with('/')
        && !value.contains("//")
}

/// `xx-name-N` or `xx-name-name-N`: every AWS region name has this shape (us-east-1,
/// us-gov-west-1, ap-southeast-2).
fn is_region(value: &str) -> bool {
    let parts: Vec<&str> = value.split('-').collect();
    parts.len() >= 3
        && parts[0].len() == 2
        && parts[..parts.len() - 1]
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_lowercase()))
        && parts
            .last()
            .is_some_and(|n| !n.is_empty() && n.len() <= 2 && n.chars().all(|c| c.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        let good = [
            "ops@example.com",
            "first.last+alerts@mail.example.co.uk",
            "o'brien@example.ie",
            "ops+${var.x}%{if}@example.com",
        ];
        let bad = [
            "",
            "ops",
            "ops@",
            "@example.com",
            "ops@localhost",
            "ops@example.c0m",
            "two@@example.com",
            "a b@example.com",
            "\"quoted\"@example.com",
            "ops@example.com\n",
            "ops@-example.com",
            ".ops@example.com",
            "o..ps@example.com",
            "ops@example..com",
            "ops@[127.0.0.1]",
            "a,b@example.com",
        ];
        for email in good {
            assert!(is_email(email), "{email:?} should be accepted");
        }
        for email in bad {
            assert!(!is_email(email), "{email:?} should be refused");
        }
        let long_local = format!("{}@example.com", "a".repeat(65));
        assert!(!is_email(&long_local));
        let long = format!("a@{}.com", "b.".repeat(130));
        assert!(!is_email(&long));
    }

    #[test]
    fn topic_arns() {
        let good = [
            ("arn:aws:sns:us-east-1:123456789012:ops-alerts", "us-east-1"),
            ("arn:aws:sns:eu-west-2:210987654321:On_Call-1", "eu-west-2"),
            (
                "arn:aws-us-gov:sns:us-gov-west-1:123456789012:alarms",
                "us-gov-west-1",
            ),
        ];
        for (arn, region) in good {
            assert_eq!(check_topic_arn(arn, region), Ok(()), "{arn}");
        }
        let bad = [
            ("", "shape"),
            ("ops-alerts", "shape"),
            ("arn:aws:sqs:us-east-1:123456789012:queue", "shape"),
            ("arn:aws:sns:us-east-1:12345678901:ops", "shape"),
            ("arn:aws:sns:us-east-1:12345678901a:ops", "12 digits"),
            ("arn:aws:sns:us-west-2:123456789012:ops", "us-east-1"),
            (
                "arn:aws-us-gov:sns:us-east-1:123456789012:ops",
                "aws/us-east-1",
            ),
            ("arn:aws:sns:us-east-1:123456789012:ops.fifo", "FIFO"),
            ("arn:aws:sns:us-east-1:123456789012:", "topic name"),
            ("arn:aws:sns:us-east-1:123456789012:a b", "topic name"),
            (
                "arn:aws:sns:us-east-1:123456789012:ops:sub-id",
                "topic name",
            ),
            ("arn:aws:sns:us-east-1:123456789012:${var.x}", "topic name"),
        ];
        for (arn, why) in bad {
            let error = check_topic_arn(arn, "us-east-1").err();
            let error = error.unwrap_or_else(|| panic!("{arn:?} should be refused"));
            let expected = if why == "shape" {
                "must be an SNS topic ARN"
            } else {
                why
            };
            assert!(error.contains(expected), "{arn:?}: {error}");
        }
        let long = format!("arn:aws:sns:us-east-1:123456789012:{}", "t".repeat(257));
        assert!(check_topic_arn(&long, "us-east-1").is_err());
    }

    #[test]
    fn a_destination_is_an_email_or_a_topic() {
        let check = |email: Option<&str>, arn: Option<&str>| {
            let mut problems = Problems::default();
            let raw = RawAlerts {
                email: email.map(str::to_string),
                sns_topic_arn: arn.map(str::to_string),
            };
            let found = alerts("us-east-1", raw, &mut problems);
            (found.has_destination(), problems.into_vec())
        };
        assert_eq!(check(None, None), (false, vec![]));
        assert_eq!(check(Some("ops@example.com"), None), (true, vec![]));
        let topic = "arn:aws:sns:us-east-1:123456789012:ops";
        assert_eq!(check(None, Some(topic)), (true, vec![]));
        let (_, problems) = check(None, Some("arn:aws:sns:us-west-2:123456789012:ops"));
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].path, "alerts.sns_topic_arn");
    }

    #[test]
    fn bucket_names() {
        for good in ["my-state", "state.example.com", "abc", "a1-b2"] {
            assert!(is_bucket_name(good), "{good:?}");
        }
        for bad in [
            "ab",
            "My-State",
            "-state",
            "state-",
            "state..x",
            "192.168.1.1",
            "xn--state",
            "state-s3alias",
            "under_score",
            &"a".repeat(64),
        ] {
            assert!(!is_bucket_name(bad), "{bad:?}");
        }
    }

    #[test]
    fn state_keys() {
        for good in [
            "connect-vanity/line.tfstate",
            "a",
            "team/(prod)/x*y!z'.tfstate",
        ] {
            assert!(is_state_key(good), "{good:?}");
        }
        for bad in [
            "",
            "/abs",
            "dir/",
            "a//b",
            "${var.x}",
            "with space",
            "quote\"",
            "new\nline",
            "café",
            &"k".repeat(1025),
        ] {
            assert!(!is_state_key(bad), "{bad:?}");
        }
    }

    #[test]
    fn regions() {
        for good in [
            "us-east-1",
            "us-gov-west-1",
            "ap-southeast-2",
            "eu-central-1",
        ] {
            assert!(is_region(good), "{good:?}");
        }
        for bad in [
            "",
            "useast1",
            "us-east",
            "US-EAST-1",
            "us-east-1a",
            "u-east-1",
        ] {
            assert!(!is_region(bad), "{bad:?}");
        }
    }

    #[test]
    fn backend_defaults_and_lock_rule() {
        let raw = |use_lockfile, table: Option<&str>| RawTerraform {
            backend: Some(RawBackend {
                bucket: Some("team-state".to_string()),
                key: None,
                region: None,
                use_lockfile,
                dynamodb_table: table.map(str::to_string),
            }),
        };
        let check = |terraform| {
            let mut problems = Problems::default();
            let backend = backend("line", "us-west-2", terraform, &mut problems);
            (backend, problems.into_vec())
        };
        let (found, problems) = check(raw(true, None));
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(
            found,
            Some(Backend {
                bucket: "team-state".to_string(),
                key: "connect-vanity/line.tfstate".to_string(),
                region: "us-west-2".to_string(),
                use_lockfile: true,
                dynamodb_table: None,
            })
        );
        let (_, problems) = check(raw(false, None));
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].path, "terraform.backend.use_lockfile");
        let (_, problems) = check(raw(false, Some("locks")));
        assert!(problems.is_empty(), "{problems:?}");
    }
}

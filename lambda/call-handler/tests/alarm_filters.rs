//! The store alarms' log patterns against the lines the call-handler really writes.
//!
//! The store-failed and store-late alarms count the call-handler's own log lines through
//! CloudWatch Logs metric filters (`aws_cloudwatch_log_metric_filter` in the committed
//! terraform/monitoring.tf, rendered from src/render/monitoring.rs). A pattern that does not
//! match the handler's JSON lines would leave those alarms silent forever, and nothing in AWS
//! would say so. So this test runs the built `call-handler` binary as Lambda runs it (behind a
//! local Lambda runtime API, its stdout captured as CloudWatch would receive it), makes its
//! store calls fail (moto without the table) and run late (a proxy that holds every request
//! past the store deadline), and evaluates each rendered pattern on every line it wrote.
//!
//! No local service evaluates CloudWatch filter patterns (moto treats a JSON pattern as
//! matching everything), so [`pattern`] below implements the documented subset the patterns
//! use: `{ $.field = "value" }` comparisons, `*` wildcards in values, `&&`, `||` and parentheses
//! (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html,
//! "Matching terms in JSON log events"). Its own test shows it rejects what it should.

use std::path::{Path, PathBuf};
use std::time::Duration;

use call_handler::settings::{ENV_STORE_TIMEOUT_MS, ENV_TABLE_NAME};
use hyper::body::Bytes;
use serde_json::Value;
use test_support::connect::fixture;
use test_support::fault_proxy::{Fault, FaultProxy};
use test_support::local_lambda::functions::Functions;
use test_support::local_lambda::runtime_api::RuntimeApi;
use test_support::moto::{client, create_table, MotoServer};
use test_support::repo_root;

const TABLE: &str = "vanity-calls-alarm-filters";

/// One rendered metric filter: the metric it feeds and its pattern, unescaped from HCL.
#[derive(Debug)]
struct Filter {
    metric: String,
    pattern: String,
}

/// The value of the first `key = "..."` line of `block`, HCL escapes undone.
fn hcl_string(block: &str, key: &str) -> Option<String> {
    let line = block
        .lines()
        .map(str::trim)
        .find(|line| line.split('=').next().map(str::trim) == Some(key))?;
    let quoted = line.split_once('=')?.1.trim();
    let inner = quoted.strip_prefix('"')?.strip_suffix('"')?;
    let mut value = String::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => value.extend(chars.next()),
            c => value.push(c),
        }
    }
    Some(value.replace("$${", "${").replace("%%{", "%{"))
}

/// Every metric filter in the committed terraform/monitoring.tf.
fn rendered_filters() -> Vec<Filter> {
    let path = repo_root().join("terraform/monitoring.tf");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()));
    text.split("resource \"aws_cloudwatch_log_metric_filter\"")
        .skip(1)
        .map(|block| {
            let block = block.split("\nresource ").next().unwrap_or(block);
            let transformation = block
                .split_once("metric_transformation")
                .map(|(_, rest)| rest)
                .unwrap_or_default();
            Filter {
                metric: hcl_string(transformation, "name").expect("a metric name"),
                pattern: hcl_string(block, "pattern").expect("a pattern"),
            }
        })
        .collect()
}

/// Runs the call-handler binary behind a local runtime API with `env` (where DynamoDB is, the
/// store deadline), invokes it with `events`, and returns every line it wrote to stdout.
async fn logged_lines(
    name: &str,
    env: Vec<(&'static str, String)>,
    events: &[Value],
) -> Vec<String> {
    let log_dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("alarm-filters-{name}"));
    let _ = std::fs::remove_dir_all(&log_dir);
    std::fs::create_dir_all(&log_dir).expect("a folder for the function's log");
    let api = RuntimeApi::start(Duration::from_secs(8))
        .await
        .expect("the runtime API starts");
    let binary = Path::new(env!("CARGO_BIN_EXE_call-handler"));
    let functions = Functions::spawn(binary, 1, &api, &env, Some(&log_dir))
        .unwrap_or_else(|error| panic!("cannot start {}: {error}", binary.display()));
    for event in events {
        let payload = Bytes::from(serde_json::to_vec(event).expect("an event is JSON"));
        let outcome = tokio::time::timeout(Duration::from_secs(20), api.invoke(payload)).await;
        assert!(
            matches!(outcome, Ok(Some(_))),
            "no answer from the function (init errors: {:?})",
            api.init_errors()
        );
    }
    // The answer is sent after the handler's lines are written (stdout is line-buffered).
    drop(functions);
    let text = std::fs::read_to_string(log_dir.join("function-0.log")).expect("the function's log");
    text.lines().map(str::to_string).collect()
}

/// The events: a lookup (the handler stores the call) and a choice (it keeps the choice).
fn events() -> Vec<Value> {
    vec![fixture("normal"), fixture("choose")]
}

fn function_env(
    moto_env: Vec<(&'static str, String)>,
    store_timeout_ms: u64,
) -> Vec<(&'static str, String)> {
    let mut env = moto_env;
    env.push((ENV_TABLE_NAME, TABLE.to_string()));
    env.push((ENV_STORE_TIMEOUT_MS, store_timeout_ms.to_string()));
    env
}

/// Lines whose JSON message ends with `ending`, by the handler's own words.
fn lines_ending(lines: &[String], ending: &str) -> Vec<String> {
    lines
        .iter()
        .filter(|line| {
            serde_json::from_str::<Value>(line)
                .ok()
                .and_then(|json| json["message"].as_str().map(|m| m.ends_with(ending)))
                .unwrap_or(false)
        })
        .cloned()
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn store_alarm_patterns_match_the_lines_the_handler_writes() {
    let filters = rendered_filters();
    let by_metric = |name: &str| {
        filters
            .iter()
            .find(|filter| filter.metric == name)
            .unwrap_or_else(|| {
                panic!("no metric filter for {name} in terraform/monitoring.tf: {filters:?}")
            })
    };
    let failed = by_metric("StoreCallsFailed");
    let late = by_metric("StoreCallsLate");

    // Failures: moto answers, but the table does not exist (as with a wrong name or a role
    // that may not touch it, DynamoDB refuses every call).
    let moto = MotoServer::start();
    let failing = logged_lines("failed", function_env(moto.function_env(), 1500), &events()).await;

    // Late: the table exists, but a proxy holds every request past the 300 ms store deadline.
    create_table(&client(&moto.endpoint), TABLE).await;
    let proxy = FaultProxy::start(&moto.endpoint, Fault::Delay(Duration::from_secs(3)), None).await;
    let mut slow_env = moto.function_env();
    slow_env.retain(|(name, _)| *name != "AWS_ENDPOINT_URL");
    slow_env.push(("AWS_ENDPOINT_URL", proxy.endpoint.clone()));
    let slow = logged_lines("late", function_env(slow_env, 300), &events()).await;

    let failed_lines = lines_ending(&failing, "failed; answering without it");
    let late_lines = lines_ending(&slow, "timed out; answering without it");
    // The lookup's store and the choice's store, each once.
    assert_eq!(
        failed_lines.len(),
        2,
        "failing run wrote:\n{}",
        failing.join("\n")
    );
    assert_eq!(late_lines.len(), 2, "slow run wrote:\n{}", slow.join("\n"));

    let all: Vec<&String> = failing.iter().chain(&slow).collect();
    for (filter, expected) in [(failed, &failed_lines), (late, &late_lines)] {
        let expression = pattern::parse(&filter.pattern)
            .unwrap_or_else(|why| panic!("{}: {why}: {}", filter.metric, filter.pattern));
        let matched: Vec<&String> = all
            .iter()
            .copied()
            .filter(|line| expression.matches(line))
            .collect();
        assert_eq!(
            matched.iter().map(|line| line.as_str()).collect::<Vec<_>>(),
            expected.iter().map(String::as_str).collect::<Vec<_>>(),
            "{} with {} should count exactly its own lines",
            filter.metric,
            filter.pattern
        );
    }
    // The handler still answered every call: each run logged its "answered" line, which no
    // pattern counts.
    for run in [&failing, &slow] {
        assert!(
            run.iter()
                .any(|line| line.contains("\"message\":\"answered\"")),
            "{run:?}"
        );
    }
}

/// The documented subset of CloudWatch Logs JSON filter patterns.
mod pattern {
    use serde_json::Value;

    #[derive(Debug)]
    pub enum Expr {
        And(Box<Expr>, Box<Expr>),
        Or(Box<Expr>, Box<Expr>),
        /// `$.a.b = "value"` (or `!=`); `*` in the value matches any run of characters.
        Compare {
            path: Vec<String>,
            equal: bool,
            value: String,
        },
    }

    #[derive(Debug, PartialEq)]
    enum Token {
        Open,
        Close,
        And,
        Or,
        Equal,
        NotEqual,
        Selector(Vec<String>),
        Value(String),
    }

    fn tokens(text: &str) -> Result<Vec<Token>, String> {
        let chars: Vec<char> = text.chars().collect();
        let mut out = Vec::new();
        let mut i = 0;
        while i < chars.len() {
            let pair: String = chars[i..].iter().take(2).collect();
            let (token, width) = match (chars[i], pair.as_str()) {
                (c, _) if c.is_whitespace() => {
                    i += 1;
                    continue;
                }
                ('(', _) => (Token::Open, 1),
                (')', _) => (Token::Close, 1),
                ('=', _) => (Token::Equal, 1),
                (_, "&&") => (Token::And, 2),
                (_, "||") => (Token::Or, 2),
                (_, "!=") => (Token::NotEqual, 2),
                ('"', _) => {
                    let end = chars[i + 1..]
                        .iter()
                        .position(|c| *c == '"')
                        .ok_or("an unclosed quote")?;
                    (
                        Token::Value(chars[i + 1..i + 1 + end].iter().collect()),
                        end + 2,
                    )
                }
                _ => {
                    let end = chars[i..]
                        .iter()
                        .position(|c| c.is_whitespace() || matches!(c, '(' | ')' | '=' | '!'))
                        .unwrap_or(chars.len() - i);
                    let word: String = chars[i..i + end].iter().collect();
                    let token = match word.strip_prefix("$.") {
                        Some(path) => {
                            Token::Selector(path.split('.').map(str::to_string).collect())
                        }
                        None => Token::Value(word),
                    };
                    (token, end.max(1))
                }
            };
            out.push(token);
            i += width;
        }
        Ok(out)
    }

    /// Parses `{ ... }`; `&&` binds tighter than `||`.
    pub fn parse(text: &str) -> Result<Expr, String> {
        let inner = text
            .trim()
            .strip_prefix('{')
            .and_then(|rest| rest.strip_suffix('}'))
            .ok_or("a JSON pattern is wrapped in { }")?;
        let tokens = tokens(inner)?;
        let mut at = 0;
        let expr = or(&tokens, &mut at)?;
        if at != tokens.len() {
            return Err(format!("unexpected {:?}", tokens[at]));
        }
        Ok(expr)
    }

    fn or(tokens: &[Token], at: &mut usize) -> Result<Expr, String> {
        let mut left = and(tokens, at)?;
        while tokens.get(*at) == Some(&Token::Or) {
            *at += 1;
            left = Expr::Or(Box::new(left), Box::new(and(tokens, at)?));
        }
        Ok(left)
    }

    fn and(tokens: &[Token], at: &mut usize) -> Result<Expr, String> {
        let mut left = term(tokens, at)?;
        while tokens.get(*at) == Some(&Token::And) {
            *at += 1;
            left = Expr::And(Box::new(left), Box::new(term(tokens, at)?));
        }
        Ok(left)
    }

    fn term(tokens: &[Token], at: &mut usize) -> Result<Expr, String> {
        if tokens.get(*at) == Some(&Token::Open) {
            *at += 1;
            let inner = or(tokens, at)?;
            if tokens.get(*at) != Some(&Token::Close) {
                return Err("an unclosed parenthesis".to_string());
            }
            *at += 1;
            return Ok(inner);
        }
        match (tokens.get(*at), tokens.get(*at + 1), tokens.get(*at + 2)) {
            (
                Some(Token::Selector(path)),
                Some(op @ (Token::Equal | Token::NotEqual)),
                Some(Token::Value(value)),
            ) => {
                *at += 3;
                Ok(Expr::Compare {
                    path: path.clone(),
                    equal: *op == Token::Equal,
                    value: value.clone(),
                })
            }
            other => Err(format!("expected `$.field = value`, found {other:?}")),
        }
    }

    /// A `*` at the start or the end of a value matches any run of characters; anywhere else
    /// it is itself. "You can use the asterisk '*' wildcard character to match any text at,
    /// before, or after a search term. For example, *Event will match PutEvent ... Ev*ent will
    /// only match the actual string Ev*ent" (CloudWatch Logs user guide, filter and pattern
    /// syntax, archived awsdocs/amazon-cloudwatch-logs-user-guide FilterAndPatternSyntax.md).
    fn glob(pattern: &str, text: &str) -> bool {
        let (any_before, rest) = match pattern.strip_prefix('*') {
            Some(rest) => (true, rest),
            None => (false, pattern),
        };
        let (any_after, term) = match rest.strip_suffix('*') {
            Some(term) => (true, term),
            None => (false, rest),
        };
        match (any_before, any_after) {
            (false, false) => text == term,
            (true, false) => text.ends_with(term),
            (false, true) => text.starts_with(term),
            (true, true) => text.contains(term),
        }
    }

    impl Expr {
        /// Whether the log event `line` matches; a line that is not a JSON object never does.
        pub fn matches(&self, line: &str) -> bool {
            match serde_json::from_str::<Value>(line) {
                Ok(json @ Value::Object(_)) => self.eval(&json),
                _ => false,
            }
        }

        fn eval(&self, json: &Value) -> bool {
            match self {
                Expr::And(a, b) => a.eval(json) && b.eval(json),
                Expr::Or(a, b) => a.eval(json) || b.eval(json),
                Expr::Compare { path, equal, value } => {
                    let field = path.iter().try_fold(json, |node, key| node.get(key));
                    let text = match field {
                        Some(Value::String(text)) => text.clone(),
                        Some(Value::Null) | None => return false,
                        Some(other) => other.to_string(),
                    };
                    glob(value, &text) == *equal
                }
            }
        }
    }

    #[test]
    fn the_evaluator_rejects_what_it_should() {
        let line = r#"{"level":"ERROR","message":"storing the call failed; answering without it","target":"call_handler::deadline","n":3}"#;
        let cases = [
            (r#"{ $.level = "ERROR" }"#, true),
            (r#"{ $.level = "INFO" }"#, false),
            (r#"{ $.level != "INFO" }"#, true),
            (r#"{ $.message = "* failed; answering without it" }"#, true),
            (
                r#"{ $.message = "* timed out; answering without it" }"#,
                false,
            ),
            (r#"{ $.message = "storing*" }"#, true),
            (r#"{ $.message = "*call*without*" }"#, false),
            (r#"{ $.message = "*call failed*" }"#, true),
            (r#"{ $.missing = "*" }"#, false),
            (r#"{ $.n = 3 }"#, true),
            (r#"{ $.level = "ERROR" && $.target = "other" }"#, false),
            (
                r#"{ $.level = "INFO" || $.target = "call_handler::deadline" }"#,
                true,
            ),
            (
                r#"{ ($.level = "INFO" || $.n = 3) && $.target = "call_handler::*" }"#,
                true,
            ),
        ];
        for (text, expected) in cases {
            let expr = parse(text).unwrap_or_else(|why| panic!("{text}: {why}"));
            assert_eq!(expr.matches(line), expected, "{text}");
        }
        assert!(!parse(r#"{ $.level = "ERROR" }"#)
            .map(|e| e.matches("not json"))
            .unwrap_or(true));
        for broken in [
            r#"$.level = "ERROR""#,
            r#"{ $.level "ERROR" }"#,
            r#"{ ($.a = b }"#,
        ] {
            assert!(parse(broken).is_err(), "{broken}");
        }
    }
}

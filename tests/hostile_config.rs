//! Hostile vanity.yaml (property tests for `config::load`): arbitrary text, YAML-shaped noise,
//! the committed vanity.yaml mutated line by line, deeply nested and very large YAML, alias
//! bombs, and files that are not UTF-8. Loading must never panic (proptest turns a panic into a
//! failure) and every rejection is a clear error: each line `vanity.yaml:LINE:COL: what`, short
//! enough to read (a hostile value is never echoed in full).
//! Each test prints how many cases it tried (`cargo test --test hostile_config -- --nocapture`).

use std::cell::Cell;
use std::time::{Duration, Instant};

use connect_vanity::config::{load_file, load_str};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

const DEFAULT: &str = include_str!("../vanity.yaml");
const FILE: &str = "vanity.yaml";
/// Longest error line worth printing to a terminal.
const MAX_LINE: usize = 2_000;

/// A fresh runner per strategy: a runner counts its cases across runs.
fn runner(cases: u32) -> TestRunner {
    TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    })
}

/// `Ok(true)` loaded, `Ok(false)` rejected clearly, `Err` what is unclear about the rejection.
fn judge_message(result: Result<(), String>) -> Result<bool, String> {
    let Err(message) = result else {
        return Ok(true);
    };
    if message.is_empty() {
        return Err("an empty error".to_string());
    }
    for line in message.lines() {
        let located = line
            .strip_prefix(&format!("{FILE}:"))
            .and_then(|rest| {
                let mut parts = rest.splitn(3, ':');
                let line_no = parts.next()?.parse::<usize>().ok()?;
                let column = parts.next()?.parse::<usize>().ok()?;
                let what = parts.next()?.trim();
                (line_no > 0 && column > 0 && !what.is_empty()).then_some(())
            })
            .is_some();
        if !located {
            return Err(format!("not located as FILE:LINE:COL: {line:.200}"));
        }
        if line.len() > MAX_LINE {
            return Err(format!("a {}-byte error line: {line:.200}", line.len()));
        }
    }
    Ok(false)
}

fn judge(text: &str) -> Result<bool, String> {
    judge_message(load_str(text, FILE).map(drop).map_err(|e| e.to_string()))
}

/// The committed file with one line deleted, duplicated, or given a different value.
fn mutated_default() -> impl Strategy<Value = String> {
    let lines: Vec<&'static str> = DEFAULT.lines().collect();
    let scalar = prop_oneof![
        any::<String>(),
        Just(String::new()),
        Just("~".to_string()),
        Just("[]".to_string()),
        Just("{}".to_string()),
        Just("-1".to_string()),
        Just("1e309".to_string()),
        Just("yes".to_string()),
        Just("*alias".to_string()),
        Just("!!binary aGk=".to_string()),
        "[ -~]{0,80}",
    ];
    (any::<prop::sample::Index>(), 0u8..4, scalar).prop_map(move |(index, edit, value)| {
        let at = index.index(lines.len());
        let mut out: Vec<String> = lines.iter().map(|line| line.to_string()).collect();
        match edit {
            0 => {
                out.remove(at);
            }
            1 => out.insert(at, lines[at].to_string()),
            2 => {
                let line = lines[at];
                out[at] = match line.split_once(':') {
                    Some((key, _)) => format!("{key}: {value}"),
                    None => format!("{line}{value}"),
                };
            }
            _ => out.insert(at, value),
        }
        out.join("\n")
    })
}

#[test]
fn arbitrary_and_mutated_configs_are_loaded_or_rejected_clearly() {
    let tried = Cell::new(0usize);
    let rejected = Cell::new(0usize);
    let check = |text: String| {
        tried.set(tried.get() + 1);
        let loaded = judge(&text).map_err(TestCaseError::fail)?;
        rejected.set(rejected.get() + usize::from(!loaded));
        Ok(())
    };
    let yaml_noise = "[a-z_:#&*!|>'\"%@,\\[\\]{}\\- \n\t0-9.]{0,300}";
    for result in [
        runner(1_000).run(&mutated_default(), check),
        runner(1_000).run(&any::<String>(), check),
        runner(1_000).run(&yaml_noise, check),
    ] {
        if let Err(failure) = result {
            panic!("{failure}");
        }
    }
    println!(
        "hostile vanity.yaml, arbitrary and mutated: {} cases, 0 panics, {} rejected with a located error",
        tried.get(),
        rejected.get()
    );
    assert!(rejected.get() > 0);
}

#[test]
fn deep_large_and_explosive_yaml_is_rejected_quickly() {
    let deep_block: String = (0..5_000)
        .map(|depth| format!("{}a:\n", "  ".repeat(depth)))
        .collect();
    let billion_laughs = "a: &a [x, x, x, x, x, x, x, x, x]\n\
        b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n\
        c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n\
        d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n\
        e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n\
        f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n\
        g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\n\
        h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]\n\
        name: *h\n";
    let many_tags: String = std::iter::once(DEFAULT.replace("tags:\n", "tags:\n  t: v\n"))
        .chain((0..100_000).map(|i| format!("\nx{i}: {i}")))
        .collect();
    let huge_value = DEFAULT.replacen(
        "name: vanity-line",
        &format!("name: {}", "v".repeat(2_000_000)),
        1,
    );
    let cases: Vec<(&str, String)> = vec![
        ("100,000 nested flow sequences", "[".repeat(100_000)),
        ("100,000 nested flow mappings", "{a: ".repeat(100_000)),
        ("5,000 nested block mappings", deep_block),
        (
            "nested tags",
            DEFAULT.replace(
                "  project: connect-vanity",
                &format!("  project: {}", "[".repeat(10_000)),
            ),
        ),
        ("billion laughs", billion_laughs.to_string()),
        ("100,000 unknown keys", many_tags),
        ("a 2 MB name", huge_value),
        ("NUL bytes", "name: a\0b\n".to_string()),
        ("a byte-order mark", format!("\u{feff}{DEFAULT}")),
        ("empty", String::new()),
        ("only a comment", "# nothing\n".to_string()),
        ("a bare scalar", "hello".to_string()),
        // Found by the properties above: a key holding newlines split one error over lines.
        ("a key with newlines", "{a\n\n!]".to_string()),
    ];
    let (mut tried, mut loaded) = (0, 0);
    for (what, text) in &cases {
        let started = Instant::now();
        let outcome = judge(text).unwrap_or_else(|problem| panic!("{what}: {problem}"));
        let elapsed = started.elapsed();
        assert!(
            elapsed < Duration::from_secs(20),
            "{what}: took {elapsed:?}"
        );
        // Only the committed file behind a byte-order mark is a config at all.
        assert!(
            !outcome || *what == "a byte-order mark",
            "{what}: was accepted"
        );
        tried += 1;
        loaded += usize::from(outcome);
    }
    println!(
        "hostile vanity.yaml, deep, large and explosive: {tried} cases, 0 panics, {} rejected with a located error, each within 20 s",
        tried - loaded
    );
}

#[test]
fn files_that_are_not_utf8_are_rejected_at_the_first_bad_byte() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join(FILE);
    let tried = Cell::new(0usize);
    let bytes = (
        any::<prop::sample::Index>(),
        prop::collection::vec(0x80u8..=0xFF, 1..4),
    )
        .prop_map(|(index, bad)| {
            let mut bytes = DEFAULT.as_bytes().to_vec();
            // Insert on a character boundary so the bad bytes are the first invalid ones.
            let mut at = index.index(bytes.len());
            while !DEFAULT.is_char_boundary(at) {
                at -= 1;
            }
            bytes.splice(at..at, bad);
            bytes
        });
    let outcome = runner(300).run(&bytes, |bytes| {
        tried.set(tried.get() + 1);
        std::fs::write(&path, &bytes).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let message = match load_file(&path) {
            Ok(_) => return Ok(()), // a valid UTF-8 sequence by chance
            Err(error) => error.to_string(),
        };
        let shown = path.display().to_string();
        let valid_up_to = std::str::from_utf8(&bytes).map_err(|e| e.valid_up_to());
        let line = match valid_up_to {
            Ok(_) => return Ok(()),
            Err(up_to) => bytes[..up_to].iter().filter(|&&b| b == b'\n').count() + 1,
        };
        prop_assert!(
            message.starts_with(&format!("{shown}:{line}:")) && message.contains("UTF-8"),
            "{message}"
        );
        Ok(())
    });
    if let Err(failure) = outcome {
        panic!("{failure}");
    }
    println!(
        "hostile vanity.yaml, not UTF-8: {} cases, 0 panics, every one rejected at its line",
        tried.get()
    );
}

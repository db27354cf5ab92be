//! Golden transcripts of simulated calls through the rendered flow, with the real handler and
//! engine behind the Lambda step. Compared exactly; regenerate with `UPDATE_GOLDEN=1 cargo
//! test --test call_golden` and review the diff before committing.

mod flow_support;

use std::path::PathBuf;

use call_handler::store::MemoryStore;
use connect_vanity::flow;
use connect_vanity::simulate::coverage::Coverage;
use connect_vanity::simulate::lambda::Backend;
use connect_vanity::simulate::transcript::Transcript;
use connect_vanity::simulate::{simulate, Scenario};

const NUMBER: &str = "+18003569377";

struct Case {
    name: &'static str,
    number: Option<&'static str>,
    presses: &'static str,
    lambda_fails: bool,
    returning: bool,
    dynamodb_down: bool,
}

const fn case(name: &'static str, presses: &'static str) -> Case {
    Case {
        name,
        number: Some(NUMBER),
        presses,
        lambda_fails: false,
        returning: false,
        dynamodb_down: false,
    }
}

fn cases() -> Vec<Case> {
    vec![
        // An ordinary local number with exactly three results: all spoken, nothing more to
        // offer, so no menu.
        Case {
            number: Some("+15035554357"),
            ..case("normal-caller", "")
        },
        // Two results: only those two are spoken (the flow compares count).
        Case {
            number: Some("+14155552671"),
            ..case("fewer-results", "")
        },
        Case {
            number: Some("+12065550143"),
            ..case("no-matches", "")
        },
        Case {
            number: Some("+1206"),
            ..case("invalid-number", "")
        },
        Case {
            returning: true,
            ..case("returning-caller", "")
        },
        Case {
            number: None,
            ..case("no-caller-id", "")
        },
        Case {
            lambda_fails: true,
            ..case("lambda-failure", "")
        },
        case("press-1", "1"),
        case("press-2", "2"),
        case("invalid-key", "9"),
        case("invalid-key-twice", "99"),
        // The toll-free number that spells FLOWERS: five results, so the menu offers more.
        case("silence", ""),
        Case {
            dynamodb_down: true,
            ..case("dynamodb-down", "")
        },
        // Numbers with one and with four results walk the flow's other count branches; the
        // four-result caller asks for the one more.
        Case {
            number: Some("+15035550222"),
            ..case("one-result", "")
        },
        Case {
            number: Some("+15035550346"),
            ..case("four-results-press-1", "1")
        },
        // A wrong key, then each menu choice at the second menu.
        case("invalid-key-then-1", "91"),
        case("invalid-key-then-2", "92"),
    ]
}

fn simulate_case(case: &Case) -> Transcript {
    let config = flow_support::config();
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => panic!("no runtime: {error}"),
    };
    let backend = if case.dynamodb_down {
        Backend::Unavailable
    } else if case.returning {
        Backend::Memory(MemoryStore::with_previous_call(NUMBER))
    } else {
        Backend::Memory(MemoryStore::default())
    };
    let scenario = Scenario {
        number: case.number.map(str::to_string),
        presses: case.presses.to_string(),
        lambda_fails: case.lambda_fails,
    };
    match simulate(&config, &scenario, &backend, &runtime) {
        Ok(transcript) => transcript,
        Err(error) => panic!("{}: simulation failed: {error}", case.name),
    }
}

#[test]
fn transcripts_match_the_golden_files() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let mut stale = Vec::new();
    for case in cases() {
        let path = dir.join(format!("{}.txt", case.name));
        let actual = simulate_case(&case).to_string();
        if update {
            if let Err(error) = std::fs::write(&path, &actual) {
                panic!("writing {}: {error}", path.display());
            }
            continue;
        }
        let expected = std::fs::read_to_string(&path).unwrap_or_default();
        if expected != actual {
            stale.push(format!("--- {}\n{actual}", path.display()));
        }
    }
    assert!(
        stale.is_empty(),
        "transcripts differ (UPDATE_GOLDEN=1 to regenerate, then review):\n{}",
        stale.join("\n")
    );
}

/// Lowest share of the flow's transitions the golden calls may walk. The goal is 100; what is
/// left are the NoMatchingError branches of prompts, voice and attribute actions (taken only
/// when Connect itself fails an action) and the NoMatchingCondition branches of the Compares
/// (taken only when the Lambda breaks its contract): the simulator cannot inject either yet.
/// Raise this whenever golden calls reach more; never lower it.
const MIN_COVERED_PERCENT: f64 = 65.0;

/// The golden calls together walk the transitions of the rendered flow: each action's
/// NextAction, every error branch and every condition. Prints the figure and every transition
/// no golden call walks; fails below [`MIN_COVERED_PERCENT`].
#[test]
fn golden_calls_walk_every_transition_of_the_flow() {
    let config = flow_support::config();
    let flow = flow::parse(&flow::render_json(&config))
        .unwrap_or_else(|error| panic!("the rendered flow does not parse: {error}"));
    let mut coverage = Coverage::new(&flow);
    for case in cases() {
        coverage.record(&simulate_case(&case).taken);
    }
    println!("{}", coverage.summary());
    let undeclared: Vec<String> = coverage
        .undeclared()
        .iter()
        .map(|t| t.to_string())
        .collect();
    assert!(
        undeclared.is_empty(),
        "the simulator took transitions the flow does not declare:\n{}",
        undeclared.join("\n")
    );
    let missing: Vec<String> = coverage.missing().iter().map(|t| t.to_string()).collect();
    if !missing.is_empty() {
        println!("no golden call walks:\n  {}", missing.join("\n  "));
    }
    let percent = 100.0 * coverage.walked_count() as f64 / coverage.total().max(1) as f64;
    assert!(
        percent >= MIN_COVERED_PERCENT,
        "{}, below the floor of {MIN_COVERED_PERCENT}%; no golden call walks:\n{}",
        coverage.summary(),
        missing.join("\n")
    );
}

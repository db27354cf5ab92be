//! Golden transcripts of simulated calls through the rendered flow, with the real handler and
//! engine behind the Lambda step. Compared exactly; regenerate with `UPDATE_GOLDEN=1 cargo
//! test --test call_golden` and review the diff before committing.

mod flow_support;

use std::path::PathBuf;

use call_handler::store::MemoryStore;
use connect_vanity::simulate::lambda::Backend;
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
    ]
}

fn render(case: &Case) -> String {
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
        Ok(transcript) => transcript.to_string(),
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
        let actual = render(&case);
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

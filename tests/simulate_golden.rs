//! Golden transcripts of simulated calls through the rendered flow, with the real handler and
//! engine behind the Lambda step. Compared exactly; regenerate with `UPDATE_GOLDEN=1 cargo
//! test --test simulate_golden` and review the diff before committing.
//!
//! Together they take every branch of the menu: each result's key (1 to 5, the last two after
//! "more"), "more" (#), "again" (*), wrong keys once and twice, silence at each menu, the
//! four-result caller (one more, not two), and returning callers with and without an earlier
//! choice under each `returning_callers.recall` (the committed vanity.yaml's is `none`); and
//! another number keyed in after a no-match, after a withheld number and after hearing the
//! caller's own results, with each reason a try can fail for, on both tries.

mod flow_support;

use std::collections::BTreeSet;
use std::path::PathBuf;

use call_handler::store::MemoryStore;
use connect_vanity::config::{CallerProfiles, Config, ProfileDomain};
use connect_vanity::flow;
use connect_vanity::flow::model::ErrorType;
use connect_vanity::simulate::coverage::Coverage;
use connect_vanity::simulate::lambda::{Backend, ProfileSearchFails};
use connect_vanity::simulate::transcript::Transcript;
use connect_vanity::simulate::{profile_file, seed_earlier_call, simulate, EarlierCall, Scenario};
use vanity_engine::contract::{self, Recall};

const NUMBER: &str = "+18003569377";
/// A number with exactly four results (checked below, so an engine change cannot quietly
/// turn this case into another).
const FOUR_RESULTS: &str = "+14155552471";

/// A number whose second result holds SWING, within the engine's favour margin of the first.
const PROFILE_NUMBER: &str = "+12067946428";

struct Case {
    name: &'static str,
    number: Option<&'static str>,
    presses: &'static str,
    lambda_fails: bool,
    earlier: Option<EarlierCall>,
    dynamodb_down: bool,
    /// Connect fails this action (see `Scenario::connect_fails_at`).
    connect_fails_at: Option<&'static str>,
    /// The Lambda's first answer sets this key to this value (a Lambda out of step with the
    /// flow; see `Scenario::lambda_breaks_contract`).
    breaks_contract: Option<(&'static str, &'static str)>,
    /// Which answer `breaks_contract` breaks, from 0 (the lookup's).
    breaks_answer: usize,
    /// `returning_callers.recall` for this call; `None` keeps the committed vanity.yaml's.
    recall: Option<Recall>,
    /// Customer Profiles on for this call (an existing domain), and the caller's profile file
    /// under tests/profiles/ (`None`: no profile holds their number).
    profiles: Option<Option<&'static str>>,
    /// With `profiles`: `greet_by_first_name` and `say_why` on too.
    profile_spoken: bool,
    /// With `profiles`: which profile searches fail (`--profile-search-fails`).
    profile_search_fails: ProfileSearchFails,
}

const fn case(name: &'static str, presses: &'static str) -> Case {
    Case {
        name,
        number: Some(NUMBER),
        presses,
        lambda_fails: false,
        earlier: None,
        dynamodb_down: false,
        connect_fails_at: None,
        breaks_contract: None,
        breaks_answer: 0,
        recall: None,
        profiles: None,
        profile_spoken: false,
        profile_search_fails: ProfileSearchFails {
            lookup: false,
            choice: false,
        },
    }
}

/// The committed config, with `recall` when one is given.
fn config_with(recall: Option<Recall>) -> Config {
    let mut config = flow_support::config();
    if let Some(recall) = recall {
        config.recall = recall;
    }
    config
}

fn cases() -> Vec<Case> {
    let picked = picked_and_matrix();
    let faults = connect_fault_cases(&picked, None);
    picked.into_iter().chain(faults).collect()
}

/// For every action with a NoMatchingError branch, a call in which Connect fails that action:
/// the first call above that reaches the action, run again with the fault. Named
/// `connect-fails-at-ACTION`, generated from the flow for `recall` so new actions get theirs.
fn connect_fault_cases(picked: &[Case], recall: Option<Recall>) -> Vec<Case> {
    let config = config_with(recall);
    let flow = flow::parse(&flow::render_json(&config))
        .unwrap_or_else(|error| panic!("the rendered flow does not parse: {error}"));
    let visited: Vec<BTreeSet<String>> = picked
        .iter()
        .map(|case| {
            simulate_case(case)
                .taken
                .into_iter()
                .map(|taken| taken.from)
                .collect()
        })
        .collect();
    let mut cases = Vec::new();
    for action in &flow.actions {
        if action
            .transitions
            .on_error(ErrorType::NoMatchingError)
            .is_none()
        {
            continue;
        }
        let Some(index) = visited.iter().position(|v| v.contains(&action.identifier)) else {
            continue;
        };
        let base = &picked[index];
        let id: &'static str = Box::leak(action.identifier.clone().into_boxed_str());
        cases.push(Case {
            name: Box::leak(format!("connect-fails-at-{id}").into_boxed_str()),
            connect_fails_at: Some(id),
            ..case("", base.presses)
        });
        let last = cases.len() - 1;
        cases[last].number = base.number;
        cases[last].lambda_fails = base.lambda_fails;
        cases[last].earlier = base.earlier;
        cases[last].dynamodb_down = base.dynamodb_down;
        cases[last].breaks_contract = base.breaks_contract;
        cases[last].breaks_answer = base.breaks_answer;
        cases[last].recall = base.recall;
    }
    cases
}

/// The hand-picked calls, then the generated menu matrix.
#[allow(clippy::too_many_lines, reason = "the table of golden calls")]
fn picked_and_matrix() -> Vec<Case> {
    vec![
        // A Lambda out of step with the flow (an older or newer version deployed beside it)
        // answers a status, a count or a memory the flow does not know: the caller hears the
        // apology, or, for the memory, nothing about last time, never silence or a wrong key.
        Case {
            breaks_contract: Some((contract::STATUS, "SOMETHING_NEW")),
            ..case("lambda-off-contract-status", "")
        },
        Case {
            breaks_contract: Some((contract::COUNT, "12")),
            ..case("lambda-off-contract-count", "")
        },
        Case {
            breaks_contract: Some((contract::REMEMBERED, "SOMETHING_NEW")),
            earlier: Some(EarlierCall { chose: None }),
            recall: Some(Recall::LastCall),
            ..case("lambda-off-contract-remembered", "")
        },
        // An ordinary local number with exactly three results: all spoken, nothing more to
        // offer, so the menu offers keys 1 to 3 and "again"; silence ends the call.
        Case {
            number: Some("+12065558779"),
            ..case("normal-caller", "")
        },
        // Two results: only those two are spoken (the flow compares count).
        Case {
            number: Some("+16175557353"),
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
        // A returning caller under each recall: with the committed `none`, told nothing;
        // with `welcome`, welcomed back only; with `last_call`, reminded of the number.
        Case {
            earlier: Some(EarlierCall { chose: None }),
            ..case("returning-caller", "")
        },
        Case {
            earlier: Some(EarlierCall { chose: Some(4) }),
            ..case("returning-caller-who-chose", "")
        },
        Case {
            earlier: Some(EarlierCall { chose: Some(4) }),
            recall: Some(Recall::Welcome),
            ..case("returning-caller-who-chose-welcome", "")
        },
        Case {
            earlier: Some(EarlierCall { chose: None }),
            recall: Some(Recall::LastCall),
            ..case("returning-caller-last-call", "")
        },
        Case {
            earlier: Some(EarlierCall { chose: Some(4) }),
            recall: Some(Recall::LastCall),
            ..case("returning-caller-who-chose-last-call", "")
        },
        // Only under last_call is the caller promised a reminder.
        Case {
            recall: Some(Recall::LastCall),
            ..case("choose-1-last-call", "1")
        },
        Case {
            number: None,
            ..case("no-caller-id", "")
        },
        Case {
            lambda_fails: true,
            ..case("lambda-failure", "")
        },
        // The toll-free number that spells FLOWERS: five results, three spoken, so the first
        // menu offers keys 1 to 3, two more with #, and "again" with *.
        case("choose-1", "1"),
        case("choose-2", "2"),
        case("choose-3", "3"),
        case("more-then-choose-4", "#4"),
        case("more-then-choose-5", "#5"),
        case("more-then-silence", "#"),
        case("again-then-choose-2", "*2"),
        case("more-again-then-choose-5", "#*5"),
        // 4 is not offered before "more": a wrong key, like 9 or 0.
        case("key-4-before-more", "4"),
        case("invalid-key", "9"),
        case("invalid-key-then-choose-1", "01"),
        case("invalid-key-twice", "99"),
        case("silence", ""),
        Case {
            number: Some(FOUR_RESULTS),
            ..case("four-results-more-then-choose-4", "#4")
        },
        Case {
            dynamodb_down: true,
            ..case("choice-not-kept", "1")
        },
        Case {
            dynamodb_down: true,
            ..case("dynamodb-down", "")
        },
        // Customer Profiles on: a caller whose business name holds SWING hears 1-206-SWING-28
        // first; the same call with no profile for the number hears today's order (WHO-GAVE
        // first). The number was found with `connect-vanity vanity`, not chosen for the rule.
        Case {
            number: Some(PROFILE_NUMBER),
            profiles: Some(Some("swing-school.yaml")),
            ..case("profile-favoured", "1")
        },
        Case {
            number: Some(PROFILE_NUMBER),
            profiles: Some(None),
            ..case("profile-none", "1")
        },
        // greet_by_first_name and say_why on: the first name and the word are said, and with
        // no profile for the number neither is.
        Case {
            number: Some(PROFILE_NUMBER),
            profiles: Some(Some("swing-school.yaml")),
            profile_spoken: true,
            ..case("profile-greeted", "")
        },
        Case {
            number: Some(PROFILE_NUMBER),
            profiles: Some(None),
            profile_spoken: true,
            ..case("profile-greeted-none", "")
        },
        // The profile search fails (throttled) for the caller of `profile-favoured`. At the
        // lookup: they hear today's order (the results of `profile-none`, `favoured` false),
        // and pressing 1 keeps and says back the number they heard first (7-WHO-GAVE), though
        // the choice's search finds the profile. At the choice only: they heard the profile's
        // order (`favoured` true), which cannot be rebuilt, so the choice is not kept and they
        // hear so. At both: the plain order, kept as heard.
        Case {
            number: Some(PROFILE_NUMBER),
            profiles: Some(Some("swing-school.yaml")),
            profile_search_fails: ProfileSearchFails {
                lookup: true,
                choice: false,
            },
            ..case("profile-search-fails-at-lookup", "1")
        },
        Case {
            number: Some(PROFILE_NUMBER),
            profiles: Some(Some("swing-school.yaml")),
            profile_search_fails: ProfileSearchFails {
                lookup: false,
                choice: true,
            },
            ..case("profile-search-fails-at-choice", "1")
        },
        Case {
            number: Some(PROFILE_NUMBER),
            profiles: Some(Some("swing-school.yaml")),
            profile_search_fails: ProfileSearchFails {
                lookup: true,
                choice: true,
            },
            ..case("profile-search-fails-at-both", "1")
        },
    ]
    .into_iter()
    .chain(another_number_cases())
    .chain(matrix())
    .chain(another_number_matrix())
    .collect()
}

/// A withheld caller, who is asked for another number straight away.
const fn withheld(name: &'static str, presses: &'static str) -> Case {
    Case {
        number: None,
        ..case(name, presses)
    }
}

/// Another number keyed in: after a no-match, after a withheld number, after hearing the
/// caller's own results; each reason a try fails for, on the first try and on the second;
/// and the call-handler answering another number out of step with the flow.
fn another_number_cases() -> Vec<Case> {
    vec![
        Case {
            number: Some("+12065550143"),
            ..case("no-matches-then-another-number", "8003569377#")
        },
        withheld("no-caller-id-then-another-number", "2065558779#*"),
        // More, then # once nothing more is left: another number, which has one result.
        case("choose-none-then-another-number", "##2065553943#"),
        withheld(
            "another-number-too-short-then-not-readable",
            "555#12*4567890#",
        ),
        withheld("another-number-too-short-then-found", "555#2065558779#"),
        // Sixteen digits (one more than E.164 allows): the # still ends the entry inside the
        // block, and the call-handler says it is too long; then the same line's number keyed
        // with the international access prefix 011 is found.
        withheld(
            "another-number-too-long-then-access-prefix",
            "4420794609581234#01118003569377#",
        ),
        withheld(
            "another-number-not-heard-then-too-long",
            "#12345678901234567#",
        ),
        // More digits than the block keeps: it stops at its maximum, and the keys after it
        // (the last digit and #) are the next try's entry. One reading of the pages
        // (docs/aws-contracts.md F33); under the other the entry fails validation and takes
        // the error branch, which connect-fails-at-ask-another-number-1 walks.
        withheld(
            "another-number-past-the-block-maximum",
            "123456789012345678901#",
        ),
        withheld(
            "another-number-not-readable-then-too-short",
            "12*4567890#555#",
        ),
        Case {
            number: Some("+12065550143"),
            ..case(
                "another-number-spells-nothing-twice",
                "2065550143#2065550143#",
            )
        },
        Case {
            breaks_contract: Some((contract::STATUS, "SOMETHING_NEW")),
            breaks_answer: 1,
            ..withheld("lambda-off-contract-another-status", "8003569377#")
        },
        Case {
            breaks_contract: Some((contract::STATUS, "SOMETHING_NEW")),
            breaks_answer: 2,
            ..withheld("lambda-off-contract-another-status-2", "555#8003569377#")
        },
        Case {
            breaks_contract: Some((contract::COUNT, "12")),
            breaks_answer: 1,
            ..withheld("lambda-off-contract-another-count", "8003569377#")
        },
    ]
}

/// Another number with each result count (the numbers of [`BY_COUNT`], keyed in by a withheld
/// caller), and every key of the menu after it: again (*), another number (#), a wrong key,
/// silence, each at the first menu and after a wrong key. Named `another-N-results-KEYS`.
fn another_number_matrix() -> Vec<Case> {
    let mut cases = Vec::new();
    for (count, number) in BY_COUNT {
        let digits = number.trim_start_matches("+1");
        let mut after: Vec<&str> = vec![""];
        if count == 5 {
            after = vec!["*", "#", "9", "", "9*", "9#", "99"];
        }
        for keys in after {
            let shown = match keys {
                "" => "silence".to_string(),
                keys => keys.replace('*', "star").replace('#', "pound"),
            };
            let name: &'static str =
                Box::leak(format!("another-{count}-results-{shown}").into_boxed_str());
            let presses: &'static str = Box::leak(format!("{digits}#{keys}").into_boxed_str());
            cases.push(withheld(name, presses));
        }
    }
    cases
}

/// One number per result count the flow branches on, 1 to 5 (each checked below).
const BY_COUNT: [(usize, &str); 5] = [
    (1, "+12065553943"),
    (2, "+16175557353"),
    (3, "+12065558779"),
    (4, FOUR_RESULTS),
    (5, NUMBER),
];

/// Every menu of the flow, key by key, generated rather than picked: for each result count,
/// each offered key, "again" (*), "more" (#) when there is more, a wrong key, and silence, at
/// the first menu, at the one after a wrong key or "more", and after "more" then a wrong key.
/// Named `matrix-N-results-KEYS`.
fn matrix() -> Vec<Case> {
    let mut cases = Vec::new();
    for (count, number) in BY_COUNT {
        let heard = count.min(3);
        let mut first: Vec<String> = (1..=heard).map(|k| k.to_string()).collect();
        first.extend(["*".to_string(), String::new()]);
        if count <= 3 {
            // Nothing more to hear: # asks for another number (then silence).
            first.push("#".to_string());
        }
        let mut presses: Vec<String> = first.clone();
        // After a wrong key, and after "more" when there is more: every key again.
        let mut then: Vec<String> = (1..=count).map(|k| k.to_string()).collect();
        // # is "more" while there is more, and another number once there is not.
        then.extend([
            "*".to_string(),
            "9".to_string(),
            String::new(),
            "#".to_string(),
        ]);
        for next in &then {
            presses.push(format!("9{next}"));
            if count > 3 {
                presses.push(format!("#{next}"));
                presses.push(format!("#9{next}"));
            }
        }
        for keys in presses {
            let shown = if keys.is_empty() {
                "silence".to_string()
            } else {
                keys.replace('*', "star").replace('#', "pound")
            };
            let name: &'static str =
                Box::leak(format!("matrix-{count}-results-{shown}").into_boxed_str());
            let keys: &'static str = Box::leak(keys.into_boxed_str());
            cases.push(Case {
                number: Some(number),
                ..case(name, keys)
            });
        }
    }
    cases
}

#[test]
fn each_matrix_number_has_its_result_count() {
    for (count, number) in BY_COUNT {
        let results = vanity_engine::vanity_numbers(number, flow_support::config().results.store);
        assert_eq!(
            results.map(|r| r.len()).ok(),
            Some(count),
            "{number}: pick another number with {count} results"
        );
    }
}

fn simulate_case(case: &Case) -> Transcript {
    let mut config = config_with(case.recall);
    let mut profile = None;
    if let Some(file) = case.profiles {
        config.caller_profiles = CallerProfiles {
            domain: Some(ProfileDomain::Existing {
                name: "shop-customers".to_string(),
            }),
            write_choice: true,
            lookup_timeout_ms: 800,
            greet_by_first_name: case.profile_spoken,
            say_why: case.profile_spoken,
            ..CallerProfiles::default()
        };
        profile = file.map(|file| {
            let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("tests/profiles")
                .join(file);
            profile_file::load(&path).unwrap_or_else(|error| panic!("{file}: {error}"))
        });
    }
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => panic!("no runtime: {error}"),
    };
    let backend = if case.dynamodb_down {
        Backend::Unavailable
    } else {
        Backend::Memory(MemoryStore::default())
    };
    if let (Some(earlier), Some(number)) = (case.earlier, case.number) {
        runtime.block_on(seed_earlier_call(&backend, &config, number, earlier));
    }
    let scenario = Scenario {
        number: case.number.map(str::to_string),
        presses: case.presses.to_string(),
        lambda_fails: case.lambda_fails,
        connect_fails_at: case.connect_fails_at.map(str::to_string),
        lambda_breaks_contract: case
            .breaks_contract
            .map(|(key, value)| (key.to_string(), value.to_string())),
        profile,
        lambda_breaks_answer: case.breaks_answer,
        profile_search_fails: case.profile_search_fails,
    };
    match simulate(&config, &scenario, &backend, &runtime) {
        Ok(transcript) => transcript,
        Err(error) => panic!("{}: simulation failed: {error}", case.name),
    }
}

#[test]
fn the_four_result_number_has_four_results() {
    let results = vanity_engine::vanity_numbers(FOUR_RESULTS, flow_support::config().results.store);
    assert_eq!(
        results.map(|r| r.len()).ok(),
        Some(4),
        "pick another FOUR_RESULTS number"
    );
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
    // A golden file no case writes is a branch nobody checks any more.
    let names: Vec<String> = cases().iter().map(|c| format!("{}.txt", c.name)).collect();
    let orphans: Vec<String> = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .filter_map(|entry| entry.ok())
                .map(|entry| entry.file_name().to_string_lossy().into_owned())
                .filter(|name| !names.contains(name))
                .collect()
        })
        .unwrap_or_default();
    assert!(
        orphans.is_empty(),
        "golden files without a case: {orphans:?}"
    );
}

/// Lowest share of the flow's transitions the golden calls may walk: all of them. The
/// NoMatchingCondition branches on the Lambda's answer are walked by the `lambda-off-contract-*`
/// calls; a flow change that adds a branch no call can take fails here until a call takes it
/// or the branch goes.
const MIN_COVERED_PERCENT: f64 = 100.0;

/// The golden calls together walk the transitions of the rendered flow: each action's
/// NextAction, every error branch and every condition, for each `returning_callers.recall`
/// (every call run again under that setting, with the Connect faults of that flow). Prints
/// the figures and every transition no call walks; fails below [`MIN_COVERED_PERCENT`].
#[test]
fn golden_calls_walk_every_transition_of_the_flow() {
    for recall in Recall::ALL {
        let config = config_with(Some(recall));
        let flow = flow::parse(&flow::render_json(&config))
            .unwrap_or_else(|error| panic!("the rendered flow does not parse: {error}"));
        // The calls that greet by name run a flow with those steps added (its own, not this
        // one); every other call runs this flow.
        let picked: Vec<Case> = picked_and_matrix()
            .into_iter()
            .filter(|case| !case.profile_spoken)
            .map(|case| Case {
                recall: Some(recall),
                ..case
            })
            .collect();
        let faults = connect_fault_cases(&picked, Some(recall));
        let mut coverage = Coverage::new(&flow);
        for case in picked.iter().chain(&faults) {
            coverage.record(&simulate_case(case).taken);
        }
        println!("recall {}: {}", recall.as_str(), coverage.summary());
        let undeclared: Vec<String> = coverage
            .undeclared()
            .iter()
            .map(|t| t.to_string())
            .collect();
        assert!(
            undeclared.is_empty(),
            "recall {}: the simulator took transitions the flow does not declare:\n{}",
            recall.as_str(),
            undeclared.join("\n")
        );
        let missing: Vec<String> = coverage.missing().iter().map(|t| t.to_string()).collect();
        let percent = 100.0 * coverage.walked_count() as f64 / coverage.total().max(1) as f64;
        assert!(
            percent >= MIN_COVERED_PERCENT,
            "recall {}: {}, below the floor of {MIN_COVERED_PERCENT}%; no golden call walks:\n{}",
            recall.as_str(),
            coverage.summary(),
            missing.join("\n")
        );
    }
}

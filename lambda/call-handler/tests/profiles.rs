//! The Customer Profiles lookup and write through the real SDK client against the SDK's own
//! mocks (aws-smithy-mocks: no local server implements the Customer Profiles API), driven
//! through the handler exactly as the Lambda runs it: a profile found, none, several for one
//! number, throttled, access denied, slower than its deadline (in paused time), and the write
//! of a kept choice (UpdateProfile; CreateProfile only with create_missing).
//!
//! Every case compares what the caller hears with the answer without profiles: a lookup that
//! does not find exactly one profile must change nothing. A choice carries the lookup's
//! `favoured` as the flow passes it back ([`choose_after`]), or nothing, as a flow rendered
//! before it did ([`choose_event`]).
#![cfg(feature = "profiles")]

use std::collections::HashMap;
use std::time::{Duration, SystemTime};

use aws_sdk_customerprofiles::operation::create_profile::CreateProfileOutput;
use aws_sdk_customerprofiles::operation::search_profiles::SearchProfilesOutput;
use aws_sdk_customerprofiles::operation::update_profile::UpdateProfileOutput;
use aws_sdk_customerprofiles::types::Profile as SdkProfile;
use aws_sdk_customerprofiles::Client;
use aws_smithy_mocks::{mock, mock_client, Rule, RuleMode};
use call_handler::profile::sdk::{SdkProfiles, MAX_RESULTS, PHONE_KEY};
use call_handler::profile::{
    ChoiceWrite, Found, ProfileError, ProfileSettings, ProfileSource, CHOICE_ATTRIBUTE,
};
use call_handler::settings::Settings;
use call_handler::store::MemoryStore;
use call_handler::{handle, handle_with_profiles};
use serde_json::{json, Value};
use test_support::connect::ContactFlowEvent;
use vanity_engine::contract;

/// A number whose results hold SWING, second without a profile (its first is WHO-GAVE).
const CALLER: &str = "+12067946428";
const DOMAIN: &str = "shop-customers";

fn settings() -> Settings {
    Settings {
        profiles: ProfileSettings {
            greet_by_first_name: true,
            say_why: true,
            ..ProfileSettings::on(DOMAIN)
        },
        ..Settings::example("calls", Duration::from_millis(200))
    }
}

fn lookup_event(contact_id: &str) -> Value {
    ContactFlowEvent::new(contact_id, CALLER).build()
}

fn choose_event(contact_id: &str, rank: &str) -> Value {
    ContactFlowEvent::new(contact_id, CALLER)
        .parameters(json!({"action": "choose", "choice": rank}))
        .build()
}

/// The choice as the flow sends it after `heard` (the lookup's answer): with its `favoured`.
fn choose_after(contact_id: &str, rank: &str, heard: &HashMap<String, String>) -> Value {
    let favoured = heard
        .get(contract::FAVOURED)
        .expect("profiles on: the lookup says which order it used");
    ContactFlowEvent::new(contact_id, CALLER)
        .parameters(json!({"action": "choose", "choice": rank, contract::FAVOURED: favoured}))
        .build()
}

type Answer = HashMap<String, String>;

/// One call through the handler: the lookup, then the caller presses `rank` (the choice
/// carrying the lookup's `favoured`); the two answers.
async fn lookup_then_choose(
    store: &MemoryStore,
    profiles: &impl ProfileSource,
    settings: &Settings,
    rank: &str,
) -> (Answer, Answer) {
    let now = SystemTime::now();
    let heard = handle_with_profiles(&lookup_event("c-1"), store, profiles, settings, now).await;
    let choice = choose_after("c-1", rank, &heard);
    let chosen = handle_with_profiles(&choice, store, profiles, settings, now).await;
    (heard, chosen)
}

fn swing_dancer(id: &str) -> SdkProfile {
    SdkProfile::builder()
        .profile_id(id)
        .first_name("Ana")
        .business_name("Emerald City Swing")
        .build()
}

fn error_body(code: &str) -> String {
    json!({ "__type": code, "Message": "mocked" }).to_string()
}

/// A search for CALLER in DOMAIN by `_phone`, asking for two, answered with `items`.
fn search(items: Vec<SdkProfile>) -> Rule {
    mock!(Client::search_profiles)
        .match_requests(|request| {
            request.domain_name() == Some(DOMAIN)
                && request.key_name() == Some(PHONE_KEY)
                && request.values() == [CALLER.to_string()]
                && request.max_results() == Some(MAX_RESULTS)
        })
        .then_output(move || {
            SearchProfilesOutput::builder()
                .set_items(Some(items.clone()))
                .build()
        })
}

fn search_fails(status: u16, code: &'static str) -> Rule {
    mock!(Client::search_profiles)
        .sequence()
        .http_status(status, Some(error_body(code)))
        .build()
}

fn source(rules: &[Rule]) -> SdkProfiles {
    let client = mock_client!(aws_sdk_customerprofiles, RuleMode::MatchAny, rules, |c| {
        // One attempt, as the Lambda's client makes (main.rs): a throttled search is not
        // retried inside the caller's deadline.
        c.retry_config(aws_sdk_customerprofiles::config::retry::RetryConfig::disabled())
    });
    SdkProfiles::new(client, DOMAIN.to_string())
}

/// A source whose every call answers `self.1` late (in paused time the clock jumps).
struct Slow<P>(P, Duration);

impl<P: ProfileSource + Sync> ProfileSource for Slow<P> {
    async fn find(&self, phone: &str) -> Result<Found, ProfileError> {
        tokio::time::sleep(self.1).await;
        self.0.find(phone).await
    }
    async fn write_choice(&self, write: &ChoiceWrite) -> Result<(), ProfileError> {
        tokio::time::sleep(self.1).await;
        self.0.write_choice(write).await
    }
}

/// Any UpdateProfile, answered.
fn update_any() -> Rule {
    mock!(Client::update_profile).then_output(|| {
        UpdateProfileOutput::builder()
            .profile_id("p-1")
            .build()
            .expect("builds")
    })
}

/// What the caller hears today: the handler without profiles.
async fn without_profiles() -> HashMap<String, String> {
    let store = MemoryStore::default();
    handle(&lookup_event("c-1"), &store, &settings(), SystemTime::now()).await
}

#[tokio::test]
async fn a_found_profile_puts_its_word_first_and_greets_only_as_configured() {
    let today = without_profiles().await;
    assert!(
        !today[&contract::rest_key(1)].contains("swing"),
        "SWING must not be first today: {today:?}"
    );
    let rule = search(vec![swing_dancer("p-1")]);
    let profiles = source(std::slice::from_ref(&rule));
    let store = MemoryStore::default();
    let now = SystemTime::now();
    let answer =
        handle_with_profiles(&lookup_event("c-1"), &store, &profiles, &settings(), now).await;
    assert_eq!(rule.num_calls(), 1);
    assert!(
        answer[&contract::rest_key(1)].contains("swing"),
        "{answer:?}"
    );
    assert_eq!(answer[contract::GREETING_NAME], "Ana");
    assert_eq!(answer[contract::WHY], "swing");
    assert_eq!(answer[contract::COUNT], today[contract::COUNT]);
    // Off (the defaults): the order still follows the profile, but nothing from it is said.
    let quiet = Settings {
        profiles: ProfileSettings::on(DOMAIN),
        ..settings()
    };
    let store = MemoryStore::default();
    let answer = handle_with_profiles(&lookup_event("c-2"), &store, &profiles, &quiet, now).await;
    assert!(answer[&contract::rest_key(1)].contains("swing"));
    assert!(!answer.contains_key(contract::GREETING_NAME));
    assert!(!answer.contains_key(contract::WHY));
}

/// Not found, several profiles, throttled, access denied, a missing domain, a server error:
/// the caller hears exactly today's answer.
#[tokio::test]
async fn anything_but_one_profile_changes_nothing() {
    let today = without_profiles().await;
    let cases: Vec<(&str, Rule)> = vec![
        ("not found", search(Vec::new())),
        (
            "several profiles",
            search(vec![swing_dancer("p-1"), swing_dancer("p-2")]),
        ),
        ("throttled", search_fails(429, "ThrottlingException")),
        ("access denied", search_fails(403, "AccessDeniedException")),
        (
            "no such domain",
            search_fails(404, "ResourceNotFoundException"),
        ),
        ("server error", search_fails(500, "InternalServerException")),
    ];
    for (name, rule) in cases {
        let profiles = source(std::slice::from_ref(&rule));
        let store = MemoryStore::default();
        let answer = handle_with_profiles(
            &lookup_event("c-1"),
            &store,
            &profiles,
            &settings(),
            SystemTime::now(),
        )
        .await;
        assert_eq!(rule.num_calls(), 1, "{name}: one search, no retry");
        assert_eq!(answer, today, "{name}");
        // Greeting and reason on: the flow is told there is nothing to say.
        assert_eq!(answer[contract::GREET], "false", "{name}");
        assert_eq!(answer[contract::SAY_WHY], "false", "{name}");
        assert!(!answer.contains_key(contract::GREETING_NAME), "{name}");
    }
}

#[tokio::test]
async fn failures_are_told_apart_by_kind_without_their_message() {
    let cases = [
        (
            search_fails(429, "ThrottlingException"),
            ProfileError::Throttled,
        ),
        (
            search_fails(403, "AccessDeniedException"),
            ProfileError::AccessDenied,
        ),
        (
            search_fails(404, "ResourceNotFoundException"),
            ProfileError::NotFound,
        ),
    ];
    for (rule, expected) in cases {
        let found = source(std::slice::from_ref(&rule)).find(CALLER).await;
        assert_eq!(found, Err(expected.clone()));
        assert!(!expected.to_string().contains("mocked"));
    }
    let several = search(vec![swing_dancer("p-1"), swing_dancer("p-2")]);
    let found = source(std::slice::from_ref(&several)).find(CALLER).await;
    assert_eq!(found, Ok(Found::Several));
}

/// A search that answers only after its deadline: the caller hears today's answer, no later
/// than the profile deadline plus the store's (paused time: the clock jumps, nothing waits).
#[tokio::test(start_paused = true)]
async fn a_lookup_slower_than_its_deadline_changes_nothing_and_waits_no_longer() {
    let today = without_profiles().await;
    let deadline = settings().profiles.timeout;
    let rule = search(vec![swing_dancer("p-1")]);
    let slow = Slow(source(std::slice::from_ref(&rule)), deadline * 3);
    let store = MemoryStore::default();
    let started = tokio::time::Instant::now();
    let answer = handle_with_profiles(
        &lookup_event("c-1"),
        &store,
        &slow,
        &settings(),
        SystemTime::now(),
    )
    .await;
    assert_eq!(started.elapsed(), deadline, "cut off at the deadline");
    assert_eq!(answer, today);
    assert_eq!(
        rule.num_calls(),
        0,
        "the search never got its answer in time"
    );
}

/// The choice: the rank names the result the caller heard (the profile's order), it is
/// written to the caller's profile, and nothing is created for a caller without one unless
/// create_missing is on.
#[tokio::test]
async fn a_kept_choice_is_written_to_the_profile() {
    let update = mock!(Client::update_profile)
        .match_requests(|request| {
            request.domain_name() == Some(DOMAIN)
                && request.profile_id() == Some("p-1")
                && request
                    .attributes()
                    .and_then(|a| a.get(CHOICE_ATTRIBUTE))
                    .is_some_and(|choice| choice.contains("SWING"))
                && request.first_name().is_none()
        })
        .then_output(|| {
            UpdateProfileOutput::builder()
                .profile_id("p-1")
                .build()
                .expect("builds")
        });
    let rules = [search(vec![swing_dancer("p-1")]), update];
    let store = MemoryStore::default();
    let (heard, chosen) = lookup_then_choose(&store, &source(&rules), &settings(), "1").await;
    assert_eq!(heard[contract::FAVOURED], "true");
    assert_eq!(chosen[contract::CHOSEN], "true");
    assert!(chosen[contract::CHOSEN_SPOKEN].ends_with(heard[&contract::rest_key(1)].as_str()));
    assert_eq!(rules[1].num_calls(), 1, "one UpdateProfile");
    // Nothing from the profile is on the line's record: only the number and the results.
    let kept = store.choice("c-1").expect("kept");
    assert!(kept.display.contains("SWING"));
}

#[tokio::test]
async fn no_profile_no_write_unless_create_missing() {
    let create = mock!(Client::create_profile)
        .match_requests(|request| {
            request.domain_name() == Some(DOMAIN)
                && request.phone_number() == Some(CALLER)
                && request
                    .attributes()
                    .is_some_and(|a| a.contains_key(CHOICE_ATTRIBUTE))
        })
        .then_output(|| {
            CreateProfileOutput::builder()
                .profile_id("p-new")
                .build()
                .expect("builds")
        });
    for create_missing in [false, true] {
        let rules = [search(Vec::new()), create.clone()];
        let profiles = source(&rules);
        let settings = Settings {
            profiles: ProfileSettings {
                create_missing,
                ..settings().profiles
            },
            ..settings()
        };
        let store = MemoryStore::default();
        let (heard, chosen) = lookup_then_choose(&store, &profiles, &settings, "2").await;
        assert_eq!(heard[contract::FAVOURED], "false");
        assert_eq!(chosen[contract::CHOSEN], "true");
        assert_eq!(
            rules[1].num_calls(),
            usize::from(create_missing),
            "create_missing={create_missing}"
        );
    }
}

/// A write that fails or is late never changes the confirmation.
#[tokio::test]
async fn a_failing_write_still_confirms_the_choice() {
    let update = mock!(Client::update_profile)
        .sequence()
        .http_status(429, Some(error_body("ThrottlingException")))
        .build();
    let rules = [search(vec![swing_dancer("p-1")]), update];
    let store = MemoryStore::default();
    let (_, chosen) = lookup_then_choose(&store, &source(&rules), &settings(), "1").await;
    assert_eq!(chosen[contract::CHOSEN], "true");
    assert_eq!(rules[1].num_calls(), 1);
}

/// The lookup's search found the profile and the caller heard SWING first (`favoured` "true");
/// the choice's search then does not answer (throttled, denied, failing, late). The rank
/// cannot be read in the order the caller heard, so nothing is guessed: `chosen=false`,
/// nothing kept in the table, nothing written to the profile. The same for a flow that does
/// not pass `favoured` back.
#[tokio::test(start_paused = true)]
async fn a_choice_whose_search_does_not_answer_keeps_nothing() {
    let failures: [(&str, Option<(u16, &'static str)>); 4] = [
        ("throttled", Some((429, "ThrottlingException"))),
        ("access denied", Some((403, "AccessDeniedException"))),
        ("server error", Some((500, "InternalServerException"))),
        ("late", None),
    ];
    for (name, failure) in failures {
        let found = [search(vec![swing_dancer("p-1")]), update_any()];
        let store = MemoryStore::default();
        let now = SystemTime::now();
        let lookup = source(&found);
        let heard =
            handle_with_profiles(&lookup_event("c-1"), &store, &lookup, &settings(), now).await;
        assert!(heard[&contract::rest_key(1)].contains("swing"), "{name}");
        assert_eq!(heard[contract::FAVOURED], "true", "{name}");
        let choice = if name == "server error" {
            choose_event("c-1", "1")
        } else {
            choose_after("c-1", "1", &heard)
        };
        let chosen = match failure {
            Some((status, code)) => {
                let rules = [search_fails(status, code), update_any()];
                let answer =
                    handle_with_profiles(&choice, &store, &source(&rules), &settings(), now).await;
                assert_eq!(rules[0].num_calls(), 1, "{name}: searched once");
                assert_eq!(rules[1].num_calls(), 0, "{name}: nothing written");
                answer
            }
            None => {
                let late = Slow(source(&found), settings().profiles.timeout * 2);
                handle_with_profiles(&choice, &store, &late, &settings(), now).await
            }
        };
        assert_eq!(chosen[contract::CHOSEN], "false", "{name}");
        assert_eq!(store.choice("c-1"), None, "{name}: nothing kept");
        assert_eq!(found[1].num_calls(), 0, "{name}: nothing written");
    }
}

/// The lookup found the profile; the choice's search answers "no profile" (the profile was
/// removed between the two, say) or "several" (a second one appeared). With the lookup's
/// `favoured` "true" the order the caller heard cannot be rebuilt: nothing is kept. From a flow
/// that does not pass `favoured` back, the rank is read in the plain order as before (no
/// profile is at hand to compare with) and kept; nothing is written either way.
#[tokio::test]
async fn a_choice_whose_search_finds_no_profile_keeps_nothing_or_the_plain_order() {
    let today = without_profiles().await;
    let answers = [
        ("no profile", Vec::new()),
        ("several", vec![swing_dancer("p-1"), swing_dancer("p-2")]),
    ];
    for (name, items) in answers {
        let store = MemoryStore::default();
        let now = SystemTime::now();
        let found = [search(vec![swing_dancer("p-1")])];
        let lookup = source(&found);
        let heard =
            handle_with_profiles(&lookup_event("c-1"), &store, &lookup, &settings(), now).await;
        let second = [search(items), update_any()];
        let told = choose_after("c-1", "1", &heard);
        let chosen = handle_with_profiles(&told, &store, &source(&second), &settings(), now).await;
        assert_eq!(chosen[contract::CHOSEN], "false", "{name}: favoured");
        assert_eq!(store.choice("c-1"), None, "{name}: nothing kept");
        let older = choose_event("c-1", "1");
        let chosen = handle_with_profiles(&older, &store, &source(&second), &settings(), now).await;
        assert_eq!(chosen[contract::CHOSEN], "true", "{name}");
        assert!(
            chosen[contract::CHOSEN_SPOKEN].ends_with(today[&contract::rest_key(1)].as_str()),
            "{name}: the plain order's first: {chosen:?} / {today:?}"
        );
        assert_eq!(second[1].num_calls(), 0, "{name}: nothing written");
    }
}

/// One budget for the choose invocation: with less than the write's deadline left of it after
/// the search (and the store), the profile write is skipped; with enough, it is made.
#[tokio::test(start_paused = true)]
async fn the_profile_write_is_skipped_when_the_budget_is_spent() {
    let deadline = settings().profiles.timeout;
    let search_takes = deadline / 2;
    for (budget, writes) in [(deadline + search_takes / 2, 0), (deadline * 4, 1)] {
        let rules = [search(vec![swing_dancer("p-1")]), update_any()];
        let profiles = Slow(source(&rules), search_takes);
        let settings = Settings {
            profiles: ProfileSettings {
                budget,
                ..settings().profiles
            },
            ..settings()
        };
        let store = MemoryStore::default();
        let (_, chosen) = lookup_then_choose(&store, &profiles, &settings, "1").await;
        assert_eq!(chosen[contract::CHOSEN], "true", "kept either way");
        assert_eq!(rules[1].num_calls(), writes, "budget {budget:?}");
    }
}

/// The lookup's search is throttled, so the caller hears the plain order (`favoured` "false")
/// and presses 1; the choice's search then finds the profile. The rank is read in the plain
/// order the caller heard: the number kept, said back and written to the profile is the plain
/// first (7-WHO-GAVE), not the profile's first (SWING).
#[tokio::test]
async fn a_choice_after_a_plain_order_keeps_the_plain_rank_whatever_its_search_finds() {
    let today = without_profiles().await;
    let throttled = [search_fails(429, "ThrottlingException")];
    let store = MemoryStore::default();
    let now = SystemTime::now();
    let heard = handle_with_profiles(
        &lookup_event("c-1"),
        &store,
        &source(&throttled),
        &settings(),
        now,
    )
    .await;
    assert_eq!(heard[contract::FAVOURED], "false");
    assert_eq!(heard, today, "the plain order");
    let first = today[&contract::rest_key(1)].clone();
    assert!(!first.contains("swing"), "{first}");
    let update = mock!(Client::update_profile)
        .match_requests(|request| {
            request.profile_id() == Some("p-1")
                && request
                    .attributes()
                    .and_then(|a| a.get(CHOICE_ATTRIBUTE))
                    .is_some_and(|choice| choice.contains("WHO") && !choice.contains("SWING"))
        })
        .then_output(|| {
            UpdateProfileOutput::builder()
                .profile_id("p-1")
                .build()
                .expect("builds")
        });
    let found = [search(vec![swing_dancer("p-1")]), update];
    let choice = choose_after("c-1", "1", &heard);
    let chosen = handle_with_profiles(&choice, &store, &source(&found), &settings(), now).await;
    assert_eq!(chosen[contract::CHOSEN], "true");
    assert!(
        chosen[contract::CHOSEN_SPOKEN].ends_with(first.as_str()),
        "the number heard: {chosen:?} / {first}"
    );
    let kept = store.choice("c-1").expect("kept");
    assert!(kept.display.contains("WHO"), "{kept:?}");
    assert_eq!(found[0].num_calls(), 1, "searched for the write target");
    assert_eq!(
        found[1].num_calls(),
        1,
        "the plain first written to the profile"
    );
}

/// A flow that does not pass `favoured` back (rendered before it), and a choice search that
/// finds the profile: the caller may have heard either order (the lookup's search may have
/// failed). A rank naming the same number in both orders is kept; one naming different
/// numbers is not, since either reading could keep a number the caller did not hear.
#[tokio::test]
async fn without_favoured_a_rank_is_kept_only_where_both_orders_agree() {
    let plain = without_profiles().await;
    let rules = [search(vec![swing_dancer("p-1")]), update_any()];
    let profiles = source(&rules);
    let store = MemoryStore::default();
    let now = SystemTime::now();
    let favoured =
        handle_with_profiles(&lookup_event("c-0"), &store, &profiles, &settings(), now).await;
    let count: usize = plain[contract::COUNT].parse().expect("a count");
    let (mut agreed, mut differed) = (0, 0);
    for rank in 1..=count {
        let key = contract::rest_key(rank);
        let same = plain[&key] == favoured[&key];
        let contact_id = format!("c-{rank}");
        handle_with_profiles(
            &lookup_event(&contact_id),
            &store,
            &profiles,
            &settings(),
            now,
        )
        .await;
        let older = choose_event(&contact_id, &rank.to_string());
        let chosen = handle_with_profiles(&older, &store, &profiles, &settings(), now).await;
        let kept = chosen[contract::CHOSEN] == "true";
        assert_eq!(kept, same, "rank {rank}: {plain:?} / {favoured:?}");
        assert_eq!(store.choice(&contact_id).is_some(), same, "rank {rank}");
        if same {
            agreed += 1;
        } else {
            differed += 1;
        }
    }
    assert!(
        agreed > 0 && differed > 0,
        "both kinds of rank: {agreed} / {differed}"
    );
}

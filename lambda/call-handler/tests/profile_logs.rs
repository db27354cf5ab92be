//! Nothing from a Customer Profiles profile reaches a log line: a lookup, a choice and its
//! write, with the profile found and with its search failing, through the real SDK client
//! against aws-smithy-mocks, logged at every level into a buffer. A test binary of its own:
//! the subscriber is this thread's default, and tracing caches per call site whether anyone
//! listens, which tests running beside it in the same process could settle first.
#![cfg(all(feature = "profiles", feature = "lambda"))]

use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use aws_sdk_customerprofiles::operation::search_profiles::SearchProfilesOutput;
use aws_sdk_customerprofiles::operation::update_profile::UpdateProfileOutput;
use aws_sdk_customerprofiles::types::Profile as SdkProfile;
use aws_sdk_customerprofiles::Client;
use aws_smithy_mocks::{mock, mock_client, Rule, RuleMode};
use call_handler::handle_with_profiles;
use call_handler::profile::sdk::SdkProfiles;
use call_handler::profile::{ChoiceWrite, Found, ProfileError, ProfileSettings, ProfileSource};
use call_handler::settings::Settings;
use call_handler::store::MemoryStore;
use serde_json::{json, Value};
use test_support::connect::ContactFlowEvent;

const CALLER: &str = "+12067946428";
const DOMAIN: &str = "shop-customers";

fn settings() -> Settings {
    Settings {
        profiles: ProfileSettings {
            greet_by_first_name: true,
            say_why: true,
            timeout: PROFILE_TIMEOUT,
            ..ProfileSettings::on(DOMAIN)
        },
        ..Settings::example("calls", Duration::from_millis(200))
    }
}

/// The profile deadline here: short, so the late write's test waits little in real time.
const PROFILE_TIMEOUT: Duration = Duration::from_millis(50);

fn lookup_event(contact_id: &str) -> Value {
    ContactFlowEvent::new(contact_id, CALLER).build()
}

/// A choice as the flow sends it after a lookup that heard the profile's order (`favoured`
/// "true"), so a found profile's choice is kept and written.
fn choose_event(contact_id: &str, rank: &str) -> Value {
    ContactFlowEvent::new(contact_id, CALLER)
        .parameters(json!({"action": "choose", "choice": rank, "favoured": "true"}))
        .build()
}

fn search(items: Vec<SdkProfile>) -> Rule {
    mock!(Client::search_profiles).then_output(move || {
        SearchProfilesOutput::builder()
            .set_items(Some(items.clone()))
            .build()
    })
}

fn search_fails(status: u16, code: &'static str) -> Rule {
    let body = json!({ "__type": code, "Message": "mocked" }).to_string();
    mock!(Client::search_profiles)
        .sequence()
        .http_status(status, Some(body))
        .build()
}

fn source(rules: &[Rule]) -> SdkProfiles {
    let client = mock_client!(aws_sdk_customerprofiles, RuleMode::MatchAny, rules, |c| {
        c.retry_config(aws_sdk_customerprofiles::config::retry::RetryConfig::disabled())
    });
    SdkProfiles::new(client, DOMAIN.to_string())
}

fn secret_profile() -> SdkProfile {
    SdkProfile::builder()
        .profile_id("p-secret")
        .first_name("Zelda")
        .last_name("Quartermaine")
        .business_name("Emerald City Swing")
        .build()
}

/// Searches at once; writes answer only after the profile deadline.
struct LateWrite(SdkProfiles);

impl ProfileSource for LateWrite {
    async fn find(&self, phone: &str) -> Result<Found, ProfileError> {
        self.0.find(phone).await
    }
    async fn write_choice(&self, write: &ChoiceWrite) -> Result<(), ProfileError> {
        tokio::time::sleep(settings().profiles.timeout * 2).await;
        self.0.write_choice(write).await
    }
}

/// Log lines, kept in memory.
#[derive(Clone, Default)]
struct Buffer(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Buffer {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        if let Ok(mut buffer) = self.0.lock() {
            buffer.extend_from_slice(bytes);
        }
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Every level, into `buffer`.
fn subscriber(buffer: &Buffer) -> impl tracing::Subscriber + Send + Sync {
    let writer = buffer.clone();
    tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || writer.clone())
        .finish()
}

/// Nothing from a profile reaches a log line: a lookup, a choice and its write, with the
/// profile found and with its search failing, logged at every level into a buffer.
#[tokio::test]
async fn nothing_from_a_profile_is_logged() {
    let buffer = Buffer::default();
    let _guard = tracing::subscriber::set_default(subscriber(&buffer));

    let secret = secret_profile();
    let update = mock!(Client::update_profile).then_output(|| {
        UpdateProfileOutput::builder()
            .profile_id("p-secret")
            .build()
            .expect("builds")
    });
    let rules = [search(vec![secret]), update];
    let found = source(&rules);
    let store = MemoryStore::default();
    let now = SystemTime::now();
    for event in [lookup_event("c-log"), choose_event("c-log", "1")] {
        handle_with_profiles(&event, &store, &found, &settings(), now).await;
        // A failing search is answered once per rule: a new one for each call.
        let failing_rule = search_fails(403, "AccessDeniedException");
        let failing = source(std::slice::from_ref(&failing_rule));
        handle_with_profiles(&event, &store, &failing, &settings(), now).await;
    }
    // Several profiles for the number, and a write that outlives its deadline: each has its
    // own outcome an owner can search for, still without profile data.
    let twins = [search(vec![secret_profile(), secret_profile()])];
    handle_with_profiles(
        &lookup_event("c-twins"),
        &store,
        &source(&twins),
        &settings(),
        now,
    )
    .await;
    let late_write = LateWrite(source(&rules));
    handle_with_profiles(
        &lookup_event("c-late"),
        &store,
        &late_write,
        &settings(),
        now,
    )
    .await;
    handle_with_profiles(
        &choose_event("c-late", "1"),
        &store,
        &late_write,
        &settings(),
        now,
    )
    .await;
    drop(_guard);
    let logged = String::from_utf8_lossy(&buffer.0.lock().map(|b| b.clone()).unwrap_or_default())
        .into_owned();
    assert!(logged.contains("answered"), "the handler logged: {logged}");
    assert!(logged.contains("several_profiles"), "{logged}");
    assert!(
        logged.contains("profile write outcome unknown")
            && !logged.contains("profile write failed"),
        "a late write is unknown, not failed: {logged}"
    );
    for secret in [
        "Zelda",
        "Quartermaine",
        "Emerald",
        "p-secret",
        "swing",
        "SWING",
        CALLER,
    ] {
        assert!(
            !logged.contains(secret),
            "{secret} is in the log:\n{logged}"
        );
    }
}

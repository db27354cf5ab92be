//! `connect-vanity call`: simulate a phone call through the rendered flow.
//!
//! The simulator runs the exact JSON `render` writes ([`crate::flow::render_json`]), action by
//! action ([`interpreter`]), with the real call-handler code as the Lambda ([`lambda`]) and a
//! store chosen from the environment: a local DynamoDB when `AWS_ENDPOINT_URL` is set,
//! otherwise memory. It prints what the caller hears and every branch taken ([`transcript`]),
//! and can speak the prompts into a WAV ([`wav`]). [`replay`] runs a call as an Amazon
//! Connect test case runs it, with the Lambda's answers overridden once each.

pub mod coverage;
pub mod interpreter;
pub mod lambda;
pub mod profile_file;
pub mod replay;
pub mod segments;
pub mod transcript;
pub mod wav;

use std::process::ExitCode;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use anyhow::Context;
use call_handler::profile::KnownProfile;
use call_handler::settings::{store_timeout_for, Settings};
use call_handler::store::{MemoryStore, UnavailableStore};
use vanity_engine::contract::{self, Invocation};

use crate::config::Config;
use crate::flow;
use interpreter::{Contact, SimulateError};
use lambda::{Backend, HandlerLambda, ProfileSearchFails};
use transcript::Transcript;

/// Environment variables that point the AWS SDK at a local endpoint.
const ENDPOINT_VARS: [&str; 2] = ["AWS_ENDPOINT_URL_DYNAMODB", "AWS_ENDPOINT_URL"];

/// What the simulated caller does.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Scenario {
    /// The caller's number; `None` for a withheld caller id.
    pub number: Option<String>,
    /// Keys pressed at successive menus; silence once they run out.
    pub presses: String,
    /// The Lambda invocation fails (the flow's error branch).
    pub lambda_fails: bool,
    /// Connect itself fails the action with this identifier the first time the call reaches
    /// it (a prompt it cannot play, a voice or attribute update that fails), so the action's
    /// NoMatchingError branch runs.
    pub connect_fails_at: Option<String>,
    /// The call-handler's first answer has this key set to this value: a Lambda deployed out
    /// of step with the flow (an older or newer version answering outside the contract), so
    /// the flow's NoMatchingCondition branches on that answer run.
    pub lambda_breaks_contract: Option<(String, String)>,
    /// The caller's Customer Profiles profile (`--profile FILE`); `None`: no profile holds
    /// their number. Used only when the config's `caller_profiles` is on.
    pub profile: Option<call_handler::profile::Profile>,
    /// Which answer `lambda_breaks_contract` breaks, counting from 0 (the lookup's): a later
    /// one reaches the branches on another number's answer.
    pub lambda_breaks_answer: usize,
    /// Which of the handler's profile searches fail (`--profile-search-fails`), answered as
    /// Customer Profiles' throttle.
    pub profile_search_fails: ProfileSearchFails,
}

/// An earlier call from the same number, made through the real handler a day before the
/// simulated one, optionally with a choice (the rank pressed then).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct EarlierCall {
    pub chose: Option<usize>,
}

/// Simulates one call through `flow_json` with the real handler and `backend`.
pub fn simulate_json(
    flow_json: &str,
    config: &Config,
    scenario: &Scenario,
    backend: &Backend,
    runtime: &tokio::runtime::Runtime,
) -> Result<Transcript, SimulateError> {
    let flow = flow::parse(flow_json)?;
    let mut handler = HandlerLambda {
        runtime,
        backend,
        settings: handler_settings(config),
        fails: scenario.lambda_fails,
        breaks_contract: scenario.lambda_breaks_contract.clone(),
        breaks_answer: scenario.lambda_breaks_answer,
        answered: 0,
        contact_id: contact_id(),
        now: SystemTime::now(),
        profiles: KnownProfile::new(scenario.profile.clone()),
        profile_search_fails: scenario.profile_search_fails,
    };
    let contact = Contact {
        caller: scenario.number.clone(),
        ..Contact::default()
    };
    let mut transcript = interpreter::run(
        &flow,
        contact,
        &scenario.presses,
        scenario.connect_fails_at.as_deref(),
        &mut handler,
    )?;
    transcript.header = vec![
        match &scenario.number {
            Some(number) => format!("call from {number}"),
            None => "call from a withheld number".to_string(),
        },
        format!("caller store: {}", backend.describe()),
    ];
    transcript.header.extend(profile_header(scenario));
    Ok(transcript)
}

/// The transcript's header lines on the caller's profile and its searches.
fn profile_header(scenario: &Scenario) -> Vec<String> {
    let mut lines = Vec::new();
    if scenario.profile.is_some() {
        lines.push("caller profile: given (--profile)".to_string());
    }
    let fails = scenario.profile_search_fails;
    let at = match (fails.lookup, fails.choice) {
        (true, true) => "the lookup and the choice",
        (true, false) => "the lookup",
        (false, true) => "the choice",
        (false, false) => return lines,
    };
    lines.push(format!(
        "caller profile search: throttled at {at} (--profile-search-fails)"
    ));
    lines
}

/// Simulates one call through the flow rendered from `config`.
pub fn simulate(
    config: &Config,
    scenario: &Scenario,
    backend: &Backend,
    runtime: &tokio::runtime::Runtime,
) -> Result<Transcript, SimulateError> {
    simulate_json(
        &flow::render_json(config),
        config,
        scenario,
        backend,
        runtime,
    )
}

/// The handler's settings as the rendered Terraform sets them for this config.
pub fn handler_settings(config: &Config) -> Settings {
    Settings {
        table_name: config.table.name.clone(),
        result_count: config.results.store,
        record_ttl_days: config.table.ttl_days,
        store_timeout: store_timeout_for(config.lambda.timeout_seconds),
        allowed: config.results.allowed,
        recall: config.recall,
        profiles: config.caller_profiles.handler_settings(),
    }
}

/// The `--profile` file's profile; an error (exit 2) when the config looks no profile up, so
/// the file would silently change nothing.
fn caller_profile(
    config: &Config,
    args: &crate::cli::CallArgs,
) -> anyhow::Result<Option<call_handler::profile::Profile>> {
    let Some(path) = &args.profile else {
        return Ok(None);
    };
    if config.caller_profiles.domain.is_none() {
        return Err(crate::error::BadInput(format!(
            "--profile {}: {}'s caller_profiles.mode is none, so the line looks no caller up \
             and the profile would change nothing; set caller_profiles.mode to new or existing",
            path.display(),
            args.config.config.display()
        ))
        .into());
    }
    profile_file::load(path).map(Some)
}

/// Which profile searches `--profile-search-fails` fails; an error (exit 2) without
/// `--profile` or with the config's profiles off, where no search of a profile could fail.
fn profile_search_fails(
    config: &Config,
    args: &crate::cli::CallArgs,
) -> anyhow::Result<ProfileSearchFails> {
    use crate::cli::ProfileSearchStep;
    let Some(step) = args.profile_search_fails else {
        return Ok(ProfileSearchFails::default());
    };
    if args.profile.is_none() {
        return Err(crate::error::BadInput(
            "--profile-search-fails needs --profile FILE: it fails the search for the \
             caller's profile, so give the profile the search would have found (for example \
             --profile tests/profiles/swing-school.yaml)"
                .to_string(),
        )
        .into());
    }
    if config.caller_profiles.domain.is_none() {
        return Err(crate::error::BadInput(format!(
            "--profile-search-fails: {}'s caller_profiles.mode is none, so the line searches \
             no profile and none can fail; set caller_profiles.mode to new or existing",
            args.config.config.display()
        ))
        .into());
    }
    Ok(ProfileSearchFails {
        lookup: matches!(step, ProfileSearchStep::Lookup | ProfileSearchStep::Both),
        choice: matches!(step, ProfileSearchStep::Choice | ProfileSearchStep::Both),
    })
}

/// A contact id unique to this simulated call, so a persistent local DynamoDB sees each
/// `call` as a new contact (the id never appears in the transcript).
pub(crate) fn contact_id() -> String {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    format!("simulated-{nanos:x}-{}", std::process::id())
}

pub fn run(args: &crate::cli::CallArgs) -> anyhow::Result<ExitCode> {
    let mut config = crate::config::load_file(&args.config.config)?;
    if let Some(recall) = args.recall {
        config.recall = recall;
    }
    // Bad input is refused before a local table is touched (the earlier call's seeding).
    let profile_search_fails = profile_search_fails(&config, args)?;
    let profile = caller_profile(&config, args)?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("could not start the async runtime for the Lambda step")?;
    let number = (!args.no_caller_id).then(|| args.number.clone());
    let backend = runtime.block_on(backend(&config, args))?;
    let earlier = (args.returning || args.returning_chose.is_some()).then_some(EarlierCall {
        chose: args.returning_chose.map(usize::from),
    });
    if let (Some(earlier), Some(number)) = (earlier, number.as_deref()) {
        runtime.block_on(seed_earlier_call(&backend, &config, number, earlier));
    }
    let scenario = Scenario {
        number,
        presses: args.press.clone(),
        lambda_fails: args.lambda_fails,
        connect_fails_at: None,
        lambda_breaks_contract: None,
        profile,
        lambda_breaks_answer: 0,
        profile_search_fails,
    };
    let transcript = simulate(&config, &scenario, &backend, &runtime)?;
    print!("{transcript}");
    if earlier.is_some() && config.recall == contract::Recall::Nothing {
        println!(
            "(the earlier call is on record, but returning_callers.recall is none, so the caller is told nothing of it; try --recall welcome or --recall last_call)"
        );
    }
    if let Some(path) = &args.wav {
        wav::speak_to_file(&transcript.heard(), path)
            .with_context(|| format!("writing {}", path.display()))?;
        println!("caller's side written to {}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}

/// The store the CLI flags and environment ask for.
async fn backend(config: &Config, args: &crate::cli::CallArgs) -> anyhow::Result<Backend> {
    if args.dynamodb_down {
        return Ok(Backend::Unavailable);
    }
    let endpoint = ENDPOINT_VARS
        .iter()
        .find_map(|var| std::env::var(var).ok().filter(|v| !v.trim().is_empty()));
    match endpoint {
        None => Ok(Backend::Memory(MemoryStore::default())),
        Some(endpoint) => dynamo_backend(config, endpoint).await,
    }
}

/// The handler's DynamoDB store, pointed at `endpoint` by the SDK's own endpoint variables.
#[cfg(feature = "aws")]
async fn dynamo_backend(config: &Config, endpoint: String) -> anyhow::Result<Backend> {
    let sdk_config = aws_setup::loader_for_stack(&config.region).load().await;
    let store = call_handler::store::DynamoStore::new(
        aws_sdk_dynamodb::Client::new(&sdk_config),
        config.table.name.clone(),
    );
    Ok(Backend::Dynamo { store, endpoint })
}

/// Without the SDK a local DynamoDB cannot be reached: say so rather than silently
/// simulating with memory when the caller asked for a table.
#[cfg(not(feature = "aws"))]
async fn dynamo_backend(_config: &Config, endpoint: String) -> anyhow::Result<Backend> {
    Err(crate::error::BadInput(format!(
        "AWS_ENDPOINT_URL is set ({endpoint}), but this build has no DynamoDB client: run `cargo run --features aws -- call ...`, or unset AWS_ENDPOINT_URL to simulate with memory"
    ))
    .into())
}

/// Makes `earlier` happen in `backend`'s store: a lookup from `number` a day ago, then the
/// choice, both answered by the same handler code the simulated call uses. A store that is
/// down keeps nothing, as in production.
pub async fn seed_earlier_call(
    backend: &Backend,
    config: &Config,
    number: &str,
    earlier: EarlierCall,
) {
    let contact = Contact {
        caller: Some(number.to_string()),
        ..Contact::default()
    };
    let contact_id = contact_id();
    let at = SystemTime::now() - Duration::from_secs(24 * 60 * 60);
    let settings = handler_settings(config);
    let mut events = vec![lambda::connect_event(
        &contact_id,
        &contact,
        &Default::default(),
    )];
    if let Some(rank) = earlier.chose {
        let parameters = [
            (
                contract::ACTION.to_string(),
                Invocation::Choose.as_str().to_string(),
            ),
            (contract::CHOICE.to_string(), rank.to_string()),
        ]
        .into_iter()
        .collect();
        events.push(lambda::connect_event(&contact_id, &contact, &parameters));
    }
    for event in events {
        match backend {
            Backend::Memory(store) => call_handler::handle(&event, store, &settings, at).await,
            #[cfg(feature = "aws")]
            Backend::Dynamo { store, .. } => {
                call_handler::handle(&event, store, &settings, at).await
            }
            Backend::Unavailable => {
                call_handler::handle(&event, &UnavailableStore, &settings, at).await
            }
        };
    }
}

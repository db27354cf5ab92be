//! `results.allow_categories` end to end: the config's list reaches the rendered Lambda
//! environment in the form the call-handler parses back to the same set, the default renders
//! no variable at all, and a simulated call hears a word of an allowed category only when the
//! config allows it.

use call_handler::settings::{Settings, ENV_ALLOW_CATEGORIES, ENV_TABLE_NAME};
use call_handler::store::MemoryStore;
use connect_vanity::config::{self, Config};
use connect_vanity::render::render_files;
use connect_vanity::simulate::lambda::Backend;
use connect_vanity::simulate::{simulate, Scenario};
use vanity_engine::{Allowed, Category};

const DEFAULT: &str = include_str!("../vanity.yaml");

fn config_allowing(list: &str) -> Config {
    let text = DEFAULT.replacen(
        "  # allow_categories: [violence]",
        &format!("  allow_categories: {list}"),
        1,
    );
    assert_ne!(
        text, DEFAULT,
        "vanity.yaml lost its allow_categories comment"
    );
    config::load_str(&text, "vanity.yaml").unwrap_or_else(|error| panic!("{list}: {error}"))
}

/// The value the rendered lambda.tf gives `var`, unquoted, if it sets it.
fn rendered_env(config: &Config, var: &str) -> Option<String> {
    let files = render_files(config).unwrap_or_else(|error| panic!("render: {error:#}"));
    let lambda = files
        .into_iter()
        .find(|(name, _)| *name == "lambda.tf")
        .map(|(_, text)| text)
        .unwrap_or_default();
    lambda.lines().find_map(|line| {
        let (name, value) = line.split_once('=')?;
        (name.trim() == var).then(|| value.trim().trim_matches('"').to_string())
    })
}

#[test]
fn the_list_reaches_the_lambda_as_the_same_set() {
    assert_eq!(
        rendered_env(
            &config::load_str(DEFAULT, "vanity.yaml").unwrap(),
            ENV_ALLOW_CATEGORIES
        ),
        None,
        "the default blocks every category and renders no variable"
    );
    let cases = [
        ("[violence]", Allowed::of([Category::Violence])),
        (
            "[drugs, violence, drugs]",
            Allowed::of([Category::Violence, Category::Drugs]),
        ),
        ("[]", Allowed::NONE),
    ];
    for (list, expected) in cases {
        let config = config_allowing(list);
        assert_eq!(config.results.allowed, expected, "{list}");
        let value = rendered_env(&config, ENV_ALLOW_CATEGORIES);
        assert_eq!(value.is_some(), expected != Allowed::NONE, "{list}");
        let parsed = Settings::from_lookup(|name| match name {
            ENV_TABLE_NAME => Some("calls".to_string()),
            ENV_ALLOW_CATEGORIES => value.clone(),
            _ => None,
        });
        assert_eq!(parsed.map(|s| s.allowed), Ok(expected), "{list}");
    }
}

#[test]
fn a_caller_hears_an_allowed_word_and_only_then() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap_or_else(|error| panic!("runtime: {error}"));
    // 1-206-932-7667 spells WEAPONS, a violence word.
    let scenario = Scenario {
        number: Some("+12069327667".into()),
        presses: String::new(),
        lambda_fails: false,
        connect_fails_at: None,
        lambda_breaks_contract: None,
        profile: None,
        lambda_breaks_answer: 0,
        profile_search_fails: Default::default(),
    };
    let hears_weapons = |config: &Config| {
        let backend = Backend::Memory(MemoryStore::default());
        let transcript = simulate(config, &scenario, &backend, &runtime)
            .unwrap_or_else(|error| panic!("simulate: {error}"));
        transcript
            .heard()
            .iter()
            .any(|said| said.contains("weapons"))
    };
    let default = config::load_str(DEFAULT, "vanity.yaml").unwrap();
    assert!(!hears_weapons(&default), "violence is blocked by default");
    assert!(hears_weapons(&config_allowing("[violence]")));
}

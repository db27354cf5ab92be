//! What the flow says from the caller's Customer Profiles profile, only when the owner turned
//! it on (`caller_profiles.greet_by_first_name`, `say_why`): right after the lookup, the
//! greeting by first name (`wording.greeting_name`) and why the first result comes first
//! (`wording.why`), each only when the lookup's answer says there is one (`greet`,
//! `say_why`). With both off, or profiles off, nothing here is added and the flow is exactly
//! what it is without them.
//!
//! With profiles on (whatever the options), each choice also passes back the lookup's answer
//! `favoured` ([`choice_attributes`]), so the choice reads the pressed rank in the order the
//! caller heard.

use vanity_engine::contract;

use super::builder::{external, Builder};
use super::ssml;
use crate::config::Config;

pub const CHECK_GREETING_NAME: &str = "check-greeting-name";
pub const SAY_GREETING_NAME: &str = "say-greeting-name";
pub const CHECK_WHY: &str = "check-why";
pub const SAY_WHY: &str = "say-why";

/// Adds the steps `config` turns on between the lookup and `next`; returns where the lookup
/// goes: the first of them, or `next` when there are none.
pub(super) fn after_lookup(
    builder: &mut Builder,
    config: &Config,
    next: &'static str,
) -> &'static str {
    let profiles = &config.caller_profiles;
    let on = profiles.domain.is_some();
    let greet = on && profiles.greet_by_first_name;
    let why = on && profiles.say_why;
    let after_greeting = if why { CHECK_WHY } else { next };
    if why {
        let said = config
            .wording
            .why
            .fill(ssml::escape, &[("word", &external(contract::WHY))]);
        builder.if_true(
            (3, 3),
            CHECK_WHY,
            &external(contract::SAY_WHY),
            SAY_WHY,
            next,
        );
        builder.say_ssml((3, 4), SAY_WHY, ssml::speak(&said), next);
    }
    if greet {
        let said = config.wording.greeting_name.fill(
            ssml::escape,
            &[("name", &external(contract::GREETING_NAME))],
        );
        builder.if_true(
            (3, 1),
            CHECK_GREETING_NAME,
            &external(contract::GREET),
            SAY_GREETING_NAME,
            after_greeting,
        );
        builder.say_ssml(
            (3, 2),
            SAY_GREETING_NAME,
            ssml::speak(&said),
            after_greeting,
        );
        return CHECK_GREETING_NAME;
    }
    after_greeting
}

/// The invocation attributes each save-choice passes besides `action` and `choice`: with
/// profiles on, `favoured` = `$.External.favoured`, the lookup's answer on whether the order
/// the caller heard used their profile's words; none with profiles off (the flow is byte for
/// byte what it is without profiles).
///
/// `$.External` still holds the lookup's answer at every save-choice: between the lookup and a
/// choice the flow only compares and speaks (the profile steps above, the welcome back, the
/// results and the menus), and the one other Lambda call, the lookup of another number the
/// caller keyed in, leads to no menu that keeps a result (`another.rs`). The lint's contract
/// check enforces it: a `$.External` key read where another invocation may have answered last
/// is reported (`flow::contract_check`). An invocation attribute's value may be a path read at
/// run time: "A map of additional data to send to the AWS Lambda function when invoking it.
/// Keys and values may be set statically or dynamically."
/// (https://docs.aws.amazon.com/connect/latest/APIReference/interactions-invokelambdafunction.html,
/// docs/aws-contracts.md F14).
pub(super) fn choice_attributes(config: &Config) -> Vec<(&'static str, String)> {
    if config.caller_profiles.domain.is_none() {
        return Vec::new();
    }
    vec![(contract::FAVOURED, external(contract::FAVOURED))]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(greet: bool, why: bool, mode: &str) -> Config {
        crate::config::profiles::example_with_profiles(mode, greet, why)
    }

    /// Each combination lints clean (every key the lookup returns is read, nothing read that
    /// it does not return) and has exactly the steps it turns on.
    #[test]
    fn the_steps_follow_the_options_and_lint_clean() {
        for mode in ["existing", "none"] {
            for (greet, why) in [(false, false), (true, false), (false, true), (true, true)] {
                let config = config(greet, why, mode);
                let json = crate::flow::render_json(&config);
                let problems = crate::flow::lint_json(&json, &config);
                assert!(problems.is_empty(), "{mode} {greet} {why}: {problems:?}");
                let on = mode != "none";
                assert_eq!(
                    json.contains(SAY_GREETING_NAME),
                    on && greet,
                    "{mode} {greet}"
                );
                assert_eq!(json.contains(SAY_WHY), on && why, "{mode} {why}");
            }
        }
    }

    /// With profiles on, every choice passes the lookup's `favoured` back, and the lint
    /// accepts it; with profiles off, no attribute names it. A flow that reads it where the
    /// lookup of another number may have answered last is refused.
    #[test]
    fn every_choice_passes_favoured_back_only_with_profiles_on() {
        let passed = format!(
            "\"{}\": \"$.External.{}\"",
            contract::FAVOURED,
            contract::FAVOURED
        );
        for mode in ["existing", "none"] {
            let config = config(false, false, mode);
            let json = crate::flow::render_json(&config);
            let store = config.results.store;
            let expected = if mode == "none" { 0 } else { store };
            assert_eq!(json.matches(&passed).count(), expected, "{mode}");
            assert_eq!(json.contains(contract::FAVOURED), mode != "none", "{mode}");
            assert!(crate::flow::lint_json(&json, &config).is_empty(), "{mode}");
        }
        // The lint is what keeps `$.External` the lookup's answer at a choice.
        let config = config(false, false, "existing");
        // Every lookup of another number passes it too: the second one may follow the first.
        let json = crate::flow::render_json(&config).replace(
            "\"number\": \"$.StoredCustomerInput\"",
            &format!("\"number\": \"$.StoredCustomerInput\", {passed}"),
        );
        let problems = crate::flow::lint_json(&json, &config);
        assert!(
            problems.iter().any(|p| p.contains(contract::FAVOURED)),
            "{problems:?}"
        );
    }
}

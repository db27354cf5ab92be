//! What the flow says from the caller's Customer Profiles profile, only when the owner turned
//! it on (`caller_profiles.greet_by_first_name`, `say_why`): right after the lookup, the
//! greeting by first name (`wording.greeting_name`) and why the first result comes first
//! (`wording.why`), each only when the lookup's answer says there is one (`greet`,
//! `say_why`). With both off, or profiles off, nothing here is added and the flow is exactly
//! what it is without them.

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

#[cfg(test)]
mod tests {
    use super::*;

    fn config(greet: bool, why: bool, mode: &str) -> Config {
        let yaml = format!(
            "name: line\nregion: us-east-1\nconnect:\n  instance:\n    mode: create\n\
             caller_profiles:\n  mode: {mode}\n  domain_name: shop\n\
             \x20 greet_by_first_name: {greet}\n  say_why: {why}\n"
        );
        crate::config::load_str(&yaml, "vanity.yaml").unwrap_or_else(|e| panic!("{e}"))
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
}

//! docs/flow.md's table of the Lambda's answer names exactly the keys the contract defines,
//! and every `$.External.key` the page mentions is one of them: the page cannot drift from the
//! code (issue 26: it once said results were read from `spokenN` after the flow read `restN`).

use std::collections::BTreeSet;

use vanity_engine::contract::{self, Invocation, MAX_RESULTS};

fn flow_doc() -> String {
    std::fs::read_to_string(test_support::repo_root().join("docs/flow.md")).expect("docs/flow.md")
}

/// `restN` on the page stands for `rest1` .. `rest<MAX_RESULTS>`.
fn expand(key: &str) -> Vec<String> {
    match key.strip_suffix('N') {
        Some(stem) if key == "restN" => (1..=MAX_RESULTS).map(|n| format!("{stem}{n}")).collect(),
        _ => vec![key.to_string()],
    }
}

/// (action, key) for every row of the table under "## The Lambda's answer".
fn documented_keys(doc: &str) -> BTreeSet<(String, String)> {
    let section = doc
        .split("## The Lambda's answer")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .expect("docs/flow.md has a section \"The Lambda's answer\"");
    let mut keys = BTreeSet::new();
    for row in section.lines().filter(|line| line.starts_with("| ")) {
        let cells: Vec<&str> = row.split('|').map(str::trim).collect();
        let (action, key) = (cells[1], cells[2].trim_matches('`'));
        if action == "Action" || action.starts_with("---") {
            continue;
        }
        for key in expand(key) {
            keys.insert((action.to_string(), key));
        }
    }
    keys
}

fn contract_keys() -> BTreeSet<(String, String)> {
    Invocation::ALL
        .iter()
        .flat_map(|invocation| {
            invocation
                .returned_keys(MAX_RESULTS)
                .into_iter()
                .map(|key| (invocation.as_str().to_string(), key))
        })
        .collect()
}

#[test]
fn the_documented_answer_is_the_contract() {
    let documented = documented_keys(&flow_doc());
    let contract = contract_keys();
    let missing: Vec<_> = contract.difference(&documented).collect();
    let extra: Vec<_> = documented.difference(&contract).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "docs/flow.md, \"The Lambda's answer\": keys the contract returns but the table lacks: {missing:?}; rows the contract does not return: {extra:?}"
    );
}

#[test]
fn every_external_key_the_page_mentions_is_returned() {
    // The lookup's Customer Profiles keys count too: the page explains them in their own
    // section, and the Lambda returns them when `caller_profiles` turns them on.
    let returned: BTreeSet<String> = contract_keys()
        .into_iter()
        .map(|(_, key)| key)
        .chain(contract::profile_keys(true, true, true))
        .collect();
    let doc = flow_doc();
    let mut unknown = Vec::new();
    for (at, _) in doc.match_indices("$.External.") {
        let key: String = doc[at + "$.External.".len()..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        // The page's placeholder for "some key" when it explains paths in general.
        let placeholder = key.eq_ignore_ascii_case("key");
        if !placeholder && !expand(&key).iter().all(|k| returned.contains(k)) {
            unknown.push(key);
        }
    }
    assert!(
        unknown.is_empty(),
        "docs/flow.md reads keys the Lambda never returns: {unknown:?}"
    );
}

#[test]
fn the_table_reader_sees_a_drifted_row() {
    let drifted = flow_doc().replace("| lookup | `restN` |", "| lookup | `spokenN` |");
    assert_ne!(documented_keys(&drifted), contract_keys());
}

//! One case per documented rule, each citing the page it comes from (all under
//! <https://docs.aws.amazon.com/connect/latest/APIReference/>). A rule is broken either where
//! serde refuses the document (an unknown key or value) or where the checker does.

use serde_json::{json, Value};

use super::*;

/// The smallest valid document in this project's shapes: the opening TestInitiated with a
/// mocked Lambda, one prompt with a key press, one that ends the test
/// (testing-language-example.html).
fn valid() -> Value {
    json!({
        "Version": VERSIONS[0],
        "Metadata": {"Generator": "test", "Scenario": "choose-1", "Description": "d",
                     "SourcePhoneNumber": "+12065550100", "Lambda": "mocked"},
        "Observations": [
            {"Identifier": "start",
             "Event": {"Identifier": "start-event", "Type": "TestInitiated", "Actor": "System", "Properties": {}},
             "Actions": [{"Identifier": "mock", "Type": "OverrideSystemBehavior",
                "Parameters": {"ActionType": "OverrideSystemBehavior", "Behavior": {"Type": "FlowAction", "Properties": {
                    "ActionType": "InvokeLambdaFunction",
                    "ActionParameters": {"LambdaFunctionARN": "arn:aws:lambda:us-east-1:111122223333:function:f"},
                    "Strategy": {"Type": "MockResponse", "Response": {"Type": "ExecutionResult",
                        "ExecutionResult": {"DelaySeconds": 0, "LoadedData": "{\"status\":\"OK\"}"}}}}}},
                "Transitions": {"NextAction": ""}}],
             "Transitions": {"NextObservations": ["menu"]}},
            {"Identifier": "menu",
             "Event": {"Identifier": "menu-event", "Type": "MessageReceived", "Actor": "System",
                "Properties": {"Text": "To keep one, press its number.", "MatchingCriteria": {"Type": "Similarity"}}},
             "Actions": [{"Identifier": "press", "Type": "SendInstruction",
                "Parameters": {"ActionType": "SendInstruction", "Actor": "Customer",
                    "Instruction": {"Type": "DtmfInput", "Properties": {"Value": "1"}}},
                "Transitions": {"NextAction": "check"}},
                {"Identifier": "check", "Type": "Assert",
                 "Parameters": {"Namespace": "$.Attributes.choice", "Operator": "Equals", "Operand": "1"},
                 "Transitions": {"NextAction": ""}}],
             "Transitions": {"NextObservations": ["bye"]}},
            {"Identifier": "bye",
             "Event": {"Identifier": "bye-event", "Type": "MessageReceived", "Actor": "System",
                "Properties": {"Text": "Goodbye.", "MatchingCriteria": {"Type": "Inclusion"}}},
             "Actions": [{"Identifier": "end", "Type": "TestControl",
                "Parameters": {"ActionType": "TestControl", "Command": {"Type": "EndTest"}},
                "Transitions": {"NextAction": ""}}],
             "Transitions": {"NextObservations": []}}
        ]
    })
}

/// Every problem with `document`: serde's refusal, or the checker's findings.
fn problems(document: &Value) -> Vec<String> {
    match read(&document.to_string()) {
        Ok(_) => Vec::new(),
        Err(problems) => problems,
    }
}

#[test]
fn the_documented_shapes_pass_with_either_version() {
    for version in VERSIONS {
        let mut document = valid();
        document["Version"] = json!(version);
        assert_eq!(problems(&document), Vec::<String>::new(), "{version}");
    }
}

#[test]
fn a_document_reads_back_as_it_was_written() {
    let document = read(&valid().to_string()).expect("valid");
    let again = read(&document.to_json()).expect("its own JSON is valid");
    assert_eq!(again, document);
}

/// (page, what is changed, a fragment of the problem it must cause)
type Mutation = (&'static str, fn(&mut Value), &'static str);

#[test]
fn each_documented_rule_rejects_what_breaks_it() {
    let cases: Vec<Mutation> = vec![
        ("testing-language-observations.html: Version", |d| d["Version"] = json!("2020-01-01"), "Version: must be one of"),
        ("testing-language-observations.html: Observations", |d| d["Observations"] = json!([]), "non-empty array"),
        ("testing-language-observations.html: Identifier unique", |d| d["Observations"][2]["Identifier"] = json!("menu"), "unique"),
        ("testing-language-observations.html: Transitions.NextObservations", |d| d["Observations"][0]["Transitions"]["NextObservations"] = json!(["nowhere"]), "no such observation"),
        ("testing-language-observations.html: a chain, not a loop", |d| d["Observations"][2]["Transitions"]["NextObservations"] = json!(["menu"]), "loop back"),
        ("testing-language-events-test-initiated.html", |d| d["Observations"][0]["Event"]["Type"] = json!("MessageReceived"), "must be TestInitiated"),
        ("testing-language-events-message-received.html: Actor", |d| d["Observations"][1]["Event"]["Actor"] = json!("Customer"), "Actor must be \"System\""),
        ("testing-language-observations.html: event types", |d| d["Observations"][1]["Event"]["Type"] = json!("PromptPlayed"), "unknown variant `PromptPlayed`"),
        ("testing-language-events-message-received.html: one content", |d| d["Observations"][1]["Event"]["Properties"]["SSML"] = json!("<speak/>"), "exactly one of"),
        ("testing-language-events-message-received.html: MatchingCriteria", |d| d["Observations"][1]["Event"]["Properties"]["MatchingCriteria"] = json!("Similarity"), "expected struct MatchingCriteria"),
        ("testing-language-events-message-received.html: matching types", |d| d["Observations"][1]["Event"]["Properties"]["MatchingCriteria"]["Type"] = json!("Exact"), "unknown variant `Exact`"),
        ("testing-language-events-message-received.html: a misspelt key", |d| {
            let properties = &mut d["Observations"][1]["Event"]["Properties"];
            properties["Matchingcriteria"] = properties["MatchingCriteria"].take();
            properties.as_object_mut().expect("object").remove("MatchingCriteria");
        }, "unknown field `Matchingcriteria`"),
        ("testing-language-actions-send-instruction.html: Actor", |d| d["Observations"][1]["Actions"][0]["Parameters"]["Actor"] = json!("System"), "Actor must be \"Customer\""),
        ("testing-language-actions-send-instruction.html: DtmfInput", |d| d["Observations"][1]["Actions"][0]["Parameters"]["Instruction"]["Properties"]["Value"] = json!("A"), "digits, * or #"),
        ("testing-language-actions-send-instruction.html: ActionType", |d| d["Observations"][1]["Actions"][0]["Parameters"]["ActionType"] = json!("Assert"), "Parameters.ActionType must be"),
        ("testing-language-actions-assertion.html: no ActionType", |d| d["Observations"][1]["Actions"][1]["Parameters"]["ActionType"] = json!("Assert"), "unknown field `ActionType`"),
        ("testing-language-actions-assertion.html: operators", |d| d["Observations"][1]["Actions"][1]["Parameters"]["Operator"] = json!("Contains"), "Operator"),
        ("testing-language-actions-assertion.html: operand", |d| {
            d["Observations"][1]["Actions"][1]["Parameters"].as_object_mut().expect("object").remove("Operand");
        }, "Operand is required"),
        ("testing-language-actions-override-system-behavior.html: error values", |d| {
            d["Observations"][0]["Actions"][0]["Parameters"]["Behavior"]["Properties"]["Strategy"]["Response"] =
                json!({"Type": "Error", "Error": {"DelaySeconds": 0, "Value": "Timeout"}})
        }, "is not one of [\"TimeLimitExceeded\", \"NoMatchingError\"]"),
        ("testing-language-actions-override-system-behavior.html: LoadedData is JSON", |d| {
            d["Observations"][0]["Actions"][0]["Parameters"]["Behavior"]["Properties"]["Strategy"]["Response"]["ExecutionResult"]["LoadedData"] = json!("status=OK")
        }, "LoadedData is not a JSON object"),
        ("testing-language-actions-override-system-behavior.html: flow actions", |d| {
            d["Observations"][0]["Actions"][0]["Parameters"]["Behavior"]["Properties"]["ActionType"] = json!("MessageParticipant")
        }, "Behavior must be a FlowAction"),
        ("testing-language-actions-override-system-behavior.html: Lambda ARN", |d| {
            d["Observations"][0]["Actions"][0]["Parameters"]["Behavior"]["Properties"]["ActionParameters"] = json!({})
        }, "LambdaFunctionARN"),
        ("testing-language-actions-test-control.html: commands", |d| d["Observations"][2]["Actions"][0]["Parameters"]["Command"]["Type"] = json!("Stop"), "unknown variant `Stop`"),
        ("testing-language-actions-test-control.html: EndTest (admin guide: unmatched tests time out after 5 minutes)", |d| d["Observations"][2]["Actions"] = json!([]), "EndTest"),
        ("testing-language-observations.html: action Transitions.NextAction", |d| d["Observations"][1]["Actions"][0]["Transitions"]["NextAction"] = json!("elsewhere"), "NextAction"),
    ];
    for (page, mutate, fragment) in cases {
        let mut document = valid();
        mutate(&mut document);
        let problems = problems(&document);
        assert!(
            problems.iter().any(|p| p.contains(fragment)),
            "{page}: expected a problem containing {fragment:?}, got {problems:?}"
        );
    }
}

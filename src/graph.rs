//! `connect-vanity graph`: the flow as a Mermaid or DOT diagram.
//!
//! Draws the rendered flow JSON (the same bytes `render` writes), one node per action and one
//! edge per distinct target, labelled with the condition or error that leads there. Shapes say
//! what an action does: decisions are diamonds, the keypad menu a hexagon, the Lambda a
//! subroutine, the hang-up a stadium. Nothing here knows the vanity flow's design.

use std::path::Path;
use std::process::ExitCode;

use crate::cli::GraphFormat;
use crate::flow::model::{Action, Flow};

pub fn run(config: &Path, format: GraphFormat) -> anyhow::Result<ExitCode> {
    let config = crate::config::load_file(config)?;
    let flow = crate::flow::parse(&crate::flow::render_json(&config))?;
    let diagram = match format {
        GraphFormat::Mermaid => mermaid(&flow),
        GraphFormat::Dot => dot(&flow),
    };
    print!("{diagram}");
    Ok(ExitCode::SUCCESS)
}

/// One arrow: where from, where to, and why (empty for the plain next step).
#[derive(Debug, Clone, PartialEq)]
struct Edge<'a> {
    from: &'a str,
    to: &'a str,
    label: String,
    /// Every reason for this edge is an error branch: drawn dashed, off the happy path.
    error: bool,
}

/// Every arrow of `flow`, one per (from, to) pair with its reasons joined, in JSON order.
fn edges(flow: &Flow) -> Vec<Edge<'_>> {
    let mut edges: Vec<Edge<'_>> = Vec::new();
    for action in &flow.actions {
        let transitions = &action.transitions;
        let mut reasons: Vec<(&str, String, bool)> = Vec::new();
        for branch in &transitions.conditions {
            let operand = branch.condition.operands.join(", ");
            let label = format!("{} {operand}", operator_symbol(&branch.condition.operator));
            reasons.push((&branch.next_action, label, false));
        }
        for branch in &transitions.errors {
            // "No match" on a decision is an ordinary outcome, not a failure.
            let error = branch.error_type != "NoMatchingCondition";
            reasons.push((
                &branch.next_action,
                error_label(&branch.error_type).to_string(),
                error,
            ));
        }
        if let Some(next) = &transitions.next_action {
            reasons.push((next, String::new(), false));
        }
        for (to, reason, error) in reasons {
            match edges
                .iter_mut()
                .find(|e| e.from == action.identifier && e.to == to)
            {
                Some(edge) if reason.is_empty() => edge.error = false,
                Some(edge) => {
                    if !edge.label.is_empty() {
                        edge.label.push_str(" / ");
                    }
                    edge.label.push_str(&reason);
                    edge.error &= error;
                }
                None => edges.push(Edge {
                    from: &action.identifier,
                    to,
                    label: reason,
                    error,
                }),
            }
        }
    }
    edges
}

fn operator_symbol(operator: &str) -> &str {
    match operator {
        "Equals" => "=",
        "NumberGreaterThan" => ">",
        "NumberGreaterOrEqualTo" => ">=",
        "NumberLessThan" => "<",
        "NumberLessOrEqualTo" => "<=",
        "TextStartsWith" => "starts with",
        "TextEndsWith" => "ends with",
        "TextContains" => "contains",
        other => other,
    }
}

fn error_label(error_type: &str) -> &str {
    match error_type {
        "NoMatchingError" => "error",
        "NoMatchingCondition" => "no match",
        "InputTimeLimitExceeded" => "timeout",
        other => other,
    }
}

/// The flow as a Mermaid flowchart (GitHub renders it in Markdown).
pub fn mermaid(flow: &Flow) -> String {
    // Mermaid reads hyphens as arrows, so nodes get positional ids and the identifier as label.
    let node_id = |identifier: &str| {
        flow.actions
            .iter()
            .position(|a| a.identifier == identifier)
            .map_or_else(|| "missing".to_string(), |index| format!("a{index}"))
    };
    let mut out = String::from("flowchart TD\n");
    out.push_str(&format!(
        "    start((start)) --> {}\n",
        node_id(&flow.start_action)
    ));
    for (index, action) in flow.actions.iter().enumerate() {
        let label = mermaid_text(&action.identifier);
        let (open, close) = mermaid_shape(action);
        out.push_str(&format!("    a{index}{open}\"{label}\"{close}\n"));
    }
    for edge in edges(flow) {
        let (from, to) = (node_id(edge.from), node_id(edge.to));
        let arrow = if edge.error { "-.->" } else { "-->" };
        if edge.label.is_empty() {
            out.push_str(&format!("    {from} {arrow} {to}\n"));
        } else {
            out.push_str(&format!(
                "    {from} {arrow}|\"{}\"| {to}\n",
                mermaid_text(&edge.label)
            ));
        }
    }
    out
}

fn mermaid_shape(action: &Action) -> (&'static str, &'static str) {
    match action.kind.as_str() {
        "Compare" => ("{", "}"),
        "GetParticipantInput" => ("{{", "}}"),
        "InvokeLambdaFunction" => ("[[", "]]"),
        "DisconnectParticipant" => ("([", "])"),
        _ => ("[", "]"),
    }
}

/// Text safe inside a quoted Mermaid label.
fn mermaid_text(text: &str) -> String {
    text.replace('"', "#quot;")
        .replace('<', "#lt;")
        .replace('>', "#gt;")
}

/// The flow as Graphviz DOT (`dot -Tsvg` draws it).
pub fn dot(flow: &Flow) -> String {
    let mut out = String::from(
        "digraph flow {\n    rankdir=TB;\n    node [shape=box, fontname=\"Helvetica\"];\n",
    );
    out.push_str("    start [shape=circle, label=\"start\"];\n");
    out.push_str(&format!("    start -> {};\n", dot_text(&flow.start_action)));
    for action in &flow.actions {
        let shape = match action.kind.as_str() {
            "Compare" => "diamond",
            "GetParticipantInput" => "hexagon",
            "InvokeLambdaFunction" => "component",
            "DisconnectParticipant" => "oval",
            _ => "box",
        };
        out.push_str(&format!(
            "    {} [shape={shape}];\n",
            dot_text(&action.identifier)
        ));
    }
    for edge in edges(flow) {
        let (from, to) = (dot_text(edge.from), dot_text(edge.to));
        let style = if edge.error { ", style=dashed" } else { "" };
        out.push_str(&format!(
            "    {from} -> {to} [label={}{style}];\n",
            dot_text(&edge.label)
        ));
    }
    out.push_str("}\n");
    out
}

/// A quoted DOT id.
fn dot_text(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flow::model::{ConditionBranch, ErrorType, Operator, Transitions};

    fn action(id: &str, kind: &str, transitions: Transitions) -> Action {
        Action {
            identifier: id.into(),
            kind: kind.into(),
            parameters: Default::default(),
            transitions,
        }
    }

    fn sample() -> Flow {
        let mut check =
            Transitions::with_errors("sorry", &[(ErrorType::NoMatchingCondition, "sorry")]);
        check.conditions = vec![ConditionBranch::new(Operator::Equals, "OK", "bye")];
        Flow {
            version: "2019-10-30".into(),
            start_action: "check".into(),
            metadata: None,
            actions: vec![
                action("check", "Compare", check),
                action(
                    "sorry",
                    "MessageParticipant",
                    Transitions::with_errors("end", &[(ErrorType::NoMatchingError, "bye")]),
                ),
                action("bye", "MessageParticipant", Transitions::to("end")),
                action("end", "DisconnectParticipant", Transitions::default()),
            ],
        }
    }

    #[test]
    fn edges_merge_reasons_per_target() {
        let labels: Vec<(String, String, String, bool)> = edges(&sample())
            .into_iter()
            .map(|e| (e.from.into(), e.to.into(), e.label, e.error))
            .collect();
        let expected = [
            ("check", "bye", "= OK", false),
            ("check", "sorry", "no match", false),
            ("sorry", "bye", "error", true),
            ("sorry", "end", "", false),
            ("bye", "end", "", false),
        ];
        let expected: Vec<(String, String, String, bool)> = expected
            .iter()
            .map(|(a, b, c, d)| (a.to_string(), b.to_string(), c.to_string(), *d))
            .collect();
        assert_eq!(labels, expected);
    }

    #[test]
    fn both_formats_name_every_action_once() {
        let flow = sample();
        let (mermaid, dot) = (mermaid(&flow), dot(&flow));
        for action in &flow.actions {
            // Mermaid names a node once (edges use positional ids); DOT declares it once.
            assert_eq!(
                mermaid
                    .matches(&format!("\"{}\"", action.identifier))
                    .count(),
                1,
                "{mermaid}"
            );
            assert_eq!(
                dot.matches(&format!("\"{}\" [shape=", action.identifier))
                    .count(),
                1,
                "{dot}"
            );
        }
        assert!(mermaid.contains("a0{\"check\"}"));
        assert!(dot.contains("\"check\" -> \"bye\" [label=\"= OK\"];"));
        assert!(dot.contains("\"sorry\" -> \"bye\" [label=\"error\", style=dashed];"));
        assert!(mermaid.contains("a1 -.->|\"error\"| a2"));
    }
}

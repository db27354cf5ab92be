//! Hostile JSON for property tests: arbitrary values whose keys are drawn from the input's own
//! field names (so arbitrary values land where a parser looks), every JSON pointer in a
//! document, and a document with one value removed or replaced. The call-handler's Connect
//! events and phone-link's Terraform inputs are both broken this way.

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::{json, Value};

/// What an [`arbitrary_json`] value is made of.
pub struct Shape {
    /// Field names of the real input, mixed with arbitrary keys.
    pub keys: Vec<&'static str>,
    /// Strings of the input's own kind (phone numbers, action names), beside arbitrary text.
    pub text: BoxedStrategy<Value>,
    /// How deep values nest.
    pub depth: u32,
    /// About how many nodes a value has (proptest's `desired_size`).
    pub size: u32,
    /// Most items in one array.
    pub items: usize,
}

/// Any JSON value of `shape`.
pub fn arbitrary_json(shape: Shape) -> impl Strategy<Value = Value> {
    let key = prop_oneof![
        prop::sample::select(shape.keys).prop_map(str::to_string),
        any::<String>(),
    ];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(|f| json!(f)),
        any::<String>().prop_map(Value::from),
        shape.text,
    ];
    let items = shape.items;
    leaf.prop_recursive(shape.depth, shape.size, 8, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..items).prop_map(Value::from),
            prop::collection::btree_map(key.clone(), inner, 0..8)
                .prop_map(|map| Value::Object(map.into_iter().collect())),
        ]
    })
}

/// Every JSON pointer in `value` (the root excluded), object members and array items alike.
pub fn pointers(value: &Value) -> Vec<String> {
    let mut found = Vec::new();
    collect_pointers(value, "", &mut found);
    found
}

fn collect_pointers(value: &Value, at: &str, into: &mut Vec<String>) {
    let children: Vec<(String, &Value)> = match value {
        Value::Object(map) => map.iter().map(|(k, v)| (k.clone(), v)).collect(),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .map(|(i, v)| (i.to_string(), v))
            .collect(),
        _ => Vec::new(),
    };
    for (key, child) in children {
        let path = format!("{at}/{}", key.replace('~', "~0").replace('/', "~1"));
        into.push(path.clone());
        collect_pointers(child, &path, into);
    }
}

/// `document` with the value at `pointer` removed (`None`) or replaced.
pub fn mutate(document: &Value, pointer: &str, replacement: Option<Value>) -> Value {
    let mut document = document.clone();
    let (parent, last) = pointer.rsplit_once('/').unwrap_or(("", pointer));
    let last = last.replace("~1", "/").replace("~0", "~");
    match (document.pointer_mut(parent), replacement) {
        (Some(Value::Object(map)), None) => {
            map.remove(&last);
        }
        (Some(Value::Object(map)), Some(value)) => {
            map.insert(last, value);
        }
        (Some(Value::Array(items)), replacement) => {
            if let Ok(index) = last.parse::<usize>() {
                match replacement {
                    None if index < items.len() => {
                        items.remove(index);
                    }
                    Some(value) if index < items.len() => items[index] = value,
                    _ => {}
                }
            }
        }
        _ => {}
    }
    document
}

/// One of `documents` with one value, at any pointer, removed or replaced by `replacement`.
pub fn mutated(
    documents: Vec<Value>,
    replacement: impl Strategy<Value = Value>,
) -> impl Strategy<Value = Value> {
    (
        prop::sample::select(documents),
        any::<prop::sample::Index>(),
        prop::option::of(replacement),
    )
        .prop_map(|(document, index, replacement)| {
            let paths = pointers(&document);
            let path = index.get(&paths).clone();
            mutate(&document, &path, replacement)
        })
}

/// A fresh runner for `cases` cases (a runner counts its cases across runs), without failure
/// files in the source tree.
pub fn runner(cases: u32) -> TestRunner {
    TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_reach_every_value_and_mutate_undoes_nothing_else() {
        let document = json!({"a": {"b/c": [1, {"d~": null}]}, "e": "x"});
        let found = pointers(&document);
        assert_eq!(
            found,
            [
                "/a",
                "/a/b~1c",
                "/a/b~1c/0",
                "/a/b~1c/1",
                "/a/b~1c/1/d~0",
                "/e"
            ]
        );
        for pointer in &found {
            assert!(document.pointer(pointer).is_some(), "{pointer}");
        }
        assert_eq!(
            mutate(&document, "/a/b~1c/1/d~0", None),
            json!({"a": {"b/c": [1, {}]}, "e": "x"})
        );
        assert_eq!(
            mutate(&document, "/a/b~1c/0", Some(json!("one"))),
            json!({"a": {"b/c": ["one", {"d~": null}]}, "e": "x"})
        );
        assert_eq!(
            mutate(&document, "/e", None),
            json!({"a": {"b/c": [1, {"d~": null}]}})
        );
    }
}

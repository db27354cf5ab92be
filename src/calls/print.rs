//! How `calls` shows calls: an aligned table for people, or one JSON object per call and line
//! for scripts (`--json`). Unless `--full` asks for them whole, nothing printed reveals more of
//! a caller's number than its last four keypad symbols, the part the call-handler's logs show:
//! the caller is masked as the logs mask it, and so is every stored result and choice, since a
//! result spells the whole number on a keypad (`1-800-FLOWERS` dials +18003569377; masked it
//! reads `*-***-***WERS`, whose letters dial only 9377). A result's speakable form and its
//! words are left out, because they spell the number too. Text from the table reaches a
//! terminal only with control characters escaped, so a hostile item cannot move the cursor or
//! recolour the screen.

use std::io::{self, Write};

use aws_sdk_dynamodb::primitives::{DateTime, DateTimeFormat};
use serde::Serialize;

use super::record::{Call, StoredChoice, StoredResult};

/// Whether callers' numbers are shown whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Numbers {
    Masked,
    Full,
}

impl Numbers {
    /// A caller's number, or anything that spells it on a keypad (a result's display form or
    /// letters, a chosen result): in masked mode every keypad symbol but the last four becomes
    /// `*`, exactly as the call-handler's logs mask a caller.
    fn show(self, spelling: &str) -> String {
        match self {
            Numbers::Masked => call_handler::caller::mask(spelling),
            Numbers::Full => spelling.to_string(),
        }
    }

    /// Text that spells the number in a way the keypad mask cannot cut (the speakable form
    /// says "8 hundred" for 800; a word list loses the positions): shown only with `--full`.
    fn whole<T: ?Sized>(self, value: &T) -> Option<&T> {
        (self == Numbers::Full).then_some(value)
    }
}

/// `2026-11-24T05:12:03Z`, or `None` for a time no calendar can show.
fn rfc3339(epoch_seconds: Option<i64>) -> Option<String> {
    DateTime::from_secs(epoch_seconds?)
        .fmt(DateTimeFormat::DateTime)
        .ok()
}

/// `value` with every control character written as an escape (`\u{1b}`), for a terminal.
fn printable(value: &str) -> String {
    crate::config::load::one_line(value)
}

#[derive(Serialize)]
struct JsonChoice {
    rank: Option<u32>,
    display: Option<String>,
    chosen_at: Option<String>,
}

impl JsonChoice {
    fn new(choice: &StoredChoice, numbers: Numbers) -> Self {
        JsonChoice {
            rank: choice.rank,
            display: choice.display.as_deref().map(|d| numbers.show(d)),
            chosen_at: rfc3339(choice.chosen_at),
        }
    }
}

/// One stored result as printed: masked like the caller unless `--full`.
#[derive(Serialize)]
struct JsonResult<'a> {
    display: String,
    letters: String,
    /// Null in masked mode.
    spoken: Option<&'a str>,
    /// Null in masked mode.
    words: Option<&'a [String]>,
    score: Option<f64>,
}

impl<'a> JsonResult<'a> {
    fn new(result: &'a StoredResult, numbers: Numbers) -> Self {
        JsonResult {
            display: numbers.show(&result.display),
            letters: numbers.show(&result.letters),
            spoken: numbers.whole(result.spoken.as_str()),
            words: numbers.whole(result.words.as_slice()),
            score: result.score,
        }
    }
}

#[derive(Serialize)]
struct JsonCall<'a> {
    called_at: Option<String>,
    caller: String,
    contact_id: &'a str,
    choice: Option<JsonChoice>,
    results: Vec<JsonResult<'a>>,
}

/// The choice column: the number pressed and the result it chose, `-` when none.
fn choice_cell(choice: Option<&StoredChoice>, numbers: Numbers) -> String {
    match choice {
        None => "-".to_string(),
        Some(StoredChoice {
            rank: Some(rank),
            display: Some(display),
            ..
        }) => format!("{rank} ({})", numbers.show(display)),
        Some(StoredChoice {
            rank: Some(rank), ..
        }) => rank.to_string(),
        Some(StoredChoice { display, .. }) => display
            .as_deref()
            .map(|d| numbers.show(d))
            .unwrap_or_else(|| "?".to_string()),
    }
}

/// One JSON object per call and line: `called_at` (RFC 3339, UTC), `caller`, `contact_id`,
/// `choice` (null when none, else `rank`, `display`, `chosen_at`), `results` (`display`,
/// `letters`, `spoken`, `words`, `score`; `spoken` and `words` are null unless `--full`).
pub fn json_lines(calls: &[Call], numbers: Numbers, out: &mut impl Write) -> io::Result<()> {
    for call in calls {
        let line = JsonCall {
            called_at: rfc3339(call.called_at),
            caller: numbers.show(&call.caller),
            contact_id: &call.contact_id,
            choice: call.choice.as_ref().map(|c| JsonChoice::new(c, numbers)),
            results: call
                .results
                .iter()
                .map(|r| JsonResult::new(r, numbers))
                .collect(),
        };
        serde_json::to_writer(&mut *out, &line)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// An aligned table, newest call first, and a line saying how numbers are shown.
pub fn table(calls: &[Call], numbers: Numbers, out: &mut impl Write) -> io::Result<()> {
    let rows: Vec<[String; 4]> = calls
        .iter()
        .map(|call| {
            let time = rfc3339(call.called_at)
                .map(|t| t.trim_end_matches('Z').replacen('T', " ", 1))
                .unwrap_or_else(|| "?".to_string());
            let results = if call.results.is_empty() {
                "(none)".to_string()
            } else {
                call.results
                    .iter()
                    .map(|r| numbers.show(&r.display))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            [
                time,
                printable(&numbers.show(&call.caller)),
                printable(&choice_cell(call.choice.as_ref(), numbers)),
                printable(&results),
            ]
        })
        .collect();
    let header = ["TIME (UTC)", "CALLER", "CHOICE", "RESULTS"].map(str::to_string);
    let widths: Vec<usize> = (0..3)
        .map(|column| {
            std::iter::once(&header)
                .chain(&rows)
                .map(|row| row[column].chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    for row in std::iter::once(&header).chain(&rows) {
        let mut line = String::new();
        for (column, width) in widths.iter().enumerate() {
            let cell = &row[column];
            line.push_str(cell);
            line.push_str(&" ".repeat(width - cell.chars().count() + 2));
        }
        line.push_str(&row[3]);
        writeln!(out, "{}", line.trim_end())?;
    }
    let shown = match numbers {
        Numbers::Masked => {
            "numbers and results show their last four digits (--full shows them whole)"
        }
        Numbers::Full => "numbers shown whole",
    };
    let noun = if calls.len() == 1 { "call" } else { "calls" };
    writeln!(out, "{} {noun}, newest first; {shown}", calls.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A call whose caller pressed `rank` (choosing that result), or nothing.
    fn call(at: i64, caller: &str, rank: Option<u32>, displays: &[&str]) -> Call {
        Call {
            called_at: Some(at),
            caller: caller.to_string(),
            contact_id: format!("c-{at}"),
            choice: rank.map(|rank| StoredChoice {
                rank: Some(rank),
                display: displays.get(rank as usize - 1).map(|d| d.to_string()),
                chosen_at: Some(at + 7),
            }),
            results: displays
                .iter()
                .map(|d| StoredResult {
                    display: d.to_string(),
                    letters: d.rsplit('-').next().unwrap_or_default().to_string(),
                    spoken: "1, 8 hundred, flowers".to_string(),
                    words: vec!["flowers".to_string()],
                    score: Some(0.5),
                })
                .collect(),
        }
    }

    fn text(run: impl FnOnce(&mut Vec<u8>) -> io::Result<()>) -> String {
        let mut out = Vec::new();
        run(&mut out).unwrap_or_else(|error| panic!("writing to a Vec failed: {error}"));
        String::from_utf8_lossy(&out).into_owned()
    }

    #[test]
    fn table_masks_aligns_and_escapes() {
        let calls = [
            call(
                1_800_000_060,
                "+18003569377",
                Some(2),
                &["1-800-FLOWERS", "1-800-FLOW-ERR"],
            ),
            call(1_800_000_000, "+1\u{1b}[2J2065550123", None, &[]),
        ];
        let shown = text(|out| table(&calls, Numbers::Masked, out));
        let expected = "\
TIME (UTC)           CALLER                 CHOICE              RESULTS
2027-01-15 08:01:00  +*******9377           2 (*-***-***W-ERR)  *-***-***WERS, *-***-***W-ERR
2027-01-15 08:00:00  +*\\u{1b}[********0123  -                   (none)
2 calls, newest first; numbers and results show their last four digits (--full shows them whole)
";
        assert_eq!(shown, expected);
        let full = text(|out| table(&calls[..1], Numbers::Full, out));
        assert!(full.contains("  +18003569377  "), "{full}");
        assert!(
            full.contains("2 (1-800-FLOW-ERR)  1-800-FLOWERS, 1-800-FLOW-ERR"),
            "{full}"
        );
        assert!(
            full.ends_with("1 call, newest first; numbers shown whole\n"),
            "{full}"
        );
    }

    #[test]
    fn json_lines_are_one_object_per_call() {
        let calls = [call(
            1_800_000_060,
            "+18003569377",
            None,
            &["1-800-FLOWERS"],
        )];
        let masked = text(|out| json_lines(&calls, Numbers::Masked, out));
        let value: serde_json::Value =
            serde_json::from_str(masked.trim_end()).unwrap_or(serde_json::Value::Null);
        assert_eq!(value["called_at"], "2027-01-15T08:01:00Z");
        assert_eq!(value["caller"], "+*******9377");
        assert_eq!(value["contact_id"], "c-1800000060");
        assert_eq!(value["choice"], serde_json::Value::Null);
        let chose = [call(
            1_800_000_060,
            "+18003569377",
            Some(1),
            &["1-800-FLOWERS"],
        )];
        let line = text(|out| json_lines(&chose, Numbers::Masked, out));
        let value: serde_json::Value =
            serde_json::from_str(line.trim_end()).unwrap_or(serde_json::Value::Null);
        assert_eq!(
            value["choice"],
            serde_json::json!({"rank": 1, "display": "*-***-***WERS", "chosen_at": "2027-01-15T08:01:07Z"})
        );
        assert_eq!(
            value["results"][0],
            serde_json::json!({"display": "*-***-***WERS", "letters": "***WERS", "spoken": null, "words": null, "score": 0.5})
        );
        let whole = text(|out| json_lines(&chose, Numbers::Full, out));
        let value: serde_json::Value =
            serde_json::from_str(whole.trim_end()).unwrap_or(serde_json::Value::Null);
        assert_eq!(value["choice"]["display"], "1-800-FLOWERS");
        assert_eq!(
            value["results"][0],
            serde_json::json!({"display": "1-800-FLOWERS", "letters": "FLOWERS", "spoken": "1, 8 hundred, flowers", "words": ["flowers"], "score": 0.5})
        );
        assert_eq!(masked.lines().count(), 1);
        let full = text(|out| json_lines(&calls, Numbers::Full, out));
        assert!(full.contains("\"caller\":\"+18003569377\""), "{full}");
    }
}

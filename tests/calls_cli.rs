//! `connect-vanity calls` against a real DynamoDB-compatible server (moto on loopback): calls
//! stored by the real call-handler come back newest first from the recent-calls index, masked
//! unless `--full`, as a table or as JSON lines; a missing table, a table in another region, a
//! table without the index, missing or rejected credentials and an unreachable endpoint each
//! give their own clear message and exit code 1; bad arguments exit 2.
//!
//! Masked means that nothing printed gives away more than the last four digits of a caller's
//! number: every printed string is decoded back to digits on a telephone keypad (a result such
//! as `1-800-FLOWERS` dials the whole number) and must hold no five consecutive digits of any
//! caller's number. The same decoding finds the numbers in the `--full` output, so it can fail.

// Talks to DynamoDB through the SDK, which only the `aws` build has.
#![cfg(feature = "aws")]

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, UNIX_EPOCH};

use call_handler::settings::Settings;
use call_handler::store::{CallerStore, Choice, ChoiceOutcome, DynamoStore};
use serde_json::Value;
use test_support::connect::ContactFlowEvent;
use test_support::moto::{client, create_table, create_table_without_recent_index, MotoServer};

/// The table and region in the committed vanity.yaml.
const TABLE: &str = "vanity-line-callers";
const CONFIG: &str = "vanity.yaml";

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap_or_else(|error| panic!("no runtime: {error}"))
}

/// Runs `connect-vanity calls ARGS` with AWS settings pointing at `endpoint` and nothing taken
/// from this machine's own AWS configuration.
fn calls(endpoint: &str, args: &[&str], credentials: bool) -> Output {
    let home = tempfile::tempdir().unwrap_or_else(|error| panic!("temp dir: {error}"));
    let mut command = Command::new(env!("CARGO_BIN_EXE_connect-vanity"));
    command
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .arg("calls")
        .args(args)
        .env("AWS_ENDPOINT_URL", endpoint)
        .env("HOME", home.path())
        .env("AWS_CONFIG_FILE", home.path().join("config"))
        .env(
            "AWS_SHARED_CREDENTIALS_FILE",
            home.path().join("credentials"),
        )
        .env("AWS_EC2_METADATA_DISABLED", "true");
    for var in [
        "AWS_ENDPOINT_URL_DYNAMODB",
        "AWS_PROFILE",
        "AWS_REGION",
        "AWS_DEFAULT_REGION",
        "AWS_SESSION_TOKEN",
        "AWS_WEB_IDENTITY_TOKEN_FILE",
        "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
        "AWS_CONTAINER_CREDENTIALS_FULL_URI",
        "RUST_LOG",
    ] {
        command.env_remove(var);
    }
    if credentials {
        command
            .env("AWS_ACCESS_KEY_ID", "testing")
            .env("AWS_SECRET_ACCESS_KEY", "testing");
    } else {
        command
            .env_remove("AWS_ACCESS_KEY_ID")
            .env_remove("AWS_SECRET_ACCESS_KEY");
    }
    command
        .output()
        .unwrap_or_else(|error| panic!("could not run connect-vanity: {error}"))
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// What the engine finds for `number`: the stored results must be exactly these.
fn engine(number: &str) -> Vec<String> {
    vanity_engine::vanity_numbers(number, 5)
        .unwrap_or_default()
        .into_iter()
        .map(|v| v.display)
        .collect()
}

/// Calls in the order they were made: (contact id, number, hours before [`NOW`]).
const SEEDED: [(&str, &str, u64); 4] = [
    ("c-oldest", "+12062279274", 4),
    ("c-second", "+18003569377", 3),
    ("c-third", "+13125557464", 2),
    ("c-newest", "+18003569377", 1),
];

/// A fixed clock (2027-01-15 08:00:00 UTC), so every printed time, and so every string the
/// keypad check below decodes, is the same on every run.
const NOW: u64 = 1_800_000_000;

/// The keypad digit a symbol dials (ITU E.161: 2 ABC ... 9 WXYZ), `None` for anything else.
fn keypad(c: char) -> Option<char> {
    const KEYS: [&str; 10] = [
        "0", "1", "ABC", "DEF", "GHI", "JKL", "MNO", "PQRS", "TUV", "WXYZ",
    ];
    if c.is_ascii_digit() {
        return Some(c);
    }
    let upper = c.to_ascii_uppercase();
    KEYS.iter()
        .position(|key| key.contains(upper))
        .and_then(|digit| char::from_digit(digit as u32, 10))
}

/// What a reader can dial from `text`: letters and digits become keypad digits, punctuation and
/// spaces are dropped (they only group the digits: `1-800-FLOWERS`), and a mask symbol or any
/// other character breaks the run, since it stands for digits the reader does not know.
fn dialled(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '*' => Some('|'),
            c if c.is_ascii_punctuation() || c.is_whitespace() => None,
            c => Some(keypad(c).unwrap_or('|')),
        })
        .collect()
}

/// The first five or more consecutive digits of a seeded caller's number that `text` dials.
fn recovered(text: &str) -> Option<String> {
    let dialled = dialled(text);
    SEEDED.iter().find_map(|(_, number, _)| {
        let digits: Vec<char> = number.chars().filter(char::is_ascii_digit).collect();
        digits
            .windows(5)
            .map(|run| run.iter().collect::<String>())
            .find(|run| dialled.contains(run.as_str()))
            .map(|run| format!("{run} of {number}"))
    })
}

/// Every string and number in a JSON value (object keys are the format's, not data).
fn json_scalars(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::String(text) => out.push(text.clone()),
        Value::Number(number) => out.push(number.to_string()),
        Value::Array(items) => items.iter().for_each(|item| json_scalars(item, out)),
        Value::Object(map) => map.values().for_each(|item| json_scalars(item, out)),
        Value::Null | Value::Bool(_) => {}
    }
}

/// What `calls` printed, as the strings a reader sees: each table cell of each call row (cells
/// are at least two spaces apart), each word of the header and summary lines (fixed wording),
/// and each JSON string and number.
fn printed_strings(output: &str) -> Vec<String> {
    let mut strings = Vec::new();
    let lines: Vec<&str> = output.lines().collect();
    for (at, line) in lines.iter().enumerate() {
        if let Ok(value) = serde_json::from_str::<Value>(line) {
            json_scalars(&value, &mut strings);
        } else if at == 0 || at + 1 == lines.len() {
            strings.extend(line.split_whitespace().map(str::to_string));
        } else {
            strings.extend(
                line.split("  ")
                    .map(str::trim)
                    .filter(|c| !c.is_empty())
                    .map(str::to_string),
            );
        }
    }
    strings
}

/// Stores the seeded calls through the real handler, and the choice of one caller as the
/// menu would record it.
fn seed(endpoint: &str) {
    let runtime = runtime();
    let dynamodb = client(endpoint);
    runtime.block_on(async {
        create_table(&dynamodb, TABLE).await;
        let store = DynamoStore::new(dynamodb.clone(), TABLE.to_string());
        let settings = Settings {
            record_ttl_days: 90,
            ..Settings::example(TABLE, Duration::from_secs(5))
        };
        let now = UNIX_EPOCH + Duration::from_secs(NOW);
        for (contact_id, number, hours) in SEEDED {
            let at = now - Duration::from_secs(hours * 3600);
            call_handler::handle(
                &ContactFlowEvent::new(contact_id, number).build(),
                &store,
                &settings,
                at,
            )
            .await;
        }
        // The third caller presses 2 at the menu: the handler's own store keeps the choice.
        let second = vanity_engine::vanity_numbers("+13125557464", 5)
            .unwrap_or_default()
            .swap_remove(1);
        let choice = Choice {
            caller: "+13125557464".to_string(),
            contact_id: "c-third".to_string(),
            rank: 2,
            display: second.display,
            spoken: second.spoken,
            at: now - Duration::from_secs(2 * 3600 - 20),
        };
        let kept = store
            .keep_choice(&choice)
            .await
            .unwrap_or_else(|error| panic!("record a choice: {error}"));
        assert_eq!(kept, ChoiceOutcome::Kept);
    });
}

/// The engine's results for `number` as the masked view shows them: each keypad symbol but the
/// last four replaced by `*` (`1-800-FLOWERS` is `*-***-***WERS`).
fn masked(results: &[String]) -> Vec<String> {
    results
        .iter()
        .map(|r| call_handler::caller::mask(r))
        .collect()
}

#[test]
fn lists_stored_calls_newest_first_masked_unless_full() {
    let moto = MotoServer::start();
    seed(&moto.endpoint);

    // People: a table, newest first, numbers and results masked.
    let output = calls(&moto.endpoint, &["--last", "3"], true);
    let text = stdout(&output);
    assert!(output.status.success(), "{text}\n{}", stderr(&output));
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 5, "header, three calls, summary:\n{text}");
    assert!(lines[0].starts_with("TIME (UTC)"), "{text}");
    let chosen = format!("2 ({})", masked(&engine("+13125557464"))[1]);
    let expected = [
        ("+*******9377", "-", masked(&engine("+18003569377"))),
        (
            "+*******7464",
            chosen.as_str(),
            masked(&engine("+13125557464")),
        ),
        ("+*******9377", "-", masked(&engine("+18003569377"))),
    ];
    for (line, (caller, choice, results)) in lines[1..4].iter().zip(&expected) {
        let columns: Vec<&str> = line.split("  ").filter(|c| !c.is_empty()).collect();
        assert_eq!(columns[1].trim(), *caller, "{line}");
        assert_eq!(columns[2].trim(), *choice, "{line}");
        assert_eq!(columns[3].trim(), results.join(", "), "{line}");
    }
    assert!(
        lines[4].starts_with("3 calls, newest first; numbers and results show their last four"),
        "{text}"
    );
    assert_nothing_recovered(&text);

    // --full shows whole numbers and whole results, and the keypad check finds them there.
    let full = stdout(&calls(&moto.endpoint, &["--last", "1", "--full"], true));
    assert!(full.contains("  +18003569377  "), "{full}");
    assert!(full.contains(&engine("+18003569377").join(", ")), "{full}");
    let full_json = stdout(&calls(&moto.endpoint, &["--json", "--full"], true));
    for (_, number, _) in SEEDED {
        for display in engine(number) {
            assert!(
                recovered(&display).is_some(),
                "the keypad check misses {number} in {display}"
            );
            assert!(
                full_json.contains(&format!("\"display\":\"{display}\"")),
                "{full_json}"
            );
        }
    }

    let rows = json_rows(&moto.endpoint);
    let newest = rows[0]["called_at"].as_str().unwrap_or_default();
    let newest = newest.trim_end_matches('Z').replacen('T', " ", 1);
    assert!(lines[1].starts_with(&newest), "{} vs {newest}", lines[1]);
}

/// Fails naming the string when masked output dials five digits of a caller's number.
fn assert_nothing_recovered(output: &str) {
    let strings = printed_strings(output);
    assert!(!strings.is_empty(), "nothing printed:\n{output}");
    for string in strings {
        if let Some(run) = recovered(&string) {
            panic!("{string:?} dials {run}, more than the last four digits:\n{output}");
        }
    }
}

/// Scripts: one JSON object per call, newest first, masked; more asked for than stored gives
/// all. Returns the rows.
fn json_rows(endpoint: &str) -> Vec<Value> {
    let output = calls(endpoint, &["--json", "--last", "1000"], true);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    assert_nothing_recovered(&text);
    let rows: Vec<Value> = text
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{line}: {e}")))
        .collect();
    let contact_ids: Vec<&str> = rows
        .iter()
        .map(|row| row["contact_id"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(contact_ids, ["c-newest", "c-third", "c-second", "c-oldest"]);
    let times: Vec<&str> = rows
        .iter()
        .map(|row| row["called_at"].as_str().unwrap_or_default())
        .collect();
    assert!(times.windows(2).all(|pair| pair[0] > pair[1]), "{times:?}");
    for (row, (contact_id, number, _)) in rows.iter().zip(SEEDED.iter().rev()) {
        assert_eq!(row["contact_id"], *contact_id);
        let caller = format!("+*******{}", &number[number.len() - 4..]);
        assert_eq!(row["caller"], caller.as_str());
        let results = row["results"].as_array().cloned().unwrap_or_default();
        let displays: Vec<String> = results
            .iter()
            .map(|r| r["display"].as_str().unwrap_or_default().to_string())
            .collect();
        assert_eq!(displays, masked(&engine(number)), "{row}");
        for result in &results {
            assert_eq!(result["spoken"], Value::Null, "{row}");
            assert_eq!(result["words"], Value::Null, "{row}");
            assert!(result["score"].is_number(), "{row}");
        }
    }
    assert_eq!(rows[1]["choice"]["rank"], 2);
    assert_eq!(
        rows[1]["choice"]["display"],
        masked(&engine("+13125557464"))[1].as_str()
    );
    assert_eq!(rows[0]["choice"], Value::Null);
    rows
}

/// Writes the committed config with `region` swapped in, into `dir`.
fn config_in_region(dir: &Path, region: &str) -> String {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(CONFIG))
        .unwrap_or_else(|error| panic!("read vanity.yaml: {error}"));
    let path = dir.join("vanity.yaml");
    std::fs::write(
        &path,
        text.replacen("region: us-east-1", &format!("region: {region}"), 1),
    )
    .unwrap_or_else(|error| panic!("write config: {error}"));
    path.display().to_string()
}

/// Turns on moto's request authentication: from now on only access keys moto issued pass.
/// (POST /moto-api/reset-auth with the number of requests still let through unchecked.)
fn require_real_credentials(endpoint: &str) {
    let address = endpoint.trim_start_matches("http://");
    let mut stream =
        TcpStream::connect(address).unwrap_or_else(|error| panic!("connect to moto: {error}"));
    let request = format!(
        "POST /moto-api/reset-auth HTTP/1.1\r\nHost: {address}\r\nContent-Length: 1\r\nConnection: close\r\n\r\n0"
    );
    stream
        .write_all(request.as_bytes())
        .unwrap_or_else(|error| panic!("write to moto: {error}"));
    let mut response = String::new();
    let _ = stream.read_to_string(&mut response);
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
}

fn assert_fails(output: &Output, code: i32, needles: &[&str]) {
    let err = stderr(output);
    assert_eq!(output.status.code(), Some(code), "stderr:\n{err}");
    // One short line: what happened and what to do; the SDK's detail only with --verbose.
    // (A usage error ends with clap's own blank line and "For more information" hint.)
    let message = err
        .lines()
        .filter(|line| !line.is_empty() && !line.starts_with("For more information, try"))
        .count();
    assert_eq!(message, 1, "stderr is not one line:\n{err}");
    assert!(
        err.len() <= 300,
        "stderr is {} characters:\n{err}",
        err.len()
    );
    for needle in needles {
        assert!(err.contains(needle), "stderr lacks {needle:?}:\n{err}");
    }
    assert!(stdout(output).is_empty(), "{}", stdout(output));
}

#[test]
fn each_failure_says_what_is_wrong() {
    let mut moto = MotoServer::start();
    let endpoint = moto.endpoint.clone();
    let dir = tempfile::tempdir().unwrap_or_else(|error| panic!("temp dir: {error}"));

    // Nothing deployed yet.
    assert_fails(
        &calls(&endpoint, &[], true),
        1,
        &[
            "table \"vanity-line-callers\" does not exist in us-east-1",
            "connect-vanity deploy",
        ],
    );

    // An empty table lists nothing, successfully.
    runtime().block_on(create_table(&client(&endpoint), TABLE));
    let empty = calls(&endpoint, &[], true);
    assert!(empty.status.success(), "{}", stderr(&empty));
    assert!(
        stdout(&empty).starts_with("no calls in table"),
        "{}",
        stdout(&empty)
    );
    assert_eq!(stdout(&calls(&endpoint, &["--json"], true)), "");

    // The table is in us-east-1; a config naming another region does not find it.
    let west = config_in_region(dir.path(), "us-west-2");
    assert_fails(
        &calls(&endpoint, &["--config", &west], true),
        1,
        &["does not exist in us-west-2", "region in"],
    );

    // A table deployed before the index existed.
    let older = tempfile::tempdir().unwrap_or_else(|error| panic!("temp dir: {error}"));
    let ca = config_in_region(older.path(), "ca-central-1");
    runtime().block_on(async {
        let config = aws_sdk_dynamodb::Config::builder()
            .behavior_version(aws_sdk_dynamodb::config::BehaviorVersion::latest())
            .region(aws_sdk_dynamodb::config::Region::new("ca-central-1"))
            .credentials_provider(aws_sdk_dynamodb::config::Credentials::new(
                "testing", "testing", None, None, "tests",
            ))
            .endpoint_url(&endpoint)
            .http_client(aws_setup::http_client())
            .build();
        create_table_without_recent_index(&aws_sdk_dynamodb::Client::from_conf(config), TABLE)
            .await;
    });
    assert_fails(
        &calls(&endpoint, &["--config", &ca], true),
        1,
        &[
            "has no \"recent_calls\" index",
            "run `connect-vanity deploy`",
        ],
    );

    // No credentials anywhere.
    assert_fails(
        &calls(&endpoint, &[], false),
        1,
        &["no AWS credentials found", "AWS_PROFILE"],
    );
    // --verbose adds the SDK's own account on a second line, after the same message.
    let verbose = calls(&endpoint, &["--verbose"], false);
    let err = stderr(&verbose);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(verbose.status.code(), Some(1), "{err}");
    assert!(lines[0].starts_with("detail: "), "{err}");
    assert!(lines[0].len() > "detail: ".len(), "{err}");
    assert!(err.contains("no AWS credentials found"), "{err}");

    // Bad arguments and a bad config are bad input.
    assert_fails(&calls(&endpoint, &["--last", "0"], true), 2, &["--last"]);
    assert_fails(
        &calls(&endpoint, &["--config", "no-such.yaml"], true),
        2,
        &["no-such.yaml: no such file"],
    );

    // Credentials AWS does not know.
    require_real_credentials(&endpoint);
    assert_fails(
        &calls(&endpoint, &[], true),
        1,
        &["AWS rejected the credentials", "AWS_ACCESS_KEY_ID"],
    );

    // Nobody listening.
    moto.stop();
    assert_fails(
        &calls(&endpoint, &[], true),
        1,
        &[&format!("could not reach DynamoDB at {endpoint}")],
    );
}

//! `connect-vanity calls` against a real DynamoDB-compatible server (moto on loopback): calls
//! stored by the real call-handler come back newest first from the recent-calls index, masked
//! unless `--full`, as a table or as JSON lines; a missing table, a table in another region, a
//! table without the index, missing or rejected credentials and an unreachable endpoint each
//! give their own clear message and exit code 1; bad arguments exit 2.

// Talks to DynamoDB through the SDK, which only the `aws` build has.
#![cfg(feature = "aws")]

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, SystemTime};

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

/// Calls in the order they were made: (contact id, number, hours ago).
const SEEDED: [(&str, &str, u64); 4] = [
    ("c-oldest", "+12062279274", 4),
    ("c-second", "+18003569377", 3),
    ("c-third", "+13125557464", 2),
    ("c-newest", "+18003569377", 1),
];

/// Stores the seeded calls through the real handler, and the choice of one caller as the
/// menu would record it.
fn seed(endpoint: &str) {
    let runtime = runtime();
    let dynamodb = client(endpoint);
    runtime.block_on(async {
        create_table(&dynamodb, TABLE).await;
        let store = DynamoStore::new(dynamodb.clone(), TABLE.to_string());
        let settings = Settings {
            table_name: TABLE.to_string(),
            result_count: 5,
            record_ttl_days: 90,
            store_timeout: Duration::from_secs(5),
            allowed: vanity_engine::Allowed::NONE,
            recall: call_handler::settings::Recall::LastCall,
        };
        let now = SystemTime::now();
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
            .choose(&choice)
            .await
            .unwrap_or_else(|error| panic!("record a choice: {error}"));
        assert_eq!(kept, ChoiceOutcome::Kept);
    });
}

#[test]
fn lists_stored_calls_newest_first_masked_unless_full() {
    let moto = MotoServer::start();
    seed(&moto.endpoint);

    // People: a table, newest first, numbers masked.
    let output = calls(&moto.endpoint, &["--last", "3"], true);
    let text = stdout(&output);
    assert!(output.status.success(), "{text}\n{}", stderr(&output));
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 5, "header, three calls, summary:\n{text}");
    assert!(lines[0].starts_with("TIME (UTC)"), "{text}");
    let chosen = format!("2 ({})", engine("+13125557464")[1]);
    let expected = [
        ("+*******9377", "-", engine("+18003569377")),
        ("+*******7464", chosen.as_str(), engine("+13125557464")),
        ("+*******9377", "-", engine("+18003569377")),
    ];
    for (line, (caller, choice, results)) in lines[1..4].iter().zip(&expected) {
        let columns: Vec<&str> = line.split("  ").filter(|c| !c.is_empty()).collect();
        assert_eq!(columns[1].trim(), *caller, "{line}");
        assert_eq!(columns[2].trim(), *choice, "{line}");
        assert_eq!(columns[3].trim(), results.join(", "), "{line}");
    }
    assert!(
        lines[4].starts_with("3 calls, newest first; numbers show their last four digits"),
        "{text}"
    );
    for (_, number, _) in SEEDED {
        assert!(!text.contains(number), "{number} shown unmasked:\n{text}");
    }

    // --full shows whole numbers.
    let full = stdout(&calls(&moto.endpoint, &["--last", "1", "--full"], true));
    assert!(full.contains("  +18003569377  "), "{full}");

    // Scripts: one JSON object per call, newest first; more asked for than stored gives all.
    let output = calls(&moto.endpoint, &["--json", "--last", "1000"], true);
    assert!(output.status.success(), "{}", stderr(&output));
    let rows: Vec<Value> = stdout(&output)
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
        let masked = format!("+*******{}", &number[number.len() - 4..]);
        assert_eq!(row["caller"], masked.as_str());
        let displays: Vec<&str> = row["results"]
            .as_array()
            .map(|results| {
                results
                    .iter()
                    .map(|r| r["display"].as_str().unwrap_or_default())
                    .collect()
            })
            .unwrap_or_default();
        assert_eq!(displays, engine(number), "{row}");
    }
    assert_eq!(rows[1]["choice"]["rank"], 2);
    assert_eq!(
        rows[1]["choice"]["display"],
        engine("+13125557464")[1].as_str()
    );
    assert_eq!(rows[0]["choice"], Value::Null);

    // The table's time column is the JSON's UTC time.
    let newest = times[0].trim_end_matches('Z').replacen('T', " ", 1);
    assert!(lines[1].starts_with(&newest), "{} vs {newest}", lines[1]);
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

//! Test support: a real moto server (DynamoDB API) on a free loopback port, an SDK client for
//! it with fake credentials, the calls table as Terraform creates it, and the repository's
//! Connect event fixtures. The server is a child process that is killed when dropped.

use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use aws_sdk_dynamodb::config::{BehaviorVersion, Credentials, Region};
use aws_sdk_dynamodb::types::{
    AttributeDefinition, BillingMode, GlobalSecondaryIndex, KeySchemaElement, KeyType, Projection,
    ProjectionType, ScalarAttributeType,
};
use aws_sdk_dynamodb::Client;
use call_handler::schema;

/// Where the README's test command puts the project's Python tools.
const HOW_TO_INSTALL: &str = "moto_server not found: run the README's test command (it creates \
    .venv with moto[server]), or set MOTO_SERVER to the moto_server binary";

pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A Connect event from `tests/fixtures/<name>.json` at the repository root.
pub fn fixture(name: &str) -> serde_json::Value {
    let path = repo_root()
        .join("tests/fixtures")
        .join(format!("{name}.json"));
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()));
    serde_json::from_str(&text)
        .unwrap_or_else(|error| panic!("{} is not JSON: {error}", path.display()))
}

/// MOTO_SERVER, then `.venv/bin/moto_server` at the repository root, then the shared tool
/// cache, then PATH.
fn moto_binary() -> PathBuf {
    if let Some(path) = std::env::var_os("MOTO_SERVER") {
        return PathBuf::from(path);
    }
    let candidates = [
        repo_root().join(".venv/bin/moto_server"),
        PathBuf::from("/work/cache/venv/bin/moto_server"),
    ];
    if let Some(found) = candidates.into_iter().find(|path| path.is_file()) {
        return found;
    }
    std::env::var_os("PATH")
        .iter()
        .flat_map(std::env::split_paths)
        .map(|dir| dir.join("moto_server"))
        .find(|path| path.is_file())
        .unwrap_or_else(|| panic!("{HOW_TO_INSTALL}"))
}

/// A port nothing listens on right now (the OS picked it, then we let it go).
pub fn free_port() -> u16 {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).expect("bind a loopback port");
    listener.local_addr().expect("local address").port()
}

pub struct MotoServer {
    child: Child,
    pub endpoint: String,
}

impl MotoServer {
    pub fn start() -> MotoServer {
        let binary = moto_binary();
        let port = free_port();
        let child = Command::new(&binary)
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|error| panic!("{HOW_TO_INSTALL} ({}: {error})", binary.display()));
        let server = MotoServer {
            child,
            endpoint: format!("http://127.0.0.1:{port}"),
        };
        let address = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
        let deadline = Instant::now() + Duration::from_secs(60);
        while TcpStream::connect_timeout(&address, Duration::from_millis(200)).is_err() {
            assert!(
                Instant::now() < deadline,
                "moto_server did not start on port {port}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        server
    }

    /// Stops the server now (the endpoint then refuses connections).
    pub fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for MotoServer {
    fn drop(&mut self) {
        self.stop();
    }
}

/// An SDK client for `endpoint` with fake credentials in us-east-1.
pub fn client(endpoint: &str) -> Client {
    let config = aws_sdk_dynamodb::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .credentials_provider(Credentials::new("testing", "testing", None, None, "tests"))
        .endpoint_url(endpoint)
        .http_client(aws_setup::http_client())
        .build();
    Client::from_conf(config)
}

fn key(name: &str, key_type: KeyType) -> KeySchemaElement {
    KeySchemaElement::builder()
        .attribute_name(name)
        .key_type(key_type)
        .build()
        .expect("key schema")
}

fn attribute(name: &str, kind: ScalarAttributeType) -> AttributeDefinition {
    AttributeDefinition::builder()
        .attribute_name(name)
        .attribute_type(kind)
        .build()
        .expect("attribute definition")
}

/// Creates the calls table as Terraform does: the key layout and the recent-calls index from
/// [`schema`].
pub async fn create_table(client: &Client, table: &str) {
    let recent = GlobalSecondaryIndex::builder()
        .index_name(schema::RECENT_INDEX)
        .key_schema(key(schema::RECENT_PARTITION_KEY, KeyType::Hash))
        .key_schema(key(schema::CALLED_AT_ATTRIBUTE, KeyType::Range))
        .projection(
            Projection::builder()
                .projection_type(ProjectionType::All)
                .build(),
        )
        .build()
        .expect("recent-calls index");
    client
        .create_table()
        .table_name(table)
        .billing_mode(BillingMode::PayPerRequest)
        .key_schema(key(schema::PARTITION_KEY, KeyType::Hash))
        .key_schema(key(schema::SORT_KEY, KeyType::Range))
        .attribute_definitions(attribute(schema::PARTITION_KEY, ScalarAttributeType::S))
        .attribute_definitions(attribute(schema::SORT_KEY, ScalarAttributeType::S))
        .attribute_definitions(attribute(
            schema::RECENT_PARTITION_KEY,
            ScalarAttributeType::S,
        ))
        .attribute_definitions(attribute(
            schema::CALLED_AT_ATTRIBUTE,
            ScalarAttributeType::N,
        ))
        .global_secondary_indexes(recent)
        .send()
        .await
        .expect("create the calls table");
}

/// Creates the calls table as connect-vanity rendered it before the recent-calls index existed.
/// Only the CLI's `calls` tests use it.
#[allow(dead_code)]
pub async fn create_table_without_recent_index(client: &Client, table: &str) {
    client
        .create_table()
        .table_name(table)
        .billing_mode(BillingMode::PayPerRequest)
        .key_schema(key(schema::PARTITION_KEY, KeyType::Hash))
        .key_schema(key(schema::SORT_KEY, KeyType::Range))
        .attribute_definitions(attribute(schema::PARTITION_KEY, ScalarAttributeType::S))
        .attribute_definitions(attribute(schema::SORT_KEY, ScalarAttributeType::S))
        .send()
        .await
        .expect("create the calls table");
}

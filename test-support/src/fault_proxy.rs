//! A fault-injecting HTTP proxy for tests: it sits on a loopback port in front of a real
//! DynamoDB-compatible server (moto) and, for the first N requests or all of them, does one
//! thing wrong: waits, refuses the connection, resets it halfway through the response, or
//! answers for DynamoDB with an HTTP 500 or a throttling error. Everything else passes through.
//!
//! It understands just enough HTTP/1.1 for the AWS SDK: one request at a time per connection,
//! bodies framed by `Content-Length` or chunked. Each request passed on uses a fresh connection
//! to the server, so a fault never leaves the server side in a strange state.

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

/// What the proxy does wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// Holds each request this long before passing it on (a slow or distant table).
    Delay(Duration),
    /// Nothing listens: every connection is refused (the endpoint is down).
    Refuse,
    /// Passes the request on, so the server acts on it, then sends back half of the response
    /// and resets the connection (a network failure after the write happened).
    ResetMidResponse,
    /// Answers HTTP 500 with DynamoDB's `InternalServerError` body; the server never sees it.
    ServerError,
    /// Answers HTTP 400 with DynamoDB's `ProvisionedThroughputExceededException` body.
    Throttle,
}

/// A running proxy; it stops with the test's runtime.
pub struct FaultProxy {
    pub endpoint: String,
    plan: Arc<Mutex<Plan>>,
}

struct Plan {
    fault: Fault,
    /// Requests still to be faulted; `None` means all of them.
    remaining: Option<usize>,
    faulted: usize,
}

impl FaultProxy {
    /// Starts a proxy to `upstream` that applies `fault` to the first `times` requests (every
    /// request when `None`), then passes requests through.
    pub async fn start(upstream: &str, fault: Fault, times: Option<usize>) -> FaultProxy {
        let upstream: SocketAddr = upstream
            .trim_start_matches("http://")
            .parse()
            .expect("the upstream is http://IP:PORT");
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
            .await
            .expect("bind a loopback port");
        let endpoint = format!("http://{}", listener.local_addr().expect("local address"));
        let plan = Arc::new(Mutex::new(Plan {
            fault,
            remaining: times,
            faulted: 0,
        }));
        if fault == Fault::Refuse && times.is_none() {
            // Refusing for good: close the port, so connecting fails as it does to a dead host.
            drop(listener);
        } else {
            let serving = Arc::clone(&plan);
            tokio::spawn(async move {
                while let Ok((client, _)) = listener.accept().await {
                    let plan = Arc::clone(&serving);
                    tokio::spawn(serve(client, upstream, plan));
                }
            });
        }
        FaultProxy { endpoint, plan }
    }

    /// How many requests got the fault so far.
    pub fn faulted(&self) -> usize {
        lock(&self.plan).faulted
    }
}

fn lock(plan: &Mutex<Plan>) -> std::sync::MutexGuard<'_, Plan> {
    plan.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The fault for the next request, if it gets one.
fn take(plan: &Mutex<Plan>) -> Option<Fault> {
    let mut plan = lock(plan);
    match plan.remaining {
        Some(0) => None,
        Some(ref mut left) => {
            *left -= 1;
            plan.faulted += 1;
            Some(plan.fault)
        }
        None => {
            plan.faulted += 1;
            Some(plan.fault)
        }
    }
}

/// One client connection: requests one after another until it closes or a fault ends it.
async fn serve(client: TcpStream, upstream: SocketAddr, plan: Arc<Mutex<Plan>>) {
    let mut client = BufReader::new(client);
    while let Some(request) = read_message(&mut client).await {
        let reply = match take(&plan) {
            None => forward(upstream, &request).await,
            Some(Fault::Delay(wait)) => {
                tokio::time::sleep(wait).await;
                forward(upstream, &request).await
            }
            // A refusal limited to the first requests: close at once, before any answer.
            Some(Fault::Refuse) => return,
            Some(Fault::ResetMidResponse) => {
                if let Some(response) = forward(upstream, &request).await {
                    let half = &response[..response.len() / 2];
                    let _ = client.get_mut().write_all(half).await;
                    let _ = client.get_mut().flush().await;
                }
                // Linger zero: closing sends a TCP reset instead of an orderly FIN.
                let _ = client.get_ref().set_zero_linger();
                return;
            }
            Some(Fault::ServerError) => Some(dynamodb_error(
                "500 Internal Server Error",
                "InternalServerError",
                "Internal server error (injected by the test's fault proxy)",
            )),
            Some(Fault::Throttle) => Some(dynamodb_error(
                "400 Bad Request",
                "ProvisionedThroughputExceededException",
                "The level of configured provisioned throughput for the table was exceeded \
                 (injected by the test's fault proxy)",
            )),
        };
        let Some(reply) = reply else { return };
        if client.get_mut().write_all(&reply).await.is_err() {
            return;
        }
    }
}

/// A DynamoDB error response: JSON 1.0 with `__type` naming the exception, the shape shown in
/// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Programming.Errors.html
/// ("Error components"); the SDK reads the error code from `__type`.
fn dynamodb_error(status: &str, code: &str, message: &str) -> Vec<u8> {
    let body = serde_json::json!({
        "__type": format!("com.amazonaws.dynamodb.v20120810#{code}"),
        "message": message,
    })
    .to_string();
    format!(
        "HTTP/1.1 {status}\r\nContent-Type: application/x-amz-json-1.0\r\n\
         x-amzn-RequestId: FAULTPROXY0000000000000000000000000000000000000000000\r\n\
         Content-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

/// Passes one request to the server on a new connection and returns its whole response.
async fn forward(upstream: SocketAddr, request: &[u8]) -> Option<Vec<u8>> {
    let mut server = TcpStream::connect(upstream).await.ok()?;
    server.write_all(request).await.ok()?;
    read_message(&mut BufReader::new(server)).await
}

/// One HTTP/1.1 message (request or response), head and body, as raw bytes; `None` at the end
/// of the stream or on anything it cannot frame.
async fn read_message<R: AsyncRead + Unpin>(reader: &mut BufReader<R>) -> Option<Vec<u8>> {
    let mut message = Vec::new();
    let mut content_length = 0usize;
    let mut chunked = false;
    loop {
        let mut line = Vec::new();
        if reader.read_until(b'\n', &mut line).await.ok()? == 0 {
            return None;
        }
        message.extend_from_slice(&line);
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end();
        if text.is_empty() {
            break;
        }
        if let Some((name, value)) = text.split_once(':') {
            let value = value.trim();
            if name.eq_ignore_ascii_case("content-length") {
                content_length = value.parse().ok()?;
            } else if name.eq_ignore_ascii_case("transfer-encoding") {
                chunked = value.eq_ignore_ascii_case("chunked");
            }
        }
    }
    if chunked {
        loop {
            let mut size_line = Vec::new();
            reader.read_until(b'\n', &mut size_line).await.ok()?;
            message.extend_from_slice(&size_line);
            let size_text = String::from_utf8_lossy(&size_line);
            let size = usize::from_str_radix(size_text.trim().split(';').next()?, 16).ok()?;
            // The chunk and its CRLF (the last, empty chunk has just the CRLF).
            let mut chunk = vec![0; size + 2];
            reader.read_exact(&mut chunk).await.ok()?;
            message.extend_from_slice(&chunk);
            if size == 0 {
                return Some(message);
            }
        }
    }
    let mut body = vec![0; content_length];
    reader.read_exact(&mut body).await.ok()?;
    message.extend_from_slice(&body);
    Some(message)
}

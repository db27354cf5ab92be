//! `--wav`: the caller's side spoken by espeak-ng into a real WAV file, at least a second long,
//! and longer for more text. Reads the RIFF header rather than trusting the file size.

mod flow_support;

use call_handler::store::MemoryStore;
use connect_vanity::simulate::lambda::Backend;
use connect_vanity::simulate::{simulate, wav, Scenario};

/// Seconds of audio in a PCM WAV file, from its `fmt ` and `data` chunks.
fn wav_seconds(bytes: &[u8]) -> Option<f64> {
    if bytes.len() < 12 || &bytes[0..4] != b"RIFF" || &bytes[8..12] != b"WAVE" {
        return None;
    }
    let (mut byte_rate, mut data_len) = (None, None);
    let mut at = 12;
    while at + 8 <= bytes.len() {
        let id = &bytes[at..at + 4];
        let size = u32::from_le_bytes(bytes[at + 4..at + 8].try_into().ok()?) as usize;
        let body = at + 8;
        if id == b"fmt " && body + 12 <= bytes.len() {
            byte_rate = Some(u32::from_le_bytes(
                bytes[body + 8..body + 12].try_into().ok()?,
            ));
        }
        if id == b"data" {
            // Never count bytes the file does not have.
            data_len = Some(size.min(bytes.len() - body));
        }
        at = body + size + (size & 1);
    }
    Some(data_len? as f64 / f64::from(byte_rate?))
}

fn speak(prompts: &[&str]) -> f64 {
    let dir = match tempfile::tempdir() {
        Ok(dir) => dir,
        Err(error) => panic!("no temp dir: {error}"),
    };
    let path = dir.path().join("call.wav");
    if let Err(error) = wav::speak_to_file(prompts, &path) {
        panic!("espeak-ng: {error}");
    }
    let bytes = std::fs::read(&path).unwrap_or_default();
    assert!(!bytes.is_empty(), "empty WAV");
    wav_seconds(&bytes).unwrap_or_else(|| panic!("not a PCM WAV: {} bytes", bytes.len()))
}

#[test]
fn the_wav_lasts_a_second_or_more_and_grows_with_the_text() {
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => panic!("no runtime: {error}"),
    };
    let backend = Backend::Memory(MemoryStore::default());
    let scenario = Scenario {
        number: Some("+18003569377".into()),
        presses: "1".into(),
        lambda_fails: false,
        connect_fails_at: None,
        lambda_breaks_contract: None,
        profile: None,
        lambda_breaks_answer: 0,
        profile_search_fails: Default::default(),
    };
    let transcript = match simulate(&flow_support::config(), &scenario, &backend, &runtime) {
        Ok(transcript) => transcript,
        Err(error) => panic!("{error}"),
    };
    let heard = transcript.heard();
    let short = speak(&heard[..1]);
    let whole = speak(&heard);
    println!("greeting {short:.2} s, whole call {whole:.2} s");
    assert!(short >= 1.0, "the greeting alone lasts {short:.2} s");
    assert!(
        whole > short * 2.0,
        "whole call {whole:.2} s vs greeting {short:.2} s"
    );
}

//! Rendering: the output is deterministic, `render --check` reports drift without writing, and
//! the committed `terraform/` is exactly what the committed `vanity.yaml` renders to.

use std::path::Path;
use std::process::Command;

use test_support::files::snapshot;

const DEFAULT: &str = include_str!("../vanity.yaml");

fn cli() -> Command {
    Command::new(env!("CARGO_BIN_EXE_connect-vanity"))
}

/// Runs `render --check` in `dir`.
fn check_in(dir: &Path) -> std::process::Output {
    cli()
        .current_dir(dir)
        .args(["render", "--check"])
        .output()
        .expect("run connect-vanity render --check")
}

/// Runs `render` in `dir` and returns the files it wrote.
fn render_in(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let status = cli()
        .current_dir(dir)
        .arg("render")
        .status()
        .expect("run connect-vanity render");
    assert!(status.success(), "render failed: {status}");
    snapshot(&dir.join("terraform"))
}

#[test]
fn render_is_deterministic_and_check_reports_drift() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("vanity.yaml"), DEFAULT).unwrap();
    let first = render_in(dir.path());
    assert_eq!(render_in(dir.path()), first, "second render differs");

    let clean = check_in(dir.path());
    assert_eq!(clean.status.code(), Some(0));

    let lambda_tf = dir.path().join("terraform/lambda.tf");
    let text = std::fs::read_to_string(&lambda_tf).unwrap();
    std::fs::write(
        &lambda_tf,
        text.replace("memory_size      = 256", "memory_size      = 512"),
    )
    .unwrap();
    let drift = check_in(dir.path());
    assert_eq!(drift.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&drift.stdout);
    assert!(stdout.contains("-  memory_size      = 512"), "{stdout}");
    assert!(stdout.contains("+  memory_size      = 256"), "{stdout}");
    assert!(
        std::fs::read_to_string(&lambda_tf)
            .unwrap()
            .contains("= 512"),
        "--check wrote"
    );
}

#[test]
fn turning_profiles_off_forgets_the_domain_and_removes_what_only_they_rendered() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("vanity.yaml");
    let with_profiles = include_str!("configs/profiles-new.yaml");
    // profiles-new.yaml has say_why on, so the line speaks from a profile and has that case.
    std::fs::write(&config, with_profiles).unwrap();
    let profiles_tf = dir.path().join("terraform/profiles.tf");
    let greeting_case = dir
        .path()
        .join("terraform/test-cases/profile-greeting.json");
    render_in(dir.path());
    let created = std::fs::read_to_string(&profiles_tf).unwrap();
    assert!(created.contains("resource \"aws_customerprofiles_domain\" \"callers\""));
    assert!(!created.contains("removed {"), "{created}");
    assert!(greeting_case.exists());
    // The owner's own file in the module is never touched.
    let owners = dir.path().join("terraform/owner.tf");
    std::fs::write(&owners, "# mine\n").unwrap();

    std::fs::write(&config, DEFAULT).unwrap();
    let check = check_in(dir.path());
    assert_eq!(check.status.code(), Some(1), "a stale test case is drift");
    let stdout = String::from_utf8_lossy(&check.stdout);
    assert!(
        stdout.contains("profile-greeting.json is no longer rendered"),
        "{stdout}"
    );
    assert!(greeting_case.exists(), "--check removed a file");

    render_in(dir.path());
    assert!(!greeting_case.exists());
    assert!(owners.exists(), "render removed the owner's file");
    // The domain mode new created is forgotten, not deleted; the grant goes.
    let off = std::fs::read_to_string(&profiles_tf).unwrap();
    assert!(
        off.contains("removed {\n  from = aws_customerprofiles_domain.callers"),
        "{off}"
    );
    assert!(
        off.contains("destroy = false") && !off.contains("resource "),
        "{off}"
    );
    let clean = check_in(dir.path());
    assert_eq!(clean.status.code(), Some(0));
}

#[test]
fn committed_terraform_matches_committed_config() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let config = connect_vanity::config::load_file(&root.join("vanity.yaml")).unwrap();
    let files = connect_vanity::render::render_files(&config).unwrap();
    let diff = connect_vanity::render::diff_against_disk(&files, &root.join("terraform")).unwrap();
    assert!(
        diff.is_empty(),
        "terraform/ is stale; run `cargo run -- render`:\n{diff}"
    );
}

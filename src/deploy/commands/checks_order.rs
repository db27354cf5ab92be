//! When the pipeline runs deploy's checks: after `init` and before the plan (a deploy only),
//! and after the apply (not with `--plan`), with a check that records each call.

use std::cell::RefCell;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;
use std::rc::Rc;

use super::run_with;
use crate::deploy::checks::Checks;
use crate::deploy::{fake_programs, test_options, Direction, Options, Programs};

/// Records when each check runs, into the same log the fake programs write.
struct Recording {
    log: Rc<RefCell<Vec<String>>>,
    dir: std::path::PathBuf,
    fail_before_plan: bool,
}

impl Recording {
    fn note(&self, what: &str) {
        let programs = std::fs::read_to_string(self.dir.join("calls.log")).unwrap_or_default();
        self.log.borrow_mut().push(format!(
            "{what} after {} program runs",
            programs.lines().count()
        ));
    }
}

impl Checks for Recording {
    fn before_plan(
        &mut self,
        _: &Options<'_>,
        _: &Programs,
        _: &mut dyn Write,
    ) -> anyhow::Result<()> {
        self.note("before_plan");
        if self.fail_before_plan {
            anyhow::bail!("no US TOLL_FREE number with prefix +1800 is available");
        }
        Ok(())
    }

    fn after_apply(&mut self, _: &Options<'_>, _: &mut dyn Write) -> anyhow::Result<ExitCode> {
        self.note("after_apply");
        Ok(ExitCode::from(1))
    }
}

#[test]
fn checks_run_after_init_before_plan_and_after_apply_only() {
    // (direction, --plan, before_plan fails) -> the checks' log, the result. Program runs:
    // the zip build (one cargo invocation), init, then plan, apply and the outputs.
    let cases = [
        (
            (Direction::Deploy, false, false),
            vec![
                "before_plan after 2 program runs",
                "after_apply after 6 program runs",
            ],
            Err("exit code 1"),
        ),
        (
            (Direction::Deploy, true, false),
            vec!["before_plan after 2 program runs"],
            Ok(()),
        ),
        (
            (Direction::Deploy, false, true),
            vec!["before_plan after 2 program runs"],
            Err("no US TOLL_FREE number"),
        ),
        ((Direction::Destroy, false, false), vec![], Ok(())),
    ];
    for ((direction, plan_only, fail_before_plan), expected, result) in cases {
        let dir = tempfile::tempdir().expect("tempdir");
        // init, plan (2: changes), apply, then the two outputs deploy prints.
        let programs = fake_programs(
            dir.path(),
            "exit 0",
            "case \"$2\" in plan) exit 2;; output) echo +12065550100;; esac; exit 0",
        );
        let out = dir.path().join("stack");
        let options = Options {
            direction,
            plan_only,
            test_line: true,
            ..test_options(&out)
        };
        let log = Rc::new(RefCell::new(Vec::new()));
        let mut checks = Recording {
            log: log.clone(),
            dir: dir.path().to_path_buf(),
            fail_before_plan,
        };
        let mut render = |_: &Path, _: &Path| Ok(ExitCode::SUCCESS);
        let mut progress = Vec::new();
        let got = run_with(
            &options,
            &programs,
            &mut checks,
            &mut render,
            &mut std::io::empty(),
            &mut progress,
        );
        assert_eq!(
            *log.borrow(),
            expected,
            "{direction:?} plan_only={plan_only}"
        );
        match (result, got) {
            (Ok(()), Ok(code)) => assert_eq!(code, ExitCode::SUCCESS),
            (Err("exit code 1"), Ok(code)) => assert_eq!(code, ExitCode::from(1)),
            (Err(fragment), Err(error)) => {
                assert!(error.to_string().contains(fragment), "{error}")
            }
            (want, got) => panic!("{direction:?}: want {want:?}, got {got:?}"),
        }
    }
}

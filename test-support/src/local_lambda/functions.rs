//! The function processes behind the local runtime API: the release `bootstrap` from the Lambda
//! zip, one process per execution environment, each taking one invocation at a time.

use std::fs::File;
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Stdio};

use super::runtime_api::{RuntimeApi, FUNCTION_NAME};

/// Function processes (the release `bootstrap`), each an execution environment polling `api`.
/// They are killed when this is dropped.
pub struct Functions {
    children: Vec<Child>,
}

impl Functions {
    /// Starts `count` processes of `bootstrap` with a clean environment: the runtime API's
    /// variables, then `env` (the handler's settings, DynamoDB endpoint, fake credentials).
    /// Nothing else is inherited, so no process can reach beyond what `env` names. Each
    /// process's JSON log lines go to `log_dir/function-N.log` when a folder is given, else
    /// nowhere.
    pub fn spawn(
        bootstrap: &Path,
        count: usize,
        api: &RuntimeApi,
        env: &[(&str, String)],
        log_dir: Option<&Path>,
    ) -> std::io::Result<Functions> {
        let mut functions = Functions {
            children: Vec::with_capacity(count),
        };
        for index in 0..count {
            let stdout = match log_dir {
                Some(dir) => Stdio::from(File::create(dir.join(format!("function-{index}.log")))?),
                None => Stdio::null(),
            };
            let child = Command::new(bootstrap)
                .env_clear()
                .env("AWS_LAMBDA_RUNTIME_API", api.authority())
                .env("AWS_LAMBDA_FUNCTION_NAME", FUNCTION_NAME)
                .env("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST")
                .env("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "128")
                .env("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/call-handler")
                .env("AWS_LAMBDA_LOG_STREAM_NAME", format!("local/{index}"))
                .envs(env.iter().map(|(name, value)| (*name, value.as_str())))
                .stdin(Stdio::null())
                .stdout(stdout)
                // A panic message (the Lambda zip is built with panic=abort) stays visible.
                .stderr(Stdio::inherit())
                .spawn()?;
            functions.children.push(child);
        }
        Ok(functions)
    }

    /// Processes that have exited, with how: a function process only exits when it crashes
    /// (a panic aborts it) or cannot start.
    pub fn exited(&mut self) -> Vec<ExitStatus> {
        self.children
            .iter_mut()
            .filter_map(|child| child.try_wait().ok().flatten())
            .collect()
    }
}

impl Drop for Functions {
    fn drop(&mut self) {
        for child in &mut self.children {
            let _ = child.kill();
        }
        for child in &mut self.children {
            let _ = child.wait();
        }
    }
}

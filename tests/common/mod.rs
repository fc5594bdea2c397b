//! Helpers shared by integration tests: an isolated `hotseat` command and sample records.
#![allow(dead_code)]

use assert_cmd::Command;
use std::path::Path;

/// A `hotseat` command isolated in `dir` (config and data), with no HOTSEAT_* or OPENAI_* leaking in.
pub fn hotseat(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("hotseat").expect("binary builds");
    for (k, _) in std::env::vars() {
        if k.starts_with("HOTSEAT_") || k.starts_with("OPENAI_") {
            cmd.env_remove(k);
        }
    }
    cmd.env("HOTSEAT_CONFIG_DIR", dir.join("config"))
        .env("HOTSEAT_DATA_DIR", dir.join("data"))
        .env("NO_COLOR", "1");
    cmd
}

/// Runs `hotseat ARGS` isolated in `dir` with the LLM at `base` (model `model`, a test key, no
/// proxy), on the blocking pool so a fake server on the test's runtime can answer.
pub async fn run_with_llm(
    dir: &Path,
    base: &str,
    model: &str,
    args: &[&str],
) -> std::process::Output {
    let dir = dir.to_path_buf();
    let (base, model) = (base.to_string(), model.to_string());
    let args: Vec<String> = args.iter().map(|a| (*a).to_string()).collect();
    tokio::task::spawn_blocking(move || {
        hotseat(&dir)
            .args(&args)
            .env("NO_PROXY", "*")
            .env("HOTSEAT_LLM_BASE_URL", base)
            .env("HOTSEAT_MODEL", model)
            .env("OPENAI_API_KEY", "sk-test")
            .output()
            .expect("hotseat runs")
    })
    .await
    .expect("the command's task finishes")
}

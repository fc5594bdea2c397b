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

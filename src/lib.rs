//! hotseat: interview practice in the terminal. The library holds everything; `main.rs` only dispatches.

pub mod analytics;
pub mod bank;
pub mod cli;
pub mod commands;
pub mod config;
pub mod domain;
pub mod interview;
pub mod llm;
pub mod practice;
pub mod prep;
pub mod scoring;
pub mod store;
pub mod tui;

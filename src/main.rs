//! The `hotseat` binary: parse the command line, then run a command or the full-screen app.

use clap::Parser;
use hotseat::cli::Cli;

fn main() {
    let cli = Cli::parse();
    let result = match &cli.command {
        Some(command) => hotseat::commands::run(&cli, command),
        None => hotseat::tui::run_app(&cli),
    };
    match result {
        Ok(code) => std::process::exit(code),
        Err(e) => {
            eprintln!("error: {e:#}");
            std::process::exit(1);
        }
    }
}

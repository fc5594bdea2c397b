//! The full-screen app: terminal setup and teardown around the event loop.

use crate::cli::Cli;
use anyhow::Result;

/// Opens the full-screen app and runs it until the user quits; returns the exit code.
pub fn run_app(cli: &Cli) -> Result<i32> {
    let ctx = crate::commands::Context::from_cli(cli)?;
    let bank = ctx.bank();
    let store = crate::store::SledStore::open(&ctx.config.paths.data_dir)?;
    let counts = crate::store::Store::counts(&store)?;
    let mut terminal = ratatui::init();
    let result = (|| -> Result<()> {
        loop {
            terminal.draw(|f| {
                let text = format!(
                    "hotseat\n\n{} questions · {} personas · {} attempts\n\nq to quit",
                    bank.questions().len(),
                    bank.personas().len(),
                    counts.attempts
                );
                f.render_widget(ratatui::widgets::Paragraph::new(text), f.area());
            })?;
            if let crossterm::event::Event::Key(k) = crossterm::event::read()?
                && matches!(k.code, crossterm::event::KeyCode::Char('q'))
            {
                return Ok(());
            }
        }
    })();
    ratatui::restore();
    result.map(|()| 0)
}

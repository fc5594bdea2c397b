//! Terminal input on its own task: crossterm's EventStream and a tick, merged into one channel.

use crossterm::event::{Event as CtEvent, EventStream, KeyEvent, KeyEventKind, MouseEvent};
use futures::StreamExt;
use std::time::Duration;
use tokio::sync::mpsc::UnboundedSender;
use tokio::task::JoinHandle;

/// Something that happened at the terminal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// A key press (releases and repeats of other kinds are dropped).
    Key(KeyEvent),
    /// A mouse event.
    Mouse(MouseEvent),
    /// The terminal was resized.
    Resize(u16, u16),
    /// The periodic tick.
    Tick,
    /// Reading input failed.
    Error(String),
}

/// Spawns the input task; it ends when the receiver is dropped.
pub fn spawn(tx: UnboundedSender<Event>, tick: Duration) -> JoinHandle<()> {
    tokio::spawn(async move {
        let mut stream = EventStream::new();
        let mut ticker = tokio::time::interval(tick);
        ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
        loop {
            let event = tokio::select! {
                _ = ticker.tick() => Event::Tick,
                next = stream.next() => match next {
                    Some(Ok(CtEvent::Key(k))) if k.kind != KeyEventKind::Release => Event::Key(k),
                    Some(Ok(CtEvent::Mouse(m))) => Event::Mouse(m),
                    Some(Ok(CtEvent::Resize(w, h))) => Event::Resize(w, h),
                    Some(Ok(_)) => continue,
                    Some(Err(e)) => Event::Error(e.to_string()),
                    None => break,
                },
            };
            if tx.send(event).is_err() {
                break;
            }
        }
    })
}

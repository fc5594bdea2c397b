//! The requests an effect runner has in flight, each with the token that cancels it.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use tokio_util::sync::CancellationToken;

/// Cancellation tokens of running requests, by request id; cheap to clone and share with tasks.
#[derive(Clone, Default)]
pub struct CancelTable {
    running: Arc<Mutex<HashMap<u64, CancellationToken>>>,
}

impl CancelTable {
    /// Registers `request` and returns the token its task should watch.
    pub fn register(&self, request: u64) -> CancellationToken {
        let token = CancellationToken::new();
        if let Ok(mut running) = self.running.lock() {
            running.insert(request, token.clone());
        }
        token
    }

    /// Forgets `request` once its task has ended.
    pub fn finish(&self, request: u64) {
        if let Ok(mut running) = self.running.lock() {
            running.remove(&request);
        }
    }

    /// Cancels `request`, if it is still running; its later output is then dropped.
    pub fn cancel(&self, request: u64) {
        if let Ok(mut running) = self.running.lock()
            && let Some(token) = running.remove(&request)
        {
            token.cancel();
        }
    }

    /// Whether `request` is running.
    pub fn is_running(&self, request: u64) -> bool {
        self.running
            .lock()
            .is_ok_and(|running| running.contains_key(&request))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cancel_fires_the_registered_token_once_and_forgets_it() {
        let table = CancelTable::default();
        let token = table.register(7);
        assert!(table.is_running(7));
        table.cancel(7);
        assert!(token.is_cancelled());
        assert!(!table.is_running(7));
        table.cancel(7); // a second cancel is a no-op
    }

    #[test]
    fn a_finished_request_is_not_cancelled_later() {
        let table = CancelTable::default();
        let token = table.register(1);
        let other = table.register(2);
        table.finish(1);
        table.cancel(1);
        assert!(!token.is_cancelled());
        assert!(table.is_running(2) && !other.is_cancelled());
    }
}

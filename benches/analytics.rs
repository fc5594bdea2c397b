//! Analytics speed on a generated 100k-attempt store: `hotseat progress --json` end to end
//! (process start included), the trends data, and the app's first frame after start.

use criterion::{Criterion, criterion_group, criterion_main};
use hotseat::analytics::generate::{Spec, history};
use hotseat::analytics::load::load_trends;
use hotseat::analytics::{Catalog, Options};
use hotseat::bank::Bank;
use hotseat::config::{Config, ConfigInputs};
use hotseat::store::{SledStore, Store};
use hotseat::tui::startup;
use hotseat::tui::state::AppState;
use hotseat::tui::ui::{self, theme::Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

const ATTEMPTS: usize = 100_000;

/// A 100k-attempt store over the shipped bank (three years, several zones), built once and kept
/// under target/ so later runs reuse it.
fn store_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-store-100k");
    let config = dir.join("config");
    let data = dir.join("data");
    std::fs::create_dir_all(&config).expect("bench dir");
    let store = SledStore::open(&data).expect("open bench store");
    if store.counts().expect("counts").attempts != ATTEMPTS {
        let catalog = Catalog::from_bank(&Bank::load(None).bank);
        let mut spec = Spec::new(2026, ATTEMPTS, 3 * 365);
        spec.start = jiff::Timestamp::now() - jiff::SignedDuration::from_hours(24 * 3 * 365);
        let attempts = history(&spec, &catalog);
        store.save_attempts(&attempts).expect("save attempts");
    }
    dir
}

fn benches(c: &mut Criterion) {
    let dir = store_dir();
    let data = dir.join("data");
    let bank = Arc::new(Bank::load(None).bank);
    let catalog = Catalog::from_bank(&bank);

    let mut group = c.benchmark_group("analytics_100k");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(10));
    {
        let store = SledStore::open(&data).expect("open");
        group.bench_function("trends_data", |b| {
            b.iter(|| {
                let opts = Options::new(jiff::Timestamp::now(), jiff::tz::TimeZone::system());
                load_trends(&store, &catalog, &opts).expect("trends")
            });
        });
    }
    group.bench_function("progress_json_end_to_end", |b| {
        b.iter(|| {
            let out = std::process::Command::new(env!("CARGO_BIN_EXE_hotseat"))
                .args(["progress", "--json"])
                .env("HOTSEAT_DATA_DIR", &data)
                .env("HOTSEAT_CONFIG_DIR", dir.join("config"))
                .output()
                .expect("run hotseat");
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            out.stdout.len()
        });
    });
    group.bench_function("first_frame", |b| {
        let config = Config::load(&ConfigInputs {
            config_dir: Some(dir.join("config")),
            data_dir: Some(data.clone()),
            ..ConfigInputs::default()
        })
        .expect("config");
        b.iter_custom(|iters| {
            let mut timed = Duration::ZERO;
            for _ in 0..iters {
                let start = Instant::now();
                // what the app does before its first draw (src/tui/startup.rs): lock the data
                // dir, start opening the store on its own thread, load the bank and keymap;
                // then build the state and draw the home screen
                let started = startup::begin(&config.paths, 0, |_| {}).expect("start");
                let state = AppState::new(
                    Arc::new(started.loaded.bank),
                    config.settings.clone(),
                    (120, 40),
                );
                let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
                let theme = Theme::new(config.settings.theme, false);
                terminal
                    .draw(|f| ui::render(f, &state, &started.keymap, &theme))
                    .expect("draw");
                timed += start.elapsed();
                // after the first frame: the store finishes opening; closing it is not start-up
                started.store.wait().expect("store opens");
                drop(started.store);
            }
            timed
        });
    });
    group.finish();
}

criterion_group!(analytics, benches);
criterion_main!(analytics);

//! Settings from the config file, HOTSEAT_* variables and flags (flag > env > file > default), and paths.

use crate::bank::FileError;
use crate::domain::Role;
use directories::ProjectDirs;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

/// Where a setting's value came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "from", rename_all = "snake_case")]
pub enum Source {
    /// The built-in default.
    Default,
    /// The config file.
    File(PathBuf),
    /// An environment variable.
    Env(String),
    /// A command-line flag.
    Flag(String),
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Default => f.write_str("default"),
            Self::File(p) => write!(f, "file {}", p.display()),
            Self::Env(v) => write!(f, "env {v}"),
            Self::Flag(flag) => write!(f, "flag {flag}"),
        }
    }
}

/// The shape a setting's value must have.
#[derive(Debug, Clone, Copy)]
enum ValueKind {
    /// A whole number within bounds.
    Number { min: u32, max: u32 },
    /// true / false.
    Bool,
    /// One of a fixed set.
    Choice(&'static [&'static str]),
    /// Any non-empty text.
    Text,
    /// A non-negative amount of US dollars, e.g. `12.50`.
    Usd,
    /// Per-model prices: `model=input/output; …` in USD per million tokens.
    Prices,
}

/// One known setting.
struct SettingDef {
    key: &'static str,
    env: &'static str,
    default: &'static str,
    kind: ValueKind,
    help: &'static str,
}

const SETTINGS: &[SettingDef] = &[
    SettingDef {
        key: "question_count",
        env: "HOTSEAT_QUESTION_COUNT",
        default: "5",
        kind: ValueKind::Number { min: 1, max: 50 },
        help: "questions in a practice session",
    },
    SettingDef {
        key: "practice_minutes",
        env: "HOTSEAT_PRACTICE_MINUTES",
        default: "30",
        kind: ValueKind::Number { min: 0, max: 480 },
        help: "planned length of a practice session in minutes (0 = no limit)",
    },
    SettingDef {
        key: "mock_minutes",
        env: "HOTSEAT_MOCK_MINUTES",
        default: "30",
        kind: ValueKind::Number { min: 5, max: 240 },
        help: "planned length of a mock interview in minutes",
    },
    SettingDef {
        key: "interviewer_style",
        env: "HOTSEAT_INTERVIEWER_STYLE",
        default: "neutral",
        kind: ValueKind::Text,
        help: "persona id used for mock interviews unless one is chosen",
    },
    SettingDef {
        key: "role",
        env: "HOTSEAT_ROLE",
        default: "any",
        kind: ValueKind::Choice(&[
            "any",
            "software_engineer",
            "frontend_engineer",
            "data_scientist",
            "data_engineer",
            "devops_sre",
            "engineering_manager",
            "product_manager",
            "consultant",
            "finance",
        ]),
        help: "the role you are preparing for: the default for practice and mock interviews",
    },
    SettingDef {
        key: "track_performance",
        env: "HOTSEAT_TRACK_PERFORMANCE",
        default: "true",
        kind: ValueKind::Bool,
        help: "store attempts and scores for trends and history",
    },
    SettingDef {
        key: "retention_days",
        env: "HOTSEAT_RETENTION_DAYS",
        default: "0",
        kind: ValueKind::Number { min: 0, max: 36500 },
        help: "delete attempts older than this many days at start (0 = keep forever)",
    },
    SettingDef {
        key: "hide_example_answers",
        env: "HOTSEAT_HIDE_EXAMPLE_ANSWERS",
        default: "false",
        kind: ValueKind::Bool,
        help: "hide example answers until the question has been attempted",
    },
    SettingDef {
        key: "theme",
        env: "HOTSEAT_THEME",
        default: "dark",
        kind: ValueKind::Choice(&["dark", "light"]),
        help: "colour theme (NO_COLOR disables colour whatever this says)",
    },
    SettingDef {
        key: "on_timeout",
        env: "HOTSEAT_ON_TIMEOUT",
        default: "overtime",
        kind: ValueKind::Choice(&["overtime", "submit"]),
        help: "when a practice answer's time runs out: keep going marked overtime, or submit",
    },
    SettingDef {
        key: "llm_preset",
        env: "HOTSEAT_LLM_PRESET",
        default: "none",
        kind: ValueKind::Choice(&["none", "openai", "ollama", "llamacpp", "vllm", "lmstudio"]),
        help: "LLM server kind; none keeps everything on this machine unless a base URL is set",
    },
    SettingDef {
        key: "llm_base_url",
        env: "HOTSEAT_LLM_BASE_URL",
        default: "",
        kind: ValueKind::Text,
        help: "OpenAI-compatible base URL (…/v1); else OPENAI_BASE_URL, else the preset's",
    },
    SettingDef {
        key: "llm_model",
        env: "HOTSEAT_MODEL",
        default: "",
        kind: ValueKind::Text,
        help: "model name sent to the LLM server; else the preset's default",
    },
    SettingDef {
        key: "llm_api_key_env",
        env: "HOTSEAT_LLM_API_KEY_ENV",
        default: "OPENAI_API_KEY",
        kind: ValueKind::Text,
        help: "name of the environment variable holding the API key (the key itself is never stored)",
    },
    SettingDef {
        key: "llm_monthly_token_budget",
        env: "HOTSEAT_LLM_MONTHLY_TOKEN_BUDGET",
        default: "0",
        kind: ValueKind::Number {
            min: 0,
            max: u32::MAX,
        },
        help: "LLM tokens allowed per calendar month; warns at 80%, stops LLM use at 100% (0 = no budget)",
    },
    SettingDef {
        key: "llm_monthly_usd_budget",
        env: "HOTSEAT_LLM_MONTHLY_USD_BUDGET",
        default: "0",
        kind: ValueKind::Usd,
        help: "US dollars of LLM use allowed per calendar month, priced by llm_prices (0 = no budget)",
    },
    SettingDef {
        key: "llm_prices",
        env: "HOTSEAT_LLM_PRICES",
        default: "",
        kind: ValueKind::Prices,
        help: "USD per million tokens, input/output, per model: \"gpt-4o-mini=0.15/0.60; gpt-4o=2.5/10\"",
    },
    SettingDef {
        key: "llm_cache_ttl_hours",
        env: "HOTSEAT_LLM_CACHE_TTL_HOURS",
        default: "24",
        kind: ValueKind::Number { min: 0, max: 8760 },
        help: "hours an identical LLM judge request is answered from the cache (0 = no cache)",
    },
    SettingDef {
        key: "llm_timeout_secs",
        env: "HOTSEAT_LLM_TIMEOUT_SECS",
        default: "120",
        kind: ValueKind::Number { min: 1, max: 3600 },
        help: "seconds an LLM server may stay silent (no bytes) before the call fails",
    },
];

/// The colour theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Theme {
    /// Light text on a dark terminal.
    Dark,
    /// Dark text on a light terminal.
    Light,
}

/// What happens when a practice answer's time runs out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TimeoutAction {
    /// Keep typing; the attempt is marked overtime.
    Overtime,
    /// Submit what is there.
    Submit,
}

/// The merged settings, typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Settings {
    /// Questions in a practice session.
    pub question_count: u32,
    /// Planned practice length in minutes; 0 is no limit.
    pub practice_minutes: u32,
    /// Planned mock interview length in minutes.
    pub mock_minutes: u32,
    /// Persona id for mock interviews.
    pub interviewer_style: String,
    /// The role being prepared for; the default role of practice and mock interviews.
    pub role: Role,
    /// Whether attempts are stored.
    pub track_performance: bool,
    /// Days to keep attempts; 0 keeps them forever.
    pub retention_days: u32,
    /// Hide example answers until attempted.
    pub hide_example_answers: bool,
    /// Colour theme.
    pub theme: Theme,
    /// What a time-out does in practice.
    pub on_timeout: TimeoutAction,
    /// The LLM settings (all off by default).
    pub llm: LlmSettings,
}

impl Settings {
    /// The `role` setting as a question filter: `None` for any role.
    pub fn role_filter(&self) -> Option<Role> {
        (self.role != Role::Any).then_some(self.role)
    }
}

/// LLM settings as configured; `crate::llm::LlmEndpoint::resolve` adds OPENAI_* variables and presets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LlmSettings {
    /// `llm_preset`: none, openai, ollama, llamacpp, vllm or lmstudio.
    pub preset: String,
    /// `llm_base_url`; empty when not set.
    pub base_url: String,
    /// `llm_model`; empty when not set.
    pub model: String,
    /// `llm_api_key_env`: the variable that holds the API key.
    pub api_key_env: String,
    /// `llm_monthly_token_budget`; 0 is no budget.
    pub monthly_token_budget: u64,
    /// `llm_monthly_usd_budget` in millionths of a dollar; 0 is no budget.
    pub monthly_usd_budget_micros: u64,
    /// `llm_prices`, parsed.
    pub prices: Vec<crate::llm::ModelPrice>,
    /// `llm_cache_ttl_hours`; 0 turns the cache off.
    pub cache_ttl_hours: u32,
    /// `llm_timeout_secs`: the longest silence allowed from the server.
    pub timeout_secs: u32,
}

/// One row of `config show`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ShownSetting {
    /// The setting's key in the config file.
    pub key: String,
    /// Its value, as text.
    pub value: String,
    /// Where it came from.
    pub source: Source,
    /// The environment variable that overrides it.
    pub env: String,
    /// What it does.
    pub help: String,
}

/// Where hotseat keeps its files.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Paths {
    /// Config dir: config.toml, keymap.toml, question_banks/, personas/.
    pub config_dir: PathBuf,
    /// Data dir: the sled database and logs.
    pub data_dir: PathBuf,
    /// The config file.
    pub config_file: PathBuf,
}

/// Everything loaded: typed settings, their sources, and paths.
#[derive(Debug, Clone)]
pub struct Config {
    /// Typed settings.
    pub settings: Settings,
    /// Paths in use.
    pub paths: Paths,
    values: BTreeMap<&'static str, (String, Source)>,
}

/// A setting that could not be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    /// A problem inside the config file.
    #[error("{0}")]
    File(FileError),
    /// A bad environment variable.
    #[error("environment variable {var}={value}: {message}")]
    Env {
        /// The variable.
        var: String,
        /// Its value.
        value: String,
        /// What is wrong.
        message: String,
    },
    /// A bad flag.
    #[error("flag {flag} {value}: {message}")]
    Flag {
        /// The flag.
        flag: String,
        /// Its value.
        value: String,
        /// What is wrong.
        message: String,
    },
    /// No home directory to derive default paths from.
    #[error("cannot find a home directory; set HOTSEAT_DATA_DIR and HOTSEAT_CONFIG_DIR")]
    NoHome,
}

/// Inputs to loading: flag overrides and the environment (injectable for tests).
#[derive(Debug, Clone, Default)]
pub struct ConfigInputs {
    /// `--config-dir`.
    pub config_dir: Option<PathBuf>,
    /// `--data-dir`.
    pub data_dir: Option<PathBuf>,
    /// `--set key=value` pairs, in order.
    pub sets: Vec<String>,
    /// Environment variables (name, value).
    pub env: BTreeMap<String, String>,
}

impl ConfigInputs {
    /// Inputs with the process environment's HOTSEAT_* variables.
    pub fn from_process_env() -> Self {
        Self {
            env: std::env::vars()
                .filter(|(k, _)| k.starts_with("HOTSEAT_") || k == "NO_COLOR")
                .collect(),
            ..Self::default()
        }
    }
}

impl Config {
    /// Loads settings: defaults, then the config file, then HOTSEAT_* variables, then flags.
    pub fn load(inputs: &ConfigInputs) -> Result<Self, ConfigError> {
        let dirs = ProjectDirs::from("", "", "hotseat");
        let config_dir = inputs
            .config_dir
            .clone()
            .or_else(|| inputs.env.get("HOTSEAT_CONFIG_DIR").map(PathBuf::from))
            .or_else(|| dirs.as_ref().map(|d| d.config_dir().to_path_buf()))
            .ok_or(ConfigError::NoHome)?;
        let config_file = config_dir.join("config.toml");

        let mut values: BTreeMap<&'static str, (String, Source)> = SETTINGS
            .iter()
            .map(|d| (d.key, (d.default.to_string(), Source::Default)))
            .collect();
        let mut file_data_dir = None;
        if let Ok(text) = std::fs::read_to_string(&config_file) {
            file_data_dir = apply_file(&config_file, &text, &mut values)?;
        }
        for def in SETTINGS {
            if let Some(v) = inputs.env.get(def.env) {
                check(def, v).map_err(|message| ConfigError::Env {
                    var: def.env.to_string(),
                    value: v.clone(),
                    message,
                })?;
                values.insert(
                    def.key,
                    (v.trim().to_string(), Source::Env(def.env.to_string())),
                );
            }
        }
        for set in &inputs.sets {
            let flag_err = |message: String| ConfigError::Flag {
                flag: "--set".into(),
                value: set.clone(),
                message,
            };
            let (key, value) = set
                .split_once('=')
                .ok_or_else(|| flag_err("expected KEY=VALUE".into()))?;
            let def = find(key.trim()).ok_or_else(|| flag_err(unknown_key(key.trim())))?;
            check(def, value).map_err(flag_err)?;
            values.insert(
                def.key,
                (
                    value.trim().to_string(),
                    Source::Flag(format!("--set {}", def.key)),
                ),
            );
        }

        let data_dir = inputs
            .data_dir
            .clone()
            .or_else(|| inputs.env.get("HOTSEAT_DATA_DIR").map(PathBuf::from))
            .or(file_data_dir)
            .or_else(|| dirs.as_ref().map(|d| d.data_dir().to_path_buf()))
            .ok_or(ConfigError::NoHome)?;
        let settings = typed(&values);
        Ok(Self {
            settings,
            paths: Paths {
                config_dir,
                data_dir,
                config_file,
            },
            values,
        })
    }

    /// Every setting with its value, source, variable and help, for `config show`.
    pub fn shown(&self) -> Vec<ShownSetting> {
        SETTINGS
            .iter()
            .map(|d| {
                let (value, source) = self.values[d.key].clone();
                ShownSetting {
                    key: d.key.to_string(),
                    value,
                    source,
                    env: d.env.to_string(),
                    help: d.help.to_string(),
                }
            })
            .collect()
    }
}

fn find(key: &str) -> Option<&'static SettingDef> {
    SETTINGS.iter().find(|d| d.key == key)
}

fn unknown_key(key: &str) -> String {
    let known: Vec<&str> = SETTINGS.iter().map(|d| d.key).collect();
    format!(
        "unknown setting '{key}' (known: {}, data_dir)",
        known.join(", ")
    )
}

/// Checks a raw value against a setting's kind.
fn check(def: &SettingDef, raw: &str) -> Result<(), String> {
    let raw = raw.trim();
    match def.kind {
        ValueKind::Number { min, max } => match raw.parse::<u32>() {
            Ok(n) if (min..=max).contains(&n) => Ok(()),
            Ok(n) => Err(format!("{n} is out of range ({min} to {max})")),
            Err(_) => Err(format!("expected a whole number from {min} to {max}")),
        },
        ValueKind::Bool => parse_bool(raw)
            .map(|_| ())
            .ok_or_else(|| "expected true or false".to_string()),
        ValueKind::Choice(options) => {
            if options.contains(&raw) {
                Ok(())
            } else {
                Err(format!("expected one of: {}", options.join(", ")))
            }
        }
        ValueKind::Text => {
            if raw.is_empty() {
                Err("must not be empty".into())
            } else {
                Ok(())
            }
        }
        ValueKind::Usd => crate::llm::parse_usd_micros(raw).map(|_| ()),
        ValueKind::Prices => crate::llm::parse_prices(raw).map(|_| ()),
    }
}

fn parse_bool(raw: &str) -> Option<bool> {
    match raw.to_ascii_lowercase().as_str() {
        "true" | "1" | "yes" | "on" => Some(true),
        "false" | "0" | "no" | "off" => Some(false),
        _ => None,
    }
}

/// Applies the config file's values; returns its `data_dir` if set.
fn apply_file(
    path: &Path,
    text: &str,
    values: &mut BTreeMap<&'static str, (String, Source)>,
) -> Result<Option<PathBuf>, ConfigError> {
    let file_err = |line: usize, field: Option<String>, message: String| {
        ConfigError::File(FileError {
            file: path.to_path_buf(),
            line,
            column: 1,
            field,
            message,
        })
    };
    let table: toml::Table = toml::from_str(text).map_err(|e| {
        let (line, _) = e
            .span()
            .map_or((0, 0), |s| crate::bank::line_col(text, s.start));
        file_err(line, None, e.message().trim().to_string())
    })?;
    let line_of = |key: &str| {
        text.lines()
            .position(|l| {
                l.trim_start()
                    .strip_prefix(key)
                    .is_some_and(|rest| rest.trim_start().starts_with('='))
            })
            .map_or(0, |i| i + 1)
    };
    let mut data_dir = None;
    for (key, value) in &table {
        if key == "data_dir" {
            match value.as_str() {
                Some(s) if !s.trim().is_empty() => data_dir = Some(PathBuf::from(s)),
                _ => {
                    return Err(file_err(
                        line_of(key),
                        Some(key.clone()),
                        "expected a path string".into(),
                    ));
                }
            }
            continue;
        }
        let def =
            find(key).ok_or_else(|| file_err(line_of(key), Some(key.clone()), unknown_key(key)))?;
        let raw = match value {
            toml::Value::String(s) => s.clone(),
            toml::Value::Integer(i) => i.to_string(),
            toml::Value::Boolean(b) => b.to_string(),
            other => other.to_string(),
        };
        check(def, &raw).map_err(|m| file_err(line_of(key), Some(key.clone()), m))?;
        values.insert(
            def.key,
            (raw.trim().to_string(), Source::File(path.to_path_buf())),
        );
    }
    Ok(data_dir)
}

/// Builds typed settings from checked raw values.
fn typed(values: &BTreeMap<&'static str, (String, Source)>) -> Settings {
    let raw = |k: &str| values.get(k).map_or("", |(v, _)| v.as_str());
    let num = |k: &str| raw(k).parse::<u32>().unwrap_or_default();
    let flag = |k: &str| parse_bool(raw(k)).unwrap_or_default();
    Settings {
        question_count: num("question_count"),
        practice_minutes: num("practice_minutes"),
        mock_minutes: num("mock_minutes"),
        interviewer_style: raw("interviewer_style").to_string(),
        role: raw("role").parse().unwrap_or(Role::Any),
        track_performance: flag("track_performance"),
        retention_days: num("retention_days"),
        hide_example_answers: flag("hide_example_answers"),
        theme: if raw("theme") == "light" {
            Theme::Light
        } else {
            Theme::Dark
        },
        on_timeout: if raw("on_timeout") == "submit" {
            TimeoutAction::Submit
        } else {
            TimeoutAction::Overtime
        },
        llm: LlmSettings {
            preset: raw("llm_preset").to_string(),
            base_url: raw("llm_base_url").to_string(),
            model: raw("llm_model").to_string(),
            api_key_env: raw("llm_api_key_env").to_string(),
            monthly_token_budget: u64::from(num("llm_monthly_token_budget")),
            monthly_usd_budget_micros: crate::llm::parse_usd_micros(raw("llm_monthly_usd_budget"))
                .unwrap_or_default(),
            prices: crate::llm::parse_prices(raw("llm_prices")).unwrap_or_default(),
            cache_ttl_hours: num("llm_cache_ttl_hours"),
            timeout_secs: num("llm_timeout_secs"),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_role_setting_offers_every_role() {
        let def = find("role").expect("role is a setting");
        let ValueKind::Choice(choices) = def.kind else {
            panic!("role is a choice")
        };
        let ids: Vec<&str> = Role::ALL.iter().map(|r| r.as_str()).collect();
        assert_eq!(choices, ids.as_slice());
    }

    fn inputs(dir: &Path) -> ConfigInputs {
        ConfigInputs {
            config_dir: Some(dir.to_path_buf()),
            data_dir: Some(dir.join("data")),
            ..ConfigInputs::default()
        }
    }

    #[test]
    fn defaults_apply_without_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let cfg = Config::load(&inputs(dir.path())).unwrap();
        assert_eq!(cfg.settings.question_count, 5);
        assert!(cfg.settings.track_performance);
        assert!(cfg.shown().iter().all(|s| s.source == Source::Default));
    }

    #[test]
    fn flag_beats_env_beats_file_beats_default() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("config.toml"),
            "question_count = 7\nmock_minutes = 45\ntheme = \"light\"\n",
        )
        .unwrap();
        let mut i = inputs(dir.path());
        i.env.insert("HOTSEAT_QUESTION_COUNT".into(), "8".into());
        i.env.insert("HOTSEAT_MOCK_MINUTES".into(), "50".into());
        i.sets.push("question_count=9".into());
        let cfg = Config::load(&i).unwrap();
        assert_eq!(cfg.settings.question_count, 9);
        assert_eq!(cfg.settings.mock_minutes, 50);
        assert_eq!(cfg.settings.theme, Theme::Light);
        assert_eq!(cfg.settings.practice_minutes, 30);
        let shown = cfg.shown();
        let source = |k: &str| shown.iter().find(|s| s.key == k).unwrap().source.clone();
        assert_eq!(
            source("question_count"),
            Source::Flag("--set question_count".into())
        );
        assert_eq!(
            source("mock_minutes"),
            Source::Env("HOTSEAT_MOCK_MINUTES".into())
        );
        assert_eq!(
            source("theme"),
            Source::File(dir.path().join("config.toml"))
        );
        assert_eq!(source("practice_minutes"), Source::Default);
    }

    #[test]
    fn bad_file_value_names_file_line_and_field() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("config.toml"),
            "# mine\nquestion_count = 7\ntheme = \"purple\"\n",
        )
        .unwrap();
        let err = Config::load(&inputs(dir.path())).unwrap_err().to_string();
        assert!(err.contains("config.toml:3"), "{err}");
        assert!(err.contains("field `theme`"), "{err}");
        assert!(err.contains("dark, light"), "{err}");
    }

    #[test]
    fn unknown_file_key_and_bad_env_and_flag_are_named() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("config.toml"), "questoin_count = 3\n").unwrap();
        let err = Config::load(&inputs(dir.path())).unwrap_err().to_string();
        assert!(
            err.contains(":1") && err.contains("unknown setting 'questoin_count'"),
            "{err}"
        );

        let dir = tempfile::tempdir().unwrap();
        let mut i = inputs(dir.path());
        i.env
            .insert("HOTSEAT_TRACK_PERFORMANCE".into(), "maybe".into());
        let err = Config::load(&i).unwrap_err().to_string();
        assert_eq!(
            err,
            "environment variable HOTSEAT_TRACK_PERFORMANCE=maybe: expected true or false"
        );

        let mut i = inputs(dir.path());
        i.sets.push("question_count=0".into());
        let err = Config::load(&i).unwrap_err().to_string();
        assert_eq!(
            err,
            "flag --set question_count=0: 0 is out of range (1 to 50)"
        );
    }

    #[test]
    fn llm_settings_load_with_prices_and_a_dollar_budget() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("config.toml"),
            "llm_preset = \"ollama\"\nllm_monthly_usd_budget = 2.5\nllm_prices = \"llama3.1=0/0; gpt-4o-mini=0.15/0.60\"\n",
        )
        .unwrap();
        let mut i = inputs(dir.path());
        i.env.insert("HOTSEAT_MODEL".into(), "qwen2.5".into());
        let cfg = Config::load(&i).unwrap();
        let llm = &cfg.settings.llm;
        assert_eq!(llm.preset, "ollama");
        assert_eq!(llm.model, "qwen2.5");
        assert_eq!(llm.monthly_usd_budget_micros, 2_500_000);
        assert_eq!(llm.prices.len(), 2);
        assert_eq!(llm.prices[1].output_micros_per_mtok, 600_000);
        assert_eq!(llm.cache_ttl_hours, 24);
        assert_eq!(llm.api_key_env, "OPENAI_API_KEY");

        std::fs::write(
            dir.path().join("config.toml"),
            "llm_prices = \"gpt-4o=2.5\"\n",
        )
        .unwrap();
        let err = Config::load(&inputs(dir.path())).unwrap_err().to_string();
        assert!(
            err.contains("config.toml:1") && err.contains("input/output"),
            "{err}"
        );
        let mut i = inputs(dir.path());
        std::fs::remove_file(dir.path().join("config.toml")).unwrap();
        i.sets.push("llm_preset=chatgpt".into());
        let err = Config::load(&i).unwrap_err().to_string();
        assert!(err.contains("ollama"), "{err}");
    }

    #[test]
    fn data_dir_precedence() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("config.toml"),
            "data_dir = \"/from/file\"\n",
        )
        .unwrap();
        let mut i = ConfigInputs {
            config_dir: Some(dir.path().to_path_buf()),
            ..ConfigInputs::default()
        };
        assert_eq!(
            Config::load(&i).unwrap().paths.data_dir,
            PathBuf::from("/from/file")
        );
        i.env.insert("HOTSEAT_DATA_DIR".into(), "/from/env".into());
        assert_eq!(
            Config::load(&i).unwrap().paths.data_dir,
            PathBuf::from("/from/env")
        );
        i.data_dir = Some("/from/flag".into());
        assert_eq!(
            Config::load(&i).unwrap().paths.data_dir,
            PathBuf::from("/from/flag")
        );
    }
}

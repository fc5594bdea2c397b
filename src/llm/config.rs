//! The resolved LLM endpoint: preset, base URL, model and where the API key comes from.

use super::LlmError;
use crate::config::LlmSettings;
use serde::Serialize;
use std::fmt;

/// A kind of OpenAI-compatible server with known defaults.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Preset {
    /// api.openai.com; needs an API key.
    Openai,
    /// Ollama's OpenAI-compatible endpoint on localhost:11434.
    Ollama,
    /// llama.cpp's `llama-server` on localhost:8080.
    Llamacpp,
    /// vLLM's OpenAI-compatible server on localhost:8000.
    Vllm,
    /// LM Studio's local server on localhost:1234.
    Lmstudio,
}

impl Preset {
    /// Every preset.
    pub const ALL: [Self; 5] = [
        Self::Openai,
        Self::Ollama,
        Self::Llamacpp,
        Self::Vllm,
        Self::Lmstudio,
    ];

    /// The name used in the config file.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Openai => "openai",
            Self::Ollama => "ollama",
            Self::Llamacpp => "llamacpp",
            Self::Vllm => "vllm",
            Self::Lmstudio => "lmstudio",
        }
    }

    /// The preset named `name`; `None` for "none" or an unknown name.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.as_str() == name.trim())
    }

    /// The server's usual base URL.
    pub fn default_base_url(self) -> &'static str {
        match self {
            Self::Openai => "https://api.openai.com/v1",
            Self::Ollama => "http://localhost:11434/v1",
            Self::Llamacpp => "http://localhost:8080/v1",
            Self::Vllm => "http://localhost:8000/v1",
            Self::Lmstudio => "http://localhost:1234/v1",
        }
    }

    /// A model to ask for when none is configured; `None` when the user must name one.
    pub fn default_model(self) -> Option<&'static str> {
        match self {
            Self::Openai => Some("gpt-4o-mini"),
            Self::Ollama => Some("llama3.1"),
            // llama-server answers with whatever model it loaded, whatever name is sent.
            Self::Llamacpp => Some("default"),
            Self::Vllm | Self::Lmstudio => None,
        }
    }

    /// Whether the server normally needs an API key.
    pub fn needs_key(self) -> bool {
        matches!(self, Self::Openai)
    }
}

/// The API key. Never serialised, never printed: `Debug` and `Display` show only whether it is set.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiKey(String);

impl ApiKey {
    /// Wraps a key read from the environment.
    pub fn new(key: impl Into<String>) -> Self {
        Self(key.into())
    }

    /// The secret, for the Authorization header only.
    pub(crate) fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ApiKey(<redacted>)")
    }
}

impl fmt::Display for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// Where a resolved value came from, for `llm check` and the status line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    /// A hotseat setting (config file, HOTSEAT_* variable or `--set`).
    Setting,
    /// An OPENAI_* environment variable.
    OpenaiEnv,
    /// The preset's default.
    Preset,
}

/// A fully resolved endpoint. Holds the key in memory only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LlmEndpoint {
    /// The preset, if one was chosen.
    pub preset: Option<Preset>,
    /// Normalised base URL: ends in `/v1`, no trailing slash.
    pub base_url: String,
    /// Where the base URL came from.
    pub base_url_origin: Origin,
    /// The model name sent with each request.
    pub model: String,
    /// The environment variable the key is read from.
    pub key_env: String,
    /// The key, when that variable is set and non-empty.
    pub api_key: Option<ApiKey>,
    /// The longest silence allowed from the server, in seconds.
    pub timeout_secs: u32,
}

/// A safe-to-show summary of an endpoint (no key).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EndpointSummary {
    /// The preset's name, if any.
    pub preset: Option<Preset>,
    /// The base URL.
    pub base_url: String,
    /// Where the base URL came from.
    pub base_url_origin: Origin,
    /// The model.
    pub model: String,
    /// The key's variable.
    pub key_env: String,
    /// Whether that variable is set.
    pub key_set: bool,
    /// Whether the server is on this machine.
    pub local: bool,
}

impl LlmEndpoint {
    /// Resolves the endpoint from settings and environment variables (`env` looks one up).
    ///
    /// An LLM is configured only when `llm_preset` is not `none`, or a base URL is given
    /// (`llm_base_url` or OPENAI_BASE_URL), or a model is named (`llm_model` / HOTSEAT_MODEL).
    /// OPENAI_API_KEY alone turns nothing on: nothing leaves the machine unless asked for.
    /// Returns `Ok(None)` when no LLM is configured.
    pub fn resolve(
        settings: &LlmSettings,
        env: &dyn Fn(&str) -> Option<String>,
    ) -> Result<Option<Self>, LlmError> {
        let non_empty = |v: Option<String>| v.filter(|s| !s.trim().is_empty());
        let preset = Preset::from_name(&settings.preset);
        let setting_base = non_empty(Some(settings.base_url.clone()));
        let env_base = non_empty(env("OPENAI_BASE_URL"));
        let model_setting = non_empty(Some(settings.model.clone()));
        let (raw_base, base_url_origin) = match (setting_base, env_base, preset) {
            (Some(b), _, _) => (b, Origin::Setting),
            (None, Some(b), _) => (b, Origin::OpenaiEnv),
            (None, None, Some(p)) => (p.default_base_url().to_string(), Origin::Preset),
            (None, None, None) => {
                return match model_setting {
                    None => Ok(None),
                    Some(m) => Err(LlmError::Config(format!(
                        "llm_model is set to '{}' but no server is: set llm_preset (openai, ollama, llamacpp, vllm, lmstudio) or llm_base_url / OPENAI_BASE_URL",
                        m.trim()
                    ))),
                };
            }
        };
        let base_url = normalize_base_url(&raw_base)?;
        let model = match (model_setting, preset.and_then(Preset::default_model)) {
            (Some(m), _) => m.trim().to_string(),
            (None, Some(m)) => m.to_string(),
            (None, None) => {
                return Err(LlmError::Config(format!(
                    "no model named for {}: set llm_model in config.toml or HOTSEAT_MODEL",
                    preset.map_or("the LLM server", Preset::as_str)
                )));
            }
        };
        let key_env = if settings.api_key_env.trim().is_empty() {
            "OPENAI_API_KEY".to_string()
        } else {
            settings.api_key_env.trim().to_string()
        };
        let api_key = non_empty(env(&key_env)).map(|k| ApiKey::new(k.trim()));
        if preset.is_some_and(Preset::needs_key) && api_key.is_none() && is_openai_host(&base_url) {
            return Err(LlmError::Config(format!(
                "the openai preset needs an API key: set {key_env}"
            )));
        }
        Ok(Some(Self {
            preset,
            base_url,
            base_url_origin,
            model,
            key_env,
            api_key,
            timeout_secs: settings.timeout_secs.max(1),
        }))
    }

    /// An endpoint for tests and tools: base URL and model given, key optional.
    pub fn new(
        base_url: &str,
        model: &str,
        api_key: Option<ApiKey>,
        timeout_secs: u32,
    ) -> Result<Self, LlmError> {
        Ok(Self {
            preset: None,
            base_url: normalize_base_url(base_url)?,
            base_url_origin: Origin::Setting,
            model: model.to_string(),
            key_env: "OPENAI_API_KEY".to_string(),
            api_key,
            timeout_secs: timeout_secs.max(1),
        })
    }

    /// The host (and port) requests go to.
    pub fn host(&self) -> String {
        host_of(&self.base_url)
    }

    /// Whether the server is on this machine (localhost / loopback).
    pub fn is_local(&self) -> bool {
        let host = self.host();
        let name = host
            .rsplit_once(':')
            .filter(|(_, port)| port.chars().all(|c| c.is_ascii_digit()))
            .map_or(host.as_str(), |(name, _)| name);
        let name = name.trim_start_matches('[').trim_end_matches(']');
        name.eq_ignore_ascii_case("localhost")
            || name
                .parse::<std::net::IpAddr>()
                .is_ok_and(|ip| ip.is_loopback())
    }

    /// A summary that is safe to print or export.
    pub fn summary(&self) -> EndpointSummary {
        EndpointSummary {
            preset: self.preset,
            base_url: self.base_url.clone(),
            base_url_origin: self.base_url_origin.clone(),
            model: self.model.clone(),
            key_env: self.key_env.clone(),
            key_set: self.api_key.is_some(),
            local: self.is_local(),
        }
    }

    /// One line for the screen saying that an LLM is in use and where answers go.
    pub fn status_line(&self) -> String {
        if self.is_local() {
            format!("LLM on: {} at {} (this machine)", self.model, self.host())
        } else {
            format!(
                "LLM on: {} at {} — answers are sent to this server",
                self.model,
                self.host()
            )
        }
    }
}

/// The status line when no LLM is configured.
pub const LLM_OFF_STATUS: &str = "LLM off: scoring is offline and nothing leaves this machine";

fn is_openai_host(base_url: &str) -> bool {
    host_of(base_url).eq_ignore_ascii_case("api.openai.com")
}

/// The `host[:port]` part of a URL.
pub(crate) fn host_of(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    host.to_string()
}

/// Normalises a base URL: trims, drops trailing slashes and a trailing `/chat/completions`,
/// and appends `/v1` when the path does not already end with it. Rejects non-HTTP URLs.
pub fn normalize_base_url(raw: &str) -> Result<String, LlmError> {
    let mut url = raw.trim().to_string();
    let lower = url.to_ascii_lowercase();
    if !(lower.starts_with("http://") || lower.starts_with("https://")) {
        return Err(LlmError::Config(format!(
            "base URL '{raw}' must start with http:// or https:// (e.g. http://localhost:11434/v1)"
        )));
    }
    if host_of(&url).is_empty() {
        return Err(LlmError::Config(format!("base URL '{raw}' has no host")));
    }
    while url.ends_with('/') {
        url.pop();
    }
    for suffix in ["/chat/completions", "/completions"] {
        if let Some(stripped) = url.strip_suffix(suffix) {
            url = stripped.trim_end_matches('/').to_string();
        }
    }
    if !url.ends_with("/v1") {
        url.push_str("/v1");
    }
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn settings() -> LlmSettings {
        LlmSettings {
            preset: "none".into(),
            base_url: String::new(),
            model: String::new(),
            api_key_env: "OPENAI_API_KEY".into(),
            monthly_token_budget: 0,
            monthly_usd_budget_micros: 0,
            prices: vec![],
            cache_ttl_hours: 24,
            timeout_secs: 120,
        }
    }

    fn env_of(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: BTreeMap<String, String> = pairs
            .iter()
            .map(|(k, v)| ((*k).to_string(), (*v).to_string()))
            .collect();
        move |k| map.get(k).cloned()
    }

    #[test]
    fn base_urls_are_normalised_to_v1_without_trailing_slash() {
        for (raw, want) in [
            ("http://localhost:11434/v1", "http://localhost:11434/v1"),
            ("http://localhost:11434/v1/", "http://localhost:11434/v1"),
            ("http://localhost:11434", "http://localhost:11434/v1"),
            ("http://localhost:11434/", "http://localhost:11434/v1"),
            (
                " https://api.openai.com/v1/chat/completions ",
                "https://api.openai.com/v1",
            ),
            ("http://h/proxy/v1//", "http://h/proxy/v1"),
        ] {
            assert_eq!(normalize_base_url(raw).unwrap(), want, "{raw}");
        }
        assert!(normalize_base_url("localhost:11434").is_err());
        assert!(normalize_base_url("http://").is_err());
    }

    #[test]
    fn nothing_is_configured_by_default_even_with_a_key_in_the_environment() {
        let env = env_of(&[("OPENAI_API_KEY", "sk-test")]);
        assert_eq!(LlmEndpoint::resolve(&settings(), &env).unwrap(), None);
    }

    #[test]
    fn presets_fill_base_url_and_model() {
        let mut s = settings();
        s.preset = "ollama".into();
        let e = LlmEndpoint::resolve(&s, &env_of(&[])).unwrap().unwrap();
        assert_eq!(e.base_url, "http://localhost:11434/v1");
        assert_eq!(e.model, "llama3.1");
        assert!(e.is_local());
        assert_eq!(e.base_url_origin, Origin::Preset);

        s.preset = "vllm".into();
        let err = LlmEndpoint::resolve(&s, &env_of(&[])).unwrap_err();
        assert!(err.to_string().contains("HOTSEAT_MODEL"), "{err}");

        s.preset = "openai".into();
        let err = LlmEndpoint::resolve(&s, &env_of(&[])).unwrap_err();
        assert!(err.to_string().contains("OPENAI_API_KEY"), "{err}");
        let e = LlmEndpoint::resolve(&s, &env_of(&[("OPENAI_API_KEY", "sk-x")]))
            .unwrap()
            .unwrap();
        assert!(!e.is_local());
        assert!(!format!("{e:?}").contains("sk-x"));
    }

    #[test]
    fn setting_beats_openai_env_beats_preset() {
        let mut s = settings();
        s.preset = "ollama".into();
        let env = env_of(&[("OPENAI_BASE_URL", "http://127.0.0.1:9/v1/")]);
        let e = LlmEndpoint::resolve(&s, &env).unwrap().unwrap();
        assert_eq!(e.base_url, "http://127.0.0.1:9/v1");
        assert_eq!(e.base_url_origin, Origin::OpenaiEnv);
        s.base_url = "http://[::1]:8080".into();
        let e = LlmEndpoint::resolve(&s, &env).unwrap().unwrap();
        assert_eq!(e.base_url, "http://[::1]:8080/v1");
        assert!(e.is_local());
        assert_eq!(e.base_url_origin, Origin::Setting);
    }

    #[test]
    fn the_key_variable_can_be_renamed() {
        let mut s = settings();
        s.base_url = "https://llm.example.com/v1".into();
        s.model = "m".into();
        s.api_key_env = "MY_KEY".into();
        let e = LlmEndpoint::resolve(&s, &env_of(&[("MY_KEY", "secret")]))
            .unwrap()
            .unwrap();
        assert_eq!(e.api_key.as_ref().map(ApiKey::expose), Some("secret"));
        assert_eq!(e.host(), "llm.example.com");
        assert!(e.status_line().contains("sent to this server"));
    }
}

//! Job posting URL → text: reqwest with timeouts and retries with backoff, one clear error per
//! failure (blocked, JavaScript-only, not found, timeout…), and extraction in order of trust:
//! schema.org JobPosting JSON-LD, then meta tags, then the page's readable text (scraper).

use scraper::{ElementRef, Html, Node, Selector};
use serde::{Deserialize, Serialize};
use std::fmt::Write as _;
use std::time::Duration;

/// How the posting's text was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Extraction {
    /// A schema.org JobPosting in JSON-LD: the most reliable.
    JsonLd,
    /// Only the page's meta description: a summary, not the full posting.
    MetaTags,
    /// The page's readable text, with navigation and scripts removed.
    ReadableText,
}

impl Extraction {
    /// A human label.
    pub fn label(self) -> &'static str {
        match self {
            Self::JsonLd => "structured job data (JSON-LD)",
            Self::MetaTags => {
                "the page's meta description only (a summary; paste the full text for a better guide)"
            }
            Self::ReadableText => "the page's readable text",
        }
    }
}

/// What was read from a posting page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Posting {
    /// The job title, if the page named it.
    pub title: Option<String>,
    /// The hiring company, if the page named it.
    pub company: Option<String>,
    /// The posting as plain text with Markdown headings and bullets.
    pub text: String,
    /// How it was found.
    pub extraction: Extraction,
}

/// Why a page gave no usable posting.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExtractError {
    /// The page builds its content with JavaScript; the HTML holds almost no text.
    #[error("the page builds its content with JavaScript, so there is no posting text in it")]
    JavaScriptOnly,
    /// The page has too little text to be a job posting.
    #[error("the page has only {words} words of text and no job data")]
    NothingUsable {
        /// Words found.
        words: usize,
    },
}

const ASK_FOR_TEXT: &str = "copy the posting's text into a file and run `hotseat prep --jd FILE` (or pipe it with `--jd -`)";

/// Why fetching a posting failed; each message says what happened and what to do.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    /// The URL is malformed.
    #[error("'{url}' is not a valid URL ({reason}); give an http(s):// address or a file")]
    InvalidUrl {
        /// The URL as given.
        url: String,
        /// What is wrong.
        reason: String,
    },
    /// The site refused the request (bot protection, login wall or rate limit).
    #[error(
        "{url}: the site refused the request (HTTP {status}); it blocks scripts or needs a login — {ASK_FOR_TEXT}"
    )]
    Blocked {
        /// The URL.
        url: String,
        /// The HTTP status.
        status: u16,
    },
    /// The page does not exist.
    #[error(
        "{url}: page not found (HTTP {status}); the posting may be closed — check the link, or {ASK_FOR_TEXT}"
    )]
    NotFound {
        /// The URL.
        url: String,
        /// The HTTP status.
        status: u16,
    },
    /// The server did not answer in time, after every retry.
    #[error(
        "{url}: no answer within {secs:.1}s after {attempts} attempt(s); the site is slow or unreachable — try again later, or {ASK_FOR_TEXT}"
    )]
    Timeout {
        /// The URL.
        url: String,
        /// The timeout per attempt, in seconds.
        secs: f32,
        /// How many attempts were made.
        attempts: u32,
    },
    /// The connection failed (DNS, refused, TLS), after every retry.
    #[error(
        "{url}: cannot connect ({message}) after {attempts} attempt(s); check the address and your network, or {ASK_FOR_TEXT}"
    )]
    Connect {
        /// The URL.
        url: String,
        /// The underlying error.
        message: String,
        /// How many attempts were made.
        attempts: u32,
    },
    /// The server failed (5xx) on every attempt, or answered with another error status.
    #[error("{url}: the server answered HTTP {status}; try again later, or {ASK_FOR_TEXT}")]
    Http {
        /// The URL.
        url: String,
        /// The HTTP status.
        status: u16,
    },
    /// The page is not HTML or text (a PDF, an image…).
    #[error(
        "{url}: the page is '{content_type}', not HTML; save the posting as text and run `hotseat prep --jd FILE`"
    )]
    NotHtml {
        /// The URL.
        url: String,
        /// The content type served.
        content_type: String,
    },
    /// The page loaded but holds no usable posting.
    #[error("{url}: {reason}; {ASK_FOR_TEXT}")]
    Unusable {
        /// The URL.
        url: String,
        /// Why.
        reason: ExtractError,
    },
    /// Any other request failure.
    #[error("{url}: request failed: {message}")]
    Request {
        /// The URL.
        url: String,
        /// The underlying error.
        message: String,
    },
}

/// Timeouts and retry policy for fetching a posting.
#[derive(Debug, Clone)]
pub struct FetchOptions {
    /// Time allowed for one whole attempt (connect, headers and body).
    pub timeout: Duration,
    /// Time allowed to connect.
    pub connect_timeout: Duration,
    /// Extra attempts after the first, for timeouts, connection errors, 429 and 5xx.
    pub retries: u32,
    /// The wait before the first retry; doubled for each further retry.
    pub backoff: Duration,
    /// Whether to honour HTTP(S)_PROXY (tests against 127.0.0.1 turn it off).
    pub use_proxy: bool,
}

impl Default for FetchOptions {
    fn default() -> Self {
        Self {
            timeout: Duration::from_secs(15),
            connect_timeout: Duration::from_secs(5),
            retries: 2,
            backoff: Duration::from_millis(500),
            use_proxy: true,
        }
    }
}

fn client(opts: &FetchOptions, url: &str) -> Result<reqwest::Client, FetchError> {
    let mut builder = reqwest::Client::builder()
        .timeout(opts.timeout)
        .connect_timeout(opts.connect_timeout)
        .user_agent(concat!(
            "hotseat/",
            env!("CARGO_PKG_VERSION"),
            " (interview prep)"
        ))
        .redirect(reqwest::redirect::Policy::limited(5));
    if !opts.use_proxy {
        builder = builder.no_proxy();
    }
    builder.build().map_err(|e| FetchError::Request {
        url: url.to_string(),
        message: e.to_string(),
    })
}

/// What one attempt came to.
enum Attempt {
    Done(Result<Posting, FetchError>),
    Retry(FetchError),
}

async fn attempt(client: &reqwest::Client, url: &str, opts: &FetchOptions, n: u32) -> Attempt {
    let response = match client
        .get(url)
        .header(
            reqwest::header::ACCEPT,
            "text/html,application/xhtml+xml,text/plain;q=0.8",
        )
        .send()
        .await
    {
        Ok(r) => r,
        Err(e) => return Attempt::Retry(request_error(&e, url, opts, n)),
    };
    let status = response.status().as_u16();
    let url_s = url.to_string();
    match status {
        200..=299 => {}
        404 | 410 => return Attempt::Done(Err(FetchError::NotFound { url: url_s, status })),
        401 | 403 | 451 => return Attempt::Done(Err(FetchError::Blocked { url: url_s, status })),
        429 => return Attempt::Retry(FetchError::Blocked { url: url_s, status }),
        500..=599 => return Attempt::Retry(FetchError::Http { url: url_s, status }),
        _ => return Attempt::Done(Err(FetchError::Http { url: url_s, status })),
    }
    let content_type = response
        .headers()
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("text/html")
        .to_string();
    if !(content_type.contains("html") || content_type.starts_with("text/")) {
        return Attempt::Done(Err(FetchError::NotHtml {
            url: url_s,
            content_type,
        }));
    }
    let body = match response.text().await {
        Ok(b) => b,
        Err(e) => return Attempt::Retry(request_error(&e, url, opts, n)),
    };
    let result = if content_type.contains("html") {
        extract_posting(&body)
    } else {
        plain_posting(&body)
    };
    Attempt::Done(result.map_err(|reason| FetchError::Unusable { url: url_s, reason }))
}

fn request_error(e: &reqwest::Error, url: &str, opts: &FetchOptions, attempts: u32) -> FetchError {
    if e.is_timeout() {
        FetchError::Timeout {
            url: url.to_string(),
            secs: opts.timeout.as_secs_f32(),
            attempts,
        }
    } else if e.is_connect() {
        let mut message = e.to_string();
        let mut source = std::error::Error::source(e);
        while let Some(s) = source {
            message = s.to_string();
            source = s.source();
        }
        FetchError::Connect {
            url: url.to_string(),
            message,
            attempts,
        }
    } else {
        FetchError::Request {
            url: url.to_string(),
            message: e.to_string(),
        }
    }
}

/// Fetches a job posting and extracts its text, retrying timeouts, connection errors, 429 and
/// 5xx with doubling backoff. `on_retry` hears about each retry (for progress messages).
pub async fn fetch_posting(
    url: &str,
    opts: &FetchOptions,
    mut on_retry: impl FnMut(&FetchError, Duration),
) -> Result<Posting, FetchError> {
    let parsed = reqwest::Url::parse(url).map_err(|e| FetchError::InvalidUrl {
        url: url.to_string(),
        reason: e.to_string(),
    })?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(FetchError::InvalidUrl {
            url: url.to_string(),
            reason: format!("scheme '{}' is not http or https", parsed.scheme()),
        });
    }
    let client = client(opts, url)?;
    let mut wait = opts.backoff;
    let mut n = 1;
    loop {
        match attempt(&client, url, opts, n).await {
            Attempt::Done(result) => return result,
            Attempt::Retry(err) if n > opts.retries => return Err(err),
            Attempt::Retry(err) => {
                on_retry(&err, wait);
                tokio::time::sleep(wait).await;
                wait = wait.saturating_mul(2);
                n += 1;
            }
        }
    }
}

fn selector(css: &str) -> Option<Selector> {
    Selector::parse(css).ok()
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

/// A JSON value as text: a string, the strings of an array, or an object's name/description.
fn json_text(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::String(s) if !s.trim().is_empty() => Some(s.clone()),
        serde_json::Value::Array(items) => {
            let parts: Vec<String> = items.iter().filter_map(json_text).collect();
            (!parts.is_empty()).then(|| parts.join("\n"))
        }
        serde_json::Value::Object(map) => ["description", "name"]
            .iter()
            .find_map(|k| map.get(*k).and_then(json_text)),
        _ => None,
    }
}

fn is_job_posting(v: &serde_json::Value) -> bool {
    match v.get("@type") {
        Some(serde_json::Value::String(t)) => t == "JobPosting",
        Some(serde_json::Value::Array(ts)) => ts.iter().any(|t| t == "JobPosting"),
        _ => false,
    }
}

fn find_job_posting(v: &serde_json::Value) -> Option<&serde_json::Value> {
    if is_job_posting(v) {
        return Some(v);
    }
    match v {
        serde_json::Value::Array(items) => items.iter().find_map(find_job_posting),
        serde_json::Value::Object(map) => map.get("@graph").and_then(find_job_posting),
        _ => None,
    }
}

/// HTML (a whole page or a fragment) as text, keeping headings and list items as Markdown.
pub fn html_to_text(html: &str) -> String {
    let doc = Html::parse_fragment(html);
    let mut out = String::new();
    walk(doc.root_element(), &mut out);
    tidy(&out)
}

const SKIP: &[&str] = &[
    "script", "style", "noscript", "nav", "header", "footer", "svg", "form", "button", "template",
    "iframe", "head", "aside", "select",
];
const BLOCK: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "ul",
    "ol",
    "table",
    "tr",
    "dl",
    "dd",
    "dt",
    "blockquote",
    "pre",
    "br",
    "hr",
    "body",
];

fn walk(el: ElementRef<'_>, out: &mut String) {
    for child in el.children() {
        match child.value() {
            Node::Text(t) => {
                let s = collapse(t);
                if !s.is_empty() {
                    if !out.ends_with(['\n', ' ']) && !out.is_empty() {
                        out.push(' ');
                    }
                    out.push_str(&s);
                }
            }
            Node::Element(e) => {
                let name = e.name();
                if SKIP.contains(&name) {
                    continue;
                }
                let Some(child_el) = ElementRef::wrap(child) else {
                    continue;
                };
                match name {
                    "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                        out.push_str("\n\n## ");
                        walk(child_el, out);
                        out.push_str("\n\n");
                    }
                    "li" => {
                        out.push_str("\n- ");
                        walk(child_el, out);
                        out.push('\n');
                    }
                    "strong" | "b" => {
                        let mut inner = String::new();
                        walk(child_el, &mut inner);
                        let inner = inner.trim();
                        if !inner.is_empty() {
                            if !out.ends_with(['\n', ' ']) && !out.is_empty() {
                                out.push(' ');
                            }
                            out.push_str(inner);
                        }
                    }
                    _ if BLOCK.contains(&name) => {
                        out.push('\n');
                        walk(child_el, out);
                        out.push('\n');
                    }
                    _ => walk(child_el, out),
                }
            }
            _ => {}
        }
    }
}

/// Lines a hosted job board puts around a posting that say nothing about the job.
fn is_board_chrome(line: &str) -> bool {
    let lower = line.trim_start_matches(['#', ' ']).to_lowercase();
    let short = lower.split_whitespace().count() <= 8;
    short
        && (lower.starts_with("apply for this job")
            || lower.starts_with("apply now")
            || lower.starts_with("submit application")
            || lower.starts_with("back to jobs")
            || lower.starts_with("view all jobs")
            || lower.contains("powered by"))
}

fn tidy(text: &str) -> String {
    let mut out = String::new();
    let mut blank = 0;
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() || line == "-" || is_board_chrome(line) {
            blank += 1;
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
            if blank > 0 && !line.starts_with("- ") {
                out.push('\n');
            }
        }
        blank = 0;
        out.push_str(line);
    }
    out
}

fn meta(doc: &Html, names: &[&str]) -> Option<String> {
    names
        .iter()
        .filter_map(|n| {
            let css = if n.starts_with("og:") {
                format!("meta[property=\"{n}\"]")
            } else {
                format!("meta[name=\"{n}\"]")
            };
            let sel = selector(&css)?;
            doc.select(&sel)
                .find_map(|m| m.attr("content").map(collapse))
                .filter(|s| !s.is_empty())
        })
        .max_by_key(String::len)
}

fn from_json_ld(doc: &Html) -> Option<Posting> {
    let sel = selector("script[type=\"application/ld+json\"]")?;
    for script in doc.select(&sel) {
        let raw: String = script.text().collect();
        let Ok(value) = serde_json::from_str::<serde_json::Value>(raw.trim()) else {
            continue;
        };
        let Some(job) = find_job_posting(&value) else {
            continue;
        };
        let title = job.get("title").and_then(json_text).map(|t| collapse(&t));
        let company = job
            .get("hiringOrganization")
            .and_then(json_text)
            .map(|c| collapse(&c));
        let mut text = String::new();
        if let Some(t) = &title {
            text.push_str("# ");
            text.push_str(t);
            text.push_str("\n\n");
        }
        if let Some(d) = job.get("description").and_then(json_text) {
            text.push_str(&html_to_text(&d));
            text.push('\n');
        }
        for (key, heading) in [
            ("responsibilities", "Responsibilities"),
            ("qualifications", "Qualifications"),
            ("experienceRequirements", "Experience"),
            ("educationRequirements", "Education"),
            ("skills", "Skills"),
        ] {
            if let Some(v) = job.get(key).and_then(json_text) {
                let _ = write!(text, "\n## {heading}\n\n{}\n", html_to_text(&v));
            }
        }
        if word_count(&text) >= 15 {
            return Some(Posting {
                title,
                company,
                text: text.trim().to_string(),
                extraction: Extraction::JsonLd,
            });
        }
    }
    None
}

/// The text of the page's first `h1` (else `h2`), if it has one.
fn first_heading(doc: &Html) -> Option<String> {
    ["h1", "h2"].iter().find_map(|css| {
        let sel = selector(css)?;
        doc.select(&sel)
            .map(|h| collapse(&h.text().collect::<String>()))
            .find(|t| !t.is_empty())
    })
}

/// A page title such as "Acme - Staff Engineer", "Staff Engineer | Acme" or "Job Application for
/// Staff Engineer at Acme" split into the job title (the part the page's heading repeats) and the
/// company; a title the heading does not appear in is kept whole, with no company.
fn split_page_title(title: &str, heading: &str) -> (Option<String>, Option<String>) {
    let title = title.trim();
    let heading = heading.trim();
    if title.eq_ignore_ascii_case(heading) || heading.is_empty() {
        return (Some(heading.to_string()), None);
    }
    let Some(at) = title.find(heading) else {
        return (Some(title.to_string()), None);
    };
    let before = title[..at].trim();
    let after = title[at + heading.len()..].trim();
    let strip = |s: &str| {
        s.trim_matches(|c: char| c == '-' || c == '|' || c == '–' || c == '—' || c == ':')
            .trim()
            .to_string()
    };
    let after = after
        .strip_prefix("at ")
        .map_or_else(|| strip(after), strip);
    let before = strip(before);
    // "Job Application for <title> at <company>": the words before the title name no company.
    let before = if before.to_lowercase().starts_with("job application") {
        String::new()
    } else {
        before
    };
    let company = [after, before]
        .into_iter()
        .find(|c| !c.is_empty() && c.split_whitespace().count() <= 6);
    (Some(heading.to_string()), company)
}

/// The job title and, when a page title names it beside the heading, the company: the first of
/// the meta title and the `<title>` that splits around the heading; else the meta title, the
/// `<title>` or the heading, in that order.
fn titled(
    meta_title: Option<String>,
    tag_title: Option<String>,
    heading: Option<String>,
) -> (Option<String>, Option<String>) {
    if let Some(h) = &heading {
        let split = [&meta_title, &tag_title]
            .into_iter()
            .flatten()
            .map(|t| split_page_title(t, h))
            .find(|(_, company)| company.is_some());
        if let Some(found) = split {
            return found;
        }
    }
    (meta_title.or(tag_title).or(heading), None)
}

fn readable_root(doc: &Html) -> Option<ElementRef<'_>> {
    ["main", "article", "[role=\"main\"]", "body"]
        .iter()
        .filter_map(|css| selector(css))
        .find_map(|sel| doc.select(&sel).next())
}

fn looks_javascript_only(doc: &Html, html: &str) -> bool {
    let lower = html.to_lowercase();
    let noscript = selector("noscript").is_some_and(|sel| {
        doc.select(&sel).any(|n| {
            n.text()
                .collect::<String>()
                .to_lowercase()
                .contains("javascript")
        })
    });
    let scripts = selector("script[src]").map_or(0, |sel| doc.select(&sel).count());
    let app_root = [
        "id=\"root\"",
        "id=\"app\"",
        "id=\"__next\"",
        "id=\"__nuxt\"",
        "ng-app",
        "data-reactroot",
    ]
    .iter()
    .any(|m| lower.contains(m));
    noscript || app_root || scripts >= 3 || lower.contains("enable javascript")
}

/// Extracts a posting from a page: JSON-LD JobPosting first, then meta tags (when the page text
/// is not much fuller), then readable text.
pub fn extract_posting(html: &str) -> Result<Posting, ExtractError> {
    let doc = Html::parse_document(html);
    if let Some(p) = from_json_ld(&doc) {
        return Ok(p);
    }
    let meta_title = meta(&doc, &["og:title", "twitter:title"]);
    let tag_title = selector("title")
        .and_then(|sel| {
            doc.select(&sel)
                .next()
                .map(|t| collapse(&t.text().collect::<String>()))
        })
        .filter(|t| !t.is_empty());
    let (title, named_company) = titled(meta_title, tag_title, first_heading(&doc));
    let company = meta(&doc, &["og:site_name"]).or(named_company);
    let description = meta(
        &doc,
        &["og:description", "description", "twitter:description"],
    );
    let readable = readable_root(&doc).map_or_else(String::new, |root| {
        let mut out = String::new();
        walk(root, &mut out);
        tidy(&out)
    });
    let meta_words = description.as_deref().map_or(0, word_count);
    let text_words = word_count(&readable);
    let with_title = |body: &str| match &title {
        Some(t) if !body.contains(t.as_str()) => format!("# {t}\n\n{body}"),
        _ => body.to_string(),
    };
    if meta_words >= 25 && text_words < meta_words * 3 {
        return Ok(Posting {
            title: title.clone(),
            company,
            text: with_title(description.as_deref().unwrap_or_default()),
            extraction: Extraction::MetaTags,
        });
    }
    if text_words >= 60 {
        return Ok(Posting {
            text: with_title(&readable),
            title,
            company,
            extraction: Extraction::ReadableText,
        });
    }
    if looks_javascript_only(&doc, html) {
        Err(ExtractError::JavaScriptOnly)
    } else {
        Err(ExtractError::NothingUsable {
            words: text_words.max(meta_words),
        })
    }
}

fn plain_posting(text: &str) -> Result<Posting, ExtractError> {
    let words = word_count(text);
    if words < 60 {
        return Err(ExtractError::NothingUsable { words });
    }
    Ok(Posting {
        title: None,
        company: None,
        text: text.trim().to_string(),
        extraction: Extraction::ReadableText,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_titles_split_into_job_title_and_company() {
        let split = |t: &str, h: &str| split_page_title(t, h);
        assert_eq!(
            split(
                "Tidewater Health - Staff Data Scientist",
                "Staff Data Scientist"
            ),
            (
                Some("Staff Data Scientist".into()),
                Some("Tidewater Health".into())
            )
        );
        assert_eq!(
            split("Staff Engineer | Acme", "Staff Engineer"),
            (Some("Staff Engineer".into()), Some("Acme".into()))
        );
        assert_eq!(
            split(
                "Job Application for Senior Site Reliability Engineer at Harbor Logistics",
                "Senior Site Reliability Engineer"
            ),
            (
                Some("Senior Site Reliability Engineer".into()),
                Some("Harbor Logistics".into())
            )
        );
        assert_eq!(
            split("Careers", "Backend Engineer"),
            (Some("Careers".into()), None)
        );
        assert_eq!(
            split("Backend Engineer", "Backend Engineer"),
            (Some("Backend Engineer".into()), None)
        );
    }

    #[test]
    fn board_chrome_lines_are_dropped_but_job_lines_stay() {
        assert!(is_board_chrome("Apply for this job"));
        assert!(is_board_chrome("Jobs powered by a hiring platform"));
        assert!(is_board_chrome("## Apply now"));
        assert!(!is_board_chrome(
            "You will apply for this job's budget with finance every quarter and own the forecast."
        ));
        assert!(!is_board_chrome("- Strong Python and SQL."));
    }

    #[test]
    fn json_ld_in_a_graph_with_html_description() {
        let html = r#"<html><head><script type="application/ld+json">
        {"@context":"https://schema.org","@graph":[{"@type":"Organization","name":"X"},
         {"@type":["JobPosting"],"title":"Data Engineer","hiringOrganization":{"@type":"Organization","name":"Acme"},
          "description":"<p>We move data.</p><h3>Requirements</h3><ul><li>Strong SQL and Airflow</li><li>Kafka</li></ul>"}]}
        </script></head><body></body></html>"#;
        let p = extract_posting(html).unwrap();
        assert_eq!(p.extraction, Extraction::JsonLd);
        assert_eq!(p.title.as_deref(), Some("Data Engineer"));
        assert_eq!(p.company.as_deref(), Some("Acme"));
        assert!(p.text.contains("## Requirements"), "{}", p.text);
        assert!(p.text.contains("- Strong SQL and Airflow"), "{}", p.text);
    }

    #[test]
    fn readable_text_skips_navigation_and_scripts() {
        let body = "Build reliable services in Go. ".repeat(15);
        let html = format!(
            "<html><body><nav>Home Jobs Login</nav><main><h1>Backend Engineer</h1><p>{body}</p><script>var x=1;</script></main><footer>© us</footer></body></html>"
        );
        let p = extract_posting(&html).unwrap();
        assert_eq!(p.extraction, Extraction::ReadableText);
        assert!(p.text.starts_with("## Backend Engineer"), "{}", p.text);
        assert!(
            !p.text.contains("Login") && !p.text.contains("var x"),
            "{}",
            p.text
        );
    }
}

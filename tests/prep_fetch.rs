//! Job posting fetches against a local axum server on 127.0.0.1: a JSON-LD page, a meta-only
//! page, a JavaScript-only page, two hosted job-board pages without structured data, 404, 403, a
//! flaky page that succeeds on retry, and a slow page that times out.
#![allow(clippy::unwrap_used)]

use axum::Router;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse};
use axum::routing::get;
use hotseat::prep::fetch::{Extraction, FetchError, FetchOptions, fetch_posting};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

const JSON_LD: &str = r#"<!doctype html><html><head><title>Careers</title>
<script type="application/ld+json">{"@context":"https://schema.org","@type":"JobPosting",
"title":"Senior Data Engineer","hiringOrganization":{"@type":"Organization","name":"Riverbank Analytics"},
"description":"<p>We build the pipelines behind our analytics product.</p><h2>Requirements</h2><ul><li>You must have strong SQL and Apache Airflow experience.</li><li>Experience with Kafka streaming.</li></ul>"}
</script></head><body><div id="root"></div></body></html>"#;

const META_ONLY: &str = r#"<!doctype html><html><head><title>Product Manager | Fieldnote</title>
<meta property="og:title" content="Product Manager, Growth">
<meta name="description" content="Fieldnote is hiring a product manager to own our self-serve funnel. You will run product discovery with customers every week, define success metrics for launches, and align engineering and design on priorities. You must be data-driven and comfortable with A/B testing.">
</head><body><div id="app"></div><script src="/a.js"></script></body></html>"#;

const JS_ONLY: &str = r#"<!doctype html><html><head><title>Jobs</title></head><body>
<noscript>You need to enable JavaScript to run this app.</noscript><div id="root"></div>
<script src="/static/js/main.js"></script></body></html>"#;

/// A hosted job-board page in the style of Greenhouse boards: header with the title and company,
/// the posting in a content div, an application form after it; no JSON-LD.
const BOARD_GREENHOUSE_LIKE: &str = r#"<!doctype html><html><head>
<title>Job Application for Senior Site Reliability Engineer at Harbor Logistics</title>
<meta property="og:title" content="Senior Site Reliability Engineer">
<meta property="og:description" content="Come join our team!">
</head><body><div id="app_body">
<div id="header"><h1 class="app-title">Senior Site Reliability Engineer</h1>
<span class="company-name">at Harbor Logistics</span><div class="location">Rotterdam (hybrid)</div></div>
<div id="content">
<p>Harbor Logistics moves containers for 400 shippers. Our platform team keeps the booking and tracking systems up around the clock.</p>
<p><strong>What you will do</strong></p>
<ul><li>Own the reliability of our Kubernetes clusters and the services that run on them.</li>
<li>Define service level objectives with product teams and hold the error budget.</li>
<li>Lead incident response and write blameless postmortems.</li></ul>
<p><strong>What you bring</strong></p>
<ul><li>You must have five or more years running production systems on Linux.</li>
<li>Strong Terraform and Prometheus experience.</li>
<li>Experience with on-call rotations and capacity planning.</li></ul>
</div>
<div id="application"><form><label>First name</label><input name="first_name"><button>Submit application</button></form></div>
</div></body></html>"#;

/// A hosted job-board page in the style of Lever boards: a headline block, sections of the
/// posting, an apply button and a footer; no JSON-LD.
const BOARD_LEVER_LIKE: &str = r#"<!doctype html><html><head>
<title>Tidewater Health - Staff Data Scientist</title>
<meta name="twitter:title" content="Tidewater Health - Staff Data Scientist">
<meta name="twitter:description" content="Our mission is better care at home.">
</head><body><div class="content-wrapper posting-page">
<div class="posting-headline"><h2>Staff Data Scientist</h2>
<div class="posting-categories"><div class="location">Remote, Europe</div><div class="department">Data</div></div></div>
<div class="section-wrapper page-full-width"><div class="section page-centered" data-qa="job-description">
<div>Tidewater Health builds software for home-care nurses. We use data to decide which patients need a visit first.</div></div>
<div class="section page-centered"><h3>What you will do</h3><ul class="posting-requirements plain-list">
<li>Design and analyse experiments on scheduling changes with the operations team.</li>
<li>Build forecasting models for visit demand and explain them to clinical leads.</li>
<li>Mentor two data scientists.</li></ul></div>
<div class="section page-centered"><h3>Requirements</h3><ul class="posting-requirements plain-list">
<li>You must have deep experience with causal inference and A/B testing.</li>
<li>Strong Python and SQL.</li><li>Experience shipping models to production.</li></ul></div>
<div class="section page-centered last-section-apply"><a class="postings-btn" href="/apply">Apply for this job</a></div>
</div></div>
<div class="main-footer page-full-width"><p>Jobs powered by a hiring platform</p></div>
</body></html>"#;

async fn server() -> String {
    let flaky_hits = Arc::new(AtomicUsize::new(0));
    let app = Router::new()
        .route("/jsonld", get(|| async { Html(JSON_LD) }))
        .route("/meta", get(|| async { Html(META_ONLY) }))
        .route("/js", get(|| async { Html(JS_ONLY) }))
        .route("/board-a", get(|| async { Html(BOARD_GREENHOUSE_LIKE) }))
        .route("/board-b", get(|| async { Html(BOARD_LEVER_LIKE) }))
        .route(
            "/blocked",
            get(|| async { (StatusCode::FORBIDDEN, "no bots").into_response() }),
        )
        .route(
            "/slow",
            get(|| async {
                tokio::time::sleep(Duration::from_secs(5)).await;
                Html(JSON_LD)
            }),
        )
        .route(
            "/flaky",
            get(move || {
                let hits = Arc::clone(&flaky_hits);
                async move {
                    if hits.fetch_add(1, Ordering::SeqCst) == 0 {
                        (StatusCode::SERVICE_UNAVAILABLE, "busy").into_response()
                    } else {
                        Html(JSON_LD).into_response()
                    }
                }
            }),
        );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    format!("http://{addr}")
}

fn opts() -> FetchOptions {
    FetchOptions {
        timeout: Duration::from_millis(400),
        connect_timeout: Duration::from_millis(400),
        retries: 1,
        backoff: Duration::from_millis(20),
        use_proxy: false,
    }
}

#[tokio::test]
async fn json_ld_posting_is_read_first() {
    let base = server().await;
    let p = fetch_posting(&format!("{base}/jsonld"), &opts(), |_, _| {})
        .await
        .unwrap();
    assert_eq!(p.extraction, Extraction::JsonLd);
    assert_eq!(p.title.as_deref(), Some("Senior Data Engineer"));
    assert_eq!(p.company.as_deref(), Some("Riverbank Analytics"));
    assert!(p.text.starts_with("# Senior Data Engineer"), "{}", p.text);
    assert!(
        p.text
            .contains("- You must have strong SQL and Apache Airflow experience."),
        "{}",
        p.text
    );
}

#[tokio::test]
async fn meta_only_page_gives_the_summary_and_says_so() {
    let base = server().await;
    let p = fetch_posting(&format!("{base}/meta"), &opts(), |_, _| {})
        .await
        .unwrap();
    assert_eq!(p.extraction, Extraction::MetaTags);
    assert_eq!(p.title.as_deref(), Some("Product Manager, Growth"));
    assert!(p.text.contains("self-serve funnel"), "{}", p.text);
    assert!(Extraction::MetaTags.label().contains("paste the full text"));
}

#[tokio::test]
async fn javascript_only_page_says_why_and_asks_for_the_text() {
    let base = server().await;
    let err = fetch_posting(&format!("{base}/js"), &opts(), |_, _| {})
        .await
        .unwrap_err();
    let msg = err.to_string();
    assert!(matches!(err, FetchError::Unusable { .. }), "{err:?}");
    assert!(msg.contains("JavaScript"), "{msg}");
    assert!(msg.contains("--jd FILE"), "{msg}");
}

#[tokio::test]
async fn not_found_and_blocked_fail_at_once_with_their_own_message() {
    let base = server().await;
    let mut retries = 0;
    let err = fetch_posting(&format!("{base}/gone"), &opts(), |_, _| retries += 1)
        .await
        .unwrap_err();
    assert!(
        matches!(err, FetchError::NotFound { status: 404, .. }),
        "{err:?}"
    );
    assert!(
        err.to_string().contains("page not found (HTTP 404)"),
        "{err}"
    );
    let err = fetch_posting(&format!("{base}/blocked"), &opts(), |_, _| retries += 1)
        .await
        .unwrap_err();
    assert!(
        matches!(err, FetchError::Blocked { status: 403, .. }),
        "{err:?}"
    );
    assert!(err.to_string().contains("refused the request"), "{err}");
    assert_eq!(retries, 0, "404 and 403 are not retried");
}

#[tokio::test]
async fn slow_page_times_out_after_retrying() {
    let base = server().await;
    let mut retries = 0;
    let err = fetch_posting(&format!("{base}/slow"), &opts(), |_, _| retries += 1)
        .await
        .unwrap_err();
    assert!(
        matches!(err, FetchError::Timeout { attempts: 2, .. }),
        "{err:?}"
    );
    assert!(
        err.to_string()
            .contains("no answer within 0.4s after 2 attempt(s)"),
        "{err}"
    );
    assert_eq!(retries, 1);
}

#[tokio::test]
async fn server_error_is_retried_with_backoff() {
    let base = server().await;
    let mut waits = Vec::new();
    let p = fetch_posting(&format!("{base}/flaky"), &opts(), |_, w| waits.push(w))
        .await
        .unwrap();
    assert_eq!(p.extraction, Extraction::JsonLd);
    assert_eq!(waits, vec![Duration::from_millis(20)]);
}

#[tokio::test]
async fn refused_connection_and_bad_urls_are_explained() {
    // a port nothing listens on: bind, read the port, close
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let err = fetch_posting(&format!("http://127.0.0.1:{port}/x"), &opts(), |_, _| {})
        .await
        .unwrap_err();
    assert!(
        matches!(err, FetchError::Connect { attempts: 2, .. }),
        "{err:?}"
    );
    let err = fetch_posting("ftp://example.com/job", &opts(), |_, _| {})
        .await
        .unwrap_err();
    assert!(err.to_string().contains("not http or https"), "{err}");
}

#[tokio::test]
async fn hosted_board_pages_without_structured_data_give_the_posting_text() {
    let base = server().await;
    let a = fetch_posting(&format!("{base}/board-a"), &opts(), |_, _| {})
        .await
        .unwrap();
    assert_eq!(a.extraction, Extraction::ReadableText);
    assert_eq!(a.title.as_deref(), Some("Senior Site Reliability Engineer"));
    for line in [
        "Define service level objectives",
        "You must have five or more years running production systems on Linux.",
        "Strong Terraform and Prometheus experience.",
    ] {
        assert!(a.text.contains(line), "missing {line:?} in {}", a.text);
    }
    assert_eq!(a.company.as_deref(), Some("Harbor Logistics"));
    assert!(!a.text.contains("Submit application"), "{}", a.text);
    let b = fetch_posting(&format!("{base}/board-b"), &opts(), |_, _| {})
        .await
        .unwrap();
    assert_eq!(b.extraction, Extraction::ReadableText);
    for line in [
        "Design and analyse experiments",
        "You must have deep experience with causal inference and A/B testing.",
        "Strong Python and SQL.",
    ] {
        assert!(b.text.contains(line), "missing {line:?} in {}", b.text);
    }
    assert_eq!(b.title.as_deref(), Some("Staff Data Scientist"));
    assert_eq!(b.company.as_deref(), Some("Tidewater Health"));
    assert!(!b.text.contains("Apply for this job"), "{}", b.text);
    assert!(!b.text.contains("powered by"), "{}", b.text);
}

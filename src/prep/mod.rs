//! Prep guides: read a job description (file, stdin or URL), a resume and prior-round notes;
//! analyse them offline against the skills vocabulary and the bank; build, render and export
//! the guide (Markdown, PDF, to a file of its own); with an LLM, enrich it section by section.

pub mod analyze;
pub mod enrich_prompts;
pub mod enricher;
pub mod enrichment;
pub mod export;
pub mod fetch;
pub mod focus;
pub mod guide;
pub mod input;
pub mod markdown;
pub mod pdf;
pub mod plan;
pub mod predict;
pub mod request;
pub mod resume;
pub mod vocabulary;

pub use analyze::{Analysis, Driver, Seniority, SkillHit, analyze};
pub use enricher::{GuideEnricher, SectionOutcome};
pub use enrichment::{EnrichKind, Enrichment, SectionSource};
pub use export::ExportFormat;
pub use guide::{Guide, GuideId, SectionKind, build_guide};
pub use input::{JdSource, PrepInput};
pub use request::{GuideRequest, InputField, RequestError};
pub use vocabulary::Vocabulary;

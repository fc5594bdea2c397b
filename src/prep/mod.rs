//! Prep guides: read a job description (file, stdin or URL), a resume and prior-round notes;
//! analyse them offline against the skills vocabulary and the bank; build, render and export
//! the guide (Markdown, PDF).

pub mod analyze;
pub mod fetch;
pub mod focus;
pub mod guide;
pub mod input;
pub mod markdown;
pub mod pdf;
pub mod plan;
pub mod predict;
pub mod resume;
pub mod vocabulary;

pub use analyze::{Analysis, Driver, Seniority, SkillHit, analyze};
pub use guide::{Guide, GuideId, SectionKind, build_guide};
pub use input::{JdSource, PrepInput};
pub use vocabulary::Vocabulary;

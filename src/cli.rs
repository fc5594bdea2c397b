//! Command-line definitions (clap derive): global flags and every subcommand.

use crate::domain::{Difficulty, InterviewStage, QuestionKind, Role};
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// Interview practice in the terminal.
#[derive(Debug, Parser)]
#[command(
    name = "hotseat",
    version,
    about = "Interview practice in the terminal: a prep bank, timed practice with instant scoring, mock interviews, trends and prep guides.",
    after_help = "Run with no command to open the full-screen app.\n\nFiles: config in the config dir (config.toml, question_banks/, personas/); data and logs in the data dir.\n`hotseat data path` prints both. Logs: <data dir>/logs/hotseat.log."
)]
pub struct Cli {
    /// Data dir (database, logs); overrides HOTSEAT_DATA_DIR and the config file.
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Config dir (config.toml, question_banks/, personas/); overrides HOTSEAT_CONFIG_DIR.
    #[arg(long, global = true, value_name = "DIR")]
    pub config_dir: Option<PathBuf>,
    /// Override a setting for this run, e.g. `--set question_count=3` (repeatable).
    #[arg(long = "set", global = true, value_name = "KEY=VALUE")]
    pub sets: Vec<String>,
    /// Print machine-readable JSON instead of text.
    #[arg(long, global = true)]
    pub json: bool,
    /// What to do; the full-screen app when absent.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Every subcommand.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// List, show, search and count bank questions.
    #[command(subcommand)]
    Questions(QuestionsCommand),
    /// List and show interviewer personas.
    #[command(subcommand)]
    Personas(PersonasCommand),
    /// Check bank and persona files.
    #[command(subcommand)]
    Banks(BanksCommand),
    /// Show the merged configuration.
    #[command(subcommand)]
    Config(ConfigCommand),
    /// Where data lives; what it holds; delete it.
    #[command(subcommand)]
    Data(DataCommand),
    /// Open the app straight into a timed practice run; `practice plan` and `practice answer`
    /// script one.
    Practice(PracticeArgs),
    /// Open the app straight into Browse, with filters applied.
    Browse {
        /// Only this kind.
        #[arg(long)]
        kind: Option<QuestionKind>,
        /// Only questions for this role.
        #[arg(long)]
        role: Option<Role>,
        /// Start with this fuzzy search.
        #[arg(long)]
        search: Option<String>,
    },
    /// The LLM connection (optional; everything works offline).
    #[command(subcommand)]
    Llm(LlmCommand),
    /// LLM token use per month and per session, and the budget state.
    Usage,
    /// Build a prep guide from a job description (file, URL or stdin), or list and show saved ones.
    Prep(PrepArgs),
    /// Score an answer offline (`--question ID --answer-file F`) or a JSON Lines batch (`--batch IN`).
    Score(ScoreArgs),
    /// Print your progress: averages, streaks, velocity, weak areas, reviews due, the next session.
    Progress,
    /// Open the app on the trends screen.
    Trends,
    /// Write the progress report (md) or every attempt (json, csv).
    Export {
        /// md: the progress report with a table per category; json: attempts, restorable with
        /// `hotseat import`; csv: one row per attempt.
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// Write here instead of stdout.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Restore attempts from a JSON export (attempts already stored are skipped).
    Import {
        /// The file written by `hotseat export --format json`.
        file: PathBuf,
    },
    /// List past practice sessions and mock interviews, or show one in full.
    History(HistoryArgs),
    /// Open the app straight into a mock interview, or run one from a script (`--script FILE`).
    Mock(MockArgs),
    /// Print a shell completion script.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
}

/// `hotseat practice [plan|answer] …`
#[derive(Debug, Clone, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct PracticeArgs {
    /// Plan a session or answer a question without the app.
    #[command(subcommand)]
    pub command: Option<PracticeCommand>,
    /// What to practise: behavioral, technical, system_design, situational, company,
    /// questions_to_ask, mixed, weak_areas or starred.
    #[arg(long, default_value = "mixed")]
    pub kind: crate::practice::PracticeKind,
    /// Role, difficulty and count.
    #[command(flatten)]
    pub filter: SessionFilter,
    /// Session length in minutes, split evenly across the questions (default: each
    /// question's own limit).
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=480))]
    pub minutes: Option<u32>,
}

/// Which questions a practice session takes, and how many (`practice` and `practice plan`).
#[derive(Debug, Clone, Args)]
pub struct SessionFilter {
    /// Only questions for this role (default: the role setting).
    #[arg(long)]
    pub role: Option<Role>,
    /// Only this difficulty.
    #[arg(long)]
    pub difficulty: Option<Difficulty>,
    /// How many questions (default: the question_count setting).
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=50))]
    pub count: Option<u32>,
}

/// `hotseat practice plan|answer`
#[derive(Debug, Clone, Subcommand)]
pub enum PracticeCommand {
    /// Print the questions a practice session with these settings would ask.
    Plan(PlanArgs),
    /// Score an answer to a bank question and store it as a practice attempt.
    Answer(AnswerArgs),
}

/// `hotseat practice plan …`
#[derive(Debug, Clone, Args)]
pub struct PlanArgs {
    /// What to practise: behavioral, technical, system_design, situational, company,
    /// questions_to_ask, mixed, weak_areas, starred, or due (reviews due now).
    #[arg(long, default_value = "mixed")]
    pub kind: crate::practice::PlanKind,
    /// Role, difficulty and count.
    #[command(flatten)]
    pub filter: SessionFilter,
    /// Plan with this seed; the same seed and history give the same plan (default: today's date).
    #[arg(long, value_name = "N")]
    pub seed: Option<u64>,
}

/// `hotseat practice answer …`
#[derive(Debug, Clone, Args)]
pub struct AnswerArgs {
    /// The bank question id the answer is for.
    #[arg(long, value_name = "ID")]
    pub question: String,
    /// The file holding the answer; `-` reads stdin.
    #[arg(long, value_name = "FILE")]
    pub answer_file: PathBuf,
    /// Seconds the answer took (marks it overtime past the question's limit).
    #[arg(long, value_name = "S", value_parser = clap::value_parser!(u32).range(0..=86_400))]
    pub seconds: Option<u32>,
    /// Add the answer to this practice session (an id or its first characters, as printed by an
    /// earlier answer); a new one-question session when absent.
    #[arg(long, value_name = "ID")]
    pub session: Option<String>,
}

/// `hotseat score …`
#[derive(Debug, Clone, Args)]
#[command(group(clap::ArgGroup::new("mode").required(true).args(["question", "batch"])))]
pub struct ScoreArgs {
    /// The bank question id the answer is for.
    #[arg(long, value_name = "ID", requires = "answer_file")]
    pub question: Option<String>,
    /// The file holding the answer; `-` reads stdin.
    #[arg(long, value_name = "FILE", requires = "question")]
    pub answer_file: Option<PathBuf>,
    /// Score a JSON Lines file of `{id, kind, question, reference_answer?, talking_points?, answer}` rows.
    #[arg(long, value_name = "IN.jsonl", conflicts_with_all = ["question", "answer_file"])]
    pub batch: Option<PathBuf>,
    /// Where batch results go (JSON Lines); stdout when absent.
    #[arg(long, value_name = "OUT.jsonl", requires = "batch")]
    pub out: Option<PathBuf>,
}

/// Filters shared by question listings.
#[derive(Debug, Clone, Default, Args)]
pub struct FilterArgs {
    /// Only this kind (behavioral, technical, system_design, situational, company, questions_to_ask).
    #[arg(long)]
    pub kind: Option<QuestionKind>,
    /// Only questions for this role (e.g. software_engineer, product_manager).
    #[arg(long)]
    pub role: Option<Role>,
    /// Only this difficulty (easy, medium, hard).
    #[arg(long)]
    pub difficulty: Option<Difficulty>,
    /// Only questions with this tag.
    #[arg(long)]
    pub tag: Option<String>,
}

/// `hotseat questions …`
#[derive(Debug, Subcommand)]
pub enum QuestionsCommand {
    /// List questions, filtered.
    List(FilterArgs),
    /// Show one question in full.
    Show {
        /// The question id.
        id: String,
    },
    /// Fuzzy-search prompts, categories and tags.
    Search {
        /// What to look for.
        text: String,
        /// Filters applied before searching.
        #[command(flatten)]
        filter: FilterArgs,
        /// At most this many results.
        #[arg(long, default_value_t = 20)]
        limit: usize,
    },
    /// Count questions per kind and role (a Markdown table).
    Stats,
}

/// `hotseat personas …`
#[derive(Debug, Subcommand)]
pub enum PersonasCommand {
    /// List personas.
    List,
    /// Show one persona in full.
    Show {
        /// The persona id.
        id: String,
    },
}

/// `hotseat banks …`
#[derive(Debug, Subcommand)]
pub enum BanksCommand {
    /// Validate bank and persona files; with no paths, everything shipped plus the user's files.
    Validate {
        /// Files to check.
        paths: Vec<PathBuf>,
    },
}

/// `hotseat config …`
#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Print every setting, its value and where it came from.
    Show,
}

/// `hotseat data …`
#[derive(Debug, Subcommand)]
pub enum DataCommand {
    /// Print the data and config paths.
    Path,
    /// Print what the store holds.
    Info,
    /// Delete everything under the data dir (asks first).
    Delete {
        /// Do not ask for confirmation.
        #[arg(long)]
        yes: bool,
    },
}

/// `hotseat llm …`
#[derive(Debug, Subcommand)]
pub enum LlmCommand {
    /// Send one tiny request: report the model, latency, streaming and structured output.
    Check,
}

/// `hotseat prep --jd F|URL|- …` builds a guide; `hotseat prep list|show` reads saved ones.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct PrepArgs {
    /// List or show saved guides instead of building one.
    #[command(subcommand)]
    pub command: Option<PrepCommand>,
    /// The job description: a text or Markdown file, an http(s) job posting URL, or - for stdin.
    #[arg(long, value_name = "FILE|URL|-")]
    pub jd: Option<String>,
    /// Your resume as a text or Markdown file.
    #[arg(long, value_name = "FILE")]
    pub resume: Option<PathBuf>,
    /// The company's name.
    #[arg(long)]
    pub company: Option<String>,
    /// The round to prepare for: recruiter, technical, hiring_manager or final.
    #[arg(long, default_value = "technical")]
    pub stage: InterviewStage,
    /// Days until the interview (0 = today).
    #[arg(long, default_value_t = 7, value_parser = clap::value_parser!(u32).range(0..=365))]
    pub days: u32,
    /// Notes from earlier rounds, as a text or Markdown file.
    #[arg(long, value_name = "FILE")]
    pub notes: Option<PathBuf>,
    /// Also write the guide to a file: .md for Markdown, .pdf for PDF.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Open the guide in the full-screen app afterwards.
    #[arg(long)]
    pub open: bool,
    /// Build the offline guide only, even when an LLM is configured.
    #[arg(long)]
    pub offline: bool,
    /// Seconds to wait for a job posting URL (per attempt).
    #[arg(long, value_name = "SECS", default_value_t = 15, value_parser = clap::value_parser!(u64).range(1..=120))]
    pub timeout: u64,
}

/// `hotseat prep list|show`
#[derive(Debug, Subcommand)]
pub enum PrepCommand {
    /// List saved guides, newest last.
    List,
    /// Print a saved guide (by id or a unique id prefix).
    Show {
        /// The guide's id, or its first characters.
        id: String,
        /// Also write it to a file: .md or .pdf.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// Open it in the full-screen app.
        #[arg(long)]
        open: bool,
    },
}

/// What `hotseat export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// The progress report as Markdown.
    Md,
    /// Every attempt as JSON.
    Json,
    /// Every attempt as CSV.
    Csv,
}

/// `hotseat history [show ID]`
#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// Show one session instead of the list.
    #[command(subcommand)]
    pub command: Option<HistoryCommand>,
}

/// `hotseat history show`
#[derive(Debug, Subcommand)]
pub enum HistoryCommand {
    /// Print one session: a mock interview's report and transcript, or a practice session's attempts.
    Show {
        /// The session id, or its first characters.
        id: String,
    },
}

/// `hotseat mock …`
#[derive(Debug, Clone, Args)]
pub struct MockArgs {
    /// The interviewer persona (see `hotseat personas list`); the `interviewer_style` setting when absent.
    #[arg(long)]
    pub persona: Option<String>,
    /// The role interviewed for (e.g. software_engineer, product_manager).
    #[arg(long)]
    pub role: Option<Role>,
    /// The round: recruiter, technical, hiring_manager or final; the persona's usual one when absent.
    #[arg(long)]
    pub stage: Option<InterviewStage>,
    /// Planned length in minutes; the `mock_minutes` setting when absent.
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=240), conflicts_with = "questions")]
    pub minutes: Option<u32>,
    /// Planned length as a number of main questions instead of minutes.
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=12))]
    pub questions: Option<u32>,
    /// A job description (text or Markdown file) to choose questions by.
    #[arg(long, value_name = "FILE")]
    pub jd: Option<PathBuf>,
    /// Run the interview without the app: answers in this file, separated by lines holding only
    /// `---`, answer the warm-up, each question and follow-up, and "any questions for me?" in turn.
    #[arg(long, value_name = "FILE")]
    pub script: Option<PathBuf>,
    /// Plan the scripted interview's questions with this seed (default: the current second).
    #[arg(long, value_name = "N", requires = "script")]
    pub seed: Option<u64>,
}

//! `gemmalint graph`: the landscape as Graphviz DOT or Mermaid, whole or around one element.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::report::LangArg;
use super::{ConfigArgs, Done};
use crate::figures::Figures;
use crate::figures::picture::{Clustering, MAX_NODES, Picture, PictureError, PictureOptions};
use crate::output::{human, picture};
use crate::text::{Problem, suggestion};

#[derive(Debug, Args)]
pub struct GraphArgs {
    /// Model files or directories (default: `model` in gemmalint.toml, else ./landscape).
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = GraphFormat::Dot)]
    pub format: GraphFormat,
    /// Draw only this application or interface (`ID`, `application:ID`, `interface:ID`) and
    /// its neighbours.
    #[arg(long, value_name = "ID")]
    pub focus: Option<String>,
    /// With --focus: how many interface steps around it to draw.
    #[arg(long, value_name = "N", default_value_t = 1, requires = "focus")]
    pub depth: usize,
    /// Group the applications by owner (organisation → department → team), by business
    /// function, or by GEMMA domain.
    #[arg(long, value_enum)]
    pub cluster: Option<ClusterArg>,
    /// Above this many applications a picture needs --focus: beyond about 60 boxes a drawing
    /// no longer reads on one page or screen.
    #[arg(long, value_name = "N", default_value_t = MAX_NODES)]
    pub max_nodes: usize,
    /// The language of the title and the legend.
    #[arg(long, value_enum, default_value_t = LangArg::Nl)]
    pub lang: LangArg,
    /// Write the picture to this file instead of the terminal.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// The date all date logic uses (YYYY-MM-DD), instead of today.
    #[arg(long, value_name = "DATE")]
    pub today: Option<String>,
    #[command(flatten)]
    pub config: ConfigArgs,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum GraphFormat {
    /// Graphviz: `dot -Tsvg landschap.dot -o landschap.svg`.
    Dot,
    /// Mermaid, for Markdown on GitHub and GitLab and for most wikis.
    Mermaid,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum ClusterArg {
    Owner,
    BusinessFunction,
    Domain,
}

fn problem(e: &PictureError) -> Problem {
    match e {
        PictureError::TooLarge {
            nodes,
            max,
            suggestions,
        } => Problem::new(format!(
            "the landscape has {nodes} applications, more than the {max} a picture stays legible with"
        ))
        .help(match suggestions.first() {
            Some(first) => format!(
                "draw one neighbourhood with --focus (for example `--focus {first}`, one of the best connected: {}), or raise the limit with --max-nodes",
                suggestions.join(", ")
            ),
            None => "draw one neighbourhood with --focus ID, or raise the limit with --max-nodes".into(),
        }),
        PictureError::FocusTooLarge { nodes, max } => Problem::new(format!(
            "the focus reaches {nodes} applications, more than the {max} a picture stays legible with"
        ))
        .help("draw fewer steps with a smaller --depth, or raise the limit with --max-nodes"),
        PictureError::UnknownFocus { given, suggestions } => {
            Problem::new(format!("--focus: no application or interface `{given}`")).help(
                suggestion(suggestions).unwrap_or_else(|| {
                    "name an application or interface by its id (`application:ID` or `interface:ID` when both exist)".into()
                }),
            )
        }
    }
}

pub fn run(args: &GraphArgs) -> Done {
    let (outcome, cwd) = match super::checked(
        &args.paths,
        &args.config,
        args.today.clone(),
        crate::engine::BaselineChoice::No,
        "No picture drawn",
    ) {
        Ok(checked) => checked,
        Err(done) => return done,
    };
    let figures = Figures::new(&outcome);
    let options = PictureOptions {
        focus: args.focus.clone(),
        depth: args.depth,
        clustering: args.cluster.map(|c| match c {
            ClusterArg::Owner => Clustering::Owner,
            ClusterArg::BusinessFunction => Clustering::BusinessFunction,
            ClusterArg::Domain => Clustering::Domain,
        }),
        max_nodes: args.max_nodes,
    };
    let failed = |p: &Problem| Done {
        stdout: human::problem(&outcome.sources, p),
        code: 2,
    };
    let drawn = match Picture::new(&figures, &options) {
        Ok(drawn) => drawn,
        Err(e) => return failed(&problem(&e)),
    };
    let lang = args.lang.into();
    let text = match args.format {
        GraphFormat::Dot => picture::to_dot(&drawn, lang),
        GraphFormat::Mermaid => picture::to_mermaid(&drawn, lang),
    };
    match &args.output {
        None => Done {
            stdout: text,
            code: 0,
        },
        Some(path) => match super::write::output(&cwd, path, &text, &outcome.sources, "picture") {
            Ok(_) => Done {
                stdout: format!("The picture is in {}.\n", path.display()),
                code: 0,
            },
            Err(p) => failed(&p),
        },
    }
}

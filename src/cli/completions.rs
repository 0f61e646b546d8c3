//! `gemmalint completions SHELL` and `gemmalint man`: generated from the one CLI definition.

use clap::CommandFactory;

use super::{Cli, CompletionsArgs, Done};

pub fn completions(args: &CompletionsArgs) -> Done {
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "gemmalint", &mut out);
    Done {
        stdout: String::from_utf8_lossy(&out).into_owned(),
        code: 0,
    }
}

pub fn man() -> Done {
    let mut out = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut out)
        .expect("rendering the man page into memory does not fail");
    Done {
        stdout: String::from_utf8_lossy(&out).into_owned(),
        code: 0,
    }
}

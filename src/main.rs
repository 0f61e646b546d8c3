//! The `gemmalint` binary: parses the command line, runs the library, prints, and picks the
//! exit code (0 clean, 1 findings at or above `--fail-on`, 2 problems in the input).

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use gemmalint::cli::{self, Cli, Command};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let done = match &cli.command {
        Command::Check(args) => {
            // The report goes out as it is made: a large one is never held whole.
            let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
            let (code, written) = cli::check::write(args, cli.color, &mut out);
            return finish(code, written.and_then(|()| out.flush()));
        }
        Command::Rules(args) => cli::rules::run(args),
        Command::Explain(args) => cli::explain::run(args),
        Command::Schema(args) => cli::schema::run(args),
        Command::Standards(args) => cli::standards::run(args),
        Command::Gemma(args) => cli::gemma::run(args),
        Command::Baseline(args) => cli::baseline::run(args),
        Command::Report(args) => cli::report::run(args),
        Command::Graph(args) => cli::graph::run(args),
        Command::Init(args) => cli::init::run(args),
        Command::Import(args) => cli::import::run(args),
        Command::Export(args) => cli::export::run(args),
        Command::Completions(args) => cli::completions::completions(args),
        Command::Man => cli::completions::man(),
    };
    let mut stdout = std::io::stdout().lock();
    let written = stdout
        .write_all(done.stdout.as_bytes())
        .and_then(|()| stdout.flush());
    finish(done.code, written)
}

/// The exit code, unless stdout could not take the output (a closed pipe, as `| head` leaves,
/// is no error).
fn finish(code: u8, written: std::io::Result<()>) -> ExitCode {
    if let Err(e) = written
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        eprintln!("gemmalint: cannot write the output: {e}");
        return ExitCode::from(2);
    }
    ExitCode::from(code)
}

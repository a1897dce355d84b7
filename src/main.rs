//! The `axial` binary: parses the command line and hands over to the core (`axial::cli`).

use clap::Parser;

fn main() {
    let cli = axial::cli::Cli::parse();
    let mut stdout = std::io::stdout().lock();
    let result = match cli.command {
        Some(command) => axial::cli::run(command, &mut stdout),
        None => open_app(cli.project),
    };
    if let Err(e) = result {
        eprintln!("axial: {e:#}");
        std::process::exit(1);
    }
}

/// The window does not exist yet: print what the app would open.
fn open_app(project: Option<std::path::PathBuf>) -> anyhow::Result<()> {
    let path = project
        .unwrap_or_else(|| std::path::PathBuf::from("sample_projects/crm_knowledge_creation"));
    let store = axial::project::open(&path, axial::project::Access::Read)?;
    print!("{}", axial::cli::info(&store)?);
    Ok(())
}
